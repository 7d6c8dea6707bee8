//! `check-story` on the made-up folders of `tests/bad-stories/`: the good one passes; each other
//! breaks one rule, and check-story prints exactly the lines of its `expected.txt` (file, line,
//! column, entry, rule) and fails.

use std::path::Path;
use std::process::Command;

const FOLDER: &str = "tests/bad-stories";

/// Runs check-story from the repository's root on `tests/bad-stories/<case>`.
fn check(case: &str) -> (bool, String, String) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new(env!("CARGO_BIN_EXE_check-story"))
        .arg(format!("{FOLDER}/{case}"))
        .current_dir(&repo)
        .output()
        .expect("run check-story");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8 output");
    (out.status.success(), text(out.stdout), text(out.stderr))
}

fn cases() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(FOLDER);
    let mut cases: Vec<String> = std::fs::read_dir(&root)
        .expect("tests/bad-stories")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.is_dir())
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    cases
}

#[test]
fn the_good_folder_passes() {
    let (ok, stdout, stderr) = check("good");
    assert!(ok, "{stderr}");
    assert_eq!(stderr, "");
    assert!(
        stdout.starts_with(&format!("{FOLDER}/good: ok: 2 steps, 2 places")),
        "{stdout}"
    );
}

#[test]
fn each_bad_folder_fails_with_its_expected_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(FOLDER);
    let bad: Vec<String> = cases().into_iter().filter(|c| c != "good").collect();
    assert!(bad.len() >= 7, "{bad:?}");
    let mut wrong = Vec::new();
    for case in &bad {
        let expected = std::fs::read_to_string(root.join(case).join("expected.txt"))
            .unwrap_or_else(|e| panic!("{FOLDER}/{case}/expected.txt: {e}"));
        assert!(!expected.trim().is_empty(), "{case}: expected.txt is empty");
        let (ok, stdout, stderr) = check(case);
        if ok || !stdout.is_empty() || stderr != expected {
            wrong.push(format!(
                "{case}: passed {ok}, printed\n{stdout}{stderr}expected\n{expected}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
