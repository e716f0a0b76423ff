//! msox-cab: opening a cabinet (or a set) and extracting or testing its
//! files; searching a file for cabinets. Readers only: both modes, and
//! testing agrees with extracting.

use msox_cab::CabinetSet;
use msox_cab::search::find;
use msox_codec::{Decoded, Defect, Mode, Options, Result};

/// Opens `parts` as a set, then runs `then` on it (the defects of both).
fn open_then<'a, T>(
    parts: &[&'a [u8]],
    o: &Options,
    then: impl Fn(&CabinetSet<'a>, &Options) -> Result<Decoded<T>>,
) -> Result<Decoded<T>> {
    let set = CabinetSet::open(parts, o)?;
    let mut defects = set.defects;
    let d = then(&set.value, o)?;
    defects.extend(d.defects);
    Ok(Decoded {
        value: d.value,
        defects,
    })
}

/// Every file that extracts also tests, to its length.
fn test_agrees(set: &CabinetSet<'_>, o: &Options) {
    let (Ok(x), Ok(t)) = (set.extract_all(o), set.test(o)) else {
        return;
    };
    for (file, bytes) in &x.value {
        if let Ok(bytes) = bytes {
            let tested = t.value.iter().find(|f| f.file == *file);
            assert!(
                matches!(tested, Some(f) if f.result.as_ref().ok() == Some(&(bytes.len() as u64))),
                "file {file} extracts ({} bytes) but tests as {tested:?}",
                bytes.len()
            );
        }
    }
}

/// msox-cab `CabinetSet::open` of one cabinet, then `extract_all`: both
/// modes; testing agrees.
pub fn cab_extract(data: &[u8]) {
    let _ = crate::both(data, |b, o| open_then(&[b], o, CabinetSet::extract_all));
    for o in crate::MODES {
        if let Ok(set) = CabinetSet::open(&[data], &o) {
            test_agrees(&set.value, &o);
        }
    }
}

/// msox-cab `CabinetSet::open` of one cabinet, then `test`: both modes.
pub fn cab_test(data: &[u8]) {
    let _ = crate::both(data, |b, o| open_then(&[b], o, CabinetSet::test));
}

/// msox-cab `search::find`, then `test` of every set found, each mode; a
/// strict result has no defects. Strict success does not imply a clean
/// lenient one here: a candidate that does not read is passed over, so
/// strict mode skips a damaged cabinet that lenient mode reads with
/// defects.
pub fn cab_search(data: &[u8]) {
    for o in crate::MODES {
        let found = search_and_test(data, &o);
        if o.mode == Mode::Strict
            && let Ok(defects) = &found
        {
            assert!(
                defects.is_empty(),
                "strict mode reported defects: {defects:?}"
            );
        }
    }
}

/// `find`, then `test` of every set found (the defects of all).
fn search_and_test(data: &[u8], o: &Options) -> Result<Vec<Defect>> {
    let sets = find(data, o)?;
    let mut defects = sets.defects;
    for s in &sets.value {
        defects.extend(s.test(o)?.defects);
    }
    Ok(defects)
}

/// msox-cab `CabinetSet::open` of a set: the input cut before each "MSCF"
/// after its start (at most four cabinets), then `extract_all`: both
/// modes; testing agrees.
pub fn cab_set(data: &[u8]) {
    let mut parts = Vec::new();
    let mut rest = data;
    while parts.len() < 3 {
        let Some(at) = rest
            .windows(4)
            .skip(1)
            .position(|w| w == b"MSCF")
            .map(|p| p + 1)
        else {
            break;
        };
        let (a, r) = rest.split_at(at);
        parts.push(a);
        rest = r;
    }
    parts.push(rest);
    let _ = crate::both(data, |_, o| open_then(&parts, o, CabinetSet::extract_all));
    for o in crate::MODES {
        if let Ok(set) = CabinetSet::open(&parts, &o) {
            test_agrees(&set.value, &o);
        }
    }
}
