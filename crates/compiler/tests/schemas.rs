//! The data files' JSON Schemas: `schemas/` holds what the model generates
//! (`story_compiler::schema`; `make schemas` writes them anew), and every story folder's files
//! satisfy the schema `.taplo.toml` maps them to, as an editor would check them.

use serde_json::Value;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn the_schemas_are_what_the_model_generates() {
    let folder = repo().join("schemas");
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
    let mut stale = Vec::new();
    for (name, text) in story_compiler::schema::all() {
        let path = folder.join(name);
        if update {
            std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "schemas/{stale:?} differ from what the model generates: run `make schemas` and commit them"
    );
}

/// The files `pattern` matches, relative to the repository: `*` stands for one name or, in a
/// name, for any part of it (as Taplo's globs do here).
fn glob(pattern: &str) -> Vec<PathBuf> {
    let mut found = vec![PathBuf::new()];
    for segment in pattern.split('/') {
        let mut next = Vec::new();
        for dir in found {
            let Some((before, after)) = segment.split_once('*') else {
                next.push(dir.join(segment));
                continue;
            };
            let Ok(entries) = std::fs::read_dir(repo().join(&dir)) else {
                continue;
            };
            for entry in entries {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                if name.len() >= before.len() + after.len()
                    && name.starts_with(before)
                    && name.ends_with(after)
                {
                    next.push(dir.join(name));
                }
            }
        }
        found = next;
    }
    found.retain(|p| repo().join(p).is_file());
    found.sort();
    found
}

/// Each file `.taplo.toml` maps to a schema, with the problems its schema finds in it.
fn check_mapped_files() -> Vec<(PathBuf, Option<String>)> {
    let config: Value =
        toml::from_str(&std::fs::read_to_string(repo().join(".taplo.toml")).unwrap()).unwrap();
    let mut checked = Vec::new();
    for rule in config["rule"].as_array().expect("[[rule]]s") {
        let schema_path = rule["schema"]["path"].as_str().expect("a schema path");
        let schema: Value =
            serde_json::from_str(&std::fs::read_to_string(repo().join(schema_path)).unwrap())
                .unwrap();
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        let url = format!("file:///{schema_path}");
        compiler.add_resource(&url, schema).unwrap();
        let index = compiler
            .compile(&url, &mut schemas)
            .unwrap_or_else(|e| panic!("{schema_path}: {e:#}"));
        for pattern in rule["include"].as_array().expect("include") {
            for file in glob(pattern.as_str().unwrap()) {
                let text = std::fs::read_to_string(repo().join(&file)).unwrap();
                let problem = match toml::from_str::<Value>(&text) {
                    Err(e) => Some(format!("not TOML: {}", e.message())),
                    Ok(instance) => schemas
                        .validate(&instance, index)
                        .err()
                        .map(|e| format!("{e:#}")),
                };
                checked.push((file, problem));
            }
        }
    }
    checked
}

#[test]
fn every_story_folder_satisfies_the_schemas() {
    let checked = check_mapped_files();
    // Each of a story folder's files is mapped to a schema.
    for file in story_compiler::load::FILES {
        let path = Path::new("stories/benghazi-2014").join(file);
        assert!(
            checked.iter().any(|(p, _)| *p == path),
            "{} is mapped to no schema in .taplo.toml",
            path.display()
        );
    }
    // The bad stories that break a rule of a file's shape break its schema too (as one types,
    // the editor says so); the others break rules that only check-story sees.
    let shape_broken = [
        "tests/bad-stories/syntax-error/story.toml",
        "tests/bad-stories/misspelt-key/places.toml",
        "tests/bad-stories/missing-field/speakers.toml",
        "tests/bad-stories/impossible-date/sources.toml",
        "tests/bad-stories/bad-geometry/geo/land.toml",
    ];
    let mut wrong = Vec::new();
    for (path, problem) in &checked {
        let bad = shape_broken.iter().any(|b| path == Path::new(b));
        match problem {
            Some(problem) if !bad => wrong.push(format!("{}: {problem}", path.display())),
            None if bad => wrong.push(format!("{}: passes its schema", path.display())),
            _ => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
