// The change form's own checks, before the server's: what submitting needs, the field limits, the zone and
// the window; and the server's problem `errors` under the form's field keys. Plain functions of the values.
import { TEXT_FIELDS, PROP_TO_KEY } from './change-fields.js';
import { isValidZone, zoneProblem, localInputToIso } from './time.js';

const REQUIRED_MESSAGE = 'Required.';

/** {key: message} for the form's values {title, …, customers, timezone, start, end}; submitting needs every required field. */
export function validate(v, forSubmit) {
  const errors = {};
  if (forSubmit) {
    for (const f of TEXT_FIELDS) if (f.required && !v[f.key].trim()) errors[f.key] = REQUIRED_MESSAGE;
    if (!v.customers.length) errors.customers = 'Pick at least one customer.';
    if (!v.start) errors.start = REQUIRED_MESSAGE;
    if (!v.end) errors.end = REQUIRED_MESSAGE;
    if (!v.timezone) errors.timezone = REQUIRED_MESSAGE;
  }
  for (const f of TEXT_FIELDS) {
    if (f.limit && v[f.key].length > f.limit) errors[f.key] = `At most ${f.limit} characters; this one has ${v[f.key].length}.`;
  }
  if (zoneProblem(v.timezone)) errors.timezone = zoneProblem(v.timezone);
  const zone = isValidZone(v.timezone) ? v.timezone : 'UTC'; // wall clocks compare alike in any zone but across a DST change
  if (v.start && v.end && Date.parse(localInputToIso(v.end, zone)) <= Date.parse(localInputToIso(v.start, zone))) {
    errors.end = 'The end must be after the start.';
  }
  return errors;
}

/** Server problem `errors` ({changeTitle: ["Required."]}) → {title: "Required."}. */
export function mapServerErrors(errors) {
  const out = {};
  for (const [name, messages] of Object.entries(errors || {})) {
    const prop = name.replace(/^\$\.?/, '').split(/[.[]/)[0];
    const normal = prop.charAt(0).toLowerCase() + prop.slice(1);
    const key = PROP_TO_KEY[normal] || normal;
    const text = (Array.isArray(messages) ? messages : [messages]).join(' ');
    out[key] = out[key] ? `${out[key]} ${text}` : text;
  }
  return out;
}
