// The occupancy grid: one row per room, one column per night of a fortnight, a bar per stay coloured by its state.
import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { empty, field, heading, link, message } from '../ui.js';
import { stayState } from './reservations.js';

const NIGHTS = 14;
const day = (iso, add) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + add * 86_400_000).toISOString().slice(0, 10);
const nightsBetween = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** Every confirmed stay touching the fortnight, page after page. */
async function staysIn(tenantId, from, to) {
  const all = [];
  let cursor;
  do {
    const page = await api('GET', `/tenants/${tenantId}/reservations`, {
      query: {
        arrival_to: day(to, -1),
        departure_from: day(from, 1),
        status: 'Confirmed',
        limit: 500,
        cursor,
      },
    });
    all.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return all;
}

/**
 * A day as the admin API takes one: YYYY-MM-DD, a year from 0001 to 9999, a day its month has. Date.parse alone
 * reads 2031-02-30 as 2 March, and a fortnight from 9999-12-31 reaches +010000-01-13, which the API refuses under
 * the names of its own filters (departure_from), which the user never typed.
 */
function isDay(text) {
  const t = Date.parse(`${text}T00:00:00Z`);
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(text) && text >= '0001-01-01' && !Number.isNaN(t) && day(text, 0) === text
  );
}

/** Why the `from` of the URL cannot be the first night shown, in words; undefined when it can. */
function refusal(from) {
  // A control character (a NUL from `%00`) is shown as �, not as nothing.
  // eslint-disable-next-line no-control-regex -- the control characters are what is replaced
  const shown = from.replace(/[\u0000-\u001f\u007f]/g, '\ufffd');
  if (!isDay(from))
    return `“${shown}” is not a day of the calendar: give the first night as YYYY-MM-DD, such as 2031-03-08.`;
  if (!isDay(day(from, NIGHTS - 1)))
    return (
      `The fortnight from ${from} would end after 9999-12-31, the last day a date can have: ` +
      'choose an earlier first night.'
    );
  return undefined;
}

export async function occupancyPage({ main, params: [tenantId], query, navigate }) {
  const from = query.get('from') || new Date().toISOString().slice(0, 10);
  const problem = refusal(from);
  const go = (start) => navigate(`/tenants/${tenantId}/occupancy?from=${start}`);
  const start = field({ label: 'First night', name: 'from', type: 'date', value: problem ? '' : from });
  const picker = h(
    'form',
    { class: 'filters', 'aria-label': 'Choose the fortnight' },
    start.wrap,
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Show')),
  );
  picker.addEventListener('submit', (e) => {
    e.preventDefault();
    if (start.input.value) go(start.input.value);
  });
  // Said on the page, with the picker to choose another night, rather than a grid of some other fortnight.
  if (problem) return fill(main, heading('Occupancy'), picker, message(problem));
  const to = day(from, NIGHTS);
  const prev = h('button', { type: 'button' }, 'Previous fortnight');
  const next = h('button', { type: 'button' }, 'Next fortnight');
  prev.addEventListener('click', () => go(day(from, -NIGHTS)));
  next.addEventListener('click', () => go(to));
  const [rooms, stays] = await Promise.all([
    api('GET', `/tenants/${tenantId}/rooms`),
    staysIn(tenantId, from, to),
  ]);
  fill(
    main,
    heading(`Occupancy ${from} to ${day(to, -1)}`),
    picker,
    h('div', { class: 'actions' }, prev, next),
    rooms.items.length ? legend() : null,
    rooms.items.length
      ? grid(tenantId, rooms.items, stays, from)
      : empty(
          h(
            'span',
            {},
            'This tenant has no rooms yet. Upload an inventory file on the ',
            link(`/console/tenants/${tenantId}/inventory`, 'inventory page'),
            '.',
          ),
        ),
  );
}

function legend() {
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Colours' },
    [
      ['confirmed', 'confirmed'],
      ['in-house', 'in house'],
      ['departed', 'departed'],
    ].map(([cls, text]) => h('li', {}, h('span', { class: cls }), text)),
  );
}

function grid(tenantId, rooms, stays, from) {
  const el = h('div', { class: 'grid', role: 'group', 'aria-label': 'Rooms by night' });
  el.style.gridTemplateColumns = `8rem repeat(${NIGHTS}, minmax(3rem, 1fr))`;
  const place = (node, row, col, span = 1) => {
    node.style.gridRow = String(row);
    node.style.gridColumn = `${col} / span ${span}`;
    el.append(node);
  };
  place(h('div', { class: 'cell room' }, 'Room'), 1, 1);
  for (let i = 0; i < NIGHTS; i++) {
    const d = day(from, i);
    place(h('div', { class: 'cell day' }, d.slice(5)), 1, i + 2);
  }
  const rowOf = new Map(rooms.map((room, i) => [room.id, i + 2]));
  rooms.forEach((room, i) => {
    place(h('div', { class: 'cell room' }, room.name), i + 2, 1);
    for (let n = 0; n < NIGHTS; n++) place(h('div', { class: 'cell' }), i + 2, n + 2);
  });
  for (const r of stays) {
    for (const stay of r.rooms) {
      const row = rowOf.get(stay.room);
      if (row === undefined) continue;
      const first = Math.max(0, nightsBetween(from, stay.arrival));
      const last = Math.min(NIGHTS, nightsBetween(from, stay.departure));
      if (last <= first) continue;
      const state = stayState({ rooms: [stay] }) || 'confirmed';
      const bar = h(
        'a',
        {
          class: `bar ${state.replace(' ', '-')}`,
          href: `/console/tenants/${tenantId}/reservations/${r.id}`,
          title: `${r.code}: ${stay.arrival} → ${stay.departure}, ${state}`,
          'aria-label': `Reservation ${r.code}, room ${stay.room}, ${stay.arrival} to ${stay.departure}, ${state}`,
        },
        r.code,
      );
      place(bar, row, first + 2, last - first);
    }
  }
  // Focusable, so that a keyboard can scroll it when it is wider than the screen.
  return h('div', { class: 'grid-wrap', tabindex: '0', role: 'region', 'aria-label': 'Occupancy grid' }, el);
}
