// A tenant's integrator sandbox (docs/sandbox.md): the request journal, fault rules, the tenant's clock, reset and
// a snapshot saved as a file.
import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { confirm, errorMessage, facts, field, heading, message, section, showFormError } from '../ui.js';
import { faultsSection } from './sandbox-faults.js';
import { journalSection } from './sandbox-journal.js';

/** The calls a fault rule may name, read from the admin API's own OpenAPI document (the server keeps the list). */
async function knownCalls() {
  const doc = await (await fetch('/openapi/admin.json')).json();
  const body =
    doc.paths['/admin/v1/tenants/{tenant}/faults'].post.requestBody.content['application/json'].schema;
  return body.properties.call.examples.filter((c) => c !== '*');
}

const clockWords = (c) =>
  c.real ? 'the real clock' : c.today ? `pinned to ${c.today}` : `shifted by ${c.offset_days} days`;

function clockSection(tenantId, status) {
  const shown = h('div', { 'aria-live': 'polite' });
  const show = (c) =>
    fill(
      shown,
      facts([
        ['Follows', clockWords(c)],
        ['Today (tenant’s time zone)', c.tenant_today],
        ['Now', c.now],
      ]),
    );
  const load = async () => show(await api('GET', `/tenants/${tenantId}/clock`));

  const today = field({ label: 'Day', name: 'today', type: 'date' });
  const offset = field({
    label: 'Offset in days',
    name: 'offset_days',
    type: 'number',
    hint: 'e.g. 3 or -1',
  });
  const summary = h('div', { class: 'form-status' });
  const put = async (body, words) => {
    for (const f of [today, offset]) f.setError('');
    fill(summary);
    try {
      show(await api('PUT', `/tenants/${tenantId}/clock`, { body }));
      fill(status, message(words, 'ok'));
    } catch (error) {
      if (error?.name !== 'SessionEnded') showFormError([today, offset], summary, error);
    }
  };
  const setDay = h('button', { type: 'submit', class: 'primary' }, 'Set day');
  const setOffset = h('button', { type: 'button' }, 'Set offset');
  const real = h('button', { type: 'button' }, 'Back to the real clock');
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('h3', {}, 'Change the clock'),
    summary,
    h('div', { class: 'form-grid' }, today.wrap, offset.wrap),
    h('div', { class: 'actions' }, setDay, setOffset, real),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!today.input.value) return (today.setError('Choose a day.'), today.input.focus());
    put({ today: today.input.value }, `The tenant’s today is now ${today.input.value}.`);
  });
  setOffset.addEventListener('click', () => {
    const text = offset.input.value.trim();
    if (!/^-?\d+$/.test(text)) return (offset.setError('A whole number of days.'), offset.input.focus());
    put({ offset_days: Number(text) }, `The tenant’s clock is shifted by ${text} days.`);
  });
  real.addEventListener('click', () => put(null, 'The tenant follows the real clock again.'));
  return { parts: [shown, form], load };
}

/** Saves GET …/snapshot as a file, as the server sent it. */
async function download(tenantId, status) {
  try {
    const text = await api('GET', `/tenants/${tenantId}/snapshot`, { raw: true });
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = h('a', { href: url, download: `tenant-${tenantId}-snapshot.json` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    fill(status, message('Snapshot saved.', 'ok'));
  } catch (error) {
    if (error?.name !== 'SessionEnded') fill(status, errorMessage(error));
  }
}

export async function sandboxPage({ main, params: [tenantId], query, setQuery, current }) {
  const status = h('div', { 'aria-live': 'polite' });
  const calls = await knownCalls();
  const journal = journalSection({ tenantId, query, setQuery, current, calls, status });
  const faults = faultsSection({ tenantId, calls, status });
  const clock = clockSection(tenantId, status);

  const reset = h('button', { type: 'button', class: 'danger' }, 'Reset tenant');
  reset.addEventListener('click', async () => {
    const question =
      'Empty this tenant’s customers, reservations, cards, agencies, notes, payments and journal? Keys, inventory, webhooks and fault rules stay.';
    if (!(await confirm(question, 'Reset'))) return;
    try {
      await api('POST', `/tenants/${tenantId}/reset`);
      fill(status, message('The tenant was reset.', 'ok'));
      await journal.refresh();
    } catch (error) {
      if (error?.name !== 'SessionEnded') fill(status, errorMessage(error));
    }
  });
  const save = h('button', { type: 'button' }, 'Download snapshot');
  save.addEventListener('click', () => download(tenantId, status));

  if (!current()) return;
  fill(
    main,
    heading('Sandbox'),
    status,
    section('Request journal', journal.parts),
    section('Fault rules', faults.parts),
    section('Clock', clock.parts),
    section('Reset and snapshot', h('div', { class: 'actions' }, reset, save)),
  );
  await Promise.all([faults.load(), clock.load()]);
  journal.start();
}
