// Headless Debian chromium through playwright-core (never `npx playwright install`), pages that
// keep what the browser said (console errors, uncaught exceptions, failed API calls) for failure
// messages, and a screenshot of every page visited under out/screenshots/<test>-<step>.png.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { outDir } from './server.js';

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** The browser's own time zone: deliberately not the zone the changes are scheduled in. */
export const browserTimeZone = 'Asia/Tokyo';

export function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, timeout: 60_000 });
}

/** The widths the portal is checked at: a desktop and a phone. */
export const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

/** A fresh context (its own storage: one person, one browser profile); viewport default 1280×900. */
export async function newPage(browser, server, { viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'en-US',
    timezoneId: browserTimeZone,
    viewport,
    hasTouch: viewport.width < 600,
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  const log = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') log.push(`console.${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => log.push(`uncaught: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) log.push(`${r.request().method()} ${r.url()} -> ${r.status()}`); });
  page.on('requestfailed', (r) => log.push(`${r.method()} ${r.url()} failed: ${r.failure()?.errorText}`));
  // Confirmation dialogs (approve, cancel, delete) are accepted, as the person would; recorded.
  page.on('dialog', (d) => { log.push(`dialog ${d.type()}: ${d.message()}`); d.accept().catch(() => {}); });
  page.browserLog = log;
  return page;
}

/** Runs body(page, s) on a fresh page (s(name, fn): a step with its screenshot), then closes the page's context. */
export async function withPage(env, test, body, options) {
  const page = await newPage(env.browser, env.server, options);
  try {
    await body(page, (name, fn) => step(page, env.server, test, name, fn));
  } finally {
    await page.context().close();
  }
}

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Full-page screenshot: out/screenshots/<test>-<step>.png. Never fails the test by itself. */
export async function shot(page, test, step) {
  const dir = path.join(outDir, 'screenshots');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${slug(test)}-${slug(step)}.png`);
  try { await page.screenshot({ path: file, fullPage: true, timeout: 10_000 }); } catch { /* a closed page has nothing to show */ }
  return file;
}

/** What the page and server said, for a failure message. */
export function diagnostics(page, server) {
  const lines = [`page: ${page.url()}`];
  if (page.browserLog?.length) lines.push('browser:', ...page.browserLog.slice(-30).map((l) => `  ${l}`));
  if (server) lines.push('server (last lines):', ...server.output().split('\n').slice(-25).map((l) => `  ${l}`));
  return lines.join('\n');
}

/**
 * Runs one step of a test: a screenshot afterwards (named <test>-<step>), and on failure a
 * screenshot of the failing page and the browser's and server's last words in the error.
 */
export async function step(page, server, test, name, body) {
  try {
    const result = await body();
    await shot(page, test, name);
    return result;
  } catch (error) {
    await shot(page, test, `${name}-failed`);
    error.message = `[${test} / ${name}] ${error.message}\n${diagnostics(page, server)}`;
    throw error;
  }
}
