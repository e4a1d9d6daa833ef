// The page behind a share link: previews of one run's items; a guest approves or requests
// changes under their name. Nothing else of the workspace is shown.
import { h, replace, field, toast } from '../lib/dom.js';
import { request } from '../lib/api.js';
import { badge, platformLabel } from '../lib/ui.js';
import { previewOf } from '../components/previews.js';
import { reviewNote } from '../components/item.js';

export async function render(main, [token]) {
  const base = `/api/v1/shared/${encodeURIComponent(token)}`;
  let data;
  try {
    data = await request('GET', base, { noWorkspace: true, allow401: true });
  } catch (error) {
    main.append(h('div', { class: 'card auth-card' }, h('h1', null, 'This link does not work'),
      h('p', null, 'It may have expired or been revoked. Ask the person who sent it for a new one.')));
    return;
  }
  const stored = localStorage.getItem('swarm.reviewer-name') || '';
  const name = field('Your name', h('input', { name: 'name', value: stored, autocomplete: 'name',
                                               maxlength: 100 }),
                     { hint: 'Shown with your decision.' });
  const items = h('div', { class: 'items' });

  function panel(item) {
    const section = h('section', { class: `item-panel platform-${item.platform}`,
                                   'aria-label': `${platformLabel(item.platform)} preview` });
    const slot = h('div', { class: 'item-extra' });
    async function decide(decision, comment) {
      name.setError('');
      const who = name.control.value.trim();
      if (!who) {
        name.setError('Enter your name first.');
        name.control.focus();
        return;
      }
      localStorage.setItem('swarm.reviewer-name', who);
      try {
        const saved = await request('POST', `${base}/items/${encodeURIComponent(item.id)}/review`,
                                    { noWorkspace: true, body: { name: who, decision, comment } });
        toast(decision === 'approve' ? 'Approved: thank you' : 'Your request was sent');
        section.replaceWith(panel({ ...item, ...saved }));
      } catch (error) {
        toast(error.message, 'error');
      }
    }
    function ask() {
      const comment = field('Comment', h('textarea', { rows: 3, maxlength: 2000 }));
      replace(slot, h('form', { class: 'inline-form', onsubmit: (e) => {
        e.preventDefault();
        if (!comment.control.value.trim()) return comment.setError('Say what should change.');
        return decide('request_changes', comment.control.value.trim());
      } }, comment, h('button', { type: 'submit', class: 'button primary' }, 'Send request')));
      comment.control.focus();
    }
    const done = item.status === 'approved' || item.status === 'scheduled';
    replace(section,
      h('header', { class: 'item-head' }, h('h2', null, platformLabel(item.platform)),
        badge(item.status)),
      reviewNote(item),
      h('div', { class: 'item-body' }, previewOf(item, item.lengths || [], { downloads: false })),
      done ? null : h('div', { class: 'actions item-actions' },
        h('button', { type: 'button', class: 'button primary', onclick: () => decide('approve', '') },
          'Approve'),
        h('button', { type: 'button', class: 'button', onclick: ask }, 'Request changes')),
      slot);
    return section;
  }

  for (const item of data.items) items.append(panel(item));
  main.append(h('div', { class: 'share-head' }, h('h1', null, 'Review these posts'),
    h('p', { class: 'brief' }, data.prompt),
    h('p', { class: 'muted small' }, `This link works until ${new Date(data.expires_at).toLocaleString()}.`),
    name), items);
}
