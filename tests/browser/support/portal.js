// A person's moves on the portal's change form, in terms of the data-testid contract.
import assert from 'node:assert/strict';
import { expectText, expectValue, expectVisible, sel, setField } from './expect.js';

/** Form field test ids and the change JSON fields they edit. */
export const textFields = [
  ['field-title', 'title', 'changeTitle'],
  ['field-snow', 'snow', 'snowTicket'],
  ['field-jira', 'jira', 'jiraTicket'],
  ['field-reason', 'reason', 'changeReason'],
  ['field-implementation-plan', 'implementationPlan', 'implementationPlan'],
  ['field-test-plan', 'testPlan', 'testPlan'],
  ['field-customer-impact', 'customerImpact', 'customerImpact'],
  ['field-rollback-plan', 'rollbackPlan', 'rollbackPlan'],
];

/**
 * A complete change as a person types it. The schedule is wall-clock time in New York
 * (daylight saving time from 10 March 2030: UTC-4); the browser runs in Asia/Tokyo.
 */
export function sampleChange(token) {
  return {
    title: `Rotate TLS certificates on shared ingress ${token}`,
    snow: 'CHG0031337',
    jira: 'OPS-4411',
    reason: 'Certificates expire on 2030-04-01.',
    implementationPlan: '1. Import new certificates.\n2. Switch listeners.\n3. Verify handshakes.',
    testPlan: 'Synthetic checks against every listener.',
    customerImpact: 'None expected; a few seconds of reconnects possible.',
    rollbackPlan: 'Switch listeners back to the previous certificates.',
    start: '2030-03-12T22:00',
    end: '2030-03-12T23:30',
    timezone: 'America/New_York',
    startInstant: '2030-03-13T02:00:00Z',
    endInstant: '2030-03-13T03:30:00Z',
    customers: ['acme', 'globex', 'initech'],
  };
}

/** The same change as the API takes it (for seeding a test that is about something else). */
export function sampleChangeJson(token, customers = ['acme']) {
  const c = sampleChange(token);
  return {
    changeTitle: c.title, customers, snowTicket: c.snow, jiraTicket: c.jira, changeReason: c.reason,
    implementationPlan: c.implementationPlan, testPlan: c.testPlan, customerImpact: c.customerImpact,
    rollbackPlan: c.rollbackPlan, implementationStart: '2030-03-12T22:00:00-04:00',
    implementationEnd: '2030-03-12T23:30:00-04:00', timezone: c.timezone,
  };
}

/** Ticks the customers one by one through the filter box, then clears the filter. */
export async function pickCustomers(page, codes, { others = ['umbrella'] } = {}) {
  for (const code of codes) {
    await setField(page, 'customer-filter', code);
    await expectVisible(page, `customer-${code}`, { what: `filter "${code}"` });
    for (const other of others) {
      assert.equal(await page.locator(sel(`customer-${other}`)).isVisible(), false,
        `the filter "${code}" should hide customer-${other}`);
    }
    await page.locator(sel(`customer-${code}`)).check();
  }
  await setField(page, 'customer-filter', '');
  for (const other of others) await expectVisible(page, `customer-${other}`, { what: 'cleared filter' });
}

export async function fillChangeForm(page, change) {
  await expectVisible(page, 'field-title');
  for (const [testId, key] of textFields) await setField(page, testId, change[key]);
  // Wall-clock times first, then the zone they are in (the zone must not shift what was typed).
  await page.locator(sel('field-start')).fill(change.start);
  await page.locator(sel('field-end')).fill(change.end);
  await setField(page, 'field-timezone', change.timezone);
  await pickCustomers(page, change.customers);
}

/** Every field holds what was typed and exactly the chosen customers are ticked. */
export async function expectChangeForm(page, change, { allCustomers = ['acme', 'globex', 'initech', 'umbrella'] } = {}) {
  for (const [testId, key] of textFields) await expectValue(page, testId, change[key]);
  await expectValue(page, 'field-timezone', change.timezone);
  await expectValue(page, 'field-start', change.start);
  await expectValue(page, 'field-end', change.end);
  for (const code of allCustomers) {
    const box = page.locator(sel(`customer-${code}`));
    await box.waitFor({ state: 'attached' });
    assert.equal(await box.isChecked(), change.customers.includes(code), `customer-${code} checked`);
  }
}

/** The change id in the page's URL (?id=CHG-…), or null. */
export function idInUrl(page) {
  return new URL(page.url()).searchParams.get('id');
}

/** "v3", "Version 3", "3" — a number standing alone. */
export const showsNumber = (n) => new RegExp(`(^|\\D)${n}(\\D|$)`);

/** Clicks save-draft and waits for the server's answer to be shown: resolves the change id. */
export async function saveDraft(page) {
  await page.locator(sel('save-draft')).click();
  await expectText(page, 'form-status', /saved/i, { what: 'after save-draft' });
  await page.waitForURL(/[?&]id=CHG-/, { timeout: 15_000 });
  return idInUrl(page);
}

/** Picks version n in a version chooser (<select> by value or label, or a number input). */
export async function chooseVersion(page, testId, n) {
  const locator = page.locator(sel(testId));
  await locator.waitFor({ state: 'visible' });
  if (await locator.evaluate((el) => el.tagName) !== 'SELECT') { await locator.fill(String(n)); return; }
  const want = showsNumber(n);
  const options = await locator.evaluate((el) => [...el.options].map((o) => ({ value: o.value, label: o.textContent.trim() })));
  const match = options.find((o) => o.value === String(n)) ?? options.find((o) => want.test(o.value))
    ?? options.find((o) => new RegExp(`^\\D*${n}(\\D|$)`).test(o.label));
  assert.ok(match, `${testId} offers no version ${n}: ${JSON.stringify(options)}`);
  await locator.selectOption(match.value);
}

/** Text of an element with the text of the documents it frames (a rendered email is often an iframe). */
export async function renderedText(page, testId) {
  const locator = page.locator(sel(testId)).first();
  await locator.waitFor({ state: 'visible' });
  const isFrame = await locator.evaluate((el) => el.tagName === 'IFRAME');
  const frames = isFrame ? [locator] : await locator.locator('iframe').all();
  const parts = isFrame ? [] : [await locator.innerText()];
  for (const f of frames) {
    const frame = await (await f.elementHandle()).contentFrame();
    await frame.waitForLoadState();
    parts.push(await frame.locator('body').innerText());
  }
  return parts.join('\n');
}
