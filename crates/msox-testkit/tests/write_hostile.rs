//! Writes the hostile inputs of each attack class into `$MSOX_GEN_DIR` at
//! the sizes the hostile-cost issue measured, for timing the `msox` tool on
//! them and measuring their memory (`scripts/reader-memory.sh`). Ignored by
//! default.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use msox_testkit::generate;

#[test]
#[ignore = "writes files for scripts/reader-memory.sh"]
fn write_hostile_inputs() {
    let dir = std::path::PathBuf::from(std::env::var("MSOX_GEN_DIR").expect("MSOX_GEN_DIR"));
    std::fs::create_dir_all(&dir).unwrap();
    let w = |name: &str, b: Vec<u8>| std::fs::write(dir.join(name), b).unwrap();
    w("flood-200k.tnef", generate::tnef_property_flood(200_000));
    w("fat-cycle-76800.msg", generate::cfb_fat_cycle(76_800, 8192));
    w(
        "fat-cycle-76800-1mib.msg",
        generate::cfb_fat_cycle(76_800, 1 << 20),
    );
    // 60 levels: the innermost payload makes the file 10 MB and 40 MB.
    w("nested-60-10mb.tnef", generate::tnef_nested(60, 10 << 20));
    w("nested-60-40mb.tnef", generate::tnef_nested(60, 40 << 20));
    w(
        "strtab-500k.wbxml",
        generate::wbxml_string_table(100 << 10, 200_000),
    );
    w(
        "strtab-2m.wbxml",
        generate::wbxml_string_table(100 << 10, 950_000),
    );
}
