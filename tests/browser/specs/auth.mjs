// Signing in: the first-run link makes the owner and lands signed in; signing out and in again
// with the fields "Email" and "Password" and the button "Sign in"; a deep link survives sign-in.
import assert from 'node:assert/strict';

import { apiFirstRun, checkA11y, screenshot, signIn, test } from '../lib.mjs';

test('first run creates an account and lands signed in', async ({ page, server }) => {
  await page.goto(server.firstRunUrl);
  await page.getByLabel('Workspace name').fill('Fieldnote Marketing');
  await page.getByLabel('Email', { exact: true }).fill('Owner@Example.com');
  await page.getByLabel('Password', { exact: true }).fill('owner password 1');
  await checkA11y(page);
  await screenshot(page, 'first-run');
  await page.getByRole('button', { name: /create account/i }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  const url = new URL(page.url());
  assert.equal(url.pathname, '/');
  assert.equal(url.hash, '', 'the token leaves the address bar');
  assert.match(await page.locator('header').innerText(), /owner@example\.com/i);
  assert.match(await page.locator('header').innerText(), /Fieldnote Marketing/);
  // A real session: the cookie is HttpOnly, the API answers it.
  assert.equal(await page.evaluate(() => document.cookie), '');
  const status = await page.evaluate(() => fetch('/api/v1/session').then((r) => r.status));
  assert.equal(status, 200);
  await checkA11y(page);
  await screenshot(page, 'runs-empty');
  // Spent: the link opens nothing any more.
  await page.goto(server.firstRunUrl);
  await page.getByText('Already set up').waitFor();
  const needed = await page.evaluate(() => fetch('/api/v1/first-run').then((r) => r.json()));
  assert.deepEqual(needed, { needed: false });
});

test('a wrong first-run code is refused next to the field', async ({ page, server }) => {
  page.allowConsole(/status of 403/);
  const wrong = server.firstRunUrl.replace(/#.*/, '#not-the-token');
  await page.goto(wrong);
  await page.getByLabel('Workspace name').fill('Fieldnote');
  await page.getByLabel('Email', { exact: true }).fill('owner@example.com');
  await page.getByLabel('Password', { exact: true }).fill('owner password 1');
  await page.getByRole('button', { name: /create account/i }).click();
  await page.getByText(/not the one the server printed/).waitFor();
  const needed = await page.evaluate(() => fetch('/api/v1/first-run').then((r) => r.json()));
  assert.deepEqual(needed, { needed: true });
});

test('sign out, then sign in with Email, Password and Sign in', async ({ page, server }) => {
  const owner = await apiFirstRun(server);
  await signIn(page, server, owner.email, owner.password);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  await checkA11y(page);
  await screenshot(page, 'sign-in');
  // Signed out for real: a reload of a page of the app asks again.
  await page.goto(`${server.origin}/`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  // A wrong password says so, and nothing else.
  page.allowConsole(/status of 401/);
  await page.getByLabel('Email', { exact: true }).fill(owner.email);
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: /do not match/ }).waitFor();
  await page.getByLabel('Password', { exact: true }).fill(owner.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
});

test('a deep link asks to sign in, then opens the page it named', async ({ page, server }) => {
  const owner = await apiFirstRun(server);
  await page.goto(`${server.origin}/calendar`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('next'), '/calendar');
  await page.getByLabel('Email', { exact: true }).fill(owner.email);
  await page.getByLabel('Password', { exact: true }).fill(owner.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/calendar');
});
