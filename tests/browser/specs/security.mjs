// The page's defences: the Content-Security-Policy and its companion headers on every HTML
// answer, no inline script anywhere (and the browser refuses one), and user text that looks like
// HTML shown as text on every page that shows it.
import assert from 'node:assert/strict';

import { apiFirstRun, apiRequest, test } from '../lib.mjs';

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; " +
  "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; manifest-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

test('every page has the strict CSP and index.html has no inline script', async ({ page, server }) => {
  for (const path of ['/', '/sign-in', '/first-run', '/jobs/job_x', '/share/abc.def']) {
    const res = await apiRequest(server, 'GET', path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get('content-security-policy'), CSP, path);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
    assert.equal(res.headers.get('x-frame-options'), 'DENY', path);
    const html = res.text;
    for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) || []) {
      assert.match(tag, /\bsrc="\/assets\/[^"]+"/, `a script without src: ${tag}`);
      assert.match(tag, /^<script\b[^>]*><\/script>$/i, `a script with a body: ${tag}`);
    }
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /\sstyle\s*=/i, 'no inline style attributes');
    assert.doesNotMatch(html, /javascript:/i);
    assert.doesNotMatch(html, /https?:\/\//i, 'nothing from another origin');
  }
  // The browser enforces it: an injected inline script does not run.
  page.allowConsole(/inline script/);
  await page.goto(`${server.origin}/sign-in`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1;';
    document.head.append(s);
    return window.__inline === 1;
  });
  assert.equal(ran, false);
  // And every asset the page loaded came from this server.
  const foreign = await page.evaluate((origin) => performance.getEntriesByType('resource')
    .map((e) => e.name).filter((u) => !u.startsWith(origin)), server.origin);
  assert.deepEqual(foreign, []);
});

const PAYLOAD = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

test('HTML in user text renders as text (XSS smoke)', async ({ page, server, context }) => {
  const owner = await apiFirstRun(server);
  const as = { session: owner };
  // A workspace name cannot hold markup at all (the API refuses it, naming the field).
  const ws = await apiRequest(server, 'POST', '/api/v1/workspaces',
                              { ...as, body: { name: PAYLOAD } });
  assert.equal(ws.status, 400);
  assert.equal(ws.body.error.field, 'name');
  // A brand profile, a knowledge-base document and a brief that can.
  const brand = await apiRequest(server, 'POST', '/api/v1/brands',
                                 { ...as, body: { name: `Brand ${PAYLOAD}`, voice: PAYLOAD } });
  assert.equal(brand.status, 201, brand.text);
  const doc = await apiRequest(server, 'POST',
                               `/api/v1/kb/documents?name=${encodeURIComponent('notes <b>x<b>.md')}`,
                               { ...as, body: `# Notes\n\nOur codeword is ${PAYLOAD} indeed.\n`,
                                 headers: { 'Content-Type': 'text/markdown' } });
  assert.equal(doc.status, 201, doc.text);
  const job = await apiRequest(server, 'POST', '/api/v1/jobs',
                               { ...as, body: { prompt: `Launch post ${PAYLOAD}`,
                                                platforms: ['linkedin'] } });
  assert.equal(job.status, 202, job.text);
  // Any <img src=x> that got into the page would fetch /x.
  const fetchedX = [];
  context.on('request', (r) => {
    if (new URL(r.url()).pathname === '/x') fetchedX.push(r.url());
  });
  await context.addCookies([{ name: 'swarm_session', value: owner.cookie.split('=')[1],
                              url: server.origin }]);
  // The app asks for the session only when this browser signed in before (the cookie itself is
  // HttpOnly): mark it as the sign-in page would.
  await context.addInitScript(() => localStorage.setItem('swarm.signed-in', '1'));
  for (const path of ['/', '/brands', '/kb', `/jobs/${job.body.job_id}`]) {
    await page.goto(`${server.origin}${path}`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.waitForLoadState('networkidle');
    const state = await page.evaluate(() => ({
      xss: window.__xss,
      images: [...document.querySelectorAll('img')].map((i) => i.getAttribute('src'))
        .filter((s) => s === 'x'),
      scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
    }));
    assert.deepEqual(state, { xss: undefined, images: [], scripts: 0 }, path);
  }
  // Shown as text where the page names them.
  await page.goto(`${server.origin}/brands`);
  await page.getByText(`Brand ${PAYLOAD}`).first().waitFor();
  assert.deepEqual(fetchedX, []);
});
