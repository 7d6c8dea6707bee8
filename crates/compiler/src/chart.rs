//! Where each faction sits in the chart, which relations and factions a step shows, and the
//! count of bases per side: pure functions of the story and the step.

use crate::geom::{contains, meets, Rect};
use crate::model::{PlaceKind, Story};
use crate::vocabulary::{counted_sides, relation_label, status_count, Counted};
use story_script::{ChartFrame, Count, RelationFrame};

/// The layouts of the chart, all baked; the stylesheet shows the one that suits the chart's own
/// width (a container query: the chart may sit in a host page's column). In each, the sides'
/// groups are rows, one under the other in reading order. Each is drawn for a range of widths,
/// its text sized for the narrowest: the wide one for a desktop panel (short: the panel's height
/// is shared with the map) and a tablet's; the medium one for a narrower desktop panel, kept as
/// short; the narrow one for phones, taller, where long names take two lines and a group too
/// long for one row takes two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Wide,
    Medium,
    Narrow,
}

/// The least height, in CSS px, that any text of the chart renders at.
pub const MIN_TEXT_PX: f64 = 11.0;

/// The narrowest charts, in CSS px, that show the wide and the medium layouts: the stylesheet's
/// container queries switch to them there (`@container chart (min-width: 564px)` and `(400px)`,
/// style/main.css; tests/stylesheet.rs checks they agree). A desktop panel is 564 px wide inside
/// from a 1124 px window, 400 px from a 960 px one (and 656 px from 1264 px on).
pub const WIDE_FROM_PX: f64 = 564.0;
pub const MEDIUM_FROM_PX: f64 = 400.0;

/// The narrowest chart, in CSS px, the narrow layout is drawn for: a 320 px phone's panel less
/// its padding is 264 px wide; a little less leaves room for a scrollbar.
pub const NARROW_FROM_PX: f64 = 256.0;

impl Layout {
    /// Every layout, widest first: the order of `Compiled::charts` and of the page's drawings.
    pub const ALL: [Layout; 3] = [Layout::Wide, Layout::Medium, Layout::Narrow];

    /// The narrowest the chart is drawn, in CSS px, while the stylesheet shows this layout.
    pub fn narrowest_px(self) -> f64 {
        match self {
            Layout::Wide => WIDE_FROM_PX,
            Layout::Medium => MEDIUM_FROM_PX,
            Layout::Narrow => NARROW_FROM_PX,
        }
    }

    /// The viewBox's width is a little under the narrowest width, so that text of
    /// `MIN_TEXT_PX` user units renders at least that high, with room for rounding. The height
    /// grows, for labels that lack room, up to where the wide layout still takes at most 24% of
    /// an 800 px window's height at the 656 px of a desktop panel, the medium one at 464 px (a
    /// 1024 px window); the narrow one, on phones, up to a little taller than wide.
    fn spec(self) -> Spec {
        let width = self.narrowest_px() - 4.0;
        match self {
            Layout::Wide => Spec {
                width,
                name_px: 12.0,
                label_px: MIN_TEXT_PX,
                wrap: f64::INFINITY,
                max_height: 0.29 * width,
            },
            Layout::Medium => Spec {
                width,
                name_px: MIN_TEXT_PX,
                label_px: MIN_TEXT_PX,
                wrap: f64::INFINITY,
                max_height: 0.41 * width,
            },
            Layout::Narrow => Spec {
                width,
                name_px: MIN_TEXT_PX,
                label_px: MIN_TEXT_PX,
                wrap: 0.25 * width,
                max_height: 1.1 * width,
            },
        }
    }
}

/// What a layout is drawn with.
struct Spec {
    /// The viewBox's width.
    width: f64,
    /// The font sizes of the names (bold) and of the relations' labels, in user units.
    name_px: f64,
    label_px: f64,
    /// How long a name may be, in user units, before it takes two lines.
    wrap: f64,
    /// The height the rows' spacing stops growing at.
    max_height: f64,
}

/// Type metrics, in em, of the widest common system sans (DejaVu Sans, the default on Linux):
/// what the layout assumes of the text it places. Other systems' sans are narrower.
const ASCENT: f64 = 0.93;
const DESCENT: f64 = 0.24;
/// From one line of a name to the next.
const LEADING: f64 = 1.15;

/// The advance of `text` in em, at most (`bold`: the names' weight).
pub fn text_em(text: &str, bold: bool) -> f64 {
    text.chars()
        .map(|c| {
            let (regular, heavy) = match c {
                'i' | 'j' | 'l' | 'I' | 'J' | '\'' | '.' | ',' | ':' | ';' | '!' | '|' => {
                    (0.29, 0.38)
                }
                ' ' | '-' | '’' | 'f' | 'r' | 't' | '(' | ')' => (0.39, 0.5),
                'm' | 'w' | 'M' | 'W' => (0.99, 1.1),
                'A'..='Z' => (0.79, 0.85),
                _ => (0.64, 0.72),
            };
            if bold {
                heavy
            } else {
                regular
            }
        })
        .sum()
}

/// A box's side bar, and the room around its name, in user units.
pub const SIDE_BAR: f64 = 5.0;
const PAD_X: f64 = 4.0;
const PAD_Y: f64 = 3.0;
/// Room kept around the chart's edge.
const EDGE: f64 = 2.0;

/// A layout's viewBox, its text sizes, and each faction's box (`Story::factions` order): its
/// centre, its size and its name's lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub width: f64,
    pub height: f64,
    pub node_widths: Vec<f64>,
    pub node_heights: Vec<f64>,
    /// Each faction's short name, in the lines its box shows.
    pub names: Vec<Vec<String>>,
    /// The names' font size (bold), in user units.
    pub font_px: f64,
    /// The relations' labels' font size, in user units.
    pub label_px: f64,
    pub positions: Vec<(f64, f64)>,
}

