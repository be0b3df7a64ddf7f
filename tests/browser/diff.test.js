// Comparing versions on the detail page: customers as items added and removed (adding umbrella strikes
// nobody out), times in the change's zone instead of raw ISO, fields by their labels, bookkeeping
// fields only on request; on a phone the sideways-scrolling table is reachable with the keyboard.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { viewports, withPage } from './support/browser.js';
import { expectText, expectVisible, sel } from './support/expect.js';
import { chooseVersion, sampleChangeJson } from './support/portal.js';
import { useServerAndBrowser } from './support/fixture.js';

const env = useServerAndBrowser('diff');
let id;

/** In the page: the texts of a diff row's marked items. */
const marked = (row, testId) => row.locator(sel(testId)).allInnerTexts();

describe('the difference between two versions', () => {
  before(async () => {
    const first = sampleChangeJson(`Diff ${Date.now().toString(36)}`, ['acme', 'globex', 'initech']);
    const created = await env.server.api('POST', '/api/changes', first);
    assert.equal(created.status, 201, created.text);
    id = created.body.changeId;
    // v2: umbrella added, the start moved from 22:00 to 23:00 New York time.
    const second = { ...first, customers: ['acme', 'globex', 'initech', 'umbrella'], implementationStart: '2030-03-12T23:00:00-04:00' };
    assert.equal((await env.server.api('PUT', `/api/changes/${id}`, second, { 'if-match': '"1"' })).status, 200);
    // v3: globex removed.
    const third = { ...second, customers: ['acme', 'initech', 'umbrella'] };
    assert.equal((await env.server.api('PUT', `/api/changes/${id}`, third, { 'if-match': '"2"' })).status, 200);
  });

  it('lists customers added and removed, times in the change\'s zone, labels, bookkeeping on request', { timeout: 90_000 }, async () => {
    await withPage(env, 'diff-desktop', async (page, s) => {
      await s('adding', async () => {
        await page.goto(`/detail.html?id=${encodeURIComponent(id)}`);
        await chooseVersion(page, 'diff-from', 1);
        await chooseVersion(page, 'diff-to', 2);
        const customers = page.locator(sel('diff-field-customers'));
        await expectText(page, 'diff-field-customers', /umbrella/i);
        assert.deepEqual(await marked(customers, 'diff-removed'), [], 'adding umbrella removes nobody');
        assert.deepEqual((await marked(customers, 'diff-added')).map((t) => t.replace(/^added:\s*/, '')), ['Umbrella Holdings (umbrella)']);
        assert.equal(await customers.locator('del').count(), 0, 'nothing is struck out');

        const start = await expectText(page, 'diff-field-implementationStart', /America\/New_York/);
        assert.match(start, /10:00\s*PM[\s\S]*11:00\s*PM/, `the start before and after, New York time: ${JSON.stringify(start)}`);
        assert.doesNotMatch(start, /\d{4}-\d{2}-\d{2}T/, 'no raw ISO time');
      });
      await s('labels-and-bookkeeping', async () => {
        const diff = await page.locator(sel('diff')).innerText();
        assert.doesNotMatch(diff, /\b(changeTitle|implementationStart|modifiedAt)\b|^customers$/m, `fields by their labels only: ${diff}`);
        for (const field of ['modifiedAt', 'version']) {
          assert.equal(await page.locator(sel(`diff-field-${field}`)).isVisible(), false, `${field} hidden by default`);
        }
        await page.locator(sel('diff-show-bookkeeping')).check();
        await expectVisible(page, 'diff-field-version');
        const modified = await expectText(page, 'diff-field-modifiedAt', /America\/New_York/);
        assert.doesNotMatch(modified, /\d{4}-\d{2}-\d{2}T/, 'bookkeeping times are not raw ISO either');
      });
      await s('removing', async () => {
        await chooseVersion(page, 'diff-from', 2);
        await chooseVersion(page, 'diff-to', 3);
        await expectText(page, 'diff-field-customers', /globex/i);
        const customers = page.locator(sel('diff-field-customers'));
        assert.deepEqual((await marked(customers, 'diff-removed')).map((t) => t.replace(/^removed:\s*/, '')), ['Globex (globex)']);
        assert.deepEqual(await marked(customers, 'diff-added'), []);
      });
    }, { viewport: viewports.desktop });
  });

  it('on a phone the diff is in a named region the keyboard reaches (it scrolls sideways when wider than the screen: axe scrollable-region-focusable)', { timeout: 90_000 }, async () => {
    await withPage(env, 'diff-phone', async (page, s) => {
      await s('tab-to-the-table', async () => {
        await page.goto(`/detail.html?id=${encodeURIComponent(id)}`);
        await chooseVersion(page, 'diff-from', 1);
        await chooseVersion(page, 'diff-to', 2);
        await expectText(page, 'diff-field-customers', /umbrella/i);
        const region = page.locator(`${sel('diff')} [role="region"]`);
        assert.match(await region.getAttribute('aria-label') ?? '', /Version 1.*Version 2/, 'the region says what it holds');
        await page.locator(sel('diff-to')).focus();
        for (let i = 0; i < 3 && !await region.evaluate((el) => el === document.activeElement); i++) await page.keyboard.press('Tab');
        assert.ok(await region.evaluate((el) => el === document.activeElement), 'Tab from the version chooser reaches the table');
      });
    }, { viewport: viewports.phone });
  });
});
