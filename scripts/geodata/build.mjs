#!/usr/bin/env node
// Extracts the map geometry used by the explainer from pinned npm data packages
// and writes small, deterministic TOML files into data/geo/.
//
//   npm ci --prefix scripts/geodata
//   node scripts/geodata/build.mjs            # (re)write data/geo/*.toml
//   node scripts/geodata/build.mjs --check    # exit 1 if the committed files differ
//   node scripts/geodata/build.mjs --preview DIR   # also write SVG previews into DIR
//
// Outputs:
//   data/geo/benghazi-land.toml  OSM land polygons (@geo-maps/earth-lands-100m) in the
//                                Benghazi window, clipped, simplified, holes kept.
//   data/geo/libya.toml          Natural Earth 1:10m outlines (world-atlas countries-10m)
//                                of Libya and its neighbours, clipped to the locator window.
//
// Everything here is deterministic: no timestamps, fixed number formatting, stable order.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { clipPolyline } from 'lineclip';
import simplify from 'simplify-js';
import { feature } from 'topojson-client';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const outDir = path.join(repoRoot, 'data', 'geo');
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------- configuration

// Exact versions this script was written against (also pinned in package.json).
const PINS = {
  '@geo-maps/earth-lands-100m': '0.6.0',
  'world-atlas': '2.0.2',
  'topojson-client': '3.1.0',
  lineclip: '2.0.0',
  'simplify-js': '1.2.4',
};

// Benghazi map: window [west, south, east, north], drawn about 800 px wide.
// 0.70 deg of longitude / 800 px = 0.000875 deg/px (~82 m/px at 32.1 N).
const CITY = {
  file: 'benghazi-land.toml',
  window: [19.85, 31.9, 20.55, 32.25],
  tolerance: 0.0007, // deg, ~0.8 px (~66 m east-west, ~78 m north-south)
  minArea: 0.000007, // deg^2, ~3 px x 3 px (~0.07 km^2); smaller rings are dropped
  decimals: 5,
};

// Libya locator map: window [west, south, east, north], drawn about 200 px wide.
// 19 deg / 200 px = 0.095 deg/px.
const LOCATOR = {
  file: 'libya.toml',
  window: [8, 18, 27, 35],
  tolerance: 0.05, // deg, ~0.5 px
  minArea: 0.01, // deg^2, ~1 px^2 (keeps Djerba, drops islets)
  decimals: 3,
  countries: ['Libya', 'Egypt', 'Tunisia', 'Algeria', 'Chad', 'Niger', 'Sudan'],
};

// Points used to sanity-check the output (the build fails if they do not hold).
const BENGHAZI_CENTRE = [20.06859, 32.11486];
const SEA_OFF_BENGHAZI = [20.0, 32.2];
const GHARYAN = [13.02, 32.17];
const KUFRA = [23.31, 24.18];

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

