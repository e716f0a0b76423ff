#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
use ms_oxcrpc::ExtendedBuffer;
use msox_codec::{Decode, Encode};
#[test]
fn scratch() {
    for (dat, bin) in [("001_Outlook_2007_in_ModifyRecipients_comp", 333usize), ("002_Outlook_2007_in_Tables_operations_comp", 338)] {
        let d = std::fs::read(format!("/work/shared/corpus/rops/openchange-{dat}.dat")).unwrap();
        let exp = std::fs::read(format!("/work/shared/corpus/rops/openchange-{dat}.rgbIn-decompressed.bin")).unwrap();
        let rgb = &d[0x1c..0x1c + bin];
        let b = ExtendedBuffer::<Vec<u8>>::decode_exact(rgb).unwrap();
        assert_eq!(b.joined().unwrap(), exp);
        assert_eq!(b.to_vec().unwrap(), rgb);
        let mut c = b.clone();
        c.segments[0].payload_mut();
        let w = c.to_vec().unwrap();
        println!("{dat}: ours {} vs {}", w.len(), rgb.len());
        assert_eq!(ExtendedBuffer::<Vec<u8>>::decode_exact(&w).unwrap().joined().unwrap(), exp);
    }
}
