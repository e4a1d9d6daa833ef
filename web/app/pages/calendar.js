// Calendar: week and month views of suggested and scheduled posts in the workspace's time zone
// (Intl does the zone math, so DST weeks are right). Move a post by dragging it to another slot,
// or with the keyboard: arrow keys move the focused post by a day (left, right) or an hour (up,
// down; a week in the month view). A private iCalendar feed URL for Google or Outlook.
import { h, replace, toast } from '../lib/dom.js';
import { get, patch, post, del, can } from '../lib/api.js';
import { pageHeader, platformLabel, STATUS_LABEL } from '../lib/ui.js';
import { wall, instant, dayNumber, fromDayNumber, formatDay, formatTime } from '../lib/time.js';

const FIRST_HOUR = 6;
const LAST_HOUR = 22;

function iso(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function feedPanel() {
  const slot = h('div', { class: 'feed' });
  async function draw(url) {
    replace(slot, h('h2', null, 'Calendar feed'),
      h('p', { class: 'muted' }, 'Subscribe from Google Calendar or Outlook ("From URL"). The link is ' +
        'private: anyone who has it sees the schedule. Make a new one to stop the old one working.'),
      url ? h('div', { class: 'copy-row' },
        h('input', { readonly: true, value: new URL(url, location.origin).href, 'aria-label': 'Calendar feed URL',
                     class: 'share-url' })) : h('p', null, 'No feed link yet.'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button', onclick: async () => {
          const body = await post('/api/v1/calendar/feed', {});
          toast('New feed link made');
          draw(body.url);
        } }, url ? 'Make a new feed link' : 'Create feed link'),
        url ? h('button', { type: 'button', class: 'button danger', onclick: async () => {
          await del('/api/v1/calendar/feed');
          toast('Feed turned off');
          draw(null);
        } }, 'Turn off feed') : null));
  }
  get('/api/v1/calendar/feed').then((b) => draw(b.url)).catch((e) => replace(slot, h('p', null, e.message)));
  return slot;
}

