// A word diff (longest common subsequence) for version history: what changed between two texts.
import { h } from './dom.js';

function tokens(text) {
  return (text || '').match(/\s+|[^\s]+/g) || [];
}

/** [{op: '=', '+' or '-', text}] turning `a` into `b`. */
export function diffWords(a, b) {
  let x = tokens(a);
  let y = tokens(b);
  // Common head and tail first: most edits are local, and the table stays small.
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head += 1;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head &&
         x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail += 1;
  const out = [];
  if (head) out.push({ op: '=', text: x.slice(0, head).join('') });
  const tailText = tail ? x.slice(x.length - tail).join('') : '';
  x = x.slice(head, x.length - tail);
  y = y.slice(head, y.length - tail);
  if (x.length * y.length > 4e6) {  // too large for the table: whole-block change
    if (x.length) out.push({ op: '-', text: x.join('') });
    if (y.length) out.push({ op: '+', text: y.join('') });
  } else {
    const n = x.length;
    const m = y.length;
    const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i -= 1) {
      for (let j = m - 1; j >= 0; j -= 1) {
        table[i][j] = x[i] === y[j] ? table[i + 1][j + 1] + 1
                                    : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    const push = (op, text) => {
      const last = out[out.length - 1];
      if (last && last.op === op) last.text += text;
      else out.push({ op, text });
    };
    while (i < n && j < m) {
      if (x[i] === y[j]) { push('=', x[i]); i += 1; j += 1; }
      else if (table[i + 1][j] >= table[i][j + 1]) { push('-', x[i]); i += 1; }
      else { push('+', y[j]); j += 1; }
    }
    while (i < n) { push('-', x[i]); i += 1; }
    while (j < m) { push('+', y[j]); j += 1; }
  }
  if (tailText) out.push({ op: '=', text: tailText });
  return out;
}

export function diffView(a, b) {
  return h('div', { class: 'diff', tabindex: '0', role: 'region', 'aria-label': 'Differences' }, diffWords(a, b).map((d) => {
    if (d.op === '+') return h('ins', null, d.text);
    if (d.op === '-') return h('del', null, d.text);
    return d.text;
  }));
}

/** The text of an item as one string, for comparing versions. */
export function itemText(item) {
  if (item.parts && item.parts.length) {
    return item.parts.map((p, i) => {
      if (p.title || (p.bullets && p.bullets.length) || p.notes) {
        return [`Slide ${i + 1}: ${p.title || ''}`, ...(p.bullets || []).map((b) => `• ${b}`),
                p.notes ? `Notes: ${p.notes}` : ''].filter(Boolean).join('\n');
      }
      return p.body;
    }).join('\n\n');
  }
  return [item.body, (item.hashtags || []).join(' ')].filter(Boolean).join('\n\n');
}
