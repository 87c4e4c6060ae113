// The console's shell and router: History-API URLs under /console, one page module per route, a header with the
// tenant switcher and the sections of the chosen tenant.
import { api, ApiError, SessionEnded, whenSessionEnds } from './api.js';
import { fill, h } from './dom.js';
import { token, signOut } from './session.js';
import { errorMessage } from './ui.js';
import { signInPage } from './pages/sign-in.js';
import { notFoundPage } from './pages/not-found.js';
import { tenantPage, tenantsPage } from './pages/tenants.js';
import { customerPage, customersPage } from './pages/customers.js';
import { customerEditPage } from './pages/customer-edit.js';
import { reservationPage, reservationsPage } from './pages/reservations.js';
import { occupancyPage } from './pages/occupancy.js';
import { cardsPage } from './pages/cards.js';
import { agenciesPage } from './pages/agencies.js';
import { inventoryPage } from './pages/inventory.js';
import { webhooksPage } from './pages/webhooks.js';
import { sandboxPage } from './pages/sandbox.js';

export const BASE = '/console';

/** The sections of a tenant, in the order of the navigation. */
const SECTIONS = [
  ['customers', 'Customers'],
  ['reservations', 'Reservations'],
  ['occupancy', 'Occupancy'],
  ['cards', 'Cards'],
  ['agencies', 'Agencies'],
  ['inventory', 'Inventory'],
  ['webhooks', 'Webhooks'],
  ['sandbox', 'Sandbox'],
];

const ROUTES = [
  [/^\/sign-in$/, signInPage, { open: true }],
  [/^\/?$/, tenantsPage],
  [/^\/tenants$/, tenantsPage],
  [/^\/tenants\/(\d+)$/, tenantPage],
  [/^\/tenants\/(\d+)\/customers$/, customersPage],
  [/^\/tenants\/(\d+)\/customers\/(\d+)$/, customerPage],
  [/^\/tenants\/(\d+)\/customers\/(\d+)\/edit$/, customerEditPage],
  [/^\/tenants\/(\d+)\/reservations$/, reservationsPage],
  [/^\/tenants\/(\d+)\/reservations\/(\d+)$/, reservationPage],
  [/^\/tenants\/(\d+)\/occupancy$/, occupancyPage],
  [/^\/tenants\/(\d+)\/cards$/, cardsPage],
  [/^\/tenants\/(\d+)\/agencies$/, agenciesPage],
  [/^\/tenants\/(\d+)\/inventory$/, inventoryPage],
  [/^\/tenants\/(\d+)\/webhooks$/, webhooksPage],
  [/^\/tenants\/(\d+)\/sandbox$/, sandboxPage],
];

const app = document.getElementById('app');
const MAX_ID = 2_147_483_647;
let generation = 0;

