// The whole path a marketer takes: knowledge base upload, compose, the live run (with the event
// stream cut in the middle and resumed), the previews, editing with live validation, a
// conflicting edit from a second browser, review by a reviewer, approval through a share link,
// and rescheduling on the calendar. Every page is checked with axe-core and photographed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { apiFirstRun, apiRequest, apiSignIn, checkA11y, createUserViaCli, repoRoot, screenshot,
         signIn, test } from '../lib.mjs';

const KB = join(repoRoot, 'examples', 'kb-fieldnote');
const BRIEF = 'Announce real-time re-planning for emergency calls to owners of HVAC and ' +
              'plumbing companies';

/** Runs a brief through the compose page; returns the job id once the run page shows. */
async function compose(page, topic, platforms = ['LinkedIn', 'X', 'Pitch deck']) {
  await page.getByRole('link', { name: 'New content' }).click();
  await page.getByLabel('Topic').fill(topic);
  for (const name of ['LinkedIn', 'X', 'Pitch deck']) {
    const box = page.getByRole('checkbox', { name, exact: true });
    if (platforms.includes(name)) await box.check();
    else await box.uncheck();
  }
  await page.getByRole('button', { name: 'Generate' }).click();
  await page.waitForURL(/\/jobs\/job_/);
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
}

async function itemOf(server, session, jobId, platform) {
  const job = await apiRequest(server, 'GET', `/api/v1/jobs/${jobId}`, { session });
  const item = job.body.items.find((i) => i.platform === platform);
  const full = await apiRequest(server, 'GET', `/api/v1/content/${item.id}`, { session });
  return full.body;
}

