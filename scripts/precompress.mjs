#!/usr/bin/env node
// Writes <file>.br (brotli, quality 11) and <file>.gz (gzip, level 9) beside every text and wasm
// file of the release build, where the compressed file is smaller, so that a static host that
// serves precompressed files (nginx gzip_static/brotli_static, Caddy's precompressed, Netlify...)
// sends them as they are. Called by `make dist` after `trunk build --release`.
//
//   node scripts/precompress.mjs [dir]    (default: dist/)
import { readdir, readFile, writeFile, rm } from 'node:fs/promises';
import { join, extname, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2] ?? join(ROOT, 'dist');
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt', '.xml']);

async function* files(d) {
  for (const entry of await readdir(d, { withFileTypes: true })) {
    const path = join(d, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

let written = 0;
for await (const path of files(dir)) {
  if (!COMPRESSIBLE.has(extname(path))) continue;
  const raw = await readFile(path);
  const encodings = {
    '.br': brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        [constants.BROTLI_PARAM_MODE]:
          extname(path) === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    }),
    '.gz': gzipSync(raw, { level: 9 }),
  };
  for (const [ext, body] of Object.entries(encodings)) {
    if (body.length < raw.length) {
      await writeFile(path + ext, body);
      written += 1;
    } else {
      // A stale file from an earlier build would be served in place of the new one.
      await rm(path + ext, { force: true });
    }
  }
}
console.error(`precompress: ${written} .br/.gz files written in ${dir}`);
