//! Property tests of the core primitives.

use msox_codec::{CodePage, Decode, Encode, Reader, String8, Utf16String, hex};
use proptest::prelude::*;

proptest! {
    #[test]
    fn utf16_is_lossless_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let s = Utf16String::from_le_bytes(&bytes);
        prop_assert_eq!(s.to_le_bytes(), bytes.clone());
        prop_assert_eq!(s.byte_len(), bytes.len());
    }

    #[test]
    fn utf16_text_round_trips(text in ".{0,64}") {
        let s = Utf16String::new(text.clone());
        let back = Utf16String::from_le_bytes(&s.to_le_bytes());
        prop_assert!(back.is_valid());
        prop_assert_eq!(back.as_str(), text.as_str());
    }

    #[test]
    fn utf16_nul_terminated_round_trips(text in "[^\u{0}]{0,32}", tail in proptest::collection::vec(any::<u8>(), 0..8)) {
        let mut buf = Vec::new();
        Utf16String::new(text.clone()).write_nul_terminated(&mut buf);
        buf.extend_from_slice(&tail);
        let mut r = Reader::new(&buf);
        let s = Utf16String::read_nul_terminated(&mut r).unwrap();
        prop_assert_eq!(s.as_str(), text.as_str());
        prop_assert_eq!(r.rest(), &tail[..]);
    }

    #[test]
    fn string8_keeps_bytes_in_every_code_page(bytes in proptest::collection::vec(any::<u8>(), 0..64), cp in prop::sample::select(vec![1252u32, 932, 936, 949, 950, 1251, 65001, 20866, 12345])) {
        let s = String8::new(bytes.clone(), CodePage(cp));
        let _ = s.to_string_lossy();
        prop_assert_eq!(s.bytes(), &bytes[..]);
    }

    #[test]
    fn string8_encode_decode_round_trips_mappable_text(text in "[a-zA-Z0-9 äöüßé]{0,32}") {
        let s = String8::encode_str(&text, CodePage::WINDOWS_1252).unwrap();
        prop_assert_eq!(s.to_str_strict().unwrap(), text.as_str());
    }

    #[test]
    fn hex_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..128)) {
        prop_assert_eq!(hex::decode(&hex::encode(&bytes)).unwrap(), bytes);
    }

    #[test]
    fn integers_round_trip(a in any::<u16>(), b in any::<u32>(), c in any::<i64>(), d in any::<u64>()) {
        prop_assert_eq!(u16::decode_exact(&a.to_vec().unwrap()).unwrap(), a);
        prop_assert_eq!(u32::decode_exact(&b.to_vec().unwrap()).unwrap(), b);
        prop_assert_eq!(i64::decode_exact(&c.to_vec().unwrap()).unwrap(), c);
        prop_assert_eq!(u64::decode_exact(&d.to_vec().unwrap()).unwrap(), d);
    }

    #[test]
    fn reader_never_panics_and_always_advances_or_fails(bytes in proptest::collection::vec(any::<u8>(), 0..64), ops in proptest::collection::vec(0u8..6, 0..32)) {
        let mut r = Reader::new(&bytes);
        for op in ops {
            let before = r.remaining();
            let ok = match op {
                0 => r.u8().is_ok(),
                1 => r.u16().is_ok(),
                2 => r.u32().is_ok(),
                3 => r.u64().is_ok(),
                4 => r.bytes(5).is_ok(),
                _ => r.sub(3).is_ok(),
            };
            if ok { prop_assert!(r.remaining() < before); } else { prop_assert_eq!(r.remaining(), before); }
        }
    }
}
