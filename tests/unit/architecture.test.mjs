// The rules of ARCHITECTURE.md that a program can check: dependencies point one way (no core
// concept imports the session or the face), the shared vocabulary is a leaf, and no Rust file
// grows past 600 lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

/** Every .rs file under src/, relative to it. */
function rustFiles(dir = '') {
  return fs.readdirSync(path.join(SRC, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    return e.isDirectory() ? rustFiles(rel) : e.name.endsWith('.rs') ? [rel] : [];
  });
}
const read = (file) => fs.readFileSync(path.join(SRC, file), 'utf8');
// The layers above the concepts (a lab folder's face.rs is the face), the programs that compose them, and the contract (test-only).
const ABOVE = (file) => file.startsWith('lab') || file.startsWith('bin') || file.startsWith('web') || path.basename(file) === 'face.rs' || ['lib.rs', 'cli.rs', 'contract.rs'].includes(file);

test('no core concept imports the session (lab) or the face (web)', () => {
  const wrong = rustFiles().filter((f) => !ABOVE(f) && /crate::(lab|web)\b/.test(read(f)));
  assert.deepEqual(wrong, []);
});

test('the vocabulary (parts.rs) and the file formats (format.rs) import nothing of the crate', () => {
  for (const leaf of ['parts.rs', 'format.rs']) assert.doesNotMatch(read(leaf), /crate::/, leaf);
});

test('no Rust file is over 600 lines', () => {
  const long = rustFiles().map((f) => [f, read(f).split('\n').length]).filter(([, n]) => n > 600);
  assert.deepEqual(long, []);
});
