#!/usr/bin/env node
// Extracts the map geometry of a story from pinned npm data packages and writes small,
// deterministic TOML files into the story's geo/ folder. See docs/geodata.md.
//
//   scripts/ensure-tools.sh geodata     # the pinned packages, linked into scripts/geodata/node_modules
//   node scripts/geodata/build.mjs [STORY...]            # (re)write STORY/geo/land.toml, locator.toml
//   node scripts/geodata/build.mjs --check [STORY...]    # exit 1 if a committed file differs
//   node scripts/geodata/build.mjs --preview DIR [STORY...]   # also write SVG previews into DIR
//
// A story is a folder with places.toml and geo/geodata.toml; without STORY, every folder under
// stories/ and tests/stories/ that has a geo/geodata.toml. Per story:
//   geo/land.toml     OSM land polygons (@geo-maps/earth-lands-10m) in the places.toml window of
//                     role "map", clipped, simplified, holes kept.
//   geo/locator.toml  Natural Earth 1:10m outlines (world-atlas countries-10m) of the country of
//                     the window of role "locator" and the neighbours geodata.toml lists.
//
// Everything here is deterministic: no timestamps, fixed number formatting, stable order.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { clipPolyline } from 'lineclip';
import simplify from 'simplify-js';
import { feature } from 'topojson-client';
import { parse as parseToml } from 'smol-toml';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const require = createRequire(import.meta.url);

// Where stories are looked for when none is named.
const STORY_ROOTS = ['stories', path.join('tests', 'stories')];
const CONFIG_FILE = path.join('geo', 'geodata.toml');
const PLACES_FILE = 'places.toml';
const OUTPUTS = { land: path.join('geo', 'land.toml'), locator: path.join('geo', 'locator.toml') };

// Exact versions this script was written against (also pinned in package.json).
const PINS = {
  '@geo-maps/earth-lands-10m': '0.6.0',
  'world-atlas': '2.0.2',
  'topojson-client': '3.1.0',
  lineclip: '2.0.0',
  'simplify-js': '1.2.4',
  'smol-toml': '1.9.1',
};

// ---------------------------------------------------------------- story configuration

const rel = (p) => path.relative(repoRoot, p) || '.';

// A mistake in a story's files or configuration, or a failed sanity check.
class StoryError extends Error {}

// The fields each table of geo/geodata.toml takes: type, and whether it may be left out.
const POINT = { name: ['string'], lon: ['lon'], lat: ['lat'] };
const SCHEMA = {
  land: {
    name: ['string'],
    margin_deg: ['number'],
    margin_lon_deg: ['number', 'optional'],
    snap_deg: ['number', 'optional'],
    tolerance_deg: ['number'],
    min_area_deg2: ['number'],
    decimals: ['integer'],
    on_land: ['points'],
    at_sea: ['points'],
  },
  locator: {
    countries: ['strings'],
    margin_deg: ['number'],
    snap_deg: ['number', 'optional'],
    tolerance_deg: ['number'],
    min_area_deg2: ['number'],
    decimals: ['integer'],
    in_country: ['points'],
  },
};

