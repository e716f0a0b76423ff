//! Cabinets inside other files: self-extracting programs, installers,
//! cabinets written one after another. [`find`] scans for the `MSCF`
//! signature and reads a cabinet wherever its header is plausible, as
//! cabextract does: the `coffFiles` field must lie inside `cbCabinet`, and
//! both must end no further than 32 bytes past the end of the input; after
//! a cabinet that reads, the scan goes on after its `cbCabinet` bytes,
//! after one that does not, 4 bytes after its signature.

use msox_codec::{Decoded, ErrorKind, Options, Reader, Result};

use crate::set::CabinetSet;

/// Offsets of the plausible cabinet headers of `bytes` that start at or
/// after `from` (each `MSCF` whose `cbCabinet` and `coffFiles` fit, see the
/// module docs).
pub fn candidates(bytes: &[u8], from: usize) -> impl Iterator<Item = usize> + '_ {
    let mut at = from;
    std::iter::from_fn(move || {
        while let Some(rest) = bytes.get(at..) {
            let i = rest.windows(4).position(|w| w == b"MSCF")?;
            let off = at + i;
            at = off + 4;
            let word = |p: usize| {
                bytes
                    .get(off + p..off + p + 4)
                    .and_then(|b| b.try_into().ok())
                    .map(u32::from_le_bytes)
            };
            let (Some(cablen), Some(foffset)) = (word(8), word(16)) else {
                return None;
            };
            let limit = bytes.len() + 32;
            if foffset < cablen
                && off + (foffset as usize) < limit
                && off + (cablen as usize) < limit
            {
                return Some(off);
            }
        }
        None
    })
}

/// Every cabinet in `bytes` (at its start or anywhere inside), each as a
/// set of one, in one session with `options`.
///
/// Errors: no cabinet found (the error of the first candidate that did not
/// read, or a bad signature at offset 0 when there was none). A candidate
/// that does not read is passed over (its defects and errors dropped), as
/// cabextract passes over false signatures.
///
/// ```
/// use msox_cab::search::find;
/// use msox_codec::Options;
/// let cab = msox_testkit::vector("mci", "cab-mszip-two-files").bytes;
/// let mut file = b"a self-extracting program's code ...MSCF but not a cabinet".to_vec();
/// file.extend_from_slice(&cab);
/// let sets = find(&file, &Options::strict())?.value;
/// assert_eq!(sets.len(), 1);
/// assert_eq!(sets[0].files().len(), 2);
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn find<'a>(bytes: &'a [u8], options: &Options) -> Result<Decoded<Vec<CabinetSet<'a>>>> {
    let mut r = Reader::with_options(bytes, options);
    let mut found = Vec::new();
    let mut first_err = None;
    let mut from = 0;
    loop {
        let Some(off) = candidates(bytes, from).next() else {
            break;
        };
        match r.attempt(|r| CabinetSet::read_at(r, off)) {
            Ok(set) => {
                let len = set.header().map_or(4, |h| h.cb_cabinet as usize).max(4);
                found.push(set);
                from = off.saturating_add(len);
            }
            Err(e) => {
                first_err.get_or_insert(e);
                from = off + 4;
            }
        }
    }
    if found.is_empty() {
        return Err(first_err.unwrap_or_else(|| {
            r.error_at(
                ErrorKind::BadSignature {
                    expected: u64::from(ms_mci::cab::SIGNATURE),
                    found: bytes
                        .get(..4)
                        .and_then(|b| b.try_into().ok())
                        .map_or(0, |b| u64::from(u32::from_le_bytes(b))),
                },
                0,
            )
        }));
    }
    Ok(r.into_decoded(found))
}
