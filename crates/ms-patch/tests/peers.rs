//! With the peers installed (`../shared/tools/peers`, never in CI): LZXD
//! files we write decompress to the same bytes with libmspack and the
//! lzxd crate, and patches we write apply with libmspack, at every effort
//! level, on text, binary, random, empty and one-byte inputs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::Command;

use ms_patch::{Base, Target, WriteOptions, compress_file, create_patch};

fn peers() -> Option<PathBuf> {
    let dir = msox_testkit::workspace_root().join("../shared/tools/peers");
    let installed = Command::new("msox-peers").output().is_ok();
    if std::env::var_os("CI").is_some() || !installed || !dir.is_dir() {
        eprintln!("skipping: peers not installed");
        return None;
    }
    Some(dir)
}

fn run(peer: &PathBuf, args: &[&PathBuf]) -> Vec<u8> {
    let o = Command::new(peer).args(args).output().unwrap();
    assert!(
        o.status.success(),
        "{}: {}",
        peer.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

fn inputs() -> Vec<(&'static str, Vec<u8>)> {
    let mut text = Vec::new();
    for i in 0..40_000u32 {
        text.extend_from_slice(
            format!("cn=User{},ou=Dept{};", i * 7919 % 10007, i % 37).as_bytes(),
        );
    }
    let mut x = 1u64;
    let random: Vec<u8> = (0..300_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    let binary = std::fs::read(std::env::current_exe().unwrap()).unwrap();
    vec![
        ("text", text),
        ("random", random),
        ("binary", binary[..binary.len().min(3 << 20)].to_vec()),
        ("empty", Vec::new()),
        ("one", vec![42]),
    ]
}

#[test]
fn peers_read_our_files_and_patches() {
    let Some(dir) = peers() else { return };
    let tmp = std::env::temp_dir().join(format!("ms-patch-peers-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let (ms, rs, patch) = (
        dir.join("lzx-decompress.libmspack"),
        dir.join("lzx-decompress.lzxd-rs"),
        dir.join("lzx-patch.libmspack"),
    );
    let ins = inputs();
    let mut checked = 0;
    for (name, data) in &ins {
        for level in [1u8, 5, 9] {
            let f = tmp.join(format!("{name}-{level}.lzx"));
            std::fs::write(
                &f,
                compress_file(data, &WriteOptions::level(level)).unwrap(),
            )
            .unwrap();
            assert!(run(&ms, &[&f]) == *data, "libmspack: {name} level {level}");
            assert!(run(&rs, &[&f]) == *data, "lzxd: {name} level {level}");
            checked += 2;
        }
    }
    for (old_name, old) in &ins {
        for (new_name, new) in &ins {
            let level = 1 + (old.len() + new.len()) as u8 % 9;
            let base = tmp.join(format!("{old_name}.base"));
            let p = tmp.join(format!("{old_name}-{new_name}.patch"));
            std::fs::write(&base, old).unwrap();
            std::fs::write(
                &p,
                create_patch(Base(old), Target(new), &WriteOptions::level(level)).unwrap(),
            )
            .unwrap();
            assert!(
                run(&patch, &[&p, &base]) == *new,
                "libmspack patch {old_name} -> {new_name}"
            );
            checked += 1;
        }
    }
    eprintln!("{checked} peer checks agree");
    let _ = std::fs::remove_dir_all(&tmp);
}
