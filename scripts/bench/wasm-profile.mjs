// Where the wasm's bytes go: builds a copy of the page's wasm the way trunk builds it, but with
// its function names kept, and sizes it with twiggy (installed by `scripts/ensure-tools.sh
// bench`). The shipped wasm has no names (wasm-opt drops them without -g), so twiggy could only
// say "code[123]" about it.
//
// The build reads the page's `<link data-trunk rel="rust" …>` in index.html, so that it follows
// whatever bin, features and wasm-opt settings the page is built with, and goes to its own target
// folder (target/bench-wasm), so that it never invalidates the build that trunk and the tests use.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The wasm's items grouped by crate, and the largest items: how many rows of each to keep. */
const TOP = 10;

/** The attributes of the page's `<link data-trunk rel="rust" …>`, as trunk reads them. */
export function trunkRustLink(indexHtml) {
  for (const [tag] of indexHtml.matchAll(/<link\b[^>]*>/g)) {
    const attrs = Object.fromEntries(
      [...tag.matchAll(/([\w-]+)(?:\s*=\s*"([^"]*)")?/g)].slice(1).map(([, name, value]) => [name, value ?? '']),
    );
    if ('data-trunk' in attrs && attrs.rel === 'rust') return attrs;
  }
  throw new Error('index.html has no <link data-trunk rel="rust">');
}

/** Runs a tool with its progress on our stderr; throws (with the tool's name) if it fails. */
function run(cmd, args, cwd) {
  console.error(`bench: ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** cargo build, wasm-bindgen, wasm-opt -g: trunk's three steps (trunk 0.21), names kept. */
function buildNamedWasm(root, link) {
  const out = join(root, 'target', 'bench-wasm');
  // Without data-bin, trunk builds the package's own binary (the first `name =` is the package's).
  const bin = link['data-bin'] ?? readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^name\s*=\s*"([^"]+)"/m)[1];
  const features = [];
  if ('data-cargo-all-features' in link) features.push('--all-features');
  if ('data-cargo-no-default-features' in link) features.push('--no-default-features');
  if (link['data-cargo-features']) features.push('--features', link['data-cargo-features']);
  const target = ['--target', 'wasm32-unknown-unknown', '--target-dir', out];
  run('cargo', ['build', '--release', '--locked', ...target, '--bin', bin, ...features], root);

  // wasm-bindgen keeps the name section unless told to remove it (trunk does not tell it to).
  const bindgenOut = join(out, 'wasm-bindgen');
  const built = join(out, 'wasm32-unknown-unknown', 'release', `${bin}.wasm`);
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', bindgenOut, '--out-name', bin, built], root);

  // -g keeps the names through the optimiser; the level and the params are the page's.
  const named = join(out, `${bin}_bg.named.wasm`);
  const level = `-O${link['data-wasm-opt'] ?? 'z'}`;
  const params = (link['data-wasm-opt-params'] ?? '').split(/\s+/).filter(Boolean);
  run('wasm-opt', [level, '-g', ...params, join(bindgenOut, `${bin}_bg.wasm`), '-o', named], root);
  return named;
}

/**
 * The crate an item's code comes from, read off its demangled name; a heuristic, close enough to
 * say where the bytes go:
 * - `leptos_reactive::graph::…` → `leptos_reactive`: the name's leading path segment (without
 *   the `[hash]` that the v0 mangling adds to some crates' names: `core[c5930c85a12de822]::…`);
 * - `<T as core::fmt::Debug>::fmt`, `<&str as …>`, `core::ptr::drop_in_place<leptos::…>`: the
 *   first `segment::` anywhere in the name (the impl's type when it has a path, else its trait),
 *   so a generic function counts for the crate that defines it, not for the one that made it;
 * - `<char>::escape_debug_ext` and the like: methods of primitive types → `core`;
 * - what the wasm-bindgen CLI generates (its shims `__wbindgen_…`, `__wbg_…`, `… externref shim`,
 *   `__externref_…`) and the wasm's imports (the JS functions it calls) → `wasm_bindgen`;
 * - `data[3]`, `data segment ".rodata.2"` → "data segments" (constants, string literals, the
 *   story's text among them);
 * - the name section's subsections (absent from the shipped wasm) → null, left out;
 * - anything else (exports, the table, types, unnamed code `code[12]`, C names from compiler
 *   builtins such as `hypot`) → "other".
 */
export function crateOf(name) {
  if (/^data\[\d+\]$|^data segment /.test(name)) return 'data segments';
  if (/ names" subsection$/.test(name)) return null;
  if (/^import |^__wb(g|indgen)_|^__externref_| externref shim$/.test(name)) return 'wasm_bindgen';
  if (/^export /.test(name)) return 'other';
  if (/^<(char|str|bool|[iuf](8|16|32|64|128|size)|\[T\])>::/.test(name)) return 'core';
  return name.match(/([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/)?.[1] ?? 'other';
}

/** A demangled name as one would write it: no hash suffix, no `[hash]` after crate names. */
const readable = (name) => name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]::/g, '::');

/** twiggy's items (name, shallow and retained bytes) in the wasm at `path`. */
function twiggyItems(path) {
  const json = execFileSync('twiggy', ['top', '--retained', '-f', 'json', path], { encoding: 'utf8', maxBuffer: 256 << 20 });
  return JSON.parse(json).map((i) => ({ name: i.name, shallow: i.shallow_size, retained: i.retained_size }));
}

/**
 * The byte tables: the largest crates (their items' shallow bytes summed: shallow sizes add up,
 * retained sizes overlap and would not) and the largest items (shallow, with what each keeps
 * alive), in bytes and in % of the wasm without its name section (which is what ships).
 */
export function byteTables(items) {
  const counted = items.filter((i) => crateOf(i.name) != null);
  const total = counted.reduce((n, i) => n + i.shallow, 0);
  const pct = (bytes) => Math.round((1000 * bytes) / total) / 10;
  const byCrate = new Map();
  for (const i of counted) {
    const c = crateOf(i.name);
    const row = byCrate.get(c) ?? { crate: c, bytes: 0, items: 0 };
    row.bytes += i.shallow;
    row.items += 1;
    byCrate.set(c, row);
  }
  const crates = [...byCrate.values()].sort((a, b) => b.bytes - a.bytes).slice(0, TOP).map((r) => ({ ...r, pct: pct(r.bytes) }));
  const top = [...counted]
    .sort((a, b) => b.shallow - a.shallow)
    .slice(0, TOP)
    .map((i) => ({ item: readable(i.name), crate: crateOf(i.name), bytes: i.shallow, pct: pct(i.shallow), retained: i.retained }));
  return { totalBytes: total, crates, items: top };
}

/**
 * Builds the named wasm and profiles it: `{ wasm, namedBytes, totalBytes, crates, items }`, or
 * `{ error }` when a step fails (the benchmark goes on without the tables).
 */
export function profileWasm(root) {
  try {
    const link = trunkRustLink(readFileSync(join(root, 'index.html'), 'utf8'));
    const wasm = buildNamedWasm(root, link);
    return { wasm: relative(root, wasm), namedBytes: statSync(wasm).size, ...byteTables(twiggyItems(wasm)) };
  } catch (err) {
    // A missing tool says only "spawnSync twiggy ENOENT"; a failed one, its command line first.
    if (err.code === 'ENOENT') return { error: `${err.path} is not on PATH (\`make bench\` puts the tools there)` };
    return { error: err.message.split('\n')[0] };
  }
}
