import { MAX_DEPTH } from '../http/request-text.ts';
import { REDACTED } from '../http/redact.ts';

/**
 * What the journal never keeps: API keys, passwords and identity document numbers (and issuers and media), wherever they sit: a query
 * parameter, a form field, a JSON body, JSON carried inside a form field (Zak's `customer={…}`), a JSON or XML
 * reply. Request bodies are cut at `MAX_BODY` characters after redaction, replies at `MAX_REPLY`.
 */
const SECRET_NAMES = new Set([
  'apikey',
  'key',
  'x-api-key',
  'admin_user_psw',
  'password',
  'psw',
  'token',
  'doc_number',
  'document_number',
  // The other document fields the store encrypts at rest (docs/guest-data.md): kept out of the journal alike.
  'doc_issuer',
  'doc_medium',
]);

/**
 * A page of 64 Zak reservations is about 60 KB: kept whole, every flush under a page load wrote and trimmed tens of
 * megabytes, and the journal cost more than the pages themselves (docs/benchmarks.md). A reply's start shows
 * its shape and any error; what a client sent matters more, so requests keep more.
 */
export const MAX_BODY = 16 * 1024;
export const MAX_REPLY = 4 * 1024;

const isSecret = (name: string) => SECRET_NAMES.has(name.trim().toLowerCase());

/**
 * A parsed value with every secret field replaced, JSON text inside strings included. A request nested deeper than
 * MAX_DEPTH is refused, but journaled still: what lies deeper is not walked (the stack would overflow) nor kept.
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (value !== null && typeof value === 'object' && depth > MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(value))
      out[name] = isSecret(name) ? REDACTED : redactValue(field, depth + 1);
    return out;
  }
  if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
    try {
      return JSON.stringify(redactValue(JSON.parse(value), depth + 1));
    } catch {
      return value;
    }
  }
  return value;
}

const SECRET_ALTERNATIVES = [...SECRET_NAMES].map((n) => n.replace(/-/g, '\\-')).join('|');
const XML_SECRET = new RegExp(`<(${SECRET_ALTERNATIVES})>[^<]*</\\1>`, 'gi');
const KEY_IN_TEXT = /ck_[A-Za-z0-9_-]{32}/g;
/**
 * A secret field of JSON: its value, a string (up to the end of the text when a long reply's head was cut inside
 * it) or a number; and the same inside a JSON string, escaped.
 */
const JSON_SECRET = new RegExp(
  `"(${SECRET_ALTERNATIVES})"(\\s*:\\s*)(?:"(?:[^"\\\\]|\\\\.)*(?:"|$)|-?[\\d.eE+-]+)`,
  'gi',
);
const ESCAPED_JSON_SECRET = new RegExp(
  `\\\\"(${SECRET_ALTERNATIVES})\\\\"(\\s*:\\s*)(?:\\\\"(?:[^"\\\\]|\\\\[^"])*(?:\\\\"|$)|-?[\\d.eE+-]+)`,
  'gi',
);

/** Whether a text may hold a secret at all: most replies do not, and are kept as they are, with no pattern run. */
// An API key is `ck_` and 32 characters: a bare `ck_` would match every virtpos customer (`block_date`), whose
// pages would then all be searched.
const MAY_HOLD_SECRET = /key|psw|password|token|doc_number|doc_issuer|doc_medium|ck_[A-Za-z0-9_-]{32}/i;

/**
 * A reply or request text, redacted by pattern: XML elements, JSON fields (escaped inside a string too), keys. The
 * text keeps its own spelling, and a reply with documents is not parsed and serialised again, which cost a
 * `fetch_one` with two documents a few per cent (docs/benchmarks.md, issue 18).
 */
export function redactText(text: string): string {
  if (!MAY_HOLD_SECRET.test(text)) return text;
  return text
    .replace(XML_SECRET, `<$1>${REDACTED}</$1>`)
    .replace(JSON_SECRET, `"$1"$2"${REDACTED}"`)
    .replace(ESCAPED_JSON_SECRET, `\\"$1\\"$2\\"${REDACTED}\\"`)
    .replace(KEY_IN_TEXT, REDACTED);
}

/** A URL with the value of every secret query parameter replaced. */
export function redactJournalUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url.replace(KEY_IN_TEXT, REDACTED);
  const pairs = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const raw = eq < 0 ? pair : pair.slice(0, eq);
      let name = raw;
      try {
        name = decodeURIComponent(raw.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: judged as sent.
      }
      if (isSecret(name)) return `${raw}=${REDACTED}`;
      if (eq < 0) return pair;
      // A JSON value in the query (Zak's `customer={…}`) may carry document numbers.
      try {
        const value = decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
        const redacted = redactValue(value);
        return redacted === value ? pair : `${raw}=${encodeURIComponent(redacted as string)}`;
      } catch {
        return pair;
      }
    });
  return `${url.slice(0, query)}?${pairs.join('&')}`.replace(KEY_IN_TEXT, REDACTED);
}

/** Cut to the journal's limit, saying so. */
export function cut(text: string, max = MAX_BODY): string {
  return text.length <= max ? text : `${text.slice(0, max)}…[cut at ${max} characters]`;
}
