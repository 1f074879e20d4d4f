/** The sign-in form: e-mail and password in, a session cookie back. */
import { request, type Me } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import { t } from '../i18n.ts';
import { errorBox } from './common.ts';

/** Renders the form into `container` and calls `signedIn` with the user after a successful sign-in. */
export function renderSignIn(container: HTMLElement, signedIn: (me: Me) => void): void {
  const email = h('input', { type: 'email', name: 'email', required: true, autocomplete: 'username', 'data-testid': 'sign-in-email' });
  const password = h('input', { type: 'password', name: 'password', required: true, autocomplete: 'current-password', 'data-testid': 'sign-in-password' });
  const message = h('div', { className: 'form-message' });
  const submit = h('button', { type: 'submit', 'data-testid': 'sign-in-submit' }, t('signIn.submit'));

  const form = h(
    'form',
    { className: 'card sign-in', 'data-testid': 'sign-in-form' },
    h('h1', {}, t('signIn.heading')),
    h('label', {}, t('signIn.email'), email),
    h('label', {}, t('signIn.password'), password),
    message,
    submit,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    replaceChildren(message);
    try {
      await request('POST', '/v1/auth/sign-in', { email: email.value.trim(), password: password.value });
      signedIn(await request<Me>('GET', '/v1/me'));
    } catch (error) {
      replaceChildren(message, errorBox(error));
      submit.disabled = false;
    }
  });

  replaceChildren(container, form);
  email.focus();
}
