import { createOwner } from '../../../src/core/owners.ts';
import {
  postJson,
  startServer,
  tenantWithKey,
  type Reply,
  type TestServer,
  type TestTenant,
} from '../../helper.ts';

/** Cheap scrypt for tests: the cost is a parameter of the hash, not of the behaviour under test. */
export const TEST_ENV = { PASSWORD_SCRYPT_N: '1024' };

export interface InsertReply {
  dry_run: boolean;
  results: Array<{ code: string; customer: boolean; user: boolean }>;
  errors: Array<{ 'line/index': number; errors: string[] }>;
}

/** A customer that passes every rule; `n` makes its code, login and foreign code distinct. */
export function validCustomer(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: `AG${String(n).padStart(6, '0')}`,
    name: `Agency ${n}`,
    address: 'Via Roma 1',
    zip: '30100',
    country: 'IT',
    city: 'VCEI',
    mailstaff: `staff${n}@agency.example`,
    notify_lang: 'it',
    telephone: '+39 041 123456',
    fax: '041 654321',
    currency: 'EUR',
    booking_online: 'yes',
    blocked_in_deadline: false,
    credit_card: 1,
    admin_user_name: 'Mario Rossi',
    admin_user_email: `admin${n}@agency.example`,
    admin_user_login: 'admin',
    admin_user_psw: 'secret12',
    ...overrides,
  };
}

export interface NetstormingFixture {
  server: TestServer;
  tenant: TestTenant;
  insert(customers: unknown, extra?: Record<string, unknown>): Promise<Reply<InsertReply>>;
  call<T = unknown>(name: string, body: Record<string, unknown>): Promise<Reply<T>>;
}

/** A real server with a tenant, its key and the owner `netstorming`. */
export async function netstormingServer(env: Record<string, string> = {}): Promise<NetstormingFixture> {
  const server = await startServer({ ...TEST_ENV, ...env });
  const tenant = await tenantWithKey(server.db);
  await createOwner(server.db, tenant.id, { code: 'netstorming' });
  const call = <T>(name: string, body: Record<string, unknown>) =>
    postJson<T>(`${server.base}/api/customers/${name}`, {
      key: tenant.key,
      owner_code: 'netstorming',
      ...body,
    });
  return {
    server,
    tenant,
    call,
    insert: (customers, extra = {}) => call<InsertReply>('insert', { customers, ...extra }),
  };
}
