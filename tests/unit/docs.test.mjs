// The documentation holds together: the README stays short, and every relative link in it and
// in docs/ (pages, pictures, files, #anchors) leads somewhere that exists, so nothing the README
// sends a reader to is lost when a page moves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Markdown files of the README and docs/, as paths relative to the root. */
function pages() {
  const out = ['README.md', 'ARCHITECTURE.md'];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.md')) out.push(rel);
    }
  };
  walk('docs');
  return out;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');

/** The anchors of a markdown file's headings (outside code blocks). */
function anchors(file) {
  const seen = new Map();
  const out = new Set();
  let fenced = false;
  for (const line of fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

/** Relative links of a markdown file, outside code blocks and code spans. */
function links(file) {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8')
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((href) => !/^[a-z]+:/.test(href));
}

test('the README stays a short way in (at most 200 lines)', () => {
  const lines = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n').length;
  assert.ok(lines <= 200, `README.md has ${lines} lines; move detail into docs/`);
});

test('every relative link of the README and docs/ leads to a file and heading that exist', () => {
  const broken = [];
  for (const file of pages()) {
    for (const href of links(file)) {
      const [target, anchor] = href.split('#');
      const resolved = target ? path.normalize(path.join(path.dirname(file), decodeURIComponent(target))) : file;
      if (!fs.existsSync(path.join(ROOT, resolved))) { broken.push(`${file}: ${href} (no ${resolved})`); continue; }
      if (anchor && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) broken.push(`${file}: ${href} (no heading #${anchor} in ${resolved})`);
    }
  }
  assert.deepEqual(broken, []);
});

test('every page of docs/ is reachable from the README', () => {
  const reached = new Set(['README.md']);
  const queue = ['README.md'];
  while (queue.length) {
    const file = queue.shift();
    for (const href of links(file)) {
      const target = href.split('#')[0];
      if (!target.endsWith('.md')) continue;
      const resolved = path.normalize(path.join(path.dirname(file), target));
      if (!reached.has(resolved) && fs.existsSync(path.join(ROOT, resolved))) { reached.add(resolved); queue.push(resolved); }
    }
  }
  const unreached = pages().filter((p) => !reached.has(p));
  assert.deepEqual(unreached, []);
});