test('brief to approved, scheduled posts', async ({ page, server, newContext, newPage }) => {
  const owner = await apiFirstRun(server);
  await apiRequest(server, 'PUT', '/api/v1/settings/preferences',
                   { session: owner, body: { time_zone: 'America/New_York' } });
  await signIn(page, server, owner.email, owner.password);

  // Knowledge base: the file picker, then drag and drop; the list shows passage counts.
  await page.getByRole('link', { name: 'Knowledge base' }).first().click();
  await page.getByLabel('Upload documents').setInputFiles(
    ['company_overview.md', 'traction.md', 'pricing.md'].map((f) => join(KB, f)));
  await page.getByText(/traction\.md: \d+ passages added/).waitFor();
  const features = readFileSync(join(KB, 'product_features.md'), 'utf8');
  const drop = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'product_features.md', { type: 'text/markdown' }));
    return dt;
  }, features);
  await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer: drop });
  await page.getByText(/product_features\.md: \d+ passages added/).waitFor();
  const docs = page.getByRole('list', { name: 'Documents' });
  await docs.getByText('product_features.md').waitFor();
  assert.match(await docs.innerText(), /traction\.md\s+\d+ passages/);
  await page.getByLabel('Search the knowledge base').fill('dispatch');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('.results mark').first().waitFor();
  await checkA11y(page);
  await screenshot(page, 'knowledge-base');

  // Compose; the event stream is cut after five events and must resume after the fifth.
  const eventRequests = [];
  await page.route('**/api/v1/jobs/*/events', async (route) => {
    eventRequests.push(route.request().headers()['last-event-id'] || '');
    if (eventRequests.length > 1) return route.continue();
    const response = await route.fetch();
    const body = await response.text();
    const blocks = body.split('\n\n').filter((b) => b.includes('data:'));
    return route.fulfill({ response, body: `${blocks.slice(0, 5).join('\n\n')}\n\n` });
  });
  await page.getByRole('link', { name: 'New content' }).click();
  await page.getByLabel('Topic').waitFor();
  await checkA11y(page);
  await screenshot(page, 'compose');
  await page.goBack();
  const jobId = await compose(page, BRIEF);
  const linkedin = page.getByRole('region', { name: 'LinkedIn preview' });
  const x = page.getByRole('region', { name: 'X preview' });
  const deck = page.getByRole('region', { name: 'Pitch deck preview' });
  await Promise.all([linkedin.waitFor(), x.waitFor(), deck.waitFor()]);
  await page.getByText('Succeeded').first().waitFor();
  assert.deepEqual(eventRequests.slice(0, 2), ['', '5'], 'reconnected after event 5');
  // No gap, no repeat: each lane's text is exactly the server's progress messages in order.
  const events = await apiRequest(server, 'GET', `/api/v1/jobs/${jobId}/events`, { session: owner });
  const progress = {};
  for (const block of events.text.split('\n\n')) {
    const data = block.split('\n').find((l) => l.startsWith('data:'));
    if (!data) continue;
    const e = JSON.parse(data.slice(5));
    if (e.type === 'agent_progress' && e.platform) progress[e.platform] = (progress[e.platform] || '') + e.message;
  }
  for (const [platform, label] of [['linkedin', 'LinkedIn'], ['twitter', 'X'], ['pitch_deck', 'Pitch deck']]) {
    const shown = await page.getByLabel(`${label} text so far`).textContent();
    assert.equal(shown, progress[platform] || '', `${label} stream text`);
  }
  assert.equal(await page.locator('.step.done').count(), await page.locator('.step').count(),
               'every agent finished');
  await page.unroute('**/api/v1/jobs/*/events');
  await checkA11y(page);
  await screenshot(page, 'run');

  // LinkedIn folds after three 20 px lines, where "…see more" is.
  const text = linkedin.locator('.li-text');
  assert.equal(Math.round((await text.boundingBox()).height), 60);
  await linkedin.getByRole('button', { name: '…see more' }).click();
  assert.ok((await text.boundingBox()).height > 60);
  // X: each post's count is the server's weighted length.
  const xItem = await itemOf(server, owner, jobId, 'twitter');
  const counts = await x.locator('.x-count').allTextContents();
  assert.equal(counts.length, xItem.metrics.weighted_lengths.length);
  counts.forEach((c, i) => assert.ok(c.startsWith(`${xItem.metrics.weighted_lengths[i]}/280`), c));
  // The deck: thumbnails pick a slide and its notes; both downloads answer.
  const deckItem = await itemOf(server, owner, jobId, 'pitch_deck');
  await deck.getByRole('button', { name: /^Slide 3/ }).click();
  await deck.getByText('Slide 3 of').waitFor();
  assert.equal(await deck.locator('.slide-notes p').textContent(),
               deckItem.parts[2].notes || 'No notes for this slide.');
  for (const kind of ['PDF', 'PPTX']) {
    const href = await deck.getByRole('link', { name: `Download ${kind}` }).getAttribute('href');
    assert.equal(await page.evaluate((u) => fetch(u).then((r) => r.status), href), 200);
  }

  // Edit with a validation error, then a fix; a second browser saves in between.
  await linkedin.getByRole('button', { name: 'Edit' }).click();
  const field = linkedin.getByLabel('LinkedIn post');
  const original = await field.inputValue();
  await field.fill(`${original}\n\nAs [Company Name] we think this is big.`);
  await linkedin.locator('.live-quality .issue-error').getByText(/placeholder|Company Name/i).first().waitFor();
  await screenshot(page, 'edit-validation');
  const fixed = `${original}\n\nDispatchers re-plan in seconds, not minutes.`;
  await field.fill(fixed);
  await linkedin.locator('.live-quality .issue-error').getByText(/placeholder|Company Name/i)
    .first().waitFor({ state: 'detached' });
  const other = await newContext();
  const otherPage = await newPage(other);
  await signIn(otherPage, server, owner.email, owner.password);
  await otherPage.goto(`${server.origin}/jobs/${jobId}`);
  const otherLinkedin = otherPage.getByRole('region', { name: 'LinkedIn preview' });
  await otherLinkedin.getByRole('button', { name: 'Edit' }).click();
  await otherLinkedin.getByLabel('LinkedIn post').fill(`${original}\n\nEdited in the other window.`);
  await otherLinkedin.getByRole('button', { name: 'Save' }).click();
  await otherLinkedin.getByRole('button', { name: 'Edit' }).waitFor();
  page.allowConsole(/status of 412/);
  await linkedin.getByRole('button', { name: 'Save' }).click();
  await linkedin.getByText('Someone else saved this item while you were editing').waitFor();
  assert.match(await linkedin.locator('.conflict del').allInnerTexts().then((t) => t.join(' ')),
               /other window/);
  await checkA11y(page);
  await screenshot(page, 'edit-conflict');
  await linkedin.getByRole('button', { name: 'Save mine over theirs' }).click();
  await linkedin.getByRole('button', { name: 'Edit' }).waitFor();
  const saved = await itemOf(server, owner, jobId, 'linkedin');
  assert.equal(saved.body, fixed);
  assert.equal(saved.version, 3);

  // Review: the editor submits, a reviewer approves (and may not edit).
  await linkedin.getByRole('button', { name: 'Submit for review' }).click();
  await linkedin.getByText('In review').first().waitFor();
  await createUserViaCli(server, { workspace: owner.workspace, email: 'rita@example.com',
                                   role: 'reviewer', password: 'reviewer password 1' });
  const reviewerContext = await newContext();
  const reviewer = await newPage(reviewerContext);
  await signIn(reviewer, server, 'rita@example.com', 'reviewer password 1');
  await reviewer.goto(`${server.origin}/jobs/${jobId}`);
  const rLinkedin = reviewer.getByRole('region', { name: 'LinkedIn preview' });
  await rLinkedin.getByRole('button', { name: 'Approve' }).waitFor();
  assert.equal(await rLinkedin.getByRole('button', { name: 'Edit' }).count(), 0);
  assert.equal(await reviewer.getByRole('link', { name: 'New content' }).count(), 0);
  const rita = await apiSignIn(server, 'rita@example.com', 'reviewer password 1');
  const refused = await apiRequest(server, 'PATCH', `/api/v1/content/${saved.id}`,
                                   { session: rita, body: { body: 'reviewers cannot edit' } });
  assert.equal(refused.status, 403);
  await checkA11y(reviewer);
  await rLinkedin.getByRole('button', { name: 'Approve' }).click();
  await rLinkedin.getByText('Approved', { exact: true }).first().waitFor();
  const rDeck = reviewer.getByRole('region', { name: 'Pitch deck preview' });
  await rDeck.getByRole('button', { name: 'Request changes' }).click();
  await rDeck.getByLabel('Comment').fill('Slide 4 needs the churn number.');
  await rDeck.getByRole('button', { name: 'Send request' }).click();
  await rDeck.getByText('Slide 4 needs the churn number.').waitFor();
  const versions = await apiRequest(server, 'GET', `/api/v1/content/${deckItem.id}/versions`, { session: owner });
  assert.ok(versions.body.versions.some((v) => v.item.review?.comment === 'Slide 4 needs the churn number.'));

  // A share link: someone without an account approves the X thread under their name.
  await page.reload();
  await page.getByText('Share for review').click();
  await page.getByRole('button', { name: 'Create share link' }).click();
  const shareUrl = await page.getByLabel('Share link').inputValue();
  assert.match(shareUrl, /\/share\/.+/);
  const guestContext = await newContext();
  const guest = await newPage(guestContext);
  await guest.goto(shareUrl);
  const gX = guest.getByRole('region', { name: 'X preview' });
  await gX.waitFor();
  assert.equal(await guest.getByRole('link', { name: 'Calendar' }).count(), 0, 'nothing else of the workspace');
  const guestCounts = await gX.locator('.x-count').allTextContents();
  guestCounts.forEach((c, i) => assert.ok(c.startsWith(`${xItem.metrics.weighted_lengths[i]}/280`), c));
  await guest.getByLabel('Your name').fill('Sam Investor');
  await checkA11y(guest);
  await screenshot(guest, 'share-link');
  await gX.getByRole('button', { name: 'Approve' }).click();
  await gX.getByText(/approved by Sam Investor \(share link\)/i).waitFor();
  assert.equal((await itemOf(server, owner, jobId, 'twitter')).status, 'approved');

  // Schedule the LinkedIn post; move it a day with the keyboard, and drag it to 14:00.
  await page.reload();
  await linkedin.getByRole('button', { name: 'Schedule' }).click();
  await linkedin.getByText('Scheduled for').waitFor();
  const before = Date.parse((await itemOf(server, owner, jobId, 'linkedin')).schedule.at);
  await page.getByRole('link', { name: 'Calendar' }).click();
  let event = page.locator(`.event[data-id="${saved.id}"]`);
  await page.getByText(/Times in America\/New_York/).waitFor();
  // The suggested slot may be in a later week: step forward until the post shows.
  for (let i = 0; i < 8 && !(await event.count()); i += 1) {
    const label = await page.locator('.range-label').textContent();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForFunction((l) => document.querySelector('.range-label').textContent !== l, label);
  }
  await event.waitFor();
  await checkA11y(page);
  await screenshot(page, 'calendar-week');
  await event.focus();
  await page.keyboard.press('ArrowRight');
  await page.getByText(/^Moved to/).waitFor();
  const moved = await itemOf(server, owner, jobId, 'linkedin');
  assert.equal(Date.parse(moved.schedule.at) - before, 86400000, 'one day later, same wall time');
  event = page.locator(`.event[data-id="${saved.id}"]`);
  const day = await event.locator('xpath=ancestor::td').getAttribute('data-day');
  await event.dragTo(page.locator(`td.slot[data-day="${day}"][data-hour="14"]`));
  await page.getByText(/^Moved to .*14:00|^Moved to .*2:00/).first().waitFor();
  const dragged = await itemOf(server, owner, jobId, 'linkedin');
  assert.match(dragged.schedule.suggested_at, /T14:00:00/);
  assert.equal(dragged.schedule.timezone !== '', true);
  await page.getByRole('button', { name: 'Month' }).click();
  await page.locator(`.event[data-id="${saved.id}"]`).waitFor();
  await checkA11y(page);
  await screenshot(page, 'calendar-month');
  await page.getByRole('button', { name: 'Create feed link' }).click();
  const feed = await page.getByLabel('Calendar feed URL').inputValue();
  const ics = await fetch(feed).then((r) => r.text());
  assert.match(ics, /BEGIN:VCALENDAR/);
  assert.match(ics, /BEGIN:VEVENT/);
}, { timeout: 240000 });
