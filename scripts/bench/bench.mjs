#!/usr/bin/env node
// The benchmark of the release build in dist/ (`make bench` builds it first):
//
// 1. sizes: every shipped file's raw, gzip and brotli size, and the total (the .gz/.br files
//    scripts/precompress.mjs wrote beside them, which are what a static host sends);
// 2. in headless Debian Chromium, on a phone-sized page with the CPU slowed 4x and a slow-4G
//    network (figures in NETWORK below), the median over BENCH_RUNS runs (default 5) of: first
//    contentful paint, the time until the app is interactive (src/main.rs sets
//    `data-interactive` on <html> once the app is mounted), the longest main-thread task during a
//    scripted scroll through every step, the share of animation frames longer than 16.7 ms during
//    that scroll, and the peak JS heap.
//
// Results go to target/bench/<git short sha>.json and target/bench/latest.json; the table goes to
// stdout. Exits 1 when a budget (BUDGETS below, stated in README.md) fails, naming it.
import { createServer } from 'node:http';
import { readdir, readFile, stat, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CONTENT_TYPES as TYPES } from '../content-types.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = process.env.DIST_DIR ?? join(ROOT, 'dist');
const OUT = join(ROOT, 'target', 'bench');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** 1 KB = 1000 bytes throughout. */
const KB = 1000;

/** A slow phone: Chrome DevTools' CPU throttling, 4x slower than this machine. */
const CPU_SLOWDOWN = 4;
/** A slow 4G connection, as Chrome DevTools emulates it (per request round trip, throughput). */
const NETWORK = {
  offline: false,
  latency: 400, // ms added to every request
  downloadThroughput: (400 * 1000) / 8, // 400 kbit/s, in bytes per second
  uploadThroughput: (400 * 1000) / 8, // 400 kbit/s
};
/** The page as a phone shows it. */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
/** Pixels scrolled per animation frame: a brisk reader's flick, ~1000 px/s at 60 frames/s. */
const SCROLL_STEP = 16;
/** A frame longer than this misses 60 frames per second. */
const FRAME_MS = 16.7;
/**
 * rAF timestamps are coarsened (0.1 ms, with jitter): an idle page shows intervals of 16.6 to
 * 16.8 ms. A frame counts as long when its interval exceeds FRAME_MS by more than this; a frame
 * that really misses its slot is a whole vsync (16.7 ms) longer.
 */
const TIMER_SLACK_MS = 0.5;

const BUDGETS = [
  {
    name: 'total transfer at most 100 KB brotli',
    check: (r) => r.sizes.total.br <= 100 * KB,
    figure: (r) => `${kb(r.sizes.total.br)} KB`,
  },
  {
    name: 'text painted before the wasm has loaded (FCP < wasm responseEnd)',
    check: (r) => r.median.fcpMs != null && r.median.fcpMs < r.median.wasmResponseEndMs,
    figure: (r) => `FCP ${ms(r.median.fcpMs)} ms, wasm loaded at ${ms(r.median.wasmResponseEndMs)} ms`,
  },
  {
    name: 'no main-thread task over 50 ms while scrolling',
    check: (r) => r.median.longestTaskMs <= 50,
    figure: (r) => `longest ${ms(r.median.longestTaskMs)} ms`,
  },
  {
    name: 'fewer than 5% of frames over 16.7 ms while scrolling',
    check: (r) => r.median.longFramesPct < 5,
    figure: (r) => `${r.median.longFramesPct.toFixed(1)}%`,
  },
];

const kb = (bytes) => (bytes / KB).toFixed(1);
const ms = (t) => (t == null ? '–' : Math.round(t).toString());

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

/**
 * Each shipped file's raw, gzip and brotli size: the size of the precompressed file beside it
 * where there is one, else of the file itself (a host sends it as it is).
 */
async function sizes() {
  const files = [];
  for await (const path of walk(DIST)) {
    if (path.endsWith('.br') || path.endsWith('.gz')) continue;
    const raw = (await stat(path)).size;
    const precompressed = existsSync(`${path}.br`) || existsSync(`${path}.gz`);
    const size = async (ext) => (existsSync(path + ext) ? (await stat(path + ext)).size : raw);
    files.push({ file: relative(DIST, path), raw, gzip: await size('.gz'), br: await size('.br'), precompressed });
  }
  files.sort((a, b) => b.br - a.br);
  const total = { raw: 0, gzip: 0, br: 0 };
  for (const f of files) for (const k of Object.keys(total)) total[k] += f[k];
  return { files, total };
}

