// The pages for people (API.md §5) in a real browser: Debian's headless Chromium driven by playwright-core.
// run.sh starts the services, creates the owner and passes everything in AUDITRAIL_BROWSER_* variables; this file
// posts the scenario events through the ingest API, then signs in and walks the pages as a person would.
// Every step leaves a screenshot (NN-step.png) in AUDITRAIL_BROWSER_ARTIFACTS, passed or failed.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

function setting(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run tests/browser/run.sh (CTest "browser: pages")`);
  return value;
}
const ingestUrl = setting('AUDITRAIL_BROWSER_INGEST_URL');
const queryUrl = setting('AUDITRAIL_BROWSER_QUERY_URL');
const token = setting('AUDITRAIL_BROWSER_TOKEN');
const email = setting('AUDITRAIL_BROWSER_EMAIL');
const password = setting('AUDITRAIL_BROWSER_PASSWORD');
const artifacts = setting('AUDITRAIL_BROWSER_ARTIFACTS');
const chromiumPath = process.env.AUDITRAIL_CHROMIUM || '/usr/bin/chromium';
const require = createRequire(path.join(setting('AUDITRAIL_BROWSER_MODULES'), 'noop.js'));
const { chromium } = require('playwright-core');

// What works on this machine: no sandbox (root), no GPU, and nothing that calls out to Google's services.
const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const AT_RISK = 7001; // an overdue invoice, an open urgent ticket, no login for 20 days
const HEALTHY = 7002; // logs in most days, pays on time, uses five features; enough events for a second page
const WATCH = 7003; // middling

const DAY = 24 * 3600 * 1000;
const now = Date.now();
const ago = (days, hours = 0) => new Date(now - days * DAY - hours * 3600 * 1000).toISOString();

function scenario() {
  const events = [];
  const add = (customer, action, occurredAt, extra = {}) =>
    events.push({ action, customer_id: customer, occurred_at: occurredAt, actor: { id: `c${customer}`, type: 'customer' }, ...extra });
  // At risk.
  add(AT_RISK, 'customer.login', ago(20));
  add(AT_RISK, 'invoice.issued', ago(40), {
    message: 'October invoice',
    data: { invoice_id: 'INV-7001-1', amount: 1200.5, currency: 'EUR', due_at: ago(10) },
  });
  add(AT_RISK, 'ticket.opened', ago(3), {
    message: 'Exports fail since Monday',
    data: { ticket_id: 'T-7001-1', priority: 'urgent', created_at: ago(3) },
  });
  // Healthy: 15 active days, an invoice paid on time, five features, many API calls (for a second page of events).
  for (let day = 1; day <= 15; ++day) add(HEALTHY, 'customer.login', ago(day, 2));
  add(HEALTHY, 'invoice.issued', ago(45), { data: { invoice_id: 'INV-7002-1', amount: 300, currency: 'USD', due_at: ago(15) } });
  add(HEALTHY, 'invoice.paid', ago(20), { data: { invoice_id: 'INV-7002-1', paid_at: ago(20), amount: 300 } });
  for (const feature of ['reports', 'exports', 'alerts', 'search', 'sso']) {
    add(HEALTHY, 'feature.used', ago(5), { data: { feature, count: 3 } });
  }
  for (let i = 0; i < 120; ++i) add(HEALTHY, 'api.call', ago(28 - i / 5), { data: { endpoint: '/v1/orders', count: 2 } });
  // Watch.
  for (let day = 1; day <= 4; ++day) add(WATCH, 'customer.login', ago(day * 3));
  add(WATCH, 'feature.used', ago(2), { data: { feature: 'reports' } });
  add(WATCH, 'ticket.opened', ago(6), { data: { ticket_id: 'T-7003-1', priority: 'normal' } });
  return events;
}

async function api(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

let context;
let page;
let userDataDir;
let shots = 0;
const consoleErrors = [];

async function screenshot(name, target = page) {
  const file = path.join(artifacts, `${String(++shots).padStart(2, '0')}-${name}.png`);
  try {
    await target.screenshot({ path: file, fullPage: true });
    console.log(`screenshot: ${file}`);
  } catch (error) {
    console.log(`screenshot ${file} failed: ${error.message}`);
  }
}

/** A step of the walk: a subtest that always leaves a screenshot of where the browser ended up. */
function step(name, slug, body) {
  test(name, async () => {
    try {
      await body();
    } finally {
      await screenshot(slug);
    }
  });
}

/** Fills a form field whatever control the page chose for it (select, date-time input or text). */
async function setField(form, name, value) {
  const field = form.locator(`[name="${name}"]`).first();
  assert.equal(await field.count(), 1, `the form has a field named ${name}`);
  const tag = await field.evaluate((element) => element.tagName.toLowerCase());
  if (tag === 'select') {
    await field.selectOption(value);
    return;
  }
  const type = (await field.getAttribute('type')) || 'text';
  if (type === 'datetime-local') value = value.slice(0, 16);
  else if (type === 'date') value = value.slice(0, 10);
  await field.fill(value);
}

async function flash(kind) {
  const selector = kind === 'error' ? 'p.flash.flash-error[role=alert]' : 'p.flash.flash-success[role=status]';
  const locator = page.locator(selector);
  await locator.first().waitFor({ state: 'visible', timeout: 10_000 });
  return (await locator.allTextContents()).join(' | ');
}

async function signIn(withPassword) {
  await page.goto(`${queryUrl}/login`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(withPassword);
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Sign in' }).click()]);
}

before(async () => {
  const answer = await api('POST', `${ingestUrl}/v1/events`, { events: scenario() });
  assert.equal(answer.status, 201, `the scenario events are accepted: ${JSON.stringify(answer.body)}`);

  userDataDir = mkdtempSync(path.join(tmpdir(), 'auditrail-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 900 },
    timeout: 60_000,
  });
  context.setDefaultTimeout(10_000);
  page = context.pages()[0] ?? (await context.newPage());
  // Script errors and refusals (a Content-Security-Policy violation, say). A page's own error status (401 for a
  // wrong password) is logged as "Failed to load resource" too: sub-resources are checked by their responses instead.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      consoleErrors.push(`${page.url()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  page.on('response', (response) => {
    const request = response.request();
    if (request.resourceType() !== 'document' && !request.url().endsWith('/favicon.ico') && response.status() >= 400) {
      consoleErrors.push(`${page.url()}: ${request.url()} answered ${response.status()}`);
    }
  });
  page.on('requestfailed', (request) => {
    if (request.resourceType() !== 'document' && !request.url().endsWith('/favicon.ico')) consoleErrors.push(`${page.url()}: ${request.url()} failed`);
  });
});

