#!/usr/bin/env node
// Benchmark (scripts/bench runs it; not a test): how fast the web app's first screens are
// interactive on localhost in Debian's Chromium. For each of N cold loads (a new browser context,
// no cache): the sign-in page until its "Sign in" button can be clicked, and, signed in, the runs
// list with 1,000 runs until its first page of rows shows, both from the navigation's start.
// Prints medians and maxima.
//   node tests/browser/bench_first_screen.mjs [--binary build/content-swarm] [--runs 10]
import { chromium } from 'playwright-core';

import { apiFirstRun, apiRequest, settings, startServer } from './lib.mjs';

const args = process.argv.slice(2);
let runs = 10;
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--binary') settings.binary = args[++i];
  if (args[i] === '--runs') runs = Number(args[++i]);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await startServer({ workers: 0 });
const browser = await chromium.launch({ executablePath: process.env.SWARM_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'] });
try {
  const owner = await apiFirstRun(server);
  // 1,000 runs (no workers: they stay queued, which is what the list shows first).
  await Promise.all(Array.from({ length: 10 }, async (_, w) => {
    for (let i = 0; i < 100; i += 1) {
      await apiRequest(server, 'POST', '/api/v1/jobs', { session: owner,
        body: { prompt: `Run ${w * 100 + i}`, platforms: ['linkedin'] } });
    }
  }));
  const signIn = [];
  const list = [];
  for (let r = 0; r < runs; r += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.origin}/sign-in`, { waitUntil: 'commit' });
    // Milliseconds from the start of the navigation (the page's time origin) to the first frame
    // where the control is there and enabled: the browser's start-up of a new context is not
    // counted, and polling every frame adds at most one frame.
    signIn.push(Math.round(await (await page.waitForFunction(() => {
      const b = [...document.querySelectorAll('button')].find((x) => x.textContent === 'Sign in');
      return b && !b.disabled ? performance.now() : null;
    }, null, { polling: 'raf' })).jsonValue()));
    await page.getByLabel('Email', { exact: true }).fill(owner.email);
    await page.getByLabel('Password', { exact: true }).fill(owner.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('25 shown').waitFor();
    await page.goto(`${server.origin}/`, { waitUntil: 'commit' });
    list.push(Math.round(await (await page.waitForFunction(
      () => (document.body.textContent.includes('25 shown') ? performance.now() : null), null,
      { polling: 'raf' })).jsonValue()));
    await context.close();
  }
  console.log(`sign-in page interactive: median ${median(signIn)} ms, max ${Math.max(...signIn)} ms (${runs} cold loads)`);
  console.log(`runs list (1,000 runs) first page shown: median ${median(list)} ms, max ${Math.max(...list)} ms`);
} finally {
  await browser.close();
  await server.stop();
}
