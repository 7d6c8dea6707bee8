// The graphics as a graphics editor checks them, at every step, in both colour schemes, at a
// desktop, a tablet and a phone width (and, for what must never break, at 320 px): every word
// in the map and the chart legible (at least 11 px as rendered), no label on another label or
// on another place's symbol, the map as wide as its panel with no empty bands, nothing cut off,
// and anything that scrolls sideways showing that it does. Any story: it reads the manifest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBuild,
  scrollStepToTrigger,
  waitForActive,
  waitForSettled,
  waitForZoom,
  waitForStart,
  MARK_START,
} from './harness.js';

const build = useBuild();

const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
];
const SMALLEST = { width: 320, height: 568 };
/** The smallest text, in CSS px as rendered. */
const MIN_TEXT_PX = 11;

async function goTo(page, step) {
  await scrollStepToTrigger(page, step.id);
  await waitForActive(page, step.id);
  await waitForZoom(page, step.zoom);
  await waitForSettled(page);
}

/**
 * What is wrong with the graphic in `selector` (the map's or the chart's figure) as the reader
 * sees it now: a list of sentences, empty when all is well. `legible` also checks text sizes.
 */
function measure([selector, legible, minPx]) {
  const figure = document.querySelector(selector);
  const problems = [];
  const shown = (el) =>
    el.getClientRects().length > 0 &&
    el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) &&
    !el.closest('.visually-hidden');
  const box = (el) => el.getBoundingClientRect();
  // SVG text boxes run from the font's ascent to its descent: the letters fill about the
  // middle three quarters of that height.
  const glyphs = (el) => {
    const r = box(el);
    const inset = el instanceof SVGElement ? r.height * 0.12 : 0;
    return { left: r.left, right: r.right, top: r.top + inset, bottom: r.bottom - inset };
  };
  const meet = (a, b, slack = 1) =>
    a.left + slack < b.right && b.left + slack < a.right && a.top + slack < b.bottom && b.top + slack < a.bottom;
  const within = (a, b, slack = 1) =>
    a.left >= b.left - slack && a.right <= b.right + slack && a.top >= b.top - slack && a.bottom <= b.bottom + slack;
  const name = (el) => `“${el.textContent.trim()}”`;

  // Every word: SVG text, and page text (key, credits, scale bar, bars).
  const texts = [...figure.querySelectorAll('text')].filter(shown);
  const words = [...figure.querySelectorAll('*')].filter(
    (el) =>
      !(el instanceof SVGElement) &&
      [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) &&
      shown(el),
  );
  if (legible) {
    for (const el of texts) {
      const m = el.getScreenCTM();
      const px = parseFloat(getComputedStyle(el).fontSize) * Math.hypot(m.a, m.b);
      if (px < minPx - 0.05) problems.push(`${name(el)} is ${px.toFixed(1)} px high`);
    }
    for (const el of words) {
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < minPx - 0.05) problems.push(`${name(el)} is ${px.toFixed(1)} px high`);
    }
  }

  // Nothing cut off: the map's words within its frame, the chart's within its svg.
  const frame = figure.querySelector('.map-frame');
  for (const el of texts) {
    const outer = box(frame ?? el.closest('svg'));
    if (!within(glyphs(el), outer)) problems.push(`${name(el)} is cut off by the graphic's edge`);
  }

  // Labels: none on another, none on another place's symbol.
  const labels = [...figure.querySelectorAll('.marker .label, .road-label, .locator-city text, .rel-label')].filter(shown);
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++)
      if (meet(glyphs(labels[i]), glyphs(labels[j]))) problems.push(`${name(labels[i])} overlaps ${name(labels[j])}`);
  const symbols = [
    ...[...figure.querySelectorAll('[data-testid=marker]')].map((m) => [m, m.querySelector('.glyph > path')]),
    ...[...figure.querySelectorAll('.locator-city')].map((c) => [c, c.querySelector('circle')]),
    ...[...figure.querySelectorAll('[data-testid=faction]')].map((f) => [f, f.querySelector('rect')]),
  ].filter(([, el]) => el && shown(el));
  for (const label of labels) {
    const own = label.closest('[data-testid=marker], .locator-city, [data-testid=faction]');
    for (const [owner, symbol] of symbols)
      if (owner !== own && meet(glyphs(label), box(symbol), 0.5))
        problems.push(`${name(label)} covers the symbol of ${owner.dataset.place ?? owner.dataset.faction ?? name(owner)}`);
  }
  // A party's name stays within its box.
  for (const f of figure.querySelectorAll('[data-testid=faction]')) {
    const [rect, text] = [f.querySelector('rect'), f.querySelector('text')];
    if (rect && text && shown(text) && !within(glyphs(text), box(rect), 0.5))
      problems.push(`${name(text)} runs out of its box`);
  }

  // The map: the panel's width, and map (not empty bands) wherever the frame shows.
  if (frame) {
    const inner = frame.closest('.panel-inner') ?? frame.parentElement;
    const style = getComputedStyle(inner);
    const room = inner.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const f = box(frame);
    if (f.width < 0.95 * room) problems.push(`the map is ${f.width.toFixed(0)} px wide of the panel's ${room.toFixed(0)}`);
    const sea = box(figure.querySelector('.sea'));
    if (!within(f, sea, 0.5)) problems.push('the sea does not fill the map frame: empty bands');
    // The land's data reaches every edge of the frame: beyond it, sea would be drawn where
    // there may be land.
    const land = figure.querySelector('.land');
    const [x0, y0, x1, y1] = land.dataset.extent.split(' ').map(Number);
    const m = land.getScreenCTM();
    const [left, top] = [m.a * x0 + m.e, m.d * y0 + m.f];
    const [right, bottom] = [m.a * x1 + m.e, m.d * y1 + m.f];
    if (!figure.querySelector('.map-frame.locator-forward') && !within(f, { left, top, right, bottom }, 1))
      problems.push(`the land's data (${left.toFixed(0)}–${right.toFixed(0)}) does not reach the frame's edges (${f.left.toFixed(0)}–${f.right.toFixed(0)})`);
  }
  return problems;
}

