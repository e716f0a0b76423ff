//! The JSON outputs of `msox` against the JSON Schemas of
//! `crates/msox/schemas/` (draft 2020-12), checked by the small validator
//! of `tests/common/schema.rs`.
//!
//! Every schema file is valid JSON, uses only keywords the validator
//! implements, documents its properties, and every `$ref` resolves. Each
//! output kind is then printed over the repository's samples
//! (`test-vectors/samples/`), the test vectors of its format, and the
//! corpus (every .msg, TNEF and .eml file under `msg/`, `tnef/` and `eml/`;
//! the tests skip it when it is absent), one msox process per kind and
//! directory (`-q`; `eml dump` reads one file per call, so one per .eml),
//! and validated: a failure names the JSON pointer of the offending value
//! and the schema rule it breaks. The validator itself is checked to
//! reject what it must. `cargo test -p msox --test schemas -- --nocapture`
//! prints how much each schema was checked against.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::schema::{KEYWORDS, Regex, Schema, check};
use serde_json::{Value, json};

/// Every schema file, by name (`<name>.schema.json`); `schemas/README.md`
/// says which commands print each.
const SCHEMAS: &[&str] = &[
    "show",
    "message",
    "msg-summary",
    "tnef-list",
    "eml-dump",
    "inspect",
    "prop",
    "abkt",
    "oab-manifest",
    "oab-dump",
    "cab-list",
    "chm-list",
    "dtyp-sid",
    "dtyp-sd",
    "ashttp-decode",
    "ashttp-headers",
    "protocol",
];

const ID_BASE: &str = "https://github.com/msox/msox/schemas/";

fn schemas_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas")
}

fn read_schema(name: &str) -> Value {
    let p = schemas_dir().join(format!("{name}.schema.json"));
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", p.display()))
}

fn load(name: &str) -> Schema {
    Schema::new(read_schema(name)).unwrap_or_else(|errs| {
        panic!(
            "{name}.schema.json is not a schema this validator takes:\n{}",
            errs.join("\n")
        )
    })
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("msox-schemas-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn samples() -> PathBuf {
    msox_testkit::workspace_root().join("test-vectors/samples")
}

fn sample(name: &str) -> String {
    s(&samples().join(name)).to_string()
}

/// The corpus folders of messages (`msg`, `tnef`, `eml`), when the corpus
/// is there.
fn corpus_message_dirs() -> Vec<String> {
    let Some(c) = msox_testkit::corpus::dir() else {
        return Vec::new();
    };
    ["msg", "tnef", "eml"]
        .iter()
        .map(|d| s(&c.join(d)).to_string())
        .collect()
}

/// Files under `dir` (recursively) whose name ends with `ext`, sorted.
fn files_with(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files_with(&p, ext, out);
        } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case(ext)) {
            out.push(p);
        }
    }
    out.sort();
}

