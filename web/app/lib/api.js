// The HTTP API, as the app uses it: JSON in and out, the session cookie (sent by the browser),
// the CSRF token on changes and the chosen workspace in X-Workspace.

export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.message || `request failed (${status})`);
    this.status = status;
    this.code = err.code || '';
    this.field = err.field || '';
    this.body = body;
  }
}

export const session = {
  user: null,          // {id, email}
  workspaces: [],      // [{id, name, role}]
  workspace: null,     // the chosen {id, name, role}
  csrf: '',
};

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function setSession(body) {
  session.user = body.user || null;
  session.workspaces = body.workspaces || [];
  session.csrf = body.csrf_token || '';
  const saved = localStorage.getItem('swarm.workspace');
  session.workspace = session.workspaces.find((w) => w.id === saved) || session.workspaces[0] ||
                      null;
}

export function chooseWorkspace(id) {
  const ws = session.workspaces.find((w) => w.id === id);
  if (ws) {
    session.workspace = ws;
    localStorage.setItem('swarm.workspace', ws.id);
  }
}

export function clearSession() {
  session.user = null;
  session.workspaces = [];
  session.workspace = null;
  session.csrf = '';
}

/** Role order: viewer < reviewer < editor < owner. */
const RANK = { viewer: 1, reviewer: 2, editor: 3, owner: 4 };
export function can(role) {
  return Boolean(session.workspace) && RANK[session.workspace.role] >= RANK[role];
}

/**
 * request('GET', '/api/v1/jobs', {query, body, headers, raw}) → parsed JSON (or the Response
 * when raw). Throws ApiError with the server's error (its field names the input).
 */
export async function request(method, path, options = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(options.query || {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  }
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  if (session.workspace && !options.noWorkspace) headers['X-Workspace'] = session.workspace.id;
  if (CHANGES.has(method) && session.csrf) headers['X-CSRF-Token'] = session.csrf;
  let body = options.body;
  if (body !== undefined && !(body instanceof Blob) && !(body instanceof ArrayBuffer) &&
      typeof body !== 'string') {
    body = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(url, { method, headers, body, credentials: 'same-origin',
                                 signal: options.signal });
  if (options.raw) return res;
  const text = await res.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { error: { message: text.slice(0, 200) } };
    }
  }
  if (!res.ok) {
    const error = new ApiError(res.status, parsed);
    if (res.status === 401 && !options.allow401) window.dispatchEvent(new Event('swarm:signed-out'));
    throw error;
  }
  if (options.withHeaders) return { body: parsed, headers: res.headers, status: res.status };
  return parsed;
}

export const get = (path, query, options = {}) => request('GET', path, { ...options, query });
export const post = (path, body, options = {}) => request('POST', path, { ...options, body });
export const put = (path, body, options = {}) => request('PUT', path, { ...options, body });
export const patch = (path, body, options = {}) => request('PATCH', path, { ...options, body });
export const del = (path, options = {}) => request('DELETE', path, options);

/** Shows an ApiError next to the field it names (fields: {name: fieldWrapper}); else returns it. */
export function showFieldError(error, fields, fallback) {
  const name = error && error.field ? error.field.replace(/\[\d+\].*$/, '') : '';
  const target = fields[error.field] || fields[name];
  if (target) {
    target.setError(error.message);
    target.control.focus();
    return true;
  }
  if (fallback) fallback(error.message);
  return false;
}
