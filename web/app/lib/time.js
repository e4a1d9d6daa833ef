// Dates in the workspace's time zone with Intl (the browser's copy of the IANA database), so
// week and month views are right across daylight-saving changes.

const partsCache = new Map();
function formatter(zone) {
  if (!partsCache.has(zone)) {
    partsCache.set(zone, new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short',
    }));
  }
  return partsCache.get(zone);
}

/** The wall-clock fields of an instant (ms) in a zone: {year, month (1-12), day, hour, minute}. */
export function wall(ms, zone) {
  const out = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') out[p.type] = p.value;
  }
  return { year: Number(out.year), month: Number(out.month), day: Number(out.day),
           hour: Number(out.hour) % 24, minute: Number(out.minute), second: Number(out.second) };
}

/** The zone's offset from UTC at an instant, in ms. */
export function offset(ms, zone) {
  const w = wall(ms, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant (ms) of a wall-clock time in a zone. A time skipped by a DST change moves forward
 * by the gap; a repeated one takes the first (earlier) instant.
 */
export function instant(year, month, day, hour, minute, zone) {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  // The offsets in force a day before and a day after cover both sides of any transition.
  const candidates = [offset(guess - 86400000, zone), offset(guess, zone),
                      offset(guess + 86400000, zone)].map((o) => guess - o);
  const valid = candidates.filter((t) => {
    const w = wall(t, zone);
    return w.year === year && w.month === month && w.day === day && w.hour === hour &&
           w.minute === minute;
  });
  if (valid.length) return Math.min(...valid);
  return Math.max(...candidates);  // in a gap: read with the offset before the jump
}

/** Days since 1970-01-01 of a calendar date (no zone: pure date arithmetic). */
export function dayNumber(year, month, day) {
  return Math.floor(Date.UTC(year, month - 1, day) / 86400000);
}
export function fromDayNumber(n) {
  const d = new Date(n * 86400000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
           weekday: (d.getUTCDay() + 6) % 7 };  // 0 = Monday
}

export function formatDateTime(ms, zone, options = {}) {
  return new Intl.DateTimeFormat(undefined, { timeZone: zone, dateStyle: 'medium',
                                              timeStyle: 'short', ...options }).format(ms);
}
export function formatTime(ms, zone) {
  return new Intl.DateTimeFormat(undefined, { timeZone: zone, hour: '2-digit', minute: '2-digit',
                                              hourCycle: 'h23' }).format(ms);
}
export function formatDay(n, options = { weekday: 'short', day: 'numeric', month: 'short' }) {
  return new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', ...options }).format(n * 86400000);
}

export function relative(iso) {
  if (!iso) return '';
  const diff = (Date.parse(iso) - Date.now()) / 1000;
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const abs = Math.abs(diff);
  if (abs < 60) return rtf.format(Math.round(diff), 'second');
  if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(diff / 3600), 'hour');
  return rtf.format(Math.round(diff / 86400), 'day');
}

export function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function zones() {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
}
