//! ms-oxocal: AppointmentRecurrencePattern (PidLidAppointmentRecur)
//! decoding and encoding, and occurrence expansion. No crate on crates.io
//! reads these blobs, so there is no peer here.
//!
//! Inputs:
//! - `corpus-recurrence`: every blob of `other/recurrence` that decodes
//!   as an AppointmentRecurrencePattern in lenient mode (HiraokaHyperTools'
//!   and OpenChange's blobs and the `from-msg-*` ones cut out of the .msg
//!   corpus: 13 of its 14 .bin files, 1,687 bytes in all), decoded one
//!   after the other, throughput over their total size; without the corpus, the
//!   [MS-OXOCAL] 4.1.1.1 example alone (`spec-4.1.1.1`, always timed);
//! - expansion: the 4.1.1.1 weekly series (Monday, Thursday, Friday,
//!   10:00-10:30, Pacific time zone of 4.1.4) made never-ending and
//!   expanded over a 10-year window (about 1,560 occurrences, daylight
//!   saving applied): throughput in occurrences per second, not bytes.
//!
//! Quick run:
//! (`oxocal_expand/msox/daily-10-years-100-exceptions`: the case,
//! [MS-OXOCAL] 4.1.1.3 made endless with 100 exceptions.)
//! `cargo bench -p msox-benches --bench oxocal -- --warm-up-time 1 --measurement-time 2`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ms_dtyp::FileTime;
use ms_oxocal::{
    AppointmentRecurrencePattern, EndType, ExceptionInfo, ExpandOptions, NO_END_DATE, TimeZone,
    TzDefinition,
};
use msox_codec::{Decode, Encode, Options};
use std::hint::black_box;

/// [MS-OXOCAL] 4.1.1.1: weekly on Monday, Thursday and Friday, 12 times.
const SPEC_4_1_1_1: &str = "043004300B2001000000C0210000010000000000000032000000222000000C000000000000000000\
     0000000000008020BC0C20ADBC0C0630000009300000580200007602000000000000000000000000";

/// [MS-OXOCAL] 4.1.4: the Pacific time zone definition.
const SPEC_4_1_4: &str = "0201300002001500500061006300690066006900630020005300740061006E00640061007200640020\
     00540069006D006500020002013E000000D6070000000000000000000000000000E001000000000000C4\
     FFFFFF00000A000000050002000000000000000000040000000100020000000000000002013E000200D7\
     070000000000000000000000000000E001000000000000C4FFFFFF00000B000000010002000000000000\
     0000000300000002000200000000000000";

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    msox_codec::hex::decode(&s).unwrap()
}

fn corpus_blobs() -> Vec<Vec<u8>> {
    let mut files = msox_testkit::corpus::files("other/recurrence", &[".bin"]);
    files.sort_by(|a, b| a.file.cmp(&b.file));
    files
        .into_iter()
        .map(|e| std::fs::read(&e.path).unwrap())
        .filter(|b| AppointmentRecurrencePattern::decode_bytes(b, &Options::lenient()).is_ok())
        .collect()
}

