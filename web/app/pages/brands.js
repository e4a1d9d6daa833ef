// Brand profiles: voice, banned phrases, hashtags, call to action and colours, with the same
// contrast check the renderer applies (the server's finding, shown next to the colours).
import { h, replace, field, toast, uid } from '../lib/dom.js';
import { get, post, put, del, can, showFieldError } from '../lib/api.js';
import { pageHeader, empty } from '../lib/ui.js';

const COLORS = [['background', 'Background colour', '#ffffff'], ['text', 'Text colour', '#1a1a2e'],
                ['accent', 'Accent colour', '#3b4cca'], ['muted', 'Muted colour', '#6b7280']];

function lines(value) {
  return value.split(/\n|,/).map((s) => s.trim()).filter(Boolean);
}

function brandForm(brand, done) {
  const name = field('Name', h('input', { value: brand?.name || '', required: true }));
  const voice = field('Voice', h('textarea', { rows: 2 }), { hint: 'How the brand sounds, e.g. "plain-spoken, numbers over adjectives".' });
  voice.control.value = brand?.voice || '';
  const banned = field('Banned phrases', h('textarea', { rows: 2 }), { hint: 'One per line.' });
  banned.control.value = (brand?.banned_phrases || []).join('\n');
  const tags = field('Required hashtags', h('input', { value: (brand?.required_hashtags || []).join(' ') }),
                     { hint: 'Separated by spaces, e.g. #FieldService' });
  const cta = field('Call to action', h('input', { value: brand?.call_to_action || '' }));
  const colorFields = COLORS.map(([key, label, fallback]) => {
    const enabled = Boolean(brand?.colors?.[key]);
    const id = uid('color');
    const picker = h('input', { type: 'color', id, value: brand?.colors?.[key] || fallback,
                                disabled: !enabled });
    const use = h('input', { type: 'checkbox', id: `${id}-use`, checked: enabled,
                             onchange: () => { picker.disabled = !use.checked; } });
    return { key, picker, use, el: h('div', { class: 'color-field' },
      use, h('label', { for: `${id}-use` }, `Set ${label.toLowerCase()}`),
      h('label', { for: id, class: 'visually-hidden' }, label), picker) };
  });
  const contrast = h('div', { class: 'contrast', 'aria-live': 'polite' },
    (brand?.contrast || []).length ? h('ul', { class: 'issues' }, brand.contrast.map((c) =>
      h('li', { class: 'issue issue-warning' }, c))) : brand ? h('p', { class: 'ok' }, 'Colours pass the contrast check.') : null);
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const fields = { name, voice, banned_phrases: banned, required_hashtags: tags, call_to_action: cta };
  const form = h('form', { class: 'card brand-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    for (const f of Object.values(fields)) f.setError('');
    error.hidden = true;
    const body = {
      name: name.control.value.trim(), voice: voice.control.value.trim(),
      banned_phrases: lines(banned.control.value),
      required_hashtags: tags.control.value.split(/[\s,]+/).filter(Boolean).map((t) => (t.startsWith('#') ? t : `#${t}`)),
      call_to_action: cta.control.value.trim(),
      colors: Object.fromEntries(colorFields.filter((c) => c.use.checked).map((c) => [c.key, c.picker.value])),
    };
    if (!body.name) return name.setError('Give the profile a name.');
    try {
      const saved = brand ? await put(`/api/v1/brands/${encodeURIComponent(brand.id)}`, body)
                          : await post('/api/v1/brands', body);
      toast(`${saved.name} saved`);
      done(saved);
    } catch (err) {
      showFieldError(err, fields, (m) => { error.textContent = m; error.hidden = false; });
    }
  } }, h('h2', null, brand ? `Edit ${brand.name}` : 'New brand profile'), name, voice, banned, tags, cta,
  h('fieldset', { class: 'field colors' }, h('legend', null, 'Colours for cards and slides'),
    colorFields.map((c) => c.el), contrast),
  error, h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button primary' }, 'Save profile'),
           h('button', { type: 'button', class: 'button ghost', onclick: () => done(null) }, 'Cancel')));
  return form;
}

export async function render(main) {
  const list = h('ul', { class: 'rows', 'aria-label': 'Brand profiles' });
  const editor = h('div', { class: 'brand-editor' });
  async function load(open) {
    const body = await get('/api/v1/brands');
    replace(list, body.brands.length ? body.brands.map((b) => h('li', { class: 'brand-row' },
      h('span', { class: 'row-main' }, b.name),
      h('span', { class: 'swatches', 'aria-hidden': 'true' }, Object.values(b.colors || {}).map((c) =>
        h('span', { class: 'swatch', 'data-color': c, ref: (el) => { el.style.background = c; } }))),
      h('span', { class: 'row-meta' }, b.voice || ''),
      (b.contrast || []).length ? h('span', { class: 'badge badge-changes_requested' }, 'Contrast') : null,
      can('editor') ? h('span', { class: 'actions' },
        h('button', { type: 'button', class: 'button small', 'aria-label': `Edit ${b.name}`,
                      onclick: () => open(b) }, 'Edit'),
        h('button', { type: 'button', class: 'button small danger', 'aria-label': `Delete ${b.name}`,
                      onclick: async () => {
                        if (!window.confirm(`Delete ${b.name}?`)) return;
                        await del(`/api/v1/brands/${encodeURIComponent(b.id)}`);
                        toast(`${b.name} deleted`);
                        load(open);
                      } }, 'Delete')) : null))
      : h('li', null, empty('No brand profiles yet.')));
  }
  function open(brand) {
    replace(editor, brandForm(brand, (saved) => {
      replace(editor);
      load(open);
      if (saved && (saved.contrast || []).length) open(saved);
    }));
    editor.querySelector('input')?.focus();
  }
  main.append(pageHeader('Brand profiles', can('editor') ? h('button', { type: 'button', class: 'button primary',
                                                                       onclick: () => open(null) }, 'New profile') : null),
              editor, list);
  await load(open);
}
