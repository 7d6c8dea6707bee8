// The explainer inside other people's pages (embed/): in a pym.js iframe driven by the real
// pym.js from npm, mounted directly, in a sandboxed iframe, in an AMP-style frame, all served
// from a sub-path under the documented Content-Security-Policy (docs/embedding.md); and a hostile childId injects
// nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser,
  serveSite,
  storySteps,
  storyManifest,
  keySwatches,
  openPage,
  scrollStepToTrigger,
  waitForActive,
  waitForSettled,
  screenshot,
  axeViolations,
  PHONE,
  DESKTOP,
} from './harness.js';

const site = {};
before(async () => {
  [site.server, site.browser, site.steps] = await Promise.all([serveSite(), launchBrowser(), storySteps()]);
});
after(async () => {
  await site.browser?.close();
  await site.server?.close();
});
const at = (path) => `${site.server.origin}${path}`;

/**
 * The explainer's frame in a host page, once its wasm has started playing it (<html
 * data-interactive>): the steps are pre-rendered, there before the wasm marks the frame as
 * embedded and starts listening to the host.
 */
async function explainerFrame(page) {
  const handle = await page.waitForSelector('iframe');
  const frame = await handle.contentFrame();
  await frame.waitForSelector('[data-testid=step]');
  await frame.waitForFunction(() => document.documentElement.dataset.interactive === '');
  return { frame, handle };
}

/** Scrolls the host page so that the top of the frame's step `id` is just above the line 60% down. */
async function scrollHostToStep(page, frame, id) {
  const inFrame = await frame.$eval(`[data-step="${id}"]`, (el) => el.getBoundingClientRect().top + window.scrollY);
  await page.evaluate((y) => {
    const frameTop = document.querySelector('iframe').getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, frameTop + y - window.innerHeight * 0.6 + 40);
  }, inFrame);
}

