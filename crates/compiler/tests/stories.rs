//! Every story folder of the repository compiles: the stories under `stories/` and the
//! fixtures under `tests/stories/` (the e2e suite builds one of each).

use std::path::{Path, PathBuf};
use story_compiler::compile_dir;

fn story_folders() -> Vec<PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut folders: Vec<PathBuf> = ["stories", "tests/stories"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(repo.join(dir)).expect("a folder of stories"))
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.join("story.toml").is_file())
        .collect();
    folders.sort();
    folders
}

#[test]
fn every_story_folder_compiles() {
    let folders = story_folders();
    assert!(folders.len() >= 2, "{folders:?}");
    for folder in folders {
        let compiled =
            compile_dir(&folder, |_| {}).unwrap_or_else(|e| panic!("{}:\n{e}", folder.display()));
        assert_eq!(compiled.script.frames.len(), compiled.story.steps.len());
    }
}

#[test]
fn every_storys_chart_reads_in_both_layouts() {
    for folder in story_folders() {
        let compiled =
            compile_dir(&folder, |_| {}).unwrap_or_else(|e| panic!("{}:\n{e}", folder.display()));
        for chart in &compiled.charts {
            let problems = chart
                .geometry
                .problems(&compiled.story, chart.layout, &chart.links);
            assert!(
                problems.is_empty(),
                "{} {:?}:\n{}",
                folder.display(),
                chart.layout,
                problems.join("\n")
            );
        }
    }
}
