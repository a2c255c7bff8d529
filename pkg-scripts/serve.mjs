// A static file server for the page (localhost only). Usage: node serve.mjs [--port 8080]
// Prints the URL once it listens. Used by the serve script, the tests and the benchmark.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
  '.gz': 'application/gzip', '.bpk': 'application/octet-stream', '.svg': 'image/svg+xml',
  '.md': 'text/markdown; charset=utf-8',
};

/** Starts the server; resolves to {server, url}. Port 0 picks a free port. */
export function serve({ port = 8080, root = ROOT, prefix = '/' } = {}) {
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
      res.writeHead(200, { 'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(data);
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
