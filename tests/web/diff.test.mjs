// The version-history diff (web/app/lib/diff.js): applying the operations to the old text gives
// the new one, for generated pairs of texts.
import test from 'node:test';
import assert from 'node:assert/strict';
import { diffWords } from '../../web/app/lib/diff.js';

function rng(seed) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}
const WORDS = ['clinic', 'dispatch', 'HVAC', '40%', 'fewer', 'no-shows', '🚀', 'über', '#FieldService',
               'https://x.example/a?b=c', '', 'the', 'a', 'and', '\n', '—'];

function text(r, n) {
  const out = [];
  for (let i = 0; i < n; i += 1) out.push(WORDS[Math.floor(r() * WORDS.length)]);
  return out.join(r() < 0.5 ? ' ' : '  ');
}

test('old = equal+removed, new = equal+added, for 500 generated pairs', () => {
  const r = rng(42);
  for (let i = 0; i < 500; i += 1) {
    const a = text(r, Math.floor(r() * 60));
    const b = r() < 0.3 ? a : text(r, Math.floor(r() * 60));
    const ops = diffWords(a, b);
    assert.equal(ops.filter((o) => o.op !== '+').map((o) => o.text).join(''), a);
    assert.equal(ops.filter((o) => o.op !== '-').map((o) => o.text).join(''), b);
    if (a === b) assert.ok(ops.every((o) => o.op === '='));
  }
});

test('a one-word change is one removal and one addition', () => {
  const ops = diffWords('forty clinics use us', 'fifty clinics use us');
  assert.deepEqual(ops.filter((o) => o.op !== '='), [{ op: '-', text: 'forty' }, { op: '+', text: 'fifty' }]);
});
