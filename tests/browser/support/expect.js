// Waiting assertions on the portal's data-testid contract. Every wait is bounded and uses the
// browser's own polling (waitForFunction / locator.waitFor); no fixed sleeps decide anything.
import assert from 'node:assert/strict';

export const sel = (testId) => `[data-testid="${testId}"]`;

/** Visible text of a data-testid element (value for form controls), or null when absent/hidden. */
function readInPage([selector]) {
  const el = document.querySelector(selector);
  if (!el || !el.checkVisibility()) return null;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value;
  if (el instanceof HTMLSelectElement) return el.selectedOptions[0]?.textContent ?? '';
  return el.innerText ?? el.textContent ?? '';
}

async function current(scope, testId) {
  try { return await scope.evaluate(readInPage, [sel(testId)]); } catch (e) { return `(unreadable: ${e.message})`; }
}

/** Waits until the element is visible and its text matches. Resolves the text. */
export async function expectText(scope, testId, pattern, { timeout = 15_000, what } = {}) {
  const re = pattern instanceof RegExp ? pattern : new RegExp(escapeRegExp(String(pattern)));
  try {
    const handle = await scope.waitForFunction(([selector, source, flags]) => {
      const el = document.querySelector(selector);
      if (!el || !el.checkVisibility()) return false;
      const text = (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) ? el.value
        : el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.textContent ?? '') : (el.innerText ?? el.textContent ?? '');
      return new RegExp(source, flags).test(text) ? text : false;
    }, [sel(testId), re.source, re.flags], { timeout, polling: 100 });
    return await handle.jsonValue();
  } catch (error) {
    if (!/Timeout/i.test(error.message)) throw error;
    const last = await current(scope, testId);
    throw new assert.AssertionError({
      message: `${what ? `${what}: ` : ''}data-testid="${testId}" should show ${re} within ${timeout / 1000} s; `
        + (last === null ? 'it is absent or hidden' : `it shows ${JSON.stringify(last)}`),
    });
  }
}

/**
 * In the page: a control's value as compared (datetime-local without zero seconds: "…T22:00:00"
 * is "…T22:00"); with report false, whether it equals `want`.
 */
function controlValue([selector, want, report]) {
  const el = document.querySelector(selector);
  const value = !el || !('value' in el) ? null
    : el.type === 'datetime-local' ? el.value.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}):00(\.0+)?$/, '$1') : el.value;
  return report ? value : value === want;
}

/** Waits until a form control's value equals the expected value. */
export async function expectValue(scope, testId, expected, { timeout = 15_000 } = {}) {
  try {
    await scope.waitForFunction(controlValue, [sel(testId), expected, false], { timeout, polling: 100 });
  } catch (error) {
    if (!/Timeout/i.test(error.message)) throw error;
    const actual = await scope.evaluate(controlValue, [sel(testId), expected, true]).catch((e) => `(unreadable: ${e.message.split('\n')[0]})`);
    throw new assert.AssertionError({
      message: `data-testid="${testId}" should hold ${JSON.stringify(expected)} within ${timeout / 1000} s; it holds ${JSON.stringify(actual)}`,
      actual, expected, operator: 'strictEqual',
    });
  }
}

export async function expectVisible(scope, testId, { timeout = 15_000, what } = {}) {
  try {
    await scope.locator(sel(testId)).first().waitFor({ state: 'visible', timeout });
  } catch (error) {
    if (!/Timeout/i.test(error.message)) throw error;
    const count = await scope.locator(sel(testId)).count();
    throw new assert.AssertionError({
      message: `${what ? `${what}: ` : ''}data-testid="${testId}" should be visible within ${timeout / 1000} s; `
        + (count === 0 ? 'no such element' : 'it exists but is hidden'),
    });
  }
}

export async function expectHidden(scope, testId, { timeout = 15_000, what } = {}) {
  try {
    await scope.locator(sel(testId)).first().waitFor({ state: 'hidden', timeout });
  } catch (error) {
    if (!/Timeout/i.test(error.message)) throw error;
    throw new assert.AssertionError({ message: `${what ? `${what}: ` : ''}data-testid="${testId}" should not be shown (still visible after ${timeout / 1000} s)` });
  }
}

/** The first integer the element shows, once it shows one. */
export async function readCount(scope, testId, { timeout = 15_000 } = {}) {
  const text = await expectText(scope, testId, /\d+/, { timeout });
  return Number(text.match(/\d+/)[0]);
}

/** Waits for the element to show exactly `expected` as its first integer. */
export async function expectCount(scope, testId, expected, { timeout = 15_000 } = {}) {
  return expectText(scope, testId, new RegExp(`^\\D*${expected}(\\D|$)`), { timeout, what: `count ${testId}` });
}

/** Sets a control's value like a person: picks an option of a <select>, else types (replacing). */
export async function setField(scope, testId, value) {
  const locator = scope.locator(sel(testId));
  await locator.waitFor({ state: 'visible' });
  const tag = await locator.evaluate((el) => el.tagName);
  if (tag === 'SELECT') {
    const options = await locator.evaluate((el) => [...el.options].map((o) => ({ value: o.value, label: o.textContent.trim() })));
    const match = options.find((o) => o.value === value) ?? options.find((o) => o.label === value)
      ?? options.find((o) => o.value.toLowerCase() === String(value).toLowerCase() || o.label.toLowerCase() === String(value).toLowerCase());
    assert.ok(match, `data-testid="${testId}" has no option ${JSON.stringify(value)} (options: ${JSON.stringify(options.slice(0, 40))})`);
    await locator.selectOption(match.value);
  } else {
    await locator.fill(value);
  }
}

/** Bounded polling of something outside the page (the API), e.g. the server's state. */
export async function eventually(read, done, { timeout = 15_000, interval = 200, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let value;
  while (true) {
    value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new assert.AssertionError({ message: `timed out after ${timeout / 1000} s waiting for ${what}; last: ${JSON.stringify(value)?.slice(0, 2000)}` });
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

export function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
