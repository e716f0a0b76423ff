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
//!
//! The unwinder is linked in statically (libgcc_eh, as `-static-libgcc`
//! does for C programs) instead of loading `libgcc_s.so.1`: the shared
//! library's constructor asks the CPU for its features (`cpuid`), which a
//! virtual machine traps, and loading it maps another library; together
//! ~0.2 ms of every run here. Rust's standard library asks for `-lgcc_s`
//! by name, so a linker script of that name in a directory searched first
//! stands for the static archives. It is used when a probe program that
//! unwinds links against it and runs; otherwise the shared library is
//! linked as before.

use std::path::PathBuf;
use std::process::{Command, Stdio};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CC");
    let target = std::env::var("TARGET").unwrap_or_default();
    let host = std::env::var("HOST").unwrap_or_default();
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" && target == host {
        if relr_works() {
            println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
        }
        if let Some(dir) = static_unwinder() {
            println!("cargo:rustc-link-arg-bins=-L{}", dir.display());
        }
    }
}

/// A directory whose `libgcc_s.so` is a linker script naming the static
/// unwinder, when a probe program that unwinds through it links and runs.
fn static_unwinder() -> Option<PathBuf> {
    let out = PathBuf::from(std::env::var_os("OUT_DIR")?);
    let dir = out.join("static-unwind");
    std::fs::create_dir_all(&dir).ok()?;
    std::fs::write(dir.join("libgcc_s.so"), "GROUP ( -lgcc_eh -lgcc )\n").ok()?;
    let src = out.join("unwind-probe.c");
    let exe = out.join("unwind-probe");
    // Walks its own stack with the unwinder: exit 0 when it saw frames.
    let probe = "#include <unwind.h>\n\
        static _Unwind_Reason_Code step(struct _Unwind_Context *c, void *n) {\n\
          (void)c; ++*(int *)n; return _URC_NO_REASON; }\n\
        int main(void) { int n = 0; _Unwind_Backtrace(step, &n); return n > 0 ? 0 : 1; }\n";
    std::fs::write(&src, probe).ok()?;
    let cc = std::env::var_os("CC").unwrap_or_else(|| "cc".into());
    let linked = Command::new(cc)
        .arg("-o")
        .arg(&exe)
        .arg(&src)
        .arg(format!("-L{}", dir.display()))
        .arg("-lgcc_s")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let static_only =
        linked && std::fs::read(&exe).is_ok_and(|b| !b.windows(12).any(|w| w == b"libgcc_s.so."));
    let ran = static_only
        && Command::new(&exe)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    ran.then_some(dir)
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
