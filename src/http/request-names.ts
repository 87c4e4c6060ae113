import type { FastifyRequest } from 'fastify';

/** What a request is, in words fit for a log field or a metric label: a bounded set, never the raw path. */
export interface RequestNames {
  /** `zak`, `netstorming`, `virtpos`, `admin`, `service` (probes and metrics), or `none` (no route). */
  dialect: string;
  /** The call within the dialect (`customers/fetch_one`, `insert`, `update`…): its route, parameters unfilled. */
  call: string;
}

/** Where each surface's routes start, longest first where one prefix begins another. */
const SURFACES: ReadonlyArray<{ prefix: string; dialect: string }> = [
  { prefix: '/kp/', dialect: 'zak' },
  { prefix: '/kapi/', dialect: 'zak' },
  { prefix: '/api/customers/', dialect: 'netstorming' },
  { prefix: '/api/customer', dialect: 'virtpos' },
  { prefix: '/admin/', dialect: 'admin' },
];

const SERVICE = new Set(['/health', '/ready', '/metrics']);
const NO_ROUTE: RequestNames = { dialect: 'none', call: 'none' };

function namesOfRoute(url: string): RequestNames {
  if (SERVICE.has(url)) return { dialect: 'service', call: url.slice(1) };
  const surface = SURFACES.find((s) => url.startsWith(s.prefix));
  if (!surface) return { dialect: 'other', call: url };
  // Zak's older tree keeps its name in the call: `kapi/notes/get_notes` beside `reservations/new`.
  const call =
    surface.prefix === '/kapi/' ? url.slice(1) : url.slice(surface.prefix.length).replace(/^\//, '');
  return { dialect: surface.dialect, call };
}

// One entry per route pattern: bounded by the routes the server has.
const byRoute = new Map<string, RequestNames>();

/** The names of a request, from its route (a request with no route is `none`), or the call its dialect named. */
export function requestNames(request: FastifyRequest): RequestNames {
  const names = request.routeNames ?? (request.routeNames = routeNames(request));
  return request.callName === null ? names : { dialect: names.dialect, call: request.callName };
}

// Asked once per request: Fastify's `routeOptions` builds an object of thirteen fields at every read.
function routeNames(request: FastifyRequest): RequestNames {
  const url = request.routeOptions.url;
  if (url === undefined) return NO_ROUTE;
  let names = byRoute.get(url);
  if (!names) byRoute.set(url, (names = namesOfRoute(url)));
  return names;
}