after(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

step('the sign-in page refuses a wrong password and says so', 'login-refused', async () => {
  await signIn(`${password}-wrong`);
  assert.match(new URL(page.url()).pathname, /^\/login/);
  const text = await flash('error');
  assert.match(text, /not correct/i);
  assert.equal(await page.locator('#email').inputValue(), email, 'the email is kept');
});

step('signing in leads to the dashboard', 'dashboard', async () => {
  await signIn(password);
  assert.equal(new URL(page.url()).pathname, '/dashboard');
  await assert.doesNotReject(page.locator('h1', { hasText: 'Dashboard' }).waitFor(), 'an h1 "Dashboard"');
  for (const id of ['at-risk', 'latest-events', 'totals']) {
    assert.equal(await page.locator(`section#${id}`).count(), 1, `section#${id}`);
  }
});

step('the dashboard lists the at-risk customer with its signals, and not the healthy one', 'dashboard-at-risk', async () => {
  const row = page.locator(`section#at-risk tr[data-customer-id="${AT_RISK}"]`);
  await row.waitFor();
  const text = await row.innerText();
  const codes = await row.locator('[data-code]').evaluateAll((nodes) => nodes.map((node) => node.dataset.code));
  assert.ok(codes.includes('invoice_overdue') || /overdue/i.test(text), `the overdue invoice is shown: ${text}`);
  assert.ok(codes.includes('urgent_ticket_open') || /urgent/i.test(text), `the urgent ticket is shown: ${text}`);
  assert.equal(await row.locator(`a[href="/customers/${AT_RISK}"]`).count() > 0, true, 'the row links to the customer');
  assert.equal(await page.locator(`section#at-risk tr[data-customer-id="${HEALTHY}"]`).count(), 0);
  assert.match(await page.locator('section#latest-events').innerText(), /ticket\.opened|invoice\.issued|api\.call/);
});

step("the customer's page shows score, band, components, signals and the chart", 'customer', async () => {
  await Promise.all([
    page.waitForURL(`**/customers/${AT_RISK}`),
    page.locator(`section#at-risk tr[data-customer-id="${AT_RISK}"] a[href="/customers/${AT_RISK}"]`).first().click(),
  ]);
  await page.locator('h1', { hasText: `Customer ${AT_RISK}` }).waitFor();
  const health = await api('GET', `${queryUrl}/v1/customers/${AT_RISK}/health`);
  assert.equal(health.status, 200);
  assert.equal((await page.locator('span#score').innerText()).trim(), String(health.body.score), 'the score the API gives');
  assert.equal(health.body.band, 'at_risk');
  assert.match((await page.locator('span#band').getAttribute('class')) ?? '', /\bband-at_risk\b/);
  const components = await page.locator('section#components').innerText();
  for (const name of ['engagement', 'billing', 'support', 'adoption']) assert.match(components, new RegExp(name, 'i'));
  for (const code of ['invoice_overdue', 'urgent_ticket_open', 'no_recent_login']) {
    assert.equal(await page.locator(`ul#signals li[data-code="${code}"]`).count(), 1, `signal ${code}`);
  }
  const chart = page.locator('svg#score-chart');
  await chart.waitFor();
  const box = await chart.boundingBox();
  assert.ok(box && box.width > 100 && box.height > 40, `the chart has a size: ${JSON.stringify(box)}`);
  assert.match(await page.locator('section#events').innerText(), /ticket\.opened/);
});

step("a customer with many events pages back through them", 'customer-older-events', async () => {
  await page.goto(`${queryUrl}/customers/${HEALTHY}`);
  assert.match((await page.locator('span#band').getAttribute('class')) ?? '', /\bband-healthy\b/);
  const next = page.locator('section#events a[rel=next]');
  await next.waitFor();
  const eventIds = () => page.locator('section#events tr[data-event-id]')
    .evaluateAll((rows) => rows.map((row) => row.dataset.eventId));
  const newer = await eventIds();
  assert.ok(newer.length > 0, 'the first page lists events');
  await Promise.all([page.waitForLoadState('load'), next.first().click()]);
  await page.locator('section#events').waitFor();
  const older = await eventIds();
  assert.ok(older.length > 0, 'the older page lists events');
  assert.deepEqual(older.filter((id) => newer.includes(id)), [], 'the older page shows other events');
});

step('the event form refuses an invoice without due_at and says why', 'event-form-error', async () => {
  await page.goto(`${queryUrl}/customers/${AT_RISK}`);
  await Promise.all([
    page.waitForURL(`**/customers/${AT_RISK}/events/new`),
    page.locator(`a[href="/customers/${AT_RISK}/events/new"]`).first().click(),
  ]);
  const form = page.locator('form#event-form');
  await form.waitFor();
  await setField(form, 'action', 'invoice.issued');
  await setField(form, 'invoice_id', 'INV-7001-FORM');
  await setField(form, 'amount', '99.90');
  await setField(form, 'currency', 'EUR');
  await setField(form, 'message', 'entered in the browser test');
  await Promise.all([page.waitForLoadState('load'), form.getByRole('button', { name: 'Record event' }).click()]);
  const text = await flash('error');
  assert.match(text, /due_at/);
  assert.equal(await page.locator('p.flash.flash-success').count(), 0);
});

step('the event form records a good invoice and says so', 'event-form-success', async () => {
  const form = page.locator('form#event-form');
  if ((await form.count()) === 0) await page.goto(`${queryUrl}/customers/${AT_RISK}/events/new`);
  await setField(form, 'action', 'invoice.issued');
  await setField(form, 'invoice_id', 'INV-7001-FORM');
  await setField(form, 'amount', '99.90');
  await setField(form, 'currency', 'EUR');
  await setField(form, 'message', 'entered in the browser test');
  const dueAt = new Date(now + 14 * DAY).toISOString();
  await setField(form, 'due_at', dueAt);
  await Promise.all([page.waitForLoadState('load'), form.getByRole('button', { name: 'Record event' }).click()]);
  await flash('success');
  assert.equal(await page.locator('p.flash.flash-error').count(), 0);
  const customer = await api('GET', `${queryUrl}/v1/customers/${AT_RISK}`);
  assert.equal(customer.status, 200);
  const stored = customer.body.events.find((event) => event.data?.invoice_id === 'INV-7001-FORM');
  assert.ok(stored, 'the invoice is stored');
  assert.equal(stored.action, 'invoice.issued');
  assert.equal(stored.data.currency, 'EUR');
  assert.equal(stored.data.amount, 99.9);
  assert.equal(stored.data.due_at.slice(0, 16), dueAt.slice(0, 16), 'due_at as entered (UTC, to the minute)');
  assert.equal(stored.message, 'entered in the browser test');
});

step('the users page lists the owner and creates a user', 'users', async () => {
  await page.goto(`${queryUrl}/users`);
  await page.locator('h1', { hasText: 'Users' }).waitFor();
  assert.match(await page.locator('table#users').innerText(), new RegExp(email.replace(/[.]/g, '\\.')));
  const form = page.locator('form#new-user');
  const analyst = email.replace('owner-', 'analyst-');
  await setField(form, 'email', analyst);
  await setField(form, 'role', 'analyst');
  await setField(form, 'password', `${password}-analyst`);
  await Promise.all([page.waitForLoadState('load'), form.getByRole('button', { name: 'Create user' }).click()]);
  await flash('success');
  if (new URL(page.url()).pathname !== '/users') await page.goto(`${queryUrl}/users`);
  assert.match(await page.locator('table#users').innerText(), new RegExp(analyst.replace(/[.]/g, '\\.')));
});

step('signing out ends the session', 'signed-out', async () => {
  await page.goto(`${queryUrl}/dashboard`);
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Sign out' }).click()]);
  assert.equal(await page.locator('h1', { hasText: 'Dashboard' }).count(), 0);
  const cookies = await context.cookies(queryUrl);
  assert.equal(cookies.find((cookie) => cookie.name === 'auditrail_session' && cookie.value), undefined, 'no session cookie');
  const response = await page.goto(`${queryUrl}/dashboard`);
  const onLogin = new URL(page.url()).pathname === '/login';
  assert.ok(onLogin || response.status() === 401 || response.status() === 403,
    `the dashboard is closed after signing out (${response.status()} at ${page.url()})`);
});

step('the dashboard on a phone-sized screen', 'dashboard-phone', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(password);
  await page.locator('h1', { hasText: 'Dashboard' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  console.log(`phone dashboard: ${overflow > 0 ? `${overflow}px wider than the screen` : 'fits the screen width'}`);
});

test('no script errors, refused resources or failed requests in the pages', () => {
  assert.deepEqual(consoleErrors, []);
});
