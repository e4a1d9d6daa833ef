// Helpers for the browser tests (tests/browser/specs/*.mjs, run by run.mjs): a fresh
// `content-swarm serve` per test (temporary SQLite database and media folder, the offline
// writer), pages whose console errors and warnings fail the test, screenshots at phone and
// desktop widths, axe-core checks, and the API as a signed-in browser calls it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
const require = createRequire(import.meta.url);

/** Set by run.mjs from its arguments. */
export const settings = {
  binary: join(repoRoot, 'build', 'content-swarm'),
  artifacts: join(repoRoot, 'build', 'browser-artifacts'),
  widths: [375, 1440],
};

// ---------------------------------------------------------------------------------------------
// Test registration (the runner imports each spec, then runs what it registered).

export const registered = [];

/**
 * test('name', async ({ page, server, context, newContext, newPage }) => {...}, options)
 * options: { timeout: the whole test in ms (default 90 s), stepTimeout: each Playwright wait
 * (default 15 s), server: false (no server started), serverOptions: startServer's options }
 */
export function test(name, fn, options = {}) {
  registered.push({ name, fn, options });
}

// ---------------------------------------------------------------------------------------------
// The server.

/** What the server must not inherit: model keys, settings, AWS credentials of this shell. */
function serverEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('CONTENT_SWARM_') && !k.startsWith('AWS_')) env[k] = v;
  }
  return { ...env, ...extra };
}

/**
 * Starts `content-swarm serve` on 127.0.0.1 (a free port), with a new SQLite database and media
 * folder, the offline writer and `workers` job workers. Resolves once it listens, with
 * { origin, port, firstRunUrl, firstRunToken, db, dir, log(), stop() }. firstRunUrl is the link
 * the server printed (the database has no account yet).
 */
export async function startServer({ workers = 1, env = {}, args = [], timeoutMs = 20000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'swarm-browser-'));
  const db = `sqlite:${join(dir, 'swarm.db')}`;
  const child = spawn(settings.binary, ['serve', '--listen', '127.0.0.1:0', '--db', db,
    '--media', `folder:${join(dir, 'media')}`, '--workers', String(workers), ...args], {
    env: serverEnv(env), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  const server = {
    dir, db, child, port: 0, origin: '', firstRunUrl: '', firstRunToken: '',
    log: () => out,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(
      `content-swarm serve did not start in ${timeoutMs} ms\n${out}\n${err}`)), timeoutMs);
    let listen = '';
    const check = () => {
      for (const line of out.split('\n')) {
        if (!listen && line.startsWith('{') && line.includes('"started"')) {
          try {
            const entry = JSON.parse(line);
            if (entry.msg === 'started') listen = entry.listen;
          } catch {
            // a line still being written
          }
        }
      }
      const link = out.match(/First run: open (http:\/\/\S+\/first-run#(\S+)) to create/);
      if (listen && link) {
        clearTimeout(timer);
        server.port = Number(listen.slice(listen.lastIndexOf(':') + 1));
        server.origin = `http://127.0.0.1:${server.port}`;
        server.firstRunUrl = link[1];
        server.firstRunToken = link[2];
        resolvePromise();
      }
    };
    child.stdout.on('data', (chunk) => { out += chunk; check(); });
    child.stderr.on('data', (chunk) => { err += chunk; });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`content-swarm serve exited (${code ?? signal}) before it started\n` +
                       `${out}\n${err}`));
    });
  });
  return server;
}

