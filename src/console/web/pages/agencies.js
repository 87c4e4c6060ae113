// Netstorming agencies of a tenant by owner: create (as one item of Netstorming's insert, its rules and words),
// enable and disable (Netstorming's own operation, seen by both); an owner to put them under, when there is none.
import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { empty, errorMessage, field, heading, message, pagedList, showFormError, table } from '../ui.js';

export async function agenciesPage({ main, params: [tenantId] }) {
  const status = h('div', { 'aria-live': 'polite' });
  const forms = h('div');
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
  // Owners are a tour operator's few sub-accounts: the first page names them all in practice.
  let owners = (await api('GET', `/tenants/${tenantId}/owners`, { query: { limit: 500 } })).items;
  const ownerName = () => new Map(owners.map((o) => [o.id, o.name || o.code]));
  list = pagedList(
    (cursor) => api('GET', `/tenants/${tenantId}/agencies`, { query: { cursor, limit: 25 } }),
    (items) => {
      const names = ownerName();
      return items.length
        ? table(
            'Agencies',
            [
              { label: 'Agency', cell: (a) => a.name },
              { label: 'Code', cell: (a) => a.code },
              { label: 'Owner', cell: (a) => names.get(a.owner) ?? String(a.owner) },
              { label: 'City', cell: (a) => [a.city, a.country].filter(Boolean).join(', ') },
              { label: 'State', cell: (a) => (a.enabled ? 'enabled' : 'disabled') },
              { label: 'Action', cell: toggle },
            ],
            items,
          )
        : empty(
            owners.length
              ? 'No agencies yet: create one with the form below, or a tour operator loads them through Netstorming /api/customers/insert.'
              : 'No Netstorming owners yet: create one with the form below, then its agencies.',
          );
    },
    'Pages of agencies',
  );
  const showForms = () =>
    fill(
      forms,
      owners.length ? agencyForm(tenantId, owners, list, status) : null,
      ownerForm(tenantId, status, async (owner) => {
        owners = [...owners, owner];
        showForms();
        await list.open();
      }),
    );
  showForms();
  fill(main, heading('Netstorming agencies'), status, list.box, forms);
  await list.open();
}

/** The insert's compulsory fields, in its table's order; the flags are checkboxes. */
const AGENCY_FIELDS = [
  ['code', 'Code', '3 to 12 of A-Z, a-z, 0-9 and _; unique in the whole instance.'],
  ['name', 'Name'],
  ['address', 'Address'],
  ['zip', 'ZIP code', 'Digits only.'],
  ['country', 'Country', 'Two letters, such as IT.'],
  ['city', 'City code', 'Netstorming’s city code, such as VCEI.'],
  ['mailstaff', 'Staff e-mail'],
  ['notify_lang', 'Notification language', 'Two letters, such as it.'],
  ['telephone', 'Telephone'],
  ['fax', 'Fax'],
  ['currency', 'Currency', 'ISO 4217, such as EUR.'],
  ['admin_user_name', 'Admin user’s name'],
  ['admin_user_email', 'Admin user’s e-mail'],
  ['admin_user_login', 'Admin user’s login', '3 to 12 of A-Z, a-z, 0-9 and _.'],
  ['admin_user_psw', 'Admin user’s password', '6 to 12 characters.'],
];
const FLAGS = [
  ['booking_online', 'Books online'],
  ['blocked_in_deadline', 'Blocked in deadline'],
  ['credit_card', 'Pays by credit card'],
];

function agencyForm(tenantId, owners, list, status) {
  const owner = field({
    label: 'Owner',
    name: 'owner',
    options: owners.map((o) => [String(o.id), `${o.name || o.code} (${o.code})`]),
  });
  const texts = AGENCY_FIELDS.map(([name, label, hint]) =>
    field({
      label,
      name,
      hint,
      required: true,
      type: name === 'admin_user_psw' ? 'password' : name.includes('mail') ? 'email' : 'text',
      attrs: name === 'admin_user_psw' ? { autocomplete: 'new-password' } : { autocomplete: 'off' },
    }),
  );
  const flags = FLAGS.map(([name, label]) => field({ label, name, type: 'checkbox' }));
  const fields = [owner, ...texts, ...flags];
  const summary = h('div', { class: 'form-status' });
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('h2', {}, 'Create an agency'),
    h(
      'p',
      { class: 'muted' },
      'As one customer of Netstorming’s insert: the same rules, and its admin user.',
    ),
    summary,
    h(
      'div',
      { class: 'form-grid' },
      fields.map((f) => f.wrap),
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Create agency'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fill(summary);
    for (const f of fields) f.setError('');
    const blank = texts.filter((f) => f.input.value.trim() === '');
    if (blank.length) {
      for (const f of blank) f.setError('Required: it cannot be empty.');
      fill(summary, message('Some fields need a change: see the messages below them. Nothing was sent.'));
      return blank[0].input.focus();
    }
    const body = {
      owner: Number(owner.input.value),
      ...Object.fromEntries(
        texts.map((f) => [f.name, f.name === 'admin_user_psw' ? f.input.value : f.input.value.trim()]),
      ),
      ...Object.fromEntries(flags.map((f) => [f.name, f.input.checked])),
    };
    try {
      const made = await api('POST', `/tenants/${tenantId}/agencies`, { body });
      form.reset();
      fill(status, message(`Agency ${made.name} (${made.code}) created.`, 'ok'));
      await list.open();
    } catch (error) {
      if (error?.name !== 'SessionEnded') showFormError(fields, summary, error);
    }
  });
  return form;
}

function ownerForm(tenantId, status, created) {
  const fields = [
    field({
      label: 'Owner code',
      name: 'code',
      required: true,
      hint: '3 to 12 of A-Z, a-z, 0-9 and _: what Netstorming calls owner_code.',
    }),
    field({ label: 'Owner name', name: 'name' }),
  ];
  const summary = h('div', { class: 'form-status' });
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('h2', {}, 'Create an owner'),
    summary,
    h(
      'div',
      { class: 'form-grid' },
      fields.map((f) => f.wrap),
    ),
    h('button', { type: 'submit' }, 'Create owner'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fill(summary);
    for (const f of fields) f.setError('');
    const body = Object.fromEntries(fields.map((f) => [f.name, f.input.value.trim()]).filter(([, v]) => v));
    if (!body.code) return (fields[0].setError('Enter a code.'), fields[0].input.focus());
    try {
      const owner = await api('POST', `/tenants/${tenantId}/owners`, { body });
      fill(status, message(`Owner ${owner.code} created.`, 'ok'));
      await created(owner);
    } catch (error) {
      if (error?.name !== 'SessionEnded') showFormError(fields, summary, error);
    }
  });
  return form;
}
