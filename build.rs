//! Compiles the story in `data/` (story-compiler) and writes its script, the frames the player
//! plays, as a Rust constant to `$OUT_DIR/script.rs`. A bad data file fails the build with one
//! line per problem: file, entry, rule.

use std::{env, fs, path::Path, process};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let compiled = story_compiler::compile_dir(root, |path| {
        println!("cargo::rerun-if-changed={}", path.display());
    });
    let compiled = compiled.unwrap_or_else(|errors| {
        for e in &errors.0 {
            eprintln!("error: {e}");
        }
        eprintln!(
            "error: {} problem(s) in data/; nothing was built",
            errors.0.len()
        );
        process::exit(1)
    });
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("script.rs");
    fs::write(out, story_compiler::bake::rust(&compiled.script)).expect("write the baked script");
}
