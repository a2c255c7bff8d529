// Run by pkg-scripts/check-licences. Checks the licence of every crate in Cargo.lock and every
// npm package in package-lock.json against an allow-list, and writes the credits of what the
// page ships (docs/CREDITS.md).
//
//   pkg-scripts/check-licences                  check; one line per package outside the allow-list
//   pkg-scripts/check-licences --credits        check, then write docs/CREDITS.md
//   pkg-scripts/check-licences --credits=FILE   check, then write the credits to FILE (- for stdout)
//
// The licences come from `cargo metadata --locked` (the `license` field of every package, an
// SPDX expression) and from package-lock.json (each entry's `license`). An expression passes
// when it is allowed as a whole: OR needs one branch allowed, AND needs every part, and
// "A WITH exception" needs exactly that pair on the list. The old "MIT/Apache-2.0" spelling
// reads as OR, as cargo reads it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

// Permissive licences (and public-domain dedications): all allow use, change and
// redistribution, in source or compiled into the wasm, under the project's MIT OR Apache-2.0,
// asking at most for the notice to be kept. MPL-2.0 is file-level copyleft: it binds only the
// MPL files themselves (their source stays available from crates.io), not the rest of the
// program. Licences not listed (GPL, LGPL, AGPL, the non-commercial or no-derivatives Creative
// Commons ones, ...) fail the check unless an OR offers an allowed branch.
const ALLOWED = new Set([
  'MIT', 'MIT-0', 'Apache-2.0', 'Apache-2.0 WITH LLVM-exception', 'BSD-2-Clause', 'BSD-3-Clause',
  'ISC', '0BSD', 'Zlib', 'BSL-1.0', 'NCSA', 'Unicode-3.0', 'Unicode-DFS-2016', 'MPL-2.0',
  'CC0-1.0', 'Unlicense', 'CDLA-Permissive-2.0',
]);

// Packages whose manifest has no SPDX `license`, each read by hand, with the licence it is
// taken to have. Keyed by name and version, so a new version is read again.
const KNOWN = {
  'cfg_block 0.1.1': {
    license: 'Apache-2.0',
    why: 'license-file = "LICENSE", the Apache-2.0 notice ("Copyright 2022 Trevor Gross, Licensed under the Apache License, Version 2.0")',
  },
};

// --- SPDX expressions ------------------------------------------------------------------------

function tokens(expr) {
  return expr.replace(/\(/g, ' ( ').replace(/\)/g, ' ) ').replace(/\//g, ' OR ').trim().split(/\s+/);
}

// Returns a tree: {or: [...]}, {and: [...]} or {id: 'MIT'} / {id: 'Apache-2.0 WITH X'}.
function parse(expr) {
  const t = tokens(expr);
  let i = 0;
  const peek = () => t[i];
  const next = () => t[i++];
  function primary() {
    const tok = next();
    if (tok === undefined) throw new Error('unexpected end');
    if (tok === '(') {
      const e = or();
      if (next() !== ')') throw new Error('missing )');
      return e;
    }
    if (/^(AND|OR|WITH|\))$/i.test(tok)) throw new Error(`unexpected ${tok}`);
    if (peek() && peek().toUpperCase() === 'WITH') {
      next();
      const exc = next();
      if (!exc || /^(AND|OR|WITH|\(|\))$/i.test(exc)) throw new Error('missing exception after WITH');
      return { id: `${tok} WITH ${exc}` };
    }
    return { id: tok };
  }
  function and() {
    const parts = [primary()];
    while (peek() && peek().toUpperCase() === 'AND') { next(); parts.push(primary()); }
    return parts.length === 1 ? parts[0] : { and: parts };
  }
  function or() {
    const parts = [and()];
    while (peek() && peek().toUpperCase() === 'OR') { next(); parts.push(and()); }
    return parts.length === 1 ? parts[0] : { or: parts };
  }
  const e = or();
  if (i !== t.length) throw new Error(`unexpected ${t[i]}`);
  return e;
}

function allowed(tree) {
  if (tree.or) return tree.or.some(allowed);
  if (tree.and) return tree.and.every(allowed);
  // "GPL-2.0+" and "-or-later" forms are never on the list; compare the identifier as written.
  return ALLOWED.has(tree.id);
}

