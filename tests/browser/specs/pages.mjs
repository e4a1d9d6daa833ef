// Every page of the app at 375 and 1440 px: axe-core finds no serious or critical violation,
// nothing is logged, and a viewer sees no control they may not use (and the API refuses them).
// User and model text containing markup renders as text everywhere.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { apiFirstRun, apiRequest, apiSignIn, checkA11y, createUserViaCli, repoRoot, screenshot,
         signIn, test } from '../lib.mjs';


async function seedKb(server, session) {
  for (const name of ['company_overview.md', 'traction.md', 'product_features.md']) {
    const content = readFileSync(join(repoRoot, 'examples', 'kb-fieldnote', name), 'utf8');
    const r = await apiRequest(server, 'POST', '/api/v1/kb/documents', { session, body: { name, content } });
    assert.equal(r.status, 201, r.text);
  }
}

async function finishedJob(server, session, prompt, platforms = ['linkedin', 'twitter', 'pitch_deck']) {
  const made = await apiRequest(server, 'POST', '/api/v1/jobs', { session, body: { prompt, platforms } });
  assert.equal(made.status, 202, made.text);
  for (let i = 0; i < 200; i += 1) {
    const job = await apiRequest(server, 'GET', `/api/v1/jobs/${made.body.job_id}`, { session });
    if (['succeeded', 'partial'].includes(job.body.status)) return job.body;
    assert.notEqual(job.body.status, 'failed', job.text);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the job did not finish');
}

test('every page passes axe-core and is photographed', async ({ page, server }) => {
  const owner = await apiFirstRun(server);
  await apiRequest(server, 'POST', '/api/v1/brands', { session: owner, body: {
    name: 'Fieldnote', voice: 'plain-spoken, numbers over adjectives', banned_phrases: ['game-changer'],
    required_hashtags: ['#FieldService'], call_to_action: 'Start a free trial',
    colors: { background: '#ffffff', text: '#dddddd', accent: '#3b4cca' } } });
  await seedKb(server, owner);
  for (let i = 0; i < 3; i += 1) await finishedJob(server, owner, `Launch number ${i + 1}: dispatch that re-plans itself`);
  await signIn(page, server, owner.email, owner.password);
  const pages = [['/', 'runs'], ['/content', 'content'], ['/brands', 'brands'], ['/settings', 'settings'],
                 ['/new', 'compose-filled'], ['/kb', 'knowledge-base-empty']];
  for (const [path, name] of pages) {
    await page.goto(`${server.origin}${path}`);
    await page.locator('main h1').waitFor();
    await page.waitForLoadState('networkidle');
    await checkA11y(page);
    await screenshot(page, name);
  }
  // The brand with low-contrast text shows the renderer's finding.
  await page.goto(`${server.origin}/brands`);
  await page.getByRole('button', { name: 'Edit Fieldnote' }).click();
  await page.locator('.contrast .issue').first().waitFor();
  await screenshot(page, 'brand-edit');
  // Keyboard only: the skip link, then the main navigation, reach the compose form.
  await page.goto(`${server.origin}/`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  // Lists page through: 30 runs take two pages of 25.
  for (let i = 0; i < 27; i += 1) {
    await apiRequest(server, 'POST', '/api/v1/jobs', { session: owner, body: { prompt: `Run ${i}`, platforms: ['linkedin'] } });
  }
  await page.goto(`${server.origin}/`);
  await page.getByText('25 shown').waitFor();
  await page.getByRole('button', { name: 'Load more' }).click();
  await page.getByText(/30 shown \(all\)/).waitFor();
}, { timeout: 180000 });

test('a viewer sees no editing controls and the API refuses them', async ({ page, server }) => {
  const owner = await apiFirstRun(server);
  await seedKb(server, owner);
  const job = await finishedJob(server, owner, 'Viewer check: dispatch that re-plans itself');
  createUserViaCli(server, { workspace: owner.workspace, email: 'vic@example.com', role: 'viewer',
                             password: 'viewer password 1' });
  await signIn(page, server, 'vic@example.com', 'viewer password 1');
  await page.goto(`${server.origin}/jobs/${job.job_id}`);
  const linkedin = page.getByRole('region', { name: 'LinkedIn preview' });
  await linkedin.waitFor();
  for (const name of ['Edit', 'Submit for review', 'Approve', 'Request changes', 'Schedule']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, name);
  }
  assert.equal(await page.getByRole('link', { name: 'New content' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Cancel run' }).count(), 0);
  await page.goto(`${server.origin}/kb`);
  await page.locator('main h1').waitFor();
  assert.equal(await page.getByLabel('Upload documents').count(), 0);
  await checkA11y(page);
  const vic = await apiSignIn(server, 'vic@example.com', 'viewer password 1');
  const item = job.items[0];
  for (const body of [{ body: 'x' }, { status: 'approved' }, { status: 'in_review' }]) {
    const r = await apiRequest(server, 'PATCH', `/api/v1/content/${item.id}`, { session: vic, body });
    assert.equal(r.status, 403, JSON.stringify(body));
  }
  const made = await apiRequest(server, 'POST', '/api/v1/jobs', { session: vic, body: { prompt: 'x', platforms: ['linkedin'] } });
  assert.equal(made.status, 403);
});

test('markup in briefs, documents, items and names renders as text', async ({ page, server }) => {
  const owner = await apiFirstRun(server, { workspace: 'Acme <img src=x onerror=window.__xss=1>' }).catch(
    () => null);
  const session = owner || await apiFirstRun(server);
  const payloads = ['<script>window.__xss=1</script>', '<img src=x onerror="window.__xss=1">',
                    '"><svg onload=window.__xss=1>', 'javascript:window.__xss=1'];
  const payload = payloads.join(' ');
  await apiRequest(server, 'POST', '/api/v1/kb/documents', { session, body: {
    name: 'evil <img src=x onerror=window.__xss=1>.md', content: `# ${payload}\n\nclinics ${payload}` } });
  await apiRequest(server, 'POST', '/api/v1/brands', { session, body: { name: `Brand ${payloads[1]}`, voice: payload } });
  const job = await finishedJob(server, session, `Launch ${payload}`, ['linkedin', 'twitter']);
  const li = job.items.find((i) => i.platform === 'linkedin');
  await apiRequest(server, 'PATCH', `/api/v1/content/${li.id}`, { session, body: { body: `Hello ${payload}` } });
  await signIn(page, server, session.email, session.password);
  for (const path of ['/', `/jobs/${job.job_id}`, '/content', '/kb', '/brands']) {
    await page.goto(`${server.origin}${path}`);
    await page.locator('main h1').waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(await page.evaluate(() => window.__xss), undefined, path);
    assert.equal(await page.locator('main script, main img[src="x"], main svg[onload]').count(), 0, path);
  }
  await page.goto(`${server.origin}/jobs/${job.job_id}`);
  await page.getByRole('region', { name: 'LinkedIn preview' }).getByText('<script>window.__xss=1</script>', { exact: false }).waitFor();
  await page.goto(`${server.origin}/kb`);
  await page.getByLabel('Search the knowledge base').fill('clinics');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('.results li').first().waitFor();
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await screenshot(page, 'xss-as-text');
});