export async function render(main) {
  let view = localStorage.getItem('swarm.calendar-view') || (window.innerWidth < 700 ? 'week' : 'week');
  let zone = 'UTC';
  let anchor = null;  // a day number inside the shown range
  const grid = h('div', { class: 'calendar-body' });
  const rangeLabel = h('h2', { class: 'range-label', 'aria-live': 'polite' });
  const zoneLabel = h('p', { class: 'muted small' });

  function range() {
    const a = fromDayNumber(anchor);
    if (view === 'week') {
      const start = anchor - a.weekday;
      return { start, days: 7 };
    }
    const first = dayNumber(a.year, a.month, 1);
    const start = first - fromDayNumber(first).weekday;
    const nextMonth = a.month === 12 ? dayNumber(a.year + 1, 1, 1) : dayNumber(a.year, a.month + 1, 1);
    const weeks = Math.ceil((nextMonth - start) / 7);
    return { start, days: weeks * 7 };
  }

  async function move(item, dayDelta, hourDelta, target) {
    const at = Date.parse(item.at);
    const w = wall(at, zone);
    let ms;
    if (target) {
      const d = fromDayNumber(target.day);
      ms = instant(d.year, d.month, d.day, target.hour ?? w.hour, target.hour === undefined ? w.minute : 0, zone);
    } else {
      const d = fromDayNumber(dayNumber(w.year, w.month, w.day) + dayDelta);
      ms = instant(d.year, d.month, d.day, w.hour, w.minute, zone) + hourDelta * 3600000;
    }
    try {
      await patch(`/api/v1/content/${encodeURIComponent(item.id)}`, { schedule_at: iso(ms) });
      toast(`Moved to ${formatDay(dayNumber(wall(ms, zone).year, wall(ms, zone).month, wall(ms, zone).day))} ${formatTime(ms, zone)}`);
      await load(item.id);
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  function eventButton(item) {
    const at = Date.parse(item.at);
    return h('button', {
      type: 'button', class: `event event-${item.status} platform-${item.platform}`,
      draggable: can('editor') ? 'true' : null, 'data-id': item.id,
      'aria-describedby': can('editor') ? 'calendar-help' : null,
      ondragstart: (e) => { e.dataTransfer.setData('text/plain', item.id); e.dataTransfer.effectAllowed = 'move'; },
      onkeydown: (e) => {
        if (!can('editor')) return;
        const step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0],
                       ArrowUp: view === 'week' ? [0, -1] : [-7, 0],
                       ArrowDown: view === 'week' ? [0, 1] : [7, 0] }[e.key];
        if (step) { e.preventDefault(); move(item, step[0], step[1]); }
      },
      onclick: () => {
        history.pushState(null, '', `/jobs/${encodeURIComponent(item.job_id)}#${item.id}`);
        window.dispatchEvent(new PopStateEvent('popstate'));
      },
    }, h('span', { class: 'event-time' }, formatTime(at, zone)), ' ',
       h('strong', null, platformLabel(item.platform)),
       h('span', { class: 'visually-hidden' }, ` (${STATUS_LABEL[item.status] || item.status})`), ' ',
       h('span', { class: 'event-text' }, item.excerpt));
  }

  function dropTarget(el, target, items) {
    if (!can('editor')) return el;
    el.addEventListener('dragover', (e) => { e.preventDefault(); el.classList.add('over'); });
    el.addEventListener('dragleave', () => el.classList.remove('over'));
    el.addEventListener('drop', (e) => {
      e.preventDefault();
      el.classList.remove('over');
      const item = items.find((i) => i.id === e.dataTransfer.getData('text/plain'));
      if (item) move(item, 0, 0, target);
    });
    return el;
  }

  async function load(focusId) {
    const { start, days } = range();
    const first = fromDayNumber(start);
    const last = fromDayNumber(start + days);
    const body = await get('/api/v1/calendar', {
      from: iso(instant(first.year, first.month, first.day, 0, 0, zone) - 86400000),
      to: iso(instant(last.year, last.month, last.day, 0, 0, zone) + 86400000),
    });
    if (body.time_zone && body.time_zone !== zone) {
      zone = body.time_zone;
      const now = wall(Date.now(), zone);
      anchor = dayNumber(now.year, now.month, now.day);
      return load(focusId);
    }
    const items = body.items;
    const byDay = new Map();
    for (const item of items) {
      const w = wall(Date.parse(item.at), zone);
      const key = dayNumber(w.year, w.month, w.day);
      if (!byDay.has(key)) byDay.set(key, []);
      byDay.get(key).push({ ...item, hour: w.hour });
    }
    const today = (() => { const w = wall(Date.now(), zone); return dayNumber(w.year, w.month, w.day); })();
    zoneLabel.textContent = `Times in ${zone}. ${items.length} posts in view.`;
    if (view === 'week') {
      rangeLabel.textContent = `${formatDay(start, { day: 'numeric', month: 'long' })} – ${formatDay(start + 6, { day: 'numeric', month: 'long', year: 'numeric' })}`;
      const table = h('table', { class: 'week' }, h('caption', { class: 'visually-hidden' }, `Week of ${rangeLabel.textContent}`),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Time')),
          Array.from({ length: 7 }, (_, i) => h('th', { scope: 'col', class: start + i === today ? 'today' : null },
                                                 formatDay(start + i))))),
        h('tbody', null, Array.from({ length: LAST_HOUR - FIRST_HOUR + 1 }, (_, r) => {
          const hour = FIRST_HOUR + r;
          return h('tr', null, h('th', { scope: 'row', class: 'hour' }, `${String(hour).padStart(2, '0')}:00`),
            Array.from({ length: 7 }, (_, i) => {
              const day = start + i;
              const here = (byDay.get(day) || []).filter((it) =>
                Math.min(LAST_HOUR, Math.max(FIRST_HOUR, it.hour)) === hour);
              return dropTarget(h('td', { class: 'slot', 'data-day': day, 'data-hour': hour },
                                  here.map(eventButton)), { day, hour }, items);
            }));
        })));
      replace(grid, h('div', { class: 'week-scroll' }, table));
    } else {
      const a = fromDayNumber(anchor);
      rangeLabel.textContent = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' })
        .format(Date.UTC(a.year, a.month - 1, 1));
      const rows = [];
      for (let w = 0; w < days / 7; w += 1) {
        rows.push(h('tr', null, Array.from({ length: 7 }, (_, i) => {
          const day = start + w * 7 + i;
          const d = fromDayNumber(day);
          return dropTarget(h('td', { class: `day${d.month !== a.month ? ' other' : ''}${day === today ? ' today' : ''}`, 'data-day': day },
            h('span', { class: 'day-number' }, String(d.day)),
            (byDay.get(day) || []).map(eventButton)), { day }, items);
        })));
      }
      replace(grid, h('table', { class: 'month' }, h('caption', { class: 'visually-hidden' }, rangeLabel.textContent),
        h('thead', null, h('tr', null, Array.from({ length: 7 }, (_, i) => h('th', { scope: 'col' },
          formatDay(start + i, { weekday: 'short' }))))), h('tbody', null, rows)));
    }
    if (focusId) grid.querySelector(`[data-id="${CSS.escape(focusId)}"]`)?.focus();
    return null;
  }

  const tabs = h('div', { class: 'segmented', role: 'group', 'aria-label': 'View' },
    ['week', 'month'].map((v) => h('button', { type: 'button', class: 'button', 'aria-pressed': String(view === v),
      onclick: (e) => {
        view = v;
        localStorage.setItem('swarm.calendar-view', v);
        for (const b of tabs.children) b.setAttribute('aria-pressed', String(b === e.currentTarget));
        load();
      } }, v === 'week' ? 'Week' : 'Month')));
  const shift = (dir) => { anchor += dir * (view === 'week' ? 7 : 30); load(); };
  main.append(pageHeader('Calendar'),
    h('div', { class: 'calendar-bar' },
      h('button', { type: 'button', class: 'button', onclick: () => shift(-1) }, 'Previous'),
      h('button', { type: 'button', class: 'button', onclick: () => {
        const w = wall(Date.now(), zone); anchor = dayNumber(w.year, w.month, w.day); load();
      } }, 'Today'),
      h('button', { type: 'button', class: 'button', onclick: () => shift(1) }, 'Next'),
      rangeLabel, tabs),
    zoneLabel,
    can('editor') ? h('p', { id: 'calendar-help', class: 'muted small' },
      'Drag a post to another slot, or focus it and use the arrow keys: left and right move it a day, ' +
      'up and down an hour (a week in the month view).') : null,
    grid, can('owner') ? feedPanel() : null);
  const now = wall(Date.now(), zone);
  anchor = dayNumber(now.year, now.month, now.day);
  await load();
}
