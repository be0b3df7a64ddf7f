// What saving the form would do, asked of POST /api/changes/check (read-only: it writes nothing) while the
// person edits: next to Save, "This needs approval again; 4 customers will be told" for a material edit of
// an approved change, or that it stays approved with an "Updated" announcement; and the warnings
// (overlapping changes of the same customers, a window longer than the maximum) under the schedule.
import { post, ApiError } from './api.js';
import { debounce, plural } from './dom.js';
import { PROP_LABELS } from './change-fields.js';
import { renderWarnings } from './warnings.js';

const CHECK_DELAY_MS = 400;
const labels = (fields) => fields.map((f) => PROP_LABELS[f] || f).join(', ');

/** The sentence for a check's answer ({status, resultingStatus, materialFields, reapproval, customersTold}). */
export function outcomeText(check) {
  const told = check.customersTold?.length || 0;
  if (check.reapproval) {
    return `This needs approval again (${labels(check.materialFields || [])} changed): it goes back to submitted and ${plural(told, 'customer')} will be told.`;
  }
  if (check.status === 'approved') {
    return `It stays approved: ${plural(told, 'customer')} ${told === 1 ? 'gets' : 'get'} an "Updated" announcement.`;
  }
  if (told) return `It stays ${check.resultingStatus}: ${plural(told, 'customer')} will be told of the update.`;
  return check.resultingStatus === 'draft' ? 'Saved as a draft: nobody is told until it is submitted.'
    : `It stays ${check.resultingStatus}: nobody is told until it is submitted.`;
}

/**
 * outcome: the element next to Save; warnings: the warnings box; body(): the API body of the form;
 * changed(): whether the form differs from what was last saved (only then is the outcome shown).
 */
export function createSaveCheck({ outcome, warnings, body, changed }) {
  let seq = 0;
  const show = (text, kind = '') => { outcome.textContent = text; outcome.dataset.kind = kind; };

  async function run() {
    const mine = ++seq;
    const payload = body();
    if (!payload.changeId && !(payload.implementationStart && payload.implementationEnd && payload.customers.length)) {
      show(''); renderWarnings(warnings, []); return;
    }
    try {
      const { data } = await post('/api/changes/check', payload);
      if (mine !== seq) return;
      if (changed()) show(outcomeText(data), data.reapproval ? 'reapproval' : ''); else show('');
      renderWarnings(warnings, data.warnings);
    } catch (err) {
      if (mine !== seq) return;
      // Fields the server does not accept yet: saving reports them; there is no outcome to tell.
      show(err instanceof ApiError && err.status === 400 ? '' : 'What saving would do could not be checked.');
    }
  }

  return {
    refresh: debounce(run, CHECK_DELAY_MS),
    now: run,
    /** A write's own warnings (the answer of PUT or POST). */
    showWarnings: (list) => renderWarnings(warnings, list),
  };
}
