// Trunk post_build hook: moves trunk's inline start-up script into `boot.js` beside the build,
// and in release builds minifies wasm-bindgen's JavaScript glue (trunk 0.21 ships it as it is).
//
// - A strict Content-Security-Policy (no 'unsafe-inline') can then allow the page's scripts by
//   origin alone (docs/embedding.md, "Content-Security-Policy").
// - A host page can mount the explainer directly with one <script type="module" src=…boot.js>:
//   boot.js resolves every file relative to itself and, when the host has a
//   <div id="benghazi-explainer">, loads the explainer's stylesheet and puts the pre-rendered
//   explainer (from index.html beside it) in that element: the wasm only plays it.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from 'esbuild';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('boot.mjs: run me as a trunk hook (TRUNK_STAGING_DIR is not set)');
const htmlPath = join(staging, 'index.html');
const html = await readFile(htmlPath, 'utf8');

const fail = (what) => {
  throw new Error(`boot.mjs: ${htmlPath}: ${what}; has trunk's start-up script changed?`);
};
const script = html.match(/<script type=("module"|module)>([\s\S]*?)<\/script>/);
if (!script || !script[2].includes('import init')) fail('no inline start-up script');
const js = script[2].match(/from '([^']*?)([^'/]+\.js)'/) ?? fail('no module import');
const wasm = script[2].match(/module_or_path: '[^']*?([^'/]+\.wasm)'/) ?? fail('no wasm path');
const css = html.match(/href="?[^" >]*?(main-[^" >/]+\.css)/) ?? fail('no main-*.css');
// The story's palette, which the pre-render wrote beside the page (src/bin/prerender.rs).
const palette = html.match(/href="?[^" >]*?(palette-[^" >/]+\.css)/) ?? fail('no palette-*.css');
const [prefix, jsFile, wasmFile] = [js[1], js[2], wasm[1]];
const cssFiles = [css[1], palette[1]];

const boot = `// Starts the explainer. Written at build time by scripts/hooks/boot.mjs.
const at = (file) => new URL(file, import.meta.url).href;
// The wasm is fetched first and once: this fetch is its only request (a preload link would be
// fetched twice by WebKit), and it starts as soon as this script arrives, before the glue is
// imported and, on the explainer's own page (an async script), while the page still parses.
const wasmResponse = fetch(at('./${wasmFile}'));
const glue = import('./${jsFile}');
if (document.readyState === 'loading') {
  await new Promise((resolve) => addEventListener('DOMContentLoaded', resolve, { once: true }));
}
const mount = document.getElementById('benghazi-explainer');
// Mounted directly in a host page: bring the stylesheets (the explainer's and the story's
// palette) and the pre-rendered explainer (the wasm carries only the parts that move), and wait
// for all (no unstyled flash).
if (mount && !mount.querySelector('.explainer')) {
  const styled = document.querySelector('link[data-benghazi-explainer]')
    ? Promise.resolve()
    : Promise.all(${JSON.stringify(cssFiles)}.map((file) => new Promise((resolve) => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = at('./' + file);
        link.dataset.benghaziExplainer = '';
        link.onload = link.onerror = resolve;
        document.head.append(link);
      })));
  const page = await fetch(at('./index.html')).then((r) => r.text());
  const explainer = new DOMParser().parseFromString(page, 'text/html').querySelector('.explainer');
  await styled;
  if (explainer) mount.replaceChildren(document.adoptNode(explainer));
}
const { default: init } = await glue;
const wasm = await init({ module_or_path: wasmResponse });
// As trunk's own loader does: the app has started (playing the pre-rendered page).
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
`;
await writeFile(join(staging, 'boot.js'), boot);
// Trunk's preload of the wasm goes (boot.js fetches it); its module preload of the glue stays.
const wasmPreload = new RegExp(`<link[^>]*rel="?preload"?[^>]*>`, 'g');
const preloads = html.match(wasmPreload) ?? [];
if (preloads.length !== 1 || !preloads[0].includes(wasmFile)) fail(`not one preload, of ${wasmFile}`);
let page = html
  .replace(preloads[0], '')
  .replace(script[0], `<script type="module" async src="${prefix}boot.js"></script>`);

// The glue, minified (a third of its size once compressed). Its module preload carries an
// integrity hash, which must then be that of the minified file.
if (process.env.TRUNK_PROFILE === 'release') {
  const gluePath = join(staging, jsFile);
  const glue = await readFile(gluePath, 'utf8');
  const { code } = await transform(glue, { minify: true, format: 'esm', legalComments: 'none' });
  await writeFile(gluePath, code);
  const digest = `sha384-${createHash('sha384').update(code).digest('base64')}`;
  const escaped = jsFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const preload = new RegExp(`(<link[^>]*${escaped}[^>]*integrity=)"?sha384-[^" >]+"?`);
  if (!preload.test(page)) fail(`no integrity hash on the preload of ${jsFile}`);
  page = page.replace(preload, `$1"${digest}"`);
}
await writeFile(htmlPath, page);
