// Share links of a run: someone without an account sees the previews and approves or requests
// changes under their name. The link is shown once, when made; links expire and can be revoked.
import { h, replace, field, toast } from '../lib/dom.js';
import { get, post, del } from '../lib/api.js';
import { formatDateTime, browserZone } from '../lib/time.js';

export function sharePanel(jobId) {
  const list = h('ul', { class: 'share-links' });
  const fresh = h('div', { class: 'share-fresh', 'aria-live': 'polite' });
  const hours = field('Expires after', h('select', null,
    [[24, '1 day'], [72, '3 days'], [168, '7 days'], [720, '30 days']].map(([v, l]) =>
      h('option', { value: v, selected: v === 168 }, l))));
  const base = `/api/v1/jobs/${encodeURIComponent(jobId)}/share-links`;

  async function load() {
    try {
      const body = await get(base);
      replace(list, body.share_links.map((l) => h('li', null,
        `Link made by ${l.created_by} · `,
        l.revoked ? 'revoked' : `expires ${formatDateTime(Date.parse(l.expires_at), browserZone())}`,
        l.revoked ? null : h('button', { type: 'button', class: 'button small danger',
                                         'aria-label': `Revoke the link made ${l.created_at}`,
                                         onclick: async () => {
                                           await del(`/api/v1/share-links/${encodeURIComponent(l.id)}`);
                                           toast('Link revoked');
                                           load();
                                         } }, 'Revoke'))));
    } catch (error) {
      replace(list, h('li', null, error.message));
    }
  }

  const create = h('button', { type: 'button', class: 'button' }, 'Create share link');
  create.addEventListener('click', async () => {
    try {
      const link = await post(base, { expires_in_hours: Number(hours.control.value) });
      const url = new URL(link.url, location.origin).href;
      const input = h('input', { readonly: true, value: url, 'aria-label': 'Share link',
                                 class: 'share-url' });
      replace(fresh, h('p', null, 'Copy this link now; it is not shown again.'),
        h('div', { class: 'copy-row' }, input,
          h('button', { type: 'button', class: 'button', onclick: async () => {
            input.select();
            try {
              await navigator.clipboard.writeText(url);
              toast('Link copied');
            } catch {
              toast('Select the link and copy it');
            }
          } }, 'Copy')));
      input.focus();
      input.select();
      load();
    } catch (error) {
      toast(error.message, 'error');
    }
  });
  load();
  return h('details', { class: 'card share' },
    h('summary', null, 'Share for review'),
    h('p', { class: 'muted' }, 'Anyone with the link can see these previews and approve or ' +
      'request changes under their name. They see nothing else of the workspace.'),
    h('div', { class: 'inline-form' }, hours, create), fresh, list);
}
