// Runs: the workspace's jobs, newest first, filtered by status and date, page by page.
import { h, field } from '../lib/dom.js';
import { get, can } from '../lib/api.js';
import { badge, excerpt, pageHeader, pagedList, platformLabel, dateStart } from '../lib/ui.js';
import { relative } from '../lib/time.js';

const STATUSES = ['', 'queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled'];

export function render(main) {
  const status = field('Status', h('select', { name: 'status' },
    STATUSES.map((s) => h('option', { value: s }, s ? s[0].toUpperCase() + s.slice(1) : 'Any'))));
  const from = field('From', h('input', { type: 'date', name: 'from' }));
  const to = field('To', h('input', { type: 'date', name: 'to' }));
  const list = pagedList({
    label: 'Runs',
    emptyText: 'No runs match. Start one with "New content".',
    load: async (cursor) => {
      const body = await get('/api/v1/jobs', {
        status: status.control.value, cursor, limit: 25,
        created_from: dateStart(from.control.value), created_to: dateStart(to.control.value, 1),
      });
      return { rows: body.jobs, next: body.next_cursor };
    },
    row: (job) => h('a', { href: `/jobs/${encodeURIComponent(job.job_id)}`, class: 'row-link' },
      h('span', { class: 'row-main' }, excerpt(job.brief?.prompt || job.job_id, 120)),
      h('span', { class: 'row-meta' },
        (job.requested_platforms || []).map(platformLabel).join(' · '), ' · ',
        h('time', { datetime: job.created_at, title: job.created_at }, relative(job.created_at))),
      badge(job.status)),
  });
  const filters = h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); list.reload(); },
                              onchange: () => list.reload() }, status, from, to);
  main.append(pageHeader('Runs', can('editor') ? h('a', { href: '/new', class: 'button primary' },
                                                  'Start a run') : null),
              filters, list);
  list.reload();
}
