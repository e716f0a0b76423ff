//! The checked-in code-page tables are what `gen/gen_codepages.py` makes of
//! the shared data now (skipped without python3 or the data, unless `CI`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

#[test]
fn generated_code_pages_are_current() {
    let root = msox_testkit::workspace_root();
    let data = root.join("../shared/data/aswbxml-codepages.tsv");
    let ci = std::env::var_os("CI").is_some();
    if !data.is_file() {
        assert!(!ci, "{} missing (CI is set)", data.display());
        eprintln!("skipping: {} not found", data.display());
        return;
    }
    let script = root.join("crates/ms-aswbxml/gen/gen_codepages.py");
    let out = match Command::new("python3").arg(&script).arg("--check").output() {
        Ok(o) => o,
        Err(e) => {
            assert!(!ci, "python3: {e} (CI is set)");
            eprintln!("skipping: python3 not available: {e}");
            return;
        }
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_tsv_row_is_in_the_tables() {
    let root = msox_testkit::workspace_root();
    let Ok(tsv) = std::fs::read_to_string(root.join("../shared/data/aswbxml-codepages.tsv")) else {
        return;
    };
    let mut n = 0;
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let page: u8 = f[0].parse().unwrap();
        let token = u8::from_str_radix(f[3].trim_start_matches("0x"), 16).unwrap();
        assert_eq!(
            ms_aswbxml::codepages::token_by_name(page, f[2]),
            Some(token),
            "{line}"
        );
        assert_eq!(ms_aswbxml::codepages::page(page).unwrap().namespace, f[1]);
        n += 1;
    }
    assert!(n > 600);
}
