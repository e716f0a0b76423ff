//! # msox-testkit — shared test helpers (dev-dependency only)
//!
//! - [`vectors`]: loads `test-vectors/<spec>/*.hex` (hex bytes, `#` comments
//!   naming the spec section, `# key: value` metadata lines).
//! - [`assert_round_trip`] / [`assert_round_trip_with`]: decode-then-encode
//!   gives the same bytes, and `encoded_len` tells the truth.
//! - [`assert_truncations_fail`] / [`assert_no_panic_on_mutations`]: every
//!   truncation is an error, never a panic; bit flips never panic.
//! - [`corpus`]: the real files of `../shared/corpus` (skipped with a message
//!   when absent, a failure when `CI` is set).
//! - [`prop_round_trip`]: the proptest round-trip property.
//! - [`hostile`]: the one hostile-input suite every decoder entry point of
//!   every crate runs (truncations, mutations, budget exhaustion, offsets
//!   inside the input, strict and lenient).
//! - [`generate`]: hostile inputs per attack class at a size parameter
//!   (property floods, FAT cycles, nested embedding, string-table
//!   amplification, deep nesting) for tests and the `hostile` bench.
//!
//! ```no_run
//! use msox_testkit::{vectors, assert_round_trip};
//! # #[derive(Debug, PartialEq)] struct Guid;
//! # impl<'a> msox_codec::Decode<'a> for Guid { fn decode(_: &mut msox_codec::Reader<'a>) -> msox_codec::Result<Self> { Ok(Guid) } }
//! # impl msox_codec::Encode for Guid { fn encoded_len(&self) -> usize { 0 } fn encode<B: msox_codec::bytes::BufMut>(&self, _: &mut B) -> msox_codec::Result<()> { Ok(()) } }
//! for v in vectors("dtyp").iter().filter(|v| v.name.starts_with("guid")) {
//!     let _guid: Guid = assert_round_trip(&v.bytes, &v.name);
//! }
//! ```
#![forbid(unsafe_code)]
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use msox_codec::{Decode, DecodeWith, Encode, EncodeWith, encode_checked};

pub use proptest;

pub mod generate;
pub mod measure;
pub mod peers;

/// The workspace root (the folder holding the top `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// One test vector: a `.hex` file under `test-vectors/<spec>/`.
#[derive(Debug, Clone)]
pub struct Vector {
    /// File stem, e.g. `guid-2.3.4.2-example`.
    pub name: String,
    /// Path of the file.
    pub path: PathBuf,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// `# key: value` lines (keys lower-cased), e.g. `section`, `expect`.
    pub meta: BTreeMap<String, String>,
    /// Every comment line, without the `#`.
    pub comments: Vec<String>,
    /// The error this vector must give, from a `<name>.err` file beside the
    /// `.hex` (see [`ExpectedError`]).
    pub expected_error: Option<ExpectedError>,
}

/// An error vector's expectation: a `.err` file beside the `.hex` with
/// `key: value` lines (`#` comments allowed):
///
/// ```text
/// kind: invalid PropertyType 0x1234
/// offset: 668
/// path: TnefStream > attMAPIProps > TaggedPropertyValue[21]
/// mode: strict
/// ```
///
/// `kind` is the error's message without position and path (its
/// [`msox_codec::ErrorKind`] as displayed); `path` must match exactly;
/// `mode` is `strict` (default) or `lenient` (then the vector must give this
/// as its first defect instead of an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedError {
    /// The error kind as displayed.
    pub kind: String,
    /// The absolute byte offset.
    pub offset: Option<usize>,
    /// The structure path as displayed.
    pub path: Option<String>,
    /// `strict` or `lenient`.
    pub mode: String,
}

impl ExpectedError {
    /// Parses the text of a `.err` file.
    pub fn parse(text: &str) -> Self {
        let mut e = ExpectedError {
            kind: String::new(),
            offset: None,
            path: None,
            mode: "strict".into(),
        };
        for line in text.lines() {
            let line = line.trim();
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let (k, v) = line.split_once(':').unwrap_or((line, ""));
            let v = v.trim().to_string();
            match k.trim() {
                "kind" => e.kind = v,
                "offset" => e.offset = Some(v.parse().expect("offset: a decimal number")),
                "path" => e.path = Some(v),
                "mode" => e.mode = v,
                other => panic!("unknown key {other:?} in a .err file"),
            }
        }
        e
    }

