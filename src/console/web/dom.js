// Every element of the console is built here, with DOM APIs only: text goes in as text nodes, never as HTML, so a
// `<script>` in a customer's name is shown as those characters.

/**
 * `h('a', { href: '/x', onclick: fn }, 'text', child)`: an element with attributes, listeners and children.
 * Children may be strings, numbers, nodes, arrays of them, or null/undefined/false (left out).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value' || key === 'checked' || key === 'disabled' || key === 'selected')
      el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let ids = 0;
/** A fresh id for label/input and error pairs. */
export const uid = (stem) => `${stem}-${++ids}`;
