// Discount cards of a tenant: list, issue (virtpos's rules: uid, barcode and external id unique), block and delete.
import { api } from '../api.js';
import { fill, h } from '../dom.js';
import {
  actor,
  confirm,
  empty,
  field,
  heading,
  link,
  message,
  pagedList,
  showFormError,
  table,
} from '../ui.js';

export async function cardsPage({ main, params: [tenantId] }) {
  const status = h('div', { 'aria-live': 'polite' });
  let list;
  const act = actor(status, () => list.open());
  const actions = (c) => {
    const toggle = h(
      'button',
      { type: 'button' },
      c.status === 'BLOCKED' ? `Activate card ${c.uid}` : `Block card ${c.uid}`,
    );
    toggle.addEventListener('click', () =>
      act(`Card ${c.uid} changed.`, () =>
        api('PATCH', `/tenants/${tenantId}/cards/${c.id}`, {
          body: { status: c.status === 'BLOCKED' ? 'ACTIVE' : 'BLOCKED' },
        }),
      ),
    );
    const remove = h('button', { type: 'button', class: 'danger' }, `Delete card ${c.uid}`);
    remove.addEventListener('click', async () => {
      if (await confirm(`Delete card ${c.uid}? It stops working at once.`, 'Delete'))
        act(`Card ${c.uid} deleted.`, () => api('DELETE', `/tenants/${tenantId}/cards/${c.id}`));
    });
    return h('span', { class: 'actions' }, toggle, remove);
  };
  list = pagedList(
    (cursor) => api('GET', `/tenants/${tenantId}/cards`, { query: { cursor, limit: 25 } }),
    (items) =>
      items.length
        ? table(
            'Discount cards',
            [
              { label: 'Card', cell: (c) => c.uid },
              { label: 'Barcode', cell: (c) => c.barcode },
              { label: 'Type', cell: (c) => c.type_name },
              {
                label: 'Holder',
                cell: (c) =>
                  c.customer
                    ? link(`/console/tenants/${tenantId}/customers/${c.customer}`, `customer ${c.customer}`)
                    : 'none',
              },
              { label: 'Status', cell: (c) => c.status },
              { label: 'Actions', cell: actions },
            ],
            items,
          )
        : empty('No discount cards yet. Issue one with the form below, or through virtpos insertCard.'),
    'Pages of cards',
  );
  fill(
    main,
    heading('Discount cards'),
    status,
    list.box,
    issueForm(tenantId, () => list.open(), status),
  );
  await list.open();
}

function issueForm(tenantId, reload, status) {
  const fields = [
    field({ label: 'Card number (uid)', name: 'uid', required: true }),
    field({ label: 'Barcode', name: 'barcode' }),
    field({ label: 'Type name', name: 'type_name' }),
    field({ label: 'Holder (customer id)', name: 'customer_id', attrs: { inputmode: 'numeric' } }),
  ];
  const summary = h('div', { class: 'form-status' });
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('h2', {}, 'Issue a card'),
    summary,
    h(
      'div',
      { class: 'form-grid' },
      fields.map((f) => f.wrap),
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Issue card'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fill(summary);
    for (const f of fields) f.setError('');
    const body = Object.fromEntries(fields.map((f) => [f.name, f.input.value.trim()]).filter(([, v]) => v));
    if (!body.uid) return (fields[0].setError('Enter the card number.'), fields[0].input.focus());
    if (body.customer_id !== undefined) {
      if (!/^\d+$/.test(body.customer_id))
        return (fields[3].setError('A customer id: digits only.'), fields[3].input.focus());
      body.customer_id = Number(body.customer_id);
    }
    try {
      await api('POST', `/tenants/${tenantId}/cards`, { body });
      form.reset();
      fill(status, message(`Card ${body.uid} issued.`, 'ok'));
      await reload();
    } catch (error) {
      if (error?.name !== 'SessionEnded') showFormError(fields, summary, error);
    }
  });
  return form;
}
