// The calendar's zone math (web/app/lib/time.js) against the class of inputs it must handle:
// every hour of two years in zones with and without DST, both hemispheres, half-hour offsets.
import test from 'node:test';
import assert from 'node:assert/strict';
import { wall, instant, offset, dayNumber, fromDayNumber } from '../../web/app/lib/time.js';

const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata',
               'America/St_Johns', 'Pacific/Chatham', 'Europe/London', 'America/Sao_Paulo'];

test('wall() then instant() gives back the instant, except the repeated hour', () => {
  const start = Date.UTC(2026, 0, 1);
  for (const zone of ZONES) {
    for (let t = start; t < start + 2 * 365 * 86400000; t += 3600000 + 17 * 60000) {
      const ms = Math.floor(t / 60000) * 60000;
      const w = wall(ms, zone);
      const back = instant(w.year, w.month, w.day, w.hour, w.minute, zone);
      // In a repeated (fall-back) hour the earlier instant is chosen: same wall time.
      if (back !== ms) {
        const again = wall(back, zone);
        assert.deepEqual([again.year, again.month, again.day, again.hour, again.minute],
                         [w.year, w.month, w.day, w.hour, w.minute], `${zone} ${new Date(ms).toISOString()}`);
        assert.ok(back < ms, `${zone}: the repeated hour resolves to the earlier instant`);
      }
    }
  }
});

test('a wall time skipped by DST moves past the gap', () => {
  // 2026-03-08 02:30 does not exist in New York (clocks jump 02:00 -> 03:00).
  const ms = instant(2026, 3, 8, 2, 30, 'America/New_York');
  const w = wall(ms, 'America/New_York');
  assert.equal(w.hour, 3);
  assert.equal(w.minute, 30);
  // 2026-03-29 02:30 does not exist in Berlin.
  const b = wall(instant(2026, 3, 29, 2, 30, 'Europe/Berlin'), 'Europe/Berlin');
  assert.deepEqual([b.hour, b.minute], [3, 30]);
});

test('09:00 local stays 09:00 across a DST change, a day apart', () => {
  for (const zone of ZONES) {
    for (let d = dayNumber(2026, 1, 1); d < dayNumber(2027, 1, 1); d += 1) {
      const day = fromDayNumber(d);
      const ms = instant(day.year, day.month, day.day, 9, 0, zone);
      const w = wall(ms, zone);
      assert.deepEqual([w.year, w.month, w.day, w.hour, w.minute],
                       [day.year, day.month, day.day, 9, 0], `${zone} ${d}`);
    }
  }
});

test('offsets are whole minutes and within +-14h', () => {
  for (const zone of ZONES) {
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86400000 * 7) {
      const o = offset(t, zone);
      assert.equal(Math.abs(o % 60000), 0);
      assert.ok(Math.abs(o) <= 14 * 3600000);
    }
  }
});

test('day numbers round-trip and weekdays start on Monday', () => {
  assert.equal(fromDayNumber(dayNumber(2026, 12, 7)).weekday, 0);  // a Monday
  for (let n = dayNumber(1999, 1, 1); n < dayNumber(2031, 1, 1); n += 1) {
    const d = fromDayNumber(n);
    assert.equal(dayNumber(d.year, d.month, d.day), n);
  }
});
