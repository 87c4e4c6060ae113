// The property's inventory (rooms, room types, products, rates) and the upload of an inventory file: read in the
// browser, previewed by the admin API's dry run, applied only when confirmed.
import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { empty, errorMessage, field, heading, message, section, table } from '../ui.js';

export async function inventoryPage({ main, params: [tenantId] }) {
  const file = await api('GET', `/tenants/${tenantId}/inventory`);
  const typeName = new Map((file.room_types ?? []).map((t) => [t.id, t.name]));
  const nothing = (what) =>
    empty(
      `No ${what} yet. Upload an inventory file below (docs/inventory.md describes it; examples/demo-hotel.json is one).`,
    );
  fill(
    main,
    heading('Inventory'),
    upload(tenantId),
    section(
      'Room types',
      file.room_types?.length
        ? table(
            'Room types',
            [
              { label: 'Id', cell: (t) => String(t.id) },
              { label: 'Name', cell: (t) => t.name },
              { label: 'Short name', cell: (t) => t.shortname },
              { label: 'Capacity', cell: (t) => String(t.capacity) },
              { label: 'Price', cell: (t) => `${t.price.toFixed(2)} ${file.currency}` },
            ],
            file.room_types,
          )
        : nothing('room types'),
    ),
    section(
      'Rooms',
      file.rooms?.length
        ? table(
            'Rooms',
            [
              { label: 'Id', cell: (r) => String(r.id) },
              { label: 'Name', cell: (r) => r.name },
              { label: 'Type', cell: (r) => typeName.get(r.room_type) ?? String(r.room_type) },
              { label: 'Tags', cell: (r) => r.tags.join(', ') },
            ],
            file.rooms,
          )
        : nothing('rooms'),
    ),
    section(
      'Products',
      file.products?.length
        ? table(
            'Products',
            [
              { label: 'Id', cell: (p) => String(p.id) },
              { label: 'Name', cell: (p) => p.name },
              { label: 'Room type', cell: (p) => typeName.get(p.room_type) ?? String(p.room_type) },
              { label: 'Rate', cell: (p) => String(p.rate_id) },
              { label: 'Price', cell: (p) => `${p.price.toFixed(2)} ${file.currency}` },
            ],
            file.products,
          )
        : nothing('products'),
    ),
    section(
      'Rates',
      file.rates?.length
        ? table(
            'Rates',
            [
              { label: 'Id', cell: (r) => String(r.id) },
              { label: 'Name', cell: (r) => r.name },
              { label: 'Board', cell: (r) => r.board },
              { label: 'Standard', cell: (r) => (r.standard ? 'yes' : 'no') },
              {
                label: 'Day values',
                cell: (r) =>
                  String(
                    (file.rate_values ?? []).filter((v) =>
                      (file.products ?? []).some((p) => p.id === v.product && p.rate_id === r.id),
                    ).length,
                  ) + ' ranges',
              },
            ],
            file.rates,
          )
        : nothing('rates'),
    ),
  );
}

function upload(tenantId) {
  const chooser = field({
    label: 'Inventory file (JSON)',
    name: 'file',
    type: 'file',
    attrs: { accept: 'application/json,.json' },
  });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('h2', {}, 'Upload an inventory file'),
    h(
      'p',
      { class: 'hint' },
      'The file replaces the whole inventory. You see what would change before anything is written.',
    ),
    chooser.wrap,
    h('button', { type: 'submit', class: 'primary' }, 'Preview changes'),
    out,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fill(out);
    chooser.setError('');
    const chosen = chooser.input.files?.[0];
    if (!chosen) return (chooser.setError('Choose a file first.'), chooser.input.focus());
    let body;
    try {
      body = JSON.parse(await chosen.text());
    } catch (error) {
      return (chooser.setError(`This file is not JSON: ${error.message}`), chooser.input.focus());
    }
    try {
      const preview = await api('POST', `/tenants/${tenantId}/inventory/preview`, { body });
      fill(
        out,
        previewOf(preview, async (apply) => {
          apply.disabled = true;
          try {
            await api('PUT', `/tenants/${tenantId}/inventory`, { body });
            const main = form.closest('main');
            await inventoryPage({ main, params: [tenantId] });
            main.querySelector('h1').after(message(`The inventory was replaced with ${chosen.name}.`, 'ok'));
          } catch (error) {
            apply.disabled = false;
            if (error?.name !== 'SessionEnded') out.append(errorMessage(error));
          }
        }),
      );
      out.querySelector('h3')?.focus();
    } catch (error) {
      if (error?.name === 'SessionEnded') return;
      if (error.status === 400 && error.errors.length)
        chooser.setError(
          `The file has a problem at ${error.errors.map((e) => e.field).join(', ')}: ${error.message}`,
        );
      else chooser.setError(errorMessage(error).textContent);
      chooser.input.focus();
    }
  });
  return form;
}

function previewOf(preview, apply) {
  const list = (label, keys) => (keys.length ? h('li', {}, `${label}: ${keys.join(', ')}`) : null);
  const button = h('button', { type: 'button', class: 'primary' }, 'Apply this file');
  button.addEventListener('click', () => apply(button));
  if (!preview.changes)
    return h(
      'div',
      { class: 'preview' },
      h('h3', { tabindex: '-1' }, 'Preview: no change'),
      h('p', {}, 'This file is the inventory as it is. Nothing to apply.'),
    );
  return h(
    'div',
    { class: 'preview' },
    h('h3', { tabindex: '-1' }, `Preview: ${preview.changes} change${preview.changes === 1 ? '' : 's'}`),
    preview.values.length
      ? h(
          'ul',
          { class: 'changes' },
          preview.values.map((v) =>
            h('li', {}, `${v.key}: ${JSON.stringify(v.from)} → ${JSON.stringify(v.to)}`),
          ),
        )
      : null,
    h(
      'ul',
      { class: 'changes' },
      preview.sections
        .filter((s) => s.added.length || s.removed.length || s.changed.length)
        .map((s) =>
          h(
            'li',
            {},
            h('strong', {}, `${s.section.replace('_', ' ')}`),
            ` (${s.before} → ${s.after})`,
            h('ul', {}, list('added', s.added), list('removed', s.removed), list('changed', s.changed)),
          ),
        ),
    ),
    h('div', { class: 'actions' }, button),
  );
}
