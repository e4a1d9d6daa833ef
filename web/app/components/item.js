// One item's panel: its preview, review state, actions (edit, submit, approve, request changes,
// schedule), quality findings and version history. Controls a role may not use are absent.
import { h, replace, field, toast } from '../lib/dom.js';
import { get, patch, post, can } from '../lib/api.js';
import { badge, platformLabel } from '../lib/ui.js';
import { formatDateTime, relative } from '../lib/time.js';
import { previewOf } from './previews.js';
import { openEditor } from './editor.js';
import { issuesList } from './quality.js';
import { diffView, itemText } from '../lib/diff.js';

const path = (id) => `/api/v1/content/${encodeURIComponent(id)}`;

async function lengthsOf(item) {
  if (item.platform !== 'twitter' && item.platform !== 'bluesky') return [];
  try {
    // The stored text itself (only the id): the server measures it without drawing anything.
    const body = await post('/api/v1/validate', { platform: item.platform, item_id: item.id });
    return body.lengths || [];
  } catch {
    return [];
  }
}

/** The item's last review step: what, who, when, and the comment. */
export function reviewNote(item) {
  const r = item.review;
  if (!r) return null;
  const verb = { in_review: 'Submitted for review', approved: 'Approved',
                 changes_requested: 'Changes requested', scheduled: 'Scheduled',
                 draft: 'Back to draft' }[r.status] || 'Updated';
  return h('p', { class: `review-note review-${r.status}` },
           h('strong', null, verb), ` by ${r.by}`, r.at ? ` ${relative(r.at)}` : '',
           r.comment ? h('q', null, r.comment) : null);
}

function scheduleLine(item) {
  const s = item.schedule;
  if (!s || !s.at) return null;
  const zone = s.timezone || 'UTC';
  return h('p', { class: 'schedule-line' },
           item.status === 'scheduled' ? 'Scheduled for ' : 'Suggested time: ',
           h('time', { datetime: s.at }, formatDateTime(Date.parse(s.at), zone)), ` (${zone})`,
           s.reason ? h('span', { class: 'muted small' }, ` · ${s.reason}`) : null);
}

function historyPanel(item, onRestore) {
  const list = h('ol', { class: 'versions' });
  const compare = h('div', { class: 'compare' });
  const panel = h('div', { class: 'history' }, h('h3', null, 'Version history'), list, compare);
  get(`${path(item.id)}/versions`, { limit: 50 }).then((body) => {
    for (const v of body.versions) {
      const r = v.item?.review;
      list.append(h('li', null,
        h('span', { class: 'version-label' }, `Version ${v.version}`), ' ', badge(v.status),
        ` score ${Number(v.score).toFixed(2)} · `,
        h('time', { datetime: v.created_at }, relative(v.created_at)),
        r && r.by ? h('span', { class: 'muted small' },
                      ` · ${r.status.replace('_', ' ')} by ${r.by}${r.comment ? `: “${r.comment}”` : ''}`)
                  : null,
        v.version !== item.version ? h('span', { class: 'version-actions' },
          h('button', { type: 'button', class: 'button small',
                        'aria-label': `Compare version ${v.version} with the current one`,
                        onclick: () => replace(compare,
                          h('h4', null, `Version ${v.version} → current (version ${item.version})`),
                          diffView(itemText(v.item), itemText(item))) }, 'Compare'),
          can('editor') ? h('button', { type: 'button', class: 'button small',
                                        'aria-label': `Restore version ${v.version}`,
                                        onclick: () => onRestore(v) }, 'Restore') : null)
          : h('span', { class: 'muted small' }, ' (current)')));
    }
  }).catch((error) => list.append(h('li', null, error.message)));
  return panel;
}

/**
 * The panel of `item` (an item document with version). `onChange(item)` after every save.
 * Returns the section element; `section.update(item)` redraws it.
 */
