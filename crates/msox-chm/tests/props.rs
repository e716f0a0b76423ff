//! Round trips: CHM files written by the test writer (`msox_chm::testing`:
//! stored files and files in one LZX stream) list their files in order and
//! extract to their bytes.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use msox_chm::ChmFile;
use msox_codec::{Decode, Options};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn written_chm_files_extract_to_their_files(
        files in proptest::collection::vec(
            (
                prop_oneof![
                    proptest::collection::vec(any::<u8>(), 0..2000),
                    (0usize..80_000, any::<u8>()).prop_map(|(n, b)| (0..n).map(|i| b.wrapping_add((i % 53) as u8)).collect()),
                ],
                any::<bool>(),
            ),
            1..6,
        )
    ) {
        let named: Vec<(String, Vec<u8>, bool)> = files
            .into_iter()
            .enumerate()
            .map(|(i, (d, lzx))| (format!("/f{i:02}.bin"), d, lzx))
            .collect();
        let refs: Vec<(&str, &[u8], bool)> = named.iter().map(|(n, d, l)| (n.as_str(), d.as_slice(), *l)).collect();
        let bytes = msox_chm::testing::build(&refs);
        let d = ChmFile::decode_bytes(&bytes, &Options::strict()).unwrap();
        prop_assert!(d.defects.is_empty());
        let chm = d.value;
        let listed: Vec<String> = chm.files().iter().map(|f| f.name_text()).collect();
        let want: Vec<String> = named.iter().map(|(n, _, _)| n.clone()).collect();
        prop_assert_eq!(listed, want);
        let out = chm.extract_all(&Options::strict()).unwrap();
        prop_assert!(out.defects.is_empty());
        for ((n, r), (_, data, _)) in out.value.iter().zip(&named) {
            prop_assert_eq!(*n < named.len(), true);
            prop_assert_eq!(r.as_ref().unwrap(), data);
        }
    }
}
