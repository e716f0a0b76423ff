//! `msox oab manifest` and `msox inspect` on the oab.xml test vectors.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::Command;

fn msox(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn vector(name: &str) -> String {
    msox_testkit::workspace_root()
        .join("test-vectors/oxwoab")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn manifest_tree_json_and_write() {
    let f = vector("spec-4-example-first-oal.xml");
    let (code, out, _) = msox(&["oab", "manifest", &f]);
    assert_eq!(code, 0);
    assert!(out.starts_with("OAB: 1 address lists\n"), "{out}");
    assert!(
        out.contains(
            "Diff f867b9e0-d01e-43e3-8708-ba86a1c77dff-binpatch-2.lzx: seq 2 ver 32 size 132"
        ),
        "{out}"
    );
    let (code, out, _) = msox(&["oab", "manifest", "--json", &f]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["oals"][0]["name"], "\\All Rooms");
    assert_eq!(v["oals"][0]["sequence"], 2);
    assert_eq!(v["oals"][0]["files"][1]["langid"], "0409");
    let (code, out, _) = msox(&["oab", "manifest", "--write", &f]);
    assert_eq!(code, 0);
    let reread = ms_oxwoab::Manifest::parse(out.as_bytes()).unwrap();
    let original = ms_oxwoab::Manifest::parse(&std::fs::read(&f).unwrap()).unwrap();
    assert_eq!(reread, original);
}

#[test]
fn inspect_detects_the_manifest() {
    let (code, out, _) = msox(&[
        "inspect",
        &vector("handmade-unknown-attributes-and-elements.xml"),
    ]);
    assert_eq!(code, 0);
    assert!(out.starts_with("oab-manifest — "), "{out}");
    assert!(out.contains("unknown element: <x:Trailer/>"), "{out}");
}

#[test]
fn a_broken_manifest_is_one_line_and_exit_1() {
    let dir = std::env::temp_dir().join(format!("msox-oab-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("oab.xml");
    std::fs::write(&f, "<OAB><OAL id='a' name='n'/></OAB>").unwrap();
    let (code, _, err) = msox(&["oab", "manifest", f.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "msox: OAL element has no dn attribute at byte 5 in OAB > OAL[0]\n"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A test vector's bytes written to a temporary file (the .hex vectors are text).
fn oab_vector_file(name: &str) -> std::path::PathBuf {
    let v = msox_testkit::vector("oxoab", name);
    let p = std::env::temp_dir().join(format!("msox-test-{}-{name}.oab", std::process::id()));
    std::fs::write(&p, &v.bytes).unwrap();
    p
}

#[test]
fn oab_dump_tree_json_csv() {
    let f = oab_vector_file("full-details-every-type");
    let f = f.to_str().unwrap();
    let (code, out, err) = msox(&["oab", "dump", f]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("OAB: version 4 full details file, 2 records\n"),
        "{out}"
    );
    assert!(out.contains("PidTagDisplayName: Zoë Ann"), "{out}");
    assert!(
        out.contains("PidTagOfflineAddressBookSequence: 300"),
        "{out}"
    );
    let (code, out, _) = msox(&["oab", "dump", "--json", f]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["records"][0]["PidTagDisplayName"], "Zoë Ann");
    assert_eq!(v["records"][1]["PidTagObjectType"], 3);
    assert_eq!(v["header"]["ulTotRecs"], 2);
    let (code, out, _) = msox(&["oab", "dump", "--csv", f]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0].starts_with("PidTagSmtpAddress,PidTagDisplayName,"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("ann@contoso.example,Zoë Ann,6,true,010203,"),
        "{}",
        lines[1]
    );
}

#[test]
fn oab_inspect_generate_decompress() {
    let dir = std::env::temp_dir();
    let z = dir.join(format!("msox-test-{}-gen.lzx", std::process::id()));
    let raw = dir.join(format!("msox-test-{}-gen.oab", std::process::id()));
    let (code, _, err) = msox(&["oab", "generate", "25", z.to_str().unwrap(), "--compress"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = msox(&["inspect", z.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        out.contains("compressed version 4 full details file, 25 records"),
        "{out}"
    );
    assert!(out.contains("5 more records"), "{out}");
    let (code, _, _) = msox(&[
        "oab",
        "decompress",
        z.to_str().unwrap(),
        raw.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let (code, out, _) = msox(&["oab", "dump", "--csv", raw.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 26);
    // A container of LZXD blocks decompresses through ms-patch.
    let l = oab_vector_file("lzx-lzxd-blocks");
    let (code, out, err) = msox(&["oab", "decompress", l.to_str().unwrap(), "-"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Offline address book, block one."), "{out}");
    // Not an OAB file.
    let (code, _, err) = msox(&["oab", "dump", &vector("spec-4-example-first-oal.xml")]);
    assert_eq!(code, 1);
    assert!(err.contains("not an OAB file"), "{err}");
}

#[test]
fn oab_decompress_mszip_version_2_file() {
    let m = oab_vector_file("mdi-browse2-from-exchange");
    let out = std::env::temp_dir().join(format!("msox-test-{}-browse2.oab", std::process::id()));
    let (code, _, err) = msox(&[
        "oab",
        "decompress",
        m.to_str().unwrap(),
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let b = std::fs::read(&out).unwrap();
    assert_eq!(b.len(), 108);
    assert_eq!(&b[..4], &[0x0A, 0, 0, 0]);
    let (code, out, err) = msox(&["oab", "dump", m.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("compressed (1 MDI blocks): OAB version 2/3 Browse file: 3 records"),
        "{out}"
    );
    assert!(out.contains("B2_REC 2: oRDN 0x106"), "{out}");
}

#[test]
fn oab_dump_version_2_3_files() {
    for (name, expect) in [
        (
            "spec-3.1-v2-browse",
            "OAB version 2/3 Browse file: 2 records",
        ),
        (
            "v2-anr-index-handmade",
            "ANR_REC at 0x2C: \"Administrator\" browse 0 (alias)",
        ),
        (
            "v3-rdn-index-handmade",
            "pdn-record at 0x10: /o=Example/ou=First Administrative Group/cn=Recipients",
        ),
        (
            "v2-details-handmade",
            "Details file or display template file: 10 bytes",
        ),
        (
            "v2-template-file-handmade",
            "[0] DTCT_LABEL at (10, 4) size 100x14 \"Name:\"",
        ),
        (
            "v3-rdn-index-handmade",
            "RDN hash of the records (2.3.3, by iBrowse): 0x0B4F62BF (matches ulSerial)",
        ),
    ] {
        let f = oab_vector_file(name);
        let (code, out, err) = msox(&["oab", "dump", f.to_str().unwrap()]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(out.contains(expect), "{name}: {out}");
        let (code, out, _) = msox(&["oab", "dump", "--json", f.to_str().unwrap()]);
        assert_eq!(code, 0);
        assert!(out.trim_start().starts_with('{'), "{out}");
        let (code, _, err) = msox(&["oab", "dump", "--csv", f.to_str().unwrap()]);
        assert_ne!(code, 0);
        assert!(err.contains("--csv"), "{err}");
    }
}

/// `msox oab template` lays corpus templates into a display template file
/// that `oab dump` and `inspect` read back, slot by slot.
#[test]
fn template_file_from_corpus_templates() {
    let files = msox_testkit::corpus::files("other/abkt", &[".abkt"]);
    let Some(t0) = files.iter().find(|e| e.file.ends_with("409-0.abkt")) else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("msox-oab-template-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("template.oab");
    let arg = format!("mail-user={}", t0.path.display());
    let (code, _, err) = msox(&["oab", "template", out.to_str().unwrap(), &arg]);
    assert_eq!(code, 0, "{err}");
    let (code, text, err) = msox(&["oab", "dump", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(text.contains("TMPLT_ENTRY mail-user-template"), "{text}");
    assert!(text.contains("cRows: 65"), "{text}");
    let (code, text, _) = msox(&["inspect", out.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(text.starts_with("oab"), "{text}");
    let (code, _, err) = msox(&["oab", "template", out.to_str().unwrap(), "nowhere=x"]);
    assert_ne!(code, 0);
    assert!(err.contains("unknown template slot \"nowhere\""), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