// One spelling for one licence choice, to group the credits: "Apache-2.0/MIT" and
// "MIT OR Apache-2.0" both read "Apache-2.0 OR MIT".
function canonical(tree, nested = false) {
  if (tree.id) return tree.id;
  const op = tree.or ? 'OR' : 'AND';
  const parts = [...new Set((tree.or ?? tree.and).map((t) => canonical(t, true)))].sort();
  const text = parts.join(` ${op} `);
  return nested && parts.length > 1 ? `(${text})` : text;
}

function check(expr) {
  try {
    return allowed(parse(expr)) ? null : 'outside the allow-list';
  } catch (e) {
    return `not a valid SPDX expression (${e.message})`;
  }
}

// --- the packages ----------------------------------------------------------------------------

function cargoMetadata(args) {
  const out = execFileSync('cargo', ['metadata', '--format-version', '1', '--locked', ...args], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 512 << 20, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out);
}

function cratesOf(meta) {
  const root = meta.resolve.root;
  return meta.packages.filter((p) => p.id !== root && p.source !== null);
}

function npmPackages() {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  return Object.entries(lock.packages)
    .filter(([path]) => path !== '')
    .map(([path, p]) => ({
      name: p.name ?? path.replace(/^.*node_modules\//, ''),
      version: p.version,
      license: typeof p.license === 'string' ? p.license : p.license?.type ?? null,
      dev: !!p.dev,
    }));
}

function licenceOf(kind, p, problems) {
  if (p.license) return p.license;
  const known = kind === 'crate' ? KNOWN[`${p.name} ${p.version}`] : undefined;
  if (known) return known.license;
  problems.push(`${kind} ${p.name} ${p.version}: no licence field${p.license_file ? ` (license-file ${p.license_file}; read it and list it in KNOWN)` : ''}`);
  return null;
}

// --- credits: what the page ships ------------------------------------------------------------

// The crates compiled into the page's wasm, as the build resolves them: `cargo tree` for
// wasm32-unknown-unknown with the build's default features, normal dependencies only (not dev
// or build dependencies), without procedural macros (they run inside the compiler and are not
// in the wasm). `cargo metadata --filter-platform` is not used for this: its resolve graph
// keeps optional dependencies the build never enables (burn-cuda, burn-tch, ...). The
// authors and repositories come from `meta`, the full metadata.
function shippedCrates(meta) {
  const out = execFileSync('cargo', ['tree', '--locked', '--target', 'wasm32-unknown-unknown',
    '--edges', 'normal,no-proc-macro', '--prefix', 'none', '--format', '{p}'], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const byKey = new Map(meta.packages.map((p) => [`${p.name} ${p.version}`, p]));
  const shipped = new Map();
  for (const line of out.split('\n')) {
    const m = /^(\S+) v(\S+)/.exec(line);
    if (!m) continue;
    const p = byKey.get(`${m[1]} ${m[2]}`);
    if (!p) throw new Error(`cargo tree lists ${m[1]} ${m[2]}, which cargo metadata does not`);
    if (p.id !== meta.resolve.root) shipped.set(p.id, p);
  }
  return [...shipped.values()];
}

const FASHION_MNIST_NOTICE = `The MIT License (MIT) Copyright © 2017 Zalando SE, https://tech.zalando.com

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the “Software”), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED “AS IS”, WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`;

function md(s) {
  return String(s).replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\s+/g, ' ').trim();
}

function credits(meta, npm) {
  const crates = shippedCrates(meta);
  const groups = new Map();
  for (const p of crates) {
    const lic = canonical(parse(p.license ?? KNOWN[`${p.name} ${p.version}`].license));
    if (!groups.has(lic)) groups.set(lic, []);
    groups.get(lic).push(p);
  }
  const shippedNpm = npm.filter((p) => !p.dev);
  const devNpm = npm.filter((p) => p.dev);
  const out = [];
  out.push('# Credits');
  out.push('');
  out.push('Written by `pkg-scripts/check-licences --credits` from `Cargo.lock` and `package-lock.json`;');
  out.push('run it again after changing a dependency. The data sets, the lecture and the reference');
  out.push('implementations are credited in docs/data-and-credits.md.');
  out.push('');
  out.push('## Fashion-MNIST');
  out.push('');
  out.push('The page ships 100 Fashion-MNIST test images (`www/data/fashion-examples.bin.gz`), from');
  out.push('<https://github.com/zalandoresearch/fashion-mnist>, under this notice:');
  out.push('');
  for (const line of FASHION_MNIST_NOTICE.split('\n')) out.push(line ? `> ${line}` : '>');
  out.push('');
  out.push('## Rust crates compiled into the page');
  out.push('');
  out.push(`The ${crates.length} crates built into the page's WebAssembly (\`cargo tree --target`);
  out.push('wasm32-unknown-unknown --edges normal,no-proc-macro`: build dependencies and procedural');
  out.push('macros run only in the compiler and are left out), grouped by the licence each declares.');
  out.push('Where a crate offers a choice (`MIT OR Apache-2.0`), the page takes it under any one of them.');
  out.push('Each crate\'s licence text, notices and source (for the MPL-2.0 ones, the source of their files)');
  out.push('are in its repository below and in its package on crates.io.');
  const order = [...groups.keys()].sort((a, b) => groups.get(b).length - groups.get(a).length || a.localeCompare(b));
  for (const lic of order) {
    const list = groups.get(lic).sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
    out.push('');
    out.push(`### ${md(lic)} (${list.length})`);
    out.push('');
    for (const p of list) {
      const who = (p.authors ?? []).map((a) => a.replace(/\s*<[^>]*>?/g, '')).filter(Boolean);
      const where = p.repository || p.homepage || `https://crates.io/crates/${p.name}`;
      out.push(`- ${md(p.name)} ${md(p.version)}${who.length ? ` by ${md(who.join(', '))}` : ''}: <${where}>`);
    }
  }
  out.push('');
  out.push('## npm packages');
  out.push('');
  if (shippedNpm.length === 0) {
    out.push('None is shipped with the page: `package.json` has only development dependencies, which');
    out.push('build, optimise and test it:');
  } else {
    out.push('Shipped with the page:');
    out.push('');
    for (const p of shippedNpm) out.push(`- ${md(p.name)} ${md(p.version)}: ${md(p.license ?? 'unknown')}`);
    out.push('');
    out.push('Development only:');
  }
  out.push('');
  for (const p of devNpm) out.push(`- ${md(p.name)} ${md(p.version)}: ${md(p.license ?? 'unknown')}`);
  out.push('');
  return out.join('\n');
}

// --- main ------------------------------------------------------------------------------------

function main() {
  const arg = process.argv.slice(2);
  const creditsArg = arg.find((a) => a === '--credits' || a.startsWith('--credits='));
  const unknown = arg.filter((a) => a !== creditsArg);
  if (unknown.length) {
    console.error(`check-licences: unknown argument ${unknown[0]} (usage: check-licences [--credits[=FILE|-]])`);
    process.exit(2);
  }
  // Every crate of the lockfile, for every platform and feature: what anyone building the
  // project, on any system, compiles.
  const meta = cargoMetadata(['--all-features']);
  const crates = cratesOf(meta);
  const npm = npmPackages();
  const problems = [];
  for (const [kind, list] of [['crate', crates], ['npm', npm]]) {
    for (const p of list) {
      const lic = licenceOf(kind, p, problems);
      if (lic === null) continue;
      const why = check(lic);
      if (why) problems.push(`${kind} ${p.name} ${p.version}: "${lic}" ${why}`);
    }
  }
  for (const line of problems) console.error(`check-licences: ${line}`);
  if (problems.length) {
    console.error(`licences: ${problems.length} package(s) outside the allow-list (pkg-scripts/check-licences)`);
    process.exit(1);
  }
  const target = creditsArg?.includes('=') ? creditsArg.slice(creditsArg.indexOf('=') + 1) : join(ROOT, 'docs', 'CREDITS.md');
  // On stderr when the credits go to stdout.
  (creditsArg && target === '-' ? console.error : console.log)(
    `licences: ${crates.length} crates and ${npm.length} npm packages, all within the allow-list`);
  if (creditsArg) {
    const text = credits(meta, npm);
    if (target === '-') {
      process.stdout.write(text);
    } else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
      console.log(`credits: wrote ${target}`);
    }
  }
}

try {
  main();
} catch (e) {
  console.error(`check-licences: ${e.message}`);
  process.exit(1);
}
