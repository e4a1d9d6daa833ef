// The validator's findings, worst first.
import { h } from '../lib/dom.js';

const ORDER = { error: 0, warning: 1, info: 2 };

export function issuesList(issues) {
  if (!issues || !issues.length) return h('p', { class: 'ok' }, 'No issues found.');
  const sorted = [...issues].sort((a, b) => (ORDER[a.severity] ?? 3) - (ORDER[b.severity] ?? 3));
  return h('ul', { class: 'issues' }, sorted.map((i) =>
    h('li', { class: `issue issue-${i.severity}` },
      h('span', { class: 'sev' }, i.severity), ' ', i.message,
      i.location ? h('span', { class: 'muted small' }, ` (${i.location})`) : null)));
}
