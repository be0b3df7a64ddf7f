// The change fields as the portal names them (data-testid suffix) and as the API names them.
// maxLength: the server's limits (ChangeLimits), cut by the textarea; the tickets' are on their inputs in change.html.
// limit: the server's limit, shown with a counter and refused with a message instead of cutting the text.
const LONG_TEXT = 20000;
export const TEXT_FIELDS = [
  { key: 'title', prop: 'changeTitle', label: 'Title', required: true, limit: 200 },
  { key: 'snow', prop: 'snowTicket', label: 'ServiceNow ticket' },
  { key: 'jira', prop: 'jiraTicket', label: 'Jira issue' },
  // Multi-line fields: the form builds a textarea for each (rows; wide = full row).
  { key: 'reason', prop: 'changeReason', label: 'Reason', formLabel: 'Reason for the change', required: true, rows: 3, wide: true, maxLength: LONG_TEXT },
  { key: 'implementation-plan', prop: 'implementationPlan', label: 'Implementation plan', required: true, rows: 5, wide: true, maxLength: LONG_TEXT },
  { key: 'test-plan', prop: 'testPlan', label: 'Test plan', required: true, rows: 4, maxLength: LONG_TEXT },
  { key: 'customer-impact', prop: 'customerImpact', label: 'Customer impact', required: true, rows: 4, maxLength: LONG_TEXT },
  { key: 'rollback-plan', prop: 'rollbackPlan', label: 'Rollback plan', required: true, rows: 4, wide: true, maxLength: LONG_TEXT },
];

/** API property → form key, for mapping server validation errors onto fields. */
export const PROP_TO_KEY = {
  ...Object.fromEntries(TEXT_FIELDS.map((f) => [f.prop, f.key])),
  customers: 'customers',
  implementationStart: 'start',
  implementationEnd: 'end',
  timezone: 'timezone',
};

/** Labels for every change property shown in diffs. */
export const PROP_LABELS = {
  ...Object.fromEntries(TEXT_FIELDS.map((f) => [f.prop, f.label])),
  customers: 'Customers',
  implementationStart: 'Start',
  implementationEnd: 'End',
  timezone: 'Time zone',
  status: 'Status',
};