/// The group of each faction, in reading order: its side's column, counted among the columns
/// the story uses. A story orders its columns so that each relation joins boxes of the same or
/// of neighbouring groups, and lines are short and need not cross a group.
fn groups(story: &Story) -> (Vec<usize>, usize) {
    let column = |f: &crate::model::Faction| story.side_of(f).column;
    let mut used: Vec<u8> = story.factions.iter().map(column).collect();
    used.sort_unstable();
    used.dedup();
    let groups = story
        .factions
        .iter()
        .map(|f| used.binary_search(&column(f)).expect("a used column"))
        .collect();
    (groups, used.len())
}

/// A name in lines: two, split at the space that makes the longer line shortest, where it is
/// longer than `wrap` em and that saves at least a quarter of its width.
fn name_lines(name: &str, wrap: f64) -> Vec<String> {
    let whole = text_em(name, true);
    let split = name
        .char_indices()
        .filter(|&(_, c)| c == ' ')
        .map(|(i, _)| (&name[..i], &name[i + 1..]))
        .min_by(|a, b| {
            let width = |(x, y): (&str, &str)| text_em(x, true).max(text_em(y, true));
            width(*a).total_cmp(&width(*b))
        });
    match split {
        Some((a, b)) if whole > wrap && text_em(a, true).max(text_em(b, true)) <= 0.75 * whole => {
            vec![a.to_owned(), b.to_owned()]
        }
        _ => vec![name.to_owned()],
    }
}

/// How many times the rows' spacing grows, at most, while labels lack a place.
const BAND_STEPS: usize = 12;

/// The rows, top to bottom, of faction indices: each group in a row, in reading order; a group
/// whose boxes leave too little room between them for a line takes two rows (or more). Within a
/// group, the order (among all, the story's first) whose lines are shortest, leave their labels
/// room and cross least.
fn rows(story: &Story, spec: &Spec, boxes: &Boxes) -> Vec<Vec<usize>> {
    let gap = 1.5 * spec.label_px;
    let fits = |row: &[usize]| {
        row.iter().map(|&i| boxes.widths[i]).sum::<f64>()
            + (row.len() as f64 - 1.0) * gap
            + 2.0 * EDGE
            <= spec.width
    };
    let (groups, count) = groups(story);
    let mut members: Vec<Vec<usize>> = (0..count)
        .map(|g| (0..groups.len()).filter(|&i| groups[i] == g).collect())
        .collect();
    let split = |m: &[usize]| -> Option<Vec<Vec<usize>>> {
        (1..=m.len())
            .map(|k| {
                m.chunks(m.len().div_ceil(k))
                    .map(<[usize]>::to_vec)
                    .collect::<Vec<_>>()
            })
            .find(|rows| rows.iter().all(|r| fits(r)))
    };
    let all_rows = |members: &[Vec<usize>]| -> Vec<Vec<usize>> {
        members
            .iter()
            .flat_map(|m| split(m).unwrap_or_else(|| m.iter().map(|&i| vec![i]).collect()))
            .collect()
    };
    let index = |id: &str| story.faction_index(id).expect("validated");
    let ends: Vec<(usize, usize)> = story
        .relations
        .iter()
        .map(|r| (index(&r.from), index(&r.to)))
        .collect();
    // Straight lines between the boxes' centres, rows three label heights apart: each as long
    // as it is, and twice as long again as its label is longer than it (a short line leaves its
    // label no room beside it), a line along a row as long again for each box it has to pass,
    // and a crossing of two lines as a third of the width.
    let cost = |rows: &[Vec<usize>]| {
        let mut at = vec![(0.0, 0.0); boxes.widths.len()];
        for (r, row) in rows.iter().enumerate() {
            for (k, &i) in row.iter().enumerate() {
                at[i] = (
                    (k as f64 + 0.5) / row.len() as f64 * spec.width,
                    r as f64 * 3.0 * spec.label_px,
                );
            }
        }
        let row_of = |i: usize| rows.iter().position(|r| r.contains(&i)).expect("placed");
        let mut sum = 0.0;
        for (n, &(a, b)) in ends.iter().enumerate() {
            let (p, q) = (at[a], at[b]);
            let length = (q.0 - p.0).hypot(q.1 - p.1);
            sum += length;
            let label = text_em(relation_label(story.relations[n].kind), false) * spec.label_px;
            sum += 2.0 * (label - length).max(0.0);
            if row_of(a) == row_of(b) {
                let row = &rows[row_of(a)];
                let (ka, kb) = (
                    row.iter().position(|&i| i == a).expect("in its row"),
                    row.iter().position(|&i| i == b).expect("in its row"),
                );
                sum += (ka.abs_diff(kb) as f64 - 1.0) * (q.0 - p.0).abs();
            }
            for &(c, d) in &ends[..n] {
                if ![a, b].contains(&c) && ![a, b].contains(&d) && cross(p, q, at[c], at[d]) {
                    sum += spec.width / 3.0;
                }
            }
        }
        sum
    };
    // Each group in turn takes its best order, the others held, until none improves.
    let mut best = cost(&all_rows(&members));
    for _ in 0..3 {
        let mut better = false;
        for g in 0..members.len() {
            if members[g].len() > 6 {
                continue;
            }
            for order in orders(&members[g]) {
                if split(&order).is_none() {
                    continue;
                }
                let mut tried = members.clone();
                tried[g] = order;
                let c = cost(&all_rows(&tried));
                if c < best - 1e-9 {
                    best = c;
                    members = tried;
                    better = true;
                }
            }
        }
        if !better {
            break;
        }
    }
    all_rows(&members)
}

