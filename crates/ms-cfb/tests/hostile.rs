//! Hostile input: the uniform hostile suite, cycles, cross-links, sibling
//! loops, floods of streams that claim more than the file holds.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use ms_cfb::{CompoundFile, read_file};
use msox_codec::{Decode, ErrorKind, Limits, Options, Reader};
use msox_testkit::hostile::{Suite, outcome};

fn samples() -> Vec<Vec<u8>> {
    let mut s = msox_testkit::hostile::samples("cfb", |_| true);
    // Two small real files of the corpus, when it is there.
    for f in ["msg/poi-blank.msg", "msg/hughbe-Simple_Note.msg"] {
        if let Some(b) = msox_testkit::corpus::dir().and_then(|d| std::fs::read(d.join(f)).ok()) {
            s.push(b);
        }
    }
    s
}

#[test]
fn hostile_suite_cfb_file() {
    let samples = samples();
    if msox_testkit::corpus::dir().is_some() {
        assert_eq!(samples.len(), 4);
    }
    Suite::new("cfb_file").run(&samples, |b, o| outcome(read_file(b, o)));
}

/// The tree a read file gives the writer: the other decoder entry point.
#[test]
fn hostile_suite_cfb_tree() {
    Suite::new("cfb_tree").run(&samples(), |b, o| outcome(ms_cfb::read_tree(b, o)));
}

#[test]
fn bad_signature_is_an_error_at_byte_0_in_the_header() {
    let mut b = ms_cfb::example_file();
    b[0] = 0;
    let e = CompoundFile::decode_exact(&b).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::BadSignature { .. }), "{e}");
    assert_eq!(e.offset(), Some(0));
    assert_eq!(e.path().to_string(), "CompoundFile > Header");
}

#[test]
fn a_truncated_file_is_refused_strictly_at_the_fat_entry_of_the_missing_sector() {
    let b = ms_cfb::example_file();
    let cut = &b[..2048 + 100];
    let e = CompoundFile::decode_exact(cut).unwrap_err();
    assert_eq!(e.offset(), Some(512 + 3 * 4), "{e}");
    assert_eq!(e.path().to_string(), "CompoundFile > FAT");
    // Lenient reads what is there: the stream's 15 bytes are present.
    let d = read_file(cut, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1, "{:?}", d.defects);
    assert_eq!(&d.value.streams[0].1[..], b"Data for stream");
}

#[test]
fn sibling_cycles_and_self_links_are_defects_at_the_link() {
    let mut b = ms_cfb::example_file();
    // Entry 2 (Stream 1) becomes its own left sibling; entry 1's child -> 1.
    let o2 = 1024 + 128 * 2;
    b[o2 + 68..o2 + 72].copy_from_slice(&2u32.to_le_bytes());
    let o1 = 1024 + 128;
    b[o1 + 76..o1 + 80].copy_from_slice(&1u32.to_le_bytes());
    let e = CompoundFile::decode_exact(&b).unwrap_err();
    assert_eq!(e.offset(), Some(o1 + 76), "{e}");
    assert_eq!(
        e.path().to_string(),
        "CompoundFile > Directory > DirectoryEntry[1]"
    );
    assert_eq!(e.kind().to_string(), "directory entry 1 is linked twice");
    let d = CompoundFile::decode_bytes(&b, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1, "{:?}", d.defects);
    assert!(d.value.children(1).is_empty());
}

