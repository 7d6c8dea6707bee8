// What matters to a reader, in each engine a reader's browser runs on (engines.js): Chromium,
// Firefox ESR and WebKitGTK. The page starts with no error or failed request and fetches each
// file once (the wasm above all); scrolling moves the step and the panel; a #step- link lands;
// the keys move between steps; the embed protocols work; and no engine drops a declaration or a
// selector of the stylesheets, nor computes the parts that must look alike otherwise.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as csstree from 'css-tree';
import { ENGINE_NAMES, launchEngine } from './engines.js';
import { DIST, DESKTOP, isActive as active, scrollToTrigger, serveDist, serveSite, storySteps } from './harness.js';

// A phone's width that every engine's window can take (MiniBrowser's is at least 447 px wide).
const PHONE = { width: 480, height: 844 };

/** What each engine computed for the parts that must look alike (compared at the end). */
const looks = {};

// In the page: has the wasm started playing it (probe.js marks it), two frames on?
const started = () =>
  document.documentElement.dataset.testStarted === 'yes' &&
  new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))));
// In the page: what went wrong (probe.js), in the page and in its same-origin frames.
const problems = () =>
  [window, ...[...document.querySelectorAll('iframe')].map((f) => f.contentWindow)].flatMap((w) => {
    try {
      return w.__problems ?? [];
    } catch {
      return []; // A sandboxed frame: the host cannot look in.
    }
  });

/** The stylesheets as shipped: each rule's selectors and declarations, from css-tree. */
async function shippedCss() {
  const files = (await readdir(DIST)).filter((f) => f.endsWith('.css'));
  const rules = [];
  const queries = new Set();
  for (const file of files) {
    const ast = csstree.parse(await readFile(join(DIST, file), 'utf8'));
    csstree.walk(ast, {
      enter(node) {
        if (node.type === 'Atrule' && node.name === 'media' && node.prelude) {
          queries.add(csstree.generate(node.prelude));
        }
        if (node.type !== 'Rule') return;
        const inKeyframes = this.atrule && /keyframes$/.test(this.atrule.name);
        const selectors = inKeyframes ? [] : node.prelude.children.toArray().map((s) => csstree.generate(s));
        const declarations = node.block.children
          .toArray()
          .filter((d) => d.type === 'Declaration')
          .map((d) => [d.property, csstree.generate(d.value)]);
        rules.push({ file, selectors, declarations });
      },
    });
  }
  return { rules, queries: [...queries] };
}

// In the page: which of `rules`' selectors and declarations, and which media queries, this engine
// drops. A declaration it drops is fine where the same rule has one of the same property it keeps
// (a fallback), or where it is about phones only: text-size-adjust, the text inflation of phone
// browsers, which desktop Firefox lacks.
const dropped = (rules, queries) => {
  const phonesOnly = ['text-size-adjust', '-webkit-text-size-adjust'];
  const out = [];
  for (const { file, selectors, declarations } of rules) {
    for (const s of selectors) {
      if (!CSS.supports(`selector(${s})`)) out.push(`${file}: selector ${s}`);
    }
    const kept = declarations.map(([p, v]) => CSS.supports(p, v));
    declarations.forEach(([p, v], i) => {
      const fallback = declarations.some(([q], j) => q === p && kept[j]);
      if (!kept[i] && !fallback && !phonesOnly.includes(p)) out.push(`${file}: ${selectors.join(', ')} { ${p}: ${v} }`);
    });
  }
  for (const q of queries) if (matchMedia(q).media === 'not all') out.push(`@media ${q}`);
  return out;
};

// In the page: the computed styles and sizes of the parts whose look no engine may change.
const look = () => {
  const style = (sel, ...props) => {
    const el = document.querySelector(sel);
    if (!el) return `${sel}: missing`;
    const s = getComputedStyle(el);
    return props.map((p) => `${sel} ${p}: ${s.getPropertyValue(p)}`);
  };
  const box = (sel) => {
    const r = document.querySelector(sel)?.getBoundingClientRect();
    return r ? [Math.round(r.width), Math.round(r.height)] : 'missing';
  };
  return {
    styles: [
      style('[data-testid=panel]', 'position', 'top'),
      style('.locator-city.here circle', 'r', 'fill'),
      style('.locator-city:not(.here) circle', 'r', 'fill'),
      style('[data-testid=key] .swatch', 'fill'),
      style('.key-symbol.claimed', 'stroke-dasharray'),
      style('.chart-svg.wide', 'display'),
      style('.chart-svg.medium', 'display'),
      style('.chart-svg.narrow', 'display'),
      style('.uncertainty', 'stroke-dasharray'),
    ].flat(),
    boxes: {
      locatorHere: box('.locator-city.here circle'),
      mapFrame: box('[data-testid=map-frame]'),
      chartWide: box('.chart-svg.wide'),
    },
  };
};

