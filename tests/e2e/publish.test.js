// The release build as docs/publishing.md tells a news site to serve it: Debian's nginx with
// publish/nginx.conf, at a sub-path, on a loopback port. The headers of every file (caching,
// the CSP, the precompressed bodies and their types), then the page in Chromium through it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { access, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import {
  ROOT,
  DIST,
  DESKTOP,
  MARK_START,
  documentedCsp,
  launchBrowser,
  storySteps,
  waitForStart,
  waitForActive,
  waitForSettled,
} from './harness.js';
import { CONTENT_TYPES } from '../../scripts/content-types.mjs';

const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
// Debian's libnginx-mod-http-brotli-static, loaded by absolute path (the prefix is ours).
const BROTLI = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const CONF = join(ROOT, 'publish', 'nginx.conf');
const WORK = join(ROOT, 'target', 'e2e-nginx');
const SUB_PATH = '/news/2014/benghazi';
// The files the build does not hash: docs/publishing.md names them.
const UNHASHED = ['boot.js', 'index.html', 'manifest.json'];
const IMMUTABLE = 'public, max-age=31536000, immutable';

const site = {};

/** A free port on 127.0.0.1 (free when asked: nginx takes it a moment later). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** GET `path` with exactly `headers` (no decoding): { status, headers, body: Buffer }. */
function get(path, headers = {}) {
  return new Promise((resolve, reject) => {
    request(`${site.origin}${path}`, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** Starts nginx in the foreground with every path of its own under target/; resolves once it answers. */
async function startNginx() {
  for (const [file, what] of [[NGINX, 'nginx'], [BROTLI, 'its brotli_static module']]) {
    await access(file).catch(() => {
      throw new Error(`${file} is missing (Debian's ${what}, which serves the build here): run scripts/ensure-tools.sh test`);
    });
  }
  const port = await freePort();
  await rm(WORK, { recursive: true, force: true });
  await mkdir(WORK, { recursive: true });
  const template = await readFile(CONF, 'utf8');
  assert.match(template, /^ {4}listen 80;$/m, 'publish/nginx.conf: the test puts its port in place of `listen 80;`');
  const server = template
    .replaceAll('@DIST_DIR@', DIST)
    .replaceAll('@SUB_PATH@', SUB_PATH)
    .replace(/^ {4}listen 80;$/m, `    listen 127.0.0.1:${port};`);
  await writeFile(join(WORK, 'site.conf'), server);
  // One process, running as whoever runs the tests, writing nothing outside WORK.
  await writeFile(
    join(WORK, 'nginx.conf'),
    `load_module "${BROTLI}";
daemon off;
master_process off;
pid "${WORK}/nginx.pid";
error_log "${WORK}/error.log";
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path "${WORK}/body";
  proxy_temp_path "${WORK}/proxy";
  fastcgi_temp_path "${WORK}/fastcgi";
  uwsgi_temp_path "${WORK}/uwsgi";
  scgi_temp_path "${WORK}/scgi";
  include "${WORK}/site.conf";
}
`,
  );
  const nginx = spawn(NGINX, ['-p', WORK, '-c', join(WORK, 'nginx.conf'), '-e', join(WORK, 'error.log')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => nginx.once('exit', resolve));
  site.stop = async () => {
    if (nginx.exitCode === null && nginx.signalCode === null) nginx.kill('SIGTERM');
    await exited;
  };
  site.origin = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 10_000; ; ) {
    if (nginx.exitCode !== null || Date.now() > deadline) {
      const log = await readFile(join(WORK, 'error.log'), 'utf8').catch(() => '');
      throw new Error(`nginx ${nginx.exitCode === null ? 'does not answer' : `exited with ${nginx.exitCode}`}:\n${log}`);
    }
    try {
      await get(`${SUB_PATH}/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

before(async () => {
  site.csp = await documentedCsp();
});

/** The headers every file gets, beside its caching. */
function assertCommonHeaders(res, what) {
  assert.equal(res.headers['content-security-policy'], site.csp, what);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', what);
  assert.equal(res.headers['referrer-policy'], 'no-referrer', what);
  assert.equal(res.headers['access-control-allow-origin'], '*', what);
  assert.equal(res.headers['x-frame-options'], undefined, `${what}: the page is made to be framed`);
}

test('the CSP is one line in publish/csp.txt, the very value nginx sends and the docs quote', async () => {
  const csp = await readFile(join(ROOT, 'publish', 'csp.txt'), 'utf8');
  assert.match(csp, /^[^\n]+\n?$/, 'publish/csp.txt: one line');
  const sent = [...(await readFile(CONF, 'utf8')).matchAll(/add_header\s+Content-Security-Policy\s+"([^"]*)"/g)];
  assert.ok(sent.length > 0, 'publish/nginx.conf sends no Content-Security-Policy');
  for (const [, value] of sent) assert.equal(value, site.csp, 'publish/nginx.conf and publish/csp.txt differ');
  for (const doc of ['embedding.md', 'publishing.md']) {
    const quoted = (await readFile(join(ROOT, 'docs', doc), 'utf8')).match(/^Content-Security-Policy: .*$/gm) ?? [];
    assert.ok(quoted.length > 0, `docs/${doc} does not quote the policy`);
    for (const line of quoted) assert.equal(line, `Content-Security-Policy: ${site.csp}`, `docs/${doc}`);
  }
});

describe('served by nginx with publish/nginx.conf', () => {
  before(async () => {
    site.files = (await readdir(DIST)).filter((f) => !/\.(br|gz)$/.test(f)).sort();
    await startNginx();
  });
  after(async () => {
    await site.browser?.close();
    await site.stop?.();
  });

  test('the page is served at the sub-path, revalidated on every use, under the CSP', async () => {
    const bare = await get(SUB_PATH);
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.location, `${SUB_PATH}/`);
    const page = await readFile(join(DIST, 'index.html'));
    for (const path of [`${SUB_PATH}/`, `${SUB_PATH}/index.html`]) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers['content-type'], 'text/html; charset=utf-8', path);
      assert.equal(res.headers['cache-control'], 'no-cache', path);
      assert.ok(res.headers.etag && res.headers['last-modified'], `${path}: nothing to revalidate with`);
      assert.ok(res.body.equals(page), path);
      assertCommonHeaders(res, path);
      const again = await get(path, { 'if-none-match': res.headers.etag });
      assert.equal(again.status, 304, `${path}: revalidation`);
      assert.equal(again.headers['cache-control'], 'no-cache', `${path}: revalidation`);
    }
    // Nothing outside the sub-path is the build's.
    assert.equal((await get('/index.html')).status, 404);
  });

  test('every file but index.html, boot.js and manifest.json is hashed: those a year, immutable; the rest no-cache', async () => {
    const unhashed = site.files.filter((f) => !/-[0-9a-f]+(_bg)?\.(css|js|wasm)$/.test(f));
    assert.deepEqual(unhashed, UNHASHED, 'the files without a hash (docs/publishing.md names them)');
    for (const file of site.files) {
      const res = await get(`${SUB_PATH}/${file}`);
      assert.equal(res.status, 200, file);
      assert.equal(res.headers['cache-control'], UNHASHED.includes(file) ? 'no-cache' : IMMUTABLE, file);
      assert.equal(res.headers['content-type'].split(';')[0], CONTENT_TYPES[extname(file)].split(';')[0], file);
      assertCommonHeaders(res, file);
    }
    // A hashed name that is not there is a 404 that no cache may keep for a year.
    const missing = await get(`${SUB_PATH}/main-0123456789abcdef.css`);
    assert.equal(missing.status, 404);
    assert.notEqual(missing.headers['cache-control'], IMMUTABLE);
  });

  test('each file goes out as its .br, its .gz or as it is, by Accept-Encoding, with its own type', async () => {
    const all = await readdir(DIST);
    const wasm = site.files.find((f) => f.endsWith('.wasm'));
    assert.ok(all.includes(`${wasm}.br`) && all.includes(`${wasm}.gz`), 'make dist precompresses the wasm');
    for (const file of site.files) {
      const raw = await readFile(join(DIST, file));
      const type = (await get(`${SUB_PATH}/${file}`)).headers['content-type'];
      // A CDN asks with Via: gzip_static must answer it too.
      for (const [accept, encoding] of [['br', 'br'], ['gzip', 'gzip'], ['gzip, deflate, br', 'br'], ['', null]]) {
        const headers = accept ? { 'accept-encoding': accept, via: '1.1 cdn.example' } : {};
        const res = await get(`${SUB_PATH}/${file}`, headers);
        const what = `${file} with Accept-Encoding "${accept}"`;
        const sent = encoding && all.includes(`${file}.${encoding === 'br' ? 'br' : 'gz'}`) ? encoding : undefined;
        assert.equal(res.status, 200, what);
        assert.equal(res.headers['content-encoding'], sent, what);
        const body = sent ? await readFile(join(DIST, `${file}.${sent === 'br' ? 'br' : 'gz'}`)) : raw;
        assert.ok(res.body.equals(body), `${what}: not the ${sent ?? 'raw'} file`);
        assert.equal(res.headers.vary, 'Accept-Encoding', what);
        assert.equal(res.headers['content-type'], type, what);
      }
    }
    const res = await get(`${SUB_PATH}/${wasm}`, { 'accept-encoding': 'br' });
    assert.equal(res.headers['content-type'], 'application/wasm');
  });

  test('in Chromium, through nginx, the page starts and plays with no error and no CSP violation', async () => {
    const steps = await storySteps();
    const { id } = steps[Math.floor(steps.length / 2)];
    site.browser = await launchBrowser();
    const page = await site.browser.newPage({ viewport: DESKTOP });
    await page.addInitScript(MARK_START);
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`),
      );
    });
    const problems = [];
    page.on('console', (msg) => {
      // wasm-bindgen's glue warns when the wasm cannot be compiled as it streams in.
      if (msg.type() === 'error' || /instantiateStreaming/.test(msg.text())) problems.push(`${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    const responses = [];
    page.on('response', (res) => responses.push(res));
    const response = await page.goto(`${site.origin}${SUB_PATH}/#step-${id}`);
    assert.equal(response.headers()['content-security-policy'], site.csp);
    await page.waitForSelector('[data-testid=step]');
    await waitForStart(page);
    await waitForActive(page, id);
    await waitForSettled(page);
    for (const res of responses) {
      assert.ok(res.url().startsWith(`${site.origin}${SUB_PATH}/`), `a request outside the sub-path: ${res.url()}`);
      assert.ok(res.status() < 400, `HTTP ${res.status()}: ${res.url()}`);
    }
    const wasm = responses.find((res) => res.url().endsWith('.wasm'));
    assert.equal(wasm.headers()['content-type'], 'application/wasm');
    // Chromium offers br here (a loopback origin is trustworthy, as HTTPS is).
    assert.equal(wasm.headers()['content-encoding'], 'br');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