function checkFields(table, fields, where, file) {
  const fail = (msg) => {
    throw new StoryError(`${rel(file)}: ${where}: ${msg}`);
  };
  if (typeof table !== 'object' || table === null || Array.isArray(table)) fail('must be a table');
  for (const key of Object.keys(table)) if (!(key in fields)) fail(`unknown key "${key}"`);
  for (const [key, [type, optional]] of Object.entries(fields)) {
    const v = table[key];
    if (v === undefined) {
      if (!optional) fail(`missing "${key}"`);
      continue;
    }
    const ok = {
      string: () => typeof v === 'string' && v !== '',
      number: () => typeof v === 'number' && Number.isFinite(v) && v >= 0,
      lon: () => typeof v === 'number' && v >= -180 && v <= 180,
      lat: () => typeof v === 'number' && v >= -90 && v <= 90,
      integer: () => Number.isInteger(v) && v >= 0 && v <= 8,
      strings: () => Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && s !== ''),
      points: () => Array.isArray(v) && v.length > 0,
      table: () => typeof v === 'object' && v !== null && !Array.isArray(v),
    }[type];
    if (!ok()) {
      const want = {
        string: 'a non-empty string',
        number: 'a number, 0 or more',
        lon: 'a longitude in degrees, -180 to 180',
        lat: 'a latitude in degrees, -90 to 90',
        integer: 'a whole number from 0 to 8',
        strings: 'a non-empty list of names',
        points: `at least one [[${where}.${key}]] entry (name, lon, lat)`,
        table: `a [${key}] table`,
      }[type];
      fail(`"${key}" must be ${want}`);
    }
    if (type === 'points') v.forEach((p, i) => checkFields(p, POINT, `${where}.${key} #${i + 1}`, file));
  }
}

// A window of places.toml widened by `margin_deg` on every side and by `margin_lon_deg` more
// east and west, then, with `snap_deg`, rounded outward to multiples of it. Rounded to 6 decimals
// so that float noise does not reach the output.
function clipWindow(win, { margin_deg: m, margin_lon_deg: mLon = 0, snap_deg: snap }) {
  const out = (v, dir, margin) => {
    const widened = v + dir * margin;
    const snapped = snap ? (dir < 0 ? Math.floor(widened / snap) : Math.ceil(widened / snap)) * snap : widened;
    return Number(snapped.toFixed(6));
  };
  return [out(win.west, -1, m + mLon), out(win.south, -1, m), out(win.east, 1, m + mLon), out(win.north, 1, m)];
}

// Reads STORY/geo/geodata.toml and the windows of STORY/places.toml.
function readStory(dir) {
  const configPath = path.join(dir, CONFIG_FILE);
  const placesPath = path.join(dir, PLACES_FILE);
  const readToml = (file) => {
    if (!fs.existsSync(file)) throw new StoryError(`${rel(file)}: missing`);
    try {
      return parseToml(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new StoryError(`${rel(file)}: not valid TOML: ${e.message.split('\n')[0]}`);
    }
  };
  const config = readToml(configPath);
  checkFields(config, { land: ['table'], locator: ['table'] }, 'file', configPath);
  for (const part of ['land', 'locator']) checkFields(config[part], SCHEMA[part], `[${part}]`, configPath);

  const windows = readToml(placesPath).window ?? [];
  const byRole = (role) => {
    const found = windows.filter((w) => w.role === role);
    if (found.length !== 1) {
      throw new StoryError(`${rel(placesPath)}: needs exactly one [[window]] with role = "${role}", found ${found.length}`);
    }
    const w = found[0];
    for (const k of ['west', 'east', 'south', 'north']) {
      if (typeof w[k] !== 'number') throw new StoryError(`${rel(placesPath)}: window "${w.id}": "${k}" must be a number`);
    }
    if (!(w.west < w.east && w.south < w.north)) {
      throw new StoryError(`${rel(placesPath)}: window "${w.id}": west must be below east and south below north`);
    }
    return w;
  };
  const mapWindow = byRole('map');
  const locatorWindow = byRole('locator');

  const story = {
    dir,
    name: path.basename(dir),
    land: {
      ...config.land,
      window: clipWindow(mapWindow, config.land),
      mapWindow: [mapWindow.west, mapWindow.south, mapWindow.east, mapWindow.north],
    },
    locator: { ...config.locator, window: clipWindow(locatorWindow, config.locator), country: locatorWindow.title },
  };
  for (const part of ['land', 'locator']) {
    const { window: b } = story[part];
    // The files write the window with 2 decimals; a finer one would be misread.
    if (b.some((v) => Number(v.toFixed(2)) !== v)) {
      throw new StoryError(`${rel(configPath)}: [${part}]: the clip window ${b.join(', ')} has more than 2 decimals`);
    }
    for (const key of ['on_land', 'at_sea', 'in_country']) {
      for (const p of story[part][key] ?? []) {
        if (!inBox([p.lon, p.lat], b)) {
          throw new StoryError(`${rel(configPath)}: [${part}]: point "${p.name}" lies outside the clip window ${b.join(', ')}`);
        }
      }
    }
  }
  if (!story.locator.countries.includes(story.locator.country)) {
    throw new StoryError(
      `${rel(configPath)}: [locator]: countries must include "${story.locator.country}", the title of the locator window in ${rel(placesPath)}`,
    );
  }
  return story;
}

// Folders under STORY_ROOTS with a geo/geodata.toml, in name order.
function findStories() {
  const found = [];
  for (const root of STORY_ROOTS) {
    const abs = path.join(repoRoot, root);
    if (!fs.existsSync(abs)) continue;
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      if (entry.isDirectory() && fs.existsSync(path.join(abs, entry.name, CONFIG_FILE))) {
        found.push(path.join(abs, entry.name));
      }
    }
  }
  return found.sort();
}

