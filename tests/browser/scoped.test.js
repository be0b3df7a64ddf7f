// A customer-scoped person in the portal (issues 22, 23), against the server in AWS mode with real session tokens: the
// freeze page and the calendar show acme's person only the global freezes and acme's, and only acme's changes — also
// when the address asks for another customer; acme's subscriptions person manages acme's subscriptions and is told
// another customer's page is not found.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, withPage } from './support/browser.js';
import { expectText, expectVisible, sel } from './support/expect.js';
import { sampleChangeJson } from './support/portal.js';
import { sessionToken, signIn, startAwsServer } from './support/aws-server.js';

const env = { server: null, browser: null };
const admin = sessionToken('ada', ['admin']);
const acmeViewer = sessionToken('amy', ['viewer'], ['acme']);
const acmeSubscriptions = sessionToken('sam', ['subscriptions'], ['acme']);
const seeded = {};

async function seed(method, path, body) {
  const answer = await env.server.api(method, path, body, admin);
  assert.ok(answer.status < 300, `${method} ${path}: ${answer.status} ${answer.text}`);
  return answer.body;
}

const change = (title, customers, day) => seed('POST', '/api/changes', {
  ...sampleChangeJson(title, customers), changeTitle: title, timezone: 'UTC',
  implementationStart: `2031-03-${day}T10:00:00Z`, implementationEnd: `2031-03-${day}T12:00:00Z`,
});
const freeze = (name, customers, day) => seed('POST', '/api/freezes', {
  name, reason: `${name} reason`, customers, timezone: 'UTC', startDate: `2031-03-${day}`, endDate: `2031-03-${day}`,
});

describe('a customer-scoped person', () => {
  before(async () => {
    env.server = await startAwsServer('scoped');
    env.browser = await launchBrowser();
    seeded.acme = (await change('Acme firewall rules', ['acme'], '10')).changeId;
    seeded.shared = (await change('Shared DNS move', ['acme', 'globex'], '11')).changeId;
    seeded.globex = (await change('Globex database upgrade', ['globex'], '12')).changeId;
    seeded.global = (await freeze('Everyone freeze', [], '20')).freezeId;
    seeded.acmeFreeze = (await freeze('Acme freeze', ['acme'], '21')).freezeId;
    seeded.globexFreeze = (await freeze('Globex freeze', ['globex'], '22')).freezeId;
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });

  it('sees the global and its own customers\' freezes only, without edit controls', { timeout: 60_000 }, async () => {
    await withPage(env, 'scoped-freezes', async (page, s) => {
      await s('freezes', async () => {
        await signIn(page, env.server, acmeViewer);
        await page.goto('/freezes.html');
        await page.locator(`${sel('freeze-row')}[data-freeze-id="${seeded.acmeFreeze}"]`).waitFor();
        const names = await page.locator(sel('freeze-name')).allInnerTexts();
        assert.deepEqual(names.sort(), ['Acme freeze', 'Everyone freeze']);
        assert.doesNotMatch(await page.locator(sel('freeze-table')).innerText(), /globex/i);
        assert.equal(await page.locator(sel('freeze-edit')).count(), 0);
      });
    });
  });

  it('never sees another customer\'s change on the calendar, even asking for that customer', { timeout: 60_000 }, async () => {
    await withPage(env, 'scoped-calendar', async (page, s) => {
      await s('calendar', async () => {
        await signIn(page, env.server, acmeViewer);
        await page.goto('/calendar.html?date=2031-03-10');
        await page.locator(sel(`cal-item-${seeded.acme}`)).waitFor();
        await page.locator(sel(`cal-item-${seeded.shared}`)).waitFor();
        const grid = await page.locator(sel('cal-grid')).innerText();
        assert.doesNotMatch(grid, /Globex database upgrade|globex/i);
        assert.match(grid, /Freeze: Everyone freeze/);
        assert.match(grid, /Freeze: Acme freeze/);
        assert.doesNotMatch(grid, /Globex freeze/);
      });
      await s('other-customer', async () => {
        // The filter offers only acme; a linked globex filter falls back to the person's own customers.
        await page.goto('/calendar.html?date=2031-03-10&customer=globex');
        await page.locator(sel(`cal-item-${seeded.acme}`)).waitFor();
        assert.equal(await page.locator(sel(`cal-item-${seeded.globex}`)).count(), 0);
        assert.deepEqual(await page.locator(`${sel('cal-customer')} option`).evaluateAll((o) => o.map((x) => x.value)), ['', 'acme']);
        const asked = await page.evaluate(() => fetch('/api/calendar?from=2031-03-01T00:00:00Z&to=2031-04-01T00:00:00Z&customer=globex').then((r) => r.status));
        assert.equal(asked, 403, 'the API refuses another customer\'s calendar');
      });
    });
  });

  it('with the subscriptions role manages its own customer\'s subscriptions only: another customer\'s page is not found', { timeout: 60_000 }, async () => {
    await withPage(env, 'scoped-subscriptions', async (page, s) => {
      await s('own', async () => {
        await signIn(page, env.server, acmeSubscriptions);
        await page.goto('/index.html');
        await page.locator(sel('nav-subscriptions')).click();
        await expectText(page, 'topic-description-aws-announce', 'What, why and when for approved changes');
        assert.deepEqual(await page.locator(`${sel('sub-customer')} option`).evaluateAll((o) => o.map((x) => x.value)), ['acme']);
        // (moto has no suppression list API, so acme's contacts are the local-mode tests' to show.)
        const own = await page.evaluate(() => Promise.all(['subscriptions', 'jobs'].map((r) => fetch(`/api/customers/acme/${r}`).then((a) => a.status))));
        assert.deepEqual(own, [200, 200], 'its own customer\'s routes answer');
      });
      await s('other-customer', async () => {
        await page.goto('/subscriptions.html?customer=globex');
        await expectText(page, 'sub-status', /No customer “globex” among the customers whose subscriptions you manage/);
        assert.equal(await page.locator('#sub-body').isHidden(), true);
        const asked = await page.evaluate(() => Promise.all(['subscriptions', 'contacts', 'jobs'].map((r) => fetch(`/api/customers/globex/${r}`).then((a) => a.status))));
        assert.deepEqual(asked, [404, 404, 404], 'the API does not reveal another customer');
      });
    });
  });

  it('without the subscriptions role has no Subscriptions link and no subscriptions to read', { timeout: 60_000 }, async () => {
    await withPage(env, 'scoped-no-subscriptions', async (page, s) => {
      await s('viewer', async () => {
        await signIn(page, env.server, acmeViewer);
        await page.goto('/index.html');
        await expectVisible(page, 'nav-freezes');
        await page.waitForFunction(() => document.querySelector('[data-testid="operator"]')?.textContent !== '…');
        assert.equal(await page.locator(sel('nav-subscriptions')).isHidden(), true);
        assert.equal(await page.evaluate(() => fetch('/api/customers/acme/subscriptions').then((a) => a.status)), 403);
      });
    });
  });
});