/// For the room between each two rows, how many rows of labels it needs: the labels of the
/// relations across it, and half of those along the rows either side that do not fit between
/// their boxes, end to end, in most of the chart's width.
fn band_lanes(story: &Story, spec: &Spec, boxes: &Boxes, rows: &[Vec<usize>]) -> Vec<f64> {
    let bands = rows.len().saturating_sub(1);
    let mut demand = vec![0.0; bands];
    let row_of = |i: usize| rows.iter().position(|r| r.contains(&i)).expect("placed");
    for rel in &story.relations {
        let (a, b) = (
            story.faction_index(&rel.from).expect("validated"),
            story.faction_index(&rel.to).expect("validated"),
        );
        let w = text_em(relation_label(rel.kind), false) * spec.label_px + 8.0;
        let (ra, rb) = (row_of(a).min(row_of(b)), row_of(a).max(row_of(b)));
        if ra != rb {
            for d in &mut demand[ra..rb] {
                *d += w / (rb - ra) as f64;
            }
            continue;
        }
        let row = &rows[ra];
        let (ka, kb) = (
            row.iter().position(|&i| i == a).expect("in its row"),
            row.iter().position(|&i| i == b).expect("in its row"),
        );
        let room = spec.width / row.len() as f64 - (boxes.widths[a] + boxes.widths[b]) / 2.0;
        if ka.abs_diff(kb) == 1 && room >= w {
            continue;
        }
        let near: Vec<usize> = [ra.checked_sub(1), (ra < bands).then_some(ra)]
            .into_iter()
            .flatten()
            .collect();
        for &n in &near {
            demand[n] += w / near.len() as f64;
        }
    }
    demand
        .iter()
        .map(|&d| (d / (0.9 * spec.width)).ceil())
        .collect()
}

/// The boxes in their rows: along a row, centres spread evenly, then pushed apart where boxes
/// would come closer than a line's room or than `EDGE` to the sides; rows `bands` apart.
fn place(spec: &Spec, boxes: &Boxes, rows: &[Vec<usize>], bands: &[f64]) -> Geometry {
    let (width, gap) = (spec.width, 1.5 * spec.label_px);
    let mut positions = vec![(0.0, 0.0); boxes.widths.len()];
    let mut top = EDGE;
    for (r, row) in rows.iter().enumerate() {
        let n = row.len() as f64;
        let mut xs: Vec<f64> = (0..row.len())
            .map(|k| (k as f64 + 0.5) / n * width)
            .collect();
        let half = |k: usize| boxes.widths[row[k]] / 2.0;
        for k in 0..row.len() {
            let least = if k == 0 {
                EDGE + half(0)
            } else {
                xs[k - 1] + half(k - 1) + gap + half(k)
            };
            xs[k] = xs[k].max(least);
        }
        for k in (0..row.len()).rev() {
            let most = if k + 1 == row.len() {
                width - EDGE - half(k)
            } else {
                xs[k + 1] - half(k + 1) - gap - half(k)
            };
            xs[k] = xs[k].min(most);
        }
        let tall = row.iter().map(|&i| boxes.heights[i]).fold(0.0, f64::max);
        for (k, &i) in row.iter().enumerate() {
            positions[i] = (xs[k], top + tall / 2.0);
        }
        top += tall + bands.get(r).copied().unwrap_or(0.0);
    }
    Geometry {
        width,
        height: top + EDGE,
        node_widths: boxes.widths.clone(),
        node_heights: boxes.heights.clone(),
        names: boxes.names.clone(),
        font_px: spec.name_px,
        label_px: spec.label_px,
        positions,
    }
}

/// The sizes of every faction's box and its name's lines.
struct Boxes {
    names: Vec<Vec<String>>,
    widths: Vec<f64>,
    heights: Vec<f64>,
}

/// All orders of `items`, the given one first.
fn orders(items: &[usize]) -> Vec<Vec<usize>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut all = Vec::new();
    for k in 0..items.len() {
        let mut rest = items.to_vec();
        let first = rest.remove(k);
        for mut tail in orders(&rest) {
            tail.insert(0, first);
            all.push(tail);
        }
    }
    all
}

/// Whether the segments p–q and r–s cross.
fn cross(p: (f64, f64), q: (f64, f64), r: (f64, f64), s: (f64, f64)) -> bool {
    let side = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| {
        (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
    };
    side(p, q, r) * side(p, q, s) < 0.0 && side(r, s, p) * side(r, s, q) < 0.0
}

impl Geometry {
    pub fn of(story: &Story, layout: Layout) -> Geometry {
        let spec = layout.spec();
        let f = spec.name_px;
        let names: Vec<Vec<String>> = story
            .factions
            .iter()
            .map(|fa| name_lines(&fa.short, spec.wrap / f))
            .collect();
        let widths = names
            .iter()
            .map(|lines| {
                let em = lines.iter().map(|l| text_em(l, true)).fold(0.0, f64::max);
                em * f + SIDE_BAR + 2.0 * PAD_X
            })
            .collect();
        let heights = names
            .iter()
            .map(|lines| {
                (lines.len() as f64 - 1.0) * LEADING * f + (ASCENT + DESCENT) * f + 2.0 * PAD_Y
            })
            .collect();
        let boxes = Boxes {
            names,
            widths,
            heights,
        };
        let rows = rows(story, &spec, &boxes);
        // The room between rows: a lane for each row of labels the relations across it (or
        // along the rows either side, where a label does not fit between the boxes) need, and
        // then more, a step at a time, until every label has a place clear of the lines.
        let lane = (ASCENT + DESCENT) * spec.label_px + 3.0;
        let mut lanes = band_lanes(story, &spec, &boxes, &rows);
        let row_of = |i: usize| rows.iter().position(|r| r.contains(&i)).expect("placed");
        let mut best: Option<((usize, usize), Geometry)> = None;
        for _ in 0..=BAND_STEPS {
            let bands: Vec<f64> = lanes.iter().map(|&n| lane * (n + 0.5)).collect();
            let g = place(&spec, &boxes, &rows, &bands);
            let routed = g.route(story);
            let score = (routed.lost.len(), routed.missed.len());
            // Past its height, a layout grows only while a label has no place at all.
            let tall = g.height > spec.max_height;
            if tall && best.as_ref().is_some_and(|(b, _)| b.0 == 0) {
                break;
            }
            if best.as_ref().is_none_or(|(b, _)| score < *b) {
                best = Some((score, g));
            }
            if score == (0, 0) {
                break;
            }
            // More room where a label found no place (or none clear of the lines, once every
            // label has one): across the rows its relation joins, or either side of the row.
            let short = if routed.lost.is_empty() {
                routed.missed
            } else {
                routed.lost
            };
            for r in short {
                let rel = &story.relations[r];
                let (a, b) = (
                    row_of(story.faction_index(&rel.from).expect("validated")),
                    row_of(story.faction_index(&rel.to).expect("validated")),
                );
                let (lo, hi) = if a == b {
                    (a.saturating_sub(1), (a + 1).min(lanes.len()))
                } else {
                    (a.min(b), a.max(b))
                };
                for n in &mut lanes[lo..hi] {
                    *n += 0.25;
                }
            }
        }
        best.expect("at least one try").1
    }

    /// Where each line of faction `i`'s name is drawn (the middle of its baseline), from its
    /// box's top left corner: centred right of the side bar, the lines centred in the box.
    pub fn name_spots(&self, i: usize) -> Vec<(f64, f64)> {
        let f = self.font_px;
        let lines = self.names[i].len() as f64;
        let block = (lines - 1.0) * LEADING * f + (ASCENT + DESCENT) * f;
        let first = (self.node_heights[i] - block) / 2.0 + ASCENT * f;
        let x = SIDE_BAR + (self.node_widths[i] - SIDE_BAR) / 2.0;
        (0..self.names[i].len())
            .map(|k| (x, first + k as f64 * LEADING * f))
            .collect()
    }

    /// The box a name's text takes, at most, in the chart's coordinates.
    pub fn name_rect(&self, i: usize) -> Rect {
        let (x, y) = self.positions[i];
        let (w, h) = (self.node_widths[i], self.node_heights[i]);
        let spots = self.name_spots(i);
        let f = self.font_px;
        let em = self.names[i]
            .iter()
            .map(|l| text_em(l, true))
            .fold(0.0, f64::max);
        let (left, top) = (x - w / 2.0, y - h / 2.0);
        let (cx, first) = spots[0];
        let last = spots[spots.len() - 1].1;
        [
            left + cx - em * f / 2.0,
            top + first - ASCENT * f,
            left + cx + em * f / 2.0,
            top + last + DESCENT * f,
        ]
    }
}

/// A relation's line: a quadratic curve from the edge of one box to the edge of the other,
/// bent as little as keeps it off the boxes between them, and the point its label sits on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    pub start: (f64, f64),
    pub control: (f64, f64),
    pub end: (f64, f64),
    /// Where the label's baseline is centred.
    pub label: (f64, f64),
}

