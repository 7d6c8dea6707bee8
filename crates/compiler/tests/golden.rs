//! The compiled frames of every step are the ones committed in `tests/golden/`: a change to the
//! data or to the compiler must show there, reviewed in its diff. `make golden` (which sets
//! `UPDATE_GOLDEN=1`) writes the file anew.

use std::path::Path;
use story_compiler::{compile_dir, golden};

#[test]
fn the_compiled_frames_are_the_committed_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../stories/benghazi-2014");
    let compiled = compile_dir(&root, |_| {}).unwrap_or_else(|e| panic!("{e}"));
    let text = golden::text(&compiled);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/benghazi.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != text {
        let changed: Vec<String> = committed
            .lines()
            .zip(text.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(12)
            .map(|(i, (a, b))| format!("line {}:\n  - {a}\n  + {b}", i + 1))
            .collect();
        panic!(
            "the compiled frames differ from {} ({} lines committed, {} compiled); first changes:\n{}\n\
             If the change is intended, run `make golden` and review the file's diff.",
            path.display(),
            committed.lines().count(),
            text.lines().count(),
            changed.join("\n")
        );
    }
}
