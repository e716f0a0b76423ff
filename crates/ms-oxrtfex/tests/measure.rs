//! Memory of the streaming de-encapsulator. Ignored: run in release mode,
//!
//! ```text
//! cargo test -p ms-oxrtfex --release --test measure -- --ignored --nocapture
//! ```
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use std::io::Read;

use ms_oxrtfex::Deencapsulator;
use msox_codec::{CountingSink, Limits, Options};
use msox_testkit::measure::vm_hwm_kib;

const HEAD: &[u8] = b"{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0{\\fonttbl{\\f0\\fswiss Arial;}}\r\n{\\*\\htmltag19 <html><body>}\r\n";
const LINE: &[u8] = b"{\\*\\htmltag84 <p>}Caf\\'e9 cr\\'e8me \\u8364? brul\\'e9e, the quick brown fox\\par\r\n{\\*\\htmltag92 </p>}\\htmlrtf {\\b hidden}\\htmlrtf0\r\n";
const TAIL: &[u8] = b"{\\*\\htmltag19 </body></html>}}";

/// Encapsulated HTML of about `size` bytes, in pieces of about 64 KiB.
fn pieces(size: usize) -> impl Iterator<Item = Vec<u8>> {
    let block = LINE.repeat((64 << 10) / LINE.len());
    let n = size / block.len();
    std::iter::once(HEAD.to_vec())
        .chain(std::iter::repeat_n(block, n))
        .chain(std::iter::once(TAIL.to_vec()))
}

/// The streaming de-encapsulator keeps an incomplete token between
/// pieces and one stage of output: 512 MiB of encapsulated HTML RTF made
/// and fed in 64 KiB pieces, and 256 MiB of it compressed (LZFu) read from
/// a file in 64 KiB pieces through `ms-oxrtfcp`'s `Decompressor` into
/// [`Deencapsulator::sink`], into a `CountingSink`, each in a child process
/// of its own (this test binary run again): peak RSS under 64 MiB.
#[test]
#[ignore = "measurement: run in release mode with --ignored --nocapture"]
fn peak_rss_is_flat() {
    let opts = Options::default().with_limits(Limits::DEFAULT.with_max_output(1 << 31));
    if let Ok(mode) = std::env::var("MSOX_RSS_MODE") {
        let mut n = CountingSink::default();
        let mut d = Deencapsulator::new(&opts);
        if mode == "rtf" {
            for p in pieces(512 << 20) {
                d.feed(&p, &mut n).unwrap();
            }
        } else {
            let path = std::env::var_os("MSOX_RSS_CHILD").unwrap();
            let mut f = std::fs::File::open(path).unwrap();
            let mut dec = ms_oxrtfcp::Decompressor::new(&opts);
            let mut piece = vec![0u8; 1 << 16];
            loop {
                let k = f.read(&mut piece).unwrap();
                if k == 0 {
                    break;
                }
                dec.feed(&piece[..k], &mut d.sink(&mut n)).unwrap();
            }
            assert!(dec.finish().unwrap().defects.is_empty());
        }
        let done = d.finish(&mut n).unwrap();
        assert!(done.defects.is_empty());
        println!("peak_rss_kib={} output={}", vm_hwm_kib(), n.count);
        return;
    }
    let raw: Vec<u8> = pieces(256 << 20).flatten().collect();
    let stream = ms_oxrtfcp::compress(&raw).unwrap();
    drop(raw);
    let path = std::env::temp_dir().join(format!("ms-oxrtfex-rss-{}.lzfu", std::process::id()));
    std::fs::write(&path, &stream).unwrap();
    for mode in ["rtf", "lzfu"] {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "peak_rss_is_flat",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("MSOX_RSS_CHILD", &path)
            .env("MSOX_RSS_MODE", mode)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let field = |name: &str| -> u64 {
            text.split_whitespace()
                .find_map(|w| w.strip_prefix(name))
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("no {name} in {text}"))
        };
        let (kib, output) = (field("peak_rss_kib="), field("output="));
        println!(
            "{mode}: {} MiB of RTF ({}), {} MiB of HTML out, peak RSS {:.1} MiB",
            if mode == "rtf" { 512 } else { 256 },
            if mode == "rtf" {
                "made in 64 KiB pieces".to_string()
            } else {
                format!(
                    "{:.1} MiB LZFu read in 64 KiB pieces",
                    stream.len() as f64 / 1048576.0
                )
            },
            output >> 20,
            kib as f64 / 1024.0,
        );
        assert!(output > 100 << 20);
        assert!(kib < 64 * 1024, "{mode}: peak RSS {kib} KiB");
    }
    let _ = std::fs::remove_file(&path);
}
