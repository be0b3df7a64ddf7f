// A keyboard-only pass of the create form: from the page start, only Tab / Shift+Tab / Space /
// Enter / typing. Every Tab must move focus to the next control in the page's order (no trap,
// focus never lost), the focused control must show it has focus, the required fields get filled,
// a customer is ticked with Space, and Enter on save-draft saves the draft.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { newPage, step } from './support/browser.js';
import { expectText, expectVisible } from './support/expect.js';
import { idInUrl, sampleChange } from './support/portal.js';
import { useServerAndBrowser } from './support/fixture.js';

const env = useServerAndBrowser('keyboard');

/** In the page: the next control Tab should reach from the focused one (null past the end). */
function markExpected(backwards) {
  const focusable = 'a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], [contenteditable]:not([contenteditable="false"])';
  const all = [...document.querySelectorAll(focusable)].filter((el) => el.tabIndex >= 0 && !el.matches(':disabled')
    && !el.closest('[inert]') && !(el instanceof HTMLInputElement && el.type === 'hidden') && el.checkVisibility({ visibilityProperty: true }));
  const order = [];
  const radios = new Set();
  for (const el of all) {
    if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
      if (radios.has(el.name)) continue;
      radios.add(el.name);
      order.push(all.find((o) => o.type === 'radio' && o.name === el.name && o.checked) ?? el);
    } else {
      order.push(el);
    }
  }
  const sorted = [...order.filter((el) => el.tabIndex > 0).sort((a, b) => a.tabIndex - b.tabIndex), ...order.filter((el) => el.tabIndex === 0)];
  const active = document.activeElement && document.activeElement !== document.body ? document.activeElement : null;
  let next;
  if (!active) next = backwards ? sorted.at(-1) : sorted[0];
  else {
    const i = sorted.indexOf(active);
    if (i >= 0) next = sorted[i + (backwards ? -1 : 1)] ?? null;
    else {
      const after = (el) => active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
      next = backwards ? sorted.filter((el) => !after(el)).at(-1) ?? null : sorted.find(after) ?? null;
    }
  }
  window.__expectedFocus = next;
  window.__previousFocus = active;
  const name = (el) => (!el ? '(past the end of the page)' : el.dataset.testid ?? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.name ? `[name=${el.name}]` : ''}`);
  return { from: name(active), expected: name(next) };
}

/** In the page: what has focus now, whether it is the expected control, whether focus shows. */
function describeFocus() {
  const el = document.activeElement && document.activeElement !== document.body ? document.activeElement : null;
  const name = !el ? '(past the end of the page)' : el.dataset.testid ?? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.name ? `[name=${el.name}]` : ''}`;
  let problem = null;
  if (el) {
    const r = el.getBoundingClientRect();
    const shows = [el, el.closest('label'), el.parentElement, el.nextElementSibling].filter(Boolean).some((c) => {
      const cs = getComputedStyle(c);
      return (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || (cs.boxShadow && cs.boxShadow !== 'none');
    });
    if (!el.matches(':focus-visible')) problem = 'it does not match :focus-visible';
    else if (!shows) problem = 'no outline or box-shadow on it (or its label) while focused';
    else if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) problem = `it is outside the viewport (${JSON.stringify(r)})`;
    else {
      // Not entirely hidden under something else (a sticky bar): some point of it is on top.
      const mine = (hit) => hit && (el.contains(hit) || hit.contains(el) || el.closest('label')?.contains(hit) || [...(el.labels ?? [])].some((l) => l.contains(hit)));
      const xs = [r.left + 2, (r.left + r.right) / 2, r.right - 2].map((x) => Math.min(Math.max(x, 0), innerWidth - 1));
      const ys = [r.top + 2, (r.top + r.bottom) / 2, r.bottom - 2].map((y) => Math.min(Math.max(y, 0), innerHeight - 1));
      const hits = xs.flatMap((x) => ys.map((y) => document.elementFromPoint(x, y)));
      if (!hits.some(mine)) {
        const cover = hits.find(Boolean);
        problem = `it is covered by ${cover ? (cover.dataset.testid ?? `${cover.tagName.toLowerCase()}${cover.className ? `.${String(cover.className).split(' ').join('.')}` : ''}`) : 'nothing drawable'}`;
      }
    }
  }
  return {
    name,
    testid: el?.dataset.testid ?? null,
    type: el?.type ?? null,
    expected: el === (window.__expectedFocus ?? null),
    same: el !== null && el === window.__previousFocus,
    problem,
  };
}

/** Keys for a datetime-local control in en-US (mm/dd/yyyy, hh:mm AM/PM); Tab moves from the date to the time. */
function dateTimeKeys(value) {
  const [, y, mo, d, h, mi] = value.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/);
  const hour = Number(h) % 12 === 0 ? 12 : Number(h) % 12;
  return [...mo, ...d, ...y, 'Tab', ...String(hour).padStart(2, '0'), ...mi, Number(h) >= 12 ? 'P' : 'A'];
}