    /// Asserts `err` is what this file expects.
    pub fn check(&self, what: &str, err: &msox_codec::Error) {
        assert_eq!(
            err.kind().to_string(),
            self.kind,
            "{what}: error kind ({err})"
        );
        if let Some(o) = self.offset {
            assert_eq!(err.offset(), Some(o), "{what}: error offset ({err})");
        }
        if let Some(p) = &self.path {
            assert_eq!(&err.path().to_string(), p, "{what}: error path ({err})");
        }
    }
}

impl Vector {
    /// For a vector with a `.err` file: runs `decode` in the mode the file
    /// names and checks the error (strict) or first defect (lenient). Returns
    /// whether the vector had a `.err` file.
    pub fn check_expected_error(
        &self,
        decode: impl Fn(&[u8], &msox_codec::Options) -> hostile::Outcome,
    ) -> bool {
        let Some(exp) = &self.expected_error else {
            return false;
        };
        let what = &self.name;
        if exp.mode == "lenient" {
            match decode(&self.bytes, &msox_codec::Options::lenient()) {
                Ok(defects) => {
                    let d = defects
                        .first()
                        .unwrap_or_else(|| panic!("{what}: no defect in lenient mode"));
                    exp.check(what, d.error());
                }
                Err(e) => panic!("{what}: lenient decoding failed: {e}"),
            }
        } else {
            match decode(&self.bytes, &msox_codec::Options::strict()) {
                Ok(_) => panic!("{what}: decoded without error"),
                Err(e) => exp.check(what, &e),
            }
        }
        true
    }
}

impl Vector {
    /// The `section` metadata (the spec section the bytes come from).
    pub fn section(&self) -> Option<&str> {
        self.meta.get("section").map(String::as_str)
    }

    /// A metadata value, panicking with a clear message when it is missing.
    pub fn meta(&self, key: &str) -> &str {
        self.meta
            .get(key)
            .unwrap_or_else(|| panic!("{}: no `# {key}:` line", self.path.display()))
    }
}

/// Parses the text of a `.hex` vector.
pub fn parse_vector(name: &str, path: &Path, text: &str) -> Vector {
    let bytes = msox_codec::hex::decode(text)
        .unwrap_or_else(|e| panic!("{}: bad hex: {e}", path.display()));
    let mut meta = BTreeMap::new();
    let mut comments = Vec::new();
    for line in text.lines() {
        if let Some((_, c)) = line.split_once('#') {
            let c = c.trim();
            comments.push(c.to_string());
            if let Some((k, v)) = c.split_once(':') {
                let k = k.trim();
                if !k.is_empty()
                    && k.chars()
                        .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
                {
                    meta.insert(k.to_ascii_lowercase(), v.trim().to_string());
                }
            }
        }
    }
    let err_path = path.with_extension("err");
    let expected_error = std::fs::read_to_string(&err_path)
        .ok()
        .map(|t| ExpectedError::parse(&t));
    Vector {
        name: name.to_string(),
        path: path.to_path_buf(),
        bytes,
        meta,
        comments,
        expected_error,
    }
}

/// Every `test-vectors/<spec>/*.hex`, sorted by name. Panics if the folder
/// has none (a spec crate must ship vectors).
pub fn vectors(spec: &str) -> Vec<Vector> {
    let dir = workspace_root().join("test-vectors").join(spec);
    let mut out = Vec::new();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("hex") {
            continue;
        }
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        out.push(parse_vector(&name, &path, &text));
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(!out.is_empty(), "no .hex vectors in {}", dir.display());
    out
}

/// The vector named `name` in `test-vectors/<spec>/`.
pub fn vector(spec: &str, name: &str) -> Vector {
    vectors(spec)
        .into_iter()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("no vector {name} in test-vectors/{spec}"))
}

