// The three engines a reader's browser runs on, behind one small interface, so that one test
// code checks them all: Chromium (Debian's) and Firefox ESR (Debian's, over WebDriver BiDi) driven
// by puppeteer-core, and WebKitGTK's MiniBrowser driven by its WebKitWebDriver (classic W3C
// WebDriver over HTTP, the few commands the tests need) under xvfb-run. Never a downloaded
// browser.
//
//   const browser = await launchEngine('webkit');
//   const tab = await browser.open(url, { width: 1280, height: 800 });
//   await tab.waitFor((id) => document.querySelector(`#${id}`), 'x');
//   await tab.press('End');
//   await tab.close(); await browser.close();
//
// What a tab cannot see in every engine (console errors of WebKit, requests) comes from the test
// server instead: the probe it puts into every page it serves, and its request log (harness.js).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';

/** The engines the tests run in: all three, or those ENGINES names (`ENGINES=webkit,firefox`). */
export const ENGINE_NAMES = process.env.ENGINES?.split(',') ?? ['chromium', 'firefox', 'webkit'];

/** How long a condition may take to hold before a wait fails (WebKit under Xvfb is slow). */
const WAIT_MS = 20_000;
/** How long a browser may take to start, or a WebDriver command to answer (a first start is slow). */
const START_MS = 120_000;
const POLL_MS = 50;

/** W3C WebDriver's codes of the keys the tests press (puppeteer takes the names themselves). */
const WEBDRIVER_KEYS = {
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  End: '\uE010',
  Home: '\uE011',
  Tab: '\uE004',
};

/**
 * A browser of engine `name` ('chromium', 'firefox' or 'webkit'): { name, version, open(url,
 * viewport) → Tab, close() }. A Tab: evaluate(fn, ...args), waitFor(fn, ...args) (polls until
 * `fn` returns a truthy value, and resolves to it), press(key), close().
 */
export async function launchEngine(name) {
  if (name === 'webkit') return launchWebKit();
  // A first start of Firefox on a machine takes 15 s idle, and more beside other tests.
  const timeout = START_MS;
  const browser = await puppeteer.launch(
    name === 'firefox'
      ? { browser: 'firefox', executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr', headless: true, timeout }
      : {
          browser: 'chrome',
          executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
          headless: true,
          timeout,
          args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
        },
  );
  return {
    name,
    version: await browser.version(),
    async open(url, viewport) {
      const page = await browser.newPage();
      await page.setViewport(viewport);
      await page.goto(url);
      return tabOf({
        evaluate: (fn, args) => page.evaluate(fn, ...args),
        press: (key) => page.keyboard.press(key),
        close: () => page.close(),
      });
    },
    close: () => browser.close(),
  };
}

/** WebKitGTK: WebKitWebDriver on a free port, on a virtual display of its own. */
async function launchWebKit() {
  const port = await freePort();
  const driver = spawn(
    'xvfb-run',
    ['--auto-servernum', '--server-args=-screen 0 1920x1200x24', 'WebKitWebDriver', `--port=${port}`],
    { detached: true, stdio: 'ignore' },
  );
  // The whole process group: Xvfb, the driver, MiniBrowser and WebKit's own processes, also
  // when the tests end without closing it (a browser left behind would eat a core).
  const stop = () => {
    try {
      process.kill(-driver.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(1));
  try {
    await until(async () => (await fetch(`http://127.0.0.1:${port}/status`)).ok, 'WebKitWebDriver', START_MS);
    const client = await webDriverSession(`http://127.0.0.1:${port}`, {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation'],
      },
    });
    const evaluate = (fn, args) =>
      client.command('POST', '/execute/sync', { script: `return (${fn}).apply(null, arguments)`, args });
    return {
      name: 'webkit',
      version: `WebKitGTK ${client.capabilities.browserVersion}`,
      async open(url, viewport) {
        // One window, so one tab at a time: a tab left open (by a failed test) is replaced.
        await client.command('POST', '/url', { url: 'about:blank' });
        await sizeViewport(client, evaluate, viewport);
        await client.command('POST', '/url', { url });
        return tabOf({
          evaluate,
          press: async (key) => {
            const value = WEBDRIVER_KEYS[key] ?? key;
            const actions = [{ type: 'keyDown', value }, { type: 'keyUp', value }];
            await client.command('POST', '/actions', { actions: [{ type: 'key', id: 'keys', actions }] });
          },
          close: async () => {
            await client.command('POST', '/url', { url: 'about:blank' });
          },
        });
      },
      async close() {
        await client.command('DELETE', '').catch(() => {});
        stop();
      },
    };
  } catch (err) {
    stop();
    throw err;
  }
}

/**
 * Sizes the window so that its viewport (the window less MiniBrowser's own bars) is `viewport`.
 * (MiniBrowser's window is at least 447 px wide: its toolbar's.)
 */
async function sizeViewport(client, evaluate, { width, height }) {
  // The window takes its size a moment after the command: wait for the page to see it.
  const resize = async (w, h) => {
    await client.command('POST', '/window/rect', { x: 0, y: 0, width: w, height: h });
    return until(async () => {
      const [ow, oh, iw, ih] = await evaluate(() => [outerWidth, outerHeight, innerWidth, innerHeight], []);
      return ow === w && oh === h && [iw, ih];
    }, `a ${w}×${h} window`);
  };
  const [iw, ih] = await resize(width, height);
  if (iw === width && ih === height) return;
  const [iw2, ih2] = await resize(2 * width - iw, 2 * height - ih);
  if (iw2 !== width || ih2 !== height) {
    throw new Error(`webkit: cannot make a ${width}×${height} viewport (got ${iw2}×${ih2})`);
  }
}

/**
 * A W3C WebDriver session at `driver` (a URL): { capabilities, command(method, path, body) },
 * `path` relative to the session's own URL.
 */
async function webDriverSession(driver, alwaysMatch) {
  const call = async (method, url, body) => {
    const res = await fetch(url, {
      method,
      // A command that hangs fails the test rather than stall the suite.
      signal: AbortSignal.timeout(START_MS),
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const { value } = await res.json();
    if (!res.ok) throw new Error(`WebDriver ${method} ${url}: ${value?.error}: ${value?.message}`);
    return value;
  };
  const { sessionId, capabilities } = await call('POST', `${driver}/session`, { capabilities: { alwaysMatch } });
  const session = `${driver}/session/${sessionId}`;
  return { capabilities, command: (method, path, body) => call(method, `${session}${path}`, body) };
}

/** A tab, from its engine's evaluate(fn, args), press(key) and close(). */
function tabOf({ evaluate, press, close }) {
  return {
    evaluate: (fn, ...args) => evaluate(fn, args),
    waitFor: (fn, ...args) => until(() => evaluate(fn, args), `${fn}`.slice(0, 200)),
    press,
    close,
  };
}

/** Resolves to `check()`'s first truthy result, polling; fails after `ms`. */
async function until(check, what = `${check}`, ms = WAIT_MS) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
