// The advisories (pkg-scripts/audit, run by pkg-scripts/test): the RustSec database kept in the
// repository passes over Cargo.lock, and the same database with one advisory more, against a
// crate the lab is built from, fails and names it, so the audit can fail. The npm half runs the
// real `npm audit` against an audit endpoint served by the test (npm's bulk advisory API, on
// localhost): no advisory passes, one advisory against an npm package of package-lock.json fails
// and is named, and an endpoint that refuses is said and not counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import zlib from 'node:zlib';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/**
 * An npm audit endpoint on localhost that answers npm's bulk advisory request (`POST
 * /-/npm/v1/security/advisories/bulk`, a gzipped `{package: [versions]}`) with `answer(asked)`,
 * or with `status` alone; every other request (package documents) gets 404.
 * @returns {Promise<{registry: string, asked: Record<string, string[]>[], close: () => void}>}
 */
async function auditEndpoint({ answer = () => ({}), status = 200 } = {}) {
  const asked = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url.endsWith('/-/npm/v1/security/advisories/bulk')) { res.statusCode = 404; res.end('{}'); return; }
      const body = Buffer.concat(chunks);
      const packages = JSON.parse((req.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(body) : body).toString());
      asked.push(packages);
      res.statusCode = status;
      res.setHeader('content-type', 'application/json');
      res.end(status === 200 ? JSON.stringify(answer(packages)) : JSON.stringify({ error: 'Method Not Allowed' }));
    });
  });
  await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  return { registry: `http://127.0.0.1:${server.address().port}/`, asked, close: () => server.close() };
}

/**
 * Runs pkg-scripts/audit (without blocking, so the test's endpoint can answer), with npm asking
 * `registry`. Resolves to `{status, stdout, stderr}`.
 */
function audit(registry, ...args) {
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, 'pkg-scripts/audit'), args, { cwd: ROOT, env: { ...process.env, npm_config_registry: registry } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill(), 600_000);
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

/** The kept database, unpacked into a fresh folder. */
function unpacked() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-advisories-'));
  const r = spawnSync('tar', ['-C', dir, '-xzf', path.join(ROOT, 'pkg-scripts/advisories/rustsec.tar.gz')]);
  assert.equal(r.status, 0, String(r.stderr));
  return dir;
}

test('the kept advisory database: at least a thousand advisories, and none for Cargo.lock beyond those allowed; npm asks about every package', async () => {
  const db = unpacked();
  const count = fs.readdirSync(path.join(db, 'crates')).flatMap((c) => fs.readdirSync(path.join(db, 'crates', c))).length;
  assert.ok(count >= 1000, `${count} advisories`);
  assert.match(fs.readFileSync(path.join(db, 'SNAPSHOT'), 'utf8'), /^\d{4}-\d\d-\d\d [0-9a-f]{40}\n$/);
  const endpoint = await auditEndpoint();
  const r = await audit(endpoint.registry, db);
  endpoint.close();
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /cargo audit: no advisory for the crates of Cargo\.lock/);
  // npm asked the endpoint about every package of package-lock.json, and it found nothing.
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  const asked = endpoint.asked[0] ?? {};
  assert.deepEqual(asked['playwright-core'], [lock.packages['node_modules/playwright-core'].version]);
  assert.match(r.stdout, new RegExp(`npm audit: no advisory for the \\d+ npm packages \\(asked ${endpoint.registry.replace(/[.]/g, '\\.')}\\)`));
});

test('an advisory against a crate of Cargo.lock fails the audit and is named', async () => {
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
  const endpoint = await auditEndpoint();
  const r = await audit(endpoint.registry, db);
  endpoint.close();
  assert.notEqual(r.status, 0, 'the audit must fail');
  assert.match(r.stdout + r.stderr, /RUSTSEC-2099-0001/);
  assert.match(r.stderr, /^error: cargo audit found an advisory for a crate of Cargo\.lock/m);
});

test('an npm advisory against a package of package-lock.json fails the audit and is named', async () => {
  const endpoint = await auditEndpoint({
    answer: (asked) => ({
      'playwright-core': [{
        id: 1, url: 'https://example.org/npm-advisory', title: 'An advisory made for this test', severity: 'high',
        vulnerable_versions: `<=${asked['playwright-core'][0]}`, cwe: [], cvss: { score: 7, vectorString: null },
      }],
    }),
  });
  const r = await audit(endpoint.registry, unpacked());
  endpoint.close();
  assert.notEqual(r.status, 0, 'the audit must fail');
  assert.match(r.stderr, /^error: playwright-core: high: An advisory made for this test \(https:\/\/example\.org\/npm-advisory\)$/m);
  // A package that depends on it is named too, through it.
  assert.match(r.stderr, /^error: @axe-core\/playwright: high: through playwright-core$/m);
  assert.match(r.stderr, /^error: npm audit found advisories for npm packages/m);
});

test('an audit endpoint that refuses is said, and the npm packages are not counted as audited', async () => {
  const endpoint = await auditEndpoint({ status: 405 });
  const r = await audit(endpoint.registry, unpacked());
  endpoint.close();
  assert.equal(r.status, 0, r.stderr);
  assert.equal(endpoint.asked.length > 0, true, 'npm must have asked the endpoint');
  assert.match(r.stdout, /npm audit could not ask http:\/\/127\.0\.0\.1:\d+\/ \(.+\): the npm packages are not audited on this machine/);
});
