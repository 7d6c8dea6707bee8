//! The data rules: each test breaks one rule in otherwise good data and checks that the message
//! names the file, the entry and the rule.
#![cfg(not(target_arch = "wasm32"))]

use benghazi_explainer::story::load::{load, DataFiles};
use benghazi_explainer::story::STORY;

fn bundled() -> DataFiles {
    DataFiles {
        story: include_str!("../data/story.toml").to_owned(),
        places: include_str!("../data/places.toml").to_owned(),
        speakers: include_str!("../data/speakers.toml").to_owned(),
        sources: include_str!("../data/sources.toml").to_owned(),
    }
}

/// The messages for the bundled data after `edit`; panics if it still loads.
fn errors_after(edit: impl FnOnce(&mut DataFiles)) -> Vec<String> {
    let mut files = bundled();
    edit(&mut files);
    match load(&files) {
        Ok(_) => panic!("the edited data should not load"),
        Err(errors) => errors.0.iter().map(ToString::to_string).collect(),
    }
}

/// Replaces exactly one occurrence, so a test cannot silently edit nothing.
fn replace_once(text: &mut String, from: &str, to: &str) {
    assert_eq!(text.matches(from).count(), 1, "expected one {from:?}");
    *text = text.replacen(from, to, 1);
}

fn assert_one(errors: &[String], expected: &str) {
    assert_eq!(errors, [expected.to_owned()], "got {errors:#?}");
}