// ---------------------------------------------------------------- geometry helpers

// Twice the signed area (shoelace); positive = counter-clockwise. Works on open or closed rings.
function signedArea2(ring) {
  let s = 0;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return s;
}
const area = (ring) => Math.abs(signedArea2(ring)) / 2;

function pointInRing([x, y], ring) {
  let inside = false;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

// Even-odd test against a polygon given as [outer, ...holes].
function pointInPolygon(p, rings) {
  if (!pointInRing(p, rings[0])) return false;
  return !rings.slice(1).some((h) => pointInRing(p, h));
}

function ringBBox(ring) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) {
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  }
  return b;
}

const bboxesOverlap = (a, b) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
const inBox = ([x, y], b) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
const samePoint = (a, b) => a[0] === b[0] && a[1] === b[1];

function openRing(ring) {
  return ring.length > 1 && samePoint(ring[0], ring[ring.length - 1]) ? ring.slice(0, -1) : ring.slice();
}
function closeRing(ring) {
  return ring.length && !samePoint(ring[0], ring[ring.length - 1]) ? [...ring, ring[0]] : ring;
}
// Open ring, counter-clockwise.
function ccw(ring) {
  const r = openRing(ring);
  return signedArea2(r) < 0 ? r.reverse() : r;
}

// Position of a boundary point along the window's perimeter, counter-clockwise from the
// south-west corner (south edge, east edge, north edge, west edge).
function perimeterPos([x, y], b) {
  const w = b[2] - b[0];
  const h = b[3] - b[1];
  const d = [Math.abs(y - b[1]), Math.abs(x - b[2]), Math.abs(y - b[3]), Math.abs(x - b[0])];
  const edge = d.indexOf(Math.min(...d));
  if (edge === 0) return x - b[0];
  if (edge === 1) return w + (y - b[1]);
  if (edge === 2) return w + h + (b[2] - x);
  return 2 * w + h + (b[3] - y);
}

