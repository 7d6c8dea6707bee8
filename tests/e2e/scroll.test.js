// The reader's place is a function of the scroll position alone: however it is reached (fast,
// by a jump, by a reload, across a resize), a position shows the same step, map and chart. The
// keyboard and the step rail move between steps; print shows every step with its own map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBuild,
  openPage,
  scrollStepToTrigger,
  waitForActive,
  waitForSettled,
  panelState,
  focusedStep,
  screenshot,
  SCREENSHOTS,
  PHONE,
  DESKTOP,
} from './harness.js';
import { join } from 'node:path';

const build = useBuild();
const url = () => `${build.server.origin}/`;
const stepId = (id) => build.steps.find((s) => s.id === id).id;

/** Waits until the URL's fragment names step `id`. */
function waitForFragment(page, id) {
  return page.waitForFunction((hash) => window.location.hash === hash, `#step-${id}`);
}

test('a rapid scroll to the end and back up shows what arriving slowly shows', async () => {
  const target = stepId('ar-rajmah');
  const slow = await openPage(build.browser, url(), DESKTOP);
  for (const step of build.steps) {
    await scrollStepToTrigger(slow.page, step.id);
    await waitForActive(slow.page, step.id);
    await waitForSettled(slow.page);
    if (step.id === target) break;
  }
  const expected = await panelState(slow.page);

  const fast = await openPage(build.browser, url(), DESKTOP);
  const historyBefore = await fast.page.evaluate(() => history.length);
  // A fling: a large jump every frame down to the bottom, then straight back up to the step,
  // before any transition has had time to finish.
  await fast.page.evaluate(async (id) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const end = document.documentElement.scrollHeight;
    for (let y = 0; y < end; y += 1500) {
      window.scrollTo(0, y);
      await frame();
    }
    window.scrollTo(0, end);
    await frame();
    const el = document.querySelector(`[data-step="${id}"]`);
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - window.innerHeight * 0.6 + 40);
  }, target);
  await waitForActive(fast.page, target);
  assert.equal(await panelState(fast.page), expected);
  // The URL followed without adding to the history.
  await waitForFragment(fast.page, target);
  assert.equal(await fast.page.evaluate(() => history.length), historyBefore);

  assert.deepEqual(slow.problems, []);
  assert.deepEqual(fast.problems, []);
  await slow.page.close();
  await fast.page.close();
});