/// Runs msox and parses its stdout as JSON. Exit 0, 1 (one file of
/// several failed: it is in the output) and 3 (defects read past) are
/// fine; anything else (a panic, a usage error) fails the test.
fn run_json(args: &[&str]) -> Value {
    let o = Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(args)
        .output()
        .unwrap();
    let code = o.status.code();
    assert!(
        matches!(code, Some(0 | 1 | 3)),
        "msox {}: exit {code:?}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "msox {}: stdout is not JSON: {e}\nstderr: {}",
            args.join(" "),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

/// The `file` of the batch element a pointer is in, to name it in a failure.
fn file_of(v: &Value, pointer: &str) -> String {
    let Some(i) = pointer
        .strip_prefix('/')
        .and_then(|p| p.split('/').next())
        .and_then(|i| i.parse::<usize>().ok())
    else {
        return String::new();
    };
    match v.get(i).and_then(|x| x.get("file")).and_then(Value::as_str) {
        Some(f) => format!(" (in the output for {f})"),
        None => format!(" (element {i})"),
    }
}

/// One schema and what was validated against it.
struct Checker {
    name: &'static str,
    schema: Schema,
    runs: usize,
    files: usize,
    failed_files: usize,
}

impl Checker {
    fn new(name: &'static str) -> Self {
        Checker {
            name,
            schema: load(name),
            runs: 0,
            files: 0,
            failed_files: 0,
        }
    }

    /// Runs `msox ARGS` and validates what it prints.
    fn run(&mut self, args: &[&str]) -> Value {
        let v = run_json(args);
        self.check(&format!("msox {}", args.join(" ")), &v);
        // a batch over several files or a directory prints an array of
        // per-file values, one file a value alone
        let batch = args.iter().filter(|a| Path::new(a).is_dir()).count() > 0
            || args.iter().filter(|a| Path::new(a).is_file()).count() > 1;
        match v.as_array() {
            Some(a) if batch => {
                self.files += a.len();
                self.failed_files += a
                    .iter()
                    .filter(|x| {
                        x.as_object()
                            .is_some_and(|o| o.len() == 2 && o.contains_key("error"))
                    })
                    .count();
            }
            _ => self.files += 1,
        }
        v
    }

    fn check(&mut self, what: &str, v: &Value) {
        let failures = self.schema.validate(v, 10);
        if !failures.is_empty() {
            let lines: Vec<String> = failures
                .iter()
                .map(|f| format!("  {f}{}", file_of(v, &f.instance)))
                .collect();
            panic!(
                "{what}: the output breaks {}.schema.json:\n{}",
                self.name,
                lines.join("\n")
            );
        }
        self.runs += 1;
    }

    /// Prints the counts (`cargo test -- --nocapture` shows them).
    fn done(&self) {
        assert!(self.runs > 0, "{}: nothing validated", self.name);
        eprintln!(
            "{}.schema.json: {} msox runs valid: {} outputs (one per file of a batch), {} of them files that failed",
            self.name, self.runs, self.files, self.failed_files
        );
    }
}

// ---- the schema files ------------------------------------------------------------------------

#[test]
fn schema_files_are_json_schemas_whose_refs_resolve_and_the_readme_lists_them() {
    let mut on_disk: Vec<String> = std::fs::read_dir(schemas_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".schema.json").map(str::to_string))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = SCHEMAS.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "schema files vs the SCHEMAS of this test");
    let readme = std::fs::read_to_string(schemas_dir().join("README.md")).unwrap();
    let crate_readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    for name in SCHEMAS {
        let file = format!("{name}.schema.json");
        let v = read_schema(name);
        let errs = check(&v);
        assert!(errs.is_empty(), "{file}:\n{}", errs.join("\n"));
        assert_eq!(v["$id"], json!(format!("{ID_BASE}{file}")), "{file}: $id");
        assert!(
            readme.contains(&format!("`{file}`")),
            "README.md does not list {file}"
        );
        assert!(
            crate_readme.contains(&format!("`{file}`")),
            "crates/msox/README.md does not name {file}"
        );
    }
}

// ---- the validator rejects what it must ------------------------------------------------------

fn schema_of(body: Value) -> Schema {
    let mut doc = json!({
        "$schema": common::schema::DRAFT,
        "$id": "https://example.com/t.schema.json",
        "title": "t",
        "description": "a test schema",
    });
    for (k, v) in body.as_object().unwrap() {
        doc[k] = v.clone();
    }
    Schema::new(doc).unwrap_or_else(|e| panic!("{e:?}"))
}

/// The failures of `v`, as `pointer rule` pairs.
fn failures(schema: &Schema, v: &Value) -> Vec<(String, String)> {
    schema
        .validate(v, 10)
        .into_iter()
        .map(|f| (f.instance, f.rule))
        .collect()
}

fn person() -> Schema {
    schema_of(json!({
        "$ref": "#/$defs/person",
        "$defs": {
            "person": {
                "description": "a person",
                "type": "object",
                "properties": {
                    "name": {"description": "n", "type": "string", "pattern": "^[A-Z][a-z]*$"},
                    "kind": {"description": "k", "enum": ["a", "b"]},
                    "age": {"description": "a", "type": ["integer", "null"], "minimum": 0},
                    "friends": {"description": "f", "type": "array", "items": {"$ref": "#/$defs/person"}},
                },
                "required": ["name"],
                "additionalProperties": false,
            }
        }
    }))
}

