import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isPublicAddress } from '../../src/core/webhook-targets.ts';
import { createWebhook, listDeliveries } from '../../src/core/webhooks.ts';
import { runCli } from '../helper.ts';
import { until } from '../processes.ts';
import { startReceiver, webhookHotel, type Receiver, type WebhookHotel } from './support.ts';

/** Webhook URLs: http(s) only, no credentials, and by default no address inside the server's own networks. */
describe('webhook targets', () => {
  it('tells public addresses from loopback, private, link-local, metadata and reserved ones', () => {
    for (const address of [
      '127.0.0.1',
      '127.1.2.3',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.100.100.200',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      'fc00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      // IPv6 forms that carry an IPv4 address: IPv4-compatible (deprecated), local-use NAT64, 6to4, Teredo
      '::127.0.0.1',
      '::a00:1',
      '64:ff9b:1::a00:1',
      '2002:7f00:1::',
      '2002:a00:1::1',
      '2001:0:4136:e378:8000:63bf:3fff:fdd2',
      '2001:2::1',
      '192.88.99.1',
      // IPv4-translated (SIIT, `::ffff:0:0:0/96`, not the mapped `::ffff:0:0/96`), which a translator maps to the
      // IPv4 address inside; site-local (deprecated, still routed inside some networks); the documentation prefix
      // of RFC 9637; SRv6 segment ids; ORCHID (deprecated)
      '::ffff:0:7f00:1',
      '::ffff:0:a00:1',
      '::ffff:0:8.8.8.8',
      'fec0::1',
      'feff::1',
      '3fff::1',
      '3fff:fff::1',
      '5f00::1',
      '2001:10::1',
      'not an address',
    ])
      assert.equal(isPublicAddress(address), false, address);
    for (const address of [
      '93.184.216.34',
      '8.8.8.8',
      '172.32.0.1',
      '2606:4700::1111',
      '::ffff:8.8.8.8',
      '2001:4860:4860::8888',
      '2003::1',
    ])
      assert.equal(isPublicAddress(address), true, address);
  });

  describe('clientele webhook add', () => {
    let hotel: WebhookHotel;
    before(async () => {
      hotel = await webhookHotel();
    });
    after(() => hotel.close());

    const add = (url: string, format?: string, events?: string[]) =>
      createWebhook(
        hotel.server.db,
        { tenantId: hotel.tenant.id, url, format, events },
        { allowPrivate: false },
      );

    it('refuses bad URLs, formats and event types', async () => {
      const cases: Array<[Parameters<typeof add>, RegExp]> = [
        [['ftp://example.com/hook'], /http:\/\/ or https:\/\//],
        [['not a url'], /absolute http/],
        [['https://user:secret@example.com/hook'], /credentials/],
        [['https://example.com/hook', 'soap'], /unknown format "soap"/],
        [['https://example.com/hook', 'clientele', ['reservation.exploded']], /unknown event type/],
        [['https://example.com/hook', 'zak', ['customer.created']], /zak format carries only/],
        [['https://example.com/hook', 'clientele', []], /at least one event/],
      ];
      for (const [args, message] of cases) await assert.rejects(add(...args), message, args.join(' '));
    });

    it('refuses private addresses, by literal or by name', async () => {
      for (const url of [
        'http://127.0.0.1:8080/hook',
        'http://localhost/hook',
        'http://169.254.169.254/latest/meta-data/',
        'http://10.1.2.3/hook',
        'http://[::1]/hook',
        'http://[::ffff:127.0.0.1]/hook',
      ])
        await assert.rejects(
          add(url),
          /not a public address \(WEBHOOK_ALLOW_PRIVATE=1 allows private ones\)/,
          url,
        );
    });

    it('answers bad input on the command line with a message and exit code 2, writing nothing', async () => {
      const tenant = String(hotel.tenant.id);
      // Exit 2: called wrongly; exit 1: called rightly, but the tenant does not exist (the CLI's convention).
      const cases: Array<[string[], RegExp, number]> = [
        [['--tenant', tenant, '--url', 'ftp://example.com/hook'], /http:\/\/ or https:\/\//, 2],
        [['--tenant', tenant, '--url', 'http://127.0.0.1:8080/hook'], /not a public address/, 2],
        [
          ['--tenant', tenant, '--url', 'https://example.com/', '--events', 'x.y'],
          /unknown event type "x.y"/,
          2,
        ],
        [['--tenant', '424242', '--url', 'https://example.com/'], /tenant 424242 not found/, 1],
      ];
      for (const [args, message, code] of cases) {
        const r = await runCli(hotel.server.store.url, 'webhook', 'add', ...args);
        assert.equal(r.code, code, `${args.join(' ')}: ${r.stdout}`);
        assert.match(r.stderr, message, args.join(' '));
      }
      const list = await runCli(hotel.server.store.url, 'webhook', 'list', '--json');
      assert.deepEqual(JSON.parse(list.stdout), [], 'nothing was written');
    });

    it('takes a private address with WEBHOOK_ALLOW_PRIVATE=1, and Zak event names for their types', async () => {
      const allowed = await hotel.addWebhook(
        '--url',
        'http://127.0.0.1:8080/hook',
        '--events',
        'new_reservation',
      );
      assert.equal(allowed.url, 'http://127.0.0.1:8080/hook');
      const shown = JSON.parse(
        (await hotel.cli('webhook', 'list', '--tenant', String(hotel.tenant.id), '--json')).stdout,
      );
      assert.deepEqual(shown[0].events, ['reservation.created']);
    });
  });

  describe('at delivery time', () => {
    let hotel: WebhookHotel;
    let receiver: Receiver;
    before(async () => {
      // The server runs without the switch; the webhooks below were added while it was allowed.
      [hotel, receiver] = await Promise.all([webhookHotel({ WEBHOOK_ALLOW_PRIVATE: '0' }), startReceiver()]);
    });
    after(async () => {
      await hotel.close();
      await receiver.close();
    });

    it('refuses to connect to a private address, by literal or by name, and records why', async () => {
      const tenantId = hotel.tenant.id;
      const events = ['customer.created'];
      const literal = await createWebhook(
        hotel.server.db,
        { tenantId, url: receiver.url('/literal'), format: 'clientele', events },
        { allowPrivate: true },
      );
      const named = await createWebhook(
        hotel.server.db,
        {
          tenantId,
          url: receiver.url('/named').replace('127.0.0.1', 'localhost'),
          format: 'clientele',
          events,
        },
        { allowPrivate: true },
      );
      await hotel.call('customers/add_one', { custdata: JSON.stringify({ name: 'A', surname: 'B' }) });
      const attempted = async (id: number) =>
        until(`an attempt of webhook ${id}`, async () => {
          const [d] = await listDeliveries(hotel.server.db, { webhookId: id }, 10);
          return d && d.attempts >= 1 ? d : undefined;
        });
      const byLiteral = await attempted(literal.id);
      assert.equal(byLiteral.status, 'pending');
      assert.match(byLiteral.last_error ?? '', /^refused: 127\.0\.0\.1 is not a public address/);
      const byName = await attempted(named.id);
      assert.match(
        byName.last_error ?? '',
        /^refused: localhost → (127\.0\.0\.1|::1) is not a public address/,
      );
      assert.deepEqual(receiver.pushes(), [], 'no request reached the private address');
    });
  });
});
