//! Where each faction sits in the chart, which relations and factions a step shows, and the
//! count of bases per side: pure functions of the story and the step.

use crate::story::{PlaceKind, RelationKind, Side, Status, Story};

/// The two layouts of the chart: columns of sides across a wide panel, rows of sides down a
/// phone's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Wide,
    Narrow,
}

/// A layout's viewBox, its boxes' sizes and each faction's box centre (`Story::factions` order).
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub width: f64,
    pub height: f64,
    pub node_widths: Vec<f64>,
    pub node_height: f64,
    pub font_px: f64,
    pub positions: Vec<(f64, f64)>,
}

/// The group of each side, in reading order: Haftar's side faces the Islamists across the
/// state institutions and the outside world.
fn group(side: Side) -> usize {
    match side {
        Side::Haftar => 0,
        Side::State => 1,
        Side::International | Side::Combatants | Side::Civilians => 2,
        Side::Islamist => 3,
    }
}

/// Space kept between boxes and around the edge, in viewBox px.
const GAP: f64 = 10.0;

impl Geometry {
    pub fn of(story: &Story, layout: Layout) -> Geometry {
        let (width, height, node_height, font_px) = match layout {
            Layout::Wide => (800.0, 250.0, 34.0, 14.0),
            Layout::Narrow => (400.0, 300.0, 34.0, 12.5),
        };
        let groups: Vec<usize> = story.factions.iter().map(|f| group(f.side)).collect();
        let size = |g: usize| groups.iter().filter(|&&x| x == g).count() as f64;
        // Groups are columns (wide) or rows (narrow); members spread evenly along them.
        let node_widths: Vec<f64> = groups
            .iter()
            .map(|&g| match layout {
                Layout::Wide => 150.0,
                Layout::Narrow => (width / size(g) - GAP).min(180.0),
            })
            .collect();
        let mut seen = [0usize; 4];
        let positions = groups
            .iter()
            .zip(&node_widths)
            .map(|(&g, &w)| {
                let along = (seen[g] as f64 + 0.5) / size(g);
                seen[g] += 1;
                match layout {
                    Layout::Wide => (
                        w / 2.0 + GAP + g as f64 * (width - w - 2.0 * GAP) / 3.0,
                        along * height,
                    ),
                    Layout::Narrow => (
                        along * width,
                        node_height / 2.0
                            + GAP
                            + g as f64 * (height - node_height - 2.0 * GAP) / 3.0,
                    ),
                }
            })
            .collect();
        Geometry {
            width,
            height,
            node_widths,
            node_height,
            font_px,
            positions,
        }
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
    pub side: Side,
    pub held: usize,
    pub claimed: usize,
}

/// The sides whose bases are counted, in the order the bars are drawn.
pub const COUNTED_SIDES: [Side; 3] = [Side::Haftar, Side::State, Side::Islamist];

impl ChartState {
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

/// Bases (and the air base) per side at a step, from the control timeline: claims apart from
/// what is reported as held, overrun or seized.
pub fn base_counts(story: &Story, index: usize) -> Vec<BaseCount> {
    let control = story.control_at(index);
    COUNTED_SIDES
        .iter()
        .map(|&side| {
            let mut count = BaseCount {
                side,
                held: 0,
                claimed: 0,
            };
            for change in &control {
                let is_base = story
                    .place(&change.place)
                    .is_some_and(|p| matches!(p.kind, PlaceKind::Base | PlaceKind::Airport));
                let holder_side = story.faction(&change.holder).map(|f| f.side);
                if !is_base || holder_side != Some(side) {
                    continue;
                }
                match change.status {
                    Status::Claimed => count.claimed += 1,
                    Status::ReportedAbandoned => {}
                    Status::Held | Status::Overrun | Status::Seized | Status::UnderThreat => {
                        count.held += 1
                    }
                }
            }
            count
        })
        .collect()
}

/// How a relation is drawn: its words, and its line.
pub fn relation_label(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Allied => "allied",
        RelationKind::Supports => "supports",
        RelationKind::PledgedAllegiance => "pledged allegiance",
        RelationKind::Fighting => "fighting",
        RelationKind::NotAuthorised => "did not authorise",
        RelationKind::AwaitsAuthorisation => "awaits permission",
        RelationKind::Accuses => "accuses",
        RelationKind::SeeksCeasefire => "seeks ceasefire",
        RelationKind::Harms => "harms",
    }
}

/// The CSS class of a relation's line: each kind differs in dash pattern or weight, not in
/// colour alone.
pub fn relation_class(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Allied => "rel rel-allied",
        RelationKind::Supports => "rel rel-supports",
        RelationKind::PledgedAllegiance => "rel rel-pledged",
        RelationKind::Fighting => "rel rel-fighting",
        RelationKind::NotAuthorised => "rel rel-not-authorised",
        RelationKind::AwaitsAuthorisation => "rel rel-awaits",
        RelationKind::Accuses => "rel rel-accuses",
        RelationKind::SeeksCeasefire => "rel rel-ceasefire",
        RelationKind::Harms => "rel rel-harms",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::STORY;

    fn at(id: &str) -> ChartState {
        ChartState::at(&STORY, STORY.step_index(id).unwrap())
    }

    fn count(state: &ChartState, side: Side) -> (usize, usize) {
        let c = state.counts.iter().find(|c| c.side == side).unwrap();
        (c.held, c.claimed)
    }

    #[test]
    fn factions_sit_in_their_sides_groups_without_overlapping() {
        for layout in [Layout::Wide, Layout::Narrow] {
            let g = Geometry::of(&STORY, layout);
            let p = &g.positions;
            assert_eq!(p.len(), STORY.factions.len());
            for (i, a) in p.iter().enumerate() {
                let wa = g.node_widths[i];
                assert!(
                    a.0 - wa / 2.0 >= 0.0 && a.0 + wa / 2.0 <= g.width,
                    "{layout:?} {a:?}"
                );
                assert!(
                    a.1 - g.node_height / 2.0 >= 0.0 && a.1 + g.node_height / 2.0 <= g.height,
                    "{layout:?} {a:?}"
                );
                for (j, b) in p.iter().enumerate().skip(i + 1) {
                    let apart = (a.0 - b.0).abs() >= (wa + g.node_widths[j]) / 2.0 + 4.0
                        || (a.1 - b.1).abs() >= g.node_height + 4.0;
                    assert!(apart, "{layout:?}: {a:?} and {b:?} overlap");
                }
            }
            let at = |id: &str| p[STORY.factions.iter().position(|f| f.id == id).unwrap()];
            let order = |id: &str| match layout {
                Layout::Wide => at(id).0,
                Layout::Narrow => at(id).1,
            };
            assert!(order("haftar") < order("hor") && order("hor") < order("un"));
            assert!(order("un") < order("ansar-al-sharia"));
        }
    }

    #[test]
    fn every_short_name_fits_its_box() {
        // Bold sans-serif: about 0.6 em a character, with 10 px of margin and the side bar.
        for layout in [Layout::Wide, Layout::Narrow] {
            let g = Geometry::of(&STORY, layout);
            for (i, f) in STORY.factions.iter().enumerate() {
                let w = f.short.chars().count() as f64 * g.font_px * 0.6 + 16.0;
                assert!(
                    w <= g.node_widths[i],
                    "{} is too long for {layout:?}",
                    f.short
                );
            }
        }
    }

    #[test]
    fn counts_follow_the_control_timeline() {
        // May: the military holds its three bases, Haftar's side Bu Attni and Benina.
        assert_eq!(count(&at("may-offensive"), Side::Haftar), (2, 0));
        assert_eq!(count(&at("may-offensive"), Side::State), (3, 0));
        assert_eq!(count(&at("may-offensive"), Side::Islamist), (0, 0));
        // 29 July: Bu Attni is overrun.
        assert_eq!(count(&at("bu-attni"), Side::Haftar), (1, 0));
        assert_eq!(count(&at("bu-attni"), Side::Islamist), (1, 0));
        // The claims are counted apart.
        assert_eq!(count(&at("bases-seized"), Side::Islamist), (1, 3));
        assert_eq!(count(&at("bases-seized"), Side::State), (0, 0));
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
