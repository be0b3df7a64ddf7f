// The governance rules of issue 16 as a person meets them in the portal: Reject with a required comment in an
// accessible dialog, the rejected change back with its author (lists, edit, submit again), Approve's optional
// comment and Cancel's reason in the timeline, and the schedule rules' overrides: Complete before the window
// asks for "early" and a reason, Submit or Approve of a window that ended for "backdated" and a reason.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withPage } from './support/browser.js';
import { expectHidden, expectText, expectVisible, sel, setField } from './support/expect.js';
import { useServerAndBrowser } from './support/fixture.js';
import { confirmDialog, focused, openDialog, readChange, seedChange, windowFrom, windowOn } from './support/governance.js';

const env = useServerAndBrowser('governance');
const token = () => Date.now().toString(36);
const detail = (id) => `/detail.html?id=${encodeURIComponent(id)}`;
const modification = (change, type) => change.modifications.findLast((m) => m.modification_type === type);

describe('governance in the portal', () => {
  it('Reject asks for a required comment in an accessible dialog; the author sees it, edits and submits again', { timeout: 120_000 }, async () => {
    const title = `Reject me ${token()}`;
    const id = await seedChange(env.server, title, { window: windowOn(2), actions: ['submit'] });
    const comment = 'Rollback plan misses the <b>DNS</b> step & the TTL.';
    await withPage(env, 'reject', async (page, s) => {
      await s('dialog', async () => {
        await page.goto(detail(id));
        await expectText(page, 'change-status', /submitted/i);
        await openDialog(page, 'reject');
        const a11y = await page.locator(sel('action-dialog')).evaluate((d) => ({
          modal: d.open && d.matches(':modal'),
          name: document.getElementById(d.getAttribute('aria-labelledby'))?.textContent,
          label: d.querySelector('textarea').labels[0]?.textContent,
        }));
        assert.deepEqual(a11y, { modal: true, name: `Reject ${id}`, label: 'Comment for the author*' });
        assert.equal(await focused(page), 'dialog-field-comment', 'the focus starts on the comment');
      });
      await s('focus-trapped', async () => {
        await page.locator(sel('dialog-confirm')).focus();
        await page.keyboard.press('Tab');
        assert.equal(await focused(page), 'dialog-field-comment', 'Tab from the last control wraps to the first');
        await page.keyboard.press('Shift+Tab');
        assert.equal(await focused(page), 'dialog-confirm', 'Shift+Tab from the first wraps to the last');
      });
      await s('required', async () => {
        await page.locator(sel('dialog-confirm')).click();
        await expectText(page, 'dialog-error-comment', /say why/i);
        assert.equal(await page.locator(sel('dialog-field-comment')).getAttribute('aria-invalid'), 'true');
        assert.equal(await focused(page), 'dialog-field-comment');
        assert.equal((await readChange(env.server, id)).status, 'submitted', 'nothing sent without a comment');
      });
      await s('escape', async () => {
        await page.keyboard.press('Escape');
        await expectHidden(page, 'action-dialog');
        assert.equal(await focused(page), 'action-reject', 'the focus returns to the button that opened it');
      });
      await s('reject', async () => {
        await openDialog(page, 'reject');
        await confirmDialog(page, { comment });
        await expectText(page, 'change-status', /rejected/i);
        await expectText(page, 'detail-status', /rejected/i);
        await expectText(page, 'rejection-note', comment);
        await expectText(page, 'timeline-comment', comment); // as text: the markup is not rendered
        assert.equal(await page.locator(`${sel('timeline')} b`).count(), 0);
        assert.equal(modification(await readChange(env.server, id), 'rejected').comment, comment);
        await expectVisible(page, 'action-edit');
        await expectText(page, 'action-submit', /submit again/i);
        await expectHidden(page, 'action-approve');
      });
      await s('lists', async () => {
        await page.goto('/changes.html');
        await page.locator(sel('tab-rejected')).click();
        await expectText(page, `result-${id}`, /rejected/i);
        await page.goto('/search.html');
        await setField(page, 'search-status', 'rejected');
        await expectText(page, `result-${id}`, /rejected/i);
        await page.goto('/index.html');
        await expectText(page, 'count-rejected', /^[1-9]/);
      });
      await s('edit-and-submit-again', async () => {
        await page.goto(`/change.html?id=${encodeURIComponent(id)}`);
        await expectText(page, 'submit', /submit again/i);
        await setField(page, 'field-rollback-plan', 'Switch back; restore the DNS records; wait out the TTL.');
        await page.locator(sel('submit')).click();
        await page.waitForURL(/detail\.html/);
        await expectText(page, 'change-status', /submitted/i);
        await expectHidden(page, 'rejection-note');
      });
    });
  });

  it('Approve takes an optional comment and Cancel a reason; both are in the timeline', { timeout: 90_000 }, async () => {
    const id = await seedChange(env.server, `Approve with a word ${token()}`, { window: windowOn(3), actions: ['submit'] });
    await withPage(env, 'approve-cancel', async (page, s) => {
      await s('approve', async () => {
        await page.goto(detail(id));
        await openDialog(page, 'approve');
        assert.equal(await page.locator(sel('dialog-field-comment')).getAttribute('aria-required'), null, 'optional');
        await confirmDialog(page, { comment: 'Fine by the network team.' });
        await expectText(page, 'change-status', /approved/i);
        await expectText(page, 'timeline-comment', 'Fine by the network team.');
      });
      await s('cancel', async () => {
        await openDialog(page, 'cancel');
        await confirmDialog(page, { reason: 'The vendor postponed the release.' });
        await expectText(page, 'change-status', /cancelled/i);
        await expectText(page, 'timeline-reason', 'Reason: The vendor postponed the release.');
      });
    });
    const change = await readChange(env.server, id);
    assert.equal(modification(change, 'approved').comment, 'Fine by the network team.');
    assert.equal(modification(change, 'cancelled').reason, 'The vendor postponed the release.');
  });

  it('Complete before the window starts asks to confirm "early" with a reason, and sends it', { timeout: 90_000 }, async () => {
    const id = await seedChange(env.server, `Early ${token()}`, { window: windowOn(4), actions: ['submit', 'approve'] });
    await withPage(env, 'complete-early', async (page, s) => {
      await s('refused-without', async () => {
        await page.goto(detail(id));
        await openDialog(page, 'complete');
        await page.locator(sel('dialog-confirm')).click();
        await expectText(page, 'dialog-error-early', /tick this/i);
        await expectText(page, 'dialog-error-reason', /reason/i);
      });
      await s('early', async () => {
        await confirmDialog(page, { early: true, reason: 'Done in the previous window with the vendor.' });
        await expectText(page, 'change-status', /completed/i);
        await expectText(page, 'timeline-overrides', /completed early/);
        await expectText(page, 'timeline-reason', /previous window/);
      });
    });
    const done = modification(await readChange(env.server, id), 'completed');
    assert.deepEqual([done.overrides, done.reason], [['early'], 'Done in the previous window with the vendor.']);
  });

  it('Submit and Approve of a window that has ended offer the backdated flag with a required reason', { timeout: 120_000 }, async () => {
    const id = await seedChange(env.server, `Backdated ${token()}`, { window: windowFrom(-3, 1) });
    await withPage(env, 'backdated', async (page, s) => {
      await s('form-submit-dismissed', async () => {
        await page.goto(`/change.html?id=${encodeURIComponent(id)}`);
        await expectVisible(page, 'customer-acme');
        await page.locator(sel('submit')).click();
        await expectVisible(page, 'action-dialog');
        await expectVisible(page, 'dialog-field-backdated');
        await page.locator(sel('dialog-dismiss')).click();
        await expectText(page, 'form-status', /not submitted/i);
        assert.equal(await focused(page), 'submit', 'the focus is back on Submit');
        assert.equal((await readChange(env.server, id)).status, 'draft');
      });
      await s('form-submit-backdated', async () => {
        await page.locator(sel('submit')).click();
        await confirmDialog(page, { backdated: true, reason: 'Emergency fix during the outage.' });
        await page.waitForURL(/detail\.html/);
        await expectText(page, 'change-status', /submitted/i);
        await expectText(page, 'timeline-overrides', /backdated/);
      });
      await s('approve-backdated', async () => {
        await openDialog(page, 'approve');
        await expectVisible(page, 'dialog-field-backdated');
        await confirmDialog(page, { comment: 'Confirmed after the fact.', backdated: true, reason: 'Emergency fix during the outage.' });
        await expectText(page, 'change-status', /approved/i);
      });
    });
    const approved = modification(await readChange(env.server, id), 'approved');
    assert.deepEqual([approved.overrides, approved.reason, approved.comment], [['backdated'], 'Emergency fix during the outage.', 'Confirmed after the fact.']);
  });

  it('when the server refuses an ended window the portal did not see coming, the dialog asks for the override', { timeout: 90_000 }, async () => {
    const id = await seedChange(env.server, `Clock behind ${token()}`, { window: windowFrom(-3, 1) });
    await withPage(env, 'server-refusal', async (page, s) => {
      await s('submit', async () => {
        await page.clock.setFixedTime(new Date(Date.now() - 6 * 3_600_000)); // this browser's clock is behind
        await page.goto(detail(id));
        await page.locator(sel('action-submit')).click();
        await expectText(page, 'dialog-error-backdated', /window ended/i, { what: 'the server\'s refusal, next to the flag' });
        await confirmDialog(page, { backdated: true, reason: 'Carried out in the night.' });
        await expectText(page, 'change-status', /submitted/i);
      });
    });
    assert.deepEqual(modification(await readChange(env.server, id), 'submitted').overrides, ['backdated']);
  });
});
