//! The data rules: each test breaks one rule in otherwise good data and checks that the message
//! names the file, the line and column, the entry and the rule; some check that the line and
//! column point at what the edit broke.

use story_compiler::load::{load, DataFiles};
use story_compiler::model::Block;

/// The story's data as the repository has it.
fn bundled() -> DataFiles {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../stories/benghazi-2014");
    DataFiles::read_with(|path| std::fs::read_to_string(root.join(path)).unwrap())
}

/// The messages for the bundled data after `edit`; panics if it still loads.
fn errors_after(edit: impl FnOnce(&mut DataFiles)) -> Vec<String> {
    edited(edit).0
}

/// The messages for the bundled data after `edit`, and the edited data.
fn edited(edit: impl FnOnce(&mut DataFiles)) -> (Vec<String>, DataFiles) {
    let mut files = bundled();
    edit(&mut files);
    match load(&files) {
        Ok(_) => panic!("the edited data should not load"),
        Err(errors) => (errors.0.iter().map(ToString::to_string).collect(), files),
    }
}

/// Checks that `message` (`file:line:column: …`) points, in `files`, at text starting with
/// `spot`.
fn assert_points_at(files: &DataFiles, message: &str, spot: &str) {
    let place = message.split(": ").next().unwrap();
    let mut parts = place.rsplitn(3, ':');
    let column: usize = parts.next().unwrap().parse().expect("a column");
    let line: usize = parts.next().unwrap().parse().expect("a line");
    let text = files.text(parts.next().unwrap());
    let at: String = text
        .lines()
        .nth(line - 1)
        .expect("the line is in the file")
        .chars()
        .skip(column - 1)
        .collect();
    assert!(
        at.starts_with(spot),
        "{message} points at {at:?}, not at {spot:?}"
    );
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
fn the_bundled_data_loads() {
    let story = load(&bundled()).unwrap_or_else(|e| panic!("{e}"));
    assert!(story.steps.len() >= 10);
}

#[test]
fn an_unknown_place_id_is_named_with_its_step() {
    let (errors, files) =
        edited(|f| replace_once(&mut f.story, "place = \"bu-attni\"", "place = \"bu-atni\""));
    assert_one(
        &errors,
        "story.toml:81:9: step \"bu-attni\" (#5): unknown place id \"bu-atni\" (not defined in places.toml)",
    );
    assert_points_at(&files, &errors[0], "\"bu-atni\"");
}

#[test]
fn an_unknown_speaker_id_is_named_with_its_step() {
    let errors =
        errors_after(|f| replace_once(&mut f.story, "speaker = \"un\"", "speaker = \"unsmil\""));
    assert_one(
        &errors,
        "story.toml:188:11: step \"un-statement\" (#14): unknown speaker id \"unsmil\" (not defined in speakers.toml)",
    );
}

#[test]
fn an_unknown_source_id_is_named_with_its_entry() {
    let (errors, files) = edited(|f| {
        replace_once(
            &mut f.places,
            "windows = [\"libya\"]\nsources = [\"meed\", \"geonames\"]",
            "windows = [\"libya\"]\nsources = [\"meed\", \"reuters\"]",
        )
    });
    assert_one(
        &errors,
        "places.toml:151:20: place \"tripoli\" (#9): unknown source id \"reuters\" (not defined in sources.toml)",
    );
    assert_points_at(&files, &errors[0], "\"reuters\"");
}

#[test]
fn an_entry_without_a_source_is_refused() {
    let (errors, files) = edited(|f| {
        replace_once(
            &mut f.story,
            "zoom = 1.3\nsources = [\"meed\", \"wikipedia-benina\"]\n[[step.body]]\ntext = \"While most",
            "zoom = 1.3\nsources = []\n[[step.body]]\ntext = \"While most",
        )
    });
    assert_one(
        &errors,
        "story.toml:129:11: step \"air-force\" (#9): cites no source",
    );
    assert_points_at(&files, &errors[0], "[]");
}

#[test]
fn a_duplicate_step_id_names_both_entries() {
    let (errors, files) =
        edited(|f| replace_once(&mut f.story, "id = \"shortages\"", "id = \"war-crimes\""));
    assert_one(
        &errors,
        "story.toml:158:6: step \"war-crimes\" (#12): duplicate id \"war-crimes\": step #11 has it already",
    );
    assert_points_at(&files, &errors[0], "\"war-crimes\"");
}

#[test]
fn a_duplicate_place_id_is_refused() {
    let errors = errors_after(|f| {
        f.places.push_str(
            "\n[[place]]\nid = \"benina\"\nname = \"Benina again\"\nshort = \"Benina\"\nkind = \"airport\"\n\
             precision = \"exact\"\nlat = 32.1\nlon = 20.2\nsources = [\"meed\"]\n",
        )
    });
    assert_one(
        &errors,
        "places.toml:177:6: place \"benina\" (#11): duplicate id \"benina\": place #2 has it already",
    );
}

#[test]
fn a_missing_field_is_named_with_its_entry() {
    let (errors, files) = edited(|f| {
        replace_once(
            &mut f.story,
            "title = \"The fighters move to Ar Rajmah\"\n",
            "",
        )
    });
    assert_one(
        &errors,
        "story.toml:102:1: step \"ar-rajmah\" (#7): missing field `title`",
    );
    assert_points_at(&files, &errors[0], "[[step]]");
}

#[test]
fn a_missing_field_without_an_id_names_the_entry_by_position() {
    let (errors, files) = edited(|f| replace_once(&mut f.speakers, "id = \"bkkar\"\n", ""));
    // The quotes of the speaker are not reported: its id is unknown, not wrong.
    let message = "speakers.toml:13:1: speaker #2: missing field `id`";
    assert!(errors.contains(&message.to_owned()), "got {errors:#?}");
    assert_points_at(&files, message, "[[speaker]]");
}

#[test]
fn dates_out_of_story_order_are_refused() {
    let (errors, files) = edited(|f| {
        replace_once(
            &mut f.story,
            "date = \"2014-08-06\"",
            "date = \"2014-08-03\"",
        )
    });
    assert_eq!(
        errors,
        [
            "story.toml:151:8: step \"war-crimes\" (#11): date 2014-08-03 is earlier than 2014-08-04 of step \"hor\" before it: dates must run in story order",
            // and the date its text names
            "story.toml:151:8: step \"war-crimes\" (#11): date 2014-08-03 disagrees with \"6 August\" in its text",
        ]
    );
    assert_points_at(&files, &errors[0], "\"2014-08-03\"");
}

#[test]
fn a_month_orders_before_the_days_after_it() {
    // "May" then "29 July" is in order; "July" after "29 July" is not.
    let errors =
        errors_after(|f| replace_once(&mut f.story, "date = \"2014-08-04\"", "date = \"2014-07\""));
    assert_eq!(
        errors,
        [
            "story.toml:116:8: step \"hor\" (#8): date 2014-07 is earlier than 2014-07-29 of step \"bu-attni\" before it: dates must run in story order",
            "story.toml:116:8: step \"hor\" (#8): date 2014-07 disagrees with \"4 August\" in its text",
        ]
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
        "story.toml:80:8: step \"bu-attni\" (#5): date \"2014-07-32\" has no day 32",
    );
    let errors =
        errors_after(|f| replace_once(&mut f.story, "date = \"2014-07-29\"", "date = \"29 July\""));
    assert_one(
        &errors,
        "story.toml:80:8: step \"bu-attni\" (#5): date \"29 July\" is not YYYY-MM or YYYY-MM-DD",
    );
}

#[test]
fn a_quote_without_a_speaker_is_refused() {
    let (errors, files) = edited(|f| replace_once(&mut f.story, "speaker = \"un\"\n", ""));
    assert_one(
        &errors,
        "story.toml:184:1: step \"un-statement\" (#14): a quote needs a speaker",
    );
    assert_points_at(&files, &errors[0], "[[step.body]]");
}

#[test]
fn a_step_may_be_undated_but_has_one_time_not_two() {
    let mut files = bundled();
    replace_once(&mut files.story, "when = \"In recent weeks\"\n", "");
    load(&files).unwrap_or_else(|e| panic!("an undated step is allowed: {e}"));
    let (errors, files) = edited(|f| {
        replace_once(
            &mut f.story,
            "when = \"In recent weeks\"\n",
            "when = \"In recent weeks\"\ndate = \"2014-07-29\"\n",
        )
    });
    assert_one(
        &errors,
        "story.toml:94:8: step \"bases-seized\" (#6): has both a date and a \"when\": keep one",
    );
    assert_points_at(&files, &errors[0], "\"In recent weeks\"");
}

#[test]
fn a_step_may_name_no_place() {
    let mut files = bundled();
    replace_once(&mut files.story, "place = \"bu-attni\"\n", "");
    let story = load(&files).unwrap_or_else(|e| panic!("a step without a place is allowed: {e}"));
    assert_eq!(story.steps[4].place, None);
}

#[test]
fn a_faction_is_on_a_declared_side() {
    let (errors, files) = edited(|f| {
        replace_once(
            &mut f.factions,
            "side = \"international\"\ndescription = \"The UN",
            "side = \"un\"\ndescription = \"The UN",
        )
    });
    assert_one(
        &errors,
        "factions.toml:137:8: faction \"un\" (#9): unknown side id \"un\" (not defined in factions.toml)",
    );
    assert_points_at(&files, &errors[0], "\"un\"");
}

#[test]
fn a_side_colour_is_written_as_hex() {
    let (errors, files) =
        edited(|f| replace_once(&mut f.factions, "colour = \"#0072b2\"", "colour = \"blue\""));
    assert_one(
        &errors,
        "factions.toml:23:10: side \"haftar\" (#1): colour \"blue\" is not written \"#rrggbb\"",
    );
    assert_points_at(&files, &errors[0], "\"blue\"");
}

#[test]
fn an_event_is_of_a_declared_kind_and_a_line_has_two_places() {
    let (errors, files) =
        edited(|f| replace_once(&mut f.events, "kind = \"retreat\"", "kind = \"withdrawal\""));
    assert_one(
        &errors,
        "events.toml:120:8: event \"retreat\" (#7): unknown kind id \"withdrawal\" (not defined in events.toml)",
    );
    assert_points_at(&files, &errors[0], "\"withdrawal\"");
    let errors = errors_after(|f| {
        replace_once(
            &mut f.events,
            "places = [\"bu-attni\", \"ar-rajmah\"]",
            "places = [\"bu-attni\"]",
        )
    });
    assert_one(
        &errors,
        "events.toml:124:10: event \"retreat\" (#7): its kind \"retreat\" is drawn between two places: it needs two",
    );
}

#[test]
fn a_kinds_words_name_both_places() {
    let (errors, files) =
        edited(|f| replace_once(&mut f.events, "from {from} to {to}.", "to Ar Rajmah."));
    assert_one(
        &errors,
        "events.toml:35:9: kind \"retreat\" (#5): words must name both places, with {from} and {to}",
    );
    assert_points_at(&files, &errors[0], "\"An arrow");
}

#[test]
fn there_is_one_map_window_and_one_locator() {
    let (errors, files) =
        edited(|f| replace_once(&mut f.places, "role = \"locator\"", "role = \"map\""));
    assert_eq!(
        errors,
        [
            "places.toml: file: no [[window]] has role = \"locator\": the page draws one",
            "places.toml:30:8: window \"libya\": a second window with role = \"map\": the page draws one",
        ],
    );
    assert_points_at(&files, &errors[1], "\"map\"");
}

#[test]
fn a_step_id_must_be_usable_in_a_link() {
    let errors =
        errors_after(|f| replace_once(&mut f.story, "id = \"hor\"", "id = \"House of Reps\""));
    // Renaming the step also leaves the entries that refer to "hor" dangling; those follow.
    assert_eq!(
        errors[0],
        "story.toml:114:6: step \"House of Reps\" (#8): id \"House of Reps\" must be lowercase letters, digits and hyphens (it is a URL fragment)",
    );
}

#[test]
fn a_misspelt_key_is_refused() {
    let (errors, files) = edited(|f| {
        replace_once(
            &mut f.story,
            "title = \"A new parliament sits\"",
            "titel = \"A new parliament sits\"",
        )
    });
    assert_one(
        &errors,
        "story.toml:115:1: step \"hor\" (#8): unknown field `titel`, expected one of `id`, `title`, `date`, `when`, `place`, `focus`, `zoom`, `present`, `sources`, `body`",
    );
    assert_points_at(&files, &errors[0], "titel =");
}

#[test]
fn invalid_toml_names_the_file() {
    let (errors, files) = edited(|f| f.sources.push_str("\n[[source]\n"));
    assert_one(
        &errors,
        "sources.toml:119:10: file: is not valid TOML: unclosed array table, expected `]`",
    );
    // Just past the header that lacks its second bracket.
    assert_eq!(files.sources.lines().nth(118), Some("[[source]"));
}

#[test]
fn an_unknown_top_level_key_is_refused() {
    let (errors, files) = edited(|f| f.places.insert_str(0, "zoom = 3\n"));
    assert_one(&errors, "places.toml:1:1: file: unknown key \"zoom\"");
    assert_points_at(&files, &errors[0], "zoom");
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

#[test]
fn coordinates_outside_the_map_window_are_refused() {
    let (errors, files) = edited(|f| replace_once(&mut f.places, "lon = 20.281", "lon = 20.681"));
    assert_one(
        &errors,
        "places.toml:126:7: place \"ar-rajmah\" (#7): 32.115, 20.681 lies outside the window \"benghazi\" (lat 31.9 to 32.25, lon 19.85 to 20.55)",
    );
    assert_points_at(&files, &errors[0], "20.681");
}

#[test]
fn an_approximate_place_needs_a_radius() {
    let errors = errors_after(|f| replace_once(&mut f.places, "radius_km = 5.0\n", ""));
    assert_one(
        &errors,
        "places.toml:118:1: place \"ar-rajmah\" (#7): an approximate place needs a radius_km above 0",
    );
}

#[test]
fn an_approximate_place_needs_a_note_on_how_it_was_placed() {
    let errors =
        errors_after(|f| replace_once(&mut f.places, "notes = [\"ar-rajmah-location\"]\n", ""));
    assert_one(
        &errors,
        "places.toml:118:1: place \"ar-rajmah\" (#7): an approximate place needs a note saying how it was placed",
    );
}

#[test]
fn an_exact_place_has_no_radius() {
    let (errors, files) = edited(|f| {
        replace_once(
            &mut f.places,
            "lon = 13.18733\n",
            "lon = 13.18733\nradius_km = 1.0\n",
        )
    });
    assert_one(
        &errors,
        "places.toml:150:13: place \"tripoli\" (#9): an exact place has no radius_km: make it approximate",
    );
    assert_points_at(&files, &errors[0], "1.0");
}

#[test]
fn a_located_place_needs_coordinates_and_an_unknown_one_has_none() {
    let errors = errors_after(|f| replace_once(&mut f.places, "lat = 32.88743\n", ""));
    assert_one(
        &errors,
        "places.toml:141:1: place \"tripoli\" (#9): needs lat and lon",
    );
    let errors = errors_after(|f| {
        replace_once(
            &mut f.places,
            "precision = \"unknown\"\nsources = [\"meed\"]\nnotes = [\"shipna-location\"]",
            "precision = \"unknown\"\nlat = 32.1\nlon = 20.1\nsources = [\"meed\"]\nnotes = [\"shipna-location\"]",
        )
    });
    assert_one(
        &errors,
        "places.toml:138:7: place \"shipna\" (#8): a place of unknown position has no lat, lon or windows",
    );
}

#[test]
fn an_unknown_window_or_note_id_is_refused() {
    let errors = errors_after(|f| {
        replace_once(
            &mut f.places,
            "windows = [\"libya\"]\nsources = [\"geonames\"",
            "windows = [\"cyrenaica\"]\nsources = [\"geonames\"",
        )
    });
    assert_one(
        &errors,
        "places.toml:162:12: place \"tobruk\" (#10): unknown window id \"cyrenaica\" (not defined in places.toml)",
    );
    let errors = errors_after(|f| {
        replace_once(
            &mut f.places,
            "notes = [\"shipna-location\"]",
            "notes = [\"shipna\"]",
        )
    });
    assert_one(
        &errors,
        "places.toml:139:10: place \"shipna\" (#8): unknown note id \"shipna\" (not defined in notes.toml)",
    );
}

#[test]
fn a_relation_without_a_source_is_refused() {
    let (errors, files) = edited(|f| {
        replace_once(
            &mut f.factions,
            "summary = \"Haftar accused the GNC of supporting terrorism in Libya.\"\nsources = [\"meed\"]",
            "summary = \"Haftar accused the GNC of supporting terrorism in Libya.\"\nsources = []",
        )
    });
    assert_one(
        &errors,
        "factions.toml:241:11: relation #9 (haftar Accuses gnc): cites no source",
    );
    assert_points_at(&files, &errors[0], "[]");
}

#[test]
fn a_relation_names_known_factions_and_steps() {
    let errors = errors_after(|f| {
        replace_once(
            &mut f.factions,
            "from = \"gnc\"",
            "from = \"central-government\"",
        );
    });
    assert_one(
        &errors,
        "factions.toml:190:8: relation #4 (central-government NotAuthorised haftar): unknown faction id \"central-government\" (not defined in factions.toml)",
    );
    let errors = errors_after(|f| {
        replace_once(&mut f.factions, "step = \"un-talks\"", "step = \"un-talk\"");
    });
    assert_one(
        &errors,
        "factions.toml:265:8: relation #12 (un SeeksCeasefire militias): unknown step id \"un-talk\" (not defined in story.toml)",
    );
}

#[test]
fn a_duplicate_relation_is_refused() {
    let (errors, files) = edited(|f| {
        f.factions.push_str(
            "\n[[relation]]\nfrom = \"haftar\"\nto = \"gnc\"\nkind = \"accuses\"\nstep = \"hor\"\n\
             summary = \"Again.\"\nsources = [\"meed\"]\n",
        )
    });
    assert_one(
        &errors,
        "factions.toml:270:1: relation #13 (haftar Accuses gnc): duplicate: relation #9 says the same",
    );
    assert_points_at(&files, &errors[0], "[[relation]]");
}

#[test]
fn a_control_change_without_a_source_is_refused() {
    let errors = errors_after(|f| {
        replace_once(
            &mut f.control,
            "summary = \"Haftar amasses the main body of his troops here; the fighters from Bu Attni have moved here.\"\nsources = [\"meed\"]",
            "summary = \"Haftar amasses the main body of his troops here; the fighters from Bu Attni have moved here.\"\nsources = []",
        )
    });
    assert_one(
        &errors,
        "control.toml:101:11: change #8 (ar-rajmah Held): cites no source",
    );
}

#[test]
fn control_changes_of_a_place_run_in_story_order() {
    // The overrun of Bu Attni moved to a step before the one where the base is first held.
    let (errors, files) = edited(|f| {
        replace_once(
            &mut f.control,
            "status = \"overrun\"\nstep = \"bu-attni\"",
            "status = \"overrun\"\nstep = \"gains\"",
        )
    });
    assert_one(
        &errors,
        "control.toml:32:8: change #2 (bu-attni Overrun): step \"gains\" comes before the step of change #1 for the same place: changes must run in story order",
    );
    assert_points_at(&files, &errors[0], "\"gains\"");
}

#[test]
fn control_dates_of_a_place_run_in_date_order() {
    let errors = errors_after(|f| {
        replace_once(
            &mut f.control,
            "status = \"held\"\nstep = \"may-offensive\"\nwhen = \"Until 29 July\"",
            "status = \"held\"\nstep = \"may-offensive\"\ndate = \"2014-08-01\"",
        )
    });
    assert_one(
        &errors,
        "control.toml:33:8: change #2 (bu-attni Overrun): date 2014-07-29 is earlier than 2014-08-01 of change #1 (bu-attni Held) before it: dates must run in timeline order",
    );
}

#[test]
fn events_run_in_date_order() {
    let errors = errors_after(|f| {
        replace_once(
            &mut f.events,
            "date = \"2014-08-08\"",
            "date = \"2014-08-05\"",
        )
    });
    assert_one(
        &errors,
        "events.toml:175:8: event \"un-talks\" (#12): date 2014-08-05 is earlier than 2014-08-06 of event \"amnesty-statement\" before it: dates must run in timeline order",
    );
}

#[test]
fn the_control_state_follows_the_story() {
    let story = load(&bundled()).unwrap();
    let holder_at = |step: &str, place: &str| {
        let i = story.step_index(step).unwrap();
        story
            .control_at(i)
            .into_iter()
            .find(|c| c.place == place)
            .map(|c| (c.holder.to_string(), c.status))
    };
    use story_compiler::model::Status::*;
    let held = |who: &str, status| Some((who.to_owned(), status));
    // May: Bu Attni is the Special Forces'; no source says who held the bases claimed later, so
    // they have no holder; Ar Rajmah is not yet in play.
    assert_eq!(
        holder_at("may-offensive", "bu-attni"),
        held("special-forces", Held)
    );
    assert_eq!(holder_at("may-offensive", "base-319"), None);
    assert_eq!(holder_at("may-offensive", "ar-rajmah"), None);
    // 29 July: Bu Attni is overrun; Benina comes under threat; base 319 is claimed (14 July),
    // the other bases not yet.
    assert_eq!(
        holder_at("bu-attni", "bu-attni"),
        held("islamist-coalition", Overrun)
    );
    assert_eq!(
        holder_at("bu-attni", "benina"),
        held("air-force", UnderThreat)
    );
    assert_eq!(holder_at("bu-attni", "base-21"), None);
    assert_eq!(
        holder_at("bu-attni", "base-319"),
        held("ansar-al-sharia", Claimed)
    );
    // Then the claims, and the regrouping at Ar Rajmah.
    assert_eq!(
        holder_at("bases-seized", "base-21"),
        held("ansar-al-sharia", Claimed)
    );
    assert_eq!(holder_at("ar-rajmah", "ar-rajmah"), held("haftar", Held));
    // The opening steps speak of the time of the report: the state at the end.
    assert_eq!(
        holder_at("gains", "bu-attni"),
        held("islamist-coalition", Overrun)
    );
    assert_eq!(
        holder_at("gains", "two-march"),
        held("ansar-al-sharia", Claimed)
    );
    assert_eq!(
        story.control_at(0),
        story.control_at(story.steps.len() - 1),
        "the opening shows the final state"
    );
}

#[test]
fn every_note_is_linked_from_some_step_and_every_contested_fact_has_one() {
    let story = load(&bundled()).unwrap();
    let linked: Vec<_> = (0..story.steps.len())
        .flat_map(|i| story.notes_for_step(i))
        .map(|n| n.id.to_string())
        .collect();
    for note in story.notes.iter() {
        assert!(
            linked.contains(&note.id.to_string()),
            "note {} is linked from no step",
            note.id
        );
    }
    let bu_attni = story.step_index("bu-attni").unwrap();
    let ids: Vec<_> = story
        .notes_for_step(bu_attni)
        .iter()
        .map(|n| n.id.to_string())
        .collect();
    assert!(ids.contains(&"bu-attni-date".to_owned()), "{ids:?}");
    assert!(ids.contains(&"bu-attni-location".to_owned()), "{ids:?}");
}

/// Every sentence of the article (but its closing advertisement) is carried by the steps: each
/// run of four words of it appears in the text of the steps, their quotes and the speakers'
/// descriptions.
#[test]
fn every_sentence_of_the_article_is_in_the_story() {
    let story = load(&bundled()).unwrap();
    let article = include_str!("../../../stories/benghazi-2014/meed-2014-08.txt");
    let mut corpus = String::new();
    for step in story.steps.iter() {
        for block in step.body.iter() {
            match block {
                Block::Prose(text) | Block::Desk { text, .. } => corpus.push_str(text),
                Block::Quote { text, speaker } => {
                    let who = story.speaker(speaker).unwrap();
                    let surname = who.name.rsplit(' ').next().unwrap();
                    // How the article attributes a quote: in full the first time, then by surname.
                    corpus.push_str(&format!(
                        "“{text},” says {}, {}. “{text},” says {surname}. ",
                        who.name, who.role
                    ));
                }
            }
            corpus.push(' ');
        }
    }
    let words = |s: &str| -> Vec<String> {
        s.replace(" [sic]", "")
            .replace("siezed", "seized")
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let corpus_words = words(&corpus);
    let shingles: std::collections::HashSet<&[String]> = corpus_words.windows(4).collect();
    let paragraphs = article
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter(|l| !l.starts_with("Download the MEED app"));
    let mut missing = Vec::new();
    for paragraph in paragraphs {
        for sentence in paragraph.split_inclusive(['.', '?', '!']) {
            let w = words(sentence);
            if w.len() < 4 {
                continue;
            }
            if let Some(gap) = w.windows(4).find(|s| !shingles.contains(s)) {
                missing.push(format!("{:?} (at {:?})", sentence.trim(), gap.join(" ")));
            }
        }
    }
    assert!(missing.is_empty(), "not in the story: {missing:#?}");
}

#[test]
fn a_step_zoom_stays_in_range_and_its_focus_is_on_the_city_map() {
    let (errors, files) = edited(|f| replace_once(&mut f.story, "zoom = 3.0", "zoom = 9.0"));
    assert_one(
        &errors,
        "story.toml:83:8: step \"bu-attni\" (#5): zoom 9 is outside 1 to 4",
    );
    assert_points_at(&files, &errors[0], "9.0");
    let errors =
        errors_after(|f| replace_once(&mut f.story, "focus = \"ar-rajmah\"", "focus = \"tobruk\""));
    assert_one(
        &errors,
        "story.toml:107:9: step \"ar-rajmah\" (#7): focus \"tobruk\" is not drawn on the map (window \"benghazi\")",
    );
}

#[test]
fn a_route_names_drawn_places_and_says_how_it_is_drawn() {
    let errors =
        errors_after(|f| replace_once(&mut f.places, "to = \"benina\"", "to = \"tobruk\""));
    assert_one(
        &errors,
        "places.toml:40:6: route \"airport-road\" (#1): end \"tobruk\" is not drawn on the map (window \"benghazi\")",
    );
    let errors =
        errors_after(|f| replace_once(&mut f.places, "notes = [\"airport-road\"]", "notes = []"));
    assert_one(
        &errors,
        "places.toml:43:9: route \"airport-road\" (#1): needs a note saying how its course is drawn",
    );
}

#[test]
fn step_text_and_quotes_are_the_articles_words() {
    let (errors, files) = edited(|f| {
        replace_once(
            &mut f.story,
            "has been working long hours",
            "has been working very long hours",
        )
    });
    assert_one(
        &errors,
        "story.toml:131:8: step \"air-force\" (#9): text is not in the article (meed-2014-08.txt): \"While most of Haftar's ground troops…\"",
    );
    assert_points_at(&files, &errors[0], "\"While most");
    let errors = errors_after(|f| {
        replace_once(&mut f.story, "stood by their side,", "stood by their side.")
    });
    assert_one(
        &errors,
        "story.toml:88:9: step \"bu-attni\" (#5): quote is not in the article (meed-2014-08.txt): \"They were fighting alone, no [other]…\"",
    );
    // Only typographic quotes and dashes, white space and an editorial [sic] are let through.
    let errors = errors_after(|f| replace_once(&mut f.story, "siezed [sic]", "seized"));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains("text is not in the article"),
        "{errors:#?}"
    );
}

#[test]
fn the_desks_own_words_are_marked_and_cite_a_source() {
    let desk = "text = \"While most of Haftar’s ground troops idle, Benghazi’s air force has been working long hours.\"";
    let story = load(&{
        let mut f = bundled();
        replace_once(
            &mut f.story,
            desk,
            "text = \"The desk's words.\"\ndesk = true\nsources = [\"meed\"]",
        );
        f
    });
    assert!(story.is_ok(), "{story:?}");
    let errors = errors_after(|f| {
        replace_once(
            &mut f.story,
            desk,
            "text = \"The desk's words.\"\ndesk = true",
        )
    });
    assert_one(
        &errors,
        "story.toml:130:1: step \"air-force\" (#9): the desk's own words (desk = true) need sources = [...]",
    );
}

#[test]
fn a_date_in_a_steps_text_agrees_with_its_date() {
    let (errors, files) = edited(|f| {
        replace_once(
            &mut f.story,
            "date = \"2014-08-06\"",
            "date = \"2014-08-07\"",
        )
    });
    assert_one(
        &errors,
        "story.toml:151:8: step \"war-crimes\" (#11): date 2014-08-07 disagrees with \"6 August\" in its text",
    );
    assert_points_at(&files, &errors[0], "\"2014-08-07\"");
    // A month date holds the days its text names.
    let errors = errors_after(|f| {
        replace_once(&mut f.story, "date = \"2014-05\"", "date = \"2014-07\"");
        replace_once(&mut f.story, "his assault in May", "his assault on 3 June");
    });
    let message = "story.toml:71:8: step \"may-offensive\" (#4): date 2014-07 disagrees with \"3 June\" in its text";
    assert!(errors.contains(&message.to_owned()), "{errors:#?}");
}

#[test]
fn a_drawn_place_lies_in_the_locators_country() {
    // In Algeria, inside the locator's window, 0.6° west of the border.
    let (errors, files) = edited(|f| {
        replace_once(
            &mut f.places,
            "lat = 32.88743\nlon = 13.18733",
            "lat = 25.0\nlon = 9.4",
        )
    });
    assert_one(
        &errors,
        "places.toml:148:7: place \"tripoli\" (#9): 25, 9.4 lies outside Libya (its polygon in geo/locator.toml, give or take 0.15°)",
    );
    assert_points_at(&files, &errors[0], "25.0");
}

#[test]
fn a_place_a_step_names_is_drawn_or_says_why_not() {
    let (errors, files) = edited(|f| {
        replace_once(
            &mut f.places,
            "lon = 23.95385\nwindows = [\"libya\"]\n",
            "lon = 23.95385\n",
        )
    });
    assert_one(
        &errors,
        "story.toml:117:9: step \"hor\" (#8): place \"tobruk\" is drawn in no window: draw it, or say why in its not_drawn",
    );
    assert_points_at(&files, &errors[0], "\"tobruk\"");
    let story = load(&{
        let mut f = bundled();
        replace_once(
            &mut f.places,
            "lon = 23.95385\nwindows = [\"libya\"]\n",
            "lon = 23.95385\nnot_drawn = \"The parliament's seat, far east of the map.\"\n",
        );
        f
    });
    assert!(story.is_ok(), "{story:?}");
}

#[test]
fn only_a_faction_that_holds_ground_holds_a_place() {
    let (errors, files) =
        edited(|f| replace_once(&mut f.control, "holder = \"haftar\"", "holder = \"hor\""));
    assert_one(
        &errors,
        "control.toml:96:10: change #8 (ar-rajmah Held): holder \"hor\" cannot hold ground: only a faction with holds_ground = true holds or claims a place",
    );
    assert_points_at(&files, &errors[0], "\"hor\"");
}

#[test]
fn a_claim_cites_a_claim_and_a_fact_does_not() {
    let (errors, files) = edited(|f| {
        replace_once(
            &mut f.control,
            "source_words = \"its Bu Attni base was overrun",
            "source_words = \"Ansar al-Sharia claims its Bu Attni base was overrun",
        )
    });
    assert_one(
        &errors,
        "control.toml:29:16: change #2 (bu-attni Overrun): source_words speak of a claim, but the status is a fact: make it \"claimed\"",
    );
    assert_points_at(&files, &errors[0], "\"Ansar al-Sharia claims");
    let errors = errors_after(|f| {
        replace_once(
            &mut f.control,
            "source_words = \"its Bu Attni base was overrun",
            "source_words = \"its Bu Attni base was taken",
        );
        replace_once(
            &mut f.control,
            "status = \"overrun\"",
            "status = \"claimed\"",
        );
    });
    assert_one(
        &errors,
        "control.toml:29:16: change #2 (bu-attni Claimed): a claim's source_words must say it is one (claim, claimed, according to, says, said)",
    );
}

#[test]
fn a_step_with_the_articles_words_cites_the_primary_source() {
    let (errors, files) = edited(|f| {
        replace_once(
            &mut f.story,
            "zoom = 1.3\nsources = [\"meed\", \"wikipedia-benina\"]\n[[step.body]]\ntext = \"While most",
            "zoom = 1.3\nsources = [\"geonames\"]\n[[step.body]]\ntext = \"While most",
        )
    });
    assert_one(
        &errors,
        "story.toml:129:11: step \"air-force\" (#9): its text is the primary source's, so it cites \"meed\" ([meta] source)",
    );
    assert_points_at(&files, &errors[0], "[\"geonames\"]");
}
