#!/usr/bin/env node
// The benchmark of the release build in dist/ (`make bench` builds it first), side by side with
// the reference page (the same story built with Scrollama and D3: ../shared/anchors/scrollama-d3,
// its README says why), measured in the same run:
//
// 1. sizes: every shipped file's raw, gzip and brotli size and the total, for both pages, as a
//    static host that compresses would send them (site.mjs), and what the maps' static geometry
//    costs in our page: the path data of the map's land and of the locator in the pre-rendered
//    index.html, raw and brotli (GEOMETRY below);
// 2. where the wasm's bytes go: the largest crates and items, by twiggy, of a copy of the wasm
//    built with its names kept (wasm-profile.mjs);
// 3. in headless Debian Chromium, on a phone-sized page with the CPU slowed 4x and a slow-4G
//    network (figures in NETWORK below), BENCH_RUNS runs (default 5) of each page, alternating
//    (ours, reference, ours, …) so that both see the same machine: first contentful paint, bytes
//    on the wire, and during a scroll through every step (synthesized by the browser, as a
//    reader's wheel or finger would scroll) the main-thread script and task time (Chromium's counters), the
//    longest task, the share of late frames, the scroll's length; for our page also the wasm's
//    arrival, the time until it is interactive, the peak JS heap and the long animation frames.
//    Medians per page, and their ratios ours / reference: absolute timings vary from machine to
//    machine and run to run, ratios taken in one run less so.
//
// Results go to target/bench/<git short sha>.json and target/bench/latest.json; the tables go to
// stdout. Exits 1 when a budget (BUDGETS below, stated in docs/performance.md) fails, naming it; 2 when a
// page to measure is missing.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { Site, brotli } from './site.mjs';
import { profileWasm } from './wasm-profile.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = resolve(ROOT, process.env.DIST_DIR ?? 'dist');
const REFERENCE = resolve(ROOT, process.env.BENCH_REFERENCE ?? '../shared/anchors/scrollama-d3/dist/full');
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
/** How fast the reader scrolls, in px/s: a brisk read, 16 px a frame at 60 frames/s. */
const SCROLL_SPEED = 1000;
/** The scroll ends once the last step's end is above this line (a share of the window's height). */
const TRIGGER = 0.6;
/** A frame longer than this misses 60 frames per second. */
const FRAME_MS = 16.7;
/**
 * rAF timestamps are coarsened (0.1 ms, with jitter): an idle page shows intervals of 16.6 to
 * 16.8 ms. A frame counts as long when its interval exceeds FRAME_MS by more than this; a frame
 * that really misses its slot is a whole vsync (16.7 ms) longer.
 */
const TIMER_SLACK_MS = 0.5;

/**
 * What differs between the two pages; everything else is measured the same way. `ready`,
 * `stepId` and `activeStep` run in the page, so they are arrow functions that use nothing from
 * this file (their source is sent to the page).
 */
const PAGES = [
  {
    name: 'ours',
    root: DIST,
    steps: '[data-step]',
    stepId: (step) => step.dataset.step,
    // The panel names the step it shows.
    activeStep: () => document.querySelector('[data-testid=panel]')?.dataset.stepId,
    // src/main.rs marks <html> once the app is mounted; the map marks itself once it has reached
    // its first scene, so nothing is animating when the scroll starts.
    ready: () =>
      document.documentElement.hasAttribute('data-interactive') &&
      document.querySelector('[data-testid=map]')?.dataset.settled === 'true',
  },
  {
    name: 'reference',
    root: REFERENCE,
    steps: '.step',
    stepId: (step) => step.id,
    // Scrollama's onStepEnter (offset 0.5) shows step i and writes #step-i into the URL.
    activeStep: () => location.hash.slice(1),
    // Its one script builds the steps and starts step 0's D3 transitions; D3 keeps a node's
    // scheduled and running transitions in node.__transition and deletes it when the last ends
    // (d3.active() would miss the scheduled ones, which have not started yet).
    ready: () =>
      typeof window.d3 !== 'undefined' &&
      document.querySelector('.step') != null &&
      ![...document.querySelectorAll('svg *')].some((node) => node.__transition),
  },
];