/** Runs the CLI on the server's database; returns stdout (throws on a non-zero exit). */
export function cli(server, args, input = '') {
  const run = spawnSync(settings.binary, args, { input, encoding: 'utf8', env: serverEnv({}) });
  if (run.status !== 0) {
    throw new Error(`content-swarm ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  }
  return run.stdout;
}

/** `admin create-user` on the server's database: the user's id. */
export function createUserViaCli(server, { workspace = 'default', email, role = 'editor',
                                           password }) {
  return cli(server, ['admin', 'create-user', '--db', server.db, '--workspace', workspace,
                      '--email', email, '--role', role], `${password}\n`).trim();
}

// ---------------------------------------------------------------------------------------------
// The API, as the app calls it (cookie, CSRF token, X-Workspace).

/**
 * apiRequest(server, 'POST', '/api/v1/jobs', { body, session, workspace, headers }) →
 * { status, headers, body (parsed JSON, else text), text }. `session` (from apiSignIn or
 * apiFirstRun) sends its cookie and, on changes, its CSRF token.
 */
export async function apiRequest(server, method, path, options = {}) {
  const headers = { Origin: server.origin, ...(options.headers || {}) };
  if (options.session) {
    headers.Cookie = options.session.cookie;
    if (!['GET', 'HEAD'].includes(method)) headers['X-CSRF-Token'] = options.session.csrf;
  }
  if (options.workspace) headers['X-Workspace'] = options.workspace;
  let body = options.body;
  if (body !== undefined && typeof body !== 'string') {
    body = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(new URL(path, server.origin), { method, headers, body,
                                                          redirect: 'manual' });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: the text
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

function sessionOf(reply) {
  if (reply.status !== 201) {
    throw new Error(`no session: ${reply.status} ${reply.text}`);
  }
  const cookie = (reply.headers.get('set-cookie') || '').split(';')[0];
  return { cookie, csrf: reply.body.csrf_token, body: reply.body };
}

/** POST /api/v1/session: { cookie, csrf, body }. */
export async function apiSignIn(server, email, password) {
  return sessionOf(await apiRequest(server, 'POST', '/api/v1/session',
                                    { body: { email, password } }));
}

/** The first run through the API (the server's printed token): an owner's session. */
export async function apiFirstRun(server, { workspace = 'Fieldnote', email = 'owner@example.com',
                                            password = 'owner password 1' } = {}) {
  const session = sessionOf(await apiRequest(server, 'POST', '/api/v1/first-run', {
    body: { token: server.firstRunToken, workspace, email, password },
  }));
  return { ...session, email, password, workspace };
}

// ---------------------------------------------------------------------------------------------
// Pages.

/**
 * A page of `context` whose console errors and warnings and uncaught exceptions are recorded in
 * page.problems (the runner fails the test on any). page.allowConsole(/regex/) accepts messages
 * a test causes on purpose (a refused sign-in's 401).
 */
export async function newPage(context) {
  const page = await context.newPage();
  page.problems = [];
  const allowed = [];
  page.allowConsole = (pattern) => allowed.push(pattern);
  page.on('console', (msg) => {
    const type = msg.type();
    if (type !== 'error' && type !== 'warning') return;
    const text = msg.text();
    const where = msg.location();
    if (allowed.some((p) => p.test(text))) return;
    page.problems.push(`console ${type}: ${text}` +
                       (where && where.url ? ` (${where.url}:${where.lineNumber})` : ''));
  });
  page.on('pageerror', (error) => {
    page.problems.push(`page error: ${error.message}\n${error.stack || ''}`);
  });
  page.on('crash', () => page.problems.push('page crashed'));
  context.trackedPages = context.trackedPages || [];
  context.trackedPages.push(page);
  return page;
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

/**
 * Full-page screenshots at each width (375 and 1440 px) to
 * build/browser-artifacts/<name>-<width>.png; the viewport is restored afterwards.
 */
export async function screenshot(page, name) {
  mkdirSync(settings.artifacts, { recursive: true });
  const before = page.viewportSize();
  const paths = [];
  for (const width of settings.widths) {
    await page.setViewportSize({ width, height: width < 600 ? 812 : 900 });
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done())));
    const path = join(settings.artifacts, `${slug(name)}-${width}.png`);
    await page.screenshot({ path, fullPage: true });
    paths.push(path);
  }
  if (before) await page.setViewportSize(before);
  return paths;
}

// Evaluated through the DevTools protocol: a <script> tag (page.addScriptTag) is inline script,
// which the page's Content-Security-Policy rightly refuses.
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core on the page as it is, in the light and the dark colour scheme: throws listing every
 * serious or critical violation (rule, impact, the elements). options.schemes narrows the
 * schemes; options.exclude lists selectors to leave out.
 */
export async function checkA11y(page, options = {}) {
  const schemes = options.schemes || ['light', 'dark'];
  const found = [];
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(axeSource);
  }
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    const result = await page.evaluate(async (exclude) => {
      const context = exclude.length ? { exclude: exclude.map((s) => [s]) } : document;
      const run = await window.axe.run(context, { resultTypes: ['violations'] });
      return run.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`).slice(0, 5),
      }));
    }, options.exclude || []);
    for (const v of result) {
      if (v.impact === 'serious' || v.impact === 'critical') {
        found.push(`[${scheme}] ${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`);
      }
    }
  }
  await page.emulateMedia({ colorScheme: null });
  if (found.length) {
    throw new Error(`axe-core found ${found.length} serious or critical violation(s) on ` +
                    `${page.url()}:\n  ${found.join('\n  ')}`);
  }
}

/** Signs in through the sign-in page by the accessible names "Email", "Password", "Sign in". */
export async function signIn(page, server, email, password) {
  await page.goto(`${server.origin}/sign-in`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}
