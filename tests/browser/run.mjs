#!/usr/bin/env node
// The browser tests: runs tests/browser/specs/*.mjs (or the spec files named) in Debian's
// Chromium driven by playwright-core (never a downloaded browser). Each test gets a fresh
// `content-swarm serve` (new SQLite database, offline writer) and a fresh browser context; it
// fails on an exception, a timeout, or any console error or warning or uncaught page error.
// Screenshots and axe-core helpers: lib.mjs. Artifacts: build/browser-artifacts/.
//   node tests/browser/run.mjs [--binary build/content-swarm] [--artifacts DIR]
//                              [--grep TEXT] [spec.mjs ...]
// Ends with "N passed, N failed" and exits 1 on any failure.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { newPage, registered, repoRoot, screenshot, settings, startServer } from './lib.mjs';

const chromiumPath = process.env.SWARM_CHROMIUM || '/usr/bin/chromium';
// Headless Debian Chromium as root, on a machine without a network: no sandbox (root), no GPU,
// nothing that phones home (refused connections otherwise fill the log).
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  '--disable-dev-shm-usage'];

function parseArgs(argv) {
  const out = { specs: [], grep: '' };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    if (arg === '--binary') settings.binary = resolve(argv[++i]);
    else if (arg === '--artifacts') settings.artifacts = resolve(argv[++i]);
    else if (arg === '--grep') out.grep = argv[++i];
    else out.specs.push(resolve(arg));
  }
  if (!out.specs.length) {
    const dir = join(repoRoot, 'tests', 'browser', 'specs');
    out.specs = readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort().map((f) => join(dir, f));
  }
  return out;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]);
}

async function loadPlaywright() {
  try {
    return await import('playwright-core');
  } catch {
    console.error('run.mjs: playwright-core is not installed: run scripts/setup-deps (it runs ' +
                  '`npm ci` in tests/browser)');
    process.exit(1);
  }
  return null;
}

/** One test: a server, a context and page, the test, then the console check. */
async function runTest(browser, spec, entry) {
  const label = `${basename(spec, '.mjs')} › ${entry.name}`;
  const started = Date.now();
  const contexts = [];
  let server = null;
  const newContext = async (options = {}) => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 }, baseURL: server ? server.origin : undefined,
      ...options,
    });
    // Fail in seconds, not Playwright's 30 s: every page here is local.
    context.setDefaultTimeout(entry.options.stepTimeout || 15000);
    // SWARM_WEB_DEV=1: the app's files come from web/app/ as they are on disk (no rebuild while
    // changing the UI); the server still serves the pages and the API.
    if (process.env.SWARM_WEB_DEV) {
      await context.route('**/assets/**', (route) => {
        const file = join(repoRoot, 'web', 'app', new URL(route.request().url()).pathname.slice(8));
        const type = file.endsWith('.css') ? 'text/css' : file.endsWith('.svg') ? 'image/svg+xml'
          : 'text/javascript';
        return route.fulfill({ path: file, contentType: type });
      });
    }
    contexts.push(context);
    return context;
  };
  let error = null;
  try {
    if (entry.options.server !== false) server = await startServer(entry.options.serverOptions);
    const context = await newContext();
    const page = await newPage(context);
    await withTimeout(
      Promise.resolve().then(() => entry.fn({ page, context, server, browser, newContext,
                                              newPage, name: entry.name })),
      entry.options.timeout || 90000, 'the test');
    const problems = contexts.flatMap((c) => (c.trackedPages || []).flatMap((p) => p.problems));
    if (problems.length) {
      throw new Error(`console errors, warnings or page errors:\n  ${problems.join('\n  ')}`);
    }
  } catch (e) {
    error = e;
    for (const [i, context] of contexts.entries()) {
      for (const [j, page] of (context.trackedPages || []).entries()) {
        if (!page.isClosed()) {
          await screenshot(page, `failed-${entry.name}-${i}-${j}`).catch(() => {});
        }
      }
    }
  } finally {
    for (const context of contexts) await context.close().catch(() => {});
    if (server) {
      if (error) {
        // The access lines of answered requests say little: the rest, and refusals.
        const tail = server.log().split('\n').filter((l) => l && !/"msg":"request".*"status":[23]/.test(l))
          .slice(-12).join('\n');
        error.message += `\n--- server log (last lines but 2xx/3xx access lines) ---\n${tail}`;
      }
      await server.stop();
    }
  }
  const ms = Date.now() - started;
  if (error) {
    console.log(`not ok - ${label} (${ms} ms)\n  ${String(error.stack || error).replace(/\n/g, '\n  ')}`);
  } else {
    console.log(`ok - ${label} (${ms} ms)`);
  }
  return !error;
}

async function main() {
  const { specs, grep } = parseArgs(process.argv.slice(2));
  if (!existsSync(settings.binary)) {
    console.error(`run.mjs: no server binary at ${settings.binary} (build it: scripts/build)`);
    process.exit(1);
  }
  if (!existsSync(chromiumPath)) {
    console.error(`run.mjs: no Chromium at ${chromiumPath} (scripts/setup-deps installs ` +
                  'Debian\'s chromium)');
    process.exit(1);
  }
  mkdirSync(settings.artifacts, { recursive: true });
  for (const stale of readdirSync(settings.artifacts).filter((f) => f.startsWith('failed-'))) {
    rmSync(join(settings.artifacts, stale));
  }
  const { chromium } = await loadPlaywright();
  const began = Date.now();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  let passed = 0;
  let failed = 0;
  try {
    for (const spec of specs) {
      const first = registered.length;
      await import(pathToFileURL(spec).href);
      for (const entry of registered.slice(first)) {
        if (grep && !entry.name.includes(grep)) continue;
        if (await runTest(browser, spec, entry)) ++passed;
        else ++failed;
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`browser tests took ${((Date.now() - began) / 1000).toFixed(1)} s; screenshots in ` +
              settings.artifacts);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
