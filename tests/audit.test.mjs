// The advisories (pkg-scripts/audit, run by pkg-scripts/test): the RustSec database kept in the
// repository passes over Cargo.lock, and the same database with one advisory more, against a
// crate the lab is built from, fails and names it, so the audit can fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const audit = (...args) => spawnSync(path.join(ROOT, 'pkg-scripts/audit'), args, { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });

/** The kept database, unpacked into a fresh folder. */
function unpacked() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-advisories-'));
  const r = spawnSync('tar', ['-C', dir, '-xzf', path.join(ROOT, 'pkg-scripts/advisories/rustsec.tar.gz')]);
  assert.equal(r.status, 0, String(r.stderr));
  return dir;
}

test('the kept advisory database: at least a thousand advisories, and none for Cargo.lock beyond those allowed', () => {
  const db = unpacked();
  const count = fs.readdirSync(path.join(db, 'crates')).flatMap((c) => fs.readdirSync(path.join(db, 'crates', c))).length;
  assert.ok(count >= 1000, `${count} advisories`);
  assert.match(fs.readFileSync(path.join(db, 'SNAPSHOT'), 'utf8'), /^\d{4}-\d\d-\d\d [0-9a-f]{40}\n$/);
  const r = audit(db);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /cargo audit: no advisory for the crates of Cargo\.lock/);
});

test('an advisory against a crate of Cargo.lock fails the audit and is named', () => {
  const db = unpacked();
  const version = fs.readFileSync(path.join(ROOT, 'Cargo.lock'), 'utf8').match(/name = "burn-ndarray"\nversion = "([^"]+)"/)[1];
  fs.mkdirSync(path.join(db, 'crates', 'burn-ndarray'), { recursive: true });
  fs.writeFileSync(path.join(db, 'crates', 'burn-ndarray', 'RUSTSEC-2099-0001.md'), `\`\`\`toml
[advisory]
id = "RUSTSEC-2099-0001"
package = "burn-ndarray"
date = "2099-01-01"
url = "https://example.org/advisory"

[versions]
patched = [">= 999.0.0"]
\`\`\`

# An advisory made for this test

Every version before 999.0.0 is affected, ${version} with them.
`);
  const r = audit(db);
  assert.notEqual(r.status, 0, 'the audit must fail');
  assert.match(r.stdout + r.stderr, /RUSTSEC-2099-0001/);
  assert.match(r.stderr, /^error: cargo audit found an advisory for a crate of Cargo\.lock/m);
});