/// Describes the first difference between two byte strings.
pub fn hex_diff(expected: &[u8], actual: &[u8]) -> Option<String> {
    if expected == actual {
        return None;
    }
    let at = expected
        .iter()
        .zip(actual)
        .position(|(a, b)| a != b)
        .unwrap_or(expected.len().min(actual.len()));
    let window = |b: &[u8]| {
        let lo = at.saturating_sub(8);
        let hi = (at + 8).min(b.len());
        msox_codec::hex::encode(b.get(lo..hi).unwrap_or_default())
    };
    Some(format!(
        "lengths {} (expected) vs {} (actual); first difference at byte {at}: expected …{}… actual …{}…",
        expected.len(),
        actual.len(),
        window(expected),
        window(actual)
    ))
}

/// Asserts `T::decode_exact(bytes)` succeeds and encoding the value gives
/// `bytes` back (with a truthful `encoded_len`). Returns the value.
pub fn assert_round_trip<T>(bytes: &[u8], what: &str) -> T
where
    T: for<'a> Decode<'a> + Encode + Debug,
{
    let value = T::decode_exact(bytes).unwrap_or_else(|e| panic!("{what}: decode failed: {e}"));
    let out = encode_checked(&value).unwrap_or_else(|e| panic!("{what}: encode failed: {e}"));
    if let Some(d) = hex_diff(bytes, &out) {
        panic!("{what}: re-encoding differs: {d}\nvalue: {value:#?}");
    }
    value
}

/// [`assert_round_trip`] for context-dependent structures.
pub fn assert_round_trip_with<C, T>(bytes: &[u8], ctx: C, what: &str) -> T
where
    C: Copy,
    T: for<'a> DecodeWith<'a, C> + EncodeWith<C> + Debug,
{
    let value =
        T::decode_exact_with(bytes, ctx).unwrap_or_else(|e| panic!("{what}: decode failed: {e}"));
    let out = value
        .to_vec_with(ctx)
        .unwrap_or_else(|e| panic!("{what}: encode failed: {e}"));
    assert_eq!(
        out.len(),
        value.encoded_len_with(ctx),
        "{what}: encoded_len_with disagrees with encode_with"
    );
    if let Some(d) = hex_diff(bytes, &out) {
        panic!("{what}: re-encoding differs: {d}\nvalue: {value:#?}");
    }
    value
}

/// Runs `f` on every proper prefix of `bytes` (0..len bytes) and asserts it
/// returns an error and never panics. `f` is typically
/// `|b| T::decode_exact(b).map(drop)`.
pub fn assert_truncations_fail<E: Debug>(
    bytes: &[u8],
    what: &str,
    f: impl Fn(&[u8]) -> Result<(), E>,
) {
    for n in 0..bytes.len() {
        let prefix = &bytes[..n];
        match catch_unwind(AssertUnwindSafe(|| f(prefix))) {
            Ok(Err(_)) => {}
            Ok(Ok(())) => panic!(
                "{what}: truncation to {n} of {} bytes decoded without error",
                bytes.len()
            ),
            Err(_) => panic!(
                "{what}: truncation to {n} of {} bytes panicked",
                bytes.len()
            ),
        }
    }
}

/// Runs `f` on every prefix of `bytes` and asserts it never panics (for
/// formats where a prefix can itself be valid).
pub fn assert_truncations_never_panic<R>(bytes: &[u8], what: &str, f: impl Fn(&[u8]) -> R) {
    for n in 0..=bytes.len() {
        if catch_unwind(AssertUnwindSafe(|| drop(f(&bytes[..n])))).is_err() {
            panic!(
                "{what}: truncation to {n} of {} bytes panicked",
                bytes.len()
            );
        }
    }
}

