import type { JournalRow } from '../store/request-journal.ts';

/**
 * Which request-journal entries name a person (docs/guest-data.md, "The request journal"): an export lists them
 * and an erasure deletes them. A journal entry is text (path, request body, reply body), so a person is found by
 * the marks a call leaves of them: their customer id where a call carries a customer's id, their e-mail, their
 * phone. A bare number elsewhere (a reservation id, a price, a room) is not taken for them.
 */
export interface PersonMarks {
  id: number;
  /** The ids of the customers merged into them (a merge's source is the same person): their ids name them too. */
  formerIds?: number[];
  email: string | null;
  /** As stored and as E.164; empty strings are ignored. */
  phones: Array<string | null>;
}

/** What the matching reads of a journal entry. */
export type EntryTexts = Pick<JournalRow, 'dialect' | 'call' | 'path' | 'request_body' | 'reply_body'>;

/** Keys whose value is a customer's id (or a list of them), in any call. */
const CUSTOMER_ID_KEYS = new Set(['customer_id', 'customer', 'booker', 'customer_ids', 'room_customer_ids']);
/** Containers whose `id` is a customer's: Zak's `customer` of a booking, a room's `customers`. */
const CUSTOMER_CONTAINERS = new Set(['customer', 'customers', 'custdata']);
/** Calls about one customer, whose `id` (and a reply's bare `data`, Zak's `add_one`) is a customer's. */
const CUSTOMER_CALLS = /^(zak:customers\/|virtpos:customer(\/update)?$)/;

/** Form fields whose value is JSON (Zak's `params`, `custdata`) are read as JSON; other texts as they are. */
function parsed(text: string): unknown {
  const t = text.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return t;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return t;
  }
}

function sameId(value: unknown, id: number): boolean {
  return value === id || value === String(id);
}

/**
 * Walks a JSON value: true when the id sits under a key that holds a customer's id. `key` is the key the value
 * sits under (null at the root), `rootChild` whether that key is one of the root object's.
 */
function namesId(
  value: unknown,
  id: number,
  key: string | null,
  inCustomer: boolean,
  rootChild = false,
): boolean {
  if (typeof value === 'string') {
    const inner = parsed(value);
    if (inner !== value) return namesId(inner, id, key, inCustomer);
  }
  if (Array.isArray(value)) return value.some((v) => namesId(v, id, key, inCustomer));
  if (value !== null && typeof value === 'object') {
    const within = inCustomer || (key !== null && CUSTOMER_CONTAINERS.has(key));
    return Object.entries(value).some(([k, v]) => namesId(v, id, k, within, key === null));
  }
  if (key === null || !sameId(value, id)) return false;
  if (CUSTOMER_ID_KEYS.has(key)) return true;
  return inCustomer && (key === 'id' || (key === 'data' && rootChild));
}

function queryOf(path: string): Record<string, string> {
  const q = path.indexOf('?');
  return q < 0 ? {} : Object.fromEntries(new URLSearchParams(path.slice(q + 1)));
}

/** virtpos answers in XML too: `<id>` of a customer call, `<customer_id>` of any. */
function xmlNamesId(text: string, id: number, customerCall: boolean): boolean {
  for (const m of text.matchAll(/<(\w+)>\s*(\d+)\s*<\/\1>/g))
    if (Number(m[2]) === id && (CUSTOMER_ID_KEYS.has(m[1]!) || (customerCall && m[1] === 'id'))) return true;
  return false;
}

/** A path as a person reads it: `%40` an `@`, `%2B` a `+` (a query's e-mail or phone is sent encoded). */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export function entryNamesPerson(entry: EntryTexts, person: PersonMarks): boolean {
  const texts = [entry.path, entry.request_body, entry.reply_body].filter((t): t is string => t !== null);
  const written = [...texts, decodedPath(entry.path), ...Object.values(queryOf(entry.path))];
  const lower = written.map((t) => t.toLowerCase());
  const email = person.email?.toLowerCase();
  if (email && lower.some((t) => t.includes(email))) return true;
  for (const phone of person.phones) if (phone && written.some((t) => t.includes(phone))) return true;
  const customerCall = CUSTOMER_CALLS.test(`${entry.dialect}:${entry.call}`);
  const bodies = [queryOf(entry.path), ...texts.slice(1).map(parsed)];
  const xml = texts.slice(1).filter((t) => t.trimStart().startsWith('<'));
  return [person.id, ...(person.formerIds ?? [])].some(
    (id) =>
      bodies.some((b) => namesId(b, id, null, customerCall)) ||
      xml.some((t) => xmlNamesId(t, id, customerCall)),
  );
}
