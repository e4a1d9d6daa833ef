// Settings: your account for everyone; for owners the workspace's members and roles, API keys
// (shown once), the model key (stored encrypted, shown as "set"), usage and spend this month
// against the cap, limits and the time zone.
import { h, replace, field, toast } from '../lib/dom.js';
import { get, post, put, patch, del, can, session, showFieldError } from '../lib/api.js';
import { pageHeader } from '../lib/ui.js';
import { zones, relative } from '../lib/time.js';

const ROLES = ['owner', 'editor', 'reviewer', 'viewer'];

function roleSelect(value, label) {
  return h('select', { 'aria-label': label }, ROLES.map((r) => h('option', { value: r, selected: r === value }, r)));
}

function account() {
  const current = field('Current password', h('input', { type: 'password', autocomplete: 'current-password' }));
  const next = field('New password', h('input', { type: 'password', autocomplete: 'new-password' }),
                     { hint: 'At least 12 characters.' });
  return h('section', { class: 'card', 'aria-labelledby': 'account-h' },
    h('h2', { id: 'account-h' }, 'Your account'),
    h('p', null, `Signed in as ${session.user?.email || ''} · role in ${session.workspace?.name || ''}: `,
      h('strong', null, session.workspace?.role || '')),
    h('form', { class: 'inline-form', onsubmit: async (e) => {
      e.preventDefault();
      current.setError(''); next.setError('');
      try {
        await post('/api/v1/me/password', { current_password: current.control.value, new_password: next.control.value },
                   { noWorkspace: true, allow401: true });
        current.control.value = ''; next.control.value = '';
        toast('Password changed; your other sessions were signed out');
      } catch (error) {
        showFieldError(error, { current_password: current, new_password: next }, (m) => toast(m, 'error'));
      }
    } }, current, next, h('button', { type: 'submit', class: 'button' }, 'Change password')),
    h('button', { type: 'button', class: 'button ghost', onclick: async () => {
      const body = await post('/api/v1/session/sign-out-everywhere', {}, { noWorkspace: true });
      toast(`Signed out ${body.signed_out_sessions} sessions`);
    } }, 'Sign out everywhere else'));
}

function members() {
  const list = h('ul', { class: 'rows', 'aria-label': 'Members' });
  async function load() {
    const body = await get('/api/v1/members');
    replace(list, body.members.map((m) => {
      const select = roleSelect(m.role, `Role of ${m.email}`);
      select.addEventListener('change', async () => {
        try {
          await patch(`/api/v1/members/${encodeURIComponent(m.user_id)}`, { role: select.value });
          toast(`${m.email} is now ${select.value}`);
        } catch (error) {
          toast(error.message, 'error');
          select.value = m.role;
        }
      });
      return h('li', { class: 'member-row' }, h('span', { class: 'row-main' }, m.email), select,
        h('button', { type: 'button', class: 'button small danger', 'aria-label': `Remove ${m.email}`, onclick: async () => {
          if (!window.confirm(`Remove ${m.email} from this workspace?`)) return;
          try {
            await del(`/api/v1/members/${encodeURIComponent(m.user_id)}`);
            load();
          } catch (error) {
            toast(error.message, 'error');
          }
        } }, 'Remove'));
    }));
  }
  const email = field('Member email', h('input', { type: 'email', autocomplete: 'off' }));
  const role = field('Member role', roleSelect('editor', null));
  role.control.removeAttribute('aria-label');
  const password = field('Initial password', h('input', { type: 'password', autocomplete: 'new-password' }),
                         { hint: 'Only for someone without an account yet (12+ characters); share it privately.' });
  const form = h('form', { class: 'inline-form', onsubmit: async (e) => {
    e.preventDefault();
    for (const f of [email, role, password]) f.setError('');
    try {
      const body = await post('/api/v1/members', { email: email.control.value.trim(), role: role.control.value,
                                                   password: password.control.value || undefined });
      toast(body.account_created ? `Account made for ${body.email}` : `${body.email} added`);
      email.control.value = ''; password.control.value = '';
      load();
    } catch (error) {
      showFieldError(error, { email, role, password }, (m) => toast(m, 'error'));
    }
  } }, email, role, password, h('button', { type: 'submit', class: 'button' }, 'Add member'));
  load();
  return h('section', { class: 'card', 'aria-labelledby': 'members-h' }, h('h2', { id: 'members-h' }, 'Members'), list, form);
}

function keys() {
  const list = h('ul', { class: 'rows', 'aria-label': 'API keys' });
  const fresh = h('div', { 'aria-live': 'polite' });
  async function load() {
    const body = await get('/api/v1/keys');
    replace(list, body.keys.length ? body.keys.map((k) => h('li', { class: 'key-row' },
      h('span', { class: 'row-main' }, h('code', null, k.prefix), ` ${k.name}`),
      h('span', { class: 'row-meta' }, `${k.role} · ${k.revoked_at ? 'revoked' : k.last_used_at ? `used ${relative(k.last_used_at)}` : 'never used'}`),
      k.revoked_at ? null : h('button', { type: 'button', class: 'button small danger', 'aria-label': `Revoke key ${k.name}`,
        onclick: async () => {
          if (!window.confirm(`Revoke ${k.name}? Programs using it stop at once.`)) return;
          await post(`/api/v1/keys/${encodeURIComponent(k.prefix)}/revoke`, {});
          load();
        } }, 'Revoke'))) : h('li', { class: 'muted' }, 'No keys. Programs use keys; people sign in.'));
  }
  const name = field('Key name', h('input', { placeholder: 'ci' }));
  const role = field('Key role', roleSelect('editor', null));
  role.control.removeAttribute('aria-label');
  const form = h('form', { class: 'inline-form', onsubmit: async (e) => {
    e.preventDefault();
    name.setError('');
    try {
      const body = await post('/api/v1/keys', { name: name.control.value.trim(), role: role.control.value });
      const input = h('input', { readonly: true, value: body.key, 'aria-label': 'New API key', class: 'share-url' });
      replace(fresh, h('p', null, 'Copy the key now: it is shown only once.'), input);
      input.select();
      name.control.value = '';
      load();
    } catch (error) {
      showFieldError(error, { name, role }, (m) => toast(m, 'error'));
    }
  } }, name, role, h('button', { type: 'submit', class: 'button' }, 'Create key'));
  load();
  return h('section', { class: 'card', 'aria-labelledby': 'keys-h' }, h('h2', { id: 'keys-h' }, 'API keys'), list, form, fresh);
}