/// The point `t` of the way along the quadratic curve p0, p1, p2.
fn bezier(p: [(f64, f64); 3], t: f64) -> (f64, f64) {
    let (a, b, c) = ((1.0 - t) * (1.0 - t), 2.0 * (1.0 - t) * t, t * t);
    (
        a * p[0].0 + b * p[1].0 + c * p[2].0,
        a * p[0].1 + b * p[1].1 + c * p[2].1,
    )
}

/// The box a relation's label takes at font size `px`, around its baseline's centre: the
/// glyphs' height and, at most, their width, with half a unit of room all round.
pub fn label_rect(text: &str, px: f64, (x, y): (f64, f64)) -> Rect {
    let w = text_em(text, false) * px / 2.0 + 0.5;
    [x - w, y - ASCENT * px - 0.5, x + w, y + DESCENT * px + 0.5]
}

/// Samples along a curve when checking it against the boxes.
const SAMPLES: usize = 160;

impl Geometry {
    /// Faction `i`'s box, grown by `pad` on every side.
    pub fn node_rect(&self, i: usize, pad: f64) -> Rect {
        let (x, y) = self.positions[i];
        let (w, h) = (
            self.node_widths[i] / 2.0 + pad,
            self.node_heights[i] / 2.0 + pad,
        );
        [x - w, y - h, x + w, y + h]
    }

    /// Every relation's line and label place (`Story::relations` order); see `route`.
    pub fn links(&self, story: &Story) -> Vec<Link> {
        self.route(story).links
    }

