//! ms-oxoabkt: address book templates and scripts.

use ms_oxoabkt::{ScriptData, StringEncoding, TRowSet, Template, TemplateBuilder};
use msox_codec::{CodePage, Decode, DecodeWith, Encode};

use crate::{enc, roundtrip, roundtrip_type};

const CP1252: StringEncoding = StringEncoding::CodePage(CodePage::WINDOWS_1252);

/// ms-oxoabkt `Template::decode_bytes` (template data): byte-exact; every
/// string offset of a TRowSet reads (or fails cleanly) in both encodings,
/// exactly when the encoding-aware decode accepts it; templates rebuilt
/// from the rows read back.
pub fn oxoabkt_template(data: &[u8]) {
    roundtrip_type!(data, true, Template);
    let Ok(t) = Template::decode_exact(data) else {
        return;
    };
    assert_eq!(t.encoded_len(), data.len());
    let Some(set) = t.row_set() else { return };
    for e in [StringEncoding::Unicode, CP1252] {
        let all_ok = set.rows.iter().all(|r| set.row_text(r, e).is_ok());
        assert_eq!(all_ok, Template::decode_exact_with(data, e).is_ok());
    }
    let e = set.guess_encoding(CodePage::WINDOWS_1252);
    if let Ok(texts) = set
        .rows
        .iter()
        .map(|r| set.row_text(r, e))
        .collect::<msox_codec::Result<Vec<_>>>()
    {
        let mut b = TemplateBuilder::new(e);
        for (row, text) in set.rows.iter().zip(&texts) {
            b.row(*row, text.as_deref().filter(|t| !t.contains('\0')));
        }
        if let Ok(built) = b.build() {
            let bytes = built.to_vec().expect("encode built");
            let back = TRowSet::decode_exact(&bytes).expect("built template decodes");
            assert_eq!(back, built);
        }
    }
}

/// ms-oxoabkt `TRowSet::decode_bytes`: byte-exact.
pub fn oxoabkt_trowset(data: &[u8]) {
    roundtrip_type!(data, true, TRowSet);
}

/// ms-oxoabkt `Template::decode_bytes_with(.., StringEncoding::Unicode, ..)`:
/// byte-exact.
pub fn oxoabkt_template_unicode(data: &[u8]) {
    roundtrip(data, true, |b, o| {
        Template::decode_bytes_with(b, StringEncoding::Unicode, o).map(enc)
    });
}

/// ms-oxoabkt `Template::decode_bytes_with(.., code page 1252, ..)`:
/// byte-exact.
pub fn oxoabkt_template_cp1252(data: &[u8]) {
    roundtrip(data, true, |b, o| {
        Template::decode_bytes_with(b, CP1252, o).map(enc)
    });
}

/// ms-oxoabkt `ScriptData::decode_bytes`: byte-exact; the instructions
/// decode without panicking.
pub fn oxoabkt_script(data: &[u8]) {
    roundtrip_type!(data, true, ScriptData);
    if let Ok(s) = ScriptData::decode_bytes(data, &crate::lenient()) {
        let (ins, rest) = s.value.decode_instructions();
        for i in &ins {
            let _ = i.words().count();
        }
        let _ = rest.len();
    }
}
