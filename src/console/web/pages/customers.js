// Customers: a search as you type (debounced, one indexed lookup per search), paging, and a customer's page.
import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { empty, facts, field, formatDate, heading, link, pagedList, section, table } from '../ui.js';

const DEBOUNCE_MS = 250;

const fullName = (c) => [c.name, c.middle_name, c.surname].filter(Boolean).join(' ');

export async function customersPage({ main, params: [tenantId], query, current, setQuery }) {
  const search = field({
    label: 'Search customers',
    name: 'q',
    type: 'search',
    value: query.get('q') ?? '',
    hint: 'A name or surname (its start), an e-mail, a phone in any spelling, or a document number.',
    // The admin API takes a search of up to 200 characters; the field takes no more, rather than a refusal.
    attrs: { autocomplete: 'off', maxlength: 200 },
  });
  const results = h('div', { 'aria-live': 'polite' });
  const base = `/console/tenants/${tenantId}/customers`;
  let seq = 0;
  async function run() {
    const q = search.input.value.trim();
    const mine = ++seq;
    // Busy until this search's list replaces the one shown: a screen reader (and a test) knows the rows are stale.
    results.setAttribute('aria-busy', 'true');
    setQuery({ q });
    const list = pagedList(
      (cursor) => api('GET', `/tenants/${tenantId}/customers`, { query: { q, cursor, limit: 20 } }),
      (items) =>
        items.length
          ? table(
              'Customers',
              [
                { label: 'Name', cell: (c) => link(`${base}/${c.id}`, fullName(c)) },
                { label: 'E-mail', cell: (c) => c.email },
                { label: 'Phone', cell: (c) => c.phone },
                { label: 'City', cell: (c) => c.city },
                { label: 'Id', cell: (c) => String(c.id) },
              ],
              items,
            )
          : q
            ? empty(
                `No customer matches “${q}”. Try the start of the surname, the whole e-mail, or the phone's digits.`,
              )
            : empty(
                'This tenant has no customers yet. They appear here when a vendor client (Zak add_one, Netstorming insert, virtpos) or the admin API creates them.',
              ),
      'Pages of customers',
    );
    try {
      await list.open();
      if (mine === seq && current()) fill(results, list.box);
    } finally {
      // A newer search, still under way, keeps it busy.
      if (mine === seq) results.removeAttribute('aria-busy');
    }
  }
  let timer;
  search.input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  search.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      clearTimeout(timer);
      run();
    }
  });
  fill(main, heading('Customers'), h('search', {}, search.wrap), results);
  await run();
}

export async function customerPage({ main, params: [tenantId, id] }) {
  // The data subject's export: the customer with documents, every reservation they booked or stay in, their cards.
  const all = await api('GET', `/tenants/${tenantId}/customers/${id}/export`);
  const c = all.customer;
  const cards = h('div');
  const reservations = h('div');
  fill(
    main,
    heading(fullName(c) || `Customer ${c.id}`),
    h(
      'p',
      { class: 'actions' },
      link(`/console/tenants/${tenantId}/customers/${id}/edit`, 'Edit customer'),
      link(`/console/tenants/${tenantId}/customers`, 'Back to customers'),
    ),
    section(
      'Main information',
      facts([
        ['Id', String(c.id)],
        ['Name', c.name],
        ['Middle name', c.middle_name],
        ['Surname', c.surname],
        ['Gender', { m: 'male', f: 'female', x: 'other' }[c.gender] ?? c.gender],
        ['Birthday', c.birthday],
        ['Birth place', [c.birth_city, c.birth_country].filter(Boolean).join(', ')],
        ['Country', c.country],
        ['External id', c.external_id],
        ['Notes', c.custom_information],
        ['Created', formatDate(c.created_at)],
        ['Changed', formatDate(c.updated_at)],
      ]),
    ),
    section(
      'Contacts',
      facts([
        ['E-mail', c.email],
        ['Phone', c.phone],
        ['Address', [c.address, c.zipcode, c.city, c.residence_country].filter(Boolean).join(', ')],
        [
          'Messages',
          ['e-mail', 'sms', 'push'].filter((_, i) => [c.send_email, c.send_sms, c.send_push][i]).join(', ') ||
            'none',
        ],
      ]),
    ),
    section(
      'Billing',
      facts([
        ['Billing name', c.bill_name],
        [
          'Billing address',
          [c.bill_address, c.bill_zip, c.bill_city, c.bill_country].filter(Boolean).join(', '),
        ],
        ['VAT number', c.vat_number],
        ['Tax code', c.cf],
      ]),
    ),
    section(
      'Documents',
      c.documents.length
        ? table(
            'Documents',
            [
              { label: 'Type', cell: (d) => d.doc_type },
              { label: 'Number', cell: (d) => d.doc_number },
              { label: 'Country', cell: (d) => d.doc_country },
              { label: 'Issued by', cell: (d) => d.doc_issuer },
              { label: 'Issued', cell: (d) => d.doc_issue },
              { label: 'Expires', cell: (d) => d.doc_expiry },
            ],
            c.documents,
          )
        : empty('No identity documents. A front desk records them at check-in through Zak.'),
    ),
    section('Reservations', reservations),
    section('Discount cards', cards),
  );
  fill(
    reservations,
    all.reservations.length
      ? table(
          'Reservations',
          [
            { label: 'Code', cell: (r) => link(`/console/tenants/${tenantId}/reservations/${r.id}`, r.code) },
            { label: 'Arrival', cell: (r) => r.arrival },
            { label: 'Departure', cell: (r) => r.departure },
            { label: 'Status', cell: (r) => r.status },
            { label: 'Role', cell: (r) => (r.booker === c.id ? 'booker' : 'guest') },
          ],
          all.reservations,
        )
      : empty('No reservations: this customer has neither booked nor stayed.'),
  );
  fill(
    cards,
    all.cards.length
      ? table(
          'Discount cards',
          [
            { label: 'Card', cell: (k) => k.uid },
            { label: 'Type', cell: (k) => k.type_name },
            { label: 'Status', cell: (k) => k.status },
          ],
          all.cards,
        )
      : empty(
          h(
            'span',
            {},
            'No discount cards. Issue one on the ',
            link(`/console/tenants/${tenantId}/cards`, 'cards page'),
            '.',
          ),
        ),
  );
}
