// Sign in with email and password.
import { h, field } from '../lib/dom.js';
import { post, showFieldError } from '../lib/api.js';

export function render(main, _params, ctx) {
  const email = field('Email', h('input', { type: 'email', name: 'email', autocomplete: 'username',
                                            required: true }));
  const password = field('Password', h('input', { type: 'password', name: 'password',
                                                  autocomplete: 'current-password',
                                                  required: true }));
  const status = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'button primary wide' }, 'Sign in');
  const form = h('form', { class: 'card auth-card', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    email.setError('');
    password.setError('');
    status.hidden = true;
    if (!email.control.value.trim()) return email.setError('Enter your email address.');
    if (!password.control.value) return password.setError('Enter your password.');
    button.disabled = true;
    try {
      const body = await post('/api/v1/session', { email: email.control.value.trim(),
                                                   password: password.control.value },
                              { noWorkspace: true, allow401: true });
      await ctx.signedIn(body);
    } catch (error) {
      if (error.status === 401 || error.status === 429) {
        status.textContent = error.status === 401 ? 'That email and password do not match.'
                                                  : error.message;
        status.hidden = false;
      } else {
        showFieldError(error, { email, password }, (m) => {
          status.textContent = m;
          status.hidden = false;
        });
      }
    } finally {
      button.disabled = false;
    }
  } }, h('h1', null, 'Sign in to content-swarm'),
     h('p', { class: 'muted' }, 'Write a brief once; get LinkedIn, X and pitch-deck content ' +
       'checked against your brand and your own documents.'),
     email, password, status, button,
     h('p', { class: 'muted small' }, 'Forgot your password? Ask a workspace owner, or run ',
       h('code', null, 'content-swarm admin set-password'), ' on the server.'));
  main.classList.add('auth');
  main.append(form);
  email.control.focus();
}