/** Goes to a console path (`/tenants/1/customers?q=x`), adding a history entry unless `replace`. */
export function navigate(path, { replace = false } = {}) {
  const url = `${BASE}${path}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  return render();
}

/** Changes the query of the current URL without a new page (a search box's text). */
export function setQuery(values) {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null || v === '') params.delete(k);
    else params.set(k, v);
  }
  const qs = params.size ? `?${params}` : '';
  history.replaceState(null, '', `${location.pathname}${qs}`);
}

// The switcher offers the first page of tenants (and the current one, wherever it is in the list); the Tenants
// page pages through all of them. Both are read once per session and forgotten when a tenant is created.
const SWITCHER_PAGE = 50;
let firstTenants;
const tenantById = new Map();

export function forgetTenants() {
  firstTenants = undefined;
  tenantById.clear();
}

const tenantsPage1 = () =>
  (firstTenants ??= api('GET', '/tenants', { query: { limit: SWITCHER_PAGE } }).catch((error) => {
    firstTenants = undefined;
    throw error;
  }));

/** A tenant by id, read once; rejects with the API's 404 for a missing one. */
export function tenantOf(id) {
  if (!tenantById.has(id)) {
    const read = api('GET', `/tenants/${id}`);
    read.catch(() => tenantById.delete(id));
    tenantById.set(id, read);
  }
  return tenantById.get(id);
}

function tenantSwitcher(page, current, section) {
  const list = [...page.items];
  if (current && !list.some((t) => t.id === current.id)) list.unshift(current);
  const select = h(
    'select',
    { id: 'tenant-switch', name: 'tenant' },
    current ? null : h('option', { value: '' }, 'Choose a tenant'),
    list.map((t) => h('option', { value: t.id, selected: t.id === current?.id }, `${t.name} (${t.id})`)),
    page.next_cursor ? h('option', { value: 'all' }, 'All tenants…') : null,
  );
  select.addEventListener('change', () => {
    if (select.value === 'all') navigate('/tenants');
    else if (select.value) navigate(`/tenants/${select.value}/${section ?? 'customers'}`);
  });
  return [h('label', { for: 'tenant-switch' }, 'Tenant'), select];
}

/**
 * Fills the header's switcher once the tenants are read, beside the page's own requests rather than before them
 * (a page shows sooner). A missing tenant leaves it empty: the page's own request says "not found".
 */
async function fillSwitcher(box, tenantId, section, mine) {
  try {
    const [page, current] = await Promise.all([
      tenantsPage1(),
      tenantId === undefined ? undefined : tenantOf(tenantId),
    ]);
    if (mine === generation) fill(box, tenantSwitcher(page, current, section));
  } catch {
    // A refused token ends the session through api.js; any other failure is the page's to say.
  }
}

function shell(path, tenantId, mine) {
  const section = path.split('/')[3];
  const here = (href) => (path === href || path.startsWith(`${href}/`) ? 'page' : undefined);
  const nav = h(
    'nav',
    { 'aria-label': 'Console' },
    h(
      'ul',
      {},
      h(
        'li',
        {},
        h(
          'a',
          {
            href: `${BASE}/tenants`,
            'aria-current': path === '/tenants' || path === '/' ? 'page' : undefined,
          },
          'Tenants',
        ),
      ),
      tenantId
        ? SECTIONS.map(([key, label]) => {
            const href = `/tenants/${tenantId}/${key}`;
            return h('li', {}, h('a', { href: `${BASE}${href}`, 'aria-current': here(href) }, label));
          })
        : null,
    ),
  );
  const switcher = h('div', { class: 'switch' });
  fillSwitcher(switcher, tenantId, section, mine);
  const signOutButton = h('button', { type: 'button', class: 'quiet' }, 'Sign out');
  signOutButton.addEventListener('click', () => {
    signOut();
    forgetTenants();
    navigate('/sign-in');
  });
  const header = h(
    'header',
    { class: 'top' },
    h('a', { class: 'brand', href: `${BASE}/tenants` }, 'Clientele'),
    switcher,
    signOutButton,
    nav,
  );
  const main = h('main', { id: 'main', tabindex: '-1' });
  fill(app, header, main);
  return main;
}

/** Renders the page of the current URL. */
export async function render() {
  const mine = ++generation;
  const path = location.pathname.slice(BASE.length).replace(/\/$/, '') || '/';
  const query = new URLSearchParams(location.search);
  const found = ROUTES.map(([re, page, opts]) => [re.exec(path), page, opts ?? {}]).find(([m]) => m);
  // An id outside the store's range (1 to 2^31 - 1) names no record: "not found" as a stale id, not the API's 400.
  const inRange = (id) => Number(id) >= 1 && Number(id) <= MAX_ID;
  const match = found?.[0].slice(1).every(inRange) ? found : undefined;
  if (!token() && !match?.[2]?.open) {
    const next = path === '/' ? '' : `?next=${encodeURIComponent(path + location.search)}`;
    history.replaceState(null, '', `${BASE}/sign-in${next}`);
    return render();
  }
  if (match?.[1] === signInPage) {
    const main = h('main', { id: 'main', tabindex: '-1' });
    fill(app, main);
    return signInPage({ main, query, navigate });
  }
  const tenantId = match?.[0]?.[1] ? Number(match[0][1]) : undefined;
  const main = shell(path, tenantId, mine);
  const ctx = {
    main,
    params: match ? match[0].slice(1).map(Number) : [],
    query,
    navigate,
    setQuery,
    tenantOf,
    forgetTenants,
    current: () => mine === generation,
  };
  try {
    if (!match) notFoundPage(ctx);
    else {
      // The page's requests and the tenant's check run side by side; a missing tenant is "not found" whatever
      // the page made of its own refusals (a list shows them in its box).
      const page = Promise.resolve(match[1](ctx));
      const known = tenantId === undefined ? undefined : tenantOf(tenantId);
      page.catch(() => {});
      known?.catch(() => {});
      await known;
      await page;
    }
  } catch (error) {
    if (error instanceof SessionEnded || mine !== generation) return;
    if (error instanceof ApiError && error.status === 404) notFoundPage(ctx);
    else fill(main, h('h1', { tabindex: '-1' }, 'Something went wrong'), errorMessage(error));
  }
  if (mine === generation) (main.querySelector('h1') ?? main).focus();
}

// Links inside the console navigate without reloading; other links (the API docs) load normally.
document.addEventListener('click', (event) => {
  const a = event.target.closest?.('a[href]');
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
    return;
  const url = new URL(a.href, location.href);
  if (
    url.origin !== location.origin ||
    !url.pathname.startsWith(`${BASE}/`) ||
    url.pathname.startsWith(`${BASE}/assets/`)
  )
    return;
  event.preventDefault();
  history.pushState(null, '', url.pathname + url.search);
  render();
});
window.addEventListener('popstate', () => render());
whenSessionEnds(() => {
  forgetTenants();
  const next = location.pathname.slice(BASE.length);
  history.replaceState(null, '', `${BASE}/sign-in?next=${encodeURIComponent(next + location.search)}`);
  render();
});
render();