#[test]
fn validator_accepts_what_the_schema_allows() {
    let p = person();
    let ok = json!({"name": "Ann", "kind": "a", "age": null,
                    "friends": [{"name": "Bo", "age": 3}]});
    assert_eq!(failures(&p, &ok), []);
}

#[test]
fn validator_rejects_a_wrong_type() {
    let f = failures(&person(), &json!({"name": "Ann", "age": "3"}));
    assert_eq!(
        f,
        [("/age".into(), "#/$ref/properties/age/type".into())],
        "{f:?}"
    );
    let f = failures(&person(), &json!({"name": "Ann", "age": 2.5}));
    assert_eq!(f.len(), 1, "{f:?}");
    let f = failures(&person(), &json!([]));
    assert_eq!(f, [(String::new(), "#/$ref/type".into())]);
}

#[test]
fn validator_rejects_a_missing_required_property_deep_down() {
    let f = failures(&person(), &json!({"name": "Ann", "friends": [{"age": 1}]}));
    assert_eq!(
        f,
        [(
            "/friends/0".into(),
            "#/$ref/properties/friends/items/$ref/required".into()
        )]
    );
}

#[test]
fn validator_rejects_an_extra_property_when_additional_properties_is_false() {
    let f = failures(&person(), &json!({"name": "Ann", "nmae": "x"}));
    assert_eq!(f, [("/nmae".into(), "#/$ref/additionalProperties".into())]);
}

#[test]
fn validator_rejects_a_value_outside_an_enum_a_pattern_or_a_minimum() {
    let f = failures(&person(), &json!({"name": "Ann", "kind": "c"}));
    assert_eq!(f, [("/kind".into(), "#/$ref/properties/kind/enum".into())]);
    let f = failures(&person(), &json!({"name": "ann"}));
    assert_eq!(
        f,
        [("/name".into(), "#/$ref/properties/name/pattern".into())]
    );
    let f = failures(&person(), &json!({"name": "Ann", "age": -1}));
    assert_eq!(f, [("/age".into(), "#/$ref/properties/age/minimum".into())]);
}

#[test]
fn validator_applies_pattern_properties_property_names_prefix_items_any_of_one_of_const() {
    let bag = schema_of(json!({
        "type": "object",
        "propertyNames": {"pattern": "^[a-z]+ \\(0x[0-9A-F]{4}\\)$"},
        "patternProperties": {
            "0003\\)$": {"description": "i", "type": "integer"},
            "001F\\)$": {"description": "s", "type": "string"},
        },
        "additionalProperties": {"type": "null"},
        "maxProperties": 3,
    }));
    assert_eq!(
        failures(
            &bag,
            &json!({"a (0x0003)": 1, "b (0x001F)": "x", "c (0x0102)": null})
        ),
        []
    );
    assert_eq!(
        failures(&bag, &json!({"a (0x0003)": "1"})),
        [(
            "/a (0x0003)".into(),
            "#/patternProperties/0003\\)$/type".into()
        )]
    );
    assert_eq!(
        failures(&bag, &json!({"c (0x0102)": 1})),
        [("/c (0x0102)".into(), "#/additionalProperties/type".into())]
    );
    assert_eq!(
        failures(&bag, &json!({"A (0x0003)": 1})),
        [("/A (0x0003)".into(), "#/propertyNames".into())]
    );
    assert_eq!(
        failures(
            &bag,
            &json!({"a (0x0003)": 1, "b (0x0003)": 1, "c (0x0003)": 1, "d (0x0003)": 1})
        )
        .len(),
        1
    );
    let pair = schema_of(json!({
        "type": "array",
        "prefixItems": [{"type": "string"}, {"type": ["string", "null"]}],
        "items": false,
        "minItems": 2,
    }));
    assert_eq!(failures(&pair, &json!(["a", null])), []);
    assert_eq!(
        failures(&pair, &json!(["a", null, "c"])),
        [("/2".into(), "#/items".into())]
    );
    assert_eq!(
        failures(&pair, &json!(["a"])),
        [(String::new(), "#/minItems".into())]
    );
    let either = schema_of(json!({
        "anyOf": [{"const": 1}, {"type": "string", "pattern": "^x"}],
    }));
    assert_eq!(failures(&either, &json!("xy")), []);
    assert_eq!(
        failures(&either, &json!(2)),
        [(String::new(), "#/anyOf".into())]
    );
    let one = schema_of(json!({"oneOf": [{"type": "integer"}, {"minimum": 0}]}));
    assert_eq!(failures(&one, &json!(-1)), []);
    assert_eq!(
        failures(&one, &json!(1)),
        [(String::new(), "#/oneOf".into())]
    );
    // a property schema `false`: the property must be absent
    let not_b = schema_of(json!({"properties": {"b": false}}));
    assert_eq!(failures(&not_b, &json!({"a": 1})), []);
    assert_eq!(
        failures(&not_b, &json!({"b": 1})),
        [("/b".into(), "#/properties/b".into())]
    );
}