it('the create form works with the keyboard alone, focus always visible and in order', { timeout: 120_000 }, async () => {
  const change = { ...sampleChange(`Keys${Date.now().toString(36)}`), customers: ['acme'] };
  const { server } = env;
  const page = await newPage(env.browser, server);
  const s = (name, fn) => step(page, server, 'keyboard', name, fn);
  const type = (text) => page.keyboard.type(text);
  const press = async (keys) => { for (const k of keys) await page.keyboard.press(k); };
  const plan = new Map([
    ['field-title', () => type(change.title)],
    ['field-reason', () => type(change.reason)],
    ['field-implementation-plan', () => type(change.implementationPlan)],
    ['field-test-plan', () => type(change.testPlan)],
    ['field-customer-impact', () => type(change.customerImpact)],
    ['field-rollback-plan', () => type(change.rollbackPlan)],
    ['field-start', () => press(dateTimeKeys(change.start))],
    ['field-end', () => press(dateTimeKeys(change.end))],
    // A <select> takes the typed name (type-ahead); a text box gets it in place of what it held.
    ['field-timezone', async (now) => { if (now.type !== 'select-one') await press(['Control+A']); await type(change.timezone); }],
    ['customer-acme', () => press(['Space'])],
  ]);
  const order = [];
  let checkedBackwards = false;

  try {
    await s('open', async () => {
      await page.goto('/change.html');
      await expectVisible(page, 'customer-acme');
      await expectVisible(page, 'save-draft');
    });

    await s('tab-through-and-fill', async () => {
      let saved = false;
      for (let i = 0; i < 250 && !saved; i++) {
        const want = await page.evaluate(markExpected, false);
        await page.keyboard.press('Tab');
        let now = await page.evaluate(describeFocus);
        // Tab first walks a datetime-local control's own parts (date, then time), then leaves it.
        for (let inner = 0; now.same && now.type === 'datetime-local' && inner < 10; inner++) {
          await page.keyboard.press('Tab');
          now = await page.evaluate(describeFocus);
        }
        order.push(now.name);
        assert.ok(now.expected, `Tab #${i + 1} from ${want.from} should reach ${want.expected}, reached ${now.name}. Focus order so far: ${order.join(' → ')}`);
        if (!now.testid && now.name.startsWith('(')) continue; // past the end: the next Tab starts at the top again
        assert.equal(now.problem, null, `focus on ${now.name} should be visible: ${now.problem}`);

        const fill = plan.get(now.testid);
        if (fill) {
          plan.delete(now.testid);
          await fill(now);
          if (now.testid === 'field-title' && !checkedBackwards) {
            // Shift+Tab goes back one control, Tab comes back here.
            const back = await page.evaluate(markExpected, true);
            await page.keyboard.press('Shift+Tab');
            const prev = await page.evaluate(describeFocus);
            assert.ok(prev.expected, `Shift+Tab from field-title should reach ${back.expected}, reached ${prev.name}`);
            await page.evaluate(markExpected, false);
            await page.keyboard.press('Tab');
            const again = await page.evaluate(describeFocus);
            assert.equal(again.testid, 'field-title', `Tab after Shift+Tab should come back to field-title, reached ${again.name}`);
            checkedBackwards = true;
          }
        } else if (now.testid === 'save-draft' && plan.size === 0) {
          await page.keyboard.press('Enter');
          saved = true;
        }
      }
      assert.ok(saved, `save-draft was not reached with every required field filled; left: ${[...plan.keys()].join(', ')}; focus order: ${order.join(' → ')}`);
    });

    await s('saved', async () => {
      await expectText(page, 'form-status', /saved/i, { what: 'Enter on save-draft' });
      await page.waitForURL(/[?&]id=CHG-/, { timeout: 15_000 });
      const id = idInUrl(page);
      const saved = (await server.api('GET', `/api/changes/${encodeURIComponent(id)}`)).body;
      assert.equal(saved.status, 'draft');
      assert.deepEqual(saved.customers, ['acme']);
      assert.deepEqual(
        [saved.changeTitle, saved.changeReason, saved.implementationPlan, saved.testPlan, saved.customerImpact, saved.rollbackPlan, saved.timezone],
        [change.title, change.reason, change.implementationPlan, change.testPlan, change.customerImpact, change.rollbackPlan, change.timezone]);
      assert.equal(new Date(saved.implementationStart).toISOString(), new Date(change.startInstant).toISOString(), `implementationStart ${saved.implementationStart}`);
      assert.equal(new Date(saved.implementationEnd).toISOString(), new Date(change.endInstant).toISOString(), `implementationEnd ${saved.implementationEnd}`);
    });
  } finally {
    await page.context().close();
  }
});
