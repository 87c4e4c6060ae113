import { calls as netstormingCalls } from '../dialects/netstorming/calls.ts';
import { calls as virtposCalls } from '../dialects/virtpos/plugin.ts';
import { groups } from '../dialects/zak/calls.ts';
import { kapiCalls } from '../dialects/zak/kapi.ts';

/**
 * Every call a fault rule may name, `dialect:call` (see call-names.ts), from the dialects' own call tables. Apart
 * from call-names.ts because the dialects import the sandbox's hook: only the admin API and the CLI import this.
 */
export const SANDBOX_CALLS: ReadonlySet<string> = new Set([
  ...Object.entries(groups).flatMap(([group, table]) => Object.keys(table).map((n) => `zak:${group}/${n}`)),
  ...Object.keys(kapiCalls).map((name) => `zak:kapi/${name}`),
  ...Object.keys(netstormingCalls).map((name) => `netstorming:${name}`),
  ...Object.keys(virtposCalls).map((name) => (name === '' ? 'virtpos:customer' : `virtpos:customer/${name}`)),
]);
