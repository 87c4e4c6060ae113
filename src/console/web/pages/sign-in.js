// Sign-in: the admin token is checked against the admin API before it is kept for the session.
import { api, ApiError, describe } from '../api.js';
import { fill, h } from '../dom.js';
import { signIn, takeNotice } from '../session.js';
import { field, message } from '../ui.js';

export function signInPage({ main, query, navigate }) {
  const notice = takeNotice();
  const tokenField = field({
    label: 'Admin token',
    name: 'token',
    type: 'password',
    hint: 'Starts with cat_. `clientele admin-token create` prints one; the first start of an empty store prints one too.',
    attrs: { autocomplete: 'off', spellcheck: 'false' },
  });
  const status = h('div', { class: 'form-status' }, notice ? message(notice) : null);
  const form = h(
    'form',
    { class: 'card sign-in', novalidate: true },
    h('h1', { tabindex: '-1' }, 'Sign in to the Clientele console'),
    status,
    tokenField.wrap,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = tokenField.input.value.trim();
    tokenField.setError('');
    fill(status);
    if (!value) {
      tokenField.setError('Enter an admin token.');
      tokenField.input.focus();
      return;
    }
    // A character a header cannot carry (Cyrillic, an invisible one pasted with the token) makes the browser refuse
    // the request before it leaves: said as what it is, not as "the server could not be reached".
    if (!/^[\x21-\x7e]+$/.test(value)) {
      tokenField.setError(
        'An admin token is cat_ then letters, digits, - and _ only: this one has another character in it ' +
          '(a space, or an invisible one copied with it). Copy it again.',
      );
      tokenField.input.focus();
      return;
    }
    try {
      await api('GET', '/tenants', { query: { limit: 1 }, with: value });
    } catch (error) {
      const text =
        error instanceof ApiError && error.status === 401
          ? 'This admin token was not accepted: it is unknown or revoked. Check it and try again.'
          : describe(error);
      tokenField.setError(text);
      tokenField.input.focus();
      return;
    }
    signIn(value);
    const next = query.get('next');
    navigate(next && next.startsWith('/') && !next.startsWith('/sign-in') ? next : '/tenants', {
      replace: true,
    });
  });
  fill(main, form);
  queueMicrotask(() => tokenField.input.focus());
}