#[test]
fn schemas_with_unknown_keywords_or_dangling_refs_are_refused() {
    let base = json!({
        "$schema": common::schema::DRAFT,
        "$id": "https://example.com/t.schema.json",
        "title": "t",
        "description": "d",
    });
    let with = |k: &str, v: Value| {
        let mut d = base.clone();
        d[k] = v;
        d
    };
    assert_eq!(check(&base), Vec::<String>::new());
    for (k, v) in [
        ("format", json!("date-time")),
        ("if", json!({})),
        ("not", json!({})),
        ("uniqueItems", json!(true)),
        ("dependentRequired", json!({})),
        ("unevaluatedProperties", json!(false)),
    ] {
        let errs = check(&with(k, v));
        assert!(
            errs.iter().any(|e| e.contains("does not implement")),
            "{k}: {errs:?}"
        );
        assert!(!KEYWORDS.contains(&k));
    }
    // and inside a nested schema
    let errs = check(&with(
        "properties",
        json!({"a": {"description": "a", "type": "string", "format": "email"}}),
    ));
    assert!(
        errs.iter().any(|e| e.contains("#/properties/a/format")),
        "{errs:?}"
    );
    // $ref to what does not exist, or to another document
    for r in [
        "#/$defs/nothing",
        "other.schema.json#/$defs/x",
        "#/properties/a",
    ] {
        let errs = check(&with("$ref", json!(r)));
        assert!(
            errs.iter().any(|e| e.contains("does not resolve")),
            "{r}: {errs:?}"
        );
    }
    // a pattern outside the subset, a property without a description
    let errs = check(&with("pattern", json!("(?=x)")));
    assert!(
        errs.iter().any(|e| e.contains("outside the subset")),
        "{errs:?}"
    );
    let errs = check(&with("properties", json!({"a": {"type": "string"}})));
    assert!(
        errs.is_empty(),
        "a schema without `type` documents nothing: {errs:?}"
    );
    let mut typed = with("properties", json!({"a": {"type": "string"}}));
    typed["type"] = json!("object");
    let errs = check(&typed);
    assert!(
        errs.iter().any(|e| e.contains("without a description")),
        "{errs:?}"
    );
    // the validator refuses them too
    assert!(Schema::new(with("not", json!({}))).is_err());
}