function usageMeter(s) {
  const u = s.usage || {};
  const cap = u.monthly_token_cap ?? s.limits?.monthly_token_cap?.effective ?? null;
  const tokens = u.tokens ?? u.tokens_this_month ?? 0;
  const meter = cap ? h('meter', { min: 0, max: cap, value: Math.min(tokens, cap), 'aria-label': 'Tokens used this month' }) : null;
  return h('section', { class: 'card', 'aria-labelledby': 'usage-h' }, h('h2', { id: 'usage-h' }, 'Usage this month'),
    h('p', { class: 'big-number' }, `${tokens.toLocaleString()} tokens`, cap ? ` of ${cap.toLocaleString()}` : ' (no cap)'),
    meter,
    h('p', null, `Spend: $${Number(u.cost_usd || 0).toFixed(2)}`, u.month ? ` in ${u.month} (UTC)` : ''),
    h('p', { class: 'muted' }, `Runs queued or running: ${u.open_jobs ?? 0}`));
}

function model(s) {
  const secret = (s.secrets || []).find((x) => x.name === 'llm_api_key');
  const status = h('p', null, secret ? `Key set (ends in ${secret.last4 || '…'}), updated ${relative(secret.updated_at)}` : 'No workspace key: runs use the server\'s key.');
  const key = field('Model API key', h('input', { type: 'password', autocomplete: 'off' }),
                    { hint: 'Stored encrypted; never shown again.' });
  const m = s.model;
  return h('section', { class: 'card', 'aria-labelledby': 'model-h' }, h('h2', { id: 'model-h' }, 'Model'),
    h('p', null, m ? `Provider: ${m.provider} · model: ${m.model}` : 'The server runs the built-in writer (no model provider configured by the operator).'),
    status,
    h('form', { class: 'inline-form', onsubmit: async (e) => {
      e.preventDefault();
      key.setError('');
      try {
        await put('/api/v1/settings/secrets/llm_api_key', { value: key.control.value });
        key.control.value = '';
        toast('Model key saved');
        status.textContent = 'Key set.';
      } catch (error) {
        showFieldError(error, { value: key }, (msg) => key.setError(msg));
      }
    } }, key, h('button', { type: 'submit', class: 'button' }, 'Save key')),
    secret ? h('button', { type: 'button', class: 'button ghost', onclick: async () => {
      await del('/api/v1/settings/secrets/llm_api_key');
      toast('Model key removed');
      status.textContent = 'No workspace key.';
    } }, 'Remove key') : null);
}

function limitsAndZone(s) {
  const mk = (key, label) => field(label, h('input', { type: 'number', min: 1, value: s.limits?.[key]?.value ?? '',
    placeholder: s.limits?.[key]?.default ?? 'no limit' }), { hint: 'Empty: the server default.' });
  const q = mk('max_queued_jobs', 'Runs at once');
  const t = mk('monthly_token_cap', 'Monthly token cap');
  const r = mk('requests_per_minute', 'Requests per minute');
  const current = s.preferences?.time_zone || 'UTC';
  const all = zones();
  const tz = field('Workspace time zone', h('select', null, (all.includes(current) ? all : [current, ...all])
    .map((z) => h('option', { value: z, selected: z === current }, z))), { hint: 'Used by the calendar and new briefs.' });
  const num = (f) => (f.control.value === '' ? null : Number(f.control.value));
  return h('section', { class: 'card', 'aria-labelledby': 'limits-h' }, h('h2', { id: 'limits-h' }, 'Limits and time zone'),
    h('form', { class: 'inline-form', onsubmit: async (e) => {
      e.preventDefault();
      for (const f of [q, t, r]) f.setError('');
      try {
        await put('/api/v1/settings/limits', { max_queued_jobs: num(q), monthly_token_cap: num(t), requests_per_minute: num(r) });
        toast('Limits saved');
      } catch (error) {
        showFieldError(error, { max_queued_jobs: q, monthly_token_cap: t, requests_per_minute: r }, (m) => toast(m, 'error'));
      }
    } }, q, t, r, h('button', { type: 'submit', class: 'button' }, 'Save limits')),
    h('form', { class: 'inline-form', onsubmit: async (e) => {
      e.preventDefault();
      tz.setError('');
      try {
        await put('/api/v1/settings/preferences', { time_zone: tz.control.value });
        toast('Time zone saved');
      } catch (error) {
        showFieldError(error, { time_zone: tz }, (m) => tz.setError(m));
      }
    } }, tz, h('button', { type: 'submit', class: 'button' }, 'Save time zone')));
}

export async function render(main) {
  main.append(pageHeader('Settings'), account());
  if (!can('owner')) {
    main.append(h('p', { class: 'muted' }, 'Workspace settings are for its owners.'));
    return;
  }
  const s = await get('/api/v1/settings');
  main.append(h('div', { class: 'settings-grid' }, usageMeter(s), model(s), members(), keys(), limitsAndZone(s)));
}
