//! Real messages from ../shared/corpus: every .eml converts to a Message
//! and back to MIME that our reader reads strictly (no defects), keeping
//! subject, addresses, date, bodies (white space normalised) and
//! attachment bytes; the stalwart mail-parser expectations agree; signed
//! S/MIME entities survive byte for byte; mail-parser reads what we write.
//!
//! `MSOX_OXCMAIL_DUMP=DIR` also writes each round-tripped message and a
//! `manifest.json` of our values for `scripts/peers/eml_check.py`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use ms_oxcdata::PropertyValue;
use ms_oxcmail::{MimeOptions, message_to_mime, mime_to_message};
use ms_oxcmsg::{Message, RecipientType};
use ms_oxprops::tags;
use msox_codec::Options;
use msox_testkit::corpus;

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The values the round trip must keep.
#[derive(Debug, PartialEq, Clone, serde::Serialize)]
struct Values {
    subject: Option<String>,
    from: Option<String>,
    to: Vec<String>,
    cc: Vec<String>,
    date: Option<u64>,
    text: Option<String>,
    html: Option<String>,
    attachments: Vec<(String, usize, String)>, // (mime type, size, sha-ish digest)
    embedded: Vec<Values>,
    class: Option<String>,
}

fn digest(b: &[u8]) -> String {
    // FNV-1a, enough to tell contents apart
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in b {
        h ^= u64::from(x);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn values(m: &Message) -> Values {
    let addrs = |k: RecipientType| -> Vec<String> {
        m.recipients
            .iter()
            .filter(|r| r.recipient_type() == Some(k))
            .filter_map(|r| r.smtp_address().or_else(|| r.email()))
            .map(|a| a.to_ascii_lowercase())
            .collect()
    };
    let mut attachments: Vec<(String, usize, String)> = m
        .attachments
        .iter()
        .filter(|a| a.embedded.is_none())
        .map(|a| {
            let d = a.data().unwrap_or_default();
            (a.mime_type().unwrap_or_default(), d.len(), digest(d))
        })
        .collect();
    attachments.sort();
    Values {
        subject: m.subject(),
        from: m
            .properties
            .get_str(tags::PidTagSentRepresentingSmtpAddress)
            .map(|a| a.to_ascii_lowercase()),
        to: addrs(RecipientType::To),
        cc: addrs(RecipientType::Cc),
        date: m.client_submit_time().map(|t| t.0),
        text: m.body().map(|t| norm(&t)),
        html: m.html_body().map(|h| norm(&String::from_utf8_lossy(&h))),
        attachments,
        embedded: m
            .attachments
            .iter()
            .filter_map(|a| a.embedded.as_deref())
            .map(values)
            .collect(),
        class: m.message_class(),
    }
}

fn eml_files() -> Vec<corpus::Entry> {
    let mut v: Vec<corpus::Entry> = corpus::files("eml", &[".eml", ".txt"]);
    v.extend(
        corpus::files("msg", &[".eml"])
            .into_iter()
            .filter(|e| e.file.contains("perlmsg-")),
    );
    v
}

#[test]
fn every_eml_round_trips_through_the_model() {
    let files = eml_files();
    if files.is_empty() {
        return;
    }
    let dump = std::env::var_os("MSOX_OXCMAIL_DUMP").map(std::path::PathBuf::from);
    if let Some(d) = &dump {
        std::fs::create_dir_all(d).unwrap();
    }
    let mut manifest = Vec::new();
    let mut failures = Vec::new();
    let (mut strict_ok, mut defect_count) = (0, 0);
    for e in &files {
        let bytes = std::fs::read(&e.path).unwrap();
        let first = match mime_to_message(&bytes, &Options::lenient()) {
            Ok(d) => d,
            Err(err) => {
                failures.push(format!("{}: reading failed: {err}", e.file));
                continue;
            }
        };
        if mime_to_message(&bytes, &Options::strict()).is_ok() {
            strict_ok += 1;
        }
        defect_count += first.defects.len();
        for d in &first.defects {
            assert!(
                d.offset().is_none_or(|o| o <= bytes.len()),
                "{}: {d}",
                e.file
            );
        }
        let out = message_to_mime(&first.value, &MimeOptions::default()).unwrap();
        let second = match mime_to_message(&out, &Options::strict()) {
            Ok(d) => d.value,
            Err(err) => {
                failures.push(format!("{}: our output is not strict MIME: {err}", e.file));
                continue;
            }
        };
        let (a, b) = (values(&first.value), values(&second));
        if a != b {
            failures.push(format!(
                "{}: values differ\n  first:  {a:?}\n  second: {b:?}",
                e.file
            ));
        }
        // mail-parser reads what we wrote
        let peer = mail_parser::MessageParser::default().parse(&out[..]);
        match peer {
            Some(p) => {
                if p.subject().map(str::to_string) != a.subject.clone().filter(|s| !s.is_empty())
                    && a.subject.as_deref() != Some("")
                {
                    failures.push(format!(
                        "{}: mail-parser subject {:?} vs {:?}",
                        e.file,
                        p.subject(),
                        a.subject
                    ));
                }
            }
            None => failures.push(format!("{}: mail-parser cannot read our output", e.file)),
        }
        if let Some(d) = &dump {
            let name = e.file.replace('/', "__");
            std::fs::write(d.join(format!("{name}.out.eml")), &out).unwrap();
            manifest.push(serde_json::json!({
                "file": e.file,
                "original": e.path,
                "roundtrip": d.join(format!("{name}.out.eml")),
                "defects": first.defects.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
                "values": a,
            }));
        }
    }
    eprintln!(
        "{} messages: {strict_ok} read strictly, {defect_count} defects in lenient reading",
        files.len()
    );
    if let Some(d) = &dump {
        std::fs::write(
            d.join("manifest.json"),
            serde_json::to_vec_pretty(&manifest).unwrap(),
        )
        .unwrap();
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn stalwart_expectations_agree() {
    let files = corpus::files("eml/stalwart", &[".eml"]);
    let mut checked = 0;
    for e in files {
        let json_path = e.path.with_extension("json");
        let Ok(j) = std::fs::read(&json_path) else {
            continue;
        };
        let j: serde_json::Value = serde_json::from_slice(&j).unwrap();
        let bytes = std::fs::read(&e.path).unwrap();
        let m = mime_to_message(&bytes, &Options::lenient()).unwrap().value;
        let parts = j["parts"].as_array().unwrap();
        let header = |name: &str| {
            parts[0]["headers"]
                .as_array()
                .unwrap()
                .iter()
                .find(|h| h["name"] == name)
                .map(|h| h["value"].clone())
        };
        if let Some(s) = header("subject") {
            // stalwart leaves raw 8-bit bytes as U+FFFD; we read them in the
            // message's charset, so a replacement character matches anything
            let (got, want) = (
                m.subject().unwrap_or_default(),
                s["Text"].as_str().unwrap_or(""),
            );
            let same = got.chars().count() == want.chars().count()
                && got
                    .chars()
                    .zip(want.chars())
                    .all(|(g, w)| g == w || w == '\u{FFFD}');
            assert!(same, "{}: subject {got:?} vs {want:?}", e.file);
        }
        if let Some(f) = header("from") {
            let addr = f["Address"]["List"][0]["address"]
                .as_str()
                .map(str::to_string);
            assert_eq!(
                m.properties
                    .get_str(tags::PidTagSentRepresentingSmtpAddress),
                addr,
                "{}",
                e.file
            );
        }
        if let Some(t) = header("to") {
            let want: Vec<String> = t["Address"]["List"]
                .as_array()
                .map(|l| {
                    l.iter()
                        .filter_map(|a| a["address"].as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let got: Vec<String> = m.recipients.iter().filter_map(|r| r.email()).collect();
            assert_eq!(got, want, "{}", e.file);
        }
        let body_of = |idx: &serde_json::Value| -> Option<String> {
            let p = &parts[idx.as_u64()? as usize]["body"];
            p["Text"].as_str().or(p["Html"].as_str()).map(norm)
        };
        // stalwart leaves uuencoded blocks in the text; Exchange (and we)
        // take them out as attachments
        let mut uu_data: Vec<Vec<u8>> = Vec::new();
        let strip_uu = |t: String, uu_data: &mut Vec<Vec<u8>>| -> String {
            let blocks = ms_oxcmail::mime::transfer::find_uuencoded(t.as_bytes());
            let mut out = String::new();
            let mut at = 0;
            for b in blocks {
                out.push_str(&t[at..b.start]);
                at = b.end;
                uu_data.push(b.data);
            }
            out.push_str(&t[at..]);
            out
        };
        let text_ix = j["text_body"].as_array().and_then(|v| v.first()).cloned();
        let html_ix = j["html_body"].as_array().and_then(|v| v.first()).cloned();
        if let Some(ix) = &text_ix
            && let Some(t) = parts[ix.as_u64().unwrap() as usize]["body"]["Text"].as_str()
        {
            let want = norm(&strip_uu(t.to_string(), &mut uu_data));
            assert_eq!(m.body().map(|t| norm(&t)), Some(want), "{} text", e.file);
        }
        if let Some(ix) = &html_ix
            && parts[ix.as_u64().unwrap() as usize]["body"]["Html"].is_string()
        {
            let h = m.html_body().map(|h| norm(&String::from_utf8_lossy(&h)));
            // our HTML is UTF-8 and says so (fix_html_charset)
            let want = body_of(ix).map(|w| ms_oxcmail::fix_html_charset(&w).into_owned());
            assert_eq!(h, want, "{} html", e.file);
        }
        let mut want: Vec<Vec<u8>> = j["attachments"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|ix| {
                let b = &parts[ix.as_u64()? as usize]["body"];
                if let Some(arr) = b["Binary"].as_array() {
                    Some(arr.iter().map(|x| x.as_u64().unwrap_or(0) as u8).collect())
                } else {
                    b["Text"].as_str().map(|s| s.as_bytes().to_vec())
                }
            })
            .collect();
        want.extend(uu_data);
        let mut got: Vec<Vec<u8>> = m
            .attachments
            .iter()
            .filter_map(|a| a.data().map(<[u8]>::to_vec))
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got.len(), want.len(), "{} attachment count", e.file);
        assert_eq!(got, want, "{} attachment bytes", e.file);
        checked += 1;
    }
    if corpus::dir().is_some() {
        assert!(checked >= 10, "only {checked} stalwart files checked");
    }
}

#[test]
fn signed_entities_survive_byte_for_byte() {
    let files = eml_files();
    let mut seen = 0;
    for e in files {
        let bytes = std::fs::read(&e.path).unwrap();
        let m = mime_to_message(&bytes, &Options::lenient()).unwrap().value;
        if m.message_class().as_deref() != Some("IPM.Note.SMIME.MultipartSigned") {
            continue;
        }
        seen += 1;
        assert_eq!(m.attachments.len(), 1, "{}", e.file);
        let p7m = m.attachments[0].data().unwrap().to_vec();
        // the entity's body is the original's bytes from its body on
        let body_start = p7m
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map(|p| p + 4)
            .or_else(|| p7m.windows(2).position(|w| w == b"\n\n").map(|p| p + 2))
            .unwrap();
        let body = &p7m[body_start..];
        assert!(
            bytes.windows(body.len()).any(|w| w == body),
            "{}: the signed entity's body is not a slice of the original",
            e.file
        );
        let out = message_to_mime(&m, &MimeOptions::default()).unwrap();
        assert!(
            out.ends_with(&p7m),
            "{}: the entity is not written back verbatim",
            e.file
        );
        let again = mime_to_message(&out, &Options::lenient()).unwrap().value;
        assert_eq!(again.attachments[0].data().unwrap(), &p7m[..], "{}", e.file);
        assert_eq!(again.body(), m.body(), "{}", e.file);
        assert!(
            m.properties.get(tags::PidTagBody).is_some() || m.html_body().is_some(),
            "{}: no body promoted",
            e.file
        );
        let _ = PropertyValue::Null;
    }
    if corpus::dir().is_some() {
        assert!(seen >= 3, "only {seen} signed messages");
    }
}

/// Every corpus .msg that ms-oxmsg reads converts to MIME that our reader
/// reads strictly, with the same values; signed ones keep their entity
/// byte for byte; and .eml -> .msg -> model gives the values back.
#[test]
fn every_msg_converts_to_eml() {
    use msox_codec::Decode;
    let files = corpus::files("msg", &[".msg"]);
    if files.is_empty() {
        return;
    }
    let dump = std::env::var_os("MSOX_OXCMAIL_DUMP").map(std::path::PathBuf::from);
    let mut manifest = Vec::new();
    let mut failures = Vec::new();
    let (mut converted, mut unreadable, mut signed) = (0, 0, 0);
    for e in &files {
        let bytes = std::fs::read(&e.path).unwrap();
        let Ok(file) = ms_oxmsg::MsgFile::decode_bytes(&bytes, &Options::lenient()) else {
            unreadable += 1;
            continue;
        };
        let m = file.value.message;
        let out = match message_to_mime(&m, &MimeOptions::default()) {
            Ok(o) => o,
            Err(err) => {
                failures.push(format!("{}: writing failed: {err}", e.file));
                continue;
            }
        };
        let back = match mime_to_message(&out, &Options::strict()) {
            Ok(d) => d.value,
            Err(err) => {
                failures.push(format!("{}: our output is not strict MIME: {err}", e.file));
                continue;
            }
        };
        converted += 1;
        let (a, b) = (values(&m), values(&back));
        if a.subject.as_deref().map(str::trim) != b.subject.as_deref().map(str::trim)
            && a.subject.is_some()
        {
            failures.push(format!(
                "{}: subject {:?} vs {:?}",
                e.file, a.subject, b.subject
            ));
        }
        if m.message_class().as_deref() == Some("IPM.Note.SMIME.MultipartSigned")
            && let Some(d) = m.attachments.first().and_then(|x| x.data())
        {
            signed += 1;
            if !out.ends_with(d) {
                failures.push(format!("{}: signed entity not written verbatim", e.file));
            }
        }
        // attachments by value keep their bytes; a signed entity keeps its
        // body (the reader keeps only its Content-Type field, [MS-OXOSMIME]
        // 2.1.3.1, where a .msg may have more); a by-value message/rfc822
        // comes back as an embedded message
        let smime = m.message_class().is_some_and(|c| c.contains("SMIME"));
        let data = |m: &Message| {
            let mut v: Vec<(usize, String)> = m
                .attachments
                .iter()
                .filter(|x| {
                    x.mime_type().as_deref() != Some("message/rfc822")
                        && !x
                            .file_name()
                            .is_some_and(|n| n.to_ascii_lowercase().ends_with(".eml"))
                })
                .filter_map(|x| x.data())
                .map(|d| {
                    let d = if smime { entity_body(d) } else { d };
                    (d.len(), digest(d))
                })
                .collect();
            v.sort();
            v
        };
        let (da, db) = (data(&m), data(&back));
        if da.iter().any(|x| !db.contains(x)) {
            let kinds = |m: &Message| {
                m.attachments
                    .iter()
                    .map(|x| {
                        (
                            x.mime_type(),
                            x.file_name(),
                            x.method(),
                            x.embedded.is_some(),
                        )
                    })
                    .collect::<Vec<_>>()
            };
            failures.push(format!(
                "{}: attachment bytes lost: {da:?} vs {db:?}\n  {:?}\n  {:?}",
                e.file,
                kinds(&m),
                kinds(&back)
            ));
        }
        // and .eml -> .msg -> model
        match ms_oxmsg::MsgFile::new(back.clone()).to_bytes() {
            Ok(msg) => match ms_oxmsg::MsgFile::decode_bytes(&msg, &Options::strict()) {
                Ok(f) => {
                    if values(&f.value.message).subject != b.subject {
                        failures.push(format!("{}: .eml -> .msg lost the subject", e.file));
                    }
                }
                Err(err) => failures.push(format!(
                    "{}: .eml -> .msg does not read back: {err}",
                    e.file
                )),
            },
            Err(err) => failures.push(format!("{}: .eml -> .msg failed: {err}", e.file)),
        }
        if let Some(d) = &dump {
            let name = e.file.replace('/', "__");
            let p = d.join(format!("{name}.eml"));
            std::fs::create_dir_all(d).unwrap();
            std::fs::write(&p, &out).unwrap();
            manifest.push(
                serde_json::json!({"file": e.file, "original": e.path, "eml": p, "values": a}),
            );
        }
    }
    if let Some(d) = &dump {
        std::fs::write(
            d.join("manifest_msg.json"),
            serde_json::to_vec_pretty(&manifest).unwrap(),
        )
        .unwrap();
    }
    eprintln!("{converted} .msg converted, {unreadable} not readable by ms-oxmsg, {signed} signed");
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(converted >= 100, "only {converted} converted");
}

/// The body of a MIME entity (after its header block).
fn entity_body(d: &[u8]) -> &[u8] {
    let a = d.windows(4).position(|w| w == b"\r\n\r\n").map(|p| p + 4);
    let b = d.windows(2).position(|w| w == b"\n\n").map(|p| p + 2);
    match (a, b) {
        (Some(x), Some(y)) => &d[x.min(y)..],
        (Some(x), None) | (None, Some(x)) => &d[x..],
        _ => d,
    }
}

/// A winmail.dat part is read and merged: the meeting response's class
/// comes from the TNEF, the header's addresses stay; written back, the
/// class travels in a TNEF part again.
#[test]
fn tnef_parts_are_merged_and_written_back() {
    let Some(d) = corpus::dir() else { return };
    let bytes = std::fs::read(d.join("eml/opush-accptInv.eml")).unwrap();
    let m = mime_to_message(&bytes, &Options::lenient()).unwrap().value;
    assert_eq!(
        m.message_class().as_deref(),
        Some("IPM.Schedule.Meeting.Resp.Pos")
    );
    assert_eq!(
        m.properties
            .get_str(tags::PidTagSentRepresentingSmtpAddress)
            .as_deref(),
        Some("adrien@test.tlse.lng")
    );
    assert!(
        m.attachments
            .iter()
            .all(|a| a.file_name().as_deref() != Some("winmail.dat"))
    );
    let out = message_to_mime(&m, &MimeOptions::default()).unwrap();
    assert!(String::from_utf8_lossy(&out).contains("application/ms-tnef"));
    let back = mime_to_message(&out, &Options::strict()).unwrap().value;
    assert_eq!(back.message_class(), m.message_class());
    let never = MimeOptions {
        tnef: ms_oxcmail::TnefMode::Never,
        ..MimeOptions::default()
    };
    let plain = mime_to_message(&message_to_mime(&m, &never).unwrap(), &Options::strict())
        .unwrap()
        .value;
    assert_eq!(plain.message_class().as_deref(), Some("IPM.Note"));
}
