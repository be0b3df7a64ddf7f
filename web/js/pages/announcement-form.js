// The announcement form: create (POST) or edit (?id=, PUT with If-Match) a draft or a submitted announcement,
// preview its email for a customer as the server renders it, and publish it (submit: a type without approval is
// sent at once, another waits for an approver), then on to its page.
import '../layout.js';
import { markCurrentNav } from '../layout.js';
import {
  get, post, put, announcementPath, ifMatch, versionFromEtag, getCustomers, getAnnouncementTypes, describeError, ApiError,
} from '../api.js';
import { el, clear, setStatus, params, busy, fillSelect, announcementHref } from '../dom.js';
import { browserZone, zones, localInputToIso, isoToLocalInput } from '../time.js';
import { performAction } from '../change-actions.js';
import { createCustomerPicker, mountCustomerFieldset } from '../customer-picker.js';
import { createPreview, mountPreview } from '../change-preview.js';

const $ = (id) => document.getElementById(id);
const statusBox = $('form-status');
const saveButton = $('save-draft');
const submitButton = $('submit');

const state = { id: params().get('id') || null, version: undefined, server: null, types: [] };

const preview = createPreview({
  ...mountPreview($('preview-card'), 'The email a customer\'s subscribers will get, as the form is now, rendered and sanitised by the server.'),
  body: () => toPayload(), path: '/api/announcements/preview',
});
const picker = createCustomerPicker({
  ...mountCustomerFieldset($('customers-card'), 'Customers told'),
  onSelect: () => {}, onCount: () => preview.offer(picker.customers(), picker.selected()),
});

// ---------------------------------------------------------------- form ⇄ JSON

/** "Title | https://…" a line → [{title, url}]; a line without a bar is an address titled by itself. */
function parseLinks(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
    const bar = line.lastIndexOf('|');
    return bar < 0 ? { title: line, url: line } : { title: line.slice(0, bar).trim(), url: line.slice(bar + 1).trim() };
  });
}

const formatLinks = (links = []) => links.map((l) => `${l.title || l.url} | ${l.url}`).join('\n');

/** The announcement as the API takes it; what the stored one holds beyond the form (attachments, attendees) is kept. */
function toPayload() {
  const meeting = $('f-include-meeting').checked;
  const zone = $('f-meeting-timezone').value.trim();
  const publish = $('f-publish-at').value;
  const duration = $('f-meeting-duration').value;
  return {
    ...(state.server || {}),
    announcement_type: $('f-type').value,
    title: $('f-title').value.trim(),
    summary: $('f-summary').value.trim(),
    content: $('f-content').value,
    customers: picker.selected(),
    links: parseLinks($('f-links').value),
    publishAt: publish ? localInputToIso(publish, browserZone()) || null : null,
    include_meeting: meeting,
    meeting_date: meeting && $('f-meeting-date').value ? localInputToIso($('f-meeting-date').value, zone) || `${$('f-meeting-date').value}:00` : null,
    meeting_timezone: meeting ? zone || null : null,
    meeting_duration: meeting && duration ? Number(duration) : null,
    meeting_location: meeting ? $('f-meeting-location').value.trim() || null : null,
  };
}

/** A stored meeting_date: an instant shown in its zone, or (no offset) the wall clock it already is. */
const meetingInput = (iso, zone) => (/(Z|[+-]\d{2}:\d{2})$/.test(iso || '') ? isoToLocalInput(iso, zone) : (iso || '').slice(0, 16));

function fill(a) {
  $('f-type').value = a.announcement_type || $('f-type').value;
  $('f-title').value = a.title || '';
  $('f-summary').value = a.summary || '';
  $('f-content').value = a.content || '';
  $('f-links').value = formatLinks(a.links || []);
  $('f-publish-at').value = a.publishAt ? isoToLocalInput(a.publishAt, browserZone()) : '';
  $('f-include-meeting').checked = a.include_meeting === true;
  $('f-meeting-date').value = meetingInput(a.meeting_date, a.meeting_timezone);
  $('f-meeting-timezone').value = a.meeting_timezone || '';
  $('f-meeting-duration').value = a.meeting_duration ?? '';
  $('f-meeting-location').value = a.meeting_location || '';
  picker.select(a.customers || []);
  showEvent();
  showType();
}

function showEvent() {
  $('event-fields').hidden = !$('f-include-meeting').checked;
  if ($('f-include-meeting').checked && !$('f-meeting-timezone').value) $('f-meeting-timezone').value = browserZone();
}

const typeOf = (name) => state.types.find((t) => t.name.toLowerCase() === String(name || '').toLowerCase());

/** What the chosen type does: its topic, and whether publishing sends at once or asks an approver first. */
function showType() {
  const t = typeOf($('f-type').value);
  $('type-hint').textContent = t ? `Goes to subscribers of ${t.topic}. ${t.approvalRequired ? 'Needs an approver before it is sent.' : 'Sent as soon as it is published.'}` : '';
  submitButton.textContent = t && !t.approvalRequired ? 'Publish' : 'Submit for approval';
}

