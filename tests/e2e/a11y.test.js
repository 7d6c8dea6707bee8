// Readable by everyone: the release build is pre-rendered (every word without JavaScript), the
// wasm starts playing it without an error or a visible jump, axe-core finds no violation in light and
// dark schemes, step changes are announced, reduced motion makes changes immediate, focus is
// visible, and the page fits 320 px and 200% zoom without scrolling sideways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertStepsInOrder,
  useBuild,
  scrollStepToTrigger,
  waitForActive,
  waitForSettled,
  screenshot,
  MARK_START,
  waitForStart,
  PHONE,
  DESKTOP,
  axeViolations,
} from './harness.js';

const build = useBuild();

/**
 * A page in a fresh context with the given options, started unless JavaScript is off; records
 * console errors like openPage.
 */
async function openIn(options, path = '/') {
  const context = await build.browser.newContext(options);
  const page = await context.newPage();
  await page.addInitScript(MARK_START);
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.goto(`${build.server.origin}${path}`);
  await page.waitForSelector('[data-testid=step]');
  if (options.javaScriptEnabled !== false) await waitForStart(page);
  return { context, page, problems };
}

/** Goes to step `id` and waits until its map has settled. */
async function goTo(page, id) {
  await scrollStepToTrigger(page, id);
  await waitForActive(page, id);
  await waitForSettled(page);
}

