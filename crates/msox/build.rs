//! Link flags for the `msox` binary.
//!
//! On Linux with glibc the binary's relative relocations are packed
//! (`-z pack-relative-relocs`, DT_RELR): the tables of the property
//! registry, the WBXML code pages and the command line make about 20,000
//! of them, which the dynamic loader otherwise reads from a 500 KB table
//! at every start (a cold start of `msox` then takes ~0.3 ms less). It
//! needs binutils 2.38 / lld 15 and glibc 2.36, so it is used only when a
//! probe program linked with it here runs (native builds with a C
//! compiler that is `cc` or `$CC`); otherwise the binary links as before.

use std::path::PathBuf;
use std::process::{Command, Stdio};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CC");
    let target = std::env::var("TARGET").unwrap_or_default();
    let host = std::env::var("HOST").unwrap_or_default();
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" && target == host && relr_works() {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// Whether a C program linked as a PIE with packed relocations links and
/// runs on this machine.
fn relr_works() -> bool {
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        return false;
    };
    let src = out.join("relr-probe.c");
    let exe = out.join("relr-probe");
    // A pointer in initialised data: a relative relocation to pack.
    let probe = "static const char *p = \"ok\";\nint main(void) { return p[0] == 'o' ? 0 : 1; }\n";
    if std::fs::write(&src, probe).is_err() {
        return false;
    }
    let cc = std::env::var_os("CC").unwrap_or_else(|| "cc".into());
    let linked = Command::new(cc)
        .args(["-pie", "-fPIE", "-Wl,-z,pack-relative-relocs", "-o"])
        .arg(&exe)
        .arg(&src)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    linked
        && Command::new(&exe)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
}
