//! ms-cfb against the `cfb` crate on every compound file of the corpus, and
//! on files the `cfb` crate writes.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::io::Read;

use ms_cfb::{CompoundFile, read_file};
use msox_codec::{Decode, Options, Reader};

type Flat = Vec<(String, Option<Vec<u8>>)>;

/// (path, stream bytes) for every entry under `id`, read in `r`'s session.
fn flatten<'a>(cf: &CompoundFile<'a>, r: &mut Reader<'a>, id: u32, prefix: &str, out: &mut Flat) {
    for &c in cf.children(id) {
        let e = cf.entry(c).unwrap();
        let p = format!("{prefix}/{}", e.name);
        if e.is_stream() {
            out.push((p, Some(cf.stream_bytes(r, c).unwrap().to_vec())));
        } else if e.is_storage() {
            out.push((p.clone(), None));
            flatten(cf, r, c, &p, out);
        }
    }
}

fn ours(bytes: &[u8], opts: &Options) -> msox_codec::Result<(Flat, usize)> {
    let mut r = Reader::with_options(bytes, opts);
    let cf = CompoundFile::decode(&mut r)?;
    let mut flat = Vec::new();
    flatten(&cf, &mut r, 0, "", &mut flat);
    flat.sort();
    Ok((flat, r.defects().len()))
}

fn with_cfb_crate(bytes: &[u8]) -> Option<Flat> {
    let mut cf = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).ok()?;
    let entries: Vec<(String, bool)> = cf
        .walk()
        .filter(|e| !e.is_root())
        .map(|e| (e.path().to_string_lossy().to_string(), e.is_stream()))
        .collect();
    let mut out = Vec::new();
    for (p, is_stream) in entries {
        if is_stream {
            let mut d = Vec::new();
            cf.open_stream(&p).ok()?.read_to_end(&mut d).ok()?;
            out.push((p, Some(d)));
        } else {
            out.push((p, None));
        }
    }
    out.sort();
    Some(out)
}

#[test]
fn example_file_reads_as_the_cfb_crate_reads_it() {
    let b = ms_cfb::example_file();
    let (flat, defects) = ours(&b, &Options::strict()).unwrap();
    assert_eq!(defects, 0);
    assert_eq!(
        flat,
        vec![
            ("/Storage 1".to_string(), None),
            (
                "/Storage 1/Stream 1".to_string(),
                Some(b"Data for stream".to_vec())
            )
        ]
    );
    assert_eq!(with_cfb_crate(&b), Some(flat));
}

#[test]
fn agrees_with_the_cfb_crate_on_the_corpus() {
    let mut agreed = 0;
    let mut strict_ok = 0;
    let mut only_ours = 0;
    let mut refused = 0;
    for e in msox_testkit::corpus::entries("") {
        let Ok(bytes) = std::fs::read(&e.path) else {
            continue;
        };
        if bytes.get(..8) != Some(&ms_cfb::SIGNATURE[..]) {
            continue;
        }
        let theirs = with_cfb_crate(&bytes);
        match (ours(&bytes, &Options::lenient()), theirs) {
            (Ok((flat, defects)), Some(t)) => {
                if defects == 0 {
                    assert_eq!(flat, t, "{}", e.file);
                    // A file read without defects reads strictly too.
                    assert!(ours(&bytes, &Options::strict()).is_ok(), "{}", e.file);
                    strict_ok += 1;
                } else {
                    eprintln!("{}: {defects} defects", e.file);
                }
                agreed += 1;
            }
            (Ok(_), None) => only_ours += 1,
            (Err(err), t) => {
                eprintln!("{}: {err} (cfb crate: {})", e.file, t.is_some());
                refused += 1;
            }
        }
    }
    eprintln!(
        "{agreed} compound files read by both ({strict_ok} clean and equal); {only_ours} read only by ms-cfb (leniently, with defects); {refused} refused"
    );
    if msox_testkit::corpus::dir().is_some() {
        assert!(agreed >= 150 && strict_ok >= 140, "{agreed} {strict_ok}");
    }
}

/// A mini stream whose regular sectors are not consecutive in the file
/// (small streams written before and after big ones), with mini streams
/// crossing the sector boundaries: every stream reads as the `cfb` crate
/// wrote it, whether it is a window of the file or pieced together.
#[test]
fn fragmented_mini_stream_reads_back() {
    let (file, mut expected) = fragmented_file();
    let d = read_file(&file, &Options::strict()).unwrap();
    assert!(d.defects.is_empty(), "{:?}", d.defects);
    let cf = &d.value.file;
    let mut flat: Flat = d
        .value
        .streams
        .iter()
        .map(|(id, b)| {
            (
                format!("/{}", cf.entry(*id).unwrap().name),
                Some(b.to_vec()),
            )
        })
        .collect();
    flat.sort();
    expected.sort();
    assert_eq!(flat, expected);
    // Some streams are windows of the file, some were pieced together.
    let windows = cf
        .streams()
        .iter()
        .filter(|&&s| cf.is_contiguous(s) == Some(true))
        .count();
    let copies = cf.streams().len() - windows;
    assert!(
        windows > 40 && copies > 0,
        "{windows} windows, {copies} copies"
    );
    assert_eq!(with_cfb_crate(&file), Some(expected));
}

/// A stream whose sectors are scattered is read through a mapped nested
/// reader: an error inside it has the file offset of the byte at fault.
#[test]
fn errors_inside_a_scattered_stream_have_file_offsets() {
    let (file, _) = fragmented_file();
    let mut r = Reader::with_options(&file, &Options::strict());
    let cf = CompoundFile::decode(&mut r).unwrap();
    let id = *cf
        .streams()
        .iter()
        .find(|&&s| cf.is_contiguous(s) == Some(false) && cf.stream_len(s).unwrap() > 200)
        .unwrap();
    let len = cf.stream_len(id).unwrap();
    for at in [0, 63, 64, 130, len - 1] {
        let e = cf
            .read_stream(&mut r, id, |s| {
                s.skip(at)?;
                Err::<(), _>(s.malformed("here"))
            })
            .unwrap_err();
        assert_eq!(e.offset(), cf.stream_pos(id, at), "byte {at}");
        // The byte the offset names is that byte of the stream.
        let bytes = cf.stream_bytes(&mut r, id).unwrap();
        assert_eq!(file[e.offset().unwrap()], bytes[at]);
    }
    // Reading past the end: the offset of the end of the stream.
    let e = cf
        .read_stream(&mut r, id, |s| {
            s.skip(len)?;
            s.u8()
        })
        .unwrap_err();
    assert_eq!(e.offset(), cf.stream_pos(id, len));
}

fn fragmented_file() -> (Vec<u8>, Flat) {
    use std::io::Write;
    let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    let mut x = 1u32;
    let mut bytes = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (x >> 16) as u8
            })
            .collect()
    };
    let mut expected = Vec::new();
    for i in 0..40 {
        // A small stream (mini) of an odd size, then a big one (regular
        // sectors) that lands between the mini stream's sectors.
        let small = bytes(100 + 37 * i);
        let big = bytes(5000 + 300 * i);
        for (name, data) in [(format!("/s{i:02}"), small), (format!("/b{i:02}"), big)] {
            cf.create_stream(&name).unwrap().write_all(&data).unwrap();
            expected.push((name, Some(data)));
        }
    }
    cf.flush().unwrap();
    (cf.into_inner().into_inner(), expected)
}
