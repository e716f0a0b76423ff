//! `msox fxics ...` on the [MS-OXCFXICS] test vectors and the OpenChange
//! IDSET / PCL corpus.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::{Command, Output};

use serde_json::Value;

fn msox(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(args)
        .output()
        .unwrap()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn path(name: &str) -> String {
    msox_testkit::workspace_root()
        .join("test-vectors/oxcfxics")
        .join(format!("{name}.hex"))
        .to_string_lossy()
        .into_owned()
}

/// The vectors' shorthand: P:tag, M:tag (meta), B:/E:/A:element, K:marker.
fn shorthand(events: &Value) -> String {
    events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let el = || e["element"].as_str().unwrap().replace(" (FAI)", "(fai)");
            let tag = || {
                e["tag"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("0x")
                    .to_string()
            };
            match e["event"].as_str().unwrap() {
                "begin" => format!("B:{}", el()),
                "end" => format!("E:{}", el()),
                "abort" => format!("A:{}", el()),
                "marker" => format!("K:{}", e["marker"].as_str().unwrap()),
                "property" => format!("P:{}", tag()),
                "meta" => format!("M:{}", tag()),
                other => panic!("{other}"),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_stream_vector_gives_its_events_whatever_the_piece_size() {
    for v in msox_testkit::vectors("oxcfxics") {
        if v.meta("type") != "stream"
            || v.expected_error.is_some()
            || !v.meta.contains_key("expect")
        {
            continue;
        }
        let root = v.meta("root");
        let p = path(&v.name);
        let whole: Value = serde_json::from_str(&ok(&msox(&[
            "fxics", "stream", &p, "--root", root, "--json",
        ])))
        .unwrap();
        assert_eq!(shorthand(&whole), v.meta("expect"), "{}", v.name);
        for piece in ["1", "7"] {
            let split: Value = serde_json::from_str(&ok(&msox(&[
                "fxics", "stream", &p, "--root", root, "--piece", piece, "--json",
            ])))
            .unwrap();
            assert_eq!(split, whole, "{} in pieces of {piece}", v.name);
        }
    }
}

#[test]
fn stream_text_names_properties_and_nests_elements() {
    let out = ok(&msox(&[
        "fxics",
        "stream",
        &path("stream-messagecontent"),
        "--root",
        "message-content",
    ]));
    assert!(
        out.starts_with("PidTagMessageClass (0x001A001F) = \"IPM.Note\"\n"),
        "{out}"
    );
    assert!(out.contains("meta MetaTagFXDelProp (0x40160003)"), "{out}");
    assert!(out.contains("\n  begin embeddedMessage\n"), "{out}");
    assert!(
        out.contains("PidLidReminderSet (0x8000000B) = false"),
        "{out}"
    );
    assert!(
        out.contains("PidTagMessageDeliveryTime (0x0E060040) = 2014-11-14T11:41:59"),
        "{out}"
    );
}

#[test]
fn stream_errors_and_usage() {
    for v in msox_testkit::vectors("oxcfxics") {
        if v.meta("type") != "stream" || v.expected_error.is_none() {
            continue;
        }
        let o = msox(&[
            "--strict",
            "fxics",
            "stream",
            &path(&v.name),
            "--root",
            v.meta("root"),
        ]);
        assert_eq!(o.status.code(), Some(1), "{}", v.name);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(" at byte "), "{err}");
        let expect = std::fs::read_to_string(v.path.with_extension("err")).unwrap();
        let offset = expect
            .lines()
            .find_map(|l| l.strip_prefix("offset: "))
            .unwrap();
        assert!(
            err.contains(&format!(" at byte {offset} ")),
            "{err} vs {expect}"
        );
    }
    let o = msox(&[
        "fxics",
        "stream",
        &path("stream-state"),
        "--root",
        "nonsense",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = msox(&[
        "fxics",
        "stream",
        &path("stream-state"),
        "--root",
        "state",
        "--piece",
        "0",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn message_content_into_the_model() {
    let out = ok(&msox(&["fxics", "message", &path("stream-messagecontent")]));
    assert!(out.contains("subject: Hi"), "{out}");
    assert!(out.contains("message_class: IPM.Note"), "{out}");
    assert!(out.contains("PidNameKeywords"), "{out}");
    let j: Value = serde_json::from_str(&ok(&msox(&[
        "fxics",
        "message",
        "--json",
        &path("stream-messagecontent"),
    ])))
    .unwrap();
    // the readable form: properties keyed by name and tag
    assert_eq!(j["properties"]["PidTagSubject (0x0037001E)"], "Hi");
    assert_eq!(
        j["attachments"][0]["properties"]["PidTagAttachDataBinary (0x37010102)"],
        "aGVsbG8="
    );
    let inner = j["attachments"][1]["message"]["properties"]
        .as_object()
        .unwrap();
    assert!(inner.values().any(|v| v == "Inner"), "{inner:?}");
}

fn range_list(j: &Value, replica_fmt: impl Fn(&str) -> String) -> String {
    j["entries"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| {
            let r = replica_fmt(e["replica"].as_str().unwrap());
            e["globset"]["ranges"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |x| {
                    let lo = x["low"]
                        .as_str()
                        .unwrap()
                        .trim_start_matches("0x")
                        .to_lowercase();
                    let hi = x["high"]
                        .as_str()
                        .unwrap()
                        .trim_start_matches("0x")
                        .to_lowercase();
                    if lo == hi {
                        format!("{r}:{lo}")
                    } else {
                        format!("{r}:{lo}-{hi}")
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn idsets_in_both_forms() {
    let v = msox_testkit::vector("oxcfxics", "idset-4.4-example");
    let hex = msox_codec::hex::encode(&v.bytes);
    let j: Value = serde_json::from_str(&ok(&msox(&["fxics", "idset", &hex, "--json"]))).unwrap();
    assert_eq!(
        range_list(&j, |r| r.trim_start_matches("0x").to_string()),
        v.meta("expect")
    );
    let text = ok(&msox(&["fxics", "idset", &path("idset-4.4-example")]));
    assert!(text.starts_with("IDSET (REPLID form): 4 IDs\n"), "{text}");
    let v = msox_testkit::vector("oxcfxics", "idset-replguid-cnset");
    let j: Value = serde_json::from_str(&ok(&msox(&[
        "fxics",
        "idset",
        "--replguid",
        "--json",
        &path("idset-replguid-cnset"),
    ])))
    .unwrap();
    assert_eq!(range_list(&j, |r| r.to_lowercase()), v.meta("expect"));
    // errors: one line with the offset and the path
    let o = msox(&["fxics", "idset", &path("idset-error-pop-empty")]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("GLOBSET") && err.contains(" at byte "),
        "{err}"
    );
    let o = msox(&["fxics", "idset", "zz"]);
    assert_eq!(o.status.code(), Some(1)); // not a file, not hex
}

#[test]
fn globset_pcl_xid() {
    let v = msox_testkit::vector("oxcfxics", "globset-3.1.5.4.3.1.3-bitmask");
    let j: Value = serde_json::from_str(&ok(&msox(&[
        "fxics",
        "globset",
        "--json",
        &msox_codec::hex::encode(&v.bytes),
    ])))
    .unwrap();
    let got: Vec<String> = j["ranges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            let lo = x["low"]
                .as_str()
                .unwrap()
                .trim_start_matches("0x")
                .to_lowercase();
            let hi = x["high"]
                .as_str()
                .unwrap()
                .trim_start_matches("0x")
                .to_lowercase();
            if lo == hi { lo } else { format!("{lo}-{hi}") }
        })
        .collect();
    assert_eq!(got.join(" "), v.meta("expect"));
    assert!(
        j["commands"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c.as_str().unwrap().starts_with("Bitmask"))
    );
    let text = ok(&msox(&[
        "fxics",
        "globset",
        &path("globset-per-range-encoding"),
    ]));
    assert!(text.contains("another encoder's choice, kept"), "{text}");

    let j: Value = serde_json::from_str(&ok(&msox(&[
        "fxics",
        "pcl",
        "--json",
        &path("pcl-two-namespaces"),
    ])))
    .unwrap();
    assert_eq!(
        j["xids"].as_array().unwrap().len().to_string(),
        msox_testkit::vector("oxcfxics", "pcl-two-namespaces").meta("expect")
    );
    let o = msox(&["--strict", "fxics", "pcl", &path("pcl-error-unsorted")]);
    assert_eq!(o.status.code(), Some(1));

    let j: Value =
        serde_json::from_str(&ok(&msox(&["fxics", "xid", "--json", &path("xid-gid")]))).unwrap();
    assert_eq!(j["local_id_size"], 6);
    assert!(j["global_counter"].is_string());
    let o = msox(&["fxics", "xid", &path("xid-error-no-localid")]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn openchange_idsets_and_msg_pcls() {
    let files = msox_testkit::corpus::files("fxics", &[".bin"]);
    if files.is_empty() {
        return; // corpus absent (reported)
    }
    let mut pcls = 0;
    for e in files {
        let p = e.path.to_str().unwrap();
        if e.file.starts_with("fxics/idset/") {
            let mut args = vec!["fxics", "idset", p, "--json"];
            if e.file.contains("replguid") {
                args.push("--replguid");
            }
            let o = msox(&args);
            if e.file.contains("invalid") {
                assert_eq!(o.status.code(), Some(1), "{}", e.file);
            } else {
                let j: Value = serde_json::from_str(&ok(&o)).unwrap();
                assert!(j["count"].as_u64().unwrap() > 0, "{}", e.file);
            }
        } else if e.file.starts_with("fxics/pcl/") && e.file.contains("from-msg") {
            let j: Value =
                serde_json::from_str(&ok(&msox(&["fxics", "pcl", p, "--json"]))).unwrap();
            assert!(!j["xids"].as_array().unwrap().is_empty(), "{}", e.file);
            pcls += 1;
        } else if e.file.starts_with("fxics/xid/") {
            ok(&msox(&["fxics", "xid", p]));
        }
    }
    assert!(pcls > 10);
}