const kb = (bytes) => (bytes == null ? '–' : (bytes / KB).toFixed(1));
const ms = (t) => (t == null ? '–' : Math.round(t).toString());
const pct = (x) => (x == null ? '–' : x.toFixed(1));
const ratio = (a, b) => (a == null || !b ? null : a / b);
const times = (r) => (r == null ? '–' : `${r.toFixed(2)}x`);

/** The wasm files' brotli bytes among a page's shipped files. */
const wasmBr = (sizes) => sizes.files.filter((f) => f.file.endsWith('.wasm')).reduce((n, f) => n + f.br, 0);

const BUDGETS = [
  {
    name: 'total transfer at most 100 KB brotli',
    check: (r) => r.sizes.total.br <= 100 * KB,
    figure: (r) => `${kb(r.sizes.total.br)} KB`,
  },
  {
    name: 'the wasm at most 70 KB brotli',
    check: (r) => wasmBr(r.sizes) <= 70 * KB,
    figure: (r) => `${kb(wasmBr(r.sizes))} KB`,
  },
  {
    name: "script time of the scroll-through at most 1.5x the reference's",
    check: (r) => r.ratios.scriptMs != null && r.ratios.scriptMs <= 1.5,
    figure: (r) => `${ms(r.median.scriptMs)} ms vs ${ms(r.reference.median.scriptMs)} ms, ${times(r.ratios.scriptMs)}`,
  },
  {
    name: 'no main-thread task over 50 ms while scrolling',
    check: (r) => r.median.longestTaskMs <= 50,
    figure: (r) => `longest ${ms(r.median.longestTaskMs)} ms`,
  },
  {
    name: 'fewer than 5% of frames over 16.7 ms while scrolling',
    check: (r) => r.median.longFramesPct < 5,
    figure: (r) => `${pct(r.median.longFramesPct)}%`,
  },
  {
    name: 'text painted before the wasm has loaded (FCP < wasm responseEnd)',
    check: (r) => r.median.fcpMs != null && r.median.fcpMs < r.median.wasmResponseEndMs,
    figure: (r) => `FCP ${ms(r.median.fcpMs)} ms, wasm loaded at ${ms(r.median.wasmResponseEndMs)} ms`,
  },
];

/**
 * Installed before the page's own scripts: records paints, long tasks and long animation frames,
 * the moment `data-interactive` appears on <html> (our page's sign; null for a page without it),
 * and offers `__bench.record()` and `__bench.distance()` for the scroll. `page` holds the page's `stepId` and
 * `activeStep` (PAGES).
 */