    /// Every relation's line and label place, and which labels found no place clear of every
    /// line, or none at all. Each line first takes the least bend, either way, that keeps it in
    /// the chart and off the other factions' boxes (relations between the same two parties run
    /// side by side). Then the labels, longest first, each take the first place along their
    /// line (from the middle out; right beside it, then on it, then further off) that is in
    /// the chart and clear of the boxes, the labels placed before and every other line, their
    /// own line bending a little further where that finds one, never through another label;
    /// failing that, the place that sits least on other lines.
    fn route(&self, story: &Story) -> Routing {
        let index = |id: &str| story.faction_index(id).expect("validated");
        let boxes: Vec<Rect> = (0..self.positions.len())
            .map(|i| self.node_rect(i, 2.0))
            .collect();
        let chart = [0.0, 0.0, self.width, self.height];
        let inner = [EDGE, EDGE, self.width - EDGE, self.height - EDGE];
        let px = self.label_px;
        // Relations between the same two parties (`pairs`) run side by side.
        let joins = |a: usize, b: usize| {
            let (a, b) = (&story.relations[a], &story.relations[b]);
            (a.from == b.from && a.to == b.to) || (a.from == b.to && a.to == b.from)
        };
        let pairs: Vec<Vec<usize>> = (0..story.relations.len())
            .map(|r| {
                (0..story.relations.len())
                    .filter(|&o| joins(r, o))
                    .collect()
            })
            .collect();
        // How far a relation's line runs beside the straight one, to leave room for those
        // between the same parties.
        let offset = |r: usize| {
            let place = pairs[r].iter().position(|&o| o == r).expect("its own pair") as f64;
            (place - (pairs[r].len() as f64 - 1.0) / 2.0) * 0.7 * px
        };
        // Each relation's curves, one for each bend (the same bends in the same order for all,
        // least first), and whether it stays in the chart and off the other boxes.
        let bends: Vec<f64> = (0..=40)
            .flat_map(|k| [k as f64 * px / 2.0, k as f64 * -px / 2.0])
            .skip(1)
            .collect();
        let curves: Vec<Vec<(Way, bool)>> = story
            .relations
            .iter()
            .enumerate()
            .map(|(r, rel)| {
                let (from, to) = (index(&rel.from), index(&rel.to));
                let offset = offset(r);
                let (a, b) = (self.positions[from], self.positions[to]);
                // The normal of the line from the first party (in the story's order) to the
                // other: the same for both directions.
                let (p, q) = if from < to { (a, b) } else { (b, a) };
                let (dx, dy) = (q.0 - p.0, q.1 - p.1);
                let len = dx.hypot(dy).max(1.0);
                let normal = (-dy / len, dx / len);
                let (a, b) = (
                    (a.0 + offset * normal.0, a.1 + offset * normal.1),
                    (b.0 + offset * normal.0, b.1 + offset * normal.1),
                );
                bends
                    .iter()
                    .map(|&bend| {
                        // The control point at twice the bend: the curve's middle is `bend` off.
                        let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
                        let p = [
                            a,
                            (mid.0 + 2.0 * bend * normal.0, mid.1 + 2.0 * bend * normal.1),
                            b,
                        ];
                        let way = Way::new(p, bend, boxes[from], boxes[to]);
                        let clear = (0..=SAMPLES).all(|k| {
                            let q = way.at(k as f64 / SAMPLES as f64);
                            contains(inner, q)
                                && boxes
                                    .iter()
                                    .enumerate()
                                    .all(|(i, &r)| i == from || i == to || !contains(r, q))
                        });
                        (way, clear)
                    })
                    .collect()
            })
            .collect();
        // Each relation's ways: the bends clear for it and the relations beside it (for it
        // alone if none is), least first; a line bent much more than it must reads as a
        // detour, so only the few least bent.
        let ways: Vec<Vec<Way>> = (0..curves.len())
            .map(|r| {
                let clear_for = |group: &[usize], j: usize| group.iter().all(|&o| curves[o][j].1);
                let mut fit: Vec<usize> = (0..bends.len())
                    .filter(|&j| clear_for(&pairs[r], j))
                    .collect();
                if fit.is_empty() {
                    fit = (0..bends.len()).filter(|&j| clear_for(&[r], j)).collect();
                }
                let least = fit.first().map_or(0.0, |&j| bends[j].abs());
                let mut found: Vec<Way> = fit
                    .into_iter()
                    .filter(|&j| bends[j].abs() <= least + 2.0 * px)
                    .map(|j| curves[r][j].0.clone())
                    .collect();
                if found.is_empty() {
                    found.push(curves[r][0].0.clone());
                }
                found
            })
            .collect();
        let mut chosen = vec![0usize; ways.len()];
        let mut spots: Vec<Option<(f64, f64)>> = vec![None; ways.len()];
        let mut labels: Vec<Rect> = Vec::new();
        let texts: Vec<&str> = story
            .relations
            .iter()
            .map(|rel| relation_label(rel.kind))
            .collect();
        let mut order: Vec<usize> = (0..ways.len()).collect();
        order.sort_by(|&a, &b| text_em(texts[b], false).total_cmp(&text_em(texts[a], false)));
        let (mut missed, mut lost) = (Vec::new(), Vec::new());
        for r in order {
            let text = texts[r];
            let half = text_em(text, false) * px / 2.0;
            // Baselines above, below, beside and at the corners of a point of the line, then
            // a label's height further above and below.
            let (up, down, level) = (
                -(DESCENT * px + 2.0),
                ASCENT * px + 2.0,
                (ASCENT - DESCENT) * px / 2.0,
            );
            let lane = (ASCENT + DESCENT) * px + 2.0;
            let side = half + 3.0;
            // Where the label may sit, from a point of the line: right beside it (above,
            // below, either side, at the corners); then on it (its halo cuts the line under
            // it); then a label's height further above or below.
            let tiers: [&[((f64, f64), bool)]; 3] = [
                &[
                    ((0.0, up), false),
                    ((0.0, down), false),
                    ((side, level), false),
                    ((-side, level), false),
                    ((side, up), false),
                    ((-side, up), false),
                    ((side, down), false),
                    ((-side, down), false),
                ],
                &[((0.0, level), true)],
                &[((0.0, up - lane), false), ((0.0, down + lane), false)],
            ];
            // From the middle of the line outwards: 0.5, 0.45, 0.55, ... 0.15, 0.85 of the way.
            let fractions: Vec<f64> = (0..15)
                .map(|k| {
                    let step = (k + 1) / 2;
                    let sign = if k % 2 == 0 { 1.0 } else { -1.0 };
                    0.5 + sign * step as f64 * 0.05
                })
                .collect();
            let lines: Vec<(f64, f64)> = (0..ways.len())
                .filter(|&o| o != r)
                .flat_map(|o| ways[o][chosen[o]].points())
                .collect();
            // Beside a relation between the same two parties placed before, a line bends no
            // further towards it than it does, lest they cross.
            let apart = |way: &Way| {
                pairs[r]
                    .iter()
                    .filter(|&&o| o != r && spots[o].is_some())
                    .all(|&o| (way.bend - ways[o][chosen[o]].bend) * (offset(r) - offset(o)) >= 0.0)
            };
            let owns: Vec<Vec<(f64, f64)>> = ways[r].iter().map(Way::points).collect();
            // Every place in order, tier by tier, each tier on the least bent way first, that
            // lies in the chart and clear of the boxes, the labels and its own line (unless on
            // it): the way, the place, and how many points of other lines it covers.
            let mut places: Vec<(usize, (f64, f64), bool)> = Vec::new();
            for tier in tiers {
                for (k, way) in ways[r].iter().enumerate().filter(|(_, way)| apart(way)) {
                    for &f in &fractions {
                        let (x, y) = way.at(f);
                        places.extend(tier.iter().map(|&((ox, oy), on)| (k, (x + ox, y + oy), on)));
                    }
                }
            }
            let fits = |&(k, at, on): &(usize, (f64, f64), bool)| {
                let rect = label_rect(text, px, at);
                crate::geom::inside(rect, chart)
                    && !boxes.iter().any(|&b| meets(rect, b))
                    && !labels.iter().any(|&l| meets(rect, l))
                    && (on || !owns[k].iter().any(|&q| contains(rect, q)))
            };
            // How many points of other lines the label at `at` covers, and of its line `k` run
            // through other labels (the page draws the labels over every line).
            let crossings = |k: usize, at: (f64, f64)| {
                let rect = label_rect(text, px, at);
                lines.iter().filter(|&&q| contains(rect, q)).count()
                    + owns[k]
                        .iter()
                        .filter(|&&q| labels.iter().any(|&l| contains(l, q)))
                        .count()
            };
            // The first that covers no other line, on a way through no other label; failing
            // that, the one that crosses least.
            let strict = places
                .iter()
                .copied()
                .filter(fits)
                .find(|&(k, at, _)| crossings(k, at) == 0);
            let (k, at) = strict
                .or_else(|| {
                    missed.push(r);
                    places
                        .iter()
                        .copied()
                        .filter(fits)
                        .min_by_key(|&(k, at, _)| crossings(k, at))
                })
                .map_or_else(
                    || {
                        lost.push(r);
                        (0, None)
                    },
                    |(k, at, _)| (k, Some(at)),
                );
            chosen[r] = k;
            spots[r] = at;
            let at = at.unwrap_or_else(|| {
                let (x, y) = ways[r][k].at(0.5);
                (x, y + up)
            });
            labels.push(label_rect(text, px, at));
            spots[r] = Some(at);
        }
        let links = (0..ways.len())
            .map(|r| {
                let way = &ways[r][chosen[r]];
                let (start, control, end) = way.part();
                Link {
                    start,
                    control,
                    end,
                    label: spots[r].expect("placed"),
                }
            })
            .collect();
        Routing {
            links,
            missed,
            lost,
        }
    }
}

