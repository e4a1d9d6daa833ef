// Shared pieces of pages: labels, badges, the paged list.
import { h, replace } from './dom.js';

export const PLATFORM_LABEL = { linkedin: 'LinkedIn', twitter: 'X', pitch_deck: 'Pitch deck',
                                bluesky: 'Bluesky' };
export const STATUS_LABEL = {
  draft: 'Draft', in_review: 'In review', changes_requested: 'Changes requested',
  approved: 'Approved', scheduled: 'Scheduled', queued: 'Queued', running: 'Running',
  succeeded: 'Succeeded', partial: 'Partial', failed: 'Failed', cancelled: 'Cancelled',
};

export function badge(status) {
  return h('span', { class: `badge badge-${status}` }, STATUS_LABEL[status] || status);
}

export function platformLabel(p) {
  return PLATFORM_LABEL[p] || p;
}

export function excerpt(text, n = 140) {
  const t = (text || '').replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

export function pageHeader(title, ...actions) {
  return h('div', { class: 'page-header' }, h('h1', null, title),
           actions.length ? h('div', { class: 'actions' }, actions) : null);
}

export function errorBox(message) {
  return h('p', { class: 'error-box', role: 'alert' }, message);
}

export function empty(message, ...more) {
  return h('div', { class: 'empty' }, h('p', null, message), more);
}

/**
 * A list read page by page with the API's cursors: `load(cursor)` → {rows, next}. Shows
 * "Load more" while there is a next page; `row(x)` renders one entry.
 */
export function pagedList({ load, row, emptyText, label }) {
  const list = h('ul', { class: 'rows', 'aria-label': label });
  const more = h('button', { type: 'button', class: 'button', hidden: true }, 'Load more');
  const status = h('p', { class: 'muted', role: 'status' });
  let next = '';
  let count = 0;
  async function page(reset) {
    if (reset) {
      replace(list);
      next = '';
      count = 0;
    }
    more.disabled = true;
    status.textContent = 'Loading…';
    try {
      const { rows, next: n } = await load(next);
      next = n || '';
      for (const r of rows) list.append(h('li', null, row(r)));
      count += rows.length;
      status.textContent = count === 0 ? emptyText : `${count} shown${next ? '' : ' (all)'}`;
    } catch (error) {
      status.textContent = error.message;
    } finally {
      more.disabled = false;
      more.hidden = !next;
    }
  }
  more.addEventListener('click', () => page(false));
  const el = h('div', { class: 'paged' }, list, status, more);
  el.reload = () => page(true);
  return el;
}

/** RFC 3339 from a <input type=date> value at the start of that day (UTC). */
export function dateStart(value, addDays = 0) {
  if (!value) return '';
  const d = new Date(`${value}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + addDays);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