function instrument({ FRAME_MS, TRIGGER, steps: stepSelector }, page) {
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
   * Records, from now until `stop()`, every animation frame's interval and the steps seen active;
   * `stop()` resolves to them with the long tasks and long animation frames meanwhile. The
   * browser does the scrolling (a synthesized touch gesture, as a reader's finger would): the
   * recorder only reads a timestamp and an attribute a frame, and forces no layout.
   */
  bench.record = () => {
    const seen = new Set();
    const steps = document.querySelectorAll(stepSelector);
    const lastId = page.stepId(steps[steps.length - 1]);
    bench.arrived = () => seen.has(lastId);
    const intervals = [];
    const start = performance.now();
    let previous = null;
    let running = true;
    const frame = (now) => {
      if (!running) return;
      if (previous != null) intervals.push(now - previous);
      previous = now;
      const active = page.activeStep();
      if (active) seen.add(active);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    bench.stop = () => {
      running = false;
      const end = performance.now();
      const during = (t) => t.start + t.duration >= start && t.start <= end;
      return {
        intervals,
        seen: [...seen],
        steps: [...document.querySelectorAll(stepSelector)].map(page.stepId),
        durationMs: end - start,
        scrolledPx: window.scrollY,
        longTasks: bench.longTasks.filter(during),
        longAnimationFrames: bench.longFrames.filter(during),
      };
    };
  };
  /** How far to scroll from the top for the last step's end to pass the trigger line. */
  bench.distance = () => {
    const steps = document.querySelectorAll(stepSelector);
    const last = steps[steps.length - 1];
    return Math.min(
      last.getBoundingClientRect().bottom + window.scrollY - window.innerHeight * TRIGGER + 1,
      document.documentElement.scrollHeight - window.innerHeight,
    );
  };
}

/** The init script for a page: `instrument`, with the page's in-page functions as source. */
function instrumentScript(page) {
  const settings = { FRAME_MS, TRIGGER, steps: page.steps };
  return `(${instrument})(${JSON.stringify(settings)}, { stepId: ${page.stepId}, activeStep: ${page.activeStep} });`;
}

const sum = (xs) => Math.round(xs.reduce((a, b) => a + b, 0));

const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Chromium's counters for the page: its main thread's time in script and in all tasks since it
 * started (ms; CDP gives seconds), and the JS heap in use (bytes).
 */
async function counters(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
  return { scriptMs: 1000 * value('ScriptDuration'), taskMs: 1000 * value('TaskDuration'), heapBytes: value('JSHeapUsedSize') };
}

/** The frames of a scroll: how many were late, and how many frame slots each took. */
function frameStats(intervals) {
  const longFrames = intervals.filter((t) => t > FRAME_MS + TIMER_SLACK_MS).length;
  // How many frame slots each frame took: 1 is on time, 2 missed one vsync, ...
  const slots = {};
  for (const t of intervals) {
    const n = Math.max(1, Math.round(t / (1000 / 60)));
    const key = n >= 6 ? '6+' : String(n);
    slots[key] = (slots[key] ?? 0) + 1;
  }
  return {
    frames: intervals.length,
    longFrames,
    longFramesPct: (100 * longFrames) / Math.max(1, intervals.length),
    longestFrameMs: Math.max(0, ...intervals),
    frameSlots: slots,
  };
}

/** The slow phone on a slow network (CPU_SLOWDOWN, NETWORK), with the cache off. */
async function emulatePhone(cdp) {
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await cdp.send('Performance.enable');
}

/**
 * What the network actually carried, per response: body bytes after content-encoding (and
 * headers), and the encoding the server chose. Filled in as responses arrive.
 */
function recordTransfers(cdp) {
  const transfers = new Map();
  cdp.on('Network.responseReceived', (e) => {
    const encoding = e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? '';
    transfers.set(e.requestId, { url: e.response.url, encoding });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const t = transfers.get(e.requestId);
    if (t) t.bytes = e.encodedDataLength;
  });
  return transfers;
}

/** Samples the JS heap every 50 ms until `stop()`, which resolves to the peak, in bytes. */
function sampleHeap(cdp) {
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try {
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        peak = Math.max(peak, usedSize);
      } catch {
        // the page is between documents
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    stop: async () => {
      sampling = false;
      await sampler;
      return peak;
    },
  };
}

/** One load and scroll-through of `page`, served at `origin`, in a fresh browser context. */
async function measure(browser, page, origin) {
  const context = await browser.newContext(PHONE);
  const tab = await context.newPage();
  const problems = [];
  tab.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  tab.on('console', (msg) => msg.type() === 'error' && problems.push(`console error: ${msg.text()}`));
  const cdp = await context.newCDPSession(tab);
  await emulatePhone(cdp);
  const transfers = recordTransfers(cdp);
  await tab.addInitScript({ content: instrumentScript(page) });
  const heap = sampleHeap(cdp);

  await tab.goto(origin + '/', { waitUntil: 'load', timeout: 120_000 });
  await tab.waitForFunction(page.ready, null, { timeout: 120_000 });
  await tab.waitForFunction(() => window.__bench.fcpMs != null, null, { timeout: 30_000 });
  const load = await tab.evaluate(() => {
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    return {
      fcpMs: window.__bench.fcpMs,
      wasmResponseEndMs: wasm?.responseEnd ?? null,
      interactiveMs: window.__bench.interactiveMs,
      // About when the page's `ready` held (waitForFunction polls once a frame; FCP comes first).
      readyMs: performance.now(),
    };
  });
  const distance = await tab.evaluate(() => window.__bench.distance());
  await tab.evaluate(() => window.__bench.record());
  const before = await counters(cdp);
  // A scroll from the top to the end of the steps at a brisk reader's pace, done by the browser
  // as for a reader's wheel or finger (headless Chromium scrolls no synthesized touch gesture; a
  // wheel's falls a little short, hence the margin).
  await cdp.send('Input.synthesizeScrollGesture', {
    x: PHONE.viewport.width / 2,
    y: Math.round(PHONE.viewport.height * 0.8),
    yDistance: -Math.round(distance * 1.05),
    speed: SCROLL_SPEED,
    gestureSourceType: 'mouse',
    preventFling: true,
  });
  // The page learns of the last step's arrival a frame or two later (a missed step is reported).
  await tab.waitForFunction(() => window.__bench.arrived(), null, { timeout: 5000 }).catch(() => {});
  const after = await counters(cdp);
  const scroll = await tab.evaluate(() => window.__bench.stop());
  const peakHeap = Math.max(await heap.stop(), after.heapBytes);
  await context.close();

  const missing = scroll.steps.filter((s) => !scroll.seen.includes(s));
  if (missing.length) problems.push(`the scroll never made these steps active: ${missing.join(', ')}`);
  // The page's script and all its main-thread tasks while it scrolled (the recorder's own share
  // is a few microseconds a frame, the same for both pages).
  const scriptMs = after.scriptMs - before.scriptMs;
  return {
    ...load,
    scriptMs,
    taskMs: after.taskMs - before.taskMs,
    scriptMsPer1000Px: scroll.scrolledPx > 0 ? (1000 * scriptMs) / scroll.scrolledPx : null,
    longestTaskMs: Math.max(0, ...scroll.longTasks.map((t) => t.duration)),
    longTasks: scroll.longTasks.length,
    ...frameStats(scroll.intervals),
    // Long animation frames (over 50 ms) during the scroll: their number and where their time went.
    longAnimationFrames: {
      count: scroll.longAnimationFrames.length,
      totalMs: sum(scroll.longAnimationFrames.map((f) => f.duration)),
      scriptMs: sum(scroll.longAnimationFrames.map((f) => f.scriptMs)),
      forcedLayoutMs: sum(scroll.longAnimationFrames.map((f) => f.forcedLayoutMs)),
      styleLayoutMs: sum(scroll.longAnimationFrames.map((f) => f.styleLayoutMs)),
    },
    scrollMs: scroll.durationMs,
    scrollPx: scroll.scrolledPx,
    steps: scroll.steps.length,
    stepsSeen: scroll.seen.length,
    peakHeapBytes: peakHeap,
    transferBytes: [...transfers.values()].reduce((n, t) => n + (t.bytes ?? 0), 0),
    encodings: Object.fromEntries([...transfers.values()].map((t) => [new URL(t.url).pathname, t.encoding || 'identity'])),
    problems,
  };
}

/** The measures taken as medians over the runs (the rest stay in the runs, in the JSON). */
const MEDIAN_KEYS = [
  'fcpMs', 'wasmResponseEndMs', 'interactiveMs', 'readyMs', 'scriptMs', 'taskMs', 'scriptMsPer1000Px', 'longestTaskMs',
  'longFramesPct', 'longestFrameMs', 'frames', 'scrollMs', 'scrollPx', 'peakHeapBytes', 'transferBytes',
];

const medians = (runs) => Object.fromEntries(MEDIAN_KEYS.map((k) => [k, median(runs.map((r) => r[k]))]));

/**
 * Loads and scrolls each page RUNS times, alternating between them, in one browser; resolves to
 * the runs of each page, by name.
 */
async function measureAll(served) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const runs = Object.fromEntries(served.map(({ page }) => [page.name, []]));
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const { page, origin } of served) {
        const r = await measure(browser, page, origin);
        runs[page.name].push(r);
        console.error(
          `run ${i + 1}/${RUNS} ${page.name}: FCP ${ms(r.fcpMs)} ms, script ${ms(r.scriptMs)} ms, tasks ${ms(r.taskMs)} ms, ` +
            `longest task ${ms(r.longestTaskMs)} ms, late frames ${r.longFrames}/${r.frames}, ` +
            `scrolled ${r.scrollPx} px, steps ${r.stepsSeen}/${r.steps}, wire ${kb(r.transferBytes)} KB`,
        );
        for (const p of r.problems) console.error(`  ${p}`);
      }
    }
    return { runs, chromium: browser.version() };
  } finally {
    await browser.close();
  }
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

