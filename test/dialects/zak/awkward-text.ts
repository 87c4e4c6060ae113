/**
 * Text that JSON escapes, or that is more than one UTF-16 unit: quotes, backslashes, controls, Cyrillic, emoji, a
 * lone surrogate (JSON.stringify writes it as \udxxx) and a line separator. The reply schemas' tests serialise it
 * with fast-json-stringify and compare with JSON.stringify.
 */
export const AWKWARD = [
  '"quoted"',
  'back\\slash',
  'tab\tnew\nline\u0001',
  'Гостиница «Москва»',
  'emoji 🛎️',
  'lone \ud800',
  'ls\u2028',
];
