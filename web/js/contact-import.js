// Bulk changes to a customer's contacts from CSV (email,topics,action): Preview lists exactly what would change
// and every bad line, writing nothing; Apply queues the same CSV as a server job (SES allows about one
// management call a second), whose progress is polled here. The jobs live on the server: leaving and coming
// back shows them, finished or still running.
import { get, postCsv, describeError, ApiError } from './api.js';
import { el, clear, setStatus, busy, plural } from './dom.js';
import { formatDateTime } from './time.js';
import { customerPath } from './contacts.js';

const POLL_MS = 1000;
const $ = (id) => document.getElementById(id);
const importPath = (code) => `${customerPath(code)}/contacts/import`;
const jobPath = (code, id) => `${customerPath(code)}/jobs${id ? `/${encodeURIComponent(id)}` : ''}`;
const finished = (job) => job.status === 'done' || job.status === 'failed';
const pause = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });
const topicList = (topics) => (topics ? topics.join(', ') || 'none' : '—');

function changeRow(c) {
  return el('tr', { testid: 'preview-row', dataset: { email: c.email, action: c.action } },
    el('th', { scope: 'row' }, c.email),
    el('td', { testid: 'preview-action' }, c.action),
    el('td', { testid: 'preview-before' }, topicList(c.before)),
    el('td', { testid: 'preview-after' }, topicList(c.after)));
}

const errorLine = (e) => el('li', { testid: 'preview-error' }, `Line ${e.line}${e.field ? `, ${e.field}` : ''}: ${e.message}`);

function summaryText({ add = 0, remove = 0, update = 0, unchanged = 0 } = {}) {
  return `${plural(add, 'contact')} to add, ${remove} to remove, ${update} to update, ${unchanged} unchanged.`;
}

function jobItem(job) {
  // done counts every row worked, those that failed among them.
  const settled = Math.min(job.done, job.total);
  return el('li', { testid: 'job', dataset: { jobId: job.jobId, status: job.status } },
    el('span', { class: 'title' },
      el('strong', { testid: 'job-status' }, job.status), ` · ${plural(job.total, 'contact')}`,
      el('span', { class: 'when' }, ` · by ${job.createdBy || 'unknown'}, ${formatDateTime(job.createdAt)}`)),
    el('progress', { max: String(job.total || 1), value: String(settled), 'aria-label': `Import ${job.jobId}: ${settled} of ${job.total}` }),
    el('span', { testid: 'job-progress' }, `${settled} of ${job.total} done${job.failed ? `, ${job.failed} of them failed` : ''}`),
    job.backup ? el('span', { class: 'muted small' }, `Backup: ${job.backup}`) : null,
    job.errors?.length ? el('ul', { class: 'plain-list error', testid: 'job-errors' }, job.errors.map((e) => el('li', {}, `${e.email}: ${e.message}`))) : null);
}

export function createImport() {
  const status = $('bulk-status');
  // generation: a customer switch ends the polling of the previous customer's jobs.
  const state = { customer: null, previewed: null, generation: 0 };

  function showJob(job) {
    const old = $('job-list').querySelector(`[data-job-id="${CSS.escape(job.jobId)}"]`);
    if (old) old.replaceWith(jobItem(job));
    else $('job-list').prepend(jobItem(job));
  }

  async function watch(jobId, generation) {
    while (generation === state.generation) {
      try {
        const { data } = await get(jobPath(state.customer, jobId));
        if (generation !== state.generation) return;
        showJob(data);
        if (finished(data)) return;
      } catch (err) {
        setStatus(status, describeError(err, 'Reading the job'), 'error');
        return;
      }
      await pause(POLL_MS);
    }
  }

  async function loadJobs() {
    const generation = state.generation;
    try {
      const { data } = await get(jobPath(state.customer));
      const jobs = data.items || [];
      clear($('job-list'), jobs.length ? jobs.map(jobItem) : el('li', { class: 'empty', testid: 'no-jobs' }, 'No bulk changes yet.'));
      for (const job of jobs.filter((j) => !finished(j))) watch(job.jobId, generation);
    } catch (err) {
      setStatus(status, describeError(err, 'Loading the bulk jobs'), 'error');
    }
  }

  function showPreview(data) {
    const changes = data.changes || [];
    const errors = data.errors || [];
    $('preview-summary').textContent = summaryText(data.summary);
    clear($('preview-errors'), errors.map(errorLine));
    clear($('preview-rows'), changes.length ? changes.map(changeRow) : el('tr', { class: 'empty' }, el('td', { colspan: '4' }, 'No contacts in the CSV.')));
    $('bulk-preview-out').hidden = false;
    const writes = changes.some((c) => c.action !== 'unchanged');
    $('bulk-apply').disabled = errors.length > 0 || !writes;
    setStatus(status, errors.length ? `${plural(errors.length, 'line')} to fix before applying.` : writes ? 'Check the changes, then apply them.' : 'Nothing would change.', errors.length ? 'error' : 'info');
  }

  async function preview() {
    const text = $('bulk-text').value;
    try {
      const { data } = await postCsv(`${importPath(state.customer)}/preview`, text);
      state.previewed = text;
      showPreview(data);
      $('preview-h').focus();
    } catch (err) {
      setStatus(status, describeError(err, 'The preview'), 'error');
    }
  }

  async function apply() {
    if (state.previewed !== $('bulk-text').value) return;
    // Stays disabled once queued: the same CSV applied twice would be two jobs.
    $('bulk-apply').disabled = true;
    try {
      const { data } = await postCsv(importPath(state.customer), state.previewed);
      $('bulk-preview-out').hidden = true;
      setStatus(status, `Queued: ${plural(data.total, 'contact')}. It runs on the server; you may leave this page.`, 'success');
      $('job-list').querySelector('.empty')?.remove();
      showJob({ jobId: data.jobId, status: data.status, total: data.total, done: 0, failed: 0 });
      watch(data.jobId, state.generation);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && Array.isArray(err.problem.errors)) showPreview({ changes: [], errors: err.problem.errors });
      else setStatus(status, describeError(err, 'Applying the changes'), 'error');
    }
  }

  // The CSV changed since its preview: preview it again before it may be applied.
  $('bulk-text').addEventListener('input', () => { $('bulk-apply').disabled = true; });
  $('bulk-file').addEventListener('change', async (e) => {
    const file = e.currentTarget.files[0];
    if (!file) return;
    $('bulk-text').value = await file.text();
    $('bulk-apply').disabled = true;
    setStatus(status, `${file.name} loaded: preview it to see what it would change.`, 'info');
  });
  $('bulk-preview').addEventListener('click', (e) => busy(e.currentTarget, preview));
  $('bulk-apply').addEventListener('click', apply);

  return {
    show(customer) {
      Object.assign(state, { customer, previewed: null, generation: state.generation + 1 });
      $('bulk-preview-out').hidden = true;
      $('bulk-apply').disabled = true;
      setStatus(status, '');
      return loadJobs();
    },
  };
}