function printSizes(sizes, dir) {
  const rows = [['file', 'raw', 'gzip', 'brotli']];
  for (const f of sizes.files) rows.push([f.file, kb(f.raw), kb(f.gzip), kb(f.br)]);
  rows.push(['total (KB = 1000 bytes)', kb(sizes.total.raw), kb(sizes.total.gzip), kb(sizes.total.br)]);
  console.log(`\nShipped files (${relative(ROOT, dir) || '.'})\n`);
  console.log(table(rows, 'lrrr'));
  const unprecompressed = sizes.files.filter((f) => !f.precompressed && /\.(wasm|js|css|html)$/.test(f.file));
  if (unprecompressed.length) {
    console.log(`\nnote: no .br/.gz beside ${unprecompressed.map((f) => f.file).join(', ')} (run scripts/precompress.mjs)`);
  }
}

/**
 * The maps' static geometry in our pre-rendered page: the `<path>`s, by class, whose `d` the
 * compiler writes from the story's geo/ files (crates/compiler/src/geo.rs).
 */
const GEOMETRY = [
  { part: 'map: land', classes: ['land'] },
  { part: 'locator: country, neighbours, city frame', classes: ['country', 'neighbours', 'city-frame'] },
];

/**
 * What the static geometry costs in index.html: per part of GEOMETRY and in all, the bytes of
 * its path data, and what it adds to the page's brotli: index.html compressed as shipped less
 * index.html compressed with those paths' `d` emptied (brotli compresses a path against the rest
 * of the page, so this, not the path compressed alone, is what it costs). Null when the page has
 * no index.html.
 */