#[test]
fn the_pattern_subset_matches_as_ecma_262_does_and_refuses_the_rest() {
    let m = |p: &str, s: &str| Regex::new(p).unwrap().is_match(s);
    assert!(m("^[0-9A-F]{8}$", "0037001F"));
    assert!(!m("^[0-9A-F]{8}$", "0037001f"));
    assert!(!m("^[0-9A-F]{8}$", "0037001F0"));
    assert!(m("[0-9]", "abc1")); // unanchored: found anywhere
    assert!(!m("^[^a-z]+$", "ABc"));
    assert!(m("^a(b|cd)*e?$", "abcdb"));
    assert!(!m("^a(b|cd)*e?$", "abce!"));
    assert!(m("^x{2,3}$", "xxx") && !m("^x{2,3}$", "xxxx") && !m("^x{2,3}$", "x"));
    assert!(m("^x{2,}$", "xxxxx"));
    assert!(m("^\\(0x\\d+\\)$", "(0x12)"));
    assert!(m("^.*\"$", "a \"quoted\""));
    assert!(!m("^.$", "\n"));
    assert!(m("^[+/=-]+$", "+/=-"));
    assert!(m(
        "(\\(0x[0-9A-F]{4}0040|PtypTime)\\)$",
        "PidTagX (0x00390040)"
    ));
    assert!(m(
        "(\\(0x[0-9A-F]{4}0040|PtypTime)\\)$",
        "PidLidX (S:0x8001, PtypTime)"
    ));
    assert!(!m(
        "(\\(0x[0-9A-F]{4}0040|PtypTime)\\)$",
        "X (PtypMultipleTime)"
    ));
    // a long run without deep recursion (base64 of megabytes with --full)
    let long = "QUJD".repeat(1 << 18);
    assert!(m("^[A-Za-z0-9+/]*={0,2}$", &long));
    assert!(!m("^[A-Za-z0-9+/]*={0,2}$", &format!("{long}!")));
    for bad in [
        "a*?", "a+?", "(?=a)", "(?!a)", "\\1", "\\w", "\\bx", "[a-", "(a", "a)", "*a", "a{2",
        "a{3,2}", "[z-a]", "^*",
    ] {
        assert!(Regex::new(bad).is_err(), "{bad} should be refused");
    }
}

// ---- the outputs ---------------------------------------------------------------------------

