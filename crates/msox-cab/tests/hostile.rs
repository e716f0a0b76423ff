//! The hostile suite over every entry point (truncations, mutations,
//! starved budgets, strict and lenient): opening a cabinet and extracting
//! or testing it, searching a file for cabinets, opening a set; seeded
//! with the `mci` cabinet vectors, cabinets of every folder kind written
//! by the test writer, and the small corpus cabinets.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use common::{Kind, build};
use msox_cab::CabinetSet;
use msox_cab::search::find;
use msox_codec::{Decoded, Options};
use msox_testkit::corpus;
use msox_testkit::hostile::{Outcome, Suite};

fn samples() -> Vec<Vec<u8>> {
    let mut s = msox_testkit::hostile::samples("mci", |n| n.starts_with("cab-"));
    let files = vec![
        ("a.txt".to_string(), b"cabinet ".repeat(300)),
        (
            "dir\\b.bin".to_string(),
            (0..5000u32).map(|i| (i * 7) as u8).collect(),
        ),
    ];
    for k in [Kind::Stored, Kind::Mszip, Kind::Lzx(15)] {
        s.push(build(&files, k));
    }
    for e in corpus::files("cab-mszip", &[".cab"])
        .into_iter()
        .chain(corpus::files("lzx", &[".cab"]))
    {
        if e.size <= 1024 && !e.notes.contains("bad input") {
            s.push(std::fs::read(&e.path).unwrap());
        }
    }
    s
}

fn defects<T>(d: Decoded<T>) -> Vec<msox_codec::Defect> {
    d.defects
}

/// Open, then extract everything (the defects of both).
fn open_extract(b: &[u8], o: &Options) -> Outcome {
    let set = CabinetSet::open(&[b], o)?;
    let mut all = set.defects;
    all.extend(defects(set.value.extract_all(o)?));
    Ok(all)
}

#[test]
fn hostile_suite_cab_extract() {
    Suite::new("cab_extract").run(&samples(), open_extract);
}

#[test]
fn hostile_suite_cab_test() {
    Suite::new("cab_test").run(&samples(), |b, o| {
        let set = CabinetSet::open(&[b], o)?;
        let mut all = set.defects;
        all.extend(defects(set.value.test(o)?));
        Ok(all)
    });
}

#[test]
fn hostile_suite_cab_search() {
    // A prefix of a file may hold a complete cabinet of its own (the
    // search finds whatever is there).
    Suite::new("cab_search")
        .prefixes_may_decode()
        .run(&samples(), |b, o| {
            let sets = find(b, o)?;
            let mut all = sets.defects;
            for s in &sets.value {
                all.extend(defects(s.test(o)?));
            }
            Ok(all)
        });
}

#[test]
fn hostile_suite_cab_set() {
    let dir = corpus::dir().map(|d| d.join("cab-mszip"));
    let Some(dir) = dir.filter(|d| d.is_dir()) else {
        return;
    };
    let parts: Vec<Vec<u8>> = (1..=3)
        .map(|i| std::fs::read(dir.join(format!("libmspack-multi_basic_pt{i}.cab"))).unwrap())
        .collect();
    let second = parts[1].clone();
    let third = parts[2].clone();
    // The suite damages the first cabinet; the others stay whole.
    Suite::new("cab_set").run(&parts[..1], |b, o| {
        let set = CabinetSet::open(&[b, &second, &third], o)?;
        let mut all = set.defects;
        all.extend(defects(set.value.extract_all(o)?));
        Ok(all)
    });
}
