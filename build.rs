//! Compiles the story (the folder `STORY` names; story-compiler) and writes its script, the
//! frames the player plays, as a Rust constant to `$OUT_DIR/script.rs`. A bad data file fails
//! the build with one line per problem: file, line and column, entry, rule.

use std::{env, fs, path::Path, process};

fn main() {
    println!("cargo::rerun-if-env-changed=STORY");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let folder = story_compiler::story_folder(repo).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        process::exit(1)
    });
    let compiled = story_compiler::compile_dir(&folder, |path| {
        println!("cargo::rerun-if-changed={}", path.display());
    });
    let compiled = compiled.unwrap_or_else(|errors| {
        for e in &errors.0 {
            eprintln!("error: {}/{e}", folder.display());
        }
        eprintln!(
            "error: {} problem(s) in {}; nothing was built",
            errors.0.len(),
            folder.display()
        );
        process::exit(1)
    });
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("script.rs");
    fs::write(out, story_compiler::bake::rust(&compiled.script)).expect("write the baked script");
}
