//! Helpers shared by the CLI tests: the binary, the shared folder, scratch directories.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn isnad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_isnad"))
}

pub fn run(args: &[&str]) -> Output {
    isnad().args(args).output().expect("the isnad binary runs")
}

/// `../shared` beside the repository (or `ISNAD_SHARED`); CI always has it.
pub fn shared() -> PathBuf {
    let dir = std::env::var_os("ISNAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    assert!(
        dir.join("eval/score.py").is_file(),
        "the shared folder was not found at {}: put it beside the repository or set ISNAD_SHARED",
        dir.display()
    );
    dir
}

/// A fresh scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("isnad-test-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