for (const name of ENGINE_NAMES) {
  describe(name, () => {
    const ctx = {};
    before(async () => {
      // All settled before any failure is thrown, so that `after` closes what did start.
      const all = await Promise.allSettled([
        launchEngine(name),
        serveDist({ probe: true }),
        serveSite({ probe: true }),
        storySteps(),
      ]);
      [ctx.browser, ctx.own, ctx.site, ctx.steps] = all.map((r) => r.value);
      const failed = all.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      console.log(`# ${name}: ${ctx.browser.version}`);
    });
    after(async () => {
      await ctx.browser?.close();
      await ctx.own?.close();
      await ctx.site?.close();
    });

    /** Opens `path` of `server` at `viewport`, its request log cleared; waits for the start. */
    async function open(server, path, viewport = DESKTOP, { waitForStart = true } = {}) {
      server.requests.length = 0;
      const tab = await ctx.browser.open(`${server.origin}${path}`, viewport);
      if (waitForStart) await tab.waitFor(started);
      return tab;
    }

    test('the page starts with no error, fetches each file once, and nothing from elsewhere', async () => {
      for (const viewport of [DESKTOP, PHONE]) {
        const tab = await open(ctx.own, '/', viewport);
        assert.deepEqual(await tab.evaluate(problems), []);
        const requests = ctx.own.requests.filter((r) => r.path !== '/__probe.js');
        assert.deepEqual(requests.filter((r) => r.status !== 200), [], 'failed requests');
        const paths = requests.map((r) => r.path);
        assert.deepEqual(paths.filter((p, i) => paths.indexOf(p) !== i), [], 'fetched twice');
        assert.equal(paths.filter((p) => p.endsWith('.wasm')).length, 1, 'the wasm, once');
        const elsewhere = await tab.evaluate(() =>
          performance.getEntriesByType('resource').map((e) => e.name).filter((n) => !n.startsWith(location.origin)),
        );
        assert.deepEqual(elsewhere, []);
        await tab.close();
      }
    });

    test('scrolling moves the step, the panel and the URL', async () => {
      const tab = await open(ctx.own, '/');
      const { steps } = ctx;
      for (const step of [steps[2], steps[Math.floor(steps.length / 2)], steps.at(-1)]) {
        await tab.evaluate(scrollToTrigger, [step.id, 40]);
        await tab.waitFor(active, step.id);
        await tab.waitFor(
          (id, k) => {
            const panel = document.querySelector('[data-testid=panel]').getBoundingClientRect();
            const camera = document.querySelector('[data-testid=camera]').dataset.k;
            return location.hash === `#step-${id}` && camera === k && panel.top >= -1 && panel.bottom <= innerHeight + 1;
          },
          step.id,
          step.zoom.toFixed(4),
        );
      }
      looks[name] = await tab.evaluate(look);
      assert.deepEqual(await tab.evaluate(problems), []);
      await tab.close();
    });

    test('a #step- link lands on its step, and a hostile one on the first', async () => {
      const step = ctx.steps[Math.floor(ctx.steps.length / 2)];
      let tab = await open(ctx.own, `/#step-${step.id}`);
      await tab.waitFor(active, step.id);
      await tab.waitFor((id) => {
        const top = document.querySelector(`[data-step="${id}"] h2`).getBoundingClientRect().top;
        return top >= 0 && top < innerHeight;
      }, step.id);
      assert.deepEqual(await tab.evaluate(problems), []);
      await tab.close();
      tab = await open(ctx.own, `/#step-${encodeURIComponent('"><img src=x onerror=window.__pwned=1>')}`);
      await tab.waitFor(active, ctx.steps[0].id);
      assert.deepEqual(await tab.evaluate(() => [window.__pwned ?? null, document.querySelectorAll('img[src=x]').length]), [null, 0]);
      assert.deepEqual(await tab.evaluate(problems), []);
      await tab.close();
    });

    test('the keys move between steps', async () => {
      const tab = await open(ctx.own, '/');
      const { steps } = ctx;
      for (const [key, i] of [['Home', 0], ['j', 1], ['ArrowDown', 2], ['PageDown', 3], ['k', 2], ['End', steps.length - 1], ['ArrowUp', steps.length - 2]]) {
        await tab.press(key);
        await tab.waitFor(active, steps[i].id);
        await tab.waitFor((id) => document.activeElement?.dataset.step === id, steps[i].id);
      }
      assert.deepEqual(await tab.evaluate(problems), []);
      await tab.close();
    });

    test("in a pym.js iframe the host's scrolling drives the steps", async () => {
      const tab = await open(ctx.site, '/pym.html', DESKTOP, { waitForStart: false });
      // pym sized the frame to its content.
      await tab.waitFor(() => {
        const iframe = document.querySelector('iframe');
        const inner = iframe.contentDocument?.documentElement.getBoundingClientRect().height ?? 0;
        const frameStarted = iframe.contentDocument?.documentElement.dataset.testStarted === 'yes';
        return frameStarted && inner > 1000 && Math.abs(iframe.getBoundingClientRect().height - inner) <= 2;
      });
      const id = ctx.steps[3].id;
      await tab.evaluate((id) => {
        const iframe = document.querySelector('iframe');
        const step = iframe.contentDocument.querySelector(`[data-step="${id}"]`).getBoundingClientRect().top;
        scrollTo(0, iframe.getBoundingClientRect().top + scrollY + step - innerHeight * 0.6 + 40);
      }, id);
      await tab.waitFor((id) => {
        const doc = document.querySelector('iframe').contentDocument;
        return doc.querySelector('[data-testid=panel]')?.dataset.stepId === id;
      }, id);
      assert.deepEqual(await tab.evaluate(problems), []);
      await tab.close();
    });

    test("in an AMP frame it asks for its content's height with embed-size", async () => {
      const tab = await open(ctx.site, '/__blank.html', DESKTOP, { waitForStart: false });
      // The host page: the listener first, then the frame.
      await tab.evaluate((src) => {
        window.__sizes = [];
        addEventListener('message', (e) => {
          if (e.data?.sentinel !== 'amp' || e.data.type !== 'embed-size') return;
          window.__sizes.push(e.data.height);
          document.querySelector('iframe').style.height = `${e.data.height}px`;
        });
        const frame = document.createElement('iframe');
        frame.src = src;
        frame.style.cssText = 'width:600px;height:800px';
        document.body.append(frame);
      }, `${ctx.site.origin}/explainer/index.html#amp=1`);
      await tab.waitFor(() => {
        const doc = document.querySelector('iframe').contentDocument;
        const inner = doc?.documentElement.getBoundingClientRect().height ?? 0;
        return doc?.documentElement.classList.contains('embedded') && inner > 1000 && window.__sizes.at(-1) === Math.ceil(inner);
      });
      assert.deepEqual(await tab.evaluate(problems), []);
      await tab.close();
    });

    test('mounted directly, and on its own under the strict CSP, it runs without an error', async () => {
      const id = ctx.steps[4].id;
      let tab = await open(ctx.site, '/direct.html');
      await tab.evaluate(scrollToTrigger, [id, 40]);
      await tab.waitFor(active, id);
      assert.deepEqual(await tab.evaluate(problems), []);
      await tab.close();
      tab = await open(ctx.site, `/explainer/index.html#step-${id}`);
      await tab.waitFor(active, id);
      await tab.waitFor(() => document.querySelector('[data-testid=map]').dataset.settled === 'true');
      assert.deepEqual(await tab.evaluate(problems), []);
      await tab.close();
    });

    test('it drops no selector, declaration or media query of the stylesheets', async () => {
      const { rules, queries } = await shippedCss();
      const tab = await open(ctx.own, '/');
      assert.deepEqual(await tab.evaluate(dropped, rules, queries), []);
      await tab.close();
    });
  });
}

test('the engines compute alike the parts that must look alike', () => {
  const [first, ...others] = ENGINE_NAMES;
  for (const name of others) {
    assert.ok(looks[name] && looks[first], `no styles from ${looks[name] ? first : name}`);
    assert.deepEqual(looks[name].styles, looks[first].styles, `${name} against ${first}`);
    for (const [part, [w, h]] of Object.entries(looks[first].boxes)) {
      const [w2, h2] = looks[name].boxes[part];
      assert.ok(Math.abs(w - w2) <= 1 && Math.abs(h - h2) <= 1, `${part}: ${name} ${w2}×${h2}, ${first} ${w}×${h}`);
    }
  }
});
