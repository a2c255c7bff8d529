// Writes pkg/precache.js, the list of files the service worker (sw.js) caches for offline use
// and their version: a hash of every file's bytes, so any change to any of them makes a new
// version, which the page offers as an update. Run by pkg-scripts/build after the modules.
// Usage: node pkg-scripts/precache.mjs [--print]
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every file under `dir` (relative to the root), sorted. @param {string} dir */
function walk(dir) {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

/**
 * What the page needs offline: the page, its scripts, styles and icon, the digits, the transformation
 * curves, the 8-bit weights and the CPU module (the full module and the Fashion-MNIST data set
 * are cached when first used; the f32 `.bpk` weights are for the native programs).
 */
export function precacheFiles() {
  const keep = (/** @type {string} */ f) => (/\.(js|css|json|svg)$/.test(f) || /^www\/data\/.*\.gz$/.test(f) || /\.q8\.gz$/.test(f))
    && !/^www\/data\/fashion-(train|test)\./.test(f);
  return ['index.html', ...walk('www').filter(keep), ...walk('pkg/cpu').filter((f) => /\.(js|wasm)$/.test(f))]
    .map((f) => f.split(path.sep).join('/'));
}

/** The text of pkg/precache.js for the files as they are now. */
export function precacheText() {
  const files = precacheFiles();
  const hash = crypto.createHash('sha256');
  for (const f of files) hash.update(f).update(fs.readFileSync(path.join(ROOT, f)));
  hash.update(fs.readFileSync(path.join(ROOT, 'sw.js')));
  const version = hash.digest('hex').slice(0, 16);
  return `// Written by pkg-scripts/precache.mjs: the files sw.js caches, and their version.\nself.PRECACHE = ${JSON.stringify({ version, files: ['./', ...files] }, null, 1)};\n`;
}

/** Writes pkg/precache.js when it differs from the files as they are now. */
export function writePrecache() {
  const file = path.join(ROOT, 'pkg/precache.js');
  const text = precacheText();
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--print')) console.log(precacheText());
  else writePrecache();
}
