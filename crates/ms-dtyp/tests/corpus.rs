//! Real data: MFCMAPI's SmartView SID and security descriptor vectors
//! (`../shared/corpus/smartview/`: `In/NAME-N.dat` is hex of one
//! structure, `Out/NAME-out-N.dat` MFCMAPI's rendering). Every field
//! MFCMAPI prints must match ours, and every descriptor must re-encode
//! byte for byte.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_dtyp::{Acl, SecurityDescriptor, Sid};
use msox_codec::{Decode, Encode};
use msox_testkit::corpus;

/// (input bytes, expected rendering) for every `In/<kind>-N.dat`.
fn pairs(kind: &str) -> Vec<(String, Vec<u8>, String)> {
    let mut out = Vec::new();
    for e in corpus::files("smartview/In", &[".dat"]) {
        let stem = e.path.file_stem().unwrap().to_string_lossy().into_owned();
        let Some(n) = stem.strip_prefix(&format!("{kind}-")) else {
            continue;
        };
        let text = std::fs::read_to_string(&e.path).unwrap();
        let bytes = msox_codec::hex::decode(&text).unwrap();
        let out_path = e
            .path
            .parent()
            .unwrap()
            .parent()
            .unwrap()
            .join(format!("Out/{kind}-out-{n}.dat"));
        let expected = std::fs::read_to_string(out_path).unwrap();
        out.push((stem, bytes, expected));
    }
    out
}

/// The values of every `key: value` line in MFCMAPI's rendering, in order.
fn values<'a>(text: &'a str, key: &str) -> Vec<&'a str> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix(key)?.strip_prefix(": "))
        .map(|v| v.split(' ').next().unwrap_or(v))
        .collect()
}

#[test]
fn sids_match_mfcmapi() {
    let pairs = pairs("SID");
    if pairs.is_empty() {
        return; // corpus absent (reported by corpus::files)
    }
    assert!(pairs.len() >= 7, "{}", pairs.len());
    for (name, bytes, expected) in pairs {
        let textual = values(&expected, "Textual SID");
        match Sid::decode_prefix(&bytes) {
            Ok((sid, used)) => {
                assert_eq!(textual, [sid.to_string().as_str()], "{name}");
                assert_eq!(sid.to_vec().unwrap(), bytes[..used], "{name}");
                // MFCMAPI reports what it did not use.
                let unparsed = bytes.len() - used;
                assert_eq!(
                    expected.contains("Unparsed data size"),
                    unparsed > 0,
                    "{name}"
                );
            }
            Err(e) => {
                // MFCMAPI prints "(no SID)" (or nothing) for what does not parse.
                assert!(
                    textual.is_empty() || textual == ["(no"],
                    "{name}: we fail ({e}), MFCMAPI shows {textual:?}"
                );
            }
        }
    }
}

fn check_descriptor(name: &str, sd_bytes: &[u8], expected: &str) {
    let sd = SecurityDescriptor::decode_exact(sd_bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(sd.to_vec().unwrap(), sd_bytes, "{name}: not byte-exact");
    let hex = |v: u64, w: usize| format!("0x{v:0w$X}");
    assert_eq!(
        values(expected, "Control"),
        [hex(u64::from(sd.control.0), 4)],
        "{name}"
    );
    let offs = sd.offsets();
    for (key, off) in ["OffsetOwner", "OffsetGroup", "OffsetSacl", "OffsetDacl"]
        .into_iter()
        .zip(offs)
    {
        assert_eq!(
            values(expected, key),
            [hex(u64::from(off), 8)],
            "{name} {key}"
        );
    }
    let acls: Vec<&Acl> = [&sd.sacl, &sd.dacl].into_iter().flatten().collect();
    let aces: Vec<_> = acls.iter().flat_map(|a| a.aces.iter()).collect();
    let mut sids: Vec<String> = [sd.owner, sd.group]
        .into_iter()
        .flatten()
        .map(|s| s.to_string())
        .collect();
    sids.extend(aces.iter().map(|a| a.sid().unwrap().to_string()));
    assert_eq!(values(expected, "Textual SID"), sids, "{name}");
    let types: Vec<String> = aces
        .iter()
        .map(|a| hex(u64::from(a.ace_type.value()), 2))
        .collect();
    assert_eq!(values(expected, "Type"), types, "{name}");
    let masks: Vec<String> = aces
        .iter()
        .map(|a| hex(u64::from(a.mask().unwrap().0), 8))
        .collect();
    assert_eq!(values(expected, "Mask"), masks, "{name}");
    let sizes: Vec<String> = aces
        .iter()
        .map(|a| hex(u64::from(a.header().ace_size), 4))
        .collect();
    assert_eq!(values(expected, "Size"), sizes, "{name}");
    let acl_sizes: Vec<String> = acls
        .iter()
        .map(|a| hex(a.encoded_len() as u64, 4))
        .collect();
    assert_eq!(values(expected, "AclSize"), acl_sizes, "{name}");
}

#[test]
fn security_descriptors_match_mfcmapi_and_round_trip() {
    let plain = pairs("SECURITYDESCRIPTOR");
    let fb = pairs("FBSECURITYDESCRIPTOR");
    if plain.is_empty() && fb.is_empty() {
        return;
    }
    assert!(!plain.is_empty() && fb.len() >= 2);
    for (name, bytes, expected) in plain {
        check_descriptor(&name, &bytes, &expected);
    }
    // PR_NT_SECURITY_DESCRIPTOR: MFCMAPI shows an 8-byte header (a u16
    // length of the header, a u16 version, a u32 SECURITY_INFORMATION)
    // in front of the self-relative descriptor.
    for (name, bytes, expected) in fb {
        let header = usize::from(u16::from_le_bytes([bytes[0], bytes[1]]));
        assert_eq!(header, 8, "{name}");
        check_descriptor(&name, &bytes[header..], &expected);
    }
}
