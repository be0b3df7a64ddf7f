// Issue 19: customers whose SES account is not ready. In local mode umbrella is seeded in the SES sandbox
// with its DKIM failed: the dashboard lists it with the failing check and its fix (on a phone too), the
// change form marks it in the customer picker, and choosing it makes the save check warn that its notices
// would not be delivered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { viewports, withPage } from './support/browser.js';
import { eventually, expectText, sel } from './support/expect.js';
import { useServerAndBrowser } from './support/fixture.js';
import { sampleChangeJson } from './support/portal.js';

const env = useServerAndBrowser('readiness');

/** The dashboard names umbrella, and only customers not ready, with its check and fix as text. */
async function dashboardListsUmbrella(page) {
  await page.goto('/index.html');
  await expectText(page, 'not-ready-reason-umbrella', /^ProductionAccess: in the SES sandbox/);
  await expectText(page, 'not-ready-fix-umbrella', /^Fix: Run Initialize-SesAccount -Customer umbrella -RequestProductionAccess/);
  const listed = await page.locator(`${sel('not-ready')} > li`).evaluateAll((items) => items.map((li) => li.dataset.customer));
  assert.deepEqual(listed, ['umbrella'], 'only umbrella is not ready; acme, globex and initech are');
}

describe('customers not ready', () => {
  it('the dashboard lists umbrella as not ready with its failing check and fix', { timeout: 90_000 }, async () => {
    await withPage(env, 'readiness-dashboard', async (page, s) => {
      await s('dashboard', () => dashboardListsUmbrella(page));
    }, { viewport: viewports.desktop });
  });

  it('on a phone the reason and the fix fit the screen', { timeout: 90_000 }, async () => {
    await withPage(env, 'readiness-phone', async (page, s) => {
      await s('dashboard', async () => {
        await dashboardListsUmbrella(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
        const box = await page.locator(sel('not-ready-fix-umbrella')).boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= viewports.phone.width, `the fix lies within the screen: ${JSON.stringify(box)}`);
      });
    }, { viewport: viewports.phone });
  });

  it('the change form marks umbrella, and a change for it warns that its notices would not be delivered', { timeout: 90_000 }, async () => {
    const created = await env.server.api('POST', '/api/changes', sampleChangeJson(`Readiness${Date.now().toString(36)}`, ['acme']));
    assert.equal(created.status, 201, created.text);
    await withPage(env, 'readiness-form', async (page, s) => {
      await s('picker', async () => {
        await page.goto(`/change.html?id=${encodeURIComponent(created.body.changeId)}`);
        await expectText(page, 'readiness-umbrella', /^not ready$/);
        await expectText(page, 'readiness-reason-umbrella', /^ProductionAccess: in the SES sandbox/);
        assert.equal(await page.locator(sel('readiness-acme')).count(), 0, 'acme is ready: no mark');
        const name = await page.locator(sel('customer-umbrella')).evaluate((box) => box.labels[0].textContent);
        assert.match(name, /not ready.*ProductionAccess/s, 'the checkbox\'s label says why');
      });
      await s('warning', async () => {
        await page.locator(sel('customer-umbrella')).check();
        await expectText(page, 'form-warnings', /Notices to umbrella would not be delivered: ProductionAccess/);
        await page.locator(sel('customer-umbrella')).uncheck();
        await eventually(() => page.locator(sel('form-warnings')).innerText(), (text) => !/umbrella/.test(text),
          { what: 'the warning gone once umbrella is unticked' });
      });
    }, { viewport: viewports.desktop });
  });
});
