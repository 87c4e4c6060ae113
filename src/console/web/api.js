// The console's only way to the server: the admin API, with the session's token. Errors become ApiError with the
// problem details' words; a 401 ends the session wherever it happens.
import { signOut, token } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `the server answered ${status}`);
    this.status = status;
    this.code = problem?.code ?? 'error';
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
  }
}

/** Thrown when the token is refused mid-session: the router takes the user back to the sign-in form. */
export class SessionEnded extends Error {}

let onSessionEnded = () => {};
export const whenSessionEnds = (fn) => (onSessionEnded = fn);

/** Calls `/admin/v1<path>`; `query` drops empty values. Answers the parsed body (undefined for 204), or its text with `raw`. */
export async function api(method, path, { body, query, with: given, raw = false } = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== null && v !== '') params.set(k, v);
  const qs = params.size ? `?${params}` : '';
  let response;
  try {
    response = await fetch(`/admin/v1${path}${qs}`, {
      method,
      headers: {
        authorization: `Bearer ${given ?? token() ?? ''}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { detail: 'the server could not be reached; check the connection and try again' });
  }
  const text = await response.text();
  // `raw`: the body as the server sent it (a snapshot saved as a file, byte for byte).
  if (raw && response.ok) return text;
  let parsed;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (response.status === 401 && given === undefined) {
    // Requests run side by side (the header's and the page's): the first refusal ends the session, once.
    if (token()) {
      signOut('Your session has ended: the admin token was refused (revoked or expired). Sign in again.');
      onSessionEnded();
    }
    throw new SessionEnded('session ended');
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

/** Words for an error, for a message on the page (never the raw JSON). */
export function describe(error) {
  if (!(error instanceof ApiError)) return `Something went wrong in the console: ${error?.message ?? error}`;
  const lead = {
    0: 'No connection',
    400: 'That was not accepted',
    404: 'Not found',
    409: 'Refused',
    413: 'Too large',
    503: 'The store is unavailable for now; try again in a moment',
  }[error.status];
  const fields = error.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return `${lead ?? `Error ${error.status}`}: ${error.message}${fields ? ` (${fields})` : ''}.`;
}
