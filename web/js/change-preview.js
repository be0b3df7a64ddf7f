// The forms' preview: every email the change's lifecycle sends (POST /api/preview), or the announcement's notice
// (POST /api/announcements/preview), as the server renders it for one customer, writing nothing; each in a sandboxed frame.
import { post, query, describeError, ApiError } from './api.js';
import { el, clear, setStatus, busy, fillSelect, mailFrame, plural } from './dom.js';

const title = (kind) => kind.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

function pane(item) {
  return el('section', { class: 'preview-pane', testid: `preview-${item.kind}`, 'aria-label': `${item.kind} email` },
    el('h3', {}, title(item.kind), item.topic ? el('span', { class: 'muted small' }, ` · topic ${item.topic}`) : null),
    el('div', { class: 'subject' }, 'Subject: ', item.subject || ''),
    mailFrame(item.html, `${item.kind} email preview`));
}

/**
 * body(): the API body of the form as it stands; path: the preview route it is posted to. read(customer): instead,
 * how the preview is read (a saved announcement's GET …/preview).
 */
export function createPreview({ select, output, status, button, body, path = '/api/preview', read = (customer) => post(`${path}${query({ customer })}`, body()) }) {
  async function show() {
    if (!select.value) { setStatus(status, 'Pick a customer to preview.', 'error'); return; }
    setStatus(status, 'Rendering…', 'busy');
    await busy(button, async () => {
      try {
        const { data } = await read(select.value);
        const items = data.items || [];
        clear(output, items.map(pane));
        setStatus(status, items.length ? `${plural(items.length, 'notification')} for ${select.selectedOptions[0].textContent}.` : 'No notifications for this customer.', 'success');
      } catch (err) {
        clear(output);
        setStatus(status, err instanceof ApiError && err.status === 404 && !err.problem.detail
          ? 'Preview is not available on this server yet.' : describeError(err, 'The preview'), 'error');
      }
    });
  }

  button.addEventListener('click', show);
  return {
    /** The customers to preview for: the selected ones, or every one while none is. */
    offer(customers, selectedCodes) {
      const chosen = new Set(selectedCodes);
      const list = customers.filter((c) => chosen.size === 0 || chosen.has(c.code));
      fillSelect(select, list.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` })));
    },
  };
}

/**
 * The preview's controls under the card's heading in `container` (intro: what it shows): the customer, the button,
 * the status and the output. Returns the nodes createPreview takes.
 */
export function mountPreview(container, intro) {
  const nodes = {
    select: el('select', { id: 'preview-customer', testid: 'preview-customer', 'data-no-draft': '', style: 'max-width:320px' }),
    button: el('button', { type: 'button', class: 'btn', id: 'preview-load', testid: 'preview-load' }, 'Show preview'),
    status: el('div', { id: 'preview-status', class: 'status', role: 'status', 'aria-live': 'polite', hidden: true }),
    output: el('div', { id: 'preview-output' }),
  };
  container.append(el('p', { class: 'muted small' }, intro),
    el('div', { class: 'row' }, el('label', { for: 'preview-customer' }, 'Customer'), nodes.select, nodes.button), nodes.status, nodes.output);
  return nodes;
}
