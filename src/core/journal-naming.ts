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

/** What the journal keeps of a streamed reply (a long virtpos listing): nothing of it. */
export const STREAMED = '[streamed reply, not journaled]';

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

/** Containers inside a customer whose `id` is not a customer's: a listed customer's cards, documents. */
const NOT_CUSTOMER_CONTAINERS = new Set(['cards', 'card', 'doc_data', 'documents']);

/** A value that is a customer's id: a number, or a text of digits. */
function idValue(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return null;
}

/**
 * Walks a JSON value and collects the customer ids it carries: values under a key that holds a customer's id, and
 * `id` (or a root's `data`) inside a customer. `key` is the key the value sits under (null at the root),
 * `rootChild` whether that key is one of the root object's.
 */
function collectIds(
  value: unknown,
  out: Set<number>,
  key: string | null,
  inCustomer: boolean,
  rootChild = false,
): void {
  if (typeof value === 'string') {
    const inner = parsed(value);
    if (inner !== value) return collectIds(inner, out, key, inCustomer);
  }
  if (Array.isArray(value)) {
    for (const v of value) collectIds(v, out, key, inCustomer);
    return;
  }
  if (value !== null && typeof value === 'object') {
    const within =
      key !== null && NOT_CUSTOMER_CONTAINERS.has(key)
        ? false
        : inCustomer || (key !== null && CUSTOMER_CONTAINERS.has(key));
    for (const [k, v] of Object.entries(value)) collectIds(v, out, k, within, key === null);
    return;
  }
  const id = key === null ? null : idValue(value);
  if (id === null) return;
  if (CUSTOMER_ID_KEYS.has(key!) || (inCustomer && (key === 'id' || (key === 'data' && rootChild))))
    out.add(id);
}

/** Walks a JSON value and collects the values under a `phone` key. */
function collectPhones(value: unknown, out: string[], key: string | null = null): void {
  if (typeof value === 'string') {
    const inner = parsed(value);
    if (inner !== value) return collectPhones(inner, out, key);
    if (key === 'phone') out.push(value);
    return;
  }
  if (Array.isArray(value)) for (const v of value) collectPhones(v, out, key);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) collectPhones(v, out, k);
  else if (key === 'phone' && typeof value === 'number') out.push(String(value));
}

function queryOf(path: string): Record<string, string> {
  const q = path.indexOf('?');
  return q < 0 ? {} : Object.fromEntries(new URLSearchParams(path.slice(q + 1)));
}

/**
 * virtpos answers in XML too: the customer ids of `<id>` in a customer call (not inside its `<cards>`), and of
 * `<customer_id>` in any; and the `<phone>` values.
 */
function collectXml(text: string, ids: Set<number>, phones: string[], customerCall: boolean): void {
  const open: string[] = [];
  for (const m of text.matchAll(/<(\/?)(\w+)[^>]*?(\/?)>([^<]*)/g)) {
    const [, closing, tag, empty, after] = m as unknown as [string, string, string, string, string];
    if (closing) open.splice(Math.max(0, open.lastIndexOf(tag)));
    else if (!empty) open.push(tag);
    if (closing || empty || open.at(-1) !== tag) continue;
    const value = after.trim();
    if (tag === 'phone' && value) phones.push(value);
    const id = idValue(value);
    if (id === null) continue;
    const inCard = open.some((t) => NOT_CUSTOMER_CONTAINERS.has(t));
    if (CUSTOMER_ID_KEYS.has(tag) || (customerCall && tag === 'id' && !inCard)) ids.add(id);
  }
}

/** A path as a person reads it: `%40` an `@`, `%2B` a `+` (a query's e-mail or phone is sent encoded). */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The parts of an entry, each read on its own: a part naming someone else is withheld from an export. */
export const ENTRY_PARTS = ['path', 'request_body', 'reply_body'] as const;
export type EntryPart = (typeof ENTRY_PARTS)[number];

/** What one part of an entry carries of customers, as the rules above read it. */
interface PartMarks {
  ids: Set<number>;
  /** Lower-cased. */
  emails: string[];
  phones: string[];
  /** JSON cut by the journal (or otherwise broken): whom its rest names cannot be told. */
  unreadable: boolean;
}

