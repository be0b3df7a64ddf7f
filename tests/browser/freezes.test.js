// Freeze management in the portal (issue 22): an admin adds a recurring freeze, edits and removes it; a bad RRULE
// is named at its field; a viewer reads the freezes without any edit control.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withPage } from './support/browser.js';
import { eventually, expectHidden, expectText, expectVisible, sel } from './support/expect.js';
import { useServerAndBrowser } from './support/fixture.js';
import { pickCustomers } from './support/portal.js';

const env = useServerAndBrowser('freezes');
const rowOf = (page, id) => page.locator(`${sel('freeze-row')}[data-freeze-id="${id}"]`);
const listed = async () => (await env.server.api('GET', '/api/freezes')).body.items;

describe('freezes in the portal', () => {
  it('an admin adds a weekly freeze, edits it, is told which field a bad rule is in, and removes it', { timeout: 120_000 }, async () => {
    await withPage(env, 'freeze-admin', async (page, s) => {
      let id;
      await s('add', async () => {
        await page.goto('/freezes.html');
        await page.locator(sel('freeze-add')).click();
        await page.locator(sel('field-name')).fill('Friday night <b>freeze</b>');
        await page.locator(sel('field-reason')).fill('Payroll runs & settles');
        await page.locator(sel('field-timezone')).fill('Europe/London');
        await page.locator(sel('field-start')).fill('2031-02-07T22:00');
        await page.locator(sel('field-end')).fill('2031-02-08T06:00');
        await page.locator(sel('field-recurrence')).fill('FREQ=WEEKLY;BYDAY=FR;COUNT=10');
        await pickCustomers(page, ['acme']);
        await page.locator(sel('freeze-save')).click();
        await expectText(page, 'freezes-status', /Freeze added/);
        const [freeze] = await eventually(listed, (items) => items.length === 1, { what: 'the freeze stored' });
        id = freeze.freezeId;
        assert.deepEqual([freeze.start, freeze.end, freeze.customers, freeze.recurrence],
          ['2031-02-07T22:00:00+00:00', '2031-02-08T06:00:00+00:00', ['acme'], 'FREQ=WEEKLY;BYDAY=FR;COUNT=10']);
        const row = rowOf(page, id);
        assert.equal(await row.locator(sel('freeze-name')).innerText(), 'Friday night <b>freeze</b>', 'the name is text, not markup');
        assert.match(await row.locator(sel('freeze-when')).innerText(), /repeats FREQ=WEEKLY;BYDAY=FR;COUNT=10/);
        assert.equal(await row.locator(sel('freeze-customers')).innerText(), 'acme');
        assert.match(await row.locator(sel('freeze-next')).innerText(), /2031/);
      });
      await s('bad-rule', async () => {
        await rowOf(page, id).locator(sel('freeze-edit')).click();
        await expectVisible(page, 'freeze-form');
        await page.locator(sel('field-recurrence')).fill('FREQ=SOMETIMES');
        await page.locator(sel('freeze-save')).click();
        await expectText(page, 'error-recurrence', /FREQ=SOMETIMES.*not an RFC 5545 RRULE/);
        assert.equal(await page.locator(sel('field-recurrence')).getAttribute('aria-invalid'), 'true');
        assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'field-recurrence', 'the focus moves to the field named');
      });
      await s('edit', async () => {
        await page.locator(sel('field-recurrence')).fill('FREQ=WEEKLY;BYDAY=FR;COUNT=4');
        await page.locator(sel('field-name')).fill('Friday payroll freeze');
        await page.locator(sel('freeze-save')).click();
        await expectText(page, 'freezes-status', /Freeze saved/);
        await expectHidden(page, 'freeze-form');
        const [freeze] = await listed();
        assert.deepEqual([freeze.name, freeze.version, freeze.recurrence], ['Friday payroll freeze', 2, 'FREQ=WEEKLY;BYDAY=FR;COUNT=4']);
        assert.equal(await rowOf(page, id).locator(sel('freeze-name')).innerText(), 'Friday payroll freeze');
      });
      await s('stale', async () => {
        await rowOf(page, id).locator(sel('freeze-edit')).click();
        await page.locator(sel('field-reason')).fill('Mine');
        const current = (await env.server.api('GET', `/api/freezes/${id}`)).body;
        const theirs = await env.server.api('PUT', `/api/freezes/${id}`, { ...current, reason: 'Theirs' }, { 'if-match': '"2"' });
        assert.equal(theirs.status, 200, theirs.text);
        await page.locator(sel('freeze-save')).click();
        await expectText(page, 'freeze-form-error', /Someone else changed this freeze first/);
        assert.equal((await listed())[0].reason, 'Theirs', 'the stale edit wrote nothing');
        await page.locator(sel('freeze-cancel')).click();
        await page.reload();
      });
      await s('remove', async () => {
        await rowOf(page, id).locator(sel('freeze-remove')).click();
        await expectText(page, 'freezes-status', /removed/);
        await rowOf(page, id).waitFor({ state: 'detached' });
        assert.deepEqual(await listed(), []);
      });
    });
  });

  it('a viewer reads the freezes with no control to add, edit or remove one', { timeout: 60_000 }, async () => {
    const added = await env.server.api('POST', '/api/freezes', {
      name: 'Year end', reason: 'Audit', customers: [], timezone: 'UTC', startDate: '2031-12-24', endDate: '2031-12-31',
    });
    assert.equal(added.status, 201, added.text);
    await withPage(env, 'freeze-viewer', async (page, s) => {
      await s('viewer', async () => {
        await page.route('**/api/me', (route) => route.fulfill({ json: { user: 'vi', roles: ['viewer'], mode: 'local', local: false } }));
        await page.goto('/freezes.html');
        const row = rowOf(page, added.body.freezeId);
        await row.waitFor();
        assert.equal(await row.locator(sel('freeze-customers')).innerText(), 'All customers (global)');
        assert.match(await row.locator(sel('freeze-when')).innerText(), /Dec 24, 2031 – Dec 31, 2031 \(whole days, (Etc\/)?UTC\)/);
        assert.equal(await page.locator(sel('freeze-edit')).count(), 0);
        assert.equal(await page.locator(sel('freeze-remove')).count(), 0);
        await expectHidden(page, 'freeze-add');
      });
    });
  });
});
