// A lifecycle action as the portal performs it (the detail page's buttons, and Submit on the form): what
// it asks first (approve: an optional comment; reject: a required one; cancel: a reason), the override a
// schedule rule needs (submit or approve a window that has ended: backdated; complete before the start:
// early; each with a required reason), and POST /api/changes/{id}/{action} {comment, reason, backdated, early}.
// A refusal the person can answer (a 400 naming the comment, the reason or the window; a 409 naming the freezes the
// window runs into, answered as an emergency change with a reason) asks again.
import { post, changePath, ifMatch, ApiError } from './api.js';
import { askAction } from './action-dialog.js';
import { formatDateTime, formatWindow } from './time.js';

const at = (iso, change) => `${formatDateTime(iso, change.timezone)} (${change.timezone || 'UTC'})`;
const ended = (change, now) => Boolean(change.implementationEnd) && Date.parse(change.implementationEnd) <= now;
const notStarted = (change, now) => Boolean(change.implementationStart) && Date.parse(change.implementationStart) > now;

/** The rule an action may need overridden: its flag, the field a refusal names, and when the portal sees it coming. */
const RULES = {
  submit: { flag: 'backdated', field: 'implementationEnd', due: ended },
  approve: { flag: 'backdated', field: 'implementationEnd', due: ended },
  complete: { flag: 'early', field: 'implementationStart', due: notStarted },
};

const OVERRIDE_FIELDS = {
  backdated: (c) => ({
    name: 'backdated', type: 'checkbox', required: true, label: 'Backdated: an emergency change already carried out',
    hint: `The window ended ${at(c.implementationEnd, c)}.`,
    requiredMessage: 'The window has ended: tick this to go ahead as backdated, or edit the change to move the window.',
  }),
  early: (c) => ({
    name: 'early', type: 'checkbox', required: true, label: 'Complete early, before the window starts',
    hint: `The window starts ${at(c.implementationStart, c)}.`,
    requiredMessage: 'The window has not started: tick this to complete it early.',
  }),
};

/** A freeze a refusal names, as a person reads it: "Year end (Dec 24, 2026, 00:00 – … UTC): Audit". */
const freezeLine = (f) => `${f.name || f.freezeId} (${formatWindow(f.start, f.end, f.timezone)}${f.global ? ', all customers' : `, ${(f.customers || []).join(', ')}`})${f.reason ? `: ${f.reason}` : ''}`;

const emergencyField = (freezes) => ({
  name: 'emergency', type: 'checkbox', required: true, label: 'Emergency change: go ahead despite the freeze',
  hint: `The window runs into ${freezes.map(freezeLine).join('; ')}. The reason is recorded and shown in the change's emails.`,
  requiredMessage: 'The window runs into a freeze: tick this to go ahead as an emergency change, or edit the change to move the window.',
});

const reasonField = (required) => ({
  name: 'reason', type: 'textarea', required, label: required ? 'Reason' : 'Reason (optional)',
  hint: 'Recorded in the change\'s history.', requiredMessage: 'Give the reason: it is recorded with the change.',
});

const commentField = (required) => ({
  name: 'comment', type: 'textarea', required, label: required ? 'Comment for the author' : 'Comment (optional)',
  hint: required ? 'The author reads it to fix the change and submit it again.' : 'Shown in the change\'s history.',
  requiredMessage: 'Say why the change is rejected: its author needs it to fix and resubmit it.',
});

