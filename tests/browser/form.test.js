// The change form on its own: required-field messages next to the fields, a schedule that ends
// before it starts, typing kept in the browser across a reload, and two people saving the same
// change (the second gets a conflict, nothing is overwritten).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newPage, step } from './support/browser.js';
import { expectHidden, expectText, expectValue, expectVisible, sel, setField } from './support/expect.js';
import { fillChangeForm, renderedText, sampleChange, sampleChangeJson, showsNumber } from './support/portal.js';
import { useServerAndBrowser } from './support/fixture.js';

const requiredFields = ['title', 'customers', 'reason', 'implementation-plan', 'test-plan', 'customer-impact', 'rollback-plan', 'start', 'end', 'timezone'];
// The control an error message belongs next to.
const controlOf = (field) => (field === 'customers' ? 'customer-filter' : `field-${field}`);
const nextToPx = 160;

const env = useServerAndBrowser('form');

/** Runs body with a fresh page (its own browser profile); screenshots per step; closes it. */
async function withPage(test, body) {
  const page = await newPage(env.browser, env.server);
  try {
    await body(page, (name, fn) => step(page, env.server, test, name, fn));
  } finally {
    await page.context().close();
  }
}

/** Distance in px between two boxes (0 when they touch or overlap). */
function gap(a, b) {
  const dx = Math.max(0, a.x - (b.x + b.width), b.x - (a.x + a.width));
  const dy = Math.max(0, a.y - (b.y + b.height), b.y - (a.y + a.height));
  return Math.hypot(dx, dy);
}

