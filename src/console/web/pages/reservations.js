// Reservations: a list filtered by arrival, departure and status, and a reservation's page whose cancel, check-in
// and check-out ask for confirmation first.
import { api } from '../api.js';
import { fill, h } from '../dom.js';
import {
  confirm,
  empty,
  errorMessage,
  facts,
  field,
  heading,
  link,
  message,
  pagedList,
  section,
  table,
} from '../ui.js';

const FILTERS = [
  ['arrival_from', 'Arrival from'],
  ['arrival_to', 'Arrival to'],
  ['departure_from', 'Departure from'],
  ['departure_to', 'Departure to'],
];

export async function reservationsPage({ main, params: [tenantId], query, navigate }) {
  const fields = FILTERS.map(([name, label]) =>
    field({ label, name, type: 'date', value: query.get(name) ?? '' }),
  );
  const status = field({
    label: 'Status',
    name: 'status',
    value: query.get('status') ?? '',
    options: [
      ['', 'any'],
      ['Confirmed', 'Confirmed'],
      ['Cancelled', 'Cancelled'],
    ],
  });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter reservations' },
    fields.map((f) => f.wrap),
    status.wrap,
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Filter')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const f of [...fields, status]) if (f.input.value) params.set(f.name, f.input.value);
    navigate(`/tenants/${tenantId}/reservations${params.size ? `?${params}` : ''}`);
  });
  const filter = Object.fromEntries([...fields, status].map((f) => [f.name, query.get(f.name) ?? '']));
  const list = pagedList(
    (cursor) => api('GET', `/tenants/${tenantId}/reservations`, { query: { ...filter, cursor, limit: 25 } }),
    (items) =>
      items.length
        ? table(
            'Reservations',
            [
              {
                label: 'Code',
                cell: (r) => link(`/console/tenants/${tenantId}/reservations/${r.id}`, r.code),
              },
              { label: 'Arrival', cell: (r) => r.arrival },
              { label: 'Departure', cell: (r) => r.departure },
              { label: 'Status', cell: (r) => `${r.status}${stayState(r) ? `, ${stayState(r)}` : ''}` },
              {
                label: 'Booker',
                cell: (r) =>
                  link(`/console/tenants/${tenantId}/customers/${r.booker}`, `customer ${r.booker}`),
              },
              { label: 'Total', cell: (r) => `${r.price.total.toFixed(2)} ${r.currency}` },
            ],
            items,
          )
        : empty(
            query.size
              ? 'No reservation matches these filters: widen the dates or clear the status.'
              : 'No reservations yet. Vendor clients book through Zak reservations/new; they then appear here and on the occupancy grid.',
          ),
    'Pages of reservations',
  );
  fill(
    main,
    heading('Reservations'),
    form,
    h('p', {}, link(`/console/tenants/${tenantId}/occupancy`, 'See the occupancy grid')),
    list.box,
  );
  await list.open();
}

/** In house when any guest is checked in and not out; departed when every guest is out. */
export function stayState(r) {
  const guests = r.rooms.flatMap((room) => room.guests);
  if (guests.some((g) => g.checkin && !g.checkout)) return 'in house';
  if (guests.length && guests.every((g) => g.checkout)) return 'departed';
  return '';
}

const ACTIONS = [
  [
    'cancel',
    'Cancel reservation',
    'Cancel reservation {code}? Its nights become free; this cannot be undone.',
    'Cancel reservation',
  ],
  ['check-in', 'Check in', 'Check in every guest of {code} who can be?', 'Check in'],
  ['check-out', 'Check out', 'Check out every guest of {code} who is in?', 'Check out'],
];