// ---------------------------------------------------------------- errors

const FIELDS = ['announcement_type', 'title', 'summary', 'content', 'customers', 'links', 'publishAt', 'meeting_date', 'meeting_timezone', 'meeting_duration', 'meeting_location'];

/** The server's 400 under each field it names (JSON names, e.g. links[0].url under links); true when any was shown. */
function showErrors(errors = {}) {
  for (const f of FIELDS) $(`e-${f}`).textContent = '';
  let first = null;
  for (const [key, messages] of Object.entries(errors)) {
    const field = FIELDS.find((f) => key === f || key.startsWith(`${f}[`) || key.startsWith(`${f}.`));
    if (!field) continue;
    $(`e-${field}`).textContent = [].concat(messages).join(' ');
    first ??= field;
  }
  if (first) (first === 'customers' ? picker.firstField() : document.querySelector(`[name="${first}"]`))?.focus();
  return first !== null;
}

// ---------------------------------------------------------------- save and publish

/** Writes the form: creates the draft, or saves the edit on the version loaded. Resolves the stored announcement. */
async function save() {
  const res = state.id
    ? await put(announcementPath(state.id), toPayload(), { headers: ifMatch(state.version) })
    : await post('/api/announcements', toPayload());
  const saved = res.data.announcement || res.data;
  state.server = saved;
  state.id = saved.announcement_id;
  state.version = versionFromEtag(res.etag) ?? saved.version;
  history.replaceState(null, '', `announcement.html?id=${encodeURIComponent(state.id)}`);
  showSaved();
  return saved;
}

function showSaved() {
  $('form-heading').textContent = `Edit ${state.id}`;
  document.title = `Edit ${state.id} · ChangeMgmt`;
  $('form-version').textContent = `Version ${state.version}`;
  $('form-version').hidden = false;
  $('view-link').href = announcementHref(state.id);
  $('view-link').hidden = false;
  markCurrentNav(null);
}

function failed(err, what) {
  const shown = err instanceof ApiError && err.status === 400 && showErrors(err.errors);
  setStatus(statusBox, shown ? `${what}: fix the fields marked below.` : describeError(err, what), 'error');
}

async function saveDraft() {
  await busy(saveButton, async () => {
    setStatus(statusBox, 'Saving…', 'busy');
    try {
      await save();
      showErrors();
      setStatus(statusBox, `Saved — version ${state.version}.`, 'success');
    } catch (err) {
      failed(err, 'Saving');
    }
  });
}

/** Saves, then submits the version saved: the announcement's page tells what happened next. */
async function publish() {
  const type = typeOf($('f-type').value);
  await busy(submitButton, async () => {
    try {
      setStatus(statusBox, 'Saving…', 'busy');
      const saved = await save();
      showErrors();
      const res = await performAction('submit', saved, state.version, {
        opener: submitButton, path: announcementPath(state.id), label: state.id,
        send: (fn) => { setStatus(statusBox, type && !type.approvalRequired ? 'Publishing…' : 'Submitting…', 'busy'); return fn(); },
      });
      if (!res) return;
      location.assign(`${announcementHref(state.id)}&submitted=1`);
    } catch (err) {
      failed(err, type && !type.approvalRequired ? 'Publishing' : 'Submitting');
      statusBox.focus();
    }
  });
}

// ---------------------------------------------------------------- start

async function init() {
  $('publish-zone').textContent = browserZone();
  const zoneList = $('zone-list');
  clear(zoneList, zones().map((z) => el('option', { value: z })));
  try {
    state.types = await getAnnouncementTypes();
    fillSelect($('f-type'), state.types.map((t) => ({ value: t.name, label: `${t.displayName}${t.approvalRequired ? ' (needs approval)' : ''}` })));
    picker.render(await getCustomers(), new Set());
  } catch (err) {
    setStatus(statusBox, describeError(err, 'Loading types and customers'), 'error');
    return;
  }
  showType();
  if (!state.id) return;
  try {
    const res = await get(announcementPath(state.id));
    state.server = res.data;
    state.version = versionFromEtag(res.etag) ?? res.data.version;
    fill(res.data);
    showSaved();
    submitButton.hidden = res.data.status !== 'draft'; // a submitted one awaits its approver: saving keeps it submitted
    if (!['draft', 'submitted'].includes(res.data.status)) {
      setStatus(statusBox, `This announcement is ${res.data.status}: it can no longer be edited.`, 'error');
      saveButton.disabled = true;
      submitButton.disabled = true;
    }
  } catch (err) {
    setStatus(statusBox, describeError(err, `Loading ${state.id}`), 'error');
  }
}

$('f-type').addEventListener('change', showType);
$('f-include-meeting').addEventListener('change', showEvent);
saveButton.addEventListener('click', saveDraft);
submitButton.addEventListener('click', publish);
init();
