// The sandbox's request journal: newest first, filtered by call and status, each row opening onto its redacted
// request and reply bodies, polled every 2 s while its page is open.
import { api } from '../api.js';
import { fill, h, uid } from '../dom.js';
import { confirm, empty, errorMessage, formatDate, message } from '../ui.js';

const POLL_MS = 2_000;
const COLUMNS = ['Time', 'Call', 'Method', 'Status', 'Duration', 'Bodies'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function bodies(entry) {
  const part = (title, text) => [
    h('h3', {}, title),
    // Focusable: a long body scrolls inside its box, and the keyboard scrolls it too.
    text ? h('pre', { class: 'file', tabindex: 0 }, text) : h('p', { class: 'muted' }, 'No body.'),
  ];
  return [
    h('p', {}, h('code', {}, entry.path)),
    part('Request', entry.request_body),
    part('Reply', entry.reply_body),
  ];
}

/** The rows, each with a button that opens its bodies in a row under it; `open` keeps the opened ids across polls. */
function journalTable(items, open) {
  const rows = items.flatMap((e) => {
    const id = uid('bodies');
    const button = h(
      'button',
      { type: 'button', 'aria-expanded': String(open.has(e.id)), 'aria-controls': id },
      `Bodies of request ${e.id}`,
    );
    const more = h(
      'tr',
      { class: 'bodies', id, hidden: !open.has(e.id) },
      h('td', { colspan: 6 }, bodies(e)),
    );
    button.addEventListener('click', () => {
      const opening = !open.has(e.id);
      if (opening) open.add(e.id);
      else open.delete(e.id);
      button.setAttribute('aria-expanded', String(opening));
      more.hidden = !opening;
    });
    const cells = [
      formatDate(e.at),
      h('code', {}, `${e.dialect}:${e.call}`),
      e.method,
      e.status === 0 ? '0 (dropped)' : String(e.status),
      `${Math.round(e.duration_ms * 10) / 10} ms`,
      button,
    ];
    return [
      h(
        'tr',
        {},
        cells.map((c, i) => h('td', { 'data-label': COLUMNS[i] }, c)),
      ),
      more,
    ];
  });
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'journal' },
      h('caption', { class: 'visually-hidden' }, 'Requests, newest first'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          COLUMNS.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}

/** The journal section; `start()` polls until `current()` says the page was left. */
export function journalSection({ tenantId, query, setQuery, current, calls, status }) {
  const box = h('div', { 'aria-busy': 'true' });
  const filter = { call: query.get('call') ?? '', status: query.get('status') ?? '' };
  const open = new Set();
  let shown;

  async function refresh() {
    const { items } = await api('GET', `/tenants/${tenantId}/requests`, {
      query: { ...filter, limit: 100 },
    });
    // Unchanged: left alone, so an opened row, the focus and the reader's place stay where they are.
    const seen = JSON.stringify([filter, items.map((e) => e.id)]);
    if (seen === shown) return;
    shown = seen;
    fill(
      box,
      items.length
        ? journalTable(items, open)
        : empty(
            filter.call || filter.status
              ? 'No request matches these filters.'
              : 'No requests yet: calls made with this tenant’s API keys appear here within 2 seconds.',
          ),
    );
  }

  async function start() {
    while (current()) {
      try {
        await refresh();
      } catch (error) {
        if (error?.name === 'SessionEnded') return;
        shown = undefined;
        if (current()) fill(box, errorMessage(error));
      }
      box.removeAttribute('aria-busy');
      await sleep(POLL_MS);
    }
  }

  const callId = uid('journal-call');
  const statusId = uid('journal-status');
  const listId = uid('known-calls');
  const callInput = h('input', { id: callId, name: 'call', value: filter.call, list: listId });
  const statusInput = h('input', {
    id: statusId,
    name: 'status',
    type: 'number',
    min: 0,
    max: 599,
    value: filter.status,
  });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter requests' },
    h(
      'datalist',
      { id: listId },
      ['zak', 'netstorming', 'virtpos', ...calls].map((c) => h('option', { value: c })),
    ),
    h('div', { class: 'field' }, h('label', { for: callId }, 'Call (dialect:call or a dialect)'), callInput),
    h('div', { class: 'field' }, h('label', { for: statusId }, 'Status'), statusInput),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Filter')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    filter.call = callInput.value.trim();
    filter.status = statusInput.value.trim();
    setQuery(filter);
    try {
      await refresh();
    } catch (error) {
      if (error?.name !== 'SessionEnded') fill(box, errorMessage(error));
    }
  });

  const clear = h('button', { type: 'button', class: 'danger' }, 'Clear journal');
  clear.addEventListener('click', async () => {
    if (!(await confirm('Clear this tenant’s request journal?', 'Clear'))) return;
    try {
      await api('DELETE', `/tenants/${tenantId}/requests`);
      fill(status, message('Journal cleared.', 'ok'));
      await refresh();
    } catch (error) {
      if (error?.name !== 'SessionEnded') fill(status, errorMessage(error));
    }
  });

  return { parts: [form, h('div', { class: 'actions' }, clear), box], start, refresh };
}
