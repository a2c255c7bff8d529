// A static file server for the page (localhost only). Usage: node serve.mjs [--port 8080]
// Prints the URL once it listens. Used by the serve script, the tests and the benchmark.
// Like GitHub Pages, it gzips text, scripts, JSON and WebAssembly for browsers that accept it,
// so what a page load transfers here is what it transfers there; and like Pages it sends an ETag
// and answers a request that already has the file with 304 Not Modified.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { writePrecache } from './precache.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
  '.gz': 'application/gzip', '.bpk': 'application/octet-stream', '.svg': 'image/svg+xml',
  '.md': 'text/markdown; charset=utf-8',
};

/** The extensions sent gzipped (Pages compresses these content types; not .gz, .png or .bpk). */
const COMPRESSED = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.md', '.svg']);

/** Gzipped files by path, kept while their modification time stays. */
const gzipped = new Map();

/**
 * The body to send for `file` (its bytes `data`) and whether it is gzipped.
 * @param {string} file @param {Buffer} data @param {string | undefined} accept the request's accept-encoding
 */
export function body(file, data, accept) {
  if (!COMPRESSED.has(path.extname(file)) || !/\bgzip\b/.test(accept ?? '')) return { data, gzip: false };
  const mtime = fs.statSync(file).mtimeMs;
  const cached = gzipped.get(file);
  if (cached && cached.mtime === mtime && cached.size === data.length) return { data: cached.data, gzip: true };
  const packed = zlib.gzipSync(data, { level: 6 });
  gzipped.set(file, { mtime, size: data.length, data: packed });
  return { data: packed, gzip: true };
}

/**
 * Starts the server; resolves to {server, url}. Port 0 picks a free port. The service worker's
 * list of files (pkg/precache.js) is brought up to date first, so that an edited script makes a
 * new version offline too.
 */
export function serve({ port = 8080, root = ROOT, prefix = '/' } = {}) {
  if (root === ROOT && fs.existsSync(path.join(ROOT, 'pkg/cpu'))) writePrecache();
  const server = http.createServer((req, res) => {
    let url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!url.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    url = '/' + url.slice(prefix.length);
    const file = path.join(root, path.normalize(url).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    const target = fs.existsSync(file) && fs.statSync(file).isDirectory() ? path.join(file, 'index.html') : file;
    fs.readFile(target, (err, data) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const etag = `"${crypto.createHash('sha1').update(data).digest('hex')}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag, 'cache-control': 'no-cache', vary: 'accept-encoding' }).end();
        return;
      }
      const sent = body(target, data, req.headers['accept-encoding']);
      res.writeHead(200, {
        etag,
        'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        vary: 'accept-encoding',
        ...(sent.gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      res.end(sent.data);
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => resolve({ server, url: `http://localhost:${server.address().port}${prefix}` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const { url } = await serve({ port: i > 0 ? Number(process.argv[i + 1]) : 8080 });
  console.log(`Autoencoder Playground: ${url}`);
}