/** What each action asks; `always`: a dialog even when no rule needs overriding. */
const ASKS = {
  submit: { verb: 'Submit', confirm: 'Submit for approval', intro: 'Approval requests go to each customer\'s approvers.', fields: [] },
  approve: { verb: 'Approve', confirm: 'Approve', always: true, intro: 'Each customer is told: the announcement and calendar invitation go out.', fields: [commentField(false)] },
  reject: { verb: 'Reject', confirm: 'Reject', danger: true, always: true, intro: 'The change goes back to its author as rejected, to edit and submit again. Customers are not told.', fields: [commentField(true)] },
  complete: { verb: 'Complete', confirm: 'Mark completed', intro: 'The change is recorded as carried out.', fields: [] },
  cancel: { verb: 'Cancel', confirm: 'Cancel change', dismiss: 'Keep it', danger: true, always: true, intro: 'Customers who were told about it get a cancellation notice.', fields: [reasonField(false)] },
};

/**
 * The dialog for `action` on `change`, or null when it asks nothing. An announcement names itself (`label`) and
 * says what its action does (`intro`, `confirm`); it has no window, so no rule ever needs overriding.
 */
export function dialogFor(action, change, { override = false, freezes = null, errors, message, values, label = change.changeId, intro, confirm } = {}) {
  const ask = ASKS[action];
  if (!ask || (!ask.always && !override && !freezes)) return null;
  const overrides = [override ? OVERRIDE_FIELDS[RULES[action].flag](change) : null, freezes ? emergencyField(freezes) : null].filter(Boolean);
  const fields = overrides.length ? [...ask.fields, ...overrides, reasonField(true)] : ask.fields;
  return { title: `${ask.verb} ${label}`, intro: intro || ask.intro, confirm: confirm || ask.confirm, dismiss: ask.dismiss, danger: ask.danger, fields, errors, message, values };
}

/** The body of the action: only what was given (no body at all when nothing was). */
export function actionBody(values) {
  const body = Object.fromEntries(Object.entries(values || {}).filter(([, v]) => v !== '' && v !== false));
  return Object.keys(body).length ? body : undefined;
}

/** A 400 the dialog can answer (its fields, or the rule's window field): {override, errors, message}; else null. */
function answerable(action, err) {
  if (!(err instanceof ApiError) || err.status !== 400) return null;
  const rule = RULES[action];
  const map = { comment: 'comment', reason: 'reason', ...(rule ? { [rule.field]: rule.flag } : {}) };
  const keys = Object.keys(err.errors);
  if (!keys.length || keys.some((k) => !map[k])) return null;
  const errors = Object.fromEntries(keys.map((k) => [map[k], [].concat(err.errors[k]).join(' ')]));
  return { override: Boolean(rule && errors[rule.flag]), errors, message: err.problem.title };
}

/** A 409 naming the freezes the window runs into (Problems.cs: ChangeFrozenException): {freezes, message}; else null. */
function frozen(err) {
  if (!(err instanceof ApiError) || err.status !== 409 || !Array.isArray(err.problem.freezes)) return null;
  return { freezes: err.problem.freezes, errors: undefined, message: err.problem.detail || err.problem.title };
}

/**
 * Performs the action: asks what it needs (null when the person dismisses the dialog), sends it through
 * `send` (e.g. to show it busy) to POST {path}/{action}, and answers the server's answerable refusals by asking again.
 * `path`, `label`, `intro`, `confirm`: another object's (an announcement's). Resolves the API's answer ({data, etag})
 * or null; other errors are thrown.
 */
export async function performAction(action, change, version, {
  opener, send = (fn) => fn(), now = Date.now(), path = changePath(change.changeId), label, intro, confirm,
} = {}) {
  let answer = { override: Boolean(RULES[action]?.due(change, now)), label, intro, confirm };
  for (;;) {
    const spec = dialogFor(action, change, answer);
    const values = spec ? await askAction(spec, opener) : {};
    if (values === null) return null;
    try {
      return await send(() => post(`${path}/${action}`, actionBody(values), { headers: ifMatch(version) }));
    } catch (err) {
      const refusal = answerable(action, err) || frozen(err);
      if (!refusal) throw err;
      answer = { ...answer, ...refusal, override: answer.override || Boolean(refusal.override), freezes: refusal.freezes || answer.freezes, values };
    }
  }
}
