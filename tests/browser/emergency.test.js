// Freezes meet the lifecycle in the portal (issue 22): submitting or approving a change whose window runs into a freeze
// is refused naming the freeze; the dialog then offers an emergency change with a required reason, and the change
// shows it is one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withPage } from './support/browser.js';
import { expectText, expectVisible, sel } from './support/expect.js';
import { useServerAndBrowser } from './support/fixture.js';
import { confirmDialog, readChange, seedChange, windowOn } from './support/governance.js';

const env = useServerAndBrowser('emergency');

describe('emergency changes in the portal', () => {
  it('submit and approve into a freeze are refused naming it; ticking emergency with a reason goes ahead and the change shows the badge', { timeout: 120_000 }, async () => {
    const freeze = await env.server.api('POST', '/api/freezes', {
      name: 'Acme quarter close', reason: 'Books are closing', customers: ['acme'], timezone: 'UTC', startDate: '2031-01-05', endDate: '2031-01-06',
    });
    assert.equal(freeze.status, 201, freeze.text);
    const id = await seedChange(env.server, `Into the freeze ${Date.now().toString(36)}`, { window: windowOn(5) });
    await withPage(env, 'emergency', async (page, s) => {
      await s('submit-refused', async () => {
        await page.goto(`/detail.html?id=${encodeURIComponent(id)}`);
        await page.locator(sel('action-submit')).click();
        await expectVisible(page, 'action-dialog', { what: 'the dialog after the refusal' });
        await expectText(page, 'dialog-message', /runs into freeze 'Acme quarter close'/);
        await expectText(page, 'action-dialog', /Emergency change/);
        assert.match(await page.locator(sel('action-dialog')).innerText(), /Acme quarter close \(.*2031.*acme\): Books are closing/);
        assert.equal((await readChange(env.server, id)).status, 'draft', 'nothing submitted yet');
      });
      await s('reason-required', async () => {
        await page.locator(sel('dialog-field-emergency')).check();
        await page.locator(sel('dialog-confirm')).click();
        await expectText(page, 'dialog-error-reason', /reason/i);
      });
      await s('submitted-as-emergency', async () => {
        await confirmDialog(page, { reason: 'Card processor outage: patch now' });
        await expectText(page, 'change-status', /submitted/i);
        await expectVisible(page, 'change-emergency');
        await expectText(page, 'emergency-note', /Acme quarter close: Card processor outage: patch now/);
      });
      await s('approve-refused-then-emergency', async () => {
        await page.locator(sel('action-approve')).click();
        await page.locator(sel('dialog-field-comment')).fill('Fine.');
        await page.locator(sel('dialog-confirm')).click();
        await expectText(page, 'dialog-message', /Acme quarter close/, { what: 'the approve dialog asked again after the refusal' });
        assert.equal(await page.locator(sel('dialog-field-comment')).inputValue(), 'Fine.', 'the comment is kept');
        await confirmDialog(page, { emergency: true, reason: 'Still burning' });
        await expectText(page, 'change-status', /approved/i);
        await expectText(page, 'emergency-note', /Still burning/);
        const change = await readChange(env.server, id);
        assert.equal(change.emergency.reason, 'Still burning');
        assert.deepEqual(change.emergency.freezes.map((f) => f.name), ['Acme quarter close']);
      });
    });
  });
});
