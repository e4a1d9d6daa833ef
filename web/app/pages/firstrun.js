// First run: the link `serve` prints (its token in the URL fragment) makes the first account.
import { h, field } from '../lib/dom.js';
import { get, post, showFieldError } from '../lib/api.js';

export async function render(main, _params, ctx) {
  main.classList.add('auth');
  const status = await get('/api/v1/first-run', null, { allow401: true }).catch(() => null);
  if (!status || !status.needed) {
    main.append(h('div', { class: 'card auth-card' }, h('h1', null, 'Already set up'),
      h('p', null, 'This server has accounts. ', h('a', { href: '/sign-in' }, 'Sign in'), '.')));
    return;
  }
  const token = location.hash.replace(/^#/, '');
  const tokenField = field('Setup code', h('input', { name: 'token', value: token,
                                                      autocomplete: 'off', required: true }),
                           { hint: 'From the link the server printed when it started.' });
  const workspace = field('Workspace name', h('input', { name: 'workspace', required: true,
                                                         autocomplete: 'organization' }),
                          { hint: 'Your company or team, e.g. "Fieldnote".' });
  const email = field('Email', h('input', { type: 'email', name: 'email', required: true,
                                            autocomplete: 'username' }));
  const password = field('Password', h('input', { type: 'password', name: 'password',
                                                  required: true,
                                                  autocomplete: 'new-password' }),
                         { hint: 'At least 12 characters.' });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'button primary wide' },
                   'Create account and sign in');
  const form = h('form', { class: 'card auth-card', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    for (const f of [tokenField, workspace, email, password]) f.setError('');
    error.hidden = true;
    button.disabled = true;
    try {
      const body = await post('/api/v1/first-run', {
        token: tokenField.control.value.trim(), workspace: workspace.control.value.trim(),
        email: email.control.value.trim(), password: password.control.value,
      }, { noWorkspace: true, allow401: true });
      history.replaceState(null, '', '/first-run');
      await ctx.signedIn(body);
    } catch (err) {
      if (err.field === 'token') tokenField.hidden = false;
      showFieldError(err, { token: tokenField, workspace, email, password }, (m) => {
        error.textContent = m;
        error.hidden = false;
      });
    } finally {
      button.disabled = false;
    }
  } }, h('h1', null, 'Welcome to content-swarm'),
     h('p', { class: 'muted' }, 'Create the first workspace and its owner account.'),
     tokenField, workspace, email, password, error, button);
  // A code from the link is filled in and hidden; it shows again if the server refuses it.
  tokenField.hidden = Boolean(token);
  main.append(form);
  (token ? workspace : tokenField).control.focus();
}
