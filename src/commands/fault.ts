import { addFault, clearFaults, listFaults, type FaultRule } from '../core/faults.ts';
import { getTenant } from '../core/tenants.ts';
import { SANDBOX_CALLS } from '../dialects/known-calls.ts';
import { command, dispatch, parse, requireValue, tenantId, UsageError } from './args.ts';
import { print, table } from './output.ts';
import { withStore } from './store.ts';

const ADD =
  'fault add --tenant ID --call DIALECT:CALL|* [--status N] [--body JSON] [--latency-ms N] [--probability P] [--times N] [--reset] [--json]';
const LIST = 'fault list --tenant ID [--json]';
const CLEAR = 'fault clear --tenant ID';

const number = (value: string | undefined, flag: string) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || Number.isNaN(n))
    throw new UsageError(`${flag} must be a number, got "${value}"`);
  return n;
};

const rulesTable = (rules: FaultRule[]) =>
  table(
    ['ID', 'CALL', 'STATUS', 'LATENCY', 'PROBABILITY', 'TIMES', 'RESET'],
    rules.map((r) => [r.id, r.call, r.status, r.latency_ms, r.probability, r.times, r.reset]),
  );

async function add(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      tenant: { type: 'string' },
      call: { type: 'string' },
      status: { type: 'string' },
      body: { type: 'string' },
      'latency-ms': { type: 'string' },
      probability: { type: 'string' },
      times: { type: 'string' },
      reset: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    ADD,
  );
  const tenant = tenantId(values.tenant);
  let body: unknown;
  try {
    body = values.body === undefined ? undefined : JSON.parse(values.body);
  } catch {
    throw new UsageError('--body must be JSON');
  }
  const input = Object.fromEntries(
    Object.entries({
      call: requireValue(values.call, '--call'),
      status: number(values.status, '--status'),
      body,
      latency_ms: number(values['latency-ms'], '--latency-ms'),
      probability: number(values.probability, '--probability'),
      times: number(values.times, '--times'),
      reset: values.reset,
    }).filter(([, v]) => v !== undefined),
  );
  const rule = await withStore(async (db) => {
    await getTenant(db, tenant);
    return addFault(db, tenant, input, SANDBOX_CALLS);
  });
  print(values.json, rule, () => `added fault rule ${rule.id} (servers apply it within a second)`);
  return 0;
}

async function list(args: string[]): Promise<number> {
  const { values } = parse(args, { tenant: { type: 'string' }, json: { type: 'boolean' } }, LIST);
  const tenant = tenantId(values.tenant);
  const rules = await withStore(async (db) => {
    await getTenant(db, tenant);
    return listFaults(db, tenant);
  });
  print(values.json, rules, () => rulesTable(rules));
  return 0;
}

async function clear(args: string[]): Promise<number> {
  const { values } = parse(args, { tenant: { type: 'string' } }, CLEAR);
  const tenant = tenantId(values.tenant);
  const removed = await withStore(async (db) => {
    await getTenant(db, tenant);
    return clearFaults(db, tenant);
  });
  console.log(`removed ${removed} fault rule${removed === 1 ? '' : 's'}`);
  return 0;
}

export const faultCommand = command(
  {
    summary: "a tenant's fault rules: add, list, clear (docs/sandbox.md)",
    usage: [
      `usage: clientele ${ADD}`,
      `       clientele ${LIST}`,
      `       clientele ${CLEAR}`,
      '',
      'A rule answers the named call (zak:reservations/new, virtpos:customer/update, netstorming:insert, or *)',
      "with --status in the dialect's own error shape (or --body as given), after --latency-ms, with",
      '--probability, --times requests only; --reset drops the connection. Servers apply a change within a second.',
    ].join('\n'),
  },
  (args) => dispatch('fault', { add, list, clear }, args),
);
