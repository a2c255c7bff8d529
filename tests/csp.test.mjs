// The content security policy: index.html allows only the page's own origin, with nothing
// inline and no eval, and the page works under it. Any violation report (in the page or its
// workers) or any request to another origin fails the test, through a first view, the labs,
// a few training steps and a switch to the full module (burn-flex).
// Run with: node --test tests/csp.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, latentLabReady } from './browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

test('the policy allows only the page itself: no inline code, no eval', () => {
  const html = fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8');
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(policy, 'index.html carries a Content-Security-Policy');
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'self'"]);
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives['worker-src'], ["'self'"]);
  assert.ok(!/'unsafe-inline'|'unsafe-eval'|data:|\*/.test(policy), policy);
  // Nothing inline for the policy to refuse: no inline scripts, styles or handlers.
  assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle="|\son[a-z]+="/i.test(html), 'index.html has inline code or styles');
});

test('the page works under the policy: no violation, no request to another origin', async () => {
  const page = await ctx.context.newPage();
  await page.addInitScript(() => {
    /** @type {string[]} */
    const seen = [];
    Object.defineProperty(window, 'cspViolations', { value: seen });
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
  });
  const messages = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) messages.push(m.text()); });
  const origin = new URL(ctx.url).origin;
  const foreign = [];
  page.on('request', (r) => { if (!r.url().startsWith(origin)) foreign.push(r.url()); });
  await page.goto(`${ctx.url}?backend=cpu`);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 300_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', await page.textContent('#notices'));
  await page.evaluate(() => window.playground.ready);
  await latentLabReady(page);
  const run = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 2 }));
  assert.equal(run.losses.length, 2);
  // The full module, in the same worker, under the same policy.
  assert.equal(await page.evaluate(() => window.playground.setBackend('flex')), 'flex');
  await page.evaluate(() => window.playground.train({ model: 'standard', steps: 1 }));
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(messages, []);
  assert.deepEqual(foreign, []);
  await page.close();
});