export async function reservationPage({ main, params: [tenantId, id] }) {
  let r = await api('GET', `/tenants/${tenantId}/reservations/${id}`);
  const status = h('div', { 'aria-live': 'polite' });
  const body = h('div');
  const show = () => {
    const state = stayState(r);
    fill(
      body,
      facts([
        ['Status', `${r.status}${state ? `, ${state}` : ''}`],
        ['Arrival', r.arrival],
        ['Departure', r.departure],
        ['Booker', link(`/console/tenants/${tenantId}/customers/${r.booker}`, `customer ${r.booker}`)],
        ['Board', r.board],
        ['Channel', r.channel],
        ['Booked on', r.created_on],
      ]),
      h(
        'div',
        { class: 'actions' },
        ACTIONS.map(([path, label, question, yes]) => {
          const off =
            r.status === 'Cancelled' ||
            (path === 'check-out' && state !== 'in house') ||
            (path === 'check-in' && state === 'departed');
          const b = h(
            'button',
            { type: 'button', class: path === 'cancel' ? 'danger' : '', disabled: off },
            label,
          );
          b.addEventListener('click', async () => {
            if (!(await confirm(question.replace('{code}', r.code), yes))) return b.focus();
            try {
              r = await api('POST', `/tenants/${tenantId}/reservations/${id}/${path}`);
              fill(status, message(`${label}: done.`, 'ok'));
              show();
            } catch (error) {
              if (error?.name !== 'SessionEnded') fill(status, errorMessage(error));
            }
            body.querySelector('.actions button:not(:disabled)')?.focus();
          });
          return b;
        }),
      ),
      section(
        'Rooms and guests',
        table(
          'Rooms',
          [
            { label: 'Room', cell: (room) => `room ${room.room} (type ${room.room_type})` },
            { label: 'Stay', cell: (room) => `${room.arrival} → ${room.departure}` },
            {
              label: 'Guests',
              cell: (room) =>
                `${room.adults} adults, ${room.teens} teens, ${room.children} children, ${room.babies} babies`,
            },
            {
              label: 'Named guests',
              cell: (room) =>
                room.guests.length
                  ? h(
                      'ul',
                      {},
                      room.guests.map((g) =>
                        h(
                          'li',
                          {},
                          link(
                            `/console/tenants/${tenantId}/customers/${g.customer}`,
                            `customer ${g.customer}`,
                          ),
                          g.checkout ? ` (out ${g.checkout})` : g.checkin ? ` (in ${g.checkin})` : '',
                        ),
                      ),
                    )
                  : 'none named',
            },
            { label: 'Price', cell: (room) => `${room.price.toFixed(2)} ${r.currency}` },
            {
              label: 'Door code',
              cell: (room) => (room.door_code ? h('code', {}, room.door_code) : 'none set'),
            },
          ],
          r.rooms,
        ),
      ),
      section(
        'Meals',
        r.meals.length
          ? table(
              'Meals',
              [
                { label: 'Day', cell: (m) => m.day },
                { label: 'Meal', cell: (m) => m.meal },
                { label: 'People', cell: (m) => String(m.people) },
                { label: 'Times', cell: (m) => String(m.times) },
                { label: 'Total', cell: (m) => money(m.total, r.currency) },
              ],
              r.meals,
            )
          : empty('No meals booked: Zak add_meal adds them.'),
      ),
      section(
        'Extras',
        r.extras.length
          ? table(
              'Extras',
              [
                { label: 'Extra', cell: (e) => e.name },
                { label: 'Number', cell: (e) => String(e.number) },
                { label: 'When', cell: (e) => (e.daily ? 'every night' : e.day) },
                { label: 'Total', cell: (e) => money(e.total, r.currency) },
              ],
              r.extras,
            )
          : empty('No extras booked: Zak add_extra adds them.'),
      ),
      section(
        'Payments',
        r.payments.length
          ? table(
              'Payments',
              [
                { label: 'Day', cell: (p) => p.day },
                { label: 'Amount', cell: (p) => money(p.amount, p.currency) },
                { label: 'Type', cell: (p) => p.pay_type },
                { label: 'Remarks', cell: (p) => p.remarks },
              ],
              r.payments,
            )
          : empty('No payments recorded: Zak payments/do_payment records them.'),
      ),
      section(
        'Notes',
        r.notes.length
          ? h(
              'ul',
              { class: 'notes' },
              r.notes.map((n) => h('li', {}, n.text)),
            )
          : empty('No notes: Zak notes/add_note adds them.'),
      ),
      section(
        'Price',
        facts([
          ['Rooms', money(r.price.rooms.total, r.currency)],
          ['Meals', money(r.price.meals.total, r.currency)],
          ['Extras', money(r.price.extras.total, r.currency)],
          ['Tourist tax', money(r.price.tax, r.currency)],
          ['Total', money(r.price.total, r.currency)],
          ['Paid', money(r.paid, r.currency)],
        ]),
      ),
    );
  };
  show();
  fill(
    main,
    heading(`Reservation ${r.code}`),
    h('p', {}, link(`/console/tenants/${tenantId}/reservations`, 'Back to reservations')),
    status,
    body,
  );
}

const money = (n, currency) => `${Number(n).toFixed(2)} ${currency}`;
