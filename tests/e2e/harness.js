// Shared pieces of the end-to-end tests: a static server for the release build on a loopback
// port, Debian's Chromium driven by playwright-core, and the facts about the story that the
// build wrote beside the page (manifest.json).
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { CONTENT_TYPES as TYPES } from '../../scripts/content-types.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = process.env.DIST_DIR ?? join(ROOT, 'dist');
export const SCREENSHOTS = join(ROOT, 'target', 'e2e-screenshots');

const PROBE = join(ROOT, 'tests', 'e2e', 'probe.js');
const BLANK = '<!doctype html><html lang="en"><meta charset="utf-8"><title>A host page</title><body></body></html>';

/**
 * Serves files on 127.0.0.1 at a free port: `route(path)` gives the file for a URL path and the
 * headers to send with it, or nothing (404). Resolves to { origin, close, requests }: `requests`
 * lists every request answered, as { path, status }, in order. With `probe`, every HTML page
 * served runs probe.js (served at /__probe.js) before its own scripts, and /__blank.html is an
 * empty page.
 */
async function serveFiles(route, { probe = false } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const { file, headers = {} } = probe && path === '/__probe.js' ? { file: PROBE } : (route(path) ?? {});
    try {
      // An empty page, for a test to build a host page in.
      const blank = probe && path === '/__blank.html';
      let body = blank ? BLANK : await readFile(file.endsWith('/') ? join(file, 'index.html') : file);
      const type = blank || file.endsWith('/') ? TYPES['.html'] : TYPES[extname(file)];
      if (probe && type === TYPES['.html']) {
        body = String(body).replace(/<meta charset=[^>]*>/i, '$&<script src="/__probe.js"></script>');
      }
      requests.push({ path, status: 200 });
      res.writeHead(200, { ...headers, 'content-type': type ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      requests.push({ path, status: 404 });
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** `path` inside `dir`, or undefined for a path that climbs out of it. */
function inside(dir, path) {
  const file = join(dir, path);
  return file.startsWith(dir) ? file : undefined;
}

/** Serves `DIST` on 127.0.0.1 at a free port (see serveFiles for `options`). */
export function serveDist(options) {
  return serveFiles((path) => ({ file: inside(DIST, path) }), options);
}

/** The page's Content-Security-Policy, publish/csp.txt (docs/embedding.md quotes it). */
export async function documentedCsp() {
  return (await readFile(join(ROOT, 'publish', 'csp.txt'), 'utf8')).trim();
}

/**
 * A news site on a loopback port: the example host pages of embed/ at `/`, the release build
 * at `/explainer/` (a sub-path: nothing in it may be absolute) with the documented CSP, and
 * pym.js from npm at `/pym.v1.min.js`. Every response allows any origin (a sandboxed frame has
 * an opaque one). Resolves to { origin, close, requests } (see serveFiles for `options`).
 */
export async function serveSite(options) {
  const csp = await documentedCsp();
  const pym = join(ROOT, 'tests', 'e2e', 'node_modules', 'pym.js', 'dist', 'pym.v1.min.js');
  const cors = { 'access-control-allow-origin': '*' };
  return serveFiles((path) => {
    if (path === '/pym.v1.min.js') return { file: pym, headers: cors };
    if (path.startsWith('/explainer/')) {
      const file = inside(DIST, path.slice('/explainer'.length));
      return { file, headers: { ...cors, 'content-security-policy': csp } };
    }
    return { file: inside(join(ROOT, 'embed'), path), headers: cors };
  }, options);
}

/** Debian's Chromium, headless; never a downloaded browser. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/**
 * Marks <html data-test-started="yes"> once trunk's loader reports that the wasm has started,
 * that is, has started playing the pre-rendered page. For `page.addInitScript`.
 */
export const MARK_START = () =>
  addEventListener('TrunkApplicationStarted', () => {
    document.documentElement.dataset.testStarted = 'yes';
  });

/** Waits until the wasm has started playing the page (see MARK_START), two frames on. */
export async function waitForStart(page) {
  await page.waitForFunction(() => document.documentElement.dataset.testStarted === 'yes');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Opens `url` in a new page of the given size, recording console errors (of every frame) and
 * every request that leaves the page's own origin (the page must make none). The page is
 * pre-rendered, so its text is there at once; this waits until the wasm has started on it
 * (unless `steps` is false: a host page's steps are in its frame, and the caller waits there).
 */
export async function openPage(browser, url, viewport, { steps = true } = {}) {
  const page = await browser.newPage({ viewport });
  await page.addInitScript(MARK_START);
  const problems = [];
  const origin = new URL(url).origin;
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    if (!req.url().startsWith(origin) && !req.url().startsWith('data:')) {
      problems.push(`request off the origin: ${req.url()}`);
    }
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.goto(url);
  if (steps) {
    await page.waitForSelector('[data-testid=step]');
    await waitForStart(page);
  }
  return { page, problems };
}

/**
 * The facts about the story the build was made from, as the build wrote them beside the page
 * (`manifest.json`, by src/bin/prerender.rs): its folder, title, steps ({ id, title, date,
 * when, place, zoom, texts }), the ids of its sources, notes and factions, the places its map
 * draws, the sides its bars count and the kinds of event its map draws as lines.
 */
export async function storyManifest() {
  return JSON.parse(await readFile(join(DIST, 'manifest.json'), 'utf8'));
}

/**
 * Asserts that the text `all` holds every step's title and sentences, in reading order through
 * the whole story.
 */
export function assertStepsInOrder(assert, all, steps) {
  let from = 0;
  for (const step of steps) {
    for (const text of [step.title, ...step.texts]) {
      const at = all.indexOf(text, from);
      assert.ok(at >= from, `step ${step.id}: missing or out of order: ${text}`);
      from = at + text.length;
    }
  }
}

/** The key's swatches of `page` as [name, colour "#rrggbb"], as painted (the palette's colours). */
export async function keySwatches(page) {
  return page.$$eval('[data-testid=key] .swatch', (els) =>
    els.map((el) => {
      const [r, g, b] = getComputedStyle(el).fill.match(/\d+/g).map(Number);
      const hex = '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
      return [el.closest('li').textContent.trim(), hex];
    }),
  );
}

/** The steps of the story, in order: { id, title, date, when, place, zoom, texts }. */
export async function storySteps() {
  return (await storyManifest()).steps;
}

/**
 * In the page: scrolls so that the top of step `id` sits `offset` px above the trigger line (60%).
 * Any driver's evaluate runs it.
 */
export const scrollToTrigger = ([id, offset]) => {
  const el = document.querySelector(`[data-step="${id}"]`);
  const top = el.getBoundingClientRect().top + window.scrollY;
  window.scrollTo(0, top - window.innerHeight * 0.6 + offset);
};

/** In the page: do the panel and exactly one active step show step `id`? */
export const isActive = (id) => {
  const panel = document.querySelector('[data-testid=panel]');
  const active = [...document.querySelectorAll('[data-testid=step][data-active=true]')];
  return panel?.dataset.stepId === id && active.length === 1 && active[0].dataset.step === id;
};

/** Scrolls so that the top of step `id` sits `offset` px above the trigger line (60%). */
export async function scrollStepToTrigger(page, id, offset = 40) {
  await page.evaluate(scrollToTrigger, [id, offset]);
}

/** Waits until the panel and exactly one active step show step `id`. */
export async function waitForActive(page, id) {
  await page.waitForFunction(isActive, id);
}

export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Waits until the map shows its target scene: no transition is under way. */
export async function waitForSettled(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=map]')?.dataset.settled === 'true');
}

/** Waits until the map's camera has reached zoom `k`. */
export async function waitForZoom(page, k) {
  await page.waitForFunction(
    (k) => document.querySelector('[data-testid=camera]')?.dataset.k === k,
    k.toFixed(4),
  );
}

/**
 * Records the camera zoom on every animation frame from now until it reaches `k`, while
 * `action` runs; resolves to the list of values seen.
 */
export async function recordZoom(page, k, action) {
  await page.evaluate(() => {
    window.__zooms = [];
    const tick = () => {
      window.__zooms.push(Number(document.querySelector('[data-testid=camera]').dataset.k));
      window.__zoomFrame = requestAnimationFrame(tick);
    };
    tick();
  });
  await action();
  await waitForZoom(page, k);
  return page.evaluate(() => {
    cancelAnimationFrame(window.__zoomFrame);
    return window.__zooms;
  });
}

/**
 * For a test file: serves the build and launches the browser before its tests, closes both
 * after. Returns an object whose `server`, `browser` and `steps` are set once `before` ran.
 */
export function useBuild() {
  const ctx = {};
  before(async () => {
    [ctx.server, ctx.browser, ctx.steps] = await Promise.all([
      serveDist(),
      launchBrowser(),
      storySteps(),
    ]);
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}

/**
 * Everything the sticky panel shows (its map, chart, rail and head, as markup), once the map has
 * settled: two arrivals at the same place must give the same string.
 */
export async function panelState(page) {
  await waitForSettled(page);
  // As a canonical tree: attributes sorted, comments (leptos' markers) and empty class lists
  // and styles dropped, so that two arrivals compare by what they show, not by how the player
  // got there.
  return page.$eval('[data-testid=panel]', (root) => {
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) return node.data;
      if (node.nodeType !== Node.ELEMENT_NODE) return '';
      const attrs = [...node.attributes]
        .filter((a) => !(['class', 'style'].includes(a.name) && a.value.trim() === ''))
        .map((a) => `${a.name}="${a.value}"`)
        .sort()
        .join(' ');
      return `<${node.localName} ${attrs}>${[...node.childNodes].map(walk).join('')}</${node.localName}>`;
    };
    return walk(root);
  });
}

/** The id of the step that has the focus, if any. */
export function focusedStep(page) {
  return page.evaluate(() => document.activeElement?.closest('[data-step]')?.dataset.step ?? null);
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Runs axe-core (from node_modules, no network) on a page or a frame (its own document only);
 * resolves to its violations. Under a CSP the page's context needs `bypassCSP`.
 */
export async function axeViolations(target) {
  await target.addScriptTag({ path: AXE });
  return target.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'], iframes: false });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  });
}
