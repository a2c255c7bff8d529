// The local server compresses as GitHub Pages does: text, scripts and WebAssembly gzipped for a
// browser that accepts gzip, the same bytes once unpacked; files already gzipped, images and
// weights as they are; nothing gzipped for a client that does not ask.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import { serve } from '../../pkg-scripts/serve.mjs';

const get = (url, headers = {}) => new Promise((done, fail) => {
  http.get(url, { headers }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => done({ headers: res.headers, body: Buffer.concat(chunks) }));
  }).on('error', fail);
});

test('gzips what Pages gzips, only for clients that accept it', async () => {
  const { server, url } = await serve({ port: 0, prefix: '/p/' });
  try {
    const html = fs.readFileSync(new URL('../../index.html', import.meta.url));
    const packed = await get(`${url}index.html`, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(packed.headers['content-encoding'], 'gzip');
    assert.ok(packed.body.length < html.length / 2, `${packed.body.length} of ${html.length} bytes`);
    assert.deepEqual(zlib.gunzipSync(packed.body), html);
    const plain = await get(`${url}index.html`);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.deepEqual(plain.body, html);
    const digits = await get(`${url}www/data/mnist-test.bin.gz`, { 'accept-encoding': 'gzip' });
    assert.equal(digits.headers['content-encoding'], undefined, 'a .gz file is sent as it is');
    const weights = await get(`${url}www/models/standard.bpk`, { 'accept-encoding': 'gzip' });
    assert.equal(weights.headers['content-encoding'], undefined);
    assert.equal(packed.headers.vary, 'accept-encoding');
  } finally {
    server.close();
  }
});
