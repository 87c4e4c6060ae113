import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DomainError, REASONS, type Reason } from '../../../src/core/errors.ts';
import { infoOf } from '../../../src/dialects/virtpos/messages.ts';
import { get, postForm, startServer, tenantWithKey, type TestServer } from '../../helper.ts';
import { url } from './support.ts';

const CYRILLIC = /[А-Яа-яЁё]/;

describe('virtpos info by reason', () => {
  it('renders every reason of the core in Russian, whatever its English message says', () => {
    for (const reason of Object.keys(REASONS) as Reason[]) {
      const info = infoOf(new DomainError(reason, 'a message the core may reword at any time', 'email'));
      assert.match(info, CYRILLIC, reason);
      assert.doesNotMatch(info, /message/, reason);
    }
  });

  it('names the client’s own parameter for a missing or invalid field', () => {
    assert.equal(infoOf(new DomainError('missing_value', 'x', 'name')), 'Не указан параметр fname');
    assert.equal(infoOf(new DomainError('invalid_value', 'x', 'email')), 'Неверное значение параметра email');
    assert.equal(infoOf(new DomainError('invalid_value', 'x')), 'Некорректный запрос');
  });
});

describe('virtpos replies reached from each reason over HTTP', () => {
  let server: TestServer;
  let key: string;
  const call = async (method: string, query: Record<string, string>, form: Record<string, string> = {}) =>
    (
      await postForm<{ success: number; info?: string }>(
        url(server.base, `/api/customer${method}`, { apikey: key, format: 'json', ...query }),
        form,
      )
    ).body;

  before(async () => {
    server = await startServer();
    key = (await tenantWithKey(server.db)).key;
    await call(
      '/update',
      { create_if_not_exist: '1', external_id: 'E-1' },
      { fname: 'Ivan', lname: 'Petrov' },
    );
    await call(
      '/update',
      { create_if_not_exist: '1', external_id: 'E-2' },
      { fname: 'Petr', lname: 'Ivanov' },
    );
    await call(
      '/insertCard',
      { uid: '400638133393' },
      { customer_external_id: 'E-1', barcode: '4006381333931' },
    );
  });
  after(() => server.close());

  const cases: Array<[Reason, () => Promise<{ info?: string }>, string]> = [
    [
      'missing_key',
      async () => (await get<{ info?: string }>(`${server.base}/api/customer?format=json`)).body,
      'Не указан apikey',
    ],
    [
      'bad_key',
      async () =>
        (await get<{ info?: string }>(`${server.base}/api/customer?format=json&apikey=ck_nope`)).body,
      'Неверный apikey',
    ],
    ['unknown_method', () => call('/nope', {}), 'Неизвестный метод API'],
    ['customer_not_found', () => call('/update', { id: '999999' }, { fname: 'X' }), 'Клиент не найден'],
    ['card_not_found', () => call('/deleteCard', { uid: '999999999' }), 'Карта не найдена'],
    [
      'page_size_too_large',
      async () =>
        (
          await get<{ info?: string }>(
            url(server.base, '/api/customer', { apikey: key, format: 'json', page: '1', page_size: '1001' }),
          )
        ).body,
      'Параметр page_size не может быть больше 1000',
    ],
    [
      'customer_external_id_taken',
      () => call('/update', { id: '2' }, { external_id: 'E-1' }),
      'Клиент с таким external_id уже существует',
    ],
    [
      'card_uid_taken',
      () => call('/insertCard', { uid: '400638133393' }, { customer_external_id: 'E-2' }),
      'Карта с таким uid уже существует',
    ],
  ];
  for (const [reason, run, info] of cases) {
    it(`${reason} → ${info}`, async () => {
      const body = await run();
      assert.equal(body.info, info);
    });
  }
});
