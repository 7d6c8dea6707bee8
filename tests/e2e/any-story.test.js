// What every story must do, whatever its data: the checks the end-to-end suite runs on the
// Benghazi story and on the made-up fixture story alike (`make test-e2e` builds both; DIST_DIR
// names the build). Everything story-specific comes from the build's manifest.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertStepsInOrder,
  DESKTOP,
  keySwatches,
  PHONE,
  openPage,
  scrollStepToTrigger,
  screenshot,
  storyManifest,
  useBuild,
  waitForActive,
  waitForSettled,
  waitForZoom,
} from './harness.js';

const build = useBuild();
/** A name for screenshots: the story's folder's last part. */
const story = async () => (await storyManifest()).story.split('/').filter(Boolean).at(-1);

test('the page is the story of its manifest: title, every step and every sentence, in order', async () => {
  const manifest = await storyManifest();
  const { page, problems } = await openPage(build.browser, `${build.server.origin}/`, DESKTOP);
  assert.equal(await page.title(), manifest.title);
  assert.equal((await page.textContent('h1')).trim(), manifest.headline);
  const ids = await page.$$eval('[data-testid=step]', (els) => els.map((el) => el.dataset.step));
  assert.deepEqual(ids, manifest.steps.map((s) => s.id));
  assertStepsInOrder(assert, await page.textContent('.steps'), manifest.steps);
  const sources = await page.$$eval('[data-testid=source]', (els) => els.map((el) => el.id));
  assert.deepEqual(sources, manifest.sources.map((id) => `source-${id}`));
  // Every step card credits its sources, each linked to its entry under "Sources".
  const cited = await page.$$eval('[data-testid=step]', (steps) =>
    steps.map((step) => [...step.querySelectorAll('[data-testid=step-sources] a')].map((a) => a.hash.slice(1))),
  );
  assert.equal(cited.length, manifest.steps.length);
  for (const links of cited) {
    assert.ok(links.length > 0);
    for (const id of links) assert.ok(sources.includes(id), `a card cites ${id}, which has no entry`);
  }
  assert.ok(await page.isVisible('[data-testid=made-how]'), 'the page says how it was made');
  const factions = await page.$$eval('.chart-svg.wide [data-testid=faction]', (els) => els.map((el) => el.dataset.faction));
  assert.deepEqual(factions, manifest.factions);
  const places = await page.$$eval('[data-testid=marker]', (els) => els.map((el) => el.dataset.place));
  assert.deepEqual(places.toSorted(), manifest.mapped.toSorted());
  const bars = await page.$$eval('[data-testid=base-count]', (els) => els.map((el) => el.dataset.side));
  assert.deepEqual(bars, manifest.counted);
  // The key paints each side in its data's colour: the palette came with the page.
  assert.deepEqual(await keySwatches(page), manifest.key);
  assert.deepEqual(problems, []);
  await page.close();
});

test('scrolling through every step moves the panel: when, camera, map and chart follow', async () => {
  const manifest = await storyManifest();
  for (const viewport of [DESKTOP, PHONE]) {
    const { page, problems } = await openPage(build.browser, `${build.server.origin}/`, viewport);
    const seen = { map: new Set(), chart: new Set() };
    for (const step of manifest.steps) {
      await scrollStepToTrigger(page, step.id);
      await waitForActive(page, step.id);
      await waitForZoom(page, step.zoom);
      await waitForSettled(page);
      assert.equal((await page.textContent('[data-testid=panel-when]')).trim(), step.when, `when at ${step.id}`);
      seen.map.add(await page.textContent('#map-summary'));
      seen.chart.add(await page.textContent('#chart-summary'));
      if (viewport === DESKTOP) await screenshot(page, `${await story()}-${step.id}`);
    }
    assert.ok(seen.map.size > 1, 'the map says something else at some step');
    assert.ok(seen.chart.size > 1, 'the chart says something else at some step');
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('each kind of movement the map draws is drawn at its step', async () => {
  const manifest = await storyManifest();
  const { page, problems } = await openPage(build.browser, `${build.server.origin}/`, DESKTOP);
  for (const kind of new Set(manifest.lines)) {
    const drawnAt = [];
    for (const step of manifest.steps) {
      await scrollStepToTrigger(page, step.id);
      await waitForActive(page, step.id);
      await waitForSettled(page);
      const shown = await page.$$eval(
        `[data-testid=line][data-kind="${kind}"]`,
        (els) => els.some((el) => el.getAttribute('display') !== 'none'),
      );
      if (shown) drawnAt.push(step.id);
    }
    assert.ok(drawnAt.length > 0, `no step draws the ${kind} line`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('a deep link lands on its step, and the keys move between steps', async () => {
  const manifest = await storyManifest();
  const middle = manifest.steps[Math.floor(manifest.steps.length / 2)];
  const { page, problems } = await openPage(build.browser, `${build.server.origin}/#step-${middle.id}`, DESKTOP);
  await waitForActive(page, middle.id);
  await waitForZoom(page, middle.zoom);
  const i = manifest.steps.indexOf(middle);
  await page.keyboard.press('j');
  await waitForActive(page, manifest.steps[i + 1].id);
  await page.keyboard.press('Home');
  await waitForActive(page, manifest.steps[0].id);
  await page.keyboard.press('End');
  await waitForActive(page, manifest.steps.at(-1).id);
  assert.deepEqual(problems, []);
  await page.close();
});

test('without JavaScript every step reads, with the graphics of the first', async () => {
  const manifest = await storyManifest();
  const context = await build.browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${build.server.origin}/`);
  const all = await page.textContent('.steps');
  for (const step of manifest.steps) {
    for (const text of step.texts) assert.ok(all.includes(text), `step ${step.id} lacks: ${text}`);
  }
  assert.equal(await page.getAttribute('[data-testid=panel]', 'data-step-id'), manifest.steps[0].id);
  assert.ok((await page.textContent('#map-summary')).length > 20);
  assert.ok((await page.textContent('#chart-summary')).length > 20);
  await screenshot(page, `${await story()}-no-js`);
  await context.close();
});