#[test]
fn the_bundled_data_loads_and_is_what_the_build_embedded() {
    let story = load(&bundled()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(story, STORY);
    assert!(story.steps.len() >= 10);
}

#[test]
fn an_unknown_place_id_is_named_with_its_step() {
    let errors =
        errors_after(|f| replace_once(&mut f.story, "place = \"bu-attni\"", "place = \"bu-atni\""));
    assert_one(
        &errors,
        "data/story.toml: step \"bu-attni\" (#5): unknown place id \"bu-atni\" (not defined in data/places.toml)",
    );
}

#[test]
fn an_unknown_speaker_id_is_named_with_its_step() {
    let errors =
        errors_after(|f| replace_once(&mut f.story, "speaker = \"un\"", "speaker = \"unsmil\""));
    assert_one(
        &errors,
        "data/story.toml: step \"un-statement\" (#14): unknown speaker id \"unsmil\" (not defined in data/speakers.toml)",
    );
}

#[test]
fn an_unknown_source_id_is_named_with_its_entry() {
    let errors = errors_after(|f| {
        replace_once(
            &mut f.places,
            "id = \"tripoli\"\nname = \"Tripoli\"\nsources = [\"meed\"]",
            "id = \"tripoli\"\nname = \"Tripoli\"\nsources = [\"reuters\"]",
        )
    });
    assert_one(
        &errors,
        "data/places.toml: place \"tripoli\" (#6): unknown source id \"reuters\" (not defined in data/sources.toml)",
    );
}

#[test]
fn an_entry_without_a_source_is_refused() {
    let errors = errors_after(|f| {
        replace_once(
            &mut f.story,
            "id = \"hor\"\ntitle = \"A new parliament sits\"\ndate = \"2014-08-04\"\nplace = \"libya\"\nsources = [\"meed\"]",
            "id = \"hor\"\ntitle = \"A new parliament sits\"\ndate = \"2014-08-04\"\nplace = \"libya\"\nsources = []",
        )
    });
    assert_one(
        &errors,
        "data/story.toml: step \"hor\" (#8): cites no source",
    );
}

#[test]
fn a_duplicate_step_id_names_both_entries() {
    let errors =
        errors_after(|f| replace_once(&mut f.story, "id = \"shortages\"", "id = \"war-crimes\""));
    assert_one(
        &errors,
        "data/story.toml: step \"war-crimes\" (#12): duplicate id \"war-crimes\": step #11 has it already",
    );
}

#[test]
fn a_duplicate_place_id_is_refused() {
    let errors = errors_after(|f| {
        f.places.push_str(
            "\n[[place]]\nid = \"benina\"\nname = \"Benina again\"\nsources = [\"meed\"]\n",
        )
    });
    assert_one(
        &errors,
        "data/places.toml: place \"benina\" (#8): duplicate id \"benina\": place #2 has it already",
    );
}

#[test]
fn a_missing_field_is_named_with_its_entry() {
    let errors =
        errors_after(|f| replace_once(&mut f.story, "title = \"Regrouping at Ar Rajmah\"\n", ""));
    assert_one(
        &errors,
        "data/story.toml: step \"ar-rajmah\" (#7): missing field `title`",
    );
}

#[test]
fn a_missing_field_without_an_id_names_the_entry_by_position() {
    let errors = errors_after(|f| replace_once(&mut f.speakers, "id = \"bkkar\"\n", ""));
    assert!(
        errors.contains(&"data/speakers.toml: speaker #2: missing field `id`".to_owned()),
        "got {errors:#?}"
    );
}

#[test]
fn dates_out_of_story_order_are_refused() {
    let errors = errors_after(|f| {
        replace_once(
            &mut f.story,
            "date = \"2014-08-06\"",
            "date = \"2014-08-03\"",
        )
    });
    assert_one(
        &errors,
        "data/story.toml: step \"war-crimes\" (#11): date 2014-08-03 is earlier than 2014-08-04 of step \"hor\" before it: dates must run in story order",
    );
}

#[test]
fn a_month_orders_before_the_days_after_it() {
    // "May" then "29 July" is in order; "July" after "29 July" is not.
    let errors =
        errors_after(|f| replace_once(&mut f.story, "date = \"2014-08-04\"", "date = \"2014-07\""));
    assert_one(
        &errors,
        "data/story.toml: step \"hor\" (#8): date 2014-07 is earlier than 2014-07-29 of step \"bu-attni\" before it: dates must run in story order",
    );
}

#[test]
fn an_impossible_date_is_refused() {
    let errors = errors_after(|f| {
        replace_once(
            &mut f.story,
            "date = \"2014-07-29\"",
            "date = \"2014-07-32\"",
        )
    });
    assert_one(
        &errors,
        "data/story.toml: step \"bu-attni\" (#5): date \"2014-07-32\" has no day 32",
    );
    let errors =
        errors_after(|f| replace_once(&mut f.story, "date = \"2014-07-29\"", "date = \"29 July\""));
    assert_one(
        &errors,
        "data/story.toml: step \"bu-attni\" (#5): date \"29 July\" is not YYYY-MM or YYYY-MM-DD",
    );
}

#[test]
fn a_quote_without_a_speaker_is_refused() {
    let errors = errors_after(|f| replace_once(&mut f.story, "speaker = \"un\"\n", ""));
    assert_one(
        &errors,
        "data/story.toml: step \"un-statement\" (#14): a quote needs a speaker",
    );
}

#[test]
fn a_step_needs_a_date_or_the_articles_words_for_the_time() {
    let errors = errors_after(|f| replace_once(&mut f.story, "when = \"In recent weeks\"\n", ""));
    assert_one(
        &errors,
        "data/story.toml: step \"bases-seized\" (#6): needs a date or, where the article gives none, a \"when\"",
    );
}

#[test]
fn a_step_id_must_be_usable_in_a_link() {
    let errors =
        errors_after(|f| replace_once(&mut f.story, "id = \"hor\"", "id = \"House of Reps\""));
    assert_one(
        &errors,
        "data/story.toml: step \"House of Reps\" (#8): id \"House of Reps\" must be lowercase letters, digits and hyphens (it is a URL fragment)",
    );
}

#[test]
fn a_misspelt_key_is_refused() {
    let errors = errors_after(|f| {
        replace_once(
            &mut f.story,
            "title = \"A new parliament sits\"",
            "titel = \"A new parliament sits\"",
        )
    });
    assert_eq!(errors.len(), 1, "got {errors:#?}");
    assert!(
        errors[0].starts_with("data/story.toml: step \"hor\" (#8): unknown field `titel`"),
        "got {errors:#?}"
    );
}

#[test]
fn invalid_toml_names_the_file() {
    let errors = errors_after(|f| f.sources.push_str("\n[[source]\n"));
    assert_eq!(errors.len(), 1, "got {errors:#?}");
    assert!(
        errors[0].starts_with("data/sources.toml: file: is not valid TOML:"),
        "got {errors:#?}"
    );
}

#[test]
fn an_unknown_top_level_key_is_refused() {
    let errors = errors_after(|f| f.places.insert_str(0, "zoom = 3\n"));
    assert_one(&errors, "data/places.toml: file: unknown key \"zoom\"");
}

#[test]
fn every_problem_is_reported_at_once() {
    let errors = errors_after(|f| {
        replace_once(&mut f.story, "place = \"shipna\"", "place = \"shabna\"");
        replace_once(
            &mut f.story,
            "speaker = \"bkkar\"\n[[step.body]]",
            "speaker = \"bakkar\"\n[[step.body]]",
        );
    });
    assert_eq!(errors.len(), 2, "got {errors:#?}");
}
