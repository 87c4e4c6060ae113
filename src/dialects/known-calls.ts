import { calls as netstormingCalls } from './netstorming/calls.ts';
import { calls as virtposCalls } from './virtpos/plugin.ts';
import { groups } from './zak/calls.ts';
import { kapiCalls } from './zak/kapi.ts';

/**
 * Every call a sandbox fault rule may name, `dialect:call` (see sandbox/call-names.ts), from the dialects' own
 * call tables: only the admin API and the CLI import this.
 */
export const SANDBOX_CALLS: ReadonlySet<string> = new Set([
  ...Object.entries(groups).flatMap(([group, table]) => Object.keys(table).map((n) => `zak:${group}/${n}`)),
  ...Object.keys(kapiCalls).map((name) => `zak:kapi/${name}`),
  ...Object.keys(netstormingCalls).map((name) => `netstorming:${name}`),
  ...Object.keys(virtposCalls).map((name) => (name === '' ? 'virtpos:customer' : `virtpos:customer/${name}`)),
]);
