// Netstorming agencies of a tenant by owner: enable and disable (Netstorming's own operation, seen by both).
import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { empty, errorMessage, heading, message, pagedList, table } from '../ui.js';

export async function agenciesPage({ main, params: [tenantId] }) {
  const status = h('div', { 'aria-live': 'polite' });
  let list;
  const toggle = (a) => {
    const b = h(
      'button',
      { type: 'button', class: a.enabled ? 'danger' : '' },
      `${a.enabled ? 'Disable' : 'Enable'} ${a.name}`,
    );
    b.addEventListener('click', async () => {
      try {
        await api('POST', `/tenants/${tenantId}/agencies/${a.id}/${a.enabled ? 'disable' : 'enable'}`);
        fill(status, message(`${a.name} ${a.enabled ? 'disabled' : 'enabled'}.`, 'ok'));
        await list.open();
      } catch (error) {
        if (error?.name !== 'SessionEnded') fill(status, errorMessage(error));
      }
    });
    return b;
  };
  const owners = await api('GET', `/tenants/${tenantId}/owners`, { query: { limit: 500 } });
  const ownerName = new Map(owners.items.map((o) => [o.id, o.name || o.code]));
  list = pagedList(
    (cursor) => api('GET', `/tenants/${tenantId}/agencies`, { query: { cursor, limit: 25 } }),
    (items) =>
      items.length
        ? table(
            'Agencies',
            [
              { label: 'Agency', cell: (a) => a.name },
              { label: 'Code', cell: (a) => a.code },
              { label: 'Owner', cell: (a) => ownerName.get(a.owner) ?? String(a.owner) },
              { label: 'City', cell: (a) => [a.city, a.country].filter(Boolean).join(', ') },
              { label: 'State', cell: (a) => (a.enabled ? 'enabled' : 'disabled') },
              { label: 'Action', cell: toggle },
            ],
            items,
          )
        : empty(
            owners.items.length
              ? 'No agencies yet: a tour operator loads them through Netstorming /api/customers/insert.'
              : 'No Netstorming owners yet: create one through the admin API (POST /owners), then agencies arrive through Netstorming /api/customers/insert.',
          ),
    'Pages of agencies',
  );
  fill(main, heading('Netstorming agencies'), status, list.box);
  await list.open();
}
