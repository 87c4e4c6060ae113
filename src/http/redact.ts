/**
 * The one place where secrets are taken out of what is logged: API keys in a URL's query (`apikey`, `key`), in a
 * body (`key`, `apikey`, `admin_user_psw`) and in headers (`x-api-key`, `authorization`). Whatever logs a request
 * goes through here (see log-failure.ts and the logger options in server.ts).
 */
export const REDACTED = '[redacted]';

const SECRET_PARAMS = new Set(['apikey', 'key', 'admin_user_psw', 'password', 'token']);

/** `url` with the value of every secret query parameter replaced; the rest left exactly as sent. */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const pairs = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return isSecret(name) ? `${name}=${REDACTED}` : pair;
    });
  return `${url.slice(0, query)}?${pairs.join('&')}`;
}

function isSecret(rawName: string): boolean {
  let name = rawName;
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, ' '));
  } catch {
    // A malformed escape: judge the name as sent.
  }
  return SECRET_PARAMS.has(name.trim().toLowerCase());
}

/** Paths for the logger's own redaction (pino `redact`), for anything logged with headers or a body. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'body.key',
  'body.apikey',
  'body.admin_user_psw',
  'body.customers[*].admin_user_psw',
];

/** An API key anywhere in a text: `ck_` and its 32 characters. */
const KEY_IN_TEXT = /ck_[A-Za-z0-9_-]{32}/g;

/**
 * The path of a URL for a log line: the query dropped (it may hold keys, phones, document numbers), and a key
 * sent by mistake as part of the path itself replaced.
 */
export function redactPath(url: string): string {
  const query = url.indexOf('?');
  // A path can be up to 16 KB (node's header limit): a log line keeps the first 512 characters.
  const path = (query < 0 ? url : url.slice(0, query)).slice(0, 512);
  return path.includes('ck_') ? path.replace(KEY_IN_TEXT, REDACTED) : path;
}
