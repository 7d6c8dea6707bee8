//! The words that stand in for the graphics, as compiled for every step: the map described from
//! the same frame it draws, the chart's parties and counts, and the live region's announcement.

use std::sync::LazyLock;
use story_compiler::vocabulary::{status_words, STATUSES};
use story_compiler::{compile_dir, Compiled};
use story_script::LineStyle;

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../stories/benghazi-2014");
    compile_dir(&root, |_| {}).unwrap_or_else(|e| panic!("{e}"))
});

#[test]
fn the_map_in_words_says_who_holds_each_drawn_place_as_the_map_draws_it() {
    let (story, script) = (&COMPILED.story, &COMPILED.script);
    for (i, frame) in script.frames.iter().enumerate() {
        let words = &frame.map_words;
        let shown = words.rows.iter().filter(|r| r.is_some()).count();
        assert_eq!(shown, story.control_at(i).len(), "step {i}");
        for (m, mf) in frame.map.markers.iter().enumerate() {
            let place = &story.places[COMPILED.plan.places[m]];
            if mf.look == 0 {
                continue; // no one holds it in the story
            }
            let status = STATUSES[usize::from(mf.look) - 1];
            let row = COMPILED
                .rows
                .iter()
                .position(|r| r.place == COMPILED.plan.places[m])
                .unwrap_or_else(|| panic!("step {i}: no row for {}", place.id));
            assert!(COMPILED.rows[row].drawn);
            let holder = story
                .factions
                .iter()
                .find(|f| f.short == mf.holder)
                .unwrap();
            let said = words.rows[row].as_deref().unwrap();
            assert_eq!(
                said,
                format!("{} {}", status_words(status), holder.name),
                "step {i}"
            );
            assert!(words.summary.contains(&format!("{}: {said}", place.name)));
        }
        let step = &story.steps[i];
        for event in story.events.iter().filter(|e| e.step == step.id) {
            assert!(
                words.summary.contains(event.title.trim_end_matches('.')),
                "{}",
                event.id
            );
        }
        let drawn = |style: LineStyle| {
            script
                .lines
                .iter()
                .zip(frame.map.lines.iter())
                .any(|(l, &d)| l.style == style && d > 0.0)
        };
        assert_eq!(
            drawn(LineStyle::Arrow),
            words.summary.contains("move from"),
            "step {i}"
        );
        assert_eq!(
            drawn(LineStyle::Fan),
            words.summary.contains("air raids from"),
            "step {i}"
        );
    }
}

#[test]
fn places_no_source_locates_are_said_to_be_off_the_map() {
    let story = &COMPILED.story;
    let i = story.step_index("bases-seized").unwrap();
    let words = &COMPILED.script.frames[i].map_words;
    let row = COMPILED
        .rows
        .iter()
        .position(|r| story.places[r.place].name == "Base 21")
        .unwrap();
    assert!(!COMPILED.rows[row].drawn);
    assert!(words.rows[row]
        .as_deref()
        .unwrap()
        .starts_with("claimed, unconfirmed, by"));
    assert!(words.summary.contains("Base 21: claimed, unconfirmed, by"));
    assert!(words
        .summary
        .contains("(not on the map: no source locates it)"));
}

#[test]
fn the_chart_in_words_names_the_steps_parties_and_counts_the_bases() {
    let story = &COMPILED.story;
    for (i, frame) in COMPILED.script.frames.iter().enumerate() {
        let chart = &frame.chart;
        for (f, &lit) in chart.lit.iter().enumerate() {
            if lit {
                assert!(
                    chart.summary.contains(&story.factions[f].name),
                    "step {i}: {}",
                    chart.summary
                );
            }
        }
        for count in chart.counts.iter() {
            assert!(
                chart.summary.contains(&format!(" {}", count.held)),
                "step {i}"
            );
        }
    }
}

#[test]
fn a_step_change_is_announced_by_number_title_and_time() {
    let story = &COMPILED.story;
    let i = story.step_index("bu-attni").unwrap();
    assert_eq!(
        COMPILED.script.frames[i].announcement,
        format!(
            "Step {} of {}: A coalition of Islamist militias overruns the Bu Attni base. 29 July 2014.",
            i + 1,
            story.steps.len()
        )
    );
    assert_eq!(
        story_compiler::words::announcement(story, story.steps.len()),
        ""
    );
}
