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
 * The files fetched only when a student asks for them, as paths of the site: the full module
 * (WebGPU, burn-flex), the threaded module and the Fashion-MNIST data set. The install leaves
 * them out; sw.js keeps each in the cache once the page has fetched it (it reads this pattern
 * from pkg/precache.js).
 */
export const ONCE_USED = /\/pkg\/(full|threads)\/|\/www\/data\/fashion-(train|test)\.bin\.gz$/;

/**
 * What the page needs offline: the page, its scripts, styles and icon, the digits, the transformation
 * curves, the 8-bit weights and the CPU module; not what ONCE_USED names, nor the f32 `.bpk`
 * weights, which are for the native programs.
 */
export function precacheFiles() {
  const page = (/** @type {string} */ f) => /^www\/.*\.(js|css|json|svg)$/.test(f) || /^www\/data\/.*\.gz$/.test(f) || /\.q8\.gz$/.test(f);
  const module = (/** @type {string} */ f) => /^pkg\/.*\/.*\.(js|wasm)$/.test(f);
  return ['index.html', ...[...walk('www'), ...walk('pkg')].map((f) => f.split(path.sep).join('/'))
    .filter((f) => (page(f) || module(f)) && !ONCE_USED.test(`/${f}`))];
}

/** The text of pkg/precache.js for the files as they are now. */
export function precacheText() {
  const files = precacheFiles();
  const hash = crypto.createHash('sha256');
  for (const f of files) hash.update(f).update(fs.readFileSync(path.join(ROOT, f)));
  hash.update(fs.readFileSync(path.join(ROOT, 'sw.js')));
  const version = hash.digest('hex').slice(0, 16);
  return `// Written by pkg-scripts/precache.mjs: the files sw.js caches at install, their version, and the files it keeps once used.\nself.PRECACHE = ${JSON.stringify({ version, files: ['./', ...files], onceUsed: ONCE_USED.source }, null, 1)};\n`;
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