fn codec(c: &mut Criterion) {
    let opts = Options::default();
    let mut inputs = vec![("spec-4.1.1.1", vec![hex(SPEC_4_1_1_1)])];
    let corpus = corpus_blobs();
    if !corpus.is_empty() {
        inputs.push(("corpus-recurrence", corpus));
    }
    let mut g = c.benchmark_group("oxocal_recurrence_decode");
    for (name, blobs) in &inputs {
        let size: usize = blobs.iter().map(Vec::len).sum();
        eprintln!("{name}: {} blobs, {size} bytes", blobs.len());
        g.throughput(Throughput::Bytes(size as u64));
        g.bench_with_input(BenchmarkId::new("msox", name), blobs, |bn, v| {
            bn.iter(|| {
                v.iter()
                    .map(|b| {
                        AppointmentRecurrencePattern::decode_bytes(black_box(b), &opts)
                            .unwrap()
                            .value
                            .exception_info
                            .len()
                    })
                    .sum::<usize>()
            })
        });
    }
    g.finish();
    let mut g = c.benchmark_group("oxocal_recurrence_encode");
    for (name, blobs) in &inputs {
        let patterns: Vec<AppointmentRecurrencePattern> = blobs
            .iter()
            .map(|b| {
                AppointmentRecurrencePattern::decode_bytes(b, &opts)
                    .unwrap()
                    .value
            })
            .collect();
        let size: usize = patterns.iter().map(|p| p.to_vec().unwrap().len()).sum();
        g.throughput(Throughput::Bytes(size as u64));
        g.bench_with_input(BenchmarkId::new("msox", name), &patterns, |bn, v| {
            bn.iter(|| {
                v.iter()
                    .map(|p| black_box(p).to_vec().unwrap().len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

fn expand(c: &mut Criterion) {
    let mut p = AppointmentRecurrencePattern::decode_exact(&hex(SPEC_4_1_1_1)).unwrap();
    p.recurrence_pattern.end_type = EndType::NeverEnd;
    p.recurrence_pattern.end_date = NO_END_DATE;
    let tz =
        TimeZone::from_definition(&TzDefinition::decode_exact(&hex(SPEC_4_1_4)).unwrap()).unwrap();
    // 2007-03-26 .. 2017-03-26 (UTC)
    let opts = ExpandOptions::default()
        .with_max_occurrences(1_000_000)
        .with_window(
            FileTime::from_unix_seconds(1_174_867_200),
            FileTime::from_unix_seconds(1_490_486_400),
        );
    let x = p.expand(&tz, &opts).unwrap();
    assert!(!x.truncated);
    eprintln!(
        "weekly-10-years: {} occurrences, {} .. {}",
        x.occurrences.len(),
        x.occurrences[0].start,
        x.occurrences.last().unwrap().start
    );
    let mut g = c.benchmark_group("oxocal_expand");
    g.throughput(Throughput::Elements(x.occurrences.len() as u64));
    g.bench_function(BenchmarkId::new("msox", "weekly-10-years"), |bn| {
        bn.iter(|| black_box(&p).expand(&tz, &opts).unwrap().occurrences.len())
    });
    g.finish();
}

/// [MS-OXOCAL] 4.1.1.3 (a daily series) made every day and endless, with 100 of its
/// instances, 36 days apart, moved by an hour (ExceptionInfo with no
/// overridden field), expanded over 10 years from its start.
fn daily_with_100_exceptions() -> AppointmentRecurrencePattern {
    let path = msox_testkit::workspace_root()
        .join("test-vectors/oxocal/arp-4.1.1.3-daily-with-exceptions.hex");
    let text = std::fs::read_to_string(path).unwrap();
    let mut p =
        AppointmentRecurrencePattern::decode_exact(&msox_codec::hex::decode(&text).unwrap())
            .unwrap();
    let day = 24 * 60;
    let length = p.end_time_offset - p.start_time_offset;
    let rp = &mut p.recurrence_pattern;
    rp.end_type = EndType::NeverEnd;
    rp.end_date = NO_END_DATE;
    rp.period = day; // every day (the example: every 3 days)
    rp.deleted_instance_dates.clear();
    rp.modified_instance_dates.clear();
    let first = rp.start_date;
    p.exception_info.clear();
    p.extended_exceptions.clear();
    for i in 0..100u32 {
        let date = first + (1 + 36 * i) * day;
        let start = date + p.start_time_offset;
        p.recurrence_pattern.deleted_instance_dates.push(date);
        p.recurrence_pattern.modified_instance_dates.push(date);
        p.exception_info.push(ExceptionInfo {
            original_start_date: start,
            start_date_time: start + 60,
            end_date_time: start + 60 + length,
            ..ExceptionInfo::default()
        });
    }
    p
}

fn expand_daily(c: &mut Criterion) {
    let p = daily_with_100_exceptions();
    let tz =
        TimeZone::from_definition(&TzDefinition::decode_exact(&hex(SPEC_4_1_4)).unwrap()).unwrap();
    let from = p.recurrence_pattern.start_date;
    // minutes since 1601 -> FILETIME
    let ft = |m: u32| FileTime(u64::from(m) * 60 * 10_000_000);
    let opts = ExpandOptions::default()
        .with_max_occurrences(1_000_000)
        .with_window(ft(from), ft(from + 3653 * 24 * 60));
    let x = p.expand(&tz, &opts).unwrap();
    assert!(!x.truncated);
    eprintln!(
        "daily-10-years-100-exceptions: {} occurrences, {} .. {}",
        x.occurrences.len(),
        x.occurrences[0].start,
        x.occurrences.last().unwrap().start
    );
    let mut g = c.benchmark_group("oxocal_expand");
    g.throughput(Throughput::Elements(x.occurrences.len() as u64));
    g.bench_function(
        BenchmarkId::new("msox", "daily-10-years-100-exceptions"),
        |bn| bn.iter(|| black_box(&p).expand(&tz, &opts).unwrap().occurrences.len()),
    );
    g.finish();
}

criterion_group!(benches, codec, expand, expand_daily);
criterion_main!(benches);