function packageVersion(name) {
  const pkg = JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8'));
  if (pkg.version !== PINS[name]) {
    throw new Error(`${name} is ${pkg.version}, expected ${PINS[name]}; run: npm ci --prefix scripts/geodata`);
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

function buildCity() {
  const pkg = '@geo-maps/earth-lands-100m';
  const version = packageVersion(pkg);
  const land = readJson(`${pkg}/map.geo.json`);
  const clipped = [];
  for (const poly of asPolygons(land)) clipped.push(...clipPolygon(poly, CITY.window));
  const polys = finishPolygons(clipped, CITY);

  const onLand = (p) => polys.some((rings) => pointInPolygon(p, rings));
  if (!onLand(BENGHAZI_CENTRE)) throw new Error('sanity: Benghazi centre is not on land');
  if (onLand(SEA_OFF_BENGHAZI)) throw new Error('sanity: sea point off Benghazi is on land');

  const [w, s, e, n] = CITY.window;
  const text = toToml({
    description: `Land polygons of the Benghazi map window (lon ${w.toFixed(2)} to ${e.toFixed(2)}, lat ${s.toFixed(2)} to ${n.toFixed(2)}).`,
    sourceLine: `${pkg}@${version}, map.geo.json, OpenStreetMap land polygons. Licence: ODbL 1.0. Credit: "© OpenStreetMap contributors".`,
    meta: {
      source: `${pkg} ${version} (map.geo.json), OpenStreetMap land polygons`,
      licence: 'ODbL 1.0',
      credit: '© OpenStreetMap contributors',
      window: CITY.window,
      tolerance: CITY.tolerance,
    },
    polygons: polys.map((rings) => ({ name: '', rings })),
    decimals: CITY.decimals,
  });
  return { file: CITY.file, text, polys: polys.map((rings) => ({ name: '', rings })), window: CITY.window };
}

function buildLocator() {
  const pkg = 'world-atlas';
  const version = packageVersion(pkg);
  packageVersion('topojson-client');
  const topo = readJson(`${pkg}/countries-10m.json`);
  const countries = feature(topo, topo.objects.countries).features;
  const entries = [];
  for (const name of LOCATOR.countries) {
    const matches = countries.filter((f) => f.properties && f.properties.name === name);
    if (matches.length !== 1) throw new Error(`expected one feature named ${name}, found ${matches.length}`);
    const clipped = [];
    for (const poly of asPolygons(matches[0].geometry)) clipped.push(...clipPolygon(poly, LOCATOR.window));
    const polys = finishPolygons(clipped, LOCATOR);
    if (!polys.length) throw new Error(`${name} has nothing left in the locator window`);
    for (const rings of polys) entries.push({ name, rings });
  }

  const inCountry = (p, name) => entries.some((e) => e.name === name && pointInPolygon(p, e.rings));
  if (!inCountry(GHARYAN, 'Libya') || !inCountry(KUFRA, 'Libya')) throw new Error('sanity: Gharyan/Kufra not in Libya');
  if (inCountry(GHARYAN, 'Tunisia')) throw new Error('sanity: Gharyan in Tunisia');

  const [w, s, e, n] = LOCATOR.window;
  const text = toToml({
    description: `Outlines of Libya and its neighbours for the locator map (clipped to lon ${w} to ${e}, lat ${s} to ${n}).`,
    sourceLine: `${pkg}@${version}, countries-10m.json, Natural Earth 1:10m admin-0 countries. Licence: public domain. Credit: "Made with Natural Earth".`,
    meta: {
      source: `${pkg} ${version} (countries-10m.json), Natural Earth 1:10m`,
      licence: 'public domain',
      credit: 'Made with Natural Earth',
      window: LOCATOR.window,
      tolerance: LOCATOR.tolerance,
    },
    polygons: entries,
    decimals: LOCATOR.decimals,
  });
  return { file: LOCATOR.file, text, polys: entries, window: LOCATOR.window };
}

// ---------------------------------------------------------------- SVG preview

const FILL = { '': '#e8dcc0', Libya: '#e8dcc0' };
function toSvg({ polys, window: [w, s, e, n] }, widthPx) {
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180); // equirectangular, true scale at mid-latitude
  const scale = widthPx / ((e - w) * k);
  const hPx = Math.round((n - s) * scale);
  const pt = ([x, y]) => `${((x - w) * k * scale).toFixed(1)},${((n - y) * scale).toFixed(1)}`;
  const paths = polys.map(({ name, rings }) => {
    const d = rings.map((r) => 'M' + r.map(pt).join('L') + 'Z').join('');
    return `<path d="${d}" fill="${FILL[name] ?? '#cfcfcf'}" fill-rule="evenodd" stroke="#555" stroke-width="0.6"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${hPx}"><rect width="100%" height="100%" fill="#bcd9ea"/>${paths.join('')}</svg>\n`;
}

// ---------------------------------------------------------------- main

function main(argv) {
  const check = argv.includes('--check');
  const pi = argv.indexOf('--preview');
  const previewDir = pi >= 0 ? argv[pi + 1] : null;
  const results = [buildCity(), buildLocator()];
  let stale = 0;
  for (const r of results) {
    const target = path.join(outDir, r.file);
    const rings = r.polys.reduce((a, p) => a + p.rings.length, 0);
    const points = r.polys.reduce((a, p) => a + p.rings.reduce((b, ring) => b + ring.length, 0), 0);
    const summary = `${r.file}: ${r.polys.length} polygons, ${rings} rings, ${points} points, ${Buffer.byteLength(r.text)} bytes`;
    if (check) {
      const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
      if (current === r.text) console.log(`ok       ${summary}`);
      else {
        console.log(`STALE    ${summary} (data/geo/${r.file} differs; run node scripts/geodata/build.mjs)`);
        stale++;
      }
    } else {
      fs.mkdirSync(outDir, { recursive: true });
      fs.writeFileSync(target, r.text);
      console.log(`wrote    ${summary}`);
    }
  }
  if (previewDir) {
    fs.mkdirSync(previewDir, { recursive: true });
    fs.writeFileSync(path.join(previewDir, 'benghazi-land.svg'), toSvg(results[0], 800));
    fs.writeFileSync(path.join(previewDir, 'libya.svg'), toSvg(results[1], 400));
    console.log(`previews written to ${previewDir}`);
  }
  if (stale) process.exit(1);
}

main(process.argv.slice(2));