describe('the change form', () => {
  it('submitting an empty form shows a message next to every required field', { timeout: 90_000 }, async () => {
    await withPage('validation-empty', async (page, s) => {
      await s('open', async () => {
        await page.goto('/change.html');
        await expectVisible(page, 'customer-acme');
      });
      await s('submit-empty', async () => {
        // A control the page fills in itself (a default time zone, say) is not empty: no message for it.
        const empty = {};
        for (const field of requiredFields) {
          empty[field] = field === 'customers'
            ? await page.locator('[data-testid^="customer-"]:checked').count() === 0
            : await page.locator(sel(controlOf(field))).inputValue() === '';
        }
        assert.ok(Object.values(empty).filter(Boolean).length >= 8, `the new form starts empty: ${JSON.stringify(empty)}`);
        await page.locator(sel('submit')).click();
        for (const field of requiredFields.filter((f) => empty[f])) {
          const text = await expectText(page, `error-${field}`, /\S/, { what: 'empty form submitted' });
          assert.ok(text.trim().length > 2, `error-${field} says something: ${JSON.stringify(text)}`);
          const error = await page.locator(sel(`error-${field}`)).boundingBox();
          const control = await page.locator(sel(controlOf(field))).boundingBox();
          assert.ok(error && control && gap(error, control) <= nextToPx,
            `error-${field} should sit next to ${controlOf(field)} (gap ${error && control ? Math.round(gap(error, control)) : '?'} px)`);
        }
        for (const field of requiredFields.filter((f) => !empty[f])) {
          await expectHidden(page, `error-${field}`, { what: `${controlOf(field)} was filled in by the page` });
        }
        const submitted = await env.server.api('GET', '/api/changes?status=submitted');
        assert.deepEqual(submitted.body.items, [], 'nothing was submitted');
      });
      await s('fix-title', async () => {
        await setField(page, 'field-title', 'A title now');
        await page.locator(sel('submit')).click();
        await expectHidden(page, 'error-title', { what: 'title filled in' });
        await expectVisible(page, 'error-reason', { what: 'reason still empty' });
      });
    });
  });

  it('an end before the start is refused next to the end', { timeout: 90_000 }, async () => {
    await withPage('validation-end', async (page, s) => {
      await s('submit', async () => {
        await page.goto('/change.html');
        await expectVisible(page, 'customer-acme');
        await page.locator(sel('field-start')).fill('2030-03-12T23:30');
        await page.locator(sel('field-end')).fill('2030-03-12T22:00');
        await page.locator(sel('submit')).click();
        await expectText(page, 'error-end', /\S/, { what: 'end before start' });
      });
    });
  });

  it('typing is kept in the browser: a reload before saving loses nothing', { timeout: 90_000 }, async () => {
    const change = sampleChange(`Local${Date.now().toString(36)}`);
    await withPage('local-draft', async (page, s) => {
      await s('type', async () => {
        await page.goto('/change.html');
        await expectVisible(page, 'customer-acme');
        await page.locator(sel('field-title')).pressSequentially(change.title);
        await page.locator(sel('field-reason')).fill(change.reason);
        await page.locator(sel('customer-globex')).check();
        // Typing has no "done" signal; the page has had its chance when it stored the last keystroke.
        await page.waitForFunction((title) => [localStorage, sessionStorage].some((store) =>
          Object.keys(store).some((k) => (store.getItem(k) ?? '').includes(title))), change.title, { timeout: 5_000 }).catch(() => {});
      });
      await s('reload', async () => {
        await page.reload();
        await expectValue(page, 'field-title', change.title);
        await expectValue(page, 'field-reason', change.reason);
        const globex = page.locator(sel('customer-globex'));
        await globex.waitFor({ state: 'attached' });
        assert.equal(await globex.isChecked(), true, 'customer-globex still ticked');
        assert.equal(new URL(page.url()).searchParams.get('id'), null, 'nothing was saved on the server');
      });
    });
  });

  it('the preview shows the emails a customer\'s subscribers will get, from the form as it is', { timeout: 90_000 }, async () => {
    const change = sampleChange(`Preview${Date.now().toString(36)}`);
    await withPage('preview', async (page, s) => {
      await s('fill', async () => {
        await page.goto('/change.html');
        await fillChangeForm(page, change);
      });
      await s('preview-acme', async () => {
        await setField(page, 'preview-customer', 'acme');
        await page.locator(sel('preview-load')).click();
        const previews = page.locator('[data-testid^="preview-"]:not([data-testid="preview-customer"]):not([data-testid="preview-load"])');
        await previews.first().waitFor({ state: 'visible' });
        const kinds = await previews.evaluateAll((els) => els.map((e) => e.dataset.testid));
        for (const kind of kinds) {
          const text = await renderedText(page, kind);
          assert.ok(text.includes(change.title), `${kind} names the change: ${JSON.stringify(text.slice(0, 300))}`);
        }
        assert.equal(new URL(page.url()).searchParams.get('id'), null, 'a preview saves nothing');
      });
    });
  });

  it('two people save the same change: the second gets a conflict, nothing is overwritten', { timeout: 90_000 }, async () => {
    const token = `Conflict${Date.now().toString(36)}`;
    const created = await env.server.api('POST', '/api/changes', sampleChangeJson(token, ['acme', 'globex']));
    assert.equal(created.status, 201, created.text);
    const id = created.body.changeId;
    const title = created.body.changeTitle;
    const first = await newPage(env.browser, env.server);
    const second = await newPage(env.browser, env.server);
    try {
      for (const page of [first, second]) {
        await page.goto(`/change.html?id=${encodeURIComponent(id)}`);
        await expectValue(page, 'field-title', title);
        await expectText(page, 'form-version', showsNumber(1));
      }
      await step(first, env.server, 'conflict', 'first-saves', async () => {
        await setField(first, 'field-title', `${title} (first)`);
        await first.locator(sel('save-draft')).click();
        await expectText(first, 'form-status', /saved/i);
        await expectText(first, 'form-version', showsNumber(2));
      });
      await step(second, env.server, 'conflict', 'second-saves', async () => {
        await setField(second, 'field-title', `${title} (second)`);
        await second.locator(sel('save-draft')).click();
        await expectText(second, 'form-status', /conflict|someone else|by another|changed since|modified since|newer version/i,
          { what: 'the second save of version 1' });
      });
      const now = (await env.server.api('GET', `/api/changes/${id}`)).body;
      assert.equal(now.version, 2, 'one save went through');
      assert.equal(now.changeTitle, `${title} (first)`, 'the first person\'s save is not overwritten');
    } finally {
      await first.context().close();
      await second.context().close();
    }
  });
});
