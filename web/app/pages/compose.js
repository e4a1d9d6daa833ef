// Compose a brief: topic, audience, tone, platforms and their options, brand profile, the
// knowledge-base documents to use, time zone. The API's field errors show next to the field.
import { h, field, uid } from '../lib/dom.js';
import { get, post, showFieldError, session } from '../lib/api.js';
import { pageHeader } from '../lib/ui.js';
import { browserZone, zones } from '../lib/time.js';

const PLATFORMS = [['linkedin', 'LinkedIn'], ['twitter', 'X'], ['pitch_deck', 'Pitch deck']];

function checkbox(name, value, label, checked) {
  const id = uid('cb');
  return h('div', { class: 'check' },
           h('input', { type: 'checkbox', id, name, value, checked }),
           h('label', { for: id }, label));
}

export async function render(main, _params, ctx) {
  const [brands, docs, settings] = await Promise.all([
    get('/api/v1/brands').catch(() => ({ brands: [] })),
    get('/api/v1/kb/documents').catch(() => ({ documents: [] })),
    session.workspace?.role === 'owner' ? get('/api/v1/settings').catch(() => null) : null,
  ]);
  const zone = settings?.preferences?.time_zone || browserZone();

  const topic = field('Topic', h('textarea', { name: 'prompt', rows: 4, required: true,
                                               maxlength: 8000 }),
                      { hint: 'What to announce or say, in a sentence or a paragraph.' });
  const audience = field('Audience', h('input', { name: 'audience' }),
                         { hint: 'Who should read it, e.g. "owners of HVAC companies".' });
  const goal = field('Goal', h('input', { name: 'goal' }), { hint: 'Optional.' });
  const tone = field('Tone', h('input', { name: 'tone', placeholder: 'confident, practical' }));

  const platformBoxes = PLATFORMS.map(([value, label]) =>
    checkbox('platforms', value, label, value !== 'pitch_deck'));
  const platforms = h('fieldset', { class: 'field platforms', 'aria-describedby': 'platforms-error' },
    h('legend', null, 'Platforms'), platformBoxes,
    h('p', { class: 'field-error', id: 'platforms-error', hidden: true }));
  platforms.control = platformBoxes[0].querySelector('input');
  platforms.setError = (m) => {
    const e = platforms.querySelector('.field-error');
    e.textContent = m || '';
    e.hidden = !m;
  };

  const threadId = uid('thread');
  const singleId = uid('single');
  const xMode = h('fieldset', { class: 'field inline-options' }, h('legend', null, 'X format'),
    h('div', { class: 'check' }, h('input', { type: 'radio', name: 'xmode', id: threadId,
                                              value: 'thread', checked: true }),
      h('label', { for: threadId }, 'Thread')),
    h('div', { class: 'check' }, h('input', { type: 'radio', name: 'xmode', id: singleId,
                                              value: 'single' }),
      h('label', { for: singleId }, 'Single post')));
  const slides = field('Slides', h('input', { type: 'number', name: 'deck_slides', min: 10,
                                             max: 12, value: 12 }),
                       { hint: '10 to 12 slides.' });

  const brand = field('Brand profile', h('select', { name: 'brand_profile' },
    h('option', { value: '' }, 'None'),
    brands.brands.map((b) => h('option', { value: b.id }, b.name))),
    { hint: brands.brands.length ? '' : 'No profiles yet: add one under Brands.' });

  const docBoxes = docs.documents.map((d) => checkbox('documents', d.name,
                                                      `${d.name} (${d.chunk_count} passages)`,
                                                      true));
  const documents = h('fieldset', { class: 'field documents', 'aria-describedby': 'documents-error' },
    h('legend', null, 'Knowledge base documents'),
    docBoxes.length ? docBoxes : h('p', { class: 'hint' },
                                   'No documents yet: the writers will work from the brief alone. ',
                                   h('a', { href: '/kb' }, 'Upload documents')),
    h('p', { class: 'field-error', id: 'documents-error', hidden: true }));
  documents.control = docBoxes[0]?.querySelector('input') || documents;
  documents.setError = (m) => {
    const e = documents.querySelector('.field-error');
    e.textContent = m || '';
    e.hidden = !m;
  };

  const allZones = zones();
  const timezone = field('Time zone', h('select', { name: 'timezone' },
    (allZones.includes(zone) ? allZones : [zone, ...allZones]).map((z) =>
      h('option', { value: z, selected: z === zone }, z))),
    { hint: 'Suggested posting times are in this zone.' });

  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Generate');
  const fields = { prompt: topic, audience, goal, tone, platforms, brand_profile: brand,
                   documents, timezone, 'options.deck_slides': slides,
                   'options.twitter_thread': xMode };
  xMode.control = xMode.querySelector('input');
  xMode.setError = (m) => { error.textContent = m; error.hidden = !m; };

  const form = h('form', { class: 'card compose', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    for (const f of Object.values(fields)) f.setError('');
    error.hidden = true;
    const chosen = platformBoxes.map((b) => b.querySelector('input'))
      .filter((i) => i.checked).map((i) => i.value);
    if (!topic.control.value.trim()) return topic.setError('Say what the content is about.');
    if (!chosen.length) return platforms.setError('Choose at least one platform.');
    const brief = {
      prompt: topic.control.value.trim(), platforms: chosen,
      timezone: timezone.control.value,
      options: { twitter_thread: form.querySelector(`#${threadId}`).checked,
                 deck_slides: Number(slides.control.value) },
    };
    for (const [key, f] of [['audience', audience], ['goal', goal], ['tone', tone]]) {
      if (f.control.value.trim()) brief[key] = f.control.value.trim();
    }
    if (brand.control.value) brief.brand_profile = brand.control.value;
    const picked = docBoxes.map((b) => b.querySelector('input')).filter((i) => i.checked);
    if (docBoxes.length && picked.length === 0) {
      return documents.setError('Choose at least one document, or upload some first.');
    }
    if (picked.length && picked.length < docBoxes.length) {
      brief.documents = picked.map((i) => i.value);
    }
    submit.disabled = true;
    try {
      const job = await post('/api/v1/jobs', brief);
      ctx.navigate(`/jobs/${encodeURIComponent(job.job_id)}`);
    } catch (err) {
      showFieldError(err, fields, (m) => { error.textContent = m; error.hidden = false; });
    } finally {
      submit.disabled = false;
    }
  } },
  topic, h('div', { class: 'grid-2' }, audience, tone), goal, platforms,
  h('div', { class: 'grid-2' }, xMode, slides), brand, documents, timezone, error,
  h('div', { class: 'form-actions' }, submit));
  main.append(pageHeader('New content'), form);
  topic.control.focus();
}
