// A job's event stream over fetch (EventSource cannot send X-Workspace): parses Server-Sent
// Events, remembers the last id and, when the connection drops, reconnects with Last-Event-ID so
// the stream continues exactly after the last event seen (no gap, no repeat).
import { session } from './api.js';

export function followEvents(jobId, onEvent, { onState } = {}) {
  let lastId = 0;
  let stopped = false;
  let controller = null;
  let delay = 500;

  function dispatch(block) {
    let id = null;
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const key = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (key === 'id') id = Number(value);
      else if (key === 'data') data += (data ? '\n' : '') + value;
    }
    if (!data) return;
    const event = JSON.parse(data);
    const seq = id ?? event.seq;
    if (seq <= lastId) return;  // already seen (a replay after reconnecting)
    lastId = seq;
    onEvent(event);
    if (event.type === 'job_finished') stopped = true;
  }

  async function connect() {
    while (!stopped) {
      controller = new AbortController();
      const headers = { Accept: 'text/event-stream' };
      if (session.workspace) headers['X-Workspace'] = session.workspace.id;
      if (lastId) headers['Last-Event-ID'] = String(lastId);
      try {
        const res = await fetch(`/api/v1/jobs/${encodeURIComponent(jobId)}/events`,
                                { headers, signal: controller.signal, cache: 'no-store' });
        if (!res.ok) {
          if (res.status === 404 || res.status === 401 || res.status === 403) {
            if (onState) onState('gone', res.status);
            return;
          }
          throw new Error(`HTTP ${res.status}`);
        }
        if (onState) onState('live');
        delay = 500;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n?/g, '\n');
          let cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            dispatch(buffer.slice(0, cut));
            buffer = buffer.slice(cut + 2);
          }
        }
      } catch (error) {
        if (stopped || error.name === 'AbortError') return;
      }
      if (stopped) break;
      if (onState) onState('reconnecting');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 8000);
    }
    if (onState) onState('done');
  }
  connect();
  return {
    stop() { stopped = true; if (controller) controller.abort(); },
    get lastId() { return lastId; },
  };
}