async function geometryCost(dir) {
  const file = join(dir, 'index.html');
  if (!existsSync(file)) return null;
  const html = await readFile(file, 'utf8');
  const br = (text) => brotli(Buffer.from(text), '.html').length;
  const shipped = { raw: Buffer.byteLength(html), br: br(html) };
  // Each <path> of one of these classes, with where its `d` value lies in the page.
  const wanted = new Set(GEOMETRY.flatMap((g) => g.classes));
  const paths = [];
  for (const tag of html.matchAll(/<path\b[^>]*>/g)) {
    const cls = tag[0].match(/\sclass="([^"]*)"/)?.[1];
    const d = tag[0].match(/\sd="([^"]*)"/);
    if (!cls || !d || !wanted.has(cls)) continue;
    const start = tag.index + d.index + d[0].indexOf('"') + 1;
    paths.push({ cls, start, end: start + d[1].length });
  }
  const emptied = (classes) => {
    let out = '';
    let at = 0;
    for (const p of paths.filter((p) => classes.includes(p.cls))) {
      out += html.slice(at, p.start);
      at = p.end;
    }
    return out + html.slice(at);
  };
  const cost = (part, classes) => {
    const found = paths.filter((p) => classes.includes(p.cls));
    return {
      part,
      paths: found.length,
      raw: found.reduce((n, p) => n + (p.end - p.start), 0),
      br: shipped.br - br(emptied(classes)),
    };
  };
  const parts = GEOMETRY.map(({ part, classes }) => cost(part, classes));
  const all = cost('all the static geometry', GEOMETRY.flatMap((g) => g.classes));
  return { indexHtml: shipped, parts, all };
}

