// The release build in Chromium: the story is all there, the active step and the panel follow
// the reader through every step, and #step-<id> links open at their step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBuild,
  openPage,
  storyManifest,
  scrollStepToTrigger,
  waitForActive,
  screenshot,
  PHONE,
  DESKTOP,
} from './harness.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

/** "2014-07-29" → "29 July 2014"; "2014-05" → "May 2014". */
function longDate(iso) {
  const [y, m, d] = iso.split('-');
  const month = MONTHS[Number(m) - 1];
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

const build = useBuild();

test('the page shows the headline, a credit naming MEED and every step in order', async () => {
  const { page, problems } = await openPage(build.browser, `${build.server.origin}/`, DESKTOP);
  assert.ok((await page.textContent('h1')).length > 10);
  assert.match(await page.textContent('[data-testid=credit]'), /MEED/);
  const shown = await page.$$eval('[data-testid=step]', (els) =>
    els.map((el) => ({ id: el.dataset.step, title: el.querySelector('h2').textContent })),
  );
  assert.deepEqual(shown, build.steps.map(({ id, title }) => ({ id, title })));
  await waitForActive(page, build.steps[0].id);
  assert.deepEqual(problems, []);
  await page.close();
});

test('every sentence of every step, each source and each note is on the built page', async () => {
  const { page, problems } = await openPage(build.browser, `${build.server.origin}/`, DESKTOP);
  for (const step of build.steps) {
    const shown = await page.textContent(`[data-step="${step.id}"]`);
    assert.ok(step.texts.length > 0, `${step.id} has no text in the data`);
    for (const text of step.texts) {
      assert.ok(shown.includes(text), `step ${step.id} lacks: ${text}`);
    }
  }
  const sources = await page.$$eval('[data-testid=source]', (els) => els.map((el) => el.id));
  assert.deepEqual(sources, (await storyManifest()).sources.map((id) => `source-${id}`));
  assert.match(await page.textContent('#source-meed'), /MEED/);
  const notes = await page.$$eval('[data-testid=note]', (els) => els.map((el) => el.id));
  assert.deepEqual(notes, (await storyManifest()).notes.map((id) => `note-${id}`));
  // A step's "Uncertain" link leads to its note.
  await page.click('[data-step="bu-attni"] a[href="#note-bu-attni-date"]');
  await page.waitForFunction(() => {
    const note = document.querySelector('#note-bu-attni-date').getBoundingClientRect();
    return window.location.hash === "#note-bu-attni-date" && note.top > -2 && note.top < window.innerHeight;
  });
  assert.deepEqual(problems, []);
  await page.close();
});

for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`scrolling through every step moves the active step and the panel (${name})`, async () => {
    const { page, problems } = await openPage(build.browser, `${build.server.origin}/`, viewport);
    await screenshot(page, `${name}-top`);
    for (const [i, step] of build.steps.entries()) {
      await scrollStepToTrigger(page, step.id);
      await waitForActive(page, step.id);
      assert.equal(await page.textContent('[data-testid=panel-index]'), String(i + 1));
      if (step.date) {
        assert.equal(await page.textContent('[data-testid=panel-when]'), longDate(step.date));
      }
      // The panel stays in view (sticky) while the reader is in the build.steps.
      const box = await page.locator('[data-testid=panel]').boundingBox();
      assert.ok(box.y >= -1 && box.y < viewport.height / 2, `panel at ${box.y}`);
      if (['gains', 'bu-attni', 'shipna', 'un-statement'].includes(step.id)) {
        await screenshot(page, `${name}-${step.id}`);
      }
    }
    // And back up again, skipping build.steps.
    for (const step of [build.steps[3], build.steps[0]]) {
      await scrollStepToTrigger(page, step.id);
      await waitForActive(page, step.id);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('a jump from the top to the end and back lands on the right steps', async () => {
  const { page, problems } = await openPage(build.browser, `${build.server.origin}/`, DESKTOP);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await waitForActive(page, build.steps.at(-1).id);
  await page.evaluate(() => window.scrollTo(0, 0));
  await waitForActive(page, build.steps[0].id);
  assert.deepEqual(problems, []);
  await page.close();
});

// A small phone (iPhone SE's 375 × 667): the sticky panel takes the most of its height.
const SMALL_PHONE = { width: 375, height: 667 };

for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE], ['small phone', SMALL_PHONE]]) {
  test(`a #step- link opens the page at that step, its date and title in view (${name})`, async () => {
    const target = build.steps.find((s) => s.id === 'hor') ?? build.steps[Math.floor(build.steps.length / 2)];
    const { page, problems } = await openPage(
      build.browser,
      `${build.server.origin}/#step-${target.id}`,
      viewport,
    );
    await waitForActive(page, target.id);
    // The step's date and heading are on screen, below the sticky panel on phones.
    const heading = await page.locator(`[data-step="${target.id}"] h2`).boundingBox();
    const when = await page.locator(`[data-step="${target.id}"] .when`).boundingBox();
    const panel = await page.locator('[data-testid=panel]').boundingBox();
    assert.ok(heading.y > 0 && heading.y + heading.height < viewport.height, `heading at ${heading.y}`);
    if (name !== 'desktop') {
      const below = panel.y + panel.height;
      assert.ok(when.y >= below, `the date at ${when.y} is under the panel (to ${below})`);
      assert.ok(heading.y >= below, `the heading at ${heading.y} is under the panel (to ${below})`);
    }
    await screenshot(page, `${name.replace(' ', '-')}-deep-link-${target.id}`);

    // Following another step link on the page moves there too.
    const next = build.steps.at(-2);
    await page.evaluate((id) => { window.location.hash = `#step-${id}`; }, next.id);
    await waitForActive(page, next.id);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('an unknown #step- link opens at the top', async () => {
  const { page, problems } = await openPage(build.browser, `${build.server.origin}/#step-nowhere`, DESKTOP);
  await waitForActive(page, build.steps[0].id);
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the page's wasm carries the titles the panel shows, not the text only the HTML shows", async () => {
  const { page, problems } = await openPage(build.browser, `${build.server.origin}/`, DESKTOP);
  // Quotes, notes and sources are static HTML: the wasm only plays the panel and the live
  // region. (Some prose is also a relation's summary in the chart's table, so it is in both.)
  const only = await page.$$eval('[data-testid=quote] p, [data-testid=note], [data-testid=source] cite', (els) =>
    els.map((el) => el.textContent.replace(/^“/, '')),
  );
  const wasmUrl = await page.evaluate(
    () => performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm')).name,
  );
  const wasm = Buffer.from(await (await fetch(wasmUrl)).arrayBuffer()).toString('utf8');
  assert.ok(only.length > 20, `the page has its text: ${only.length} quotes, notes and sources`);
  // A text of a word or two (a source titled "Benghazi") is also a place's name: only longer
  // ones tell.
  for (const text of only.filter((t) => t.length >= 20)) {
    assert.ok(!wasm.includes(text.slice(0, 60)), `the wasm carries "${text.slice(0, 60)}"`);
  }
  // The rail's labels and the announcer need the titles: they are there.
  for (const { title } of build.steps) assert.ok(wasm.includes(title), `the wasm lacks "${title}"`);
  assert.deepEqual(problems, []);
  await page.close();
});