/// Feeds `f` single-bit flips, byte overwrites (0x00, 0xFF, 0x7F, 0x80) and
/// truncations of `bytes` (up to `max_cases` of each kind, spread over the
/// input) and asserts it never panics.
pub fn assert_no_panic_on_mutations<R>(
    bytes: &[u8],
    what: &str,
    max_cases: usize,
    f: impl Fn(&[u8]) -> R,
) {
    let n = bytes.len();
    if n == 0 {
        return;
    }
    let step = (n / max_cases.max(1)).max(1);
    let mut buf = bytes.to_vec();
    let run = |buf: &[u8], desc: &dyn Fn() -> String| {
        if catch_unwind(AssertUnwindSafe(|| drop(f(buf)))).is_err() {
            panic!("{what}: panicked on {}", desc());
        }
    };
    for i in (0..n).step_by(step) {
        for bit in 0..8 {
            buf[i] ^= 1 << bit;
            run(&buf, &|| format!("bit {bit} of byte {i} flipped"));
            buf[i] ^= 1 << bit;
        }
        let orig = buf[i];
        for v in [0x00, 0xFF, 0x7F, 0x80] {
            buf[i] = v;
            run(&buf, &|| format!("byte {i} set to {v:#04x}"));
        }
        buf[i] = orig;
        run(&bytes[..i], &|| format!("truncation to {i} bytes"));
    }
}

/// The proptest round-trip property: encoding `value` and decoding the
/// bytes gives `value` back, and `encoded_len` is exact.
pub fn prop_round_trip<T>(value: &T) -> Result<(), proptest::test_runner::TestCaseError>
where
    T: for<'a> Decode<'a> + Encode + Debug + PartialEq,
{
    let bytes = encode_checked(value)
        .map_err(|e| proptest::test_runner::TestCaseError::fail(format!("encode: {e}")))?;
    let back = T::decode_exact(&bytes)
        .map_err(|e| proptest::test_runner::TestCaseError::fail(format!("decode: {e}")))?;
    proptest::prop_assert_eq!(&back, value);
    Ok(())
}

/// [`prop_round_trip`] for context-dependent structures.
pub fn prop_round_trip_with<C, T>(
    value: &T,
    ctx: C,
) -> Result<(), proptest::test_runner::TestCaseError>
where
    C: Copy,
    T: for<'a> DecodeWith<'a, C> + EncodeWith<C> + Debug + PartialEq,
{
    let bytes = value
        .to_vec_with(ctx)
        .map_err(|e| proptest::test_runner::TestCaseError::fail(format!("encode: {e}")))?;
    proptest::prop_assert_eq!(bytes.len(), value.encoded_len_with(ctx));
    let back = T::decode_exact_with(&bytes, ctx)
        .map_err(|e| proptest::test_runner::TestCaseError::fail(format!("decode: {e}")))?;
    proptest::prop_assert_eq!(&back, value);
    Ok(())
}

pub mod corpus {
    //! The real-file corpus at `../shared/corpus` (or `$MSOX_CORPUS`).
    //!
    //! Tests that read it call [`dir`]: when the corpus is absent they print
    //! a message and skip, unless the `CI` environment variable is set, in
    //! which case they fail (CI always has `../shared` beside the checkout).

    use std::path::PathBuf;

    /// One row of `MANIFEST.tsv`.
    #[derive(Debug, Clone)]
    pub struct Entry {
        /// Path relative to the corpus folder.
        pub file: String,
        /// The `format` column.
        pub format: String,
        /// The `notes` column.
        pub notes: String,
        /// The `size` column.
        pub size: u64,
        /// Absolute path.
        pub path: PathBuf,
    }

    /// The corpus folder if present; `None` (with a message) when absent
    /// outside CI; a panic when absent in CI.
    pub fn dir() -> Option<PathBuf> {
        let p = match std::env::var_os("MSOX_CORPUS") {
            Some(p) => PathBuf::from(p),
            None => super::workspace_root().join("../shared/corpus"),
        };
        if p.join("MANIFEST.tsv").is_file() {
            return Some(p);
        }
        if std::env::var_os("CI").is_some() {
            panic!(
                "corpus not found at {} (CI is set, so this is a failure)",
                p.display()
            );
        }
        eprintln!("skipping: corpus not found at {}", p.display());
        None
    }