#[test]
fn show_json() {
    let mut c = Checker::new("show");
    c.run(&["show", "--json", &sample("sample.msg")]);
    c.run(&["show", "--json", "--no-body", &sample("winmail.dat")]);
    c.run(&["-q", "show", "--json", s(&samples())]);
    for d in corpus_message_dirs() {
        c.run(&["-q", "show", "--json", &d]);
        c.run(&["-q", "show", "--json", "--no-body", &d]);
    }
    // a file that fails among several is {"file", "error"}
    let bad = tmp("not-a-message.msg");
    std::fs::write(&bad, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 truncated").unwrap();
    let v = c.run(&["-q", "show", "--json", &sample("sample.msg"), s(&bad)]);
    assert!(v[1]["error"].is_string(), "{v}");
    c.done();
}

#[test]
fn message_json() {
    let mut c = Checker::new("message");
    c.run(&["msg", "dump", &sample("sample.msg")]);
    c.run(&["tnef", "dump", "--full", &sample("winmail.dat")]);
    c.run(&["-q", "msg", "dump", s(&samples())]);
    c.run(&["-q", "tnef", "dump", s(&samples())]);
    let fx = msox_testkit::workspace_root().join("test-vectors/oxcfxics/stream-messagecontent.hex");
    c.run(&["fxics", "message", "--json", s(&fx)]);
    for d in corpus_message_dirs() {
        for full in [false, true] {
            for kind in ["msg", "tnef"] {
                let mut args = vec!["-q", kind, "dump"];
                if full {
                    args.push("--full");
                }
                args.push(&d);
                c.run(&args);
            }
        }
    }
    c.done();
}

#[test]
fn msg_summary_json() {
    let mut c = Checker::new("msg-summary");
    c.run(&["msg", "dump", "--summary", &sample("sample.msg")]);
    for d in corpus_message_dirs() {
        c.run(&["-q", "msg", "dump", "--summary", &d]);
    }
    c.done();
}

#[test]
fn tnef_list_json() {
    let mut c = Checker::new("tnef-list");
    c.run(&["tnef", "list", "--json", &sample("winmail.dat")]);
    for d in corpus_message_dirs() {
        c.run(&["-q", "tnef", "list", "--json", &d]);
    }
    c.done();
}

#[test]
fn eml_dump_json() {
    let mut c = Checker::new("eml-dump");
    // the samples have no .eml: one made from sample.msg
    let eml = tmp("sample.eml");
    let o = Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(["msg", "to-eml", &sample("sample.msg"), s(&eml)])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    c.run(&["eml", "dump", "--json", s(&eml)]);
    // `eml dump` reads one file per call
    let mut files = Vec::new();
    for d in corpus_message_dirs() {
        files_with(Path::new(&d), "eml", &mut files);
    }
    for f in &files {
        c.run(&["-q", "eml", "dump", "--json", s(f)]);
    }
    c.done();
}

#[test]
fn inspect_json() {
    let mut c = Checker::new("inspect");
    c.run(&["inspect", "--json", &sample("sample.msg")]);
    c.run(&["-q", "inspect", "--json", s(&samples())]);
    // every file of the corpus msox knows, messages included (damaged
    // ones with `ok: false`, unreadable ones as {"file", "error"})
    if let Some(corpus) = msox_testkit::corpus::dir() {
        c.run(&["-q", "inspect", "--json", s(&corpus)]);
    }
    c.done();
}

#[test]
fn prop_json() {
    let mut c = Checker::new("prop");
    c.run(&["prop", "find", "PidTagSubject", "--json"]);
    c.run(&["prop", "PSETID_Appointment:0x820D", "--json"]);
    c.run(&["prop", "find", "PS_PUBLIC_STRINGS:Keywords", "--json"]);
    c.run(&["prop", "find", "0x0037", "--json"]);
    let all = c.run(&["prop", "list", "--json"]);
    assert!(all.as_array().unwrap().len() > 1000);
    c.done();
}

/// The test vectors of `spec` that are not error vectors, written as
/// files, with their `# type:` and `# template-type:` lines.
fn vector_files(spec: &str, ext: &str) -> Vec<(String, PathBuf, String)> {
    msox_testkit::vectors(spec)
        .into_iter()
        .filter(|v| v.expected_error.is_none())
        .map(|v| {
            let p = tmp(&format!("{spec}-{}.{ext}", v.name));
            std::fs::write(&p, &v.bytes).unwrap();
            let ty = v.meta.get("type").cloned().unwrap_or_default();
            let ty = match v.meta.get("template-type") {
                Some(t) => format!("{ty} {t}"),
                None => ty,
            };
            (v.name, p, ty)
        })
        .collect()
}

#[test]
fn abkt_json() {
    let mut c = Checker::new("abkt");
    for (_, p, ty) in vector_files("oxoabkt", "bin") {
        match ty.as_str() {
            "ScriptData" => {
                c.run(&["abkt", "--script", "--json", s(&p)]);
            }
            "Template" => {
                c.run(&["abkt", "--json", s(&p)]);
                c.run(&["abkt", "--json", "--encoding", "1252", s(&p)]);
            }
            // `Template 2`: `msox abkt` reads templates strictly, so one of
            // another Type is an error, not the `other_template` JSON
            _ => {}
        }
    }
    c.done();
}

#[test]
fn oab_json() {
    let mut c = Checker::new("oab-manifest");
    let dir = msox_testkit::workspace_root().join("test-vectors/oxwoab");
    let mut xml = Vec::new();
    files_with(&dir, "xml", &mut xml);
    for f in &xml {
        c.run(&["oab", "manifest", "--json", s(f)]);
    }
    c.done();
    let mut c = Checker::new("oab-dump");
    for (_, p, ty) in vector_files("oxoab", "oab") {
        // the CompressedFile vectors hold text, not an OAB file
        if ty != "CompressedFile" {
            c.run(&["oab", "dump", "--json", s(&p)]);
        }
    }
    for compress in [false, true] {
        let p = tmp(&format!("generated-{compress}.oab"));
        let mut args = vec!["oab", "generate", "5", s(&p)];
        if compress {
            args.push("--compress");
        }
        let o = Command::new(env!("CARGO_BIN_EXE_msox"))
            .args(&args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let v = c.run(&["oab", "dump", "--json", s(&p)]);
        assert_eq!(v["records"].as_array().unwrap().len(), 5);
    }
    c.done();
}

#[test]
fn cab_and_chm_list_json() {
    let Some(corpus) = msox_testkit::corpus::dir() else {
        return;
    };
    let mut c = Checker::new("cab-list");
    let v = c.run(&["-q", "cab", "list", "--json", s(&corpus)]);
    assert!(v.as_array().unwrap().len() > 10);
    c.done();
    let mut c = Checker::new("chm-list");
    let v = c.run(&["-q", "chm", "list", "--json", s(&corpus)]);
    assert!(v.as_array().unwrap().len() > 5);
    c.done();
}

#[test]
fn dtyp_json() {
    let mut sid = Checker::new("dtyp-sid");
    let mut sd = Checker::new("dtyp-sd");
    for v in msox_testkit::vectors("dtyp") {
        if v.expected_error.is_some() {
            continue;
        }
        let hex = msox_codec::hex::encode(&v.bytes);
        if v.name.starts_with("sid-") {
            sid.run(&["dtyp", "sid", "--json", &hex]);
        } else if v.name.starts_with("sd-") {
            sd.run(&["dtyp", "sd", "--json", &hex]);
        }
    }
    sid.run(&["dtyp", "sid", "--json", "S-1-5-32-544"]);
    sid.run(&["dtyp", "sid", "--json", "S-1-5-21-1-2-3-1001"]);
    sid.done();
    sd.done();
}

#[test]
fn ashttp_json() {
    let mut c = Checker::new("ashttp-decode");
    c.run(&["ashttp", "decode", "jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l"]);
    c.run(&[
        "ashttp",
        "decode",
        "Cmd=Sync&User=jane%40example.com&DeviceId=v140Device&DeviceType=SmartPhone&Flag",
    ]);
    c.run(&[
        "ashttp",
        "decode",
        "POST /Microsoft-Server-ActiveSync?jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l HTTP/1.1",
    ]);
    c.run(&[
        "ashttp",
        "decode",
        "POST /Microsoft-Server-ActiveSync HTTP/1.1",
    ]);
    for v in msox_testkit::vectors("ashttp") {
        if v.expected_error.is_none() {
            use base64::Engine;
            let q = base64::engine::general_purpose::STANDARD.encode(&v.bytes);
            c.run(&["ashttp", "decode", &q]);
        }
    }
    c.done();
    let mut c = Checker::new("ashttp-headers");
    let req = tmp("request.txt");
    std::fs::write(
        &req,
        "POST /Microsoft-Server-ActiveSync?Cmd=Sync HTTP/1.1\r\n\
         Content-Type: application/vnd.ms-sync.wbxml\r\n\
         MS-ASProtocolVersion: 14.1\r\n\
         X-MS-PolicyKey: 3942919513\r\n\
         MS-ASAcceptMultiPart: T\r\n\
         User-Agent: test\r\n\r\n",
    )
    .unwrap();
    c.run(&["ashttp", "headers", s(&req)]);
    std::fs::write(
        &req,
        "MS-ASProtocolVersion: fourteen\r\nX-MS-PolicyKey: x\r\n\r\n",
    )
    .unwrap();
    c.run(&["ashttp", "headers", s(&req)]);
    let resp = tmp("response.txt");
    std::fs::write(
        &resp,
        "HTTP/1.1 200 OK\r\n\
         MS-Server-ActiveSync: 15.0\r\n\
         MS-ASProtocolVersions: 2.5,12.0,14.1\r\n\
         MS-ASProtocolCommands: Sync,FolderSync\r\n\
         Content-Type: application/vnd.ms-sync.wbxml\r\n\r\n",
    )
    .unwrap();
    c.run(&["ashttp", "headers", s(&resp)]);
    std::fs::write(&resp, "MS-ASProtocolVersions: x\r\n\r\n").unwrap();
    c.run(&["ashttp", "headers", "--response", s(&resp)]);
    c.done();
}

#[test]
fn protocol_json() {
    let mut c = Checker::new("protocol");
    let v = |spec: &str, name: &str| {
        s(&msox_testkit::workspace_root()
            .join("test-vectors")
            .join(spec)
            .join(format!("{name}.hex")))
        .to_string()
    };
    let rpc = |name: &str| {
        let p = tmp(&format!("{name}.bin"));
        std::fs::write(&p, msox_testkit::vector("oxcrpc", name).bytes).unwrap();
        s(&p).to_string()
    };
    let runs: Vec<Vec<String>> = vec![
        vec![
            "oxcrpc".into(),
            "ext-buffer".into(),
            "--json".into(),
            rpc("ext-packed-compressed-then-plain"),
        ],
        vec![
            "oxcrpc".into(),
            "ext-buffer".into(),
            "--aux".into(),
            "--json".into(),
            rpc("auxbuffer-xor"),
        ],
        vec![
            "oxcrpc".into(),
            "stub".into(),
            "connect-ex".into(),
            "request".into(),
            "--json".into(),
            rpc("connectex-request"),
        ],
        vec![
            "fxics".into(),
            "stream".into(),
            v("oxcfxics", "stream-messagecontent"),
            "--root".into(),
            "messageContent".into(),
            "--json".into(),
        ],
        vec![
            "fxics".into(),
            "idset".into(),
            v("oxcfxics", "idset-4.4-example"),
            "--json".into(),
        ],
        vec![
            "fxics".into(),
            "globset".into(),
            v("oxcfxics", "globset-3.1.5.4.3.1.3-bitmask"),
            "--json".into(),
        ],
        vec![
            "fxics".into(),
            "pcl".into(),
            v("oxcfxics", "pcl-two-namespaces"),
            "--json".into(),
        ],
        vec![
            "fxics".into(),
            "xid".into(),
            v("oxcfxics", "xid-gid"),
            "--json".into(),
        ],
        vec![
            "nspi".into(),
            "decode".into(),
            "--method".into(),
            "queryrows".into(),
            "--response".into(),
            "--json".into(),
            v("oxnspi", "peer-nspi-query-rows-response"),
        ],
        vec![
            "mapihttp".into(),
            "decode".into(),
            "--type".into(),
            "getprops".into(),
            "--response".into(),
            "--json".into(),
            v("oxcmapihttp", "get-props-response"),
        ],
        vec![
            "rops".into(),
            "decode".into(),
            "--bare".into(),
            "--json".into(),
            v("oxcrops", "oxctabl-4.2.1-RopSetColumns"),
        ],
        vec![
            "cal".into(),
            "recur".into(),
            v("oxocal", "arp-4.1.1.2-weekly-with-exceptions"),
            "--max".into(),
            "12".into(),
            "--json".into(),
        ],
        vec![
            "cal".into(),
            "tz".into(),
            v("oxocal", "tzdef-4.1.4-pacific"),
            "--year".into(),
            "2007".into(),
            "--json".into(),
        ],
        vec![
            "mapihttp".into(),
            "stream".into(),
            "--chunked".into(),
            "--type".into(),
            "Execute".into(),
            "--json".into(),
            v("oxcmapihttp", "spec-4.2-execute-chunked-response"),
        ],
        vec![
            "cal".into(),
            "goid".into(),
            "--uid".into(),
            "abc@example.com".into(),
            "--json".into(),
        ],
        vec![
            "oxcdata".into(),
            "entryid".into(),
            "--json".into(),
            msox_codec::hex::encode(
                &msox_testkit::vector("oxcdata", "handmade-entryid-one-off-unicode").bytes,
            ),
        ],
    ];
    for args in &runs {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        c.run(&a);
    }
    c.done();
}

#[test]
fn raw_dump_of_the_sample_msg_is_json_that_builds_back_to_the_same_message() {
    // (`tnef dump --raw` | `msg build` is tested on the corpus in show.rs;
    // this one needs no corpus)
    let o = Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(["msg", "dump", "--raw", &sample("sample.msg")])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let _: Value = serde_json::from_slice(&o.stdout).unwrap();
    let raw = tmp("sample.raw.json");
    std::fs::write(&raw, &o.stdout).unwrap();
    let built = tmp("sample.built.msg");
    let o = Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(["msg", "build", s(&raw), s(&built)])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let before = run_json(&["msg", "dump", &sample("sample.msg")]);
    let after = run_json(&["msg", "dump", s(&built)]);
    assert_eq!(before, after);
}
