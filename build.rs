//! Reads `data/`, validates it and writes the story as a Rust constant to `$OUT_DIR/story.rs`.
//! A bad data file fails the build with one line per problem: file, entry, rule.

#[allow(dead_code)] // the app uses parts of the model that the build script does not
#[path = "src/story/model.rs"]
mod model;

#[path = "src/story/load.rs"]
mod load;

use databake::{Bake, CrateEnv};
use std::{env, fs, path::Path, process};

fn main() {
    let files = load::DataFiles::read_with(|path| {
        println!("cargo::rerun-if-changed={path}");
        fs::read_to_string(path).unwrap_or_else(|e| {
            eprintln!("error: {path}: cannot read: {e}");
            process::exit(1)
        })
    });
    let story = match load::load(&files) {
        Ok(story) => story,
        Err(errors) => {
            for e in &errors.0 {
                eprintln!("error: {e}");
            }
            eprintln!(
                "error: {} problem(s) in data/; nothing was built",
                errors.0.len()
            );
            process::exit(1)
        }
    };
    let baked = story.bake(&CrateEnv::default());
    let code = format!(
        "/// The validated story, baked from data/ by build.rs.\n\
         pub static STORY: crate::story::model::Story = {baked};\n"
    );
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("story.rs");
    fs::write(&out, code).expect("write the baked story");
}