#[test]
fn cross_linked_streams_are_a_defect_at_the_second_claim() {
    let mut b = ms_cfb::example_file();
    // Entry 3 becomes a second stream in Storage 1 (right sibling of
    // Stream 1), starting at the same mini sector.
    let o3 = 1024 + 128 * 3;
    for (k, u) in "Other".encode_utf16().enumerate() {
        b[o3 + 2 * k..o3 + 2 * k + 2].copy_from_slice(&u.to_le_bytes());
    }
    b[o3 + 64] = 12;
    b[o3 + 66] = 2;
    b[o3 + 120] = 10;
    let o2 = 1024 + 128 * 2;
    b[o2 + 72..o2 + 76].copy_from_slice(&3u32.to_le_bytes());
    let e = CompoundFile::decode_exact(&b).unwrap_err();
    assert_eq!(e.offset(), Some(o3 + 116), "{e}");
    assert_eq!(
        e.path().to_string(),
        "CompoundFile > Stream[3] > MiniFAT chain"
    );
    assert!(e.to_string().contains("cross-linked"), "{e}");
    let d = read_file(&b, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    // The first claim keeps the sector; the second stream reads as empty.
    assert_eq!(d.value.streams.len(), 2);
    assert_eq!(&d.value.streams[0].1[..], b"Data for stream");
    assert!(d.value.streams[1].1.is_empty());
}

#[test]
fn invalid_utf16_names_are_kept_losslessly() {
    let mut b = ms_cfb::example_file();
    let o2 = 1024 + 128 * 2;
    // "Stream 1" -> a lone high surrogate in place of 'S'.
    b[o2..o2 + 2].copy_from_slice(&[0x00, 0xD8]);
    let d = read_file(&b, &Options::strict()).unwrap();
    let e = d.value.file.entry(2).unwrap();
    assert!(!e.name.is_valid());
    assert_eq!(e.name.to_le_bytes(), b[o2..o2 + 16].to_vec());
    assert!(!e.name_matches("Stream 1"));
}

/// Builds a version 3 file: `entries` (128 bytes each) in the directory,
/// `data` sectors after it (each a chain of its own, ENDOFCHAIN-terminated).
fn build(entries: &[[u8; 128]], data: &[[u8; 512]]) -> Vec<u8> {
    let dir = entries.len().div_ceil(4);
    let others = dir + data.len();
    // FAT sectors f and DIFAT sectors d: f * 128 >= others + f + d.
    let mut f: usize = 1;
    let mut d: usize;
    loop {
        d = f.saturating_sub(109).div_ceil(127);
        if f * 128 >= others + f + d {
            break;
        }
        f += 1;
    }
    let total = f + d + others;
    let mut out = vec![0u8; 512 * (total + 1)];
    let put =
        |out: &mut Vec<u8>, at: usize, v: u32| out[at..at + 4].copy_from_slice(&v.to_le_bytes());
    out[..8].copy_from_slice(&ms_cfb::SIGNATURE);
    out[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
    out[26..28].copy_from_slice(&3u16.to_le_bytes());
    out[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    out[30..32].copy_from_slice(&9u16.to_le_bytes());
    out[32..34].copy_from_slice(&6u16.to_le_bytes());
    put(&mut out, 44, f as u32);
    let dir_start = f + d;
    put(&mut out, 48, dir_start as u32);
    put(&mut out, 56, 4096);
    put(&mut out, 60, 0xFFFF_FFFE);
    put(&mut out, 64, 0);
    put(&mut out, 68, if d > 0 { f as u32 } else { 0xFFFF_FFFE });
    put(&mut out, 72, d as u32);
    let sec = |s: usize| 512 * (s + 1);
    // DIFAT: header then DIFAT sectors.
    for i in 0..109 {
        put(
            &mut out,
            76 + 4 * i,
            if i < f { i as u32 } else { 0xFFFF_FFFF },
        );
    }
    for k in 0..d {
        let base = sec(f + k);
        for j in 0..127 {
            let i = 109 + k * 127 + j;
            put(
                &mut out,
                base + 4 * j,
                if i < f { i as u32 } else { 0xFFFF_FFFF },
            );
        }
        let next = if k + 1 < d {
            (f + k + 1) as u32
        } else {
            0xFFFF_FFFE
        };
        put(&mut out, base + 508, next);
    }
    // FAT.
    let fat = |out: &mut Vec<u8>, s: usize, v: u32| put(out, sec(s / 128) + 4 * (s % 128), v);
    for s in 0..f * 128 {
        fat(&mut out, s, 0xFFFF_FFFF);
    }
    for s in 0..f {
        fat(&mut out, s, 0xFFFF_FFFD);
    }
    for s in f..f + d {
        fat(&mut out, s, 0xFFFF_FFFC);
    }
    for k in 0..dir {
        let s = dir_start + k;
        fat(
            &mut out,
            s,
            if k + 1 < dir {
                (s + 1) as u32
            } else {
                0xFFFF_FFFE
            },
        );
    }
    for (k, sector) in data.iter().enumerate() {
        let s = dir_start + dir + k;
        fat(&mut out, s, 0xFFFF_FFFE);
        out[sec(s)..sec(s) + 512].copy_from_slice(sector);
    }
    for (i, e) in entries.iter().enumerate() {
        let at = sec(dir_start) + 128 * i;
        out[at..at + 128].copy_from_slice(e);
    }
    for i in entries.len()..dir * 4 {
        let at = sec(dir_start) + 128 * i;
        for k in [68, 72, 76] {
            put(&mut out, at + k, 0xFFFF_FFFF);
        }
    }
    out
}

fn entry(
    name: &str,
    ty: u8,
    left: u32,
    right: u32,
    child: u32,
    start: u32,
    size: u64,
) -> [u8; 128] {
    let mut e = [0u8; 128];
    let units: Vec<u16> = name.encode_utf16().collect();
    for (k, u) in units.iter().enumerate() {
        e[2 * k..2 * k + 2].copy_from_slice(&u.to_le_bytes());
    }
    e[64..66].copy_from_slice(&(((units.len() + 1) * 2) as u16).to_le_bytes());
    e[66] = ty;
    e[67] = 1;
    e[68..72].copy_from_slice(&left.to_le_bytes());
    e[72..76].copy_from_slice(&right.to_le_bytes());
    e[76..80].copy_from_slice(&child.to_le_bytes());
    e[116..120].copy_from_slice(&start.to_le_bytes());
    e[120..128].copy_from_slice(&size.to_le_bytes());
    e
}

#[test]
fn the_builder_makes_files_the_cfb_crate_reads() {
    const NONE: u32 = 0xFFFF_FFFF;
    let data_sector = {
        let mut s = [0u8; 512];
        s[..5].copy_from_slice(b"hello");
        s
    };
    let dir = 1;
    let entries = vec![
        entry("Root Entry", 5, NONE, NONE, 1, 0xFFFF_FFFE, 0),
        entry("big", 2, NONE, NONE, NONE, 0, 4096),
    ];
    let mut b = build(&entries, &[data_sector; 1]);
    // Make "big" 512 bytes long, in the data sector (sector f + dir).
    let start = (b.len() / 512 - 2) as u32;
    let at = 512 * (1 + start as usize - dir) + 128;
    b[at + 116..at + 120].copy_from_slice(&start.to_le_bytes());
    let d = read_file(&b, &Options::lenient()).unwrap();
    // 4096 claimed, one 512-byte sector present.
    assert_eq!(d.defects.len(), 1, "{:?}", d.defects);
    assert_eq!(&d.value.streams[0].1[..5], b"hello");
    assert!(cfb::CompoundFile::open(std::io::Cursor::new(&b)).is_ok());
}

/// 76,800 streams each claiming 1 MiB, all starting at one 512-byte sector,
/// in a 10 MB file: each chain stops at the first sector another chain
/// holds, so decoding walks each sector once and reading every stream
/// copies nothing (the old reader walked and copied each claim on its own).
#[test]
fn a_flood_of_streams_claiming_more_than_the_file_costs_what_the_file_costs() {
    const NONE: u32 = 0xFFFF_FFFF;
    let n = 76_800u32;
    let mut entries = Vec::with_capacity(n as usize + 1);
    entries.push(entry("Root Entry", 5, NONE, NONE, 1, 0xFFFF_FFFE, 0));
    let dir = (n as usize + 1).div_ceil(4);
    for i in 1..=n {
        let right = if i < n { i + 1 } else { NONE };
        entries.push(entry(&format!("s{i}"), 2, NONE, right, NONE, 0, 1 << 20));
    }
    let mut b = build(&entries, &[[7u8; 512]]);
    let data = (b.len() / 512 - 2) as u32;
    // Point every stream at the data sector.
    let dir_start = data as usize - dir;
    for i in 1..=n as usize {
        let at = 512 * (dir_start + 1) + 128 * i;
        b[at + 116..at + 120].copy_from_slice(&data.to_le_bytes());
    }
    assert!(b.len() > 9_000_000 && b.len() < 11_000_000, "{}", b.len());
    let t = std::time::Instant::now();
    let mut r = Reader::with_options(&b, &Options::lenient());
    let cf = CompoundFile::decode(&mut r).unwrap();
    let mut total = 0;
    for &s in cf.streams() {
        total += cf.stream_bytes(&mut r, s).unwrap().len();
    }
    let usage = r.session().usage();
    let defects = r.defects().len();
    assert_eq!(cf.streams().len(), n as usize);
    assert_eq!(total, 512);
    // One defect per stream (the first is short, the others cross-linked):
    // the session keeps MAX_DEFECTS of them and counts the rest in one more.
    assert_eq!(defects, (n as usize).min(msox_codec::MAX_DEFECTS));
    let all = r.session_mut().take_defects();
    assert_eq!(all.len(), (n as usize).min(msox_codec::MAX_DEFECTS + 1));
    assert!(usage.alloc < b.len(), "{} bytes charged", usage.alloc);
    eprintln!("{} streams in {:?}", n, t.elapsed());
    // Strict refuses at the first problem.
    assert!(CompoundFile::decode_exact(&b).is_err());
    // And with copies forced (the limit on the allocation budget applies
    // to summed copies): a budget smaller than the FAT refuses cleanly.
    let tight = Options::lenient().with_limits(Limits::DEFAULT.with_max_alloc(1 << 10));
    let e = CompoundFile::decode_bytes(&b, &tight).unwrap_err();
    assert!(e.is_limit(), "{e}");
}

#[test]
fn copies_of_scattered_streams_are_summed_against_the_budget() {
    // Two regular streams whose sectors interleave (neither is contiguous):
    // each copy is charged, and the sum is what the budget sees.
    const NONE: u32 = 0xFFFF_FFFF;
    let entries = vec![
        entry("Root Entry", 5, NONE, NONE, 1, 0xFFFF_FFFE, 0),
        entry("a", 2, NONE, 2, NONE, 0, 4096),
        entry("b", 2, NONE, NONE, NONE, 0, 4096),
    ];
    let mut b = build(&entries, &[[1u8; 512]; 16]);
    let last = b.len() / 512 - 2;
    let first = last - 15;
    let dir_start = first - 1;
    // Chain a: first, first+2, ...; chain b: first+1, first+3, ...
    let fat = |b: &mut Vec<u8>, s: usize, v: u32| {
        b[512 + 4 * s..512 + 4 * s + 4].copy_from_slice(&v.to_le_bytes())
    };
    for k in 0..16 {
        let s = first + k;
        let next = if k + 2 < 16 {
            (s + 2) as u32
        } else {
            0xFFFF_FFFE
        };
        fat(&mut b, s, next);
    }
    for (i, start) in [(1, first), (2, first + 1)] {
        let at = 512 * (dir_start + 1) + 128 * i;
        b[at + 116..at + 120].copy_from_slice(&(start as u32).to_le_bytes());
    }
    let d = read_file(&b, &Options::strict()).unwrap();
    assert_eq!(d.value.streams.len(), 2);
    assert!(d.value.streams.iter().all(|(_, s)| s.len() == 4096));
    let fat_bytes = 512;
    let tight =
        Options::strict().with_limits(Limits::DEFAULT.with_max_alloc(fat_bytes + 4096 + 100));
    let e = read_file(&b, &tight).unwrap_err();
    assert!(e.is_limit(), "{e}");
    assert_eq!(e.offset(), Some(512 * (dir_start + 1) + 128 * 2 + 116));
    let enough = Options::strict().with_limits(Limits::DEFAULT.with_max_alloc(fat_bytes + 8192));
    assert!(read_file(&b, &enough).is_ok());
}