    /// Every manifest entry whose path starts with `folder/` (e.g. `"tnef"`),
    /// or all entries for `""`.
    pub fn entries(folder: &str) -> Vec<Entry> {
        let Some(d) = dir() else { return Vec::new() };
        let text = std::fs::read_to_string(d.join("MANIFEST.tsv")).unwrap();
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
        let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
        let (cf, cfmt, cn, cs) = (col("file"), col("format"), col("notes"), col("size"));
        let prefix = if folder.is_empty() {
            String::new()
        } else {
            format!("{folder}/")
        };
        lines
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                let file = f.get(cf)?.to_string();
                if !file.starts_with(&prefix) {
                    return None;
                }
                Some(Entry {
                    path: d.join(&file),
                    format: f.get(cfmt).unwrap_or(&"").to_string(),
                    notes: f.get(cn).unwrap_or(&"").to_string(),
                    size: f.get(cs).and_then(|s| s.parse().ok()).unwrap_or(0),
                    file,
                })
            })
            .collect()
    }

    /// Entries under `folder/` whose file name ends with one of `exts` (e.g. `[".msg"]`).
    pub fn files(folder: &str, exts: &[&str]) -> Vec<Entry> {
        entries(folder)
            .into_iter()
            .filter(|e| {
                exts.iter()
                    .any(|x| e.file.to_ascii_lowercase().ends_with(x))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_vector_metadata_and_bytes() {
        let v = parse_vector(
            "x",
            Path::new("x.hex"),
            "# section: [MS-DTYP] 2.3.4.2 GUID\n# expect: {01}\n01 02 # two bytes\n03\n",
        );
        assert_eq!(v.bytes, [1, 2, 3]);
        assert_eq!(v.section(), Some("[MS-DTYP] 2.3.4.2 GUID"));
        assert_eq!(v.meta("expect"), "{01}");
    }

    #[test]
    fn hex_diff_points_at_first_difference() {
        assert!(hex_diff(&[1, 2], &[1, 2]).is_none());
        let d = hex_diff(&[1, 2, 3], &[1, 9, 3]).unwrap();
        assert!(d.contains("byte 1"), "{d}");
    }
}

/// The hostile-input suite every decoder entry point runs.
///
/// An entry point is anything of the one entry shape: bytes and
/// [`Options`](msox_codec::Options) in, a value with its defects (or an
/// error) out. [`hostile::suite_for`] feeds it, in strict and lenient mode:
///
/// - every sample whole;
/// - every truncation (every prefix for samples up to 4 KiB, 4,096 spread
///   prefixes beyond);
/// - bit flips and byte overwrites spread over each sample;
/// - each sample under a starved budget (a few items, a few bytes of
///   allocation and output, depth 2);
///
/// and asserts: no panic; every error and defect offset lies inside the
/// input (or in a derived buffer that says so); strict mode reports no
/// defects (it fails instead); and, when the sample decodes strictly, every
/// proper prefix fails strictly (unless [`hostile::Suite::prefixes_may_decode`]).
pub mod hostile {
    use super::*;
    use msox_codec::{Decoded, Defect, Error, Limits, Mode, Options};

    /// What an entry point returns, reduced to what the suite checks.
    pub type Outcome = Result<Vec<Defect>, Error>;

    /// Adapts a `decode_bytes`-shaped result to an [`Outcome`].
    pub fn outcome<T>(r: msox_codec::Result<Decoded<T>>) -> Outcome {
        r.map(|d| d.defects)
    }

    /// The suite's settings.
    #[derive(Debug, Clone)]
    pub struct Suite {
        /// Name of the entry point (`"oxtnef_stream"`).
        pub name: String,
        /// Whether a proper prefix of a valid sample may itself be valid
        /// (formats without a length or terminator at the end).
        pub prefixes_may_decode: bool,
        /// Mutation positions per sample.
        pub mutations: usize,
    }

    impl Suite {
        /// The default settings for the entry point `name`.
        pub fn new(name: &str) -> Self {
            Suite {
                name: name.to_string(),
                prefixes_may_decode: false,
                mutations: 256,
            }
        }

        /// Allows proper prefixes of valid samples to decode.
        #[must_use]
        pub fn prefixes_may_decode(mut self) -> Self {
            self.prefixes_may_decode = true;
            self
        }

        /// Runs the suite over `samples` with the entry point `run`.
        pub fn run(&self, samples: &[Vec<u8>], run: impl Fn(&[u8], &Options) -> Outcome) {
            assert!(!samples.is_empty(), "{}: no samples", self.name);
            let starved = Limits {
                max_alloc: 64,
                max_depth: 2,
                max_output: 64,
                max_items: 4,
                max_ratio: 1,
                ratio_floor: 64,
            };
            let modes = [
                Options::strict(),
                Options::lenient(),
                Options::strict().with_limits(starved),
                Options::lenient().with_limits(starved),
            ];
            for (i, sample) in samples.iter().enumerate() {
                let what = format!("{} sample {i} ({} bytes)", self.name, sample.len());
                let whole_strict_ok = matches!(
                    self.check(&what, sample, &Options::strict(), &run),
                    Some(Ok(_))
                );
                for o in &modes {
                    self.check(&what, sample, o, &run);
                }
                // truncations
                let n = sample.len();
                let step = if n <= 4096 { 1 } else { n / 4096 };
                for cut in (0..n).step_by(step.max(1)) {
                    let prefix = &sample[..cut];
                    let w = format!("{what} cut to {cut}");
                    let strict = self.check(&w, prefix, &Options::strict(), &run);
                    if whole_strict_ok && !self.prefixes_may_decode {
                        assert!(
                            matches!(strict, Some(Err(_))),
                            "{w}: a proper prefix of a valid sample decoded strictly"
                        );
                    }
                    self.check(&w, prefix, &Options::lenient(), &run);
                }
                // mutations
                if n > 0 {
                    let mut buf = sample.clone();
                    let mstep = (n / self.mutations.max(1)).max(1);
                    for at in (0..n).step_by(mstep) {
                        let orig = buf[at];
                        for v in [orig ^ 0x01, orig ^ 0x80, 0x00, 0xFF, 0x7F] {
                            buf[at] = v;
                            let w = format!("{what} byte {at} set to {v:#04x}");
                            self.check(&w, &buf, &Options::strict(), &run);
                            self.check(&w, &buf, &Options::lenient(), &run);
                            self.check(&w, &buf, &modes[3], &run);
                        }
                        buf[at] = orig;
                    }
                }
            }
        }

        fn check(
            &self,
            what: &str,
            input: &[u8],
            o: &Options,
            run: &impl Fn(&[u8], &Options) -> Outcome,
        ) -> Option<Outcome> {
            let r = match catch_unwind(AssertUnwindSafe(|| run(input, o))) {
                Ok(r) => r,
                Err(_) => panic!("{what}: panicked ({:?} mode)", o.mode),
            };
            match &r {
                Ok(defects) => {
                    if o.mode == Mode::Strict {
                        assert!(
                            defects.is_empty(),
                            "{what}: strict mode returned defects: {defects:?}"
                        );
                    }
                    for d in defects {
                        check_offset(what, input, d.error());
                    }
                }
                Err(e) => check_offset(what, input, e),
            }
            Some(r)
        }
    }

    fn check_offset(what: &str, input: &[u8], e: &Error) {
        if let (Some(o), None) = (e.offset(), e.derived()) {
            assert!(
                o <= input.len(),
                "{what}: offset {o} past the end of a {}-byte input: {e}",
                input.len()
            );
        }
    }

    /// Runs the default suite over a [`Decode`] type's `decode_bytes`.
    pub fn suite_for<T>(name: &str, samples: &[Vec<u8>])
    where
        T: for<'a> Decode<'a>,
    {
        Suite::new(name).run(samples, |b, o| outcome(T::decode_bytes(b, o)));
    }

    /// The bytes of every vector of `spec` whose name passes `keep` (vectors
    /// marked `# expect-error:` are included: they are hostile too).
    pub fn samples(spec: &str, keep: impl Fn(&str) -> bool) -> Vec<Vec<u8>> {
        vectors(spec)
            .into_iter()
            .filter(|v| keep(&v.name))
            .map(|v| v.bytes)
            .collect()
    }
}
