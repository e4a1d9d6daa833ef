// Content: every item of the workspace, filtered by status, platform and date, page by page.
import { h, field } from '../lib/dom.js';
import { get } from '../lib/api.js';
import { badge, excerpt, pageHeader, pagedList, platformLabel, dateStart, STATUS_LABEL } from '../lib/ui.js';
import { relative } from '../lib/time.js';

export function render(main) {
  const status = field('Status', h('select', { name: 'status' }, h('option', { value: '' }, 'Any'),
    ['draft', 'in_review', 'changes_requested', 'approved', 'scheduled'].map((s) =>
      h('option', { value: s }, STATUS_LABEL[s]))));
  const platform = field('Platform', h('select', { name: 'platform' }, h('option', { value: '' }, 'Any'),
    ['linkedin', 'twitter', 'pitch_deck'].map((p) => h('option', { value: p }, platformLabel(p)))));
  const from = field('From', h('input', { type: 'date', name: 'from' }));
  const to = field('To', h('input', { type: 'date', name: 'to' }));
  const list = pagedList({
    label: 'Content items',
    emptyText: 'No content matches these filters.',
    load: async (cursor) => {
      const body = await get('/api/v1/content', {
        status: status.control.value, platform: platform.control.value, cursor, limit: 25,
        created_from: dateStart(from.control.value), created_to: dateStart(to.control.value, 1),
      });
      return { rows: body.items, next: body.next_cursor };
    },
    row: (item) => h('a', { href: `/jobs/${encodeURIComponent(item.job_id)}#${item.id}`,
                            class: 'row-link' },
      h('span', { class: 'row-main' },
        h('strong', null, platformLabel(item.platform)), ' ',
        excerpt(item.body || item.parts?.[0]?.title || item.parts?.[0]?.body || '', 110)),
      h('span', { class: 'row-meta' }, `score ${Number(item.score).toFixed(2)} · version ${item.version} · `,
        h('time', { datetime: item.updated_at }, relative(item.updated_at))),
      badge(item.status)),
  });
  const filters = h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); list.reload(); },
                              onchange: () => list.reload() }, status, platform, from, to);
  main.append(pageHeader('Content'), filters, list);
  list.reload();
}
