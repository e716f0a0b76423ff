//! msox-codec.

/// msox-codec: UTF-16 and 8-bit string decoding stays lossless on any input.
pub fn codec_strings(data: &[u8]) {
    let s = msox_codec::Utf16String::from_le_bytes(data);
    assert_eq!(s.to_le_bytes(), data, "UTF-16 string not lossless");
    let mut r = msox_codec::Reader::with_options(data, &crate::lenient());
    let _ = msox_codec::Utf16String::read_nul_terminated(&mut r);
    if let Some((&cp, rest)) = data.split_first() {
        let cps = [1252, 932, 936, 949, 950, 1251, 65001, 50220, 1200, 0];
        let cp = msox_codec::CodePage(cps[usize::from(cp) % cps.len()]);
        let s8 = msox_codec::String8::new(rest.to_vec(), cp);
        let _ = s8.to_string_lossy();
    }
}
