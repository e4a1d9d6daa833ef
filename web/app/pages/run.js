// A run: its agents' states and timings live, the text streaming in per platform, usage and cost,
// a cancel button; then the previews of its items with editing and review. Reloading the page
// mid-run shows the same run (the stream replays from the start).
import { h, replace, toast } from '../lib/dom.js';
import { get, post, can } from '../lib/api.js';
import { badge, platformLabel, errorBox, pageHeader } from '../lib/ui.js';
import { followEvents } from '../lib/events.js';
import { itemPanel } from '../components/item.js';
import { sharePanel } from '../components/share.js';

const FINISHED = new Set(['succeeded', 'partial', 'failed', 'cancelled']);

function seconds(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export async function render(main, [jobId]) {
  let job;
  try {
    job = await get(`/api/v1/jobs/${encodeURIComponent(jobId)}`);
  } catch (error) {
    main.append(pageHeader('Run'), errorBox(error.status === 404 ? 'No such run in this workspace.'
                                                                 : error.message));
    return null;
  }
  const platforms = job.requested_platforms || [];
  const statusEl = h('span', null, badge(job.status));
  const connection = h('span', { class: 'connection muted small', role: 'status' });
  const cancel = can('editor') ? h('button', { type: 'button', class: 'button danger',
                                               hidden: FINISHED.has(job.status) }, 'Cancel run')
                               : null;
  const usage = h('p', { class: 'usage muted' });
  const notes = h('ul', { class: 'notes' });

  // Agent board: research, one lane per platform (writer, editor, designer), scheduler.
  const steps = new Map();
  function step(agent, platform) {
    const key = `${agent}:${platform || ''}`;
    if (!steps.has(key)) {
      const state = h('span', { class: 'step-state' }, 'waiting');
      const time = h('span', { class: 'step-time muted small' });
      const el = h('li', { class: 'step waiting', 'data-agent': agent }, h('span', { class: 'dot', 'aria-hidden': 'true' }),
                   h('span', { class: 'step-name' }, agent[0].toUpperCase() + agent.slice(1)),
                   state, time);
      steps.set(key, { el, state, time, started: 0 });
    }
    return steps.get(key);
  }
  const lanes = new Map();
  const lanesEl = h('div', { class: 'lanes' });
  for (const p of platforms) {
    const text = h('pre', { class: 'stream-text', role: 'log', tabindex: '0', 'aria-label': `${platformLabel(p)} text so far` });
    const lane = h('section', { class: 'lane', 'aria-label': `${platformLabel(p)} writer` },
      h('h3', null, platformLabel(p)),
      h('ol', { class: 'steps' }, ['writer', 'editor', 'designer'].map((a) => step(a, p).el)),
      text);
    lanes.set(p, { lane, text });
    lanesEl.append(lane);
  }
  const board = h('section', { class: 'board', 'aria-label': 'Agents' },
    h('ol', { class: 'steps top' }, step('research', '').el), lanesEl,
    h('ol', { class: 'steps top' }, step('scheduler', '').el));

  const itemsEl = h('div', { class: 'items' });
  const panels = new Map();
  const shareSlot = h('div', { class: 'share-slot' });

  function setStep(event, state) {
    const s = step(event.agent, event.platform && lanes.has(event.platform) ? event.platform : '');
    s.el.className = `step ${state}`;
    s.state.textContent = state === 'running' ? 'working' : state;
    if (state === 'running') s.started = Date.parse(event.at);
    if (state !== 'running' && s.started) s.time.textContent = seconds(Date.parse(event.at) - s.started);
  }

  async function refresh() {
    job = await get(`/api/v1/jobs/${encodeURIComponent(jobId)}`);
    replace(statusEl, badge(job.status));
    if (cancel) cancel.hidden = FINISHED.has(job.status);
    const u = job.usage || {};
    usage.textContent = u.model_calls
      ? `Model use: ${u.model_calls} calls, ${u.input_tokens + u.output_tokens} tokens` +
        (u.cost_usd ? `, $${Number(u.cost_usd).toFixed(4)}` : '')
      : 'Written offline by the built-in writer (no model configured): no model cost.';
    replace(notes, (job.notes || []).map((n) => h('li', null, n)));
    for (const it of job.items || []) {
      const doc = { ...it.content, id: it.id, status: it.status, version: it.version,
                    score: it.score };
      if (panels.has(it.id)) {
        const known = panels.get(it.id);
        if (known.version < it.version) { known.version = it.version; known.panel.update(doc); }
      } else {
        const panel = itemPanel(doc);
        panels.set(it.id, { panel, version: it.version });
        itemsEl.append(panel);
      }
    }
    if (FINISHED.has(job.status) && can('editor') && !shareSlot.firstChild && (job.items || []).length) {
      shareSlot.append(sharePanel(jobId));
    }
  }

  // One read of the job at a time: events that arrive meanwhile (a replay sends them in a burst)
  // ask for one more read after it, not one each.
  let refreshing = null;
  let again = false;
  function scheduleRefresh() {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = refresh().catch(() => {}).finally(() => {
      refreshing = null;
      if (again) {
        again = false;
        scheduleRefresh();
      }
    });
  }

  const stream = followEvents(jobId, (event) => {
    if (event.type === 'agent_started') setStep(event, 'running');
    else if (event.type === 'agent_finished') setStep(event, 'done');
    else if (event.type === 'agent_progress' && event.platform && lanes.has(event.platform)) {
      const t = lanes.get(event.platform).text;
      t.textContent += event.message;
      t.scrollTop = t.scrollHeight;
    } else if (event.type === 'item_ready' || event.type === 'item_updated' || event.type === 'job_finished') {
      scheduleRefresh();
    } else if (event.type === 'error') {
      notes.append(h('li', { class: 'error-text' }, event.message));
    }
  }, { onState: (state) => {
    connection.textContent = { live: 'Live', reconnecting: 'Connection lost: reconnecting…',
                               done: '', gone: 'The stream is not available.' }[state] || '';
  } });

  if (cancel) {
    cancel.addEventListener('click', async () => {
      cancel.disabled = true;
      try {
        await post(`/api/v1/jobs/${encodeURIComponent(jobId)}/cancel`, {});
        toast('Cancelling the run');
        await refresh();
      } catch (error) {
        toast(error.message, 'error');
      } finally {
        cancel.disabled = false;
      }
    });
  }

  main.append(
    h('div', { class: 'page-header' }, h('h1', null, 'Run'), statusEl, connection,
      h('div', { class: 'actions' }, cancel)),
    h('p', { class: 'brief' }, job.brief?.prompt || ''),
    usage, notes, board, shareSlot, itemsEl);
  await refresh();
  return () => {
    stream.stop();
    for (const { panel } of panels.values()) panel.close();
  };
}
