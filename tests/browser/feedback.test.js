// Issue 20: what SES said about each email, where people look. acme's demo contacts include the SES mailbox
// simulator's bounce@ and complaint@ addresses; local SES publishes the events SES would, and the worker records
// them. The change detail shows per customer delivered / bounced / complaint / pending with the failing recipients
// and SES's reasons (on a phone too), the search keeps changes with undelivered notices, and the dashboard lists
// acme among the customers at risk (minimum_sends is 1 here, so a handful of sends judge).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { viewports, withPage } from './support/browser.js';
import { eventually, expectText, sel } from './support/expect.js';
import { sampleChangeJson } from './support/portal.js';
import { useServerAndBrowser } from './support/fixture.js';

const env = useServerAndBrowser('feedback', { configure: (config) => { config.reputation = { minimum_sends: 1 }; } });
const bounce = 'bounce@simulator.amazonses.com';
let id;
let quiet;

/** The detail page once SES's bounce and complaint for acme are recorded. */
async function outcomesShown(page) {
  await page.goto(`/detail.html?id=${encodeURIComponent(id)}`);
  const line = await expectText(page, 'outcomes-acme', /1 bounced · 1 complaint/, { timeout: 60_000 });
  assert.match(line, /^\d+ delivered · 1 bounced · 1 complaint/, 'delivered first, then the problems');
}

describe('delivery feedback', () => {
  before(async () => {
    const created = await env.server.api('POST', '/api/changes', sampleChangeJson(`Feedback ${Date.now().toString(36)}`, ['acme']));
    assert.equal(created.status, 201, created.text);
    id = created.body.changeId;
    assert.equal((await env.server.api('POST', `/api/changes/${id}/submit`)).status, 200);
    const other = await env.server.api('POST', '/api/changes', sampleChangeJson(`Quiet ${Date.now().toString(36)}`, ['globex']));
    quiet = other.body.changeId;
    assert.equal((await env.server.api('POST', `/api/changes/${quiet}/submit`)).status, 200);
  });

  it('the change detail counts what SES said and names the failing recipients with the reasons', { timeout: 120_000 }, async () => {
    await withPage(env, 'feedback-detail', async (page, s) => {
      await s('outcomes', () => outcomesShown(page));
      await s('problems', async () => {
        const problems = page.locator(sel('problems-acme'));
        await expectText(page, 'problems-acme', /^2 recipients not reached or complaining/);
        await problems.locator('summary').click();
        await expectText(page, `problem-acme-${bounce}`, /bounced: Permanent; General; .*550 5\.1\.1/);
        await expectText(page, 'problem-acme-complaint@simulator.amazonses.com', /complained: abuse/);
      });
    }, { viewport: viewports.desktop });
  });

  it('on a phone the failing recipients fit the screen', { timeout: 120_000 }, async () => {
    await withPage(env, 'feedback-phone', async (page, s) => {
      await s('phone', async () => {
        await outcomesShown(page);
        await page.locator(`${sel('problems-acme')} summary`).click();
        await expectText(page, `problem-acme-${bounce}`, /550/);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      });
    }, { viewport: viewports.phone });
  });

  it('the search keeps the changes with undelivered notices, and the address bar keeps the filter', { timeout: 120_000 }, async () => {
    await withPage(env, 'feedback-search', async (page, s) => {
      await s('filter', async () => {
        await page.goto('/search.html');
        await eventually(() => page.locator('#results').innerText(), (text) => text.includes(quiet), { what: 'the unfiltered results' });
        await eventually(async () => (await env.server.api('GET', '/api/changes?undelivered=true')).body.items.map((c) => c.changeId),
          (ids) => ids.includes(id), { timeout: 60_000, what: 'the bounce recorded' });
        await page.locator(sel('search-undelivered')).check();
        await eventually(() => page.locator('#results').innerText(), (text) => text.includes(id) && !text.includes(quiet),
          { what: 'only the change with a bounce listed' });
        assert.match(page.url(), /undelivered=true/);
      });
      await s('reload', async () => {
        await page.reload();
        assert.equal(await page.locator(sel('search-undelivered')).isChecked(), true);
      });
    }, { viewport: viewports.desktop });
  });

  it('the dashboard lists acme among the customers at risk, with the rate and a link to its undelivered changes', { timeout: 120_000 }, async () => {
    await withPage(env, 'feedback-dashboard', async (page, s) => {
      await s('at-risk', async () => {
        await eventually(async () => (await env.server.api('GET', '/api/reputation')).body.items.find((r) => r.customerCode === 'acme'),
          (acme) => acme.recent.bounced >= 1 && acme.recent.complained >= 1, { timeout: 60_000, what: 'acme\'s bounce and complaint counted' });
        await page.goto('/index.html');
        await expectText(page, 'at-risk-reason-acme', /The bounce rate over the last 7 days is \d+\.\d\d% \(1 of \d+ sends\)/);
        assert.equal(await page.locator(`${sel('at-risk-acme')} .badge`).innerText(), 'at risk');
        const listed = await page.locator(`${sel('at-risk')} > li`).evaluateAll((items) => items.map((li) => li.dataset.customer));
        assert.deepEqual(listed, ['acme'], 'globex, initech and umbrella sent without bounces');
      });
      await s('link', async () => {
        await page.locator(sel('at-risk-acme')).getByRole('link').click();
        await page.waitForURL(/search\.html\?customer=acme&undelivered=true/);
        assert.equal(await page.locator(sel('search-undelivered')).isChecked(), true);
      });
    }, { viewport: viewports.desktop });
  });
});
