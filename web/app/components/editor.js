// In-place editing of an item: the platform's fields, live validation from the server (issues,
// score and counts as you type), save with If-Match; a conflicting save by someone else is shown
// with both texts, never overwritten silently.
import { h, replace, uid, debounce } from '../lib/dom.js';
import { post, patch, get } from '../lib/api.js';
import { platformLabel } from '../lib/ui.js';
import { diffView, itemText } from '../lib/diff.js';
import { issuesList } from './quality.js';

function area(label, value, rows, cls = '') {
  const id = uid('ed');
  const control = h('textarea', { id, rows, class: cls, spellcheck: 'true' });
  control.value = value || '';
  return { wrap: h('div', { class: 'field' }, h('label', { for: id }, label), control), control };
}

function input(label, value) {
  const id = uid('ed');
  const control = h('input', { id, value: value || '' });
  return { wrap: h('div', { class: 'field' }, h('label', { for: id }, label), control), control };
}

/** The edit form's fields for an item and a function reading the edited item back. */
function fieldsFor(item) {
  const wraps = [];
  let read;
  if (item.platform === 'pitch_deck') {
    const slides = (item.parts || []).map((p, i) => {
      const title = input(`Slide ${i + 1} title`, p.title);
      const bullets = area(`Slide ${i + 1} bullets`, (p.bullets || []).join('\n'), 4);
      const notes = area(`Slide ${i + 1} notes`, p.notes, 2);
      wraps.push(h('fieldset', { class: 'slide-edit' }, h('legend', null, `Slide ${i + 1}`),
                   title.wrap, bullets.wrap, notes.wrap));
      return { title, bullets, notes };
    });
    read = () => ({ parts: slides.map((s) => ({
      title: s.title.control.value,
      bullets: s.bullets.control.value.split('\n').map((b) => b.trim()).filter(Boolean),
      notes: s.notes.control.value,
    })) });
  } else if (item.platform === 'twitter' && item.parts && item.parts.length) {
    const posts = item.parts.map((p, i) => {
      const a = area(`X post ${i + 1}`, p.body, 3, 'x-edit');
      a.count = h('span', { class: 'x-count', 'data-location': `parts[${i}]` });
      wraps.push(h('div', { class: 'post-edit' }, a.wrap, a.count));
      return a;
    });
    read = () => ({ parts: posts.map((a) => ({ body: a.control.value })) });
  } else {
    const label = `${platformLabel(item.platform)} post`;
    const a = area(label, item.body, item.platform === 'linkedin' ? 10 : 4);
    a.count = h('span', { class: 'x-count', 'data-location': 'body' });
    wraps.push(h('div', { class: 'post-edit' }, a.wrap, a.count));
    read = () => ({ body: a.control.value });
  }
  const tags = input('Hashtags', (item.hashtags || []).join(' '));
  wraps.push(tags.wrap);
  const readAll = () => ({
    ...read(),
    hashtags: tags.control.value.split(/[\s,]+/).filter(Boolean)
      .map((t) => (t.startsWith('#') ? t : `#${t}`)),
  });
  return { wraps, read: readAll };
}

/**
 * Opens the editor in `slot` for `item`; `onSaved(newItem)` after a save, `onClose()` on cancel.
 */
export function openEditor(slot, item, { onSaved, onClose }) {
  const { wraps, read } = fieldsFor(item);
  const quality = h('div', { class: 'live-quality', 'aria-live': 'polite' });
  const message = h('div', { class: 'editor-message', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'button primary' }, 'Save');
  const cancel = h('button', { type: 'button', class: 'button ghost' }, 'Cancel');
  let base = item;  // the version the edit starts from (If-Match)
  let controller = null;

  async function validate() {
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const body = await post('/api/v1/validate', { platform: item.platform, item_id: item.id,
                                                    ...read() }, { signal: controller.signal });
      replace(quality, h('p', { class: 'score' }, `Score ${body.score.toFixed(2)}`),
              issuesList(body.issues));
      for (const el of form.querySelectorAll('.x-count')) {
        const l = (body.lengths || []).find((x) => x.location === el.dataset.location);
        el.textContent = l ? `${l.length}/${l.limit}` : '';
        el.classList.toggle('over', Boolean(l && l.length > l.limit));
      }
    } catch (error) {
      if (error.name !== 'AbortError') replace(quality, h('p', { class: 'muted' }, error.message));
    }
  }
  // A deck's check redraws twelve slides on the server (about 0.6 s): ask less often.
  const later = debounce(validate, item.platform === 'pitch_deck' ? 900 : 350);

  function showConflict(current, mine) {
    replace(message,
      h('div', { class: 'conflict' },
        h('p', null, h('strong', null, 'Someone else saved this item while you were editing'),
          ` (version ${current.version}). Your text is kept below; nothing was overwritten.`),
        h('p', { class: 'muted small' }, 'Changes from their version to yours:'),
        diffView(itemText(current), itemText({ ...current, ...mine })),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'button', onclick: () => {
            replace(message);
            slot.dispatchEvent(new CustomEvent('reopen', { detail: current }));
          } }, 'Discard mine and edit theirs'),
          h('button', { type: 'button', class: 'button danger', onclick: () => {
            base = current;
            replace(message);
            form.requestSubmit();
          } }, 'Save mine over theirs'))));
  }

  const form = h('form', { class: 'editor', novalidate: true, oninput: later,
                           onsubmit: async (e) => {
    e.preventDefault();
    save.disabled = true;
    replace(message);
    const edit = read();
    try {
      const saved = await patch(`/api/v1/content/${encodeURIComponent(item.id)}`, edit,
                                { headers: { 'If-Match': `"${base.version}"` } });
      onSaved(saved);
    } catch (error) {
      if (error.status === 412) {
        const current = await get(`/api/v1/content/${encodeURIComponent(item.id)}`);
        showConflict(current, edit);
      } else {
        replace(message, h('p', { class: 'form-error' },
                           error.field ? `${error.field}: ${error.message}` : error.message));
      }
    } finally {
      save.disabled = false;
    }
  } }, wraps, quality, message, h('div', { class: 'actions' }, save, cancel));
  cancel.addEventListener('click', () => { later.cancel(); onClose(); });
  replace(slot, form);
  form.querySelector('textarea, input')?.focus();
  validate();
  return () => later.cancel();
}
