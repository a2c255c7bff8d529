// What the service worker caches (pkg-scripts/precache.mjs, sw.js): the install's list holds the
// page and the CPU module and none of the files fetched only when asked for, and sw.js reads the
// pattern of those from pkg/precache.js, the one place that names them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { precacheFiles, precacheText, ONCE_USED } from '../../pkg-scripts/precache.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('the install caches the page and the CPU module, and nothing fetched only when asked for', () => {
  const files = precacheFiles();
  for (const f of ['index.html', 'www/main.js', 'www/worker.js', 'www/data/mnist-first.bin.gz', 'pkg/cpu/autoencoder_playground_bg.wasm']) {
    assert.ok(files.includes(f), `${f} is cached at install`);
  }
  assert.deepEqual(files.filter((f) => ONCE_USED.test(`/${f}`)), []);
  // What is left out is what ONCE_USED names: the full and threaded modules, the Fashion-MNIST data.
  for (const f of ['pkg/full/autoencoder_playground_bg.wasm', 'www/data/fashion-train.bin.gz', 'www/data/fashion-test.bin.gz']) {
    assert.ok(!files.includes(f), `${f} waits for its first use`);
    assert.ok(ONCE_USED.test(`/autoencoder-playground/${f}`), `${f} is kept once used`);
  }
  assert.ok(!ONCE_USED.test('/autoencoder-playground/pkg/cpu/autoencoder_playground_bg.wasm'));
  assert.ok(!ONCE_USED.test('/autoencoder-playground/www/data/fashion-examples.bin.gz'));
});

test('sw.js reads the pattern of the files kept once used from pkg/precache.js', () => {
  const self = {};
  vm.runInNewContext(precacheText(), { self });
  assert.equal(self.PRECACHE.onceUsed, ONCE_USED.source);
  assert.deepEqual([...self.PRECACHE.files], ['./', ...precacheFiles()]);
  const sw = fs.readFileSync(path.join(ROOT, 'sw.js'), 'utf8');
  assert.match(sw, /new RegExp\(PRECACHE\.onceUsed\)/);
  assert.doesNotMatch(sw, /fashion-\(train\|test\)/, 'sw.js names no file of its own');
});