function printGeometry(geometry, sizes) {
  if (!geometry) return;
  const { indexHtml, parts, all } = geometry;
  const share = (n, of) => pct((100 * n) / of);
  const rows = [['part (path data in index.html)', 'raw bytes', '% of html raw', 'brotli bytes', '% of html brotli', '% of page brotli']];
  for (const g of [...parts, all]) {
    const what = g.paths ? g.part : `${g.part} (not found)`;
    rows.push([what, g.raw, share(g.raw, indexHtml.raw), g.br, share(g.br, indexHtml.br), share(g.br, sizes.total.br)]);
  }
  console.log(
    `\nThe maps' static geometry (index.html: ${kb(indexHtml.raw)} KB raw, ${kb(indexHtml.br)} KB brotli; ` +
      `brotli: what the paths add to it; page: the shipped files' ${kb(sizes.total.br)} KB brotli)\n`,
  );
  console.log(table(rows, 'lrrrrr'));
}

/** The side-by-side measures: a label, a page's figure (from its sizes and medians), a format. */
const COMPARED = [
  { label: 'shipped files, brotli (KB)', key: 'shippedBr', get: (p) => p.sizes.total.br, format: kb },
  { label: 'bytes on the wire (KB)', key: 'transferBytes', format: kb },
  { label: 'first contentful paint (ms)', key: 'fcpMs', format: ms },
  { label: 'ready to scroll (ms; each page\'s `ready`)', key: 'readyMs', format: ms },
  { label: 'script time while scrolling (ms)', key: 'scriptMs', format: ms },
  { label: 'all task time while scrolling (ms)', key: 'taskMs', format: ms },
  { label: 'longest task while scrolling (ms; 0: none over 50)', key: 'longestTaskMs', format: ms },
  { label: `frames over ${FRAME_MS} ms while scrolling (%)`, key: 'longFramesPct', format: pct },
  { label: 'scroll length (px)', key: 'scrollPx', format: ms },
  { label: 'scroll duration (ms)', key: 'scrollMs', format: ms },
  { label: 'script time per 1000 px scrolled (ms)', key: 'scriptMsPer1000Px', format: ms },
];

const figure = (m, p) => (m.get ? m.get(p) : p.median[m.key]);

/** Each compared measure's ratio ours / reference (null where the reference's figure is 0). */
const ratiosOf = (ours, reference) => Object.fromEntries(COMPARED.map((m) => [m.key, ratio(figure(m, ours), figure(m, reference))]));

function printComparison(ours, reference, ratios) {
  const rows = [['measure', 'ours', 'reference', 'ours/reference']];
  for (const m of COMPARED) rows.push([m.label, m.format(figure(m, ours)), m.format(figure(m, reference)), times(ratios[m.key])]);
  console.log(table(rows, 'lrrr'));
}

function printOurDetails(runs, med) {
  const row = (label, key, format) => [label, format(med[key]), runs.map((r) => format(r[key])).join(' ')];
  console.log('\nOur page, in detail\n');
  console.log(
    table(
      [
        ['measure', 'median', 'runs'],
        row('first contentful paint (ms)', 'fcpMs', ms),
        row('wasm loaded, responseEnd (ms)', 'wasmResponseEndMs', ms),
        row('interactive (ms)', 'interactiveMs', ms),
        row('script time while scrolling (ms)', 'scriptMs', ms),
        row('longest task while scrolling (ms; 0: none over 50)', 'longestTaskMs', ms),
        row(`frames over ${FRAME_MS} ms while scrolling (%)`, 'longFramesPct', pct),
        row('longest frame while scrolling (ms)', 'longestFrameMs', ms),
        row('frames in the scroll', 'frames', ms),
        row('peak JS heap (KB)', 'peakHeapBytes', kb),
        row('bytes on the wire (KB)', 'transferBytes', kb),
      ],
      'lrl',
    ),
  );
  const laf = runs.map((r) => r.longAnimationFrames);
  console.log(
    `long animation frames while scrolling, per run: ${laf.map((f) => `${f.count} (${f.totalMs} ms, script ${f.scriptMs} ms)`).join('; ')}`,
  );
}

