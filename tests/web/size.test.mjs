// The shipped JavaScript stays under the budget (150 kB gzipped) and the app ships no
// inline script or style: every script is a module file, and no file builds HTML from strings.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const app = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'app');

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

test('the JavaScript is under 150 kB gzipped', () => {
  const js = files(app).filter((f) => f.endsWith('.js'));
  assert.ok(js.length > 5);
  const gzipped = js.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  console.log(`# ${js.length} files, ${gzipped} bytes gzipped`);
  assert.ok(gzipped < 150 * 1024, `${gzipped} bytes`);
});

test('no HTML from strings, no inline script or style', () => {
  for (const f of files(app)) {
    const text = readFileSync(f, 'utf8');
    if (f.endsWith('.js')) {
      assert.doesNotMatch(text, /\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/, f);
    }
    if (f.endsWith('.html')) {
      assert.doesNotMatch(text, /<script(?![^>]*\bsrc=)[^>]*>/i, `${f}: inline script`);
      assert.doesNotMatch(text, /\sstyle=|<style/i, `${f}: inline style`);
      assert.doesNotMatch(text, /\son[a-z]+=/i, `${f}: inline handler`);
    }
  }
});

test('index.html preloads every module (no discovery waterfall)', () => {
  const index = readFileSync(join(app, 'index.html'), 'utf8');
  for (const f of files(app).filter((x) => x.endsWith('.js') && !x.endsWith('app.js'))) {
    const rel = f.slice(app.length + 1).split('\\').join('/');
    assert.ok(index.includes(`<link rel="modulepreload" href="/assets/${rel}">`), rel);
  }
});
