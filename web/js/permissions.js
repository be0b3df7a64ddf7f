// What the signed-in user may do with a change: the API's permission matrix, mirrored so the portal
// shows only the actions that will be allowed. The API decides; this only hides what it would refuse.

const has = (me, ...roles) => (me?.roles || []).some((r) => roles.includes(r));
const own = (me, change) => !!me && change.createdBy === me.user;
// A draft, and a change an approver sent back (rejected), are its author's to edit and submit.
const authors = (change) => change.status === 'draft' || change.status === 'rejected';

const RULES = {
  'action-edit': (me, c) => has(me, 'admin') || (authors(c) ? has(me, 'editor') && own(me, c) : has(me, 'approver')),
  'action-submit': (me, c) => has(me, 'admin') || (has(me, 'editor') && own(me, c)),
  'action-approve': (me) => has(me, 'admin', 'approver'),
  'action-reject': (me) => has(me, 'admin', 'approver'),
  'action-complete': (me) => has(me, 'admin', 'approver'),
  'action-cancel': (me) => has(me, 'admin', 'approver'),
  'action-delete': (me, c) => has(me, 'admin') || (has(me, 'editor') && own(me, c)),
  // POST /api/dead-letters/redrive is admin-only.
  'action-redrive': (me) => has(me, 'admin'),
  // Adding, editing and removing freezes is an admin's (the API also keeps a scoped admin to their customers).
  'freeze-write': (me) => has(me, 'admin'),
  // A customer's contacts and topics: admins, and the subscriptions role (the API keeps both to their customers).
  'subscriptions-manage': (me) => has(me, 'admin', 'subscriptions'),
  // Asking for a fresh alternate contact check is an admin's (every role reads the reports).
  'contacts-check': (me) => has(me, 'admin'),
};

/** True when the user's roles allow the action on this change (the lifecycle is checked separately); freeze-write, subscriptions-manage and contacts-check take none. */
export function allows(me, action, change) {
  const rule = RULES[action];
  return rule ? rule(me, change || {}) : false;
}

/**
 * What an emailed approve link (detail.html?id=…&action=approve) shows: the approve action ready, or why
 * not. Opening the link never approves; the person presses Approve (and the API decides).
 */
export function approveInvitation(me, change) {
  if (change.status !== 'submitted') {
    return { ready: false, message: `This change is ${change.status}: there is nothing to approve.` };
  }
  if (!allows(me, 'action-approve', change)) {
    const who = me?.user ? ` You are signed in as ${me.user}${me.roles?.length ? ` (${me.roles.join(', ')})` : ''}.` : '';
    return { ready: false, message: `Approving needs the approver or admin role.${who} Ask an approver to approve it.` };
  }
  return { ready: true, message: 'This change awaits your approval: review it below, then press Approve.' };
}