function printWasmProfile(profile, sizes) {
  if (profile.error) {
    console.log(`\nWhere the wasm's bytes go: not measured (${profile.error})`);
    return;
  }
  const shipped = sizes.files.filter((f) => f.file.endsWith('.wasm'));
  const share = `% of ${kb(profile.totalBytes)} KB raw`;
  console.log(`\nWhere the wasm's bytes go (twiggy, on ${profile.wasm}: raw bytes, without its name section;`);
  console.log(`the shipped wasm: ${kb(sum(shipped.map((f) => f.raw)))} KB raw, ${kb(wasmBr(sizes))} KB brotli)\n`);
  console.log(table([['crate', 'bytes', share, 'items'], ...profile.crates.map((c) => [c.crate, c.bytes, pct(c.pct), c.items])], 'lrrr'));
  console.log('');
  const cut = (s) => (s.length > 90 ? s.slice(0, 89) + '…' : s);
  console.log(table([['item', 'bytes', share, 'retained'], ...profile.items.map((i) => [cut(i.item), i.bytes, pct(i.pct), i.retained])], 'lrrr'));
}

async function main() {
  for (const page of PAGES) {
    if (!existsSync(join(page.root, 'index.html'))) {
      const how = page.name === 'ours' ? 'run `make bench` (or `make dist` first)' : 'set BENCH_REFERENCE to its folder';
      console.error(`bench: no ${page.name} page to measure: ${page.root}/index.html is missing; ${how}`);
      process.exit(2);
    }
  }
  const sites = PAGES.map((page) => ({ page, site: new Site(page.root) }));
  const sizes = Object.fromEntries(await Promise.all(sites.map(async ({ page, site }) => [page.name, await site.sizes()])));
  printSizes(sizes.ours, DIST);
  const geometry = await geometryCost(DIST);
  printGeometry(geometry, sizes.ours);

  // Before the browser runs, so that the build does not compete with them for the CPU.
  const wasmProfile = profileWasm(ROOT);

  const served = await Promise.all(sites.map(async ({ page, site }) => ({ page, ...(await site.serve()) })));
  let measured;
  try {
    measured = await measureAll(served);
  } finally {
    for (const { server } of served) server.close();
  }
  const pages = Object.fromEntries(
    PAGES.map(({ name }) => [name, { sizes: sizes[name], median: medians(measured.runs[name]), runs: measured.runs[name] }]),
  );
  const ratios = ratiosOf(pages.ours, pages.reference);

  console.log(
    `\nIn Chromium ${measured.chromium}, ${PHONE.viewport.width}×${PHONE.viewport.height} phone, CPU ${CPU_SLOWDOWN}x slower, ` +
      `network ${NETWORK.latency} ms latency, ${(NETWORK.downloadThroughput * 8) / 1000} kbit/s down: ` +
      `medians of ${RUNS} alternating runs of each page; reference: ${relative(ROOT, REFERENCE)}\n`,
  );
  printComparison(pages.ours, pages.reference, ratios);
  printOurDetails(pages.ours.runs, pages.ours.median);
  printWasmProfile(wasmProfile, pages.ours.sizes);

  const result = {
    commit: gitSha(),
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, chromium: measured.chromium },
    conditions: { cpuSlowdown: CPU_SLOWDOWN, network: NETWORK, device: PHONE, scrollSpeedPxPerS: SCROLL_SPEED, triggerLine: TRIGGER, frameMs: FRAME_MS, timerSlackMs: TIMER_SLACK_MS, runs: RUNS },
    // Our page's, where they have always been.
    ...pages.ours,
    reference: { path: relative(ROOT, REFERENCE), ...pages.reference },
    ratios,
    geometry,
    wasm: wasmProfile,
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
  const problems = PAGES.flatMap(({ name }) => pages[name].runs.flatMap((r) => r.problems.map((p) => `${name}: ${p}`)));
  const failed = outcomes.filter((o) => !o.pass);
  if (failed.length || problems.length) {
    if (failed.length) console.error(`\nbench: ${failed.length} budget(s) failed: ${failed.map((o) => o.budget).join('; ')}`);
    if (problems.length) console.error(`bench: the pages had problems:\n  ${[...new Set(problems)].join('\n  ')}`);
    process.exit(1);
  }
}

await main();