const EMAIL = /[^\s"'<>@,;:()[\]{}\\/?&=]+@[^\s"'<>@,;:()[\]{}\\/?&=]+\.[a-z]{2,}/gi;

function emailsIn(text: string): string[] {
  return [...text.matchAll(EMAIL)].map((m) => m[0].toLowerCase());
}

interface ReadPart {
  text: string;
  /** The query's parameters of a path, the JSON of a body (its text when it is none). */
  value: unknown;
  customerCall: boolean;
}

/** A part as the rules read it; null when it holds nothing (none, or a streamed reply). */
function readPart(entry: EntryTexts, part: EntryPart): ReadPart | null {
  const text = entry[part];
  if (text === null || text === STREAMED) return null;
  const customerCall = CUSTOMER_CALLS.test(`${entry.dialect}:${entry.call}`);
  return { text, value: part === 'path' ? queryOf(text) : parsed(text), customerCall };
}

const isXml = (read: ReadPart, part: EntryPart) => part !== 'path' && read.text.trimStart().startsWith('<');

/** The customer ids a part carries, where the rules above take a value for a customer's id. */
function idsIn(entry: EntryTexts, part: EntryPart): Set<number> {
  const ids = new Set<number>();
  const read = readPart(entry, part);
  if (!read) return ids;
  collectIds(read.value, ids, null, read.customerCall);
  if (isXml(read, part)) collectXml(read.text, ids, [], read.customerCall);
  return ids;
}

function partMarks(entry: EntryTexts, part: EntryPart): PartMarks {
  const read = readPart(entry, part);
  const marks: PartMarks = { ids: new Set(), emails: [], phones: [], unreadable: false };
  if (!read) return marks;
  const { text, value } = read;
  collectIds(value, marks.ids, null, read.customerCall);
  collectPhones(value, marks.phones);
  if (isXml(read, part)) collectXml(text, marks.ids, marks.phones, read.customerCall);
  const t = text.trimStart();
  marks.unreadable = part !== 'path' && value === text && (t.startsWith('{') || t.startsWith('['));
  marks.emails = emailsIn(part === 'path' ? decodedPath(text) : text);
  return marks;
}

/** Everything a person has been known by: what an entry may carry of them without naming anyone else. */
export interface OwnMarks {
  /** Their id and the ids of the customers merged into them. */
  ids: number[];
  /** Every e-mail they and those customers had (any case). */
  emails: string[];
  /** The phone keys of every number they and those customers had. */
  phoneKeys: string[];
}

/**
 * The parts of an entry (path, request body, reply body) that name someone other than the person: another
 * customer's id where a call carries a customer's id, an e-mail or a `phone` that is not one of theirs (`keyOf`
 * gives a number's key in the tenant), or JSON cut by the journal, whose rest may name anyone.
 */
export function partsNamingOthers(
  entry: EntryTexts,
  own: OwnMarks,
  keyOf: (phone: string) => string | null,
): EntryPart[] {
  const ids = new Set(own.ids);
  const emails = new Set(own.emails.map((e) => e.toLowerCase()));
  const keys = new Set(own.phoneKeys);
  return ENTRY_PARTS.filter((part) => {
    const m = partMarks(entry, part);
    if (m.unreadable || [...m.ids].some((id) => !ids.has(id))) return true;
    if (m.emails.some((e) => !emails.has(e))) return true;
    return m.phones.some((phone) => {
      const key = keyOf(phone);
      return key !== null && !keys.has(key);
    });
  });
}

export function entryNamesPerson(entry: EntryTexts, person: PersonMarks): boolean {
  const texts = [entry.path, entry.request_body, entry.reply_body].filter((t): t is string => t !== null);
  const written = [...texts, decodedPath(entry.path), ...Object.values(queryOf(entry.path))];
  const lower = written.map((t) => t.toLowerCase());
  const email = person.email?.toLowerCase();
  if (email && lower.some((t) => t.includes(email))) return true;
  for (const phone of person.phones) if (phone && written.some((t) => t.includes(phone))) return true;
  const ids = new Set(ENTRY_PARTS.flatMap((part) => [...idsIn(entry, part)]));
  return [person.id, ...(person.formerIds ?? [])].some((id) => ids.has(id));
}