impl Geometry {
    /// What would keep the chart from reading, at any step, with these lines (`links`): text
    /// that renders under `MIN_TEXT_PX` at the layout's narrowest width, a box out of the chart
    /// or on another, a name out of its box, a line out of the chart, off its boxes' edges or
    /// through another party's box, a relation drawn over another, a label out of the chart,
    /// on a box, or on the label of a relation shown at the same step. Empty when it reads.
    pub fn problems(&self, story: &Story, layout: Layout, links: &[Link]) -> Vec<String> {
        let mut found = Vec::new();
        let scale = layout.narrowest_px() / self.width;
        for (what, px) in [("names", self.font_px), ("labels", self.label_px)] {
            if px * scale < MIN_TEXT_PX {
                found.push(format!(
                    "{what} render {:.2} px at {} px",
                    px * scale,
                    layout.narrowest_px()
                ));
            }
        }
        let chart = [0.0, 0.0, self.width, self.height];
        let name = |i: usize| story.factions[i].id.as_str();
        for i in 0..self.positions.len() {
            let own = self.node_rect(i, 0.0);
            if !crate::geom::inside(own, chart) {
                found.push(format!("the box of {} leaves the chart", name(i)));
            }
            let room = [own[0] + SIDE_BAR, own[1], own[2], own[3]];
            if !crate::geom::inside(self.name_rect(i), room) {
                found.push(format!("the name of {} leaves its box", name(i)));
            }
            for j in i + 1..self.positions.len() {
                if meets(self.node_rect(i, 2.0), self.node_rect(j, 2.0)) {
                    found.push(format!("the boxes of {} and {} meet", name(i), name(j)));
                }
            }
        }
        let label = |r: usize| {
            label_rect(
                relation_label(story.relations[r].kind),
                self.label_px,
                links[r].label,
            )
        };
        for (r, (rel, link)) in story.relations.iter().zip(links).enumerate() {
            let what = format!("{} {} {}", rel.from, relation_label(rel.kind), rel.to);
            let ends = [
                story.faction_index(&rel.from).expect("validated"),
                story.faction_index(&rel.to).expect("validated"),
            ];
            if !contains(self.node_rect(ends[0], 3.0), link.start)
                || !contains(self.node_rect(ends[1], 3.0), link.end)
            {
                found.push(format!("the line of {what} is off its boxes' edges"));
            }
            for k in 0..=100 {
                let q = bezier([link.start, link.control, link.end], k as f64 / 100.0);
                if !contains(chart, q) {
                    found.push(format!("the line of {what} leaves the chart"));
                    break;
                }
                if let Some(i) = (0..self.positions.len())
                    .find(|&i| !ends.contains(&i) && contains(self.node_rect(i, 0.0), q))
                {
                    found.push(format!("the line of {what} passes under {}", name(i)));
                    break;
                }
            }
            if !crate::geom::inside(label(r), chart) {
                found.push(format!("the label of {what} leaves the chart"));
            }
            for i in 0..self.positions.len() {
                if meets(label(r), self.node_rect(i, 0.0)) {
                    found.push(format!("the label of {what} covers {}", name(i)));
                }
            }
            for (o, other) in story.relations[..r].iter().enumerate() {
                let (c0, c1) = (links[o].control, link.control);
                let twins = (other.from == rel.from && other.to == rel.to)
                    || (other.from == rel.to && other.to == rel.from);
                if twins && (c0.0 - c1.0).hypot(c0.1 - c1.1) <= 6.0 {
                    found.push(format!("relations {o} and {r} draw one line"));
                }
            }
        }
        // Labels that show together: those of the relations a step shows.
        let mut seen = std::collections::BTreeSet::new();
        for step in 0..story.steps.len() {
            let shown = ChartState::at(story, step).relations;
            for (n, &a) in shown.iter().enumerate() {
                for &b in &shown[n + 1..] {
                    if meets(label(a), label(b)) && seen.insert((a, b)) {
                        found.push(format!(
                            "the labels of relations {a} and {b} meet (step {})",
                            story.steps[step].id
                        ));
                    }
                }
            }
        }
        found
    }
}

/// The relations' lines and labels, and those whose label found no place clear of the other
/// lines (`missed`) or none at all (`lost`, drawn over what is there).
struct Routing {
    links: Vec<Link>,
    missed: Vec<usize>,
    lost: Vec<usize>,
}

