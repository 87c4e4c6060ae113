// The sandbox's fault rules: the list (delete one, clear all) and the form that adds one, the server's refusals
// next to their fields.
import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { actor, confirm, empty, field, message, showFormError, table, unreadable } from '../ui.js';

const describeRule = (r) =>
  [
    r.reset ? 'drops the connection' : r.status === null ? 'delays only' : `answers ${r.status}`,
    r.latency_ms ? `after ${r.latency_ms} ms` : '',
    r.probability < 1 ? `with probability ${r.probability}` : '',
    r.times === null ? '' : `${r.times} more time${r.times === 1 ? '' : 's'}`,
    r.body === null || r.body === undefined ? '' : 'with its own body',
  ]
    .filter(Boolean)
    .join(', ');

/** A number field's value: '' is absent; anything else goes to the server as a number, or as typed to be refused. */
const numberOf = (input) => {
  const text = input.value.trim();
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
};

/** A body as typed: JSON when it parses, else the text itself (the server sends a string as text). */
const bodyOf = (text) => {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export function faultsSection({ tenantId, calls, status }) {
  const list = h('div');
  const act = actor(status, () => load());
  async function load() {
    const { items } = await api('GET', `/tenants/${tenantId}/faults`);
    const remove = (r) => {
      const b = h('button', { type: 'button', class: 'danger' }, `Delete rule ${r.id}`);
      b.addEventListener('click', () =>
        act(`Rule ${r.id} deleted.`, () => api('DELETE', `/tenants/${tenantId}/faults/${r.id}`)),
      );
      return b;
    };
    fill(
      list,
      items.length
        ? table(
            'Fault rules, in the order they are tried',
            [
              { label: 'Id', cell: (r) => String(r.id) },
              { label: 'Call', cell: (r) => h('code', {}, r.call) },
              { label: 'What it does', cell: describeRule },
              { label: 'Action', cell: remove },
            ],
            items,
          )
        : empty('No fault rules: every call runs as usual. Add one below to make a call fail.'),
    );
  }

  const call = field({
    label: 'Call',
    name: 'call',
    options: [['', 'Choose a call'], ...['*', ...calls].map((c) => [c, c === '*' ? '* (every call)' : c])],
  });
  const faultStatus = field({
    label: 'Status',
    name: 'status',
    type: 'number',
    hint: '100–599; empty: only delay',
    attrs: { min: 100, max: 599 },
  });
  const latency = field({ label: 'Latency (ms)', name: 'latency_ms', type: 'number', attrs: { min: 0 } });
  const probability = field({
    label: 'Probability',
    name: 'probability',
    type: 'number',
    hint: '0 to 1; empty: 1',
    attrs: { min: 0, max: 1, step: 'any' },
  });
  const times = field({ label: 'Times', name: 'times', type: 'number', hint: 'empty: every request' });
  // Named `reset` for the API's errors; its input named otherwise, as an input named reset hides form.reset().
  const reset = field({
    label: 'Drop the connection',
    name: 'reset',
    type: 'checkbox',
    attrs: { name: 'drop_connection' },
  });
  const bodyId = 'fault-body';
  const body = {
    name: 'body',
    input: h('textarea', { id: bodyId, name: 'body', rows: 3, 'aria-describedby': `${bodyId}-error` }),
    error: h('p', { class: 'field-error', id: `${bodyId}-error` }),
    setError(text) {
      body.error.textContent = text ?? '';
      if (text) body.input.setAttribute('aria-invalid', 'true');
      else body.input.removeAttribute('aria-invalid');
    },
  };
  const fields = [call, faultStatus, latency, probability, times, reset, body];
  const summary = h('div', { class: 'form-status' });
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('h3', {}, 'Add a fault rule'),
    summary,
    h(
      'div',
      { class: 'form-grid' },
      [call, faultStatus, latency, probability, times].map((f) => f.wrap),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: bodyId }, 'Body (optional: JSON or text, instead of the dialect’s error)'),
      body.input,
      body.error,
    ),
    reset.wrap,
    h('button', { type: 'submit', class: 'primary' }, 'Add rule'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const f of fields) f.setError('');
    fill(summary);
    if (!call.input.value) return (call.setError('Choose a call.'), call.input.focus());
    // A number the browser could not read ('5e') would go as absent: said here instead.
    const unread = [faultStatus, latency, probability, times].filter((f) => unreadable(f.input));
    for (const f of unread) f.setError(unreadable(f.input));
    if (unread.length) return unread[0].input.focus();
    const rule = {
      call: call.input.value,
      status: numberOf(faultStatus.input),
      latency_ms: numberOf(latency.input),
      probability: numberOf(probability.input),
      times: numberOf(times.input),
      body: bodyOf(body.input.value),
      reset: reset.input.checked || undefined,
    };
    try {
      const made = await api('POST', `/tenants/${tenantId}/faults`, { body: rule });
      form.reset();
      await load();
      fill(status, message(`Rule ${made.id} added.`, 'ok'));
    } catch (error) {
      if (error?.name !== 'SessionEnded') showFormError(fields, summary, error);
    }
  });

  const clear = h('button', { type: 'button', class: 'danger' }, 'Clear all rules');
  clear.addEventListener('click', async () => {
    if (await confirm('Remove every fault rule of this tenant?', 'Clear'))
      act('Fault rules cleared.', () => api('DELETE', `/tenants/${tenantId}/faults`));
  });
  return { parts: [list, h('div', { class: 'actions' }, clear), form], load };
}
