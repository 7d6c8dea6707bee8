// The control map and the faction chart in the release build: the map changes where control
// changes, moves between steps through in-between frames and jumps straight to the end state
// under reduced motion; the chart follows the same steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBuild,
  openPage,
  scrollStepToTrigger,
  waitForActive,
  waitForZoom,
  waitForSettled,
  recordZoom,
  screenshot,
  PHONE,
  DESKTOP,
} from './harness.js';

const build = useBuild();

/** Goes to step `id` and waits for its map to settle. */
async function goTo(page, id) {
  await scrollStepToTrigger(page, id);
  await waitForActive(page, id);
  await waitForZoom(page, build.steps.find((s) => s.id === id).zoom);
  await waitForSettled(page);
}

const markerState = (page, place) =>
  page.$eval(`[data-testid=marker][data-place="${place}"]`, (el) => ({
    status: el.dataset.status,
    holder: el.dataset.holder,
    fill: el.dataset.fill,
  }));

test('the map draws the places, the land and the locator', async () => {
  const { page, problems } = await openPage(build.browser, `${build.server.origin}/`, DESKTOP);
  const places = await page.$$eval('[data-testid=marker]', (els) => els.map((el) => el.dataset.place));
  assert.deepEqual(places, ['benghazi', 'benina', 'bu-attni', 'base-319', 'ar-rajmah']);
  const land = await page.getAttribute('.land', 'd');
  assert.ok(land.length > 100 && land.startsWith('M'), 'the land has a shape');
  assert.equal(await page.locator('.locator-city').count(), 3);
  assert.match(await page.textContent('[data-testid=key]'), /Claimed, unconfirmed/);
  assert.match(await page.textContent('[data-testid=key]'), /OpenStreetMap/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the map differs between steps where control changes', async () => {
  const { page, problems } = await openPage(build.browser, `${build.server.origin}/`, DESKTOP);
  await goTo(page, 'may-offensive');
  const before = await markerState(page, 'bu-attni');
  assert.deepEqual(before, { status: 'held', holder: 'Special Forces', fill: '#0072b2' });
  // No source says who held base 319 before Ansar al-Sharia's claim (dated 14 July): no holder.
  assert.equal((await markerState(page, 'base-319')).status, 'place');
  await goTo(page, 'bu-attni');
  assert.deepEqual(await markerState(page, 'bu-attni'), {
    status: 'overrun',
    holder: 'Islamist allies',
    fill: '#d55e00',
  });
  assert.equal((await markerState(page, 'benina')).status, 'under-threat');
  // The overrun plays a burst on the base, at its step only (a hidden burst has display=none).
  const bursts = (scope) => page.locator(`${scope} [data-testid=burst]:not([display=none])`).count();
  assert.equal(await bursts('[data-place="bu-attni"]'), 1);
  await goTo(page, 'bases-seized');
  assert.deepEqual(await markerState(page, 'base-319'), {
    status: 'claimed',
    holder: 'Ansar al-Sharia',
    fill: '#d55e00',
  });
  assert.equal(await bursts('[data-testid=map]'), 0);
  await goTo(page, 'ar-rajmah');
  await page.waitForFunction(() => document.querySelector('[data-testid=line][data-kind=retreat]')?.dataset.drawn === '1.000');
  await goTo(page, 'hor');
  await page.waitForFunction(() => document.querySelector('[data-testid=locator]').dataset.emphasis === '1.00');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the air raids from Benina move with the reader through the step', async () => {
  const { page, problems } = await openPage(build.browser, `${build.server.origin}/`, DESKTOP);
  await goTo(page, 'air-base');
  const offset = () => page.getAttribute('[data-testid=line][data-kind=air-raids] path', 'stroke-dashoffset');
  const first = await offset();
  await scrollStepToTrigger(page, 'air-base', 300);
  await page.waitForFunction(
    (first) => document.querySelector('[data-testid=line][data-kind=air-raids] path').getAttribute('stroke-dashoffset') !== first,
    first,
  );
  await waitForActive(page, 'air-base');
  assert.equal(await page.locator('[data-testid=road]').count(), 1, 'the Airport Road is drawn');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a frame sampled mid-transition lies between its two ends', async () => {
  const { page, problems } = await openPage(build.browser, `${build.server.origin}/`, DESKTOP);
  await goTo(page, 'may-offensive'); // zoom 1
  const zooms = await recordZoom(page, 3, () => scrollStepToTrigger(page, 'bu-attni'));
  const between = zooms.filter((k) => k > 1 && k < 3);
  assert.ok(between.length >= 2, `in-between frames: ${zooms.join(' ')}`);
  for (let i = 1; i < zooms.length; i++) {
    assert.ok(zooms[i] >= zooms[i - 1] - 1e-9, `the zoom only grows: ${zooms.join(' ')}`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('with reduced motion the map goes straight to the new state', async () => {
  const context = await build.browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${build.server.origin}/`);
  await page.waitForSelector('[data-testid=step]');
  await goTo(page, 'may-offensive');
  const zooms = await recordZoom(page, 3, () => scrollStepToTrigger(page, 'bu-attni'));
  assert.deepEqual([...new Set(zooms)].sort(), [1, 3], `no in-between frame: ${zooms.join(' ')}`);
  await context.close();
});

/**
 * What a reader cannot read on the settled map: a place's symbol or label under the locator, the
 * scale bar or the north arrow, and a label cut by the map's edge. Places off the view are
 * skipped (the camera leaves them out on purpose), as are labels the zoom hides. At a step set
 * elsewhere in Libya the locator is the map: it must lie whole in the frame, the city faded.
 */
const hiddenPlaces = (page) =>
  page.evaluate(() => {
    const box = (el) => el.getBoundingClientRect();
    const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const frame = box(document.querySelector('.map-svg'));
    const locator = document.querySelector('[data-testid=locator]');
    const overlays = [
      ['locator', locator],
      ['scale bar', document.querySelector('[data-testid=scale-bar]')],
      ['north arrow', document.querySelector('.north')],
    ].map(([name, el]) => [name, box(el)]);
    const hidden = [];
    if (locator.classList.contains('country')) {
      // The step is elsewhere in Libya: the locator fills the frame, in front of the faded city.
      const r = box(locator);
      const outer = box(document.querySelector('.map-frame'));
      if (r.left < outer.left || r.right > outer.right || r.top < outer.top || r.bottom > outer.bottom)
        hidden.push("the locator is cut by the map's edge");
      const fade = Number(getComputedStyle(document.querySelector('.map-svg')).opacity);
      if (fade > 0.3) hidden.push(`the city map behind the locator is not faded (${fade})`);
      return hidden;
    }
    for (const marker of document.querySelectorAll('[data-testid=marker]')) {
      const parts = [['symbol', marker.querySelector('.glyph > path')]];
      const label = marker.querySelector('.label');
      if (Number(label.getAttribute('opacity')) >= 0.5) parts.push(['label', label]);
      for (const [what, el] of parts) {
        const r = box(el);
        if (!meet(r, frame)) continue;
        const name = `${marker.dataset.place}'s ${what}`;
        if (what === 'label' && (r.left < frame.left || r.right > frame.right || r.top < frame.top || r.bottom > frame.bottom))
          hidden.push(`${name} is cut by the map's edge`);
        for (const [overlay, o] of overlays) if (meet(r, o)) hidden.push(`${name} is under the ${overlay}`);
      }
    }
    return hidden;
  });

for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`every step's map, settled, leaves every place readable (${name}; screenshots for review)`, async () => {
    const { page, problems } = await openPage(build.browser, `${build.server.origin}/`, viewport);
    const hidden = [];
    for (const [i, step] of build.steps.entries()) {
      await goTo(page, step.id);
      await screenshot(page, `map-${name}-${String(i + 1).padStart(2, '0')}-${step.id}`);
      hidden.push(...(await hiddenPlaces(page)).map((what) => `${step.id}: ${what}`));
    }
    assert.deepEqual(hidden, []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

const lit = (page) =>
  page.$$eval('.chart-svg.wide [data-testid=faction][data-lit=true]', (els) =>
    els.map((el) => el.dataset.faction),
  );
const bases = (page, side) =>
  page.$eval(`[data-testid=base-count][data-side="${side}"]`, (el) => ({
    held: Number(el.querySelector('[data-testid=held]').textContent),
    claimed: Number(el.querySelector('[data-testid=claimed]')?.textContent ?? 0),
  }));

test('the faction chart highlights the step’s parties and counts the bases', async () => {
  const { page, problems } = await openPage(build.browser, `${build.server.origin}/`, DESKTOP);
  await goTo(page, 'may-offensive');
  // The bases claimed later are counted for no one before the claims.
  assert.deepEqual(await bases(page, 'Military'), { held: 0, claimed: 0 });
  assert.deepEqual(await bases(page, 'Islamists'), { held: 0, claimed: 0 });
  await goTo(page, 'bu-attni');
  const atBuAttni = await lit(page);
  for (const f of ['special-forces', 'islamist-coalition', 'haftar']) assert.ok(atBuAttni.includes(f), atBuAttni);
  assert.deepEqual(await bases(page, 'Haftar’s side'), { held: 1, claimed: 0 });
  assert.deepEqual(await bases(page, 'Islamists'), { held: 1, claimed: 1 });
  await goTo(page, 'bases-seized');
  assert.deepEqual(await bases(page, 'Islamists'), { held: 1, claimed: 3 });
  await goTo(page, 'war-crimes');
  const atWarCrimes = await lit(page);
  assert.ok(atWarCrimes.includes('amnesty') && !atWarCrimes.includes('special-forces'), atWarCrimes);
  // Each faction can be reached from the keyboard and says who it is.
  const label = await page.getAttribute('.chart-svg.wide [data-faction="hor"]', 'aria-label');
  assert.match(label, /House of Representatives/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('on a phone the reader switches between map and chart without losing their place', async () => {
  const { page, problems } = await openPage(build.browser, `${build.server.origin}/`, PHONE);
  await goTo(page, 'bu-attni');
  const top = () => page.evaluate(() => document.querySelector('[data-step="bu-attni"] p:not(.when)').getBoundingClientRect().top);
  const before = await top();
  assert.ok(await page.isVisible('[data-testid=map]'));
  assert.ok(!(await page.isVisible('[data-testid=chart]')));
  await page.click('[data-testid=show-chart]');
  await page.waitForSelector('[data-testid=chart]', { state: 'visible' });
  assert.ok(!(await page.isVisible('[data-testid=map]')));
  // The text the reader was reading stays where it was (the browser anchors the scroll).
  await waitForActive(page, 'bu-attni');
  assert.ok(Math.abs((await top()) - before) < 2, `text moved from ${before} to ${await top()}`);
  await screenshot(page, 'chart-phone-bu-attni');
  await page.click('[data-testid=show-map]');
  await page.waitForSelector('[data-testid=map]', { state: 'visible' });
  assert.deepEqual(problems, []);
  await page.close();
});