for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`in a pym.js iframe the parent's scrolling drives the steps and the panel (${name})`, async () => {
    const { page, problems } = await openPage(site.browser, at('/pym.html'), viewport, { steps: false });
    const { frame, handle } = await explainerFrame(page);
    assert.ok(await frame.evaluate(() => document.documentElement.classList.contains('embedded')));
    // pym sized the iframe to the explainer's content.
    await page.waitForFunction(() => {
      const iframe = document.querySelector('iframe');
      const inner = iframe.contentDocument.documentElement.getBoundingClientRect().height;
      return inner > 1000 && Math.abs(iframe.getBoundingClientRect().height - inner) <= 2;
    });
    for (const id of ['bu-attni', 'ar-rajmah', 'un-talks']) {
      await scrollHostToStep(page, frame, id);
      await waitForActive(frame, id);
      // The panel is pinned into the parent's window, as sticky would hold it.
      await page.waitForFunction((height) => {
        const iframe = document.querySelector('iframe').getBoundingClientRect();
        const panel = document.querySelector('iframe').contentDocument
          .querySelector('[data-testid=panel]').getBoundingClientRect();
        const top = iframe.top + panel.top;
        return top >= -1 && top < height / 2;
      }, viewport.height);
    }
    await screenshot(page, `embed-pym-${name}`);
    // The frame's height still matches its content after all that.
    const [outer, inner] = await Promise.all([
      handle.evaluate((el) => el.getBoundingClientRect().height),
      frame.evaluate(() => document.documentElement.getBoundingClientRect().height),
    ]);
    assert.ok(Math.abs(outer - inner) <= 2, `iframe ${outer} px, content ${inner} px`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('a #step- link passed through pym opens the parent at that step', async () => {
  const { page, problems } = await openPage(site.browser, at('/pym.html#step-hor'), DESKTOP, { steps: false });
  const { frame } = await explainerFrame(page);
  await waitForActive(frame, 'hor');
  await page.waitForFunction(() => {
    const iframe = document.querySelector('iframe').getBoundingClientRect();
    const heading = document.querySelector('iframe').contentDocument
      .querySelector('[data-step="hor"] h2').getBoundingClientRect();
    const top = iframe.top + heading.top;
    return top > 0 && top < window.innerHeight;
  });
  assert.deepEqual(problems, []);
  await page.close();
});

test("mounted directly, the explainer and the host page leave each other's styles alone", async () => {
  const styles = (page) =>
    page.$$eval('[data-host]', (els) =>
      els.map((el) => {
        const s = getComputedStyle(el);
        return [el.tagName, s.color, s.fontFamily, s.fontSize, s.margin, s.letterSpacing,
          s.backgroundColor, s.border, s.textTransform, s.outline].join(' | ');
      }),
    );
  // The host page alone: its module script refused.
  const bare = await site.browser.newPage({ viewport: DESKTOP });
  await bare.route('**/explainer/boot.js', (route) => route.abort());
  await bare.goto(at('/direct.html'));
  const expected = await styles(bare);
  await bare.close();

  const { page, problems } = await openPage(site.browser, at('/direct.html'), DESKTOP);
  assert.equal(await page.locator('[data-testid=step]').count(), site.steps.length);
  assert.deepEqual(await styles(page), expected);
  // And the host's rules for p, .card and .panel do not reach into the explainer.
  const card = await page.$eval('.explainer .card', (el) => getComputedStyle(el).backgroundColor);
  assert.equal(card, 'rgb(255, 255, 255)');
  const para = await page.$eval('.explainer .card > p:not(.when)', (el) => {
    const s = getComputedStyle(el);
    return [s.letterSpacing, s.marginLeft, s.fontFamily.split(',')[0]];
  });
  assert.deepEqual(para, ['normal', '0px', 'Georgia']);
  assert.equal(await page.$eval('.explainer .panel', (el) => getComputedStyle(el).outlineStyle), 'none');
  // The story's palette came with the explainer: the key paints each side in its colour.
  assert.deepEqual(await keySwatches(page), (await storyManifest()).key);
  // It works as on its own page.
  const id = site.steps[4].id;
  await scrollStepToTrigger(page, id);
  await waitForActive(page, id);
  await waitForSettled(page);
  await page.waitForFunction((i) => document.querySelectorAll('[data-testid=rail-step]')[i].getAttribute('aria-current') === 'step', 4);
  await screenshot(page, 'embed-direct');
  assert.deepEqual(problems, []);
  await page.close();
});

test("mounted directly, it names the reader's step in the URL but leaves the host's own fragment alone", async () => {
  const id = site.steps[3].id;
  // No fragment: the URL follows the reader, as on the explainer's own page.
  const own = await openPage(site.browser, at('/direct.html'), DESKTOP);
  await scrollStepToTrigger(own.page, id);
  await waitForActive(own.page, id);
  await own.page.waitForFunction((want) => window.location.hash === want, `#step-${id}`);
  assert.deepEqual(own.problems, []);
  await own.page.close();
  // The host's fragment: it stays, while the explainer follows the reader just the same.
  const host = await openPage(site.browser, at('/direct.html#host-comments'), DESKTOP);
  await scrollStepToTrigger(host.page, id);
  await waitForActive(host.page, id);
  await host.page.waitForFunction(
    (i) => document.querySelectorAll('[data-testid=rail-step]')[i].getAttribute('aria-current') === 'step',
    3,
  );
  assert.equal(await host.page.evaluate(() => window.location.hash), '#host-comments');
  assert.deepEqual(host.problems, []);
  await host.page.close();
});

test('in a sandboxed iframe (scripts only) it runs without an error', async () => {
  const { page, problems } = await openPage(site.browser, at('/sandbox.html'), DESKTOP, { steps: false });
  const { frame } = await explainerFrame(page);
  const id = site.steps[6].id;
  // The frame scrolls by itself, like the page on its own.
  await scrollStepToTrigger(frame, id);
  await waitForActive(frame, id);
  assert.deepEqual(problems, []);
  await page.close();
});

test('on its own under the strict CSP it runs without an error or a violation', async () => {
  const page = await site.browser.newPage({ viewport: DESKTOP });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
  });
  const problems = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  page.on('pageerror', (err) => problems.push(err.message));
  const response = await page.goto(at('/explainer/index.html#step-ar-rajmah'));
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  await waitForActive(page, 'ar-rajmah');
  // A transition runs its course (inline style properties, set through the CSSOM).
  await page.waitForFunction(() => document.querySelector('[data-testid=map]').dataset.settled === 'true');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a hostile childId injects nothing and turns pym off', async () => {
  const page = await site.browser.newPage({ viewport: DESKTOP });
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  // A same-origin page without the explainer (its document is replaced below).
  await page.goto(at('/no-explainer-here'));
  const hostile = encodeURIComponent('x"><img src=x onerror="parent.__pwned=1">');
  const frameAt = (id) => `<iframe src="${at(`/explainer/index.html?initialWidth=800&childId=${id}`)}" style="width:800px;height:600px"></iframe>`;
  // Beside the hostile frame, a well-formed one shows that messages do get through.
  await page.setContent(`<script>
    window.__messages = [];
    addEventListener('message', (e) => window.__messages.push(String(e.data)));
  </script>${frameAt(hostile)}${frameAt('good-1')}`);
  await page.waitForFunction(() => window.__messages.some((m) => m.startsWith('pymxPYMxgood-1xPYMxheightxPYMx')));
  const frame = await (await page.$('iframe')).contentFrame();
  await frame.waitForFunction(() => document.documentElement.dataset.interactive === '');
  assert.equal(await frame.evaluate(() => document.querySelectorAll('img').length), 0);
  assert.equal(await frame.evaluate(() => document.documentElement.classList.contains('embedded')), false);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  const strays = await page.evaluate(() => window.__messages.filter((m) => !m.startsWith('pymxPYMxgood-1xPYMx')));
  assert.deepEqual(strays, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test("in an AMP frame it asks for its content's height with embed-size", async () => {
  const page = await site.browser.newPage({ viewport: DESKTOP });
  await page.goto(at('/no-explainer-here'));
  // The listener is in place before the frame exists, so no message can slip past it.
  await page.setContent(`<script>
    window.__sizes = [];
    addEventListener('message', (e) => {
      if (e.data?.sentinel !== 'amp' || e.data.type !== 'embed-size') return;
      window.__sizes.push(e.data.height);
      // As AMP does: the frame takes the height asked for.
      document.querySelector('iframe').style.height = e.data.height + 'px';
    });
  </script><iframe src="${at('/explainer/index.html#amp=1')}" style="width:600px;height:800px"></iframe>`);
  const { frame } = await explainerFrame(page);
  await page.waitForFunction(() => {
    const inner = document.querySelector('iframe').contentDocument.documentElement.getBoundingClientRect().height;
    return window.__sizes.at(-1) === Math.ceil(inner) && inner > 1000;
  });
  assert.ok(await frame.evaluate(() => document.documentElement.classList.contains('embedded')));
  // AMP says nothing of the reader's place: the graphic holds the first step, with its panel at
  // the top of the story.
  await waitForActive(frame, site.steps[0].id);
  await page.close();
});

test('axe-core finds no violation in the host pages, nor in the pym frame', async () => {
  // (The explainer's CSP would refuse axe's injected script: this context bypasses it.)
  const context = await site.browser.newContext({ viewport: DESKTOP, bypassCSP: true });
  for (const path of ['/pym.html', '/direct.html', '/sandbox.html']) {
    const page = await context.newPage();
    await page.goto(at(path));
    if (path === '/direct.html') {
      await page.waitForSelector('[data-testid=step]');
      await waitForSettled(page);
    } else {
      await explainerFrame(page);
    }
    assert.deepEqual(await axeViolations(page), [], path);
    if (path === '/pym.html') {
      const { frame } = await explainerFrame(page);
      await scrollHostToStep(page, frame, 'bu-attni');
      await waitForActive(frame, 'bu-attni');
      assert.deepEqual(await axeViolations(frame), [], 'in the pym frame');
    }
    await page.close();
  }
  await context.close();
});