for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`a reload at a step opens at that step (${name})`, async () => {
    const target = stepId('hor');
    const { page, problems } = await openPage(build.browser, url(), viewport);
    await scrollStepToTrigger(page, target, 120);
    await waitForActive(page, target);
    await waitForFragment(page, target);
    await page.reload();
    await waitForActive(page, target);
    const heading = await page.locator(`[data-step="${target}"] h2`).boundingBox();
    assert.ok(heading.y > 0 && heading.y < viewport.height, `heading at ${heading.y}`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('back at the top of the page the URL names no step', async () => {
  const { page, problems } = await openPage(build.browser, url(), DESKTOP);
  await scrollStepToTrigger(page, build.steps[2].id);
  await waitForFragment(page, build.steps[2].id);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(() => window.location.hash === '' && window.location.href.endsWith('/'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('resizing from 1280 to 390 px and back keeps the reader in the same step', async () => {
  const { page, problems } = await openPage(build.browser, url(), DESKTOP);
  const laidOut = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  for (const [id, offset] of [['bu-attni', 60], ['ar-rajmah', 300], ['war-crimes', 20]]) {
    await page.setViewportSize(DESKTOP);
    // The new layout has been measured (and the previous step's place kept) before the reader
    // scrolls on: a scroll in the same frame as the resize would be undone by that keeping.
    await laidOut();
    await scrollStepToTrigger(page, stepId(id), offset);
    await waitForActive(page, id);
    for (const size of [PHONE, DESKTOP, PHONE]) {
      await page.setViewportSize(size);
      // The new layout has been laid out and measured (two frames), and the step holds.
      await laidOut();
      await waitForActive(page, id);
    }
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('every key binding moves between steps and moves the focus there', async () => {
  const { page, problems } = await openPage(build.browser, url(), DESKTOP);
  const last = build.steps.length - 1;
  const at = async (i) => {
    const id = build.steps[i].id;
    await waitForActive(page, id);
    await page.waitForFunction((id) => document.activeElement?.dataset.step === id, id);
    await waitForFragment(page, id);
  };
  const historyBefore = await page.evaluate(() => history.length);
  // At the top of the page "next" goes to the step after the one the panel shows.
  const first = await page.$eval('[data-testid=step][data-active=true]', (el) => el.dataset.step);
  await page.keyboard.press('ArrowDown');
  await at(build.steps.findIndex((s) => s.id === first) + 1);
  await page.keyboard.press('Home');
  await at(0);
  // The focused card shows the focus.
  const outline = await page.$eval(`[data-step="${build.steps[0].id}"] .card`, (el) => getComputedStyle(el).outlineStyle);
  assert.equal(outline, 'solid');
  const moves = [
    ['j', 1], ['PageDown', 2], ['ArrowRight', 3], ['ArrowDown', 4],
    ['k', 3], ['ArrowUp', 2], ['PageUp', 1], ['ArrowLeft', 0],
    ['End', last], ['Home', 0], ['End', last],
  ];
  for (const [key, i] of moves) {
    await page.keyboard.press(key);
    await at(i);
  }
  // At the last step "next" leaves the step to the browser: the page scrolls on into the end
  // matter, as without the explainer.
  const y = await page.evaluate(() => window.scrollY);
  await page.keyboard.press('PageDown');
  await page.waitForFunction((y) => window.scrollY > y, y);
  assert.equal(await page.evaluate(() => history.length), historyBefore);
  assert.deepEqual(problems, []);
  await page.close();
});

for (const [name, viewport] of [['desktop', DESKTOP], ['phone', { width: 320, height: 640 }]]) {
  test(`the step rail names every step and goes to it (${name})`, async () => {
    const { page, problems } = await openPage(build.browser, url(), viewport);
    const marks = page.locator('[data-testid=rail-step]');
    assert.equal(await marks.count(), build.steps.length);
    for (const [i, step] of build.steps.entries()) {
      const label = await marks.nth(i).getAttribute('aria-label');
      assert.ok(label.startsWith(`Step ${i + 1} of ${build.steps.length}: ${step.title}`), label);
    }
    const target = 6;
    const box = await marks.nth(target).boundingBox();
    assert.ok(box.height >= 24, `rail target ${box.height}px high`);
    await marks.nth(target).click();
    await waitForActive(page, build.steps[target].id);
    assert.equal(await focusedStep(page), build.steps[target].id);
    assert.equal(await marks.nth(target).getAttribute('aria-current'), 'step');
    assert.equal(await page.locator('[data-testid=rail-step][aria-current]').count(), 1);
    // No horizontal scroll, and the panel (with its rail) stays in view.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    await screenshot(page, `${name}-rail`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('printed, every step comes in order with a map of its own state', async () => {
  const { page, problems } = await openPage(build.browser, url(), DESKTOP);
  // What the screen's map shows at a few steps, once settled.
  const markers = (root) =>
    page.$$eval(`${root} [data-testid=marker]`, (els) =>
      els.map((m) => [m.dataset.place, m.dataset.status, m.dataset.holder, m.dataset.fill].join(' ')),
    );
  const zoom = (root) => page.$eval(`${root} [data-testid=camera]`, (el) => el.dataset.k);
  const seen = {};
  for (const id of ['gains', 'bu-attni', 'ar-rajmah', 'hor', 'un-statement']) {
    await scrollStepToTrigger(page, id);
    await waitForActive(page, id);
    await waitForSettled(page);
    seen[id] = { markers: await markers('.panel'), zoom: await zoom('.panel') };
  }

  await page.emulateMedia({ media: 'print' });
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid=print-graphic] [data-testid=map]').length === n,
    build.steps.length,
  );
  assert.equal(await page.$eval('[data-testid=panel]', (el) => getComputedStyle(el).display), 'none');
  const order = await page.$$eval('[data-testid=print-graphic]', (els) =>
    els.map((el) => el.closest('[data-step]').dataset.step),
  );
  assert.deepEqual(order, build.steps.map((s) => s.id));
  for (const [id, expected] of Object.entries(seen)) {
    const root = `[data-step="${id}"] [data-testid=print-graphic]`;
    assert.deepEqual(await markers(root), expected.markers, `markers at ${id}`);
    assert.equal(await zoom(root), expected.zoom, `zoom at ${id}`);
  }
  // A reader whose screen is dark still prints dark text on white.
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  const ink = await page.$eval('[data-step] .card h2', (el) => getComputedStyle(el).color);
  assert.equal(ink, 'rgb(27, 27, 27)');
  await page.pdf({ path: join(SCREENSHOTS, 'print.pdf'), format: 'A4' });
  await screenshot(page, 'print-desktop');

  await page.emulateMedia({ media: 'screen' });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=print-graphic]').length === 0);
  assert.deepEqual(problems, []);
  await page.close();
});
