// The web app's shell: session bootstrap, the router (History API: every page has its own URL,
// so reloads and deep links work) and the layout around the pages.
import { h, replace, clear } from './lib/dom.js';
import { session, setSession, clearSession, chooseWorkspace, can, get, del } from './lib/api.js';

import * as signIn from './pages/signin.js';
import * as firstRun from './pages/firstrun.js';
import * as jobs from './pages/jobs.js';
import * as compose from './pages/compose.js';
import * as run from './pages/run.js';
import * as content from './pages/content.js';
import * as calendar from './pages/calendar.js';
import * as kb from './pages/kb.js';
import * as brands from './pages/brands.js';
import * as settings from './pages/settings.js';
import * as share from './pages/share.js';

const routes = [
  { path: /^\/sign-in$/, page: signIn, public: true, title: 'Sign in' },
  { path: /^\/first-run$/, page: firstRun, public: true, title: 'Welcome' },
  { path: /^\/share\/([^/]+)$/, page: share, public: true, bare: true, title: 'Review' },
  { path: /^\/$/, page: jobs, title: 'Runs' },
  { path: /^\/jobs$/, page: jobs, title: 'Runs' },
  { path: /^\/new$/, page: compose, title: 'New content' },
  { path: /^\/jobs\/([^/]+)$/, page: run, title: 'Run' },
  { path: /^\/content$/, page: content, title: 'Content' },
  { path: /^\/calendar$/, page: calendar, title: 'Calendar' },
  { path: /^\/kb$/, page: kb, title: 'Knowledge base' },
  { path: /^\/brands$/, page: brands, title: 'Brand profiles' },
  { path: /^\/settings$/, page: settings, title: 'Settings' },
];

const root = document.getElementById('app');
let cleanup = null;
let sessionChecked = false;

export function navigate(path, { replace: replaceState = false } = {}) {
  if (replaceState) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  render();
}

async function loadSession() {
  if (sessionChecked) return;
  sessionChecked = true;
  // The cookie is HttpOnly; this mark says whether asking is worth it, so a signed-out visit
  // does not log a 401 in the console.
  if (!localStorage.getItem('swarm.signed-in')) {
    clearSession();
    return;
  }
  try {
    setSession(await get('/api/v1/session', null, { noWorkspace: true, allow401: true }));
  } catch {
    clearSession();
    localStorage.removeItem('swarm.signed-in');
  }
}

export async function signedIn(body) {
  setSession(body);
  localStorage.setItem('swarm.signed-in', '1');
  sessionChecked = true;
  const next = new URLSearchParams(location.search).get('next');
  navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/',
           { replace: true });
}

async function signOut() {
  try {
    await del('/api/v1/session', { noWorkspace: true });
  } catch {
    // signed out already
  }
  clearSession();
  localStorage.removeItem('swarm.signed-in');
  navigate('/sign-in');
}

function navLink(href, label, current) {
  return h('a', { href, class: 'nav-link', 'aria-current': current ? 'page' : null }, label);
}

function header(path) {
  const links = [
    ['/', 'Runs', path === '/' || path === '/jobs' || path.startsWith('/jobs/')],
    ['/content', 'Content', path === '/content'],
    ['/calendar', 'Calendar', path === '/calendar'],
    ['/kb', 'Knowledge base', path === '/kb'],
    ['/brands', 'Brands', path === '/brands'],
  ];
  links.push(['/settings', 'Settings', path === '/settings']);
  const menu = h('nav', { class: 'nav', id: 'main-nav', 'aria-label': 'Main' },
                 links.map(([href, label, current]) => navLink(href, label, current)));
  const toggle = h('button', { class: 'nav-toggle button small', type: 'button', 'aria-expanded': 'false',
                               'aria-controls': 'main-nav', onclick: () => {
                                 const open = toggle.getAttribute('aria-expanded') !== 'true';
                                 toggle.setAttribute('aria-expanded', String(open));
                                 menu.classList.toggle('open', open);
                               } }, 'Menu');
  let picker = null;
  if (session.workspaces.length > 1) {
    const select = h('select', { id: 'workspace-picker', onchange: (e) => {
      chooseWorkspace(e.target.value);
      navigate('/');
    } }, session.workspaces.map((w) => h('option', { value: w.id,
                                                     selected: w.id === session.workspace?.id },
                                         `${w.name} (${w.role})`)));
    picker = h('div', { class: 'ws-picker' }, h('label', { for: 'workspace-picker' }, 'Workspace'),
               select);
  } else if (session.workspace) {
    picker = h('span', { class: 'ws-name', title: `Your role: ${session.workspace.role}` },
               session.workspace.name, h('span', { class: 'role-badge' }, session.workspace.role));
  }
  return h('header', { class: 'topbar' },
    h('a', { href: '/', class: 'brand' }, h('img', { src: '/assets/icon.svg', alt: '', width: 24,
                                                      height: 24 }), 'content-swarm'),
    can('editor') ? h('a', { href: '/new', class: 'button primary new-content' }, 'New content')
                  : null,
    toggle, menu,
    h('div', { class: 'account' }, picker,
      h('span', { class: 'user-email' }, session.user?.email || ''),
      h('button', { type: 'button', class: 'button ghost', onclick: signOut }, 'Sign out')));
}

export async function render() {
  if (cleanup) {
    try { cleanup(); } catch { /* page already gone */ }
    cleanup = null;
  }
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const route = routes.find((r) => r.path.test(path));
  if (!route) {
    document.title = 'Not found · content-swarm';
    replace(root, h('main', { id: 'main', class: 'page narrow', tabindex: '-1' },
                    h('h1', null, 'Page not found'),
                    h('p', null, h('a', { href: '/' }, 'Back to your runs'))));
    return;
  }
  const params = path.match(route.path).slice(1).map(decodeURIComponent);
  if (!route.public) {
    await loadSession();
    if (!session.user) {
      const needed = await get('/api/v1/first-run', null, { allow401: true }).catch(() => null);
      navigate(needed && needed.needed ? '/first-run'
                                       : `/sign-in?next=${encodeURIComponent(path)}`,
               { replace: true });
      return;
    }
    if (route.role && !can(route.role)) {
      replace(root, header(path), h('main', { id: 'main', class: 'page narrow', tabindex: '-1' },
        h('h1', null, route.title), h('p', null, `This page is for workspace ${route.role}s.`)));
      return;
    }
  }
  document.title = `${route.title} · content-swarm`;
  const main = h('main', { id: 'main', class: route.bare ? 'page bare' : 'page', tabindex: '-1' });
  if (route.public) replace(root, main);
  else replace(root, header(path), main);
  try {
    cleanup = (await route.page.render(main, params, { navigate, signedIn })) || null;
  } catch (error) {
    clear(main);
    main.append(h('h1', null, route.title),
                h('p', { class: 'error-box', role: 'alert' }, error.message || String(error)));
  }
  const heading = main.querySelector('h1');
  if (document.activeElement === document.body && heading) heading.setAttribute('tabindex', '-1');
}

document.addEventListener('click', (event) => {
  const a = event.target.closest('a');
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
      event.shiftKey || event.altKey || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || /^\/(api|media|ical|assets)\//.test(url.pathname)) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener('popstate', render);
window.addEventListener('swarm:signed-out', () => {
  localStorage.removeItem('swarm.signed-in');
  if (!routes.find((r) => r.public && r.path.test(location.pathname))) {
    clearSession();
    navigate(`/sign-in?next=${encodeURIComponent(location.pathname)}`, { replace: true });
  }
});

render();
