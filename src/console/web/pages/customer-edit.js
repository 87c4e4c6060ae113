// A customer's edit form: the fields the admin API changes, checked in the browser first (each message next to
// its field, nothing sent while one is wrong), then the API's own per-field answers shown the same way.
import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { field, heading, link, showFormError, unreadable } from '../ui.js';

const GROUPS = [
  [
    'Main information',
    [
      ['name', 'Name', { required: true }],
      ['middle_name', 'Middle name'],
      ['surname', 'Surname', { required: true }],
      [
        'gender',
        'Gender',
        {
          options: [
            ['', 'not given'],
            ['m', 'male'],
            ['f', 'female'],
            ['x', 'other'],
          ],
        },
      ],
      ['birthday', 'Birthday', { type: 'date' }],
      ['birth_city', 'Birth city'],
      ['birth_country', 'Birth country', { hint: 'Two letters, e.g. IT' }],
      ['country', 'Country', { hint: 'Two letters, e.g. IT' }],
      ['external_id', 'External id'],
      ['custom_information', 'Notes'],
    ],
  ],
  [
    'Contacts',
    [
      ['email', 'E-mail', { type: 'email' }],
      ['phone', 'Phone', { type: 'tel' }],
      ['address', 'Address'],
      ['zipcode', 'Postcode'],
      ['city', 'City'],
      ['residence_country', 'Residence country', { hint: 'Two letters, e.g. IT' }],
      ['send_email', 'Send e-mail', { type: 'checkbox' }],
      ['send_sms', 'Send SMS', { type: 'checkbox' }],
      ['send_push', 'Send push notifications', { type: 'checkbox' }],
    ],
  ],
  [
    'Billing',
    [
      ['bill_name', 'Billing name'],
      ['bill_address', 'Billing address'],
      ['bill_zip', 'Billing postcode'],
      ['bill_city', 'Billing city'],
      ['bill_country', 'Billing country', { hint: 'Two letters, e.g. IT' }],
      ['vat_number', 'VAT number'],
      ['cf', 'Tax code'],
    ],
  ],
];

/** The browser's checks: the obvious mistakes, said before anything is sent. The API stays the judge. */
function localProblem(name, value) {
  if ((name === 'name' || name === 'surname') && value === '') return 'Required: it cannot be empty.';
  if (name === 'email' && value && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
    return 'Not an e-mail address (name@example.org).';
  if (/country$/.test(name) && value && !/^[A-Za-z]{2}$/.test(value))
    return 'Two letters: an ISO country code such as IT.';
  if (name === 'birthday' && value) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return 'A date: yyyy-mm-dd.';
    if (value > new Date().toISOString().slice(0, 10)) return 'A birthday cannot be in the future.';
  }
  if (name === 'phone' && value && (value.replace(/\D/g, '').length < 5 || /[^\d\s()+\-.]/.test(value)))
    return 'A phone number: digits, spaces, + ( ) - only.';
  return '';
}

export async function customerEditPage({ main, params: [tenantId, id], navigate }) {
  const c = await api('GET', `/tenants/${tenantId}/customers/${id}`);
  const fields = [];
  const groups = GROUPS.map(([title, list]) =>
    h(
      'fieldset',
      { class: 'card' },
      h('legend', {}, title),
      h(
        'div',
        { class: 'form-grid' },
        list.map(([name, label, opts = {}]) => {
          const f = field({
            label,
            name,
            value: c[name] ?? (opts.type === 'checkbox' ? false : ''),
            ...opts,
          });
          fields.push(f);
          return f.wrap;
        }),
      ),
    ),
  );
  const summary = h('div', { class: 'form-status' });
  const back = `/console/tenants/${tenantId}/customers/${id}`;
  const form = h(
    'form',
    { novalidate: true },
    summary,
    groups,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Save changes'),
      link(back, 'Cancel'),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fill(summary);
    const changes = {};
    let first;
    for (const f of fields) {
      const value = f.input.type === 'checkbox' ? f.input.checked : f.input.value.trim();
      const problem = unreadable(f.input) || (typeof value === 'string' ? localProblem(f.name, value) : '');
      f.setError(problem);
      if (problem) first ??= f;
      const before = c[f.name] ?? (typeof value === 'boolean' ? false : '');
      if (value !== before) changes[f.name] = value === '' ? null : value;
    }
    if (first) {
      fill(
        summary,
        h(
          'p',
          { class: 'message error', role: 'alert' },
          'Some fields need a change: see the messages below them. Nothing was saved.',
        ),
      );
      first.input.focus();
      return;
    }
    if (!Object.keys(changes).length) return navigate(back.slice('/console'.length));
    try {
      await api('PATCH', `/tenants/${tenantId}/customers/${id}`, { body: changes });
      await navigate(back.slice('/console'.length));
    } catch (error) {
      if (error?.name !== 'SessionEnded') showFormError(fields, summary, error);
    }
  });
  fill(main, heading(`Edit ${[c.name, c.surname].filter(Boolean).join(' ')}`), form);
}
