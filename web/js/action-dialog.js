// A modal dialog asking what a lifecycle action takes (a comment, a reason, an override of a schedule rule).
// Accessible: labelled by its heading and described by its text, every field labelled with its error tied to
// it, the focus kept inside (Tab wraps), Escape closes, and the focus goes back to the button that opened it.
import { el } from './dom.js';

let opened = 0;

/** A field: {name, label, type: 'textarea' | 'checkbox', required, hint, requiredMessage}. */
function fieldNode(field, id, error, value) {
  const ids = { input: `${id}-${field.name}`, hint: `${id}-${field.name}-hint`, error: `${id}-${field.name}-error` };
  const described = [field.hint ? ids.hint : null, ids.error].filter(Boolean).join(' ');
  const common = {
    id: ids.input, name: field.name, testid: `dialog-field-${field.name}`, 'aria-describedby': described,
    'aria-invalid': error ? 'true' : null, 'aria-required': field.required ? 'true' : null,
  };
  const hint = field.hint ? el('p', { class: 'hint', id: ids.hint }, field.hint) : null;
  const errorNode = el('p', { class: 'error', id: ids.error, testid: `dialog-error-${field.name}` }, error || '');
  if (field.type === 'checkbox') {
    return el('div', { class: 'field' },
      el('label', { class: 'inline-check', for: ids.input }, el('input', { type: 'checkbox', checked: value === true, ...common }), field.label), hint, errorNode);
  }
  const text = el('textarea', { rows: '3', ...common });
  text.value = typeof value === 'string' ? value : '';
  return el('div', { class: 'field' },
    el('label', { for: ids.input }, field.label, field.required ? el('span', { class: 'req', 'aria-hidden': 'true' }, '*') : null),
    text, hint, errorNode);
}

/** {name: value} of the dialog's fields: trimmed text, or checked. */
function valuesOf(dialog, fields) {
  return Object.fromEntries(fields.map((f) => {
    const input = dialog.querySelector(`[name="${f.name}"]`);
    return [f.name, f.type === 'checkbox' ? input.checked : input.value.trim()];
  }));
}

/** Marks the required fields left empty; returns the first such input, or null. */
function checkRequired(dialog, fields, values) {
  let first = null;
  for (const f of fields) {
    const input = dialog.querySelector(`[name="${f.name}"]`);
    const missing = f.required && !values[f.name];
    dialog.querySelector(`[data-testid="dialog-error-${f.name}"]`).textContent = missing ? f.requiredMessage || 'Required.' : '';
    if (missing) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
    if (missing && !first) first = input;
  }
  return first;
}

/** Tab and Shift+Tab wrap within the dialog. */
function trapFocus(dialog, e) {
  if (e.key !== 'Tab') return;
  const focusable = [...dialog.querySelectorAll('button, textarea, input, a[href]')].filter((n) => !n.disabled);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
  else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
}

function build(spec, id) {
  const errors = spec.errors || {};
  return el('dialog', { class: 'action-dialog', testid: 'action-dialog', 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-intro` },
    el('form', { method: 'dialog', novalidate: true },
      el('h2', { id: `${id}-title` }, spec.title),
      el('p', { id: `${id}-intro` }, spec.intro),
      spec.message ? el('p', { class: 'error', testid: 'dialog-message' }, spec.message) : null,
      spec.fields.map((f) => fieldNode(f, id, errors[f.name], spec.values?.[f.name])),
      el('div', { class: 'dialog-actions' },
        el('button', { type: 'button', class: 'btn', testid: 'dialog-dismiss' }, spec.dismiss || 'Back'),
        el('button', { type: 'submit', class: `btn ${spec.danger ? 'btn-danger' : 'btn-primary'}`, testid: 'dialog-confirm' }, spec.confirm))));
}

/**
 * Opens the dialog; resolves {name: value} when confirmed with every required field filled, or null when
 * dismissed (Back, Escape). spec: {title, intro, confirm, dismiss, danger, fields, errors: {name: message}, message,
 * values: {name: value} to start from}.
 */
export function askAction(spec, opener = document.activeElement) {
  const id = `action-dialog-${++opened}`;
  const dialog = build(spec, id);
  document.body.append(dialog);
  return new Promise((resolve) => {
    let result = null;
    dialog.addEventListener('keydown', (e) => trapFocus(dialog, e));
    dialog.querySelector('[data-testid="dialog-dismiss"]').addEventListener('click', () => dialog.close());
    dialog.querySelector('form').addEventListener('submit', (e) => {
      const values = valuesOf(dialog, spec.fields);
      const missing = checkRequired(dialog, spec.fields, values);
      if (missing) { e.preventDefault(); missing.focus(); return; }
      result = values;
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(result);
    });
    dialog.showModal();
    const invalid = dialog.querySelector('[aria-invalid="true"]');
    (invalid || dialog.querySelector('textarea, input') || dialog.querySelector('[data-testid="dialog-confirm"]')).focus();
  });
}
