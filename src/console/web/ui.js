// Widgets shared by the pages: headings, tables that stack on a phone, messages, pagers, fields with their own
// error line, a confirmation dialog and a copy button. All text through dom.js.
import { describe } from './api.js';
import { append, fill, h, uid } from './dom.js';

/** The page's heading: focused after each navigation, so keyboard and screen-reader users start there. */
export const heading = (text, ...after) => h('h1', { tabindex: '-1' }, text, ...after);

export const link = (href, ...text) => h('a', { href }, ...text);

export const message = (text, kind = 'error') =>
  h('p', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);

export const errorMessage = (error) => message(describe(error));

/**
 * A page's buttons act through this: `act(text, call)` runs `call`, says `text` in `status` when it succeeded and
 * shows the list again (`reload`), or says why it failed; a session that ended has already taken the page away.
 */
export const actor = (status, reload) => async (text, call) => {
  try {
    await call();
    fill(status, message(text, 'ok'));
    await reload();
  } catch (error) {
    if (error?.name !== 'SessionEnded') fill(status, errorMessage(error));
  }
};

/** What an empty list means and what to do next. */
export const empty = (text, ...next) => h('div', { class: 'empty' }, h('p', {}, text), ...next);

/** A table whose cells carry their column's name, so it reads as a list of cards at phone width. */
export function table(caption, columns, rows) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', { class: 'visually-hidden' }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) => h('th', { scope: 'col' }, c.label)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            {},
            columns.map((c) => h('td', { 'data-label': c.label }, c.cell(row) ?? '')),
          ),
        ),
      ),
    ),
  );
}

/** Definition list of label → value, leaving out empty values. */
export function facts(pairs) {
  const shown = pairs.filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (!shown.length) return h('p', { class: 'muted' }, 'Nothing recorded.');
  return h(
    'dl',
    { class: 'facts' },
    shown.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

/**
 * A list read page by page with the admin API's cursors: `load(cursor)` answers `{items, next_cursor}`;
 * `show(items)` renders one page. Keeps the cursors behind, for "Previous page".
 */
export function pagedList(load, show, label = 'Pages') {
  const box = h('div', { class: 'paged' });
  const behind = [];
  let current;
  async function open(cursor) {
    box.setAttribute('aria-busy', 'true');
    try {
      const page = await load(cursor);
      const prev = h('button', { type: 'button', disabled: !behind.length }, 'Previous page');
      const next = h('button', { type: 'button', disabled: !page.next_cursor }, 'Next page');
      prev.addEventListener('click', () => open(behind.pop()));
      next.addEventListener('click', () => {
        behind.push(current);
        open(page.next_cursor);
      });
      current = cursor;
      const pager =
        page.next_cursor || behind.length
          ? h('nav', { class: 'pager', 'aria-label': label }, prev, next)
          : null;
      fill(box, show(page.items), pager);
    } catch (error) {
      if (error?.name !== 'SessionEnded') fill(box, errorMessage(error));
      else throw error;
    } finally {
      box.removeAttribute('aria-busy');
    }
  }
  return { box, open: () => open(undefined) };
}

/**
 * What the browser could not read in an input of its own type: a date typed in part, or `5e` in a number. Such an
 * input's value is '' (as if empty), so a form that trusted it would send nothing, or erase what was there.
 */
export function unreadable(input) {
  if (!input.validity?.badInput) return '';
  return input.type === 'number'
    ? 'Not a number: write digits only, or empty the field.'
    : 'An incomplete date: fill in the day, the month and the year, or empty the field.';
}

/** A labelled input with a message line under it; `setError('')` clears it. */
export function field({ label, name, value = '', type = 'text', hint, options, required, attrs = {} }) {
  const id = uid(name);
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : undefined;
  let input;
  if (options) {
    input = h(
      'select',
      { id, name, ...attrs },
      options.map(([v, text]) => h('option', { value: v, selected: v === (value ?? '') }, text)),
    );
  } else if (type === 'checkbox') {
    input = h('input', { id, name, type, checked: Boolean(value), ...attrs });
  } else {
    input = h('input', { id, name, type, value: value ?? '', required, ...attrs });
  }
  input.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  const error = h('p', { class: 'field-error', id: errorId });
  const wrap = h(
    'div',
    { class: `field${type === 'checkbox' ? ' check' : ''}` },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    input,
    error,
  );
  return {
    wrap,
    input,
    name,
    setError(text) {
      error.textContent = text ?? '';
      if (text) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    },
  };
}

/**
 * Shows an API error on a form: each field's problem next to its field, the rest in the summary. Focuses the first
 * field in error.
 */
export function showFormError(fields, summary, error) {
  for (const f of fields) f.setError('');
  const unplaced = [];
  let first;
  for (const { field: name, message: text } of error.errors ?? []) {
    const f = fields.find((x) => x.name === name);
    if (f) {
      f.setError(text);
      first ??= f;
    } else unplaced.push(`${name}: ${text}`);
  }
  fill(
    summary,
    first && !unplaced.length
      ? message('Some fields need a change: see the messages below them.')
      : errorMessage(error),
  );
  first?.input.focus();
}

/** A modal question: resolves true when confirmed, false on Cancel or Escape. */
export function confirm(question, action) {
  return new Promise((resolve) => {
    const title = uid('confirm');
    const yes = h('button', { type: 'button', class: 'danger' }, action);
    const no = h('button', { type: 'button' }, 'Cancel');
    const dialog = h(
      'dialog',
      { 'aria-labelledby': title },
      h('p', { id: title }, question),
      h('div', { class: 'actions' }, no, yes),
    );
    const done = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    yes.addEventListener('click', () => done(true));
    no.addEventListener('click', () => done(false));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      done(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}

/** A button that copies `text` and says so. */
export function copyButton(text, label = 'Copy') {
  const status = h('span', { class: 'copied', role: 'status' });
  const button = h('button', { type: 'button' }, label);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = 'Copied.';
    } catch {
      status.textContent = 'Copying is not allowed here: select the text and copy it.';
    }
  });
  return h('span', {}, button, ' ', status);
}

export const section = (title, ...children) => append(h('section', {}, h('h2', {}, title)), children);

export const formatDate = (iso) =>
  iso
    ? String(iso)
        .replace('T', ' ')
        .replace(/\.\d+Z$|Z$/, '')
    : '';
