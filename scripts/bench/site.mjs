// A folder of built files, served and sized the way a static host that compresses would send it:
// the precompressed file beside a file (`app.js.br`, written by scripts/precompress.mjs) when
// there is one, else the file compressed once, in memory, with the same settings as
// precompress.mjs (brotli quality 11, gzip level 9), and only when that makes it smaller.
// Our dist/ has the precompressed files; the reference page has none. Serving both through this
// one path is what makes their bytes on the wire comparable.
import { createServer } from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, relative, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { CONTENT_TYPES } from '../content-types.mjs';

/** The encodings a host offers, best first, with the suffix of their precompressed files. */
const ENCODINGS = [
  { name: 'br', ext: '.br', compress: brotli },
  { name: 'gzip', ext: '.gz', compress: (raw) => gzipSync(raw, { level: 9 }) },
];
/** The files worth compressing (as in scripts/precompress.mjs). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt', '.xml']);

/** `raw` compressed as precompress.mjs does (`ext`: the file's extension, as `.wasm`). */
export function brotli(raw, ext) {
  return brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      [constants.BROTLI_PARAM_MODE]: ext === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    },
  });
}

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

export class Site {
  constructor(root) {
    this.root = root;
    /** Compressed bodies made in memory, by `${encoding} ${path}`: each file is compressed once. */
    this.cache = new Map();
  }

  /**
   * The files a page ships: every file but the precompressed copies and the build's
   * `manifest.json` (facts about the story for the tests, which the page never loads).
   */
  async files() {
    const files = [];
    for await (const path of walk(this.root)) {
      const copy = ENCODINGS.some((e) => path.endsWith(e.ext));
      if (!copy && relative(this.root, path) !== 'manifest.json') files.push(path);
    }
    return files;
  }

  /**
   * The body a host sends for `path` in `encoding` (null: identity), or null when it would send
   * the file as it is (nothing smaller to send).
   */
  async encoded(path, encoding) {
    const { ext, compress } = ENCODINGS.find((e) => e.name === encoding);
    if (existsSync(path + ext)) return readFile(path + ext);
    if (!COMPRESSIBLE.has(extname(path))) return null;
    const key = `${encoding} ${path}`;
    if (!this.cache.has(key)) {
      const raw = await readFile(path);
      const body = compress(raw, extname(path));
      this.cache.set(key, body.length < raw.length ? body : null);
    }
    return this.cache.get(key);
  }

  /**
   * Each shipped file's raw, gzip and brotli size (the encoded body where the host would send
   * one, else the raw size), largest brotli first, and their total.
   */
  async sizes() {
    const files = [];
    for (const path of await this.files()) {
      const raw = (await stat(path)).size;
      const size = async (encoding) => (await this.encoded(path, encoding))?.length ?? raw;
      const precompressed = ENCODINGS.some((e) => existsSync(path + e.ext));
      files.push({ file: relative(this.root, path), raw, gzip: await size('gzip'), br: await size('br'), precompressed });
    }
    files.sort((a, b) => b.br - a.br);
    const total = { raw: 0, gzip: 0, br: 0 };
    for (const f of files) for (const k of Object.keys(total)) total[k] += f[k];
    return { files, total };
  }

  /** Serves the folder on a free loopback port; resolves to the server and its origin. */
  async serve() {
    const server = createServer((req, res) =>
      this.respond(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(404);
        res.end('not found');
      }),
    );
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, origin: `http://127.0.0.1:${server.address().port}` };
  }

  async respond(req, res) {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(this.root, path.endsWith('/') ? join(path, 'index.html') : path);
    if (file !== this.root && !file.startsWith(this.root + sep)) return res.writeHead(403).end();
    const accepts = (req.headers['accept-encoding'] ?? '').split(',').map((s) => s.trim().split(';')[0]);
    const headers = { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', vary: 'accept-encoding' };
    for (const { name } of ENCODINGS) {
      const body = accepts.includes(name) ? await this.encoded(file, name) : null;
      if (body) {
        res.writeHead(200, { ...headers, 'content-encoding': name, 'content-length': body.length });
        return res.end(body);
      }
    }
    const body = await readFile(file);
    res.writeHead(200, { ...headers, 'content-length': body.length });
    res.end(body);
  }
}