export function itemPanel(initial, { onChange } = {}) {
  let item = initial;
  const label = `${platformLabel(item.platform)} preview`;
  const section = h('section', { class: `item-panel platform-${item.platform}`,
                                 'aria-label': label, 'data-item': item.id });
  let editing = false;
  let historyOpen = false;
  let closeEditor = null;

  async function change(body, note, ifMatch = true) {
    try {
      const saved = await patch(path(item.id), body,
                                ifMatch ? { headers: { 'If-Match': `"${item.version}"` } } : {});
      update(saved);
      if (onChange) onChange(saved);
      toast(note);
    } catch (error) {
      if (error.status === 412) {
        update(await get(path(item.id)));
        toast('The item changed since you opened it; check the new version first.', 'error');
      } else {
        toast(error.message, 'error');
      }
    }
  }

  function requestChanges(slot) {
    const comment = field('Comment', h('textarea', { rows: 3, maxlength: 2000 }),
                          { hint: 'What should change? The editor sees this.' });
    const form = h('form', { class: 'inline-form', onsubmit: (e) => {
      e.preventDefault();
      if (!comment.control.value.trim()) return comment.setError('Say what should change.');
      return change({ status: 'changes_requested', comment: comment.control.value.trim() },
                    'Changes requested');
    } }, comment, h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button primary' }, 'Send request'),
      h('button', { type: 'button', class: 'button ghost', onclick: () => replace(slot) },
        'Cancel')));
    replace(slot, form);
    comment.control.focus();
  }

  function actions(extra) {
    const bar = h('div', { class: 'actions item-actions' });
    const s = item.status;
    if (can('editor')) {
      bar.append(h('button', { type: 'button', class: 'button', onclick: () => {
        editing = true;
        draw();
      } }, 'Edit'));
      if (s === 'draft' || s === 'changes_requested') {
        bar.append(h('button', { type: 'button', class: 'button primary',
                                 onclick: () => change({ status: 'in_review' },
                                                       'Submitted for review') },
                     'Submit for review'));
      }
      if (s === 'approved') {
        bar.append(h('button', { type: 'button', class: 'button primary',
                                 onclick: () => change({ status: 'scheduled' }, 'Scheduled') },
                     'Schedule'));
      }
      if (s === 'scheduled') {
        bar.append(h('button', { type: 'button', class: 'button',
                                 onclick: () => change({ status: 'approved' }, 'Unscheduled') },
                     'Unschedule'));
      }
    }
    if (can('reviewer') && s !== 'approved' && s !== 'scheduled') {
      bar.append(h('button', { type: 'button', class: 'button primary',
                               onclick: () => change({ status: 'approved' }, 'Approved') },
                   'Approve'),
                 h('button', { type: 'button', class: 'button',
                               onclick: () => requestChanges(extra) }, 'Request changes'));
    }
    bar.append(h('button', { type: 'button', class: 'button ghost', 'aria-expanded': String(historyOpen),
                             onclick: () => { historyOpen = !historyOpen; draw(); } }, 'History'));
    return bar;
  }

  async function draw() {
    const body = h('div', { class: 'item-body' });
    const extra = h('div', { class: 'item-extra' });
    replace(section,
      h('header', { class: 'item-head' }, h('h2', null, platformLabel(item.platform)),
        badge(item.status),
        h('span', { class: 'score', title: 'Quality score from the validator' },
          `Score ${Number(item.quality?.score ?? item.score ?? 0).toFixed(2)}`),
        h('span', { class: 'muted small' }, `Version ${item.version}`)),
      reviewNote(item), scheduleLine(item), body,
      editing ? null : actions(extra), extra,
      editing ? null : h('details', { class: 'quality' },
        h('summary', null, `${(item.quality?.issues || []).length} findings from the checks`),
        issuesList(item.quality?.issues)),
      historyOpen && !editing ? historyPanel(item, (v) => change(
        { body: v.item.body, parts: v.item.parts, hashtags: v.item.hashtags },
        `Version ${v.version} restored`)) : null);
    if (editing) {
      const reopen = (e) => { item = { ...e.detail }; draw(); };
      body.addEventListener('reopen', reopen);
      closeEditor = openEditor(body, item, {
        onSaved: (saved) => {
          editing = false;
          update(saved);
          if (onChange) onChange(saved);
          toast('Saved');
          section.querySelector('button')?.focus();
        },
        onClose: () => { editing = false; draw(); },
      });
    } else {
      body.append(previewOf(item, []));
      if (item.platform === 'twitter' || item.platform === 'bluesky') {
        const lengths = await lengthsOf(item);
        if (!editing) replace(body, previewOf(item, lengths));
      }
    }
  }

  function update(next) {
    item = next;
    draw();
  }
  section.update = update;
  section.close = () => closeEditor && closeEditor();
  draw();
  return section;
}
