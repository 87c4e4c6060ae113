import { invalid } from './errors.ts';
import { isIsoDate } from './dates.ts';
import { MAX_INT32 } from './int32.ts';

// The checks of an inventory file's fields; each names where the problem is (`rooms[3].room_type`).

export type Obj = Record<string, unknown>;

export function object(value: unknown, where: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(`${where} must be an object`, where);
  }
  return value as Obj;
}

export function list(file: Obj, key: string): Obj[] {
  const value = file[key] ?? [];
  if (!Array.isArray(value)) throw invalid(`${key} must be a list`, key);
  return value.map((item, i) => object(item, `${key}[${i}]`));
}

export function id(value: unknown, where: string): number {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_INT32) {
    throw invalid(`${where} must be a positive integer id`, where);
  }
  return value as number;
}

export function name(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200) {
    throw invalid(`${where} must be a text of 1 to 200 characters`, where);
  }
  return value.trim();
}

export function count(value: unknown, where: string, min: number, max: number): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw invalid(`${where} must be a whole number from ${min} to ${max}`, where);
  }
  return value as number;
}

/** true/false (absent: the default) as Zak's 1/0. */
export function flag(value: unknown, where: string, fallback = false): number {
  const v = value ?? fallback;
  if (typeof v !== 'boolean') throw invalid(`${where} must be true or false`, where);
  return v ? 1 : 0;
}

export function isoDay(value: unknown, where: string): string {
  if (typeof value !== 'string' || !isIsoDate(value))
    throw invalid(`${where} must be a date (yyyy-mm-dd)`, where);
  return value;
}

export function uniqueIds<T extends { id: number }>(items: T[], key: string): T[] {
  const seen = new Set<number>();
  for (const item of items) {
    if (seen.has(item.id)) throw invalid(`${key}: id ${item.id} appears twice`, key);
    seen.add(item.id);
  }
  return items;
}
