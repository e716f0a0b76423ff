//! ms-oxvcard: the vCard import into contact Message objects (with the
//! export, in every version, written back and read again).

use ms_oxvcard::{VcardVersion, VcfOptions, messages_to_vcf, vcf_to_messages};

/// ms-oxvcard `vcf_to_messages`: both modes; what imports exports
/// (`messages_to_vcf`, each version, when it can) to text that imports
/// again.
pub fn oxvcard_import(data: &[u8]) {
    let _ = crate::both(data, vcf_to_messages);
    let Ok(m) = vcf_to_messages(data, &crate::lenient()) else {
        return;
    };
    for version in [VcardVersion::V21, VcardVersion::V30, VcardVersion::V40] {
        let opts = VcfOptions {
            options: crate::lenient(),
            version,
        };
        if let Ok(out) = messages_to_vcf(&m.value, &opts) {
            let back = vcf_to_messages(out.value.as_bytes(), &crate::lenient());
            assert!(
                back.is_ok(),
                "our {version:?} export does not import: {back:?}\n{}",
                out.value
            );
        }
    }
}
