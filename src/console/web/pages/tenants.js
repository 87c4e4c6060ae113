// Tenants: list and create; a tenant's page with its API keys (a new key is shown once, with a copy button).
import { api } from '../api.js';
import { fill, h } from '../dom.js';
import {
  confirm,
  copyButton,
  empty,
  errorMessage,
  facts,
  field,
  formatDate,
  heading,
  link,
  message,
  pagedList,
  section,
  showFormError,
  table,
} from '../ui.js';

export async function tenantsPage({ main, navigate, forgetTenants }) {
  const list = pagedList(
    (cursor) => api('GET', '/tenants', { query: { cursor, limit: 50 } }),
    (items) =>
      items.length
        ? table(
            'Tenants',
            [
              { label: 'Name', cell: (t) => link(`/console/tenants/${t.id}/customers`, t.name) },
              { label: 'Id', cell: (t) => String(t.id) },
              { label: 'Prefix', cell: (t) => t.prefix },
              { label: 'Time zone', cell: (t) => t.timezone },
              { label: 'Currency', cell: (t) => t.currency },
              {
                label: 'Keys',
                cell: (t) =>
                  link(
                    `/console/tenants/${t.id}`,
                    'API keys',
                    h('span', { class: 'visually-hidden' }, ` of ${t.name}`),
                  ),
              },
            ],
            items,
          )
        : empty('There are no tenants yet. Create the first one with the form below.'),
    'Pages of tenants',
  );
  fill(main, heading('Tenants'), list.box, createTenantForm(navigate, forgetTenants));
  await list.open();
}

function createTenantForm(navigate, forgetTenants) {
  const fields = [
    field({ label: 'Name', name: 'name', required: true, attrs: { maxlength: 200 } }),
    field({
      label: 'Prefix',
      name: 'prefix',
      hint: 'Two letters: reservation codes read XY-0001.',
      attrs: { maxlength: 2 },
    }),
    field({
      label: 'Time zone',
      name: 'timezone',
      hint: 'An IANA name such as Europe/Rome; UTC when empty.',
    }),
    field({
      label: 'Currency',
      name: 'currency',
      hint: 'ISO 4217 such as EUR (the default).',
      attrs: { maxlength: 3 },
    }),
  ];
  const summary = h('div', { class: 'form-status' });
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('h2', {}, 'Create a tenant'),
    summary,
    fields.map((f) => f.wrap),
    h('button', { type: 'submit', class: 'primary' }, 'Create tenant'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(
      fields.map((f) => [f.name, f.input.value.trim()]).filter(([, v]) => v !== ''),
    );
    for (const f of fields) f.setError('');
    fill(summary);
    if (!body.name) {
      fields[0].setError('Enter a name.');
      fields[0].input.focus();
      return;
    }
    if (body.prefix !== undefined && !/^[A-Za-z]{2}$/.test(body.prefix)) {
      fields[1].setError('Two letters, such as HS.');
      fields[1].input.focus();
      return;
    }
    try {
      const tenant = await api('POST', '/tenants', { body });
      forgetTenants();
      await navigate(`/tenants/${tenant.id}`);
    } catch (error) {
      if (error?.name === 'SessionEnded') return;
      showFormError(fields, summary, error);
    }
  });
  return form;
}

export async function tenantPage({ main, params: [tenantId], tenantOf }) {
  const keysBox = h('div');
  const shown = h('div', { 'aria-live': 'polite' });
  const create = h('button', { type: 'button', class: 'primary' }, 'Create API key');
  const load = async () => {
    const page = await api('GET', `/tenants/${tenantId}/keys`, { query: { limit: 500 } });
    fill(
      keysBox,
      page.items.length
        ? table(
            'API keys',
            [
              { label: 'Id', cell: (k) => String(k.id) },
              { label: 'Prefix', cell: (k) => h('code', {}, k.prefix) },
              { label: 'Created', cell: (k) => formatDate(k.created_at) },
              {
                label: 'State',
                cell: (k) => (k.revoked_at ? `revoked ${formatDate(k.revoked_at)}` : 'active'),
              },
              { label: 'Action', cell: (k) => (k.revoked_at ? '' : revokeButton(k)) },
            ],
            page.items,
          )
        : empty(
            'This tenant has no API keys. Create one with the button above: vendor clients send it with each call.',
          ),
    );
  };
  const revokeButton = (k) => {
    const b = h('button', { type: 'button', class: 'danger' }, `Revoke key ${k.prefix}`);
    b.addEventListener('click', async () => {
      if (!(await confirm(`Revoke key ${k.prefix}? Clients using it are refused within a second.`, 'Revoke')))
        return;
      try {
        await api('DELETE', `/tenants/${tenantId}/keys/${k.id}`);
        fill(shown, message(`Key ${k.prefix} revoked.`, 'ok'));
        await load();
      } catch (error) {
        if (error?.name !== 'SessionEnded') fill(shown, errorMessage(error));
      }
    });
    return b;
  };
  create.addEventListener('click', async () => {
    try {
      const issued = await api('POST', `/tenants/${tenantId}/keys`);
      fill(
        shown,
        h(
          'div',
          { class: 'message ok new-key' },
          h('p', {}, 'The new key, shown this once: copy it now.'),
          h('p', {}, h('code', { class: 'secret' }, issued.key), ' ', copyButton(issued.key, 'Copy key')),
        ),
      );
      await load();
    } catch (error) {
      if (error?.name !== 'SessionEnded') fill(shown, errorMessage(error));
    }
  });
  const t = await tenantOf(tenantId);
  fill(
    main,
    heading(t.name),
    facts([
      ['Id', String(t.id)],
      ['Prefix', t.prefix],
      ['Time zone', t.timezone],
      ['Currency', t.currency],
      ['Country', t.country],
      ['Created', formatDate(t.created_at)],
    ]),
    section('API keys', h('p', {}, create), shown, keysBox),
  );
  await load();
}