// Clips one ring to the rectangle b. Returns a list of closed counter-clockwise rings:
// the pieces of the ring's interior inside b. Unlike plain Sutherland-Hodgman, a ring that
// leaves and re-enters the window several times becomes several clean rings (no zero-width
// bridges along the window edge).
function clipRing(ring, b) {
  let r = ccw(ring);
  if (r.length < 3) return [];
  if (!bboxesOverlap(ringBBox(r), b)) return [];
  const outside = r.findIndex((p) => !inBox(p, b));
  if (outside < 0) return [closeRing(r)];
  r = [...r.slice(outside), ...r.slice(0, outside), r[outside]]; // starts and ends outside
  const parts = clipPolyline(r, b).filter((p) => p.length >= 2);
  const corners = [
    [b[0], b[1]],
    [b[2], b[1]],
    [b[2], b[3]],
    [b[0], b[3]],
  ];
  if (parts.length === 0) {
    // No edge enters the window: it is either wholly inside the ring or wholly outside.
    const centre = [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
    return pointInRing(centre, r) ? [closeRing(corners)] : [];
  }
  const w = b[2] - b[0];
  const h = b[3] - b[1];
  const P = 2 * (w + h);
  const cornerPos = [0, w, w + h, 2 * w + h];
  const fwd = (from, to) => (((to - from) % P) + P) % P;
  const info = parts.map((p) => ({
    pts: p,
    start: perimeterPos(p[0], b),
    end: perimeterPos(p[p.length - 1], b),
    used: false,
  }));
  const out = [];
  for (const first of info) {
    if (first.used) continue;
    const res = [];
    let cur = first;
    for (;;) {
      cur.used = true;
      res.push(...cur.pts);
      // Walk counter-clockwise along the window edge to the next entry point.
      let next = null;
      let best = Infinity;
      for (const cand of info) {
        if (cand.used && cand !== first) continue;
        const d = fwd(cur.end, cand.start);
        if (d < best) {
          best = d;
          next = cand;
        }
      }
      const between = cornerPos
        .map((c, i) => ({ d: fwd(cur.end, c), i }))
        .filter((c) => c.d > 0 && c.d < best)
        .sort((a, c) => a.d - c.d);
      for (const c of between) res.push(corners[c.i]);
      if (next === first) break;
      cur = next;
    }
    const cleaned = res.filter((p, i) => i === 0 || !samePoint(p, res[i - 1]));
    if (cleaned.length >= 3) out.push(closeRing(cleaned));
  }
  return out;
}

// Clips a polygon [outer, ...holes] to b. Returns a list of polygons [outer, ...holes]
// (outer rings counter-clockwise, holes clockwise).
function clipPolygon(rings, b) {
  const outers = clipRing(rings[0], b).map((o) => [o]);
  if (!outers.length) return [];
  for (const hole of rings.slice(1)) {
    for (const piece of clipRing(hole, b)) {
      // Assign the hole to the outer piece containing one of its own (non-edge) vertices.
      const probe = piece.find((p) => p[0] > b[0] && p[0] < b[2] && p[1] > b[1] && p[1] < b[3]);
      if (!probe) continue;
      const owner = outers.find((poly) => pointInRing(probe, poly[0]));
      if (owner) owner.push(piece.slice().reverse());
    }
  }
  return outers;
}

// Douglas-Peucker (simplify-js, high-quality mode), then rounding, de-duplication,
// orientation fix and the minimum-area filter. Returns null if the ring vanishes.
function finishRing(ring, { tolerance, decimals, minArea }, wantCCW) {
  const simplified = simplify(
    ring.map(([x, y]) => ({ x, y })),
    tolerance,
    true,
  ).map(({ x, y }) => [x, y]);
  const f = 10 ** decimals;
  const rounded = [];
  for (const [x, y] of simplified) {
    const p = [Number(x.toFixed(decimals)), Number(y.toFixed(decimals))];
    if (!Number.isFinite(p[0] * f) || !Number.isFinite(p[1] * f)) throw new Error('bad coordinate');
    if (!rounded.length || !samePoint(p, rounded[rounded.length - 1])) rounded.push(p);
  }
  let r = openRing(rounded);
  if (r.length < 3 || area(r) < minArea) return null;
  if (signedArea2(r) > 0 !== wantCCW) r = r.reverse();
  return closeRing(r);
}

function finishPolygons(polys, opts) {
  const out = [];
  for (const poly of polys) {
    const outer = finishRing(poly[0], opts, true);
    if (!outer) continue;
    const holes = poly
      .slice(1)
      .map((h) => finishRing(h, opts, false))
      .filter(Boolean);
    out.push([outer, ...holes]);
  }
  // Stable order: largest outer ring first; ties broken by coordinates.
  return out.sort((a, b) => area(b[0]) - area(a[0]) || cmpRing(a[0], b[0]));
}

function cmpRing(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = a[i][0] - b[i][0] || a[i][1] - b[i][1];
    if (d) return d;
  }
  return a.length - b.length;
}