/** The page as a whole: no sideways scroll, the panel within the window, scrollers marked. */
function pageProblems() {
  const problems = [];
  const doc = document.scrollingElement;
  if (doc.scrollWidth > innerWidth + 1) problems.push(`the page scrolls sideways (${doc.scrollWidth} px in ${innerWidth})`);
  const panel = document.querySelector('[data-testid=panel]');
  const p = panel.getBoundingClientRect();
  if (getComputedStyle(panel).position === 'sticky' && p.height > innerHeight + 1)
    problems.push(`the panel is ${Math.round(p.height)} px high in a ${innerHeight} px window`);
  for (const el of document.querySelectorAll('.explainer *')) {
    const x = getComputedStyle(el).overflowX;
    if (!['auto', 'scroll'].includes(x) || el.scrollWidth <= el.clientWidth + 1) continue;
    if (el.getClientRects().length === 0) continue;
    const cue = getComputedStyle(el).maskImage;
    if (!cue || cue === 'none') problems.push(`.${el.className} scrolls sideways without showing it`);
    if (el.tabIndex < 0) problems.push(`.${el.className} scrolls sideways but takes no focus`);
  }
  return problems;
}

async function check(viewport, colorScheme, legible) {
  const context = await build.browser.newContext({ viewport, colorScheme, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.addInitScript(MARK_START);
  await page.goto(`${build.server.origin}/`);
  // Started: the map/chart switch of phones shows only once the wasm plays the page.
  await waitForStart(page);
  const found = [];
  const tabs = await page.isVisible('[data-testid=show-chart]');
  for (const step of build.steps) {
    await goTo(page, step);
    const at = `${viewport.width}px ${colorScheme} ${step.id}`;
    const add = (list) => found.push(...list.map((p) => `${at}: ${p}`));
    add(await page.evaluate(pageProblems));
    add(await page.evaluate(measure, ['[data-testid=map]', legible, MIN_TEXT_PX]));
    if (tabs) await page.click('[data-testid=show-chart]');
    await page.waitForSelector('[data-testid=chart]', { state: 'visible' });
    add(await page.evaluate(measure, ['[data-testid=chart]', legible, MIN_TEXT_PX]));
    if (tabs) {
      await page.click('[data-testid=show-map]');
      await page.waitForSelector('[data-testid=map]', { state: 'visible' });
      // The switch changed the story's height: the scroller hears of it at the next frame and
      // keeps the reader in the step, which must come before the next scroll, not after it.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    }
  }
  await context.close();
  return found;
}

for (const viewport of WIDTHS) {
  for (const scheme of ['light', 'dark']) {
    test(`${viewport.width} px, ${scheme}: every step's map and chart are legible, clear and whole`, async () => {
      assert.deepEqual(await check(viewport, scheme, true), []);
    });
  }
}

test(`${SMALLEST.width} px: nothing is cut off, and what scrolls sideways says so`, async () => {
  assert.deepEqual(await check(SMALLEST, 'light', false), []);
});
