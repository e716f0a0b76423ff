//! The tool's contract: exit codes and one-line errors.

use std::process::Command;

fn msox() -> Command {
    Command::new(env!("CARGO_BIN_EXE_msox"))
}

#[test]
fn inspect_unknown_format_says_so_in_one_line_and_exits_1() {
    let dir = std::env::temp_dir().join(format!("msox-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("unknown.bin");
    std::fs::write(&f, b"definitely not an Exchange format").unwrap();
    let out = msox().arg("inspect").arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("msox: unknown format"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn missing_file_is_exit_1_with_the_path() {
    let out = msox()
        .args(["inspect", "/nonexistent/msox-test-file"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("/nonexistent/msox-test-file"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn usage_errors_exit_2() {
    let out = msox().arg("inspect").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = msox().arg("no-such-subcommand").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_and_version_exit_0() {
    assert!(msox().arg("--help").status().unwrap().success());
    assert!(msox().arg("--version").status().unwrap().success());
}

/// clap's own consistency checks over every subcommand (duplicate flags,
/// bad defaults): a mistake here would otherwise only show when the
/// subcommand is run.
#[test]
fn the_command_line_definition_is_consistent() {
    use clap::CommandFactory;
    msox::Cli::command().debug_assert();
}