/**
 * Serves dist/ on a free loopback port like a static host with precompressed files: the `.br`
 * (else `.gz`) beside a file when the request accepts it, else the file itself.
 */
async function serveDist() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(DIST, path.endsWith('/') ? join(path, 'index.html') : path);
    if (!file.startsWith(DIST)) return res.writeHead(403).end();
    const accepts = (req.headers['accept-encoding'] ?? '').split(',').map((s) => s.trim().split(';')[0]);
    const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', vary: 'accept-encoding' };
    for (const [encoding, ext] of [['br', '.br'], ['gzip', '.gz']]) {
      if (accepts.includes(encoding) && existsSync(file + ext)) {
        const body = await readFile(file + ext);
        res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length });
        return res.end(body);
      }
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'content-length': body.length });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/**
 * Installed before the page's own scripts: records long tasks, the moment `data-interactive`
 * appears on <html>, and offers `__bench.scroll()`, the scripted scroll.
 */
function instrument({ FRAME_MS, SCROLL_STEP }) {
  const bench = (window.__bench = { longTasks: [], longFrames: [], interactiveMs: null, fcpMs: null });
  // Where a long animation frame's time went: scripts, then rendering (rAF callbacks, style and
  // layout, paint). A diagnosis for the JSON, not a budget.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const end = e.startTime + e.duration;
      bench.longFrames.push({
        start: e.startTime,
        duration: e.duration,
        scriptMs: e.scripts.reduce((n, s) => n + s.duration, 0),
        styleLayoutMs: e.styleAndLayoutStart ? end - e.styleAndLayoutStart : 0,
        forcedLayoutMs: e.scripts.reduce((n, s) => n + (s.forcedStyleAndLayoutDuration ?? 0), 0),
        blockingMs: e.blockingDuration,
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') bench.fcpMs = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const mark = () => {
    if (bench.interactiveMs == null && document.documentElement.hasAttribute('data-interactive')) {
      bench.interactiveMs = performance.now();
    }
  };
  // <html> may not exist yet when this runs: watch the whole document.
  new MutationObserver(mark).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-interactive'] });

  /**
   * Scrolls from the top, SCROLL_STEP px per animation frame, until the last step has been the
   * active one and its end has passed the trigger line (or the page ends); resolves to the frame
   * intervals (from the rAF timestamps), the steps seen active and the long tasks meanwhile.
   */
  bench.scroll = () =>
    new Promise((resolve) => {
      const steps = [...document.querySelectorAll('[data-step]')];
      const last = steps[steps.length - 1];
      const panel = document.querySelector('[data-testid=panel]');
      const seen = new Set();
      const intervals = [];
      const start = performance.now();
      let previous = null;
      const frame = (now) => {
        if (previous != null) intervals.push(now - previous);
        previous = now;
        if (panel?.dataset.stepId) seen.add(panel.dataset.stepId);
        const lastDone = last.getBoundingClientRect().bottom < window.innerHeight * 0.6;
        const pageDone = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
        if ((lastDone && seen.has(last.dataset.step)) || pageDone) {
          const end = performance.now();
          resolve({
            intervals,
            seen: [...seen],
            steps: steps.map((s) => s.dataset.step),
            durationMs: end - start,
            longTasks: bench.longTasks.filter((t) => t.start + t.duration >= start && t.start <= end),
            longAnimationFrames: bench.longFrames.filter((t) => t.start + t.duration >= start && t.start <= end),
          });
          return;
        }
        window.scrollBy(0, SCROLL_STEP);
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  bench.FRAME_MS = FRAME_MS;
}

const sum = (xs) => Math.round(xs.reduce((a, b) => a + b, 0));

const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function run(browser, origin) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console error: ${msg.text()}`));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await cdp.send('Performance.enable');
  // What the network actually carried, per response (body bytes after content-encoding, and the
  // encoding the server chose).
  const transfers = new Map();
  cdp.on('Network.responseReceived', (e) =>
    transfers.set(e.requestId, { url: e.response.url, encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? '' }),
  );
  cdp.on('Network.loadingFinished', (e) => {
    const t = transfers.get(e.requestId);
    if (t) t.bytes = e.encodedDataLength;
  });
  await page.addInitScript(instrument, { FRAME_MS, SCROLL_STEP });

  // Peak JS heap: sampled every 50 ms from load to the end of the scroll.
  let peakHeap = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try {
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        peakHeap = Math.max(peakHeap, usedSize);
      } catch {
        // the page is between documents
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  await page.goto(origin + '/', { waitUntil: 'load', timeout: 120_000 });
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-interactive'), null, { timeout: 120_000 });
  // The map has reached its first scene: nothing is animating when the scroll starts.
  await page.waitForFunction(() => document.querySelector('[data-testid=map]')?.dataset.settled === 'true');
  await page.waitForFunction(() => window.__bench.fcpMs != null, null, { timeout: 30_000 });
  const load = await page.evaluate(() => {
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    return {
      fcpMs: window.__bench.fcpMs,
      wasmResponseEndMs: wasm?.responseEnd ?? null,
      interactiveMs: window.__bench.interactiveMs,
    };
  });
  const scroll = await page.evaluate(() => window.__bench.scroll());
  const { metrics } = await cdp.send('Performance.getMetrics');
  peakHeap = Math.max(peakHeap, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
  sampling = false;
  await sampler;
  await context.close();

  const missing = scroll.steps.filter((s) => !scroll.seen.includes(s));
  if (missing.length) problems.push(`the scroll never made these steps active: ${missing.join(', ')}`);
  const longFrames = scroll.intervals.filter((t) => t > FRAME_MS + TIMER_SLACK_MS).length;
  // How many frame slots each frame took: 1 is on time, 2 missed one vsync, ...
  const slots = {};
  for (const t of scroll.intervals) {
    const n = Math.max(1, Math.round(t / (1000 / 60)));
    const key = n >= 6 ? '6+' : String(n);
    slots[key] = (slots[key] ?? 0) + 1;
  }
  return {
    ...load,
    longestTaskMs: Math.max(0, ...scroll.longTasks.map((t) => t.duration)),
    longTasks: scroll.longTasks.length,
    frames: scroll.intervals.length,
    longFrames,
    longFramesPct: (100 * longFrames) / Math.max(1, scroll.intervals.length),
    longestFrameMs: Math.max(0, ...scroll.intervals),
    frameSlots: slots,
    // Long animation frames (over 50 ms) during the scroll: their number and where their time went.
    longAnimationFrames: {
      count: scroll.longAnimationFrames.length,
      totalMs: sum(scroll.longAnimationFrames.map((f) => f.duration)),
      scriptMs: sum(scroll.longAnimationFrames.map((f) => f.scriptMs)),
      forcedLayoutMs: sum(scroll.longAnimationFrames.map((f) => f.forcedLayoutMs)),
      styleLayoutMs: sum(scroll.longAnimationFrames.map((f) => f.styleLayoutMs)),
    },
    scrollMs: scroll.durationMs,
    stepsSeen: scroll.seen.length,
    peakHeapBytes: peakHeap,
    transferBytes: [...transfers.values()].reduce((n, t) => n + (t.bytes ?? 0), 0),
    encodings: Object.fromEntries([...transfers.values()].map((t) => [new URL(t.url).pathname, t.encoding || 'identity'])),
    problems,
  };
}

function gitSha() {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${sha}-dirty` : sha;
  } catch {
    return 'unknown';
  }
}

function table(rows, align) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r) => r.map((c, i) => (align[i] === 'r' ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  '))
    .join('\n');
}

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) {
    console.error(`bench: no build in ${DIST}; run \`make bench\` (or \`make dist\` first)`);
    process.exit(2);
  }
  const size = await sizes();
  const sizeRows = [['file', 'raw', 'gzip', 'brotli']];
  for (const f of size.files) sizeRows.push([f.file, kb(f.raw), kb(f.gzip), kb(f.br)]);
  sizeRows.push(['total (KB = 1000 bytes)', kb(size.total.raw), kb(size.total.gzip), kb(size.total.br)]);
  console.log(`\nShipped files (${DIST})\n`);
  console.log(table(sizeRows, 'lrrr'));
  const unprecompressed = size.files.filter((f) => !f.precompressed && ['.wasm', '.js', '.css', '.html'].includes(extname(f.file)));
  if (unprecompressed.length) {
    console.log(`\nnote: no .br/.gz beside ${unprecompressed.map((f) => f.file).join(', ')} (run scripts/precompress.mjs)`);
  }

  const { server, origin } = await serveDist();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const r = await run(browser, origin);
      runs.push(r);
      console.error(
        `run ${i + 1}/${RUNS}: FCP ${ms(r.fcpMs)} ms, wasm ${ms(r.wasmResponseEndMs)} ms, interactive ${ms(r.interactiveMs)} ms, ` +
          `longest task ${ms(r.longestTaskMs)} ms, long frames ${r.longFrames}/${r.frames}, heap ${kb(r.peakHeapBytes)} KB`,
      );
      for (const p of r.problems) console.error(`  ${p}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  const keys = ['fcpMs', 'wasmResponseEndMs', 'interactiveMs', 'longestTaskMs', 'longFramesPct', 'longestFrameMs', 'frames', 'scrollMs', 'peakHeapBytes', 'transferBytes'];
  const med = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))]));
  const chromiumVersion = browser.version();

  console.log(`\nIn Chromium ${chromiumVersion}, ${PHONE.viewport.width}×${PHONE.viewport.height} phone, CPU ${CPU_SLOWDOWN}x slower, ` +
    `network ${NETWORK.latency} ms latency, ${(NETWORK.downloadThroughput * 8) / 1000} kbit/s down: median of ${RUNS} runs\n`);
  console.log(
    table(
      [
        ['measure', 'median', 'runs'],
        ['first contentful paint (ms)', ms(med.fcpMs), runs.map((r) => ms(r.fcpMs)).join(' ')],
        ['wasm loaded, responseEnd (ms)', ms(med.wasmResponseEndMs), runs.map((r) => ms(r.wasmResponseEndMs)).join(' ')],
        ['interactive (ms)', ms(med.interactiveMs), runs.map((r) => ms(r.interactiveMs)).join(' ')],
        ['longest task while scrolling (ms; 0: none over 50)', ms(med.longestTaskMs), runs.map((r) => ms(r.longestTaskMs)).join(' ')],
        [`frames over ${FRAME_MS} ms while scrolling (%)`, med.longFramesPct.toFixed(1), runs.map((r) => r.longFramesPct.toFixed(1)).join(' ')],
        ['longest frame while scrolling (ms)', ms(med.longestFrameMs), runs.map((r) => ms(r.longestFrameMs)).join(' ')],
        ['frames in the scroll', ms(med.frames), runs.map((r) => r.frames).join(' ')],
        ['peak JS heap (KB)', kb(med.peakHeapBytes), runs.map((r) => kb(r.peakHeapBytes)).join(' ')],
        ['bytes on the wire (KB)', kb(med.transferBytes), runs.map((r) => kb(r.transferBytes)).join(' ')],
      ],
      'lrl',
    ),
  );

  const result = {
    commit: gitSha(),
    date: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, chromium: chromiumVersion },
    conditions: { cpuSlowdown: CPU_SLOWDOWN, network: NETWORK, device: PHONE, scrollStepPx: SCROLL_STEP, frameMs: FRAME_MS, timerSlackMs: TIMER_SLACK_MS, runs: RUNS },
    sizes: size,
    median: med,
    runs,
  };
  const outcomes = BUDGETS.map((b) => ({ budget: b.name, pass: b.check(result), figure: b.figure(result) }));
  result.budgets = outcomes;
  await mkdir(OUT, { recursive: true });
  const body = JSON.stringify(result, null, 2) + '\n';
  await writeFile(join(OUT, `${result.commit}.json`), body);
  await writeFile(join(OUT, 'latest.json'), body);

  console.log('\nBudgets\n');
  for (const o of outcomes) console.log(`${o.pass ? 'pass' : 'FAIL'}  ${o.budget}: ${o.figure}`);
  console.log(`\nwritten: ${relative(ROOT, join(OUT, `${result.commit}.json`))}, ${relative(ROOT, join(OUT, 'latest.json'))}`);
  const problems = runs.flatMap((r) => r.problems);
  const failed = outcomes.filter((o) => !o.pass);
  if (failed.length || problems.length) {
    if (failed.length) console.error(`\nbench: ${failed.length} budget(s) failed: ${failed.map((o) => o.budget).join('; ')}`);
    if (problems.length) console.error(`bench: the page had problems (see above)`);
    process.exit(1);
  }
}

await main();