/// A relation's curve, how far it bends off the straight line, and the part of it between its
/// two boxes (from `t0` to `t1`).
#[derive(Clone)]
struct Way {
    p: [(f64, f64); 3],
    bend: f64,
    t0: f64,
    t1: f64,
}

impl Way {
    /// The curve `p` from where it leaves box `a` to where it enters box `b`.
    fn new(p: [(f64, f64); 3], bend: f64, a: Rect, b: Rect) -> Way {
        // Bisection over the curve's first half, from inside the box to outside.
        let edge = |inside_at: &dyn Fn(f64) -> bool| {
            let (mut lo, mut hi) = (0.0, 0.5);
            for _ in 0..24 {
                let m = (lo + hi) / 2.0;
                if inside_at(m) {
                    lo = m;
                } else {
                    hi = m;
                }
            }
            (lo + hi) / 2.0
        };
        let t0 = edge(&|t| contains(a, bezier(p, t)));
        let t1 = 1.0 - edge(&|t| contains(b, bezier(p, 1.0 - t)));
        Way { p, bend, t0, t1 }
    }

    /// The point `f` of the way along the part between the boxes.
    fn at(&self, f: f64) -> (f64, f64) {
        bezier(self.p, self.t0 + (self.t1 - self.t0) * f)
    }

    /// Points along the part between the boxes, close enough that no label slips between.
    fn points(&self) -> Vec<(f64, f64)> {
        (0..=80).map(|k| self.at(k as f64 / 80.0)).collect()
    }

    /// The part between the boxes, itself a quadratic curve: start, control point, end.
    fn part(&self) -> ((f64, f64), (f64, f64), (f64, f64)) {
        let (p, u, v) = (self.p, self.t0, self.t1);
        let w = [(1.0 - u) * (1.0 - v), (1.0 - u) * v + u * (1.0 - v), u * v];
        let control = (
            w[0] * p[0].0 + w[1] * p[1].0 + w[2] * p[2].0,
            w[0] * p[0].1 + w[1] * p[1].1 + w[2] * p[2].1,
        );
        (self.at(0.0), control, self.at(1.0))
    }
}

/// What the chart shows at a step.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartState {
    /// Indices into `Story::relations` of the relations known by this step.
    pub relations: Vec<usize>,
    /// Those the step itself tells (they draw in).
    pub new_relations: Vec<usize>,
    /// Indices into `Story::factions` of the factions the step speaks of.
    pub highlighted: Vec<usize>,
    pub counts: Vec<BaseCount>,
}

/// How many bases a side holds (as reported) and claims (unconfirmed).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BaseCount {
    /// Index into `Story::sides`.
    pub side: usize,
    pub held: usize,
    pub claimed: usize,
}

impl ChartState {
    /// The chart as the script carries it.
    pub fn frame(&self, story: &Story) -> ChartFrame {
        let relations = (0..story.relations.len())
            .map(|r| {
                let rel = &story.relations[r];
                let lit = [&rel.from, &rel.to].iter().any(|id| {
                    story
                        .faction_index(id)
                        .is_some_and(|f| self.highlighted.contains(&f))
                });
                RelationFrame {
                    shown: self.relations.contains(&r),
                    new: self.new_relations.contains(&r),
                    lit,
                }
            })
            .collect();
        ChartFrame {
            relations,
            lit: (0..story.factions.len())
                .map(|f| self.highlighted.contains(&f))
                .collect(),
            counts: self
                .counts
                .iter()
                .map(|c| Count {
                    held: c.held as u16,
                    claimed: c.claimed as u16,
                })
                .collect(),
            summary: crate::words::chart_summary(story, self).into(),
        }
    }

    /// The chart at step `index`. Like the map, steps about the time of the report show
    /// everything known at its end.
    pub fn at(story: &Story, index: usize) -> ChartState {
        let index = index.min(story.steps.len() - 1);
        let step = &story.steps[index];
        let shown_from = |id: &str| story.step_index(id).unwrap_or(usize::MAX);
        let relations: Vec<usize> = (0..story.relations.len())
            .filter(|&r| step.present || shown_from(&story.relations[r].step) <= index)
            .collect();
        let new_relations: Vec<usize> = (0..story.relations.len())
            .filter(|&r| story.relations[r].step == step.id)
            .collect();
        let mut highlighted: Vec<usize> = story
            .events
            .iter()
            .filter(|e| e.step == step.id)
            .flat_map(|e| e.factions.iter())
            .chain(
                new_relations
                    .iter()
                    .flat_map(|&r| [&story.relations[r].from, &story.relations[r].to]),
            )
            .filter_map(|id| story.faction_index(id))
            .collect();
        highlighted.sort_unstable();
        highlighted.dedup();
        ChartState {
            relations,
            new_relations,
            highlighted,
            counts: base_counts(story, index),
        }
    }
}

/// Whether the bars count a place of this kind as a base.
pub fn counts_as_base(kind: PlaceKind) -> bool {
    matches!(kind, PlaceKind::Base | PlaceKind::Airport)
}

