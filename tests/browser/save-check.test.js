// Before saving, the form says what saving will do, from the read-only POST /api/changes/check: a material
// edit of an approved change needs approval again (and who will be told), another edit keeps it approved with
// an "Updated" announcement. The check's warnings (an overlapping change of the same customer, a window over
// the maximum) show on the form; those of submit and approve on the detail page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withPage } from './support/browser.js';
import { expectText, expectVisible, sel, setField } from './support/expect.js';
import { useServerAndBrowser } from './support/fixture.js';
import { confirmDialog, openDialog, readChange, seedChange, windowOn } from './support/governance.js';

const env = useServerAndBrowser('save-check');
const token = () => Date.now().toString(36);
const edit = (id) => `/change.html?id=${encodeURIComponent(id)}`;
const warningFor = (page, testId, otherId) => page.locator(`${sel(testId)} ${sel('change-warning')}`).filter({ hasText: otherId });

describe('what saving will do, and the warnings', () => {
  it('the form tells a material edit of an approved change from another before saving; checking writes nothing', { timeout: 120_000 }, async () => {
    const id = await seedChange(env.server, `Approved ${token()}`, { customers: ['acme', 'globex'], window: windowOn(10), actions: ['submit', 'approve'] });
    const version = (await readChange(env.server, id)).version;
    await withPage(env, 'save-check-outcome', async (page, s) => {
      await s('material', async () => {
        await page.goto(edit(id));
        await expectVisible(page, 'customer-acme');
        await page.locator(sel('field-end')).fill('2031-01-10T13:00');
        await expectText(page, 'save-outcome', /needs approval again \(End changed\).*2 customers will be told/);
        assert.equal((await readChange(env.server, id)).version, version, 'the check wrote nothing');
        const described = await page.locator(sel('save-draft')).getAttribute('aria-describedby');
        assert.equal(described, 'save-outcome', 'Save is described by what it will do');
      });
      await s('not-material', async () => {
        await page.locator(sel('field-end')).fill('2031-01-10T12:00');
        await setField(page, 'field-test-plan', 'Synthetic checks, and a look at the dashboards.');
        await expectText(page, 'save-outcome', /stays approved: 2 customers get an "Updated" announcement/);
        await page.locator(sel('save-draft')).click();
        await expectText(page, 'form-status', /saved/i);
        assert.equal((await readChange(env.server, id)).status, 'approved');
      });
      await s('material-saved', async () => {
        await page.locator(sel('field-start')).fill('2031-01-10T09:00');
        await expectText(page, 'save-outcome', /needs approval again \(Start changed\)/);
        await page.locator(sel('save-draft')).click();
        await expectText(page, 'form-status', /needs approval again/i);
        assert.equal((await readChange(env.server, id)).status, 'submitted');
        await page.goto(`/detail.html?id=${encodeURIComponent(id)}`);
        await expectText(page, 'timeline-reapproval', 'Needs approval again: Start changed.');
      });
    });
  });

  it('overlaps and a long window show on the form; submit and approve show theirs on the detail page', { timeout: 120_000 }, async () => {
    const other = await seedChange(env.server, `Already booked ${token()}`, { window: windowOn(12), actions: ['submit', 'approve'] });
    const id = await seedChange(env.server, `Same slot ${token()}`, { window: windowOn(12) });
    await withPage(env, 'save-check-warnings', async (page, s) => {
      await s('form-overlap', async () => {
        await page.goto(edit(id));
        await expect(warningFor(page, 'form-warnings', other), /also scheduled for acme/);
        assert.equal(await warningFor(page, 'form-warnings', other).locator('a').getAttribute('href'), `detail.html?id=${other}`);
      });
      await s('form-long-window', async () => {
        await page.locator(sel('field-end')).fill('2031-01-16T10:00');
        await expectText(page, 'form-warnings', /over the 72-hour maximum/);
        await page.locator(sel('field-end')).fill('2031-01-12T12:00');
        await page.waitForFunction((s) => !document.querySelector(s).innerText.includes('72-hour'), sel('form-warnings'));
      });
      await s('submit-on-form', async () => {
        await page.locator(sel('submit')).click();
        await page.waitForURL(/detail\.html/);
        await expectText(page, 'change-status', /submitted/i);
        await expect(warningFor(page, 'detail-warnings', other), /also scheduled for acme/);
      });
      await s('approve-on-detail', async () => {
        await page.reload();
        await expectText(page, 'change-status', /submitted/i);
        assert.equal(await page.locator(sel('detail-warnings')).isVisible(), false, 'warnings are of a write, not of a visit');
        await openDialog(page, 'approve');
        await confirmDialog(page);
        await expectText(page, 'change-status', /approved/i);
        await expect(warningFor(page, 'detail-warnings', other), /approved\) is also scheduled for acme/);
      });
    });
  });
});

/** Waits for the locator's text to match. */
async function expect(locator, pattern) {
  await locator.first().waitFor({ state: 'visible' });
  assert.match(await locator.first().innerText(), pattern);
}
