import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countRows } from '../helper.ts';
import { stay } from '../dialects/zak/hotel.ts';
import { until } from '../processes.ts';
import {
  formFields,
  startReceiver,
  verifies,
  webhookHotel,
  type Receiver,
  type WebhookHotel,
} from './support.ts';

/** The real Zak server's pushes, as an integration written against it receives them from Clientele. */
describe('Zak webhooks', () => {
  let hotel: WebhookHotel;
  let receiver: Receiver;
  let zak: { id: number; secret: string; url: string };

  before(async () => {
    [hotel, receiver] = await Promise.all([webhookHotel(), startReceiver()]);
    zak = await hotel.addWebhook('--url', receiver.url('/zak'));
  });
  after(async () => {
    await hotel.close();
    await receiver.close();
  });

  it('pushes new_reservation once for a booking, in the exact form the real server posts', async () => {
    const booked = await hotel.book(stay());
    const [push] = await until('the new_reservation push', () => {
      const got = receiver.pushes('/zak');
      return got.length ? got : undefined;
    });
    assert.equal(push!.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(formFields(push!.body), [
      ['property', String(hotel.tenant.id)],
      ['event', 'new_reservation'],
      ['url', receiver.url('/zak')],
      ['push_data', `{"reservation": ${booked.id}}`],
    ]);
    assert.equal(push!.headers['x-clientele-event'], 'reservation.created');
    assert.match(String(push!.headers['x-clientele-delivery']), /^\d+$/);
    // The customer created with the booking is no Zak push: a second booking's push comes next, nothing between.
    const second = await hotel.book(stay({ rooms: [{ room: 3 }] }));
    await until('the second push', () => (receiver.pushes('/zak').length >= 2 ? true : undefined));
    const pushes = receiver.pushes('/zak');
    assert.equal(pushes.length, 2);
    assert.equal(new URLSearchParams(pushes[1]!.body).get('push_data'), `{"reservation": ${second.id}}`);
  });

  it('signs each push: the signature verifies with the secret, and fails for a changed body or another secret', async () => {
    const push = receiver.pushes('/zak')[0]!;
    const header = push.headers['x-clientele-signature'];
    assert.ok(verifies(header, push.body, zak.secret));
    const now = Math.floor(Date.now() / 1000);
    const t = Number(/t=(\d+)/.exec(String(header))![1]);
    assert.ok(Math.abs(now - t) < 600, 'the timestamp is the time of sending');
    assert.ok(!verifies(header, push.body.replace('new_reservation', 'change_status'), zak.secret));
    assert.ok(!verifies(header, `${push.body}&x=1`, zak.secret));
    assert.ok(!verifies(header, push.body, 'whsec_another'));
  });

  it('pushes change_status with lower-case statuses when a reservation is cancelled (clientele reservation cancel)', async () => {
    const booked = await hotel.book(stay({ rooms: [{ room: 4 }] }));
    await until('its new_reservation', () =>
      receiver.pushes('/zak').some((p) => p.body.includes(`%22reservation%22%3A+${booked.id}%7D`))
        ? true
        : undefined,
    );
    const r = await hotel.cli('reservation', 'cancel', '--tenant', String(hotel.tenant.id), booked.code);
    assert.equal(r.code, 0, r.stderr);
    const push = await until('the change_status push', () =>
      receiver.pushes('/zak').find((p) => new URLSearchParams(p.body).get('event') === 'change_status'),
    );
    assert.deepEqual(formFields(push.body), [
      ['property', String(hotel.tenant.id)],
      ['event', 'change_status'],
      ['url', receiver.url('/zak')],
      ['push_data', `{"reservation": ${booked.id}, "old_status": "confirmed", "new_status": "cancelled"}`],
    ]);
    assert.equal(push.headers['x-clientele-event'], 'reservation.status_changed');
    const again = await hotel.cli(
      'reservation',
      'cancel',
      '--tenant',
      String(hotel.tenant.id),
      String(booked.id),
    );
    assert.equal(again.code, 1, 'a cancelled reservation cannot be cancelled again');
    assert.match(again.stderr, /already cancelled/);
  });

  it('sends nothing for a booking that fails (the room is taken): its transaction, event included, rolled back', async () => {
    const events = await countRows(hotel.server.db, 'outbox_events');
    const refused = await hotel.call('reservations/new', {
      params: JSON.stringify(stay({ arrival: '11/03/2030', departure: '12/03/2030' })),
    });
    assert.match(refused.text, /error/);
    assert.equal(await countRows(hotel.server.db, 'outbox_events'), events);
    // What the sender does next shows it had nothing for that booking: the following booking's push comes next.
    const before = receiver.pushes('/zak').length;
    const next = await hotel.book(stay({ rooms: [{ room: 5 }] }));
    await until('the next push', () => (receiver.pushes('/zak').length > before ? true : undefined));
    const after = receiver.pushes('/zak').slice(before);
    assert.deepEqual(
      after.map((p) => new URLSearchParams(p.body).get('push_data')),
      [`{"reservation": ${next.id}}`],
    );
  });

  it('a running sender picks up a webhook added and forgets one removed, through the CLI', async () => {
    const all = await hotel.addWebhook('--url', receiver.url('/all'), '--format', 'clientele');
    const booked = await hotel.book(stay({ rooms: [{ room: 6 }] }));
    const created = await until('the clientele event', () =>
      receiver.pushes('/all').find((p) => p.headers['x-clientele-event'] === 'reservation.created'),
    );
    assert.equal(JSON.parse(created.body).data.reservation, booked.id);

    const removed = await hotel.cli('webhook', 'remove', String(zak.id));
    assert.equal(removed.code, 0, removed.stderr);
    const zakPushes = receiver.pushes('/zak').length;
    const later = await hotel.book(stay({ rooms: [{ room: 7 }] }));
    await until('the later event on the remaining webhook', () =>
      receiver.pushes('/all').find((p) => JSON.parse(p.body).data.reservation === later.id),
    );
    assert.equal(receiver.pushes('/zak').length, zakPushes, 'the removed webhook got nothing more');
    const list = JSON.parse((await hotel.cli('webhook', 'list', '--json')).stdout);
    assert.deepEqual(
      list.map((w: { id: number }) => w.id),
      [all.id],
    );
    assert.equal(JSON.stringify(list).includes(all.secret), false, 'list never shows a secret');
  });
});
