// A tenant's webhooks (add, remove; the secret shown once) and the delivery log with each attempt, redeliver.
import { api } from '../api.js';
import { fill, h } from '../dom.js';
import {
  actor,
  confirm,
  copyButton,
  empty,
  errorMessage,
  field,
  formatDate,
  heading,
  section,
  showFormError,
  table,
} from '../ui.js';

/** The event names the admin API accepts, read from its own OpenAPI document (one list, kept by the server). */
async function eventTypes() {
  const doc = await (await fetch('/openapi/admin.json')).json();
  const body =
    doc.paths['/admin/v1/tenants/{tenant}/webhooks'].post.requestBody.content['application/json'].schema;
  return body.properties.events.items.enum;
}

export async function webhooksPage({ main, params: [tenantId], query, navigate }) {
  const status = h('div', { 'aria-live': 'polite' });
  const hooksBox = h('div');
  const deliveriesBox = h('div');
  const only = query.get('status') ?? '';
  const act = actor(status, () => load());
  async function load() {
    const [hooks, deliveries] = await Promise.all([
      api('GET', `/tenants/${tenantId}/webhooks`),
      api('GET', `/tenants/${tenantId}/deliveries`, { query: { status: only, limit: 100 } }),
    ]);
    fill(
      hooksBox,
      hooks.items.length
        ? table(
            'Webhooks',
            [
              { label: 'Id', cell: (w) => String(w.id) },
              { label: 'URL', cell: (w) => h('code', {}, w.url) },
              { label: 'Format', cell: (w) => w.format },
              { label: 'Events', cell: (w) => (w.events?.length ? w.events.join(', ') : 'all') },
              {
                label: 'Action',
                cell: (w) => {
                  const b = h('button', { type: 'button', class: 'danger' }, `Remove webhook ${w.id}`);
                  b.addEventListener('click', async () => {
                    if (await confirm(`Remove the webhook to ${w.url} and its deliveries?`, 'Remove'))
                      act(`Webhook ${w.id} removed.`, () =>
                        api('DELETE', `/tenants/${tenantId}/webhooks/${w.id}`),
                      );
                  });
                  return b;
                },
              },
            ],
            hooks.items,
          )
        : empty(
            'No webhooks. Add one below to be told of every change (customers, reservations, cards) by an HTTP POST.',
          ),
    );
    fill(
      deliveriesBox,
      deliveries.items.length
        ? table(
            'Deliveries',
            [
              { label: 'Id', cell: (d) => String(d.id) },
              { label: 'Webhook', cell: (d) => String(d.webhook) },
              { label: 'Event', cell: (d) => d.event },
              { label: 'Status', cell: (d) => d.status },
              { label: 'Attempts', cell: (d) => String(d.attempts) },
              {
                label: 'Last answer',
                cell: (d) =>
                  [d.last_status_code ? `HTTP ${d.last_status_code}` : '', d.last_error ?? '']
                    .filter(Boolean)
                    .join(': ') || '—',
              },
              { label: 'Created', cell: (d) => formatDate(d.created_at) },
              { label: 'Next attempt', cell: (d) => formatDate(d.next_attempt_at) || '—' },
              {
                label: 'Action',
                cell: (d) => {
                  const b = h('button', { type: 'button' }, `Redeliver ${d.id}`);
                  b.addEventListener('click', () =>
                    act(`Delivery ${d.id} queued again.`, () =>
                      api('POST', `/tenants/${tenantId}/deliveries/${d.id}/redeliver`),
                    ),
                  );
                  return b;
                },
              },
            ],
            deliveries.items,
          )
        : empty(
            only
              ? `No ${only} deliveries.`
              : 'No deliveries yet: they appear when an event happens for a webhook.',
          ),
    );
  }
  const filter = h(
    'select',
    { id: 'delivery-status', name: 'status' },
    ['', 'pending', 'delivered', 'failed'].map((s) =>
      h('option', { value: s, selected: s === only }, s || 'any'),
    ),
  );
  filter.addEventListener('change', () =>
    navigate(`/tenants/${tenantId}/webhooks${filter.value ? `?status=${filter.value}` : ''}`),
  );
  fill(
    main,
    heading('Webhooks'),
    status,
    hooksBox,
    addForm(tenantId, await eventTypes(), status, load),
    section(
      'Deliveries',
      h('div', { class: 'field' }, h('label', { for: 'delivery-status' }, 'Show deliveries'), filter),
      deliveriesBox,
    ),
  );
  // A refused filter (`?status=` the API does not take) is said on the page, under its heading, as a refused action
  // is; the router's "Something went wrong" would take the whole page, the form with it.
  await load().catch((error) => {
    if (error?.name === 'SessionEnded') throw error;
    fill(status, errorMessage(error));
  });
}

function addForm(tenantId, events, status, reload) {
  const url = field({
    label: 'URL',
    name: 'url',
    type: 'url',
    required: true,
    hint: 'https://… The receiver answers 2xx; failures are retried.',
  });
  const format = field({
    label: 'Format',
    name: 'format',
    options: [
      ['clientele', 'clientele'],
      ['zak', 'zak'],
    ],
  });
  const boxes = events.map((e) => field({ label: e, name: `event:${e}`, type: 'checkbox' }));
  const fields = [url, format];
  const summary = h('div', { class: 'form-status' });
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('h2', {}, 'Add a webhook'),
    summary,
    url.wrap,
    format.wrap,
    h(
      'fieldset',
      {},
      h('legend', {}, 'Events (none ticked: all)'),
      h(
        'div',
        { class: 'form-grid' },
        boxes.map((b) => b.wrap),
      ),
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Add webhook'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fill(summary);
    url.setError('');
    const value = url.input.value.trim();
    if (!/^https?:\/\/\S+$/.test(value))
      return (url.setError('A URL starting with https:// or http://.'), url.input.focus());
    const chosen = boxes.filter((b) => b.input.checked).map((b) => b.name.slice('event:'.length));
    try {
      const created = await api('POST', `/tenants/${tenantId}/webhooks`, {
        body: { url: value, format: format.input.value, ...(chosen.length ? { events: chosen } : {}) },
      });
      form.reset();
      await reload();
      fill(
        status,
        h(
          'div',
          { class: 'message ok' },
          h('p', {}, `Webhook ${created.id} added. Its signing secret, shown this once:`),
          h(
            'p',
            {},
            h('code', { class: 'secret' }, created.secret),
            ' ',
            copyButton(created.secret, 'Copy secret'),
          ),
        ),
      );
    } catch (error) {
      if (error?.name !== 'SessionEnded') showFormError(fields, summary, error);
    }
  });
  return form;
}
