// Previews that look like the platform: a LinkedIn post folded where LinkedIn folds it, an X
// thread with each post's weighted count (from the server's validator), a deck as a slide viewer.
import { h, replace } from '../lib/dom.js';
import { session } from '../lib/api.js';

function initials(name) {
  return (name || '?').split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase())
    .join('');
}

function author(handle) {
  const name = session.workspace?.name || 'Your company';
  return h('div', { class: 'author' }, h('span', { class: 'avatar', 'aria-hidden': 'true' },
                                         initials(name)),
           h('span', { class: 'author-text' }, h('strong', null, name),
             h('span', { class: 'muted small' }, handle)));
}

/** Media of a kind, in order; `rewrite` maps a /media URL (the share page serves its own). */
export function mediaOf(item, kind, rewrite = (u) => u) {
  return (item.media || []).filter((m) => m.kind === kind).map((m) => ({ ...m,
                                                                         url: rewrite(m.url) }));
}

function image(m, cls) {
  return h('img', { class: cls, src: m.url, alt: m.alt || '', width: m.width || null,
                    height: m.height || null, decoding: 'async' });
}

function hashtagsMissing(item) {
  return (item.hashtags || []).filter((t) => !(item.body || '').includes(t));
}

/** LinkedIn: the feed is 552 px wide; the text folds after 3 lines with "…see more". */
export function linkedinPreview(item, options = {}) {
  const tags = hashtagsMissing(item);
  const text = h('div', { class: 'li-text folded' }, item.body,
                 tags.length ? `\n\n${tags.join(' ')}` : '');
  const more = h('button', { type: 'button', class: 'see-more', 'aria-expanded': 'false' },
                 '…see more');
  more.addEventListener('click', () => {
    const open = text.classList.toggle('folded');
    more.setAttribute('aria-expanded', String(!open));
    more.textContent = open ? '…see more' : 'see less';
  });
  const cards = mediaOf(item, 'card', options.rewrite).concat(mediaOf(item, 'image',
                                                                      options.rewrite));
  const post = h('article', { class: 'li-post' }, author('Company page · now'), text, more,
                 cards.length ? image(cards[0], 'li-card') : null);
  // The fold shows only when the text is longer than three lines.
  requestAnimationFrame(() => {
    more.hidden = text.scrollHeight <= text.clientHeight + 1 && text.classList.contains('folded');
  });
  return post;
}

/** X: one card per post, with the weighted length the validator measured. */
export function xPreview(item, lengths, options = {}) {
  const posts = item.parts && item.parts.length ? item.parts.map((p) => p.body) : [item.body];
  const cards = mediaOf(item, 'card', options.rewrite).concat(mediaOf(item, 'image',
                                                                      options.rewrite));
  const handle = `@${(session.workspace?.name || 'company').toLowerCase().replace(/[^a-z0-9_]/g,
                                                                                    '')}`;
  return h('ol', { class: 'x-thread', 'aria-label': posts.length > 1 ? 'Thread' : 'Post' },
    posts.map((text, i) => {
      const location = posts.length > 1 || (item.parts && item.parts.length) ? `parts[${i}]`
                                                                              : 'body';
      const measured = (lengths || []).find((l) => l.location === location);
      const over = measured && measured.length > measured.limit;
      return h('li', { class: 'x-post' }, author(handle),
        h('p', { class: 'x-text' }, text),
        i === 0 && cards.length ? image(cards[0], 'x-card') : null,
        h('p', { class: `x-count${over ? ' over' : ''}`, 'data-location': location },
          measured ? `${measured.length}/${measured.limit}` : '…',
          h('span', { class: 'visually-hidden' }, ' weighted characters'),
          posts.length > 1 ? h('span', { class: 'muted' }, ` · ${i + 1}/${posts.length}`) : null));
    }));
}

/** The deck: the current slide large, thumbnails to pick one, its speaker notes, downloads. */
export function deckPreview(item, options = {}) {
  const slides = mediaOf(item, 'slide', options.rewrite);
  const parts = item.parts || [];
  const count = Math.max(slides.length, parts.length);
  if (!count) return h('p', { class: 'muted' }, 'No slides.');
  let current = 0;
  const stage = h('div', { class: 'slide-stage' });
  const notes = h('div', { class: 'slide-notes' });
  const position = h('span', { class: 'muted', 'aria-live': 'polite' });
  const thumbs = h('div', { class: 'thumbs', role: 'group', 'aria-label': 'Slides' });
  function show(i) {
    current = Math.max(0, Math.min(count - 1, i));
    const part = parts[current] || {};
    replace(stage, slides[current] ? image(slides[current], 'slide-image')
                                   : h('div', { class: 'slide-text' }, h('h4', null, part.title),
                                       h('ul', null, (part.bullets || []).map((b) => h('li', null, b)))));
    replace(notes, h('h4', null, 'Speaker notes'),
            h('p', null, part.notes || 'No notes for this slide.'));
    position.textContent = `Slide ${current + 1} of ${count}`;
    for (const [n, t] of [...thumbs.children].entries()) {
      t.setAttribute('aria-current', n === current ? 'true' : 'false');
    }
  }
  for (let i = 0; i < count; i += 1) {
    const label = `Slide ${i + 1}${parts[i]?.title ? `: ${parts[i].title}` : ''}`;
    thumbs.append(h('button', { type: 'button', class: 'thumb', 'aria-label': label,
                                title: label, onclick: () => show(i) },
      slides[i] ? h('img', { src: slides[i].url, alt: '' })
                : h('span', null, String(i + 1))));
  }
  const downloads = options.downloads === false ? null : h('p', { class: 'downloads' },
    h('a', { class: 'button', href: `/api/v1/content/${encodeURIComponent(item.id)}/deck.pdf`,
             download: `${item.id}.pdf` }, 'Download PDF'),
    h('a', { class: 'button', href: `/api/v1/content/${encodeURIComponent(item.id)}/deck.pptx`,
             download: `${item.id}.pptx` }, 'Download PPTX'));
  const viewer = h('div', { class: 'deck-viewer', tabindex: '0',
                            'aria-label': 'Slide viewer: left and right arrows change slides',
                            onkeydown: (e) => {
                              if (e.key === 'ArrowRight') { show(current + 1); e.preventDefault(); }
                              if (e.key === 'ArrowLeft') { show(current - 1); e.preventDefault(); }
                            } },
    stage,
    h('div', { class: 'slide-nav' },
      h('button', { type: 'button', class: 'button', onclick: () => show(current - 1) }, 'Previous'),
      position,
      h('button', { type: 'button', class: 'button', onclick: () => show(current + 1) }, 'Next')),
    thumbs, notes, downloads);
  show(0);
  return viewer;
}

export function previewOf(item, lengths, options) {
  if (item.platform === 'linkedin') return linkedinPreview(item, options);
  if (item.platform === 'pitch_deck') return deckPreview(item, options);
  return xPreview(item, lengths, options);
}
