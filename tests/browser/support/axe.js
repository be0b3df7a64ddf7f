// axe-core (npm) injected into a page: its serious and critical violations. (Frames are not entered: the emails in
// the outbox's and preview's sandboxed frames are the templates' business.)
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** In the page: axe's serious and critical violations, one line each with the elements. */
export async function seriousViolations(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { iframes: false, resultTypes: ['violations'] });
    return violations.filter((v) => ['serious', 'critical'].includes(v.impact))
      .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}
