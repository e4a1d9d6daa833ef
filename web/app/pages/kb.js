// Knowledge base: upload by drag and drop or the file picker, the documents with their passage
// counts, search with the matches highlighted, delete.
import { h, replace, field, toast, marked } from '../lib/dom.js';
import { get, request, del, can } from '../lib/api.js';
import { pageHeader, empty } from '../lib/ui.js';

const TYPES = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
                html: 'text/html', htm: 'text/html', md: 'text/markdown', markdown: 'text/markdown',
                txt: 'text/plain' };

export async function render(main) {
  const list = h('ul', { class: 'rows docs', 'aria-label': 'Documents' });
  const progress = h('div', { class: 'upload-status', role: 'status', 'aria-live': 'polite' });

  async function load() {
    const body = await get('/api/v1/kb/documents');
    if (!body.documents.length) {
      replace(list, h('li', null, empty('No documents yet. Upload product notes, pricing, ' +
                                        'case studies: the writers cite them.')));
      return;
    }
    replace(list, body.documents.map((d) => h('li', { class: 'doc-row' },
      h('span', { class: 'row-main' }, d.name),
      h('span', { class: 'row-meta' }, `${d.chunk_count} passages · ${(d.byte_size / 1024).toFixed(1)} KB`),
      can('editor') ? h('button', { type: 'button', class: 'button small danger',
                                    'aria-label': `Delete ${d.name}`, onclick: async () => {
        if (!window.confirm(`Delete ${d.name}? Runs already made keep their text.`)) return;
        try {
          await del(`/api/v1/kb/documents/${encodeURIComponent(d.name)}`);
          toast(`${d.name} deleted`);
          load();
        } catch (error) {
          toast(error.message, 'error');
        }
      } }, 'Delete') : null)));
  }

  async function upload(files) {
    for (const file of files) {
      const ext = (file.name.split('.').pop() || '').toLowerCase();
      const type = TYPES[ext] || 'application/octet-stream';
      const line = h('p', null, `Uploading ${file.name}…`);
      progress.append(line);
      try {
        const body = await request('POST', '/api/v1/kb/documents', {
          query: { name: file.name }, body: file, headers: { 'Content-Type': type },
        });
        line.textContent = `${file.name}: ${body.document.chunk_count} passages ` +
                           (body.created ? 'added' : 'updated');
      } catch (error) {
        line.textContent = `${file.name}: ${error.message}`;
        line.className = 'error-text';
      }
    }
    load();
  }

  let uploader = null;
  if (can('editor')) {
    const picker = h('input', { type: 'file', id: 'kb-files', multiple: true,
                                accept: '.md,.markdown,.txt,.pdf,.docx,.html,.htm',
                                onchange: (e) => { upload([...e.target.files]); e.target.value = ''; } });
    uploader = h('div', { class: 'dropzone', ondragover: (e) => { e.preventDefault(); uploader.classList.add('over'); },
                          ondragleave: () => uploader.classList.remove('over'),
                          ondrop: (e) => { e.preventDefault(); uploader.classList.remove('over');
                                           upload([...e.dataTransfer.files]); } },
      h('p', null, 'Drop documents here (Markdown, text, PDF, Word, HTML) or '),
      h('label', { for: 'kb-files' }, 'Upload documents'), picker, progress);
  }

  const q = field('Search the knowledge base', h('input', { type: 'search', name: 'q' }));
  const results = h('ol', { class: 'results', 'aria-label': 'Search results' });
  const searchStatus = h('p', { class: 'muted', role: 'status' });
  const search = h('form', { class: 'search', role: 'search', onsubmit: async (e) => {
    e.preventDefault();
    if (!q.control.value.trim()) return;
    try {
      const body = await get('/api/v1/kb/search', { q: q.control.value.trim(), limit: 20 });
      replace(results, body.results.length ? body.results.map((r) => h('li', null,
        h('p', { class: 'result-source' }, h('strong', null, r.document), r.heading ? ` › ${r.heading}` : ''),
        h('p', { class: 'snippet' }, marked(r.snippet)))) : []);
      searchStatus.textContent = body.results.length ? `${body.results.length} passages match`
                                                     : 'No passage matches.';
    } catch (error) {
      replace(results, h('li', null, error.message));
    }
  } }, q, h('button', { type: 'submit', class: 'button' }, 'Search'));

  main.append(pageHeader('Knowledge base'), uploader, h('h2', null, 'Documents'), list,
              h('h2', null, 'Search'), search, searchStatus, results);
  await load();
}
