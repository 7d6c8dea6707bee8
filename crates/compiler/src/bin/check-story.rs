//! `check-story [FOLDER]`: validates and compiles a story folder (every rule, the frames, the
//! geometry) without building the page, in seconds. Default folder: `STORY` (under cargo, the
//! repository's `.cargo/config.toml` sets it).
//!
//! Each problem is one line on stderr, `<folder>/<file>:<line>:<column>: <entry>: <problem>`,
//! the form editors and CI logs turn into a link; the exit status is then 1. A good story prints
//! one line of what was checked and exits 0.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use story_compiler::load::STORY_FILE;
use story_compiler::{compile_dir, model::WindowRole, Compiled};

fn main() -> ExitCode {
    let Some(folder) = std::env::args_os()
        .nth(1)
        .or_else(|| std::env::var_os("STORY"))
    else {
        eprintln!("usage: check-story FOLDER (or set STORY)");
        return ExitCode::from(2);
    };
    let folder = shown(Path::new(&folder));
    if !folder.join(STORY_FILE).is_file() {
        eprintln!(
            "{}: not a story folder: it has no {STORY_FILE}",
            folder.display()
        );
        return ExitCode::from(2);
    }
    match compile_dir(&folder, |_| {}) {
        Ok(compiled) => {
            println!("{}: {}", folder.display(), summary(&compiled));
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for e in &errors.0 {
                let mut line = folder.join(e.file).display().to_string();
                if let Some(at) = e.at {
                    line += &format!(":{}:{}", at.line, at.column);
                }
                eprintln!("{line}: {}: {}", e.entry, e.problem);
            }
            ExitCode::FAILURE
        }
    }
}

/// The folder as the reader would name it: relative to the working folder when it is under it
/// (cargo's `STORY` is absolute).
fn shown(folder: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| folder.strip_prefix(cwd).ok())
        .filter(|relative| !relative.as_os_str().is_empty())
        .map_or_else(|| folder.to_path_buf(), Path::to_path_buf)
}

/// What was checked, in one line.
fn summary(compiled: &Compiled) -> String {
    let story = &compiled.story;
    let drawn = story
        .places
        .iter()
        .filter(|p| story.drawn_in(p, WindowRole::Map))
        .count();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "ok: {}, {} ({drawn} on the map), {}, {} on {}, {}, {}, {} of {}, {}, {}; {} compiled",
        plural(story.steps.len(), "step", "steps"),
        plural(story.places.len(), "place", "places"),
        plural(story.routes.len(), "route", "routes"),
        plural(story.factions.len(), "faction", "factions"),
        plural(story.sides.len(), "side", "sides"),
        plural(story.relations.len(), "relation", "relations"),
        plural(story.control.len(), "control change", "control changes"),
        plural(story.events.len(), "event", "events"),
        plural(story.kinds.len(), "kind", "kinds"),
        plural(story.notes.len(), "note", "notes"),
        plural(story.sources.len(), "source", "sources"),
        plural(compiled.script.frames.len(), "frame", "frames"),
    )
}