// ---------------------------------------------------------------- TOML writer

const PAIRS_PER_LINE = 8;

function tomlString(s) {
  return JSON.stringify(s); // TOML basic strings share JSON's escapes for our ASCII/UTF-8 text
}

function formatRing(ring, decimals) {
  const pairs = ring.map(([x, y]) => `[${x.toFixed(decimals)}, ${y.toFixed(decimals)}]`);
  const lines = [];
  for (let i = 0; i < pairs.length; i += PAIRS_PER_LINE) {
    lines.push(pairs.slice(i, i + PAIRS_PER_LINE).join(', '));
  }
  return '  [' + lines.join(',\n   ') + '],';
}

function toToml({ description, sourceLine, meta, polygons, decimals }) {
  const w = meta.window.map((v) => v.toFixed(2)).join(', ');
  const out = [
    `# ${description} Generated by scripts/geodata/build.mjs; do not edit by hand.`,
    `# Source: ${sourceLine}`,
    '',
    '[meta]',
    `source = ${tomlString(meta.source)}`,
    `licence = ${tomlString(meta.licence)}`,
    `credit = ${tomlString(meta.credit)}`,
    `window = [${w}]   # west, south, east, north`,
    `tolerance_deg = ${meta.tolerance}`,
  ];
  for (const { name, rings } of polygons) {
    out.push('', '[[polygon]]', `name = ${tomlString(name)}`, 'rings = [');
    rings.forEach((ring, i) => {
      out.push(i === 0 ? '  # outer ring' : '  # hole');
      out.push(formatRing(ring, decimals));
    });
    out.push(']');
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- inputs

// Read from the folder, not resolved: some packages do not export their package.json.
function packageVersion(name) {
  const file = path.join(here, 'node_modules', name, 'package.json');
  const pkg = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { version: 'missing' };
  if (pkg.version !== PINS[name]) {
    throw new StoryError(`${name} is ${pkg.version}, expected ${PINS[name]}; run: scripts/ensure-tools.sh geodata`);
  }
  return pkg.version;
}

function readJson(spec) {
  return JSON.parse(fs.readFileSync(require.resolve(spec), 'utf8'));
}

function asPolygons(geometry) {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(asPolygons);
  return [];
}

// ---------------------------------------------------------------- the two files

// The land file's source, read once for every story.
let landCache = null;
function landPolygons() {
  if (!landCache) {
    const pkg = '@geo-maps/earth-lands-10m';
    landCache = { pkg, version: packageVersion(pkg), polys: asPolygons(readJson(`${pkg}/map.geo.json`)) };
  }
  return landCache;
}

let countriesCache = null;
function countryFeatures() {
  if (!countriesCache) {
    const pkg = 'world-atlas';
    const version = packageVersion(pkg);
    packageVersion('topojson-client');
    const topo = readJson(`${pkg}/countries-10m.json`);
    countriesCache = { pkg, version, features: feature(topo, topo.objects.countries).features };
  }
  return countriesCache;
}

function sanity(story, file, what, ok) {
  if (!ok) throw new StoryError(`sanity: ${rel(path.join(story.dir, CONFIG_FILE))}: ${what}, in ${file}`);
}

function buildLand(story) {
  const cfg = story.land;
  const { pkg, version, polys: source } = landPolygons();
  const clipped = [];
  for (const poly of source) clipped.push(...clipPolygon(poly, cfg.window));
  const polys = finishPolygons(clipped, { tolerance: cfg.tolerance_deg, minArea: cfg.min_area_deg2, decimals: cfg.decimals });

  const onLand = (p) => polys.some((rings) => pointInPolygon(p, rings));
  for (const p of cfg.on_land) sanity(story, OUTPUTS.land, `"${p.name}" is not on land`, onLand([p.lon, p.lat]));
  for (const p of cfg.at_sea) sanity(story, OUTPUTS.land, `"${p.name}" is not at sea`, !onLand([p.lon, p.lat]));

  const [w, s, e, n] = cfg.window;
  const widened = cfg.window.some((v, i) => v !== cfg.mapWindow[i]);
  const text = toToml({
    description: `Land polygons of the ${cfg.name} map window${widened ? ' and around it' : ''} (${widened ? 'clipped to ' : ''}lon ${w.toFixed(2)} to ${e.toFixed(2)}, lat ${s.toFixed(2)} to ${n.toFixed(2)}).`,
    sourceLine: `${pkg}@${version}, map.geo.json, OpenStreetMap land polygons. Licence: ODbL 1.0. Credit: "© OpenStreetMap contributors".`,
    meta: {
      source: `${pkg} ${version} (map.geo.json), OpenStreetMap land polygons`,
      licence: 'ODbL 1.0',
      credit: '© OpenStreetMap contributors',
      window: cfg.window,
      tolerance: cfg.tolerance_deg,
    },
    polygons: polys.map((rings) => ({ name: '', rings })),
    decimals: cfg.decimals,
  });
  return { file: OUTPUTS.land, text, polys: polys.map((rings) => ({ name: '', rings })), window: cfg.window };
}

function buildLocator(story) {
  const cfg = story.locator;
  const { pkg, version, features } = countryFeatures();
  const opts = { tolerance: cfg.tolerance_deg, minArea: cfg.min_area_deg2, decimals: cfg.decimals };
  const entries = [];
  for (const name of cfg.countries) {
    const matches = features.filter((f) => f.properties && f.properties.name === name);
    if (matches.length !== 1) {
      throw new StoryError(`${rel(path.join(story.dir, CONFIG_FILE))}: expected one Natural Earth country named "${name}", found ${matches.length}`);
    }
    const clipped = [];
    for (const poly of asPolygons(matches[0].geometry)) clipped.push(...clipPolygon(poly, cfg.window));
    const polys = finishPolygons(clipped, opts);
    if (!polys.length) throw new StoryError(`${rel(path.join(story.dir, CONFIG_FILE))}: ${name} has nothing left in the locator window`);
    for (const rings of polys) entries.push({ name, rings });
  }

  // Each point lies in the country and in none of its neighbours (no overlap at that point).
  const inCountry = (p, name) => entries.some((e) => e.name === name && pointInPolygon(p, e.rings));
  for (const p of cfg.in_country) {
    const at = [p.lon, p.lat];
    sanity(story, OUTPUTS.locator, `"${p.name}" is not in ${cfg.country}`, inCountry(at, cfg.country));
    for (const other of cfg.countries.filter((c) => c !== cfg.country)) {
      sanity(story, OUTPUTS.locator, `"${p.name}" is in ${other}`, !inCountry(at, other));
    }
  }

  const [w, s, e, n] = cfg.window;
  const neighbours = cfg.countries.length > 1 ? ' and its neighbours' : '';
  const text = toToml({
    description: `Outlines of ${cfg.country}${neighbours} for the locator map (clipped to lon ${w} to ${e}, lat ${s} to ${n}).`,
    sourceLine: `${pkg}@${version}, countries-10m.json, Natural Earth 1:10m admin-0 countries. Licence: public domain. Credit: "Made with Natural Earth".`,
    meta: {
      source: `${pkg} ${version} (countries-10m.json), Natural Earth 1:10m`,
      licence: 'public domain',
      credit: 'Made with Natural Earth',
      window: cfg.window,
      tolerance: cfg.tolerance_deg,
    },
    polygons: entries,
    decimals: cfg.decimals,
  });
  return { file: OUTPUTS.locator, text, polys: entries, window: cfg.window, country: cfg.country };
}

// ---------------------------------------------------------------- SVG preview

const LAND_FILL = '#e8dcc0';
function toSvg({ polys, window: [w, s, e, n], country }, widthPx) {
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180); // equirectangular, true scale at mid-latitude
  const scale = widthPx / ((e - w) * k);
  const hPx = Math.round((n - s) * scale);
  const pt = ([x, y]) => `${((x - w) * k * scale).toFixed(1)},${((n - y) * scale).toFixed(1)}`;
  const paths = polys.map(({ name, rings }) => {
    const d = rings.map((r) => 'M' + r.map(pt).join('L') + 'Z').join('');
    const fill = name === '' || name === country ? LAND_FILL : '#cfcfcf';
    return `<path d="${d}" fill="${fill}" fill-rule="evenodd" stroke="#555" stroke-width="0.6"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${hPx}"><rect width="100%" height="100%" fill="#bcd9ea"/>${paths.join('')}</svg>\n`;
}

// ---------------------------------------------------------------- main

const USAGE = 'usage: node scripts/geodata/build.mjs [--check] [--preview DIR] [STORY...]';

function parseArgs(argv) {
  const args = { check: false, previewDir: null, stories: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') args.check = true;
    else if (a === '--preview') {
      args.previewDir = argv[++i];
      if (!args.previewDir) throw new StoryError(`--preview needs a folder; ${USAGE}`);
    } else if (a.startsWith('-')) throw new StoryError(`unknown option ${a}; ${USAGE}`);
    else args.stories.push(path.resolve(a));
  }
  return args;
}

function main(argv) {
  const args = parseArgs(argv);
  for (const name of Object.keys(PINS)) packageVersion(name);
  const dirs = args.stories.length ? args.stories : findStories();
  if (!dirs.length) throw new StoryError(`no story with a ${CONFIG_FILE} under ${STORY_ROOTS.join(' or ')}`);
  const names = dirs.map((d) => path.basename(d));
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (args.previewDir && twice) throw new StoryError(`two stories are named ${twice}: their previews would collide`);
  const stories = dirs.map(readStory);

  let stale = 0;
  for (const story of stories) {
    const results = [buildLand(story), buildLocator(story)];
    for (const r of results) {
      const target = path.join(story.dir, r.file);
      const rings = r.polys.reduce((a, p) => a + p.rings.length, 0);
      const points = r.polys.reduce((a, p) => a + p.rings.reduce((b, ring) => b + ring.length, 0), 0);
      const summary = `${rel(target)}: ${r.polys.length} polygons, ${rings} rings, ${points} points, ${Buffer.byteLength(r.text)} bytes`;
      if (args.check) {
        const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
        if (current === r.text) console.log(`ok       ${summary}`);
        else {
          const why = current === null ? 'is missing' : 'differs';
          console.log(`STALE    ${summary} (${rel(target)} ${why}; run node scripts/geodata/build.mjs ${rel(story.dir)})`);
          stale++;
        }
      } else {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, r.text);
        console.log(`wrote    ${summary}`);
      }
    }
    if (args.previewDir) {
      fs.mkdirSync(args.previewDir, { recursive: true });
      fs.writeFileSync(path.join(args.previewDir, `${story.name}-land.svg`), toSvg(results[0], 800));
      fs.writeFileSync(path.join(args.previewDir, `${story.name}-locator.svg`), toSvg(results[1], 400));
      console.log(`previews of ${rel(story.dir)} written to ${args.previewDir}`);
    }
  }
  if (stale) process.exit(1);
}

try {
  main(process.argv.slice(2));
} catch (e) {
  // A story's mistake is the editor's to fix: say where, without a stack trace.
  if (!(e instanceof StoryError)) throw e;
  console.error(`error: ${e.message}`);
  process.exit(1);
}
