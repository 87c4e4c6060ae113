import { parseArgs } from 'node:util';

export class UsageError extends Error {}

type Options = Record<string, { type: 'string' | 'boolean' }>;

/** Parses `args` strictly: an unknown flag or a missing value is a usage error, not a surprise. */
export function parse<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function requireValue(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

export function tenantId(value: string | boolean | undefined): number {
  const raw = requireValue(value, '--tenant');
  if (!/^\d+$/.test(raw)) throw new UsageError(`--tenant must be a tenant id, got "${raw}"`);
  return Number(raw);
}
