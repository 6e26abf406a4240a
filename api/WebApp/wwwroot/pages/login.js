import { signIn, session } from '../api.js';
import { h, errorLine } from '../ui.js';
import { navigate } from '../app.js';

export function render(root, { query }) {
  const problem = h('div', { class: 'problem' });
  const email = h('input', { id: 'login-email', type: 'email', name: 'email', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'login-password', type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', {
    class: 'card narrow',
    onsubmit: async event => {
      event.preventDefault();
      submit.disabled = true;
      problem.replaceChildren();
      try {
        await signIn(email.value.trim(), password.value);
        const next = query.get('next');
        // Only a path of this site: an absolute URL in ?next= would send the user elsewhere.
        navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
      } catch (error) {
        problem.replaceChildren(errorLine(error.status === 400 ? 'Email or password is wrong.' : error.message));
        password.select();
      } finally {
        submit.disabled = false;
      }
    },
  },
  h('h1', {}, 'Sign in'),
  h('label', { for: 'login-email' }, 'Email'), email,
  h('label', { for: 'login-password' }, 'Password'), password,
  problem,
  submit);
  if (session.token) form.append(h('p', { class: 'muted' }, 'You are signed in; signing in again replaces that session.'));
  root.append(h('div', { class: 'center' }, form));
}