/** How many pixels differ (by more than a trace in any channel) between two PNG screenshots. */
async function pixelsDiffering(a, b) {
  const page = await build.browser.newPage();
  const count = await page.evaluate(async ([a, b]) => {
    const load = async (png) => {
      const img = new Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const canvas = new OffscreenCanvas(img.width, img.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      return ctx.getImageData(0, 0, img.width, img.height);
    };
    const [da, db] = await Promise.all([load(a), load(b)]);
    if (da.width !== db.width || da.height !== db.height) return Infinity;
    let n = 0;
    for (let i = 0; i < da.data.length; i += 4) {
      for (let c = 0; c < 3; c++) {
        if (Math.abs(da.data[i + c] - db.data[i + c]) > 8) { n++; break; }
      }
    }
    return n;
  }, [a.toString('base64'), b.toString('base64')]);
  await page.close();
  return count;
}

for (const [scheme, viewport, name] of [
  ['light', DESKTOP, 'desktop'],
  ['dark', DESKTOP, 'desktop'],
  ['light', PHONE, 'phone'],
  ['dark', PHONE, 'phone'],
]) {
  test(`axe-core finds no violation at the top and at three steps (${scheme}, ${name})`, async () => {
    const { context, page, problems } = await openIn({ viewport, colorScheme: scheme });
    await waitForSettled(page);
    assert.deepEqual(await axeViolations(page), [], 'at the top');
    await screenshot(page, `a11y-${scheme}-${name}-top`);
    for (const id of ['bu-attni', 'bases-seized', 'hor']) {
      await goTo(page, id);
      assert.deepEqual(await axeViolations(page), [], `at step ${id}`);
      await screenshot(page, `a11y-${scheme}-${name}-${id}`);
    }
    if (name === 'phone') {
      await page.click('[data-testid=show-chart]');
      await page.waitForSelector('[data-testid=chart]', { state: 'visible' });
      assert.deepEqual(await axeViolations(page), [], 'with the chart shown');
      await screenshot(page, `a11y-${scheme}-${name}-chart`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

for (const scheme of ['light', 'dark']) {
  test(`the map's and chart's labels keep AA contrast (${scheme})`, async () => {
    // axe-core does not measure text drawn in SVG: each label is measured here against what
    // sits behind it (its halo, or its box), blended by the opacity of its group.
    const { context, page, problems } = await openIn({ viewport: DESKTOP, colorScheme: scheme });
    await goTo(page, 'hor'); // the locator comes forward, relations are lit
    const worst = await page.evaluate(() => {
      const rgb = (css) => {
        const m = css.match(/rgba?\(([^)]+)\)/);
        if (!m) return null;
        const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
        return { r, g, b, a };
      };
      const over = (top, alpha, under) => ({
        r: top.r * alpha + under.r * (1 - alpha),
        g: top.g * alpha + under.g * (1 - alpha),
        b: top.b * alpha + under.b * (1 - alpha),
      });
      const lum = ({ r, g, b }) => {
        const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const ratio = (a, b) => {
        const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
      };
      // The opacity of an element and its ancestors, multiplied.
      const opacity = (el) => {
        let o = 1;
        for (let e = el; e && e !== document.body; e = e.parentElement) {
          o *= Number(getComputedStyle(e).opacity);
        }
        return o;
      };
      const panel = rgb(getComputedStyle(document.querySelector('.panel-inner')).backgroundColor);
      const land = rgb(getComputedStyle(document.querySelector('.land')).fill);
      const results = [];
      const visible = (el) => el.getBoundingClientRect().width > 0 && opacity(el) > 0.05;
      // Halo'd labels: the text against its own stroke, both faded by the group over the land.
      for (const el of document.querySelectorAll('.label, .road-label, .locator-city text, .rel.lit .rel-label')) {
        if (!visible(el)) continue;
        const style = getComputedStyle(el);
        const a = opacity(el);
        const under = el.closest('.chart') ? panel : land;
        results.push({
          what: `${el.className.baseVal} ${el.textContent}`,
          ratio: ratio(over(rgb(style.fill), a, under), over(rgb(style.stroke), a, under)),
        });
      }
      // Faction names against their box.
      for (const el of document.querySelectorAll('.chart-svg.wide .faction text')) {
        const box = el.parentElement.querySelector('.faction-box');
        const a = opacity(el);
        results.push({
          what: `faction ${el.textContent}`,
          ratio: ratio(over(rgb(getComputedStyle(el).fill), a, panel), over(rgb(getComputedStyle(box).fill), a, panel)),
        });
      }
      // The scale bar's words, on the map.
      for (const el of document.querySelectorAll('.scale-bar text')) {
        results.push({ what: 'scale bar', ratio: ratio(rgb(getComputedStyle(el).fill), land) });
      }
      results.sort((x, y) => x.ratio - y.ratio);
      return { count: results.length, worst: results.slice(0, 3) };
    });
    assert.ok(worst.count > 15, `measured ${worst.count} labels`);
    for (const { what, ratio } of worst.worst) {
      assert.ok(ratio >= 4.5, `${what}: contrast ${ratio.toFixed(2)} below 4.5`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('with JavaScript off the page holds every step, in order, and the graphics of the first', async () => {
  const { context, page } = await openIn({ viewport: DESKTOP, javaScriptEnabled: false });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.ok((await page.textContent('h1')).length > 10);
  const ids = await page.$$eval('[data-testid=step]', (els) => els.map((el) => el.dataset.step));
  assert.deepEqual(ids, build.steps.map((s) => s.id));
  // Every sentence of every step, in reading order through the whole list.
  assertStepsInOrder(assert, await page.textContent('.steps'), build.steps);
  assert.ok((await page.locator('[data-testid=source]').count()) > 5);
  assert.ok((await page.locator('[data-testid=note]').count()) > 3);
  // The map and the chart as they stand at the first step, drawn and described.
  assert.equal(await page.getAttribute('[data-testid=panel]', 'data-step-id'), build.steps[0].id);
  assert.equal(await page.locator('[data-testid=marker]').count(), 5);
  assert.ok((await page.locator('.chart-svg.wide [data-testid=faction]').count()) > 5);
  assert.match(await page.textContent('#map-summary'), /held by/);
  assert.match(await page.textContent('#chart-summary'), /Bases held/);
  // No script ran: the live region is empty.
  assert.equal((await page.textContent('[data-testid=announcer]')).trim(), '');
  await screenshot(page, 'no-js-desktop');
  await context.close();

  // On a phone too, where the panel (which cannot follow the reader) stays at the top and shows
  // both graphics.
  const phone = await openIn({ viewport: PHONE, javaScriptEnabled: false });
  assert.equal(await phone.page.evaluate(() => getComputedStyle(document.querySelector('.panel')).position), 'relative');
  assert.ok(await phone.page.isVisible('[data-testid=chart]'));
  assert.ok(!(await phone.page.isVisible('[data-testid=show-chart]')));
  await screenshot(phone.page, 'no-js-phone');
  await phone.context.close();
});

for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`the wasm starts without a console error and without changing the first paint (${name})`, async () => {
    const context = await build.browser.newContext({ viewport });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await page.addInitScript(MARK_START);
    // Hold the wasm back, so the page is seen as the pre-render painted it.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/*.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${build.server.origin}/`);
    await page.waitForSelector('[data-testid=step]');
    const before = await page.evaluate(() => document.querySelector('.explainer').outerHTML);
    const firstPaint = await page.screenshot({ animations: 'disabled' });
    assert.notEqual(await page.evaluate(() => document.documentElement.dataset.testStarted), 'yes');

    release();
    await waitForStart(page);
    await waitForSettled(page);
    const after = await page.evaluate(() => document.querySelector('.explainer').outerHTML);
    assert.equal(after, before, 'starting the player changed the page');
    const started = await page.screenshot({ animations: 'disabled' });
    await screenshot(page, `started-${name}-top`);
    // Identical but for antialiasing noise (two screenshots of a still page can differ by a pixel).
    const differ = await pixelsDiffering(firstPaint, started);
    assert.ok(differ <= 20, `${differ} pixels changed between the first paint and the started page`);
    // And it is live: the reader moves, the panel follows.
    await goTo(page, build.steps[1].id);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the live region announces a step change, not the first load', async () => {
  const { context, page, problems } = await openIn({ viewport: DESKTOP });
  const region = page.locator('[data-testid=announcer]');
  assert.equal(await region.getAttribute('aria-live'), 'polite');
  await waitForSettled(page);
  assert.equal((await region.textContent()).trim(), '');
  const step = build.steps[1];
  await goTo(page, step.id);
  await page.waitForFunction(
    (title) => document.querySelector('[data-testid=announcer]').textContent.includes(title),
    step.title,
  );
  assert.match(await region.textContent(), new RegExp(`^Step 2 of ${build.steps.length}: `));
  // The map's and chart's words follow the step too.
  assert.match(await page.textContent('#map-summary'), /held by/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('with reduced motion the frame right after a step change is the final one', async () => {
  const { context, page, problems } = await openIn({ viewport: DESKTOP, reducedMotion: 'reduce' });
  await goTo(page, 'may-offensive');
  // Record, on every animation frame, the step shown and the map's state.
  await page.evaluate(() => {
    window.__frames = [];
    const tick = () => {
      const camera = document.querySelector('[data-testid=camera]');
      window.__frames.push({
        step: document.querySelector('[data-testid=panel]').dataset.stepId,
        k: camera.dataset.k,
        transform: camera.getAttribute('transform'),
        markers: [...document.querySelectorAll('[data-testid=marker]')]
          .map((m) => `${m.dataset.place}:${m.dataset.status}:${m.dataset.fill}:${m.getAttribute('transform')}`)
          .join(' '),
        settled: document.querySelector('[data-testid=map]').dataset.settled,
      });
      window.__frame = requestAnimationFrame(tick);
    };
    tick();
  });
  await goTo(page, 'bu-attni');
  const frames = await page.evaluate(() => {
    cancelAnimationFrame(window.__frame);
    return window.__frames;
  });
  const final = frames.at(-1);
  const first = frames.find((f) => f.step === 'bu-attni');
  assert.equal(final.k, '3.0000');
  assert.deepEqual(first, final, 'the first frame of the new step is already the final one');
  // CSS transitions of the graphics are off too.
  const durations = await page.$$eval('.card, .bar, .faction', (els) =>
    [...new Set(els.map((el) => getComputedStyle(el).transitionDuration))],
  );
  assert.deepEqual(durations, ['0s']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('focus is visible on every control and link reached by the keyboard', async () => {
  const { context, page, problems } = await openIn({ viewport: DESKTOP });
  await waitForSettled(page);
  const seen = new Set();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return {
        what: `${el.tagName.toLowerCase()} ${el.getAttribute('data-faction') ?? el.getAttribute('href') ?? el.textContent.slice(0, 30)}`,
        outline: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
      };
    });
    if (!focus) continue;
    seen.add(focus.what);
    assert.ok(focus.outline !== 'none' && focus.width >= 2, `no visible focus on ${focus.what}`);
  }
  assert.ok(seen.size >= 5, `reached: ${[...seen].join(', ')}`);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [name, options] of [
  ['320 px wide', { viewport: { width: 320, height: 640 } }],
  // 200% zoom of a 1280 × 800 window: a 640 × 400 CSS px viewport at twice the pixel density.
  ['200% zoom', { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }],
]) {
  test(`no sideways scrolling at ${name}`, async () => {
    const { context, page, problems } = await openIn(options);
    for (const id of [build.steps[0].id, 'bu-attni', build.steps.at(-1).id]) {
      await goTo(page, id);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${overflow} px wider than the window at ${id}`);
      // The step's heading is on screen and not under the panel.
      const heading = await page.evaluate((id) => {
        const h = document.querySelector(`[data-step="${id}"] h2`);
        const box = h.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + 10, box.top + box.height / 2);
        return { top: box.top, bottom: box.bottom, seen: h.contains(hit) };
      }, id);
      assert.ok(heading.seen && heading.bottom <= (options.viewport.height), `heading of ${id} hidden: ${JSON.stringify(heading)}`);
    }
    await screenshot(page, `a11y-${name.replace(/[^a-z0-9]+/gi, '-')}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
