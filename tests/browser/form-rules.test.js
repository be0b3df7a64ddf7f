// The change form and the page frame, defect by defect (issue 16): unsaved edits kept per tab, legacy
// zone names refused with the zone to use, the title's limit shown and enforced, save feedback where the
// person is, focus after Submit, the navigation while editing, the customer filter, offline.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newPage, step, viewports, withPage } from './support/browser.js';
import { expectHidden, expectText, expectValue, expectVisible, sel, setField } from './support/expect.js';
import { fillChangeForm, sampleChange, sampleChangeJson } from './support/portal.js';
import { useServerAndBrowser } from './support/fixture.js';

const env = useServerAndBrowser('form-rules');
const token = () => Date.now().toString(36);

/** Waits until the tab has stored a draft holding `text` (typing has no "done" signal of its own). */
const stored = (page, text) => page.waitForFunction((t) => [localStorage, sessionStorage]
  .some((store) => Object.keys(store).some((k) => (store.getItem(k) ?? '').includes(t))), text);

async function createChange(title) {
  const created = await env.server.api('POST', '/api/changes', { ...sampleChangeJson(title, ['acme']), changeTitle: title });
  assert.equal(created.status, 201, created.text);
  return created.body.changeId;
}

describe('the change form', () => {
  it('two tabs editing one change each restore their own unsaved text, never the other\'s', { timeout: 90_000 }, async () => {
    const title = `Two tabs ${token()}`;
    const id = await createChange(title);
    const tabA = await newPage(env.browser, env.server);
    const tabB = await tabA.context().newPage(); // the same browser profile: one localStorage
    try {
      await step(tabA, env.server, 'two-tabs', 'type-a', async () => {
        await tabA.goto(`/change.html?id=${encodeURIComponent(id)}`);
        await expectValue(tabA, 'field-title', title);
        await setField(tabA, 'field-reason', 'typed in tab A');
        await stored(tabA, 'typed in tab A');
      });
      await step(tabB, env.server, 'two-tabs', 'open-b', async () => {
        // Tab B opens the change while tab A holds unsaved text: B shows the saved change, not A's text as its own.
        await tabB.goto(`/change.html?id=${encodeURIComponent(id)}`);
        await expectValue(tabB, 'field-title', title);
        await expectValue(tabB, 'field-reason', sampleChange('').reason);
        assert.doesNotMatch(await tabB.locator(sel('form-status')).innerText().catch(() => ''), /restored/i);
        await setField(tabB, 'field-reason', 'typed in tab B');
        await stored(tabB, 'typed in tab B');
      });
      await step(tabA, env.server, 'two-tabs', 'reload-a', async () => {
        await tabA.reload();
        await expectValue(tabA, 'field-reason', 'typed in tab A');
        await expectText(tabA, 'form-status', /restored/i);
      });
      await step(tabB, env.server, 'two-tabs', 'reload-b', async () => {
        await tabB.reload();
        await expectValue(tabB, 'field-reason', 'typed in tab B');
      });
    } finally {
      await tabA.context().close();
    }
  });

  it('a legacy zone name is refused next to the field, naming the zone to use; nothing is saved', { timeout: 90_000 }, async () => {
    await withPage(env, 'legacy-zone', async (page, s) => {
      await s('save', async () => {
        await page.goto('/change.html');
        await fillChangeForm(page, { ...sampleChange(`Zone ${token()}`), timezone: 'PST8PDT', customers: ['acme'] });
        const posts = [];
        // A write, not the read-only save check (POST /api/changes/check), which the form's typing may start at any time.
        page.on('request', (r) => { if (r.method() !== 'GET' && r.url().includes('/api/changes') && !r.url().endsWith('/api/changes/check')) posts.push(r.url()); });
        await page.locator(sel('save-draft')).click();
        await expectText(page, 'error-timezone', /use America\/Los_Angeles/);
        assert.equal(await page.locator(sel('field-timezone')).getAttribute('aria-invalid'), 'true');
        assert.deepEqual(posts, [], 'refused before anything is sent');
      });
    });
  });

  it('a title over 200 characters is counted, kept whole and refused with a message', { timeout: 90_000 }, async () => {
    const long = `Long ${'t'.repeat(240)}`;
    await withPage(env, 'title-limit', async (page, s) => {
      await s('type', async () => {
        await page.goto('/change.html');
        await expectText(page, 'title-count', /0 \/ 200/);
        await page.locator(sel('field-title')).fill(long);
        await expectValue(page, 'field-title', long); // not cut
        await expectText(page, 'title-count', new RegExp(`${long.length} / 200.*${long.length - 200} over`));
      });
      await s('save', async () => {
        await page.locator(sel('save-draft')).click();
        await expectText(page, 'error-title', `At most 200 characters; this one has ${long.length}.`);
        assert.equal(new URL(page.url()).searchParams.get('id'), null, 'nothing saved');
      });
    });
  });

  it('saving from the sticky bar shows the result in view, in a live region', { timeout: 90_000 }, async () => {
    const id = await createChange(`Sticky ${token()}`);
    for (const [name, viewport] of Object.entries(viewports)) {
      await withPage(env, `save-feedback-${name}`, async (page, s) => {
        await s('save', async () => {
          await page.goto(`/change.html?id=${encodeURIComponent(id)}`);
          await expectVisible(page, 'customer-acme');
          await setField(page, 'field-test-plan', `Checked on a ${name} at ${token()}`);
          await page.locator(sel('field-test-plan')).scrollIntoViewIfNeeded(); // the middle of the form: the page top is out of sight
          await page.locator(sel('save-draft')).click();
          await expectText(page, 'form-status', /saved/i);
          const box = await page.locator(sel('form-status')).evaluate((el) => {
            const r = el.getBoundingClientRect();
            return { top: r.top, bottom: r.bottom, height: innerHeight, live: el.getAttribute('aria-live') ?? el.getAttribute('role') };
          });
          assert.ok(box.top >= 0 && box.bottom <= box.height, `the message is in view: ${JSON.stringify(box)}`);
          assert.ok(['polite', 'status'].includes(box.live), `a live region: ${box.live}`);
        });
      }, { viewport });
    }
  });

  it('after Submit the focus is on the result; the nav marks "New change" only for a new one', { timeout: 90_000 }, async () => {
    const id = await createChange(`Focus ${token()}`);
    await withPage(env, 'focus-nav', async (page, s) => {
      await s('nav', async () => {
        await page.goto('/change.html');
        await expectVisible(page, 'nav-new');
        assert.equal(await page.locator(sel('nav-new')).getAttribute('aria-current'), 'page', 'a new change');
        await page.goto(`/change.html?id=${encodeURIComponent(id)}`);
        await expectText(page, 'form-version', /1/);
        assert.equal(await page.locator(sel('nav-new')).getAttribute('aria-current'), null, 'editing is not "New change"');
      });
      await s('submit', async () => {
        await page.locator(sel('submit')).click();
        await page.waitForURL(/detail\.html/);
        await expectText(page, 'detail-status', /submitted/i);
        const focused = await page.evaluate(() => document.activeElement?.dataset.testid ?? document.activeElement?.tagName);
        assert.equal(focused, 'detail-status', 'the focus is on the result, not lost on the body');
      });
    });
  });

  it('the customer filter matches word starts ("prod" is not "nonprod"), keeps the selection in sight, says when nothing matches', { timeout: 90_000 }, async () => {
    await withPage(env, 'customer-filter', async (page, s) => {
      await s('prod', async () => {
        await page.goto('/change.html');
        await expectVisible(page, 'customer-initech');
        await page.locator(sel('customer-initech')).check(); // NonProd
        await setField(page, 'customer-filter', 'prod');
        for (const code of ['acme', 'globex', 'umbrella']) await expectVisible(page, `customer-${code}`);
        await expectHidden(page, 'customer-initech', { what: 'prod must not match nonprod' });
        await expectText(page, 'chip-initech', /Initech/, { what: 'the selected customer the filter hides' });
      });
      await s('chip-removes', async () => {
        await page.locator(sel('chip-initech')).click();
        await expectHidden(page, 'customer-chips');
        await setField(page, 'customer-filter', '');
        await expectVisible(page, 'customer-initech');
        assert.equal(await page.locator(sel('customer-initech')).isChecked(), false);
      });
      await s('nothing', async () => {
        await setField(page, 'customer-filter', 'zzz');
        await expectText(page, 'customer-no-match', /No customer matches “zzz”/);
        await setField(page, 'customer-filter', 'nonprod');
        await expectVisible(page, 'customer-initech');
        await expectHidden(page, 'customer-no-match');
      });
    });
  });

  it('while the API cannot be reached the header says offline, not "Not signed in"', { timeout: 60_000 }, async () => {
    await withPage(env, 'offline', async (page, s) => {
      await s('offline', async () => {
        await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
        await page.goto('/index.html');
        const text = await expectText(page, 'operator', /offline/i);
        assert.doesNotMatch(text, /not signed in/i);
      });
    });
  });
});