/// Bases (and the air base) per side at a step, from the control timeline: claims apart from
/// what is reported as held, overrun or seized.
pub fn base_counts(story: &Story, index: usize) -> Vec<BaseCount> {
    let control = story.control_at(index);
    counted_sides(story)
        .into_iter()
        .map(|side| {
            let mut count = BaseCount {
                side,
                held: 0,
                claimed: 0,
            };
            for change in &control {
                let is_base = story
                    .place(&change.place)
                    .is_some_and(|p| counts_as_base(p.kind));
                let holder_side = story.faction(&change.holder).map(|f| story.side_index(f));
                if !is_base || holder_side != Some(side) {
                    continue;
                }
                match status_count(change.status) {
                    Some(Counted::Held) => count.held += 1,
                    Some(Counted::Claimed) => count.claimed += 1,
                    None => {}
                }
            }
            count
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RelationKind;
    use crate::tests::STORY;

    fn at(id: &str) -> ChartState {
        ChartState::at(&STORY, STORY.step_index(id).unwrap())
    }

    fn count(state: &ChartState, side: &str) -> (usize, usize) {
        let side = STORY.sides.iter().position(|s| s.id == side).unwrap();
        let c = state.counts.iter().find(|c| c.side == side).unwrap();
        (c.held, c.claimed)
    }

    #[test]
    fn factions_sit_in_rows_of_their_sides_groups_in_reading_order() {
        for layout in Layout::ALL {
            let g = Geometry::of(&STORY, layout);
            assert_eq!(g.positions.len(), STORY.factions.len());
            let row = |id: &str| g.positions[STORY.faction_index(id).unwrap()].1;
            assert!(row("hor") < row("haftar") && row("haftar") < row("ansar-al-sharia"));
            assert!(row("ansar-al-sharia") < row("un"), "{layout:?}");
            // The parties of one side share a row where they fit in one.
            assert_eq!(row("hor"), row("gnc"), "{layout:?}");
            assert_eq!(row("haftar"), row("special-forces"), "{layout:?}");
        }
    }

    #[test]
    fn text_renders_at_least_11px_wherever_the_stylesheet_shows_a_layout() {
        // The stylesheet shows a layout from its narrowest width up (WIDE_FROM_PX is its
        // container query's breakpoint; NARROW_FROM_PX a 320px phone's chart); wider, the
        // chart and its text grow.
        for layout in Layout::ALL {
            let g = Geometry::of(&STORY, layout);
            let scale = layout.narrowest_px() / g.width;
            for px in [g.font_px, g.label_px] {
                assert!(px * scale >= MIN_TEXT_PX, "{layout:?}: {px} × {scale}");
            }
        }
    }

    #[test]
    fn the_wide_chart_fits_the_desktop_panels_height_budget() {
        // A 1280 × 800 window's panel is 656px wide inside; the chart may take 24% of the
        // window's height.
        let g = Geometry::of(&STORY, Layout::Wide);
        assert!(g.height * 656.0 / g.width <= 0.24 * 800.0, "{g:?}");
    }

    #[test]
    fn the_chart_reads_in_both_layouts_at_every_step() {
        for layout in Layout::ALL {
            let g = Geometry::of(&STORY, layout);
            let links = g.links(&STORY);
            assert_eq!(links.len(), STORY.relations.len());
            let problems = g.problems(&STORY, layout, &links);
            assert!(problems.is_empty(), "{layout:?}:\n{}", problems.join("\n"));
        }
    }

    #[test]
    fn a_label_meeting_a_box_or_another_label_is_a_problem() {
        let g = Geometry::of(&STORY, Layout::Wide);
        let mut links = g.links(&STORY);
        let hor = STORY.faction_index("hor").unwrap();
        links[0].label = g.positions[hor];
        links[1].label = links[2].label;
        let problems = g.problems(&STORY, Layout::Wide, &links).join("\n");
        assert!(problems.contains("covers hor"), "{problems}");
        assert!(
            problems.contains("labels of relations 1 and 2 meet"),
            "{problems}"
        );
    }

    #[test]
    fn text_width_is_an_upper_bound_of_the_widest_system_sans() {
        // DejaVu Sans (Linux's default sans), measured in Chromium: "pledged allegiance" is
        // 9.47 em, "Ansar al-Sharia" in bold 8.65 em.
        assert!(text_em("pledged allegiance", false) >= 9.47);
        assert!(text_em("Ansar al-Sharia", true) >= 8.65);
        assert!(text_em("pledged allegiance", false) <= 9.47 * 1.15);
    }

    #[test]
    fn long_names_take_two_lines_where_the_layout_is_narrow() {
        assert_eq!(name_lines("Ansar al-Sharia", 5.0), ["Ansar", "al-Sharia"]);
        assert_eq!(
            name_lines("Ansar al-Sharia", f64::INFINITY),
            ["Ansar al-Sharia"]
        );
        assert_eq!(name_lines("Residents", 1.0), ["Residents"]);
    }

    #[test]
    fn counts_follow_the_control_timeline() {
        // May: Haftar's side holds Bu Attni and Benina; no source says who held the three
        // bases Ansar al-Sharia later claims, so nobody is counted for them.
        assert_eq!(count(&at("may-offensive"), "haftar"), (2, 0));
        assert_eq!(count(&at("may-offensive"), "state"), (0, 0));
        assert_eq!(count(&at("may-offensive"), "islamist"), (0, 0));
        // 29 July: Bu Attni is overrun; base 319 has been claimed since 14 July.
        assert_eq!(count(&at("bu-attni"), "haftar"), (1, 0));
        assert_eq!(count(&at("bu-attni"), "islamist"), (1, 1));
        // The claims are counted apart.
        assert_eq!(count(&at("bases-seized"), "islamist"), (1, 3));
        assert_eq!(count(&at("bases-seized"), "state"), (0, 0));
        // The opening shows the end of the timeline.
        assert_eq!(at("gains").counts, at("un-statement").counts);
    }

    #[test]
    fn relations_appear_from_their_step_and_the_step_highlights_its_factions() {
        let may = at("may-offensive");
        let bu_attni = at("bu-attni");
        assert!(may.relations.len() < bu_attni.relations.len());
        let pledged = STORY
            .relations
            .iter()
            .position(|r| r.kind == RelationKind::PledgedAllegiance)
            .unwrap();
        assert!(!may.relations.contains(&pledged));
        assert!(bu_attni.new_relations.contains(&pledged));
        let id = |i: usize| STORY.factions[i].id.to_string();
        let lit: Vec<_> = bu_attni.highlighted.iter().map(|&i| id(i)).collect();
        for f in ["special-forces", "islamist-coalition", "haftar"] {
            assert!(lit.contains(&f.to_owned()), "{lit:?}");
        }
        let lit: Vec<_> = at("war-crimes")
            .highlighted
            .iter()
            .map(|&i| id(i))
            .collect();
        assert!(lit.contains(&"amnesty".to_owned()) && !lit.contains(&"hor".to_owned()));
        // At the end every relation is known.
        assert_eq!(at("un-statement").relations.len(), STORY.relations.len());
    }
}
