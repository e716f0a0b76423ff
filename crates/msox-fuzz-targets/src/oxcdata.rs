//! ms-oxcdata: one target per entry point of the crate's hostile suite,
//! each a byte-exact round trip in the layouts the entry is used in.

use ms_oxcdata::{
    AddressList, EntryId, PropertyName, PropertyProblemArray, PropertyRow, PropertyRowSet,
    PropertyTag, PropertyTagArray, RecipientRow, Restriction, RowContext, SortOrderSet,
    TaggedValue, TypedPropertyValue, ValueContext,
};
use msox_codec::{CountWidth, Decode, DecodeWith, EncodeWith};

use crate::{roundtrip, roundtrip_type};

/// The count-width layouts ms-oxcdata decodes in: ROP buffers, extended
/// rules, and standard rule conditions (16-bit restriction counts, 32-bit
/// value counts).
const CONTEXTS: [ValueContext; 3] = [
    ValueContext::ROP,
    ValueContext::EXTENDED_RULE,
    ValueContext {
        binary_count: CountWidth::U32,
        multi_count: CountWidth::U32,
        ..ValueContext::ROP
    },
];

/// A [`roundtrip`] of a `DecodeWith + EncodeWith` type through
/// `decode_bytes_with` in context `$ctx`.
macro_rules! roundtrip_with {
    ($data:expr, $ty:ty, $ctx:expr) => {{
        let ctx = $ctx;
        roundtrip($data, true, |b, o| {
            <$ty>::decode_bytes_with(b, ctx, o).map(|d| d.map(|v| v.to_vec_with(ctx)))
        })
    }};
}

/// ms-oxcdata `PropertyTag::decode_bytes`.
pub fn oxcdata_property_tag(data: &[u8]) {
    roundtrip_type!(data, true, PropertyTag);
}

/// ms-oxcdata `TaggedValue::decode_bytes_with` (ROP context, as the
/// hostile suite; also the other layouts).
pub fn oxcdata_tagged_value(data: &[u8]) {
    for ctx in CONTEXTS {
        roundtrip_with!(data, TaggedValue, ctx);
    }
}

/// ms-oxcdata `TypedPropertyValue::decode_bytes_with` (extended-rule
/// context, as the hostile suite; also the other layouts).
pub fn oxcdata_typed_value(data: &[u8]) {
    for ctx in [CONTEXTS[1], CONTEXTS[0], CONTEXTS[2]] {
        roundtrip_with!(data, TypedPropertyValue, ctx);
    }
}

/// ms-oxcdata `Restriction::decode_bytes_with` in ROP buffers (16-bit
/// counts) and standard rule conditions (16-bit restriction counts, 32-bit
/// value counts); what decodes displays.
pub fn oxcdata_restriction(data: &[u8]) {
    for ctx in [CONTEXTS[0], CONTEXTS[2]] {
        roundtrip_with!(data, Restriction, ctx);
        if let Ok(r) = Restriction::decode_bytes_with(data, ctx, &crate::lenient()) {
            let _ = r.value.to_string();
        }
    }
}

/// ms-oxcdata `Restriction::decode_bytes_with` in extended rules (every
/// count 32 bits).
pub fn oxcdata_restriction_extended(data: &[u8]) {
    roundtrip_with!(data, Restriction, ValueContext::EXTENDED_RULE);
}

/// ms-oxcdata `EntryId::decode_bytes`; also `EntryId::parse`: any bytes
/// are an EntryID (recognised or kept), encoding gives them back, nested
/// EntryIDs decode without panicking.
pub fn oxcdata_entry_id(data: &[u8]) {
    use msox_codec::Encode;
    roundtrip_type!(data, true, EntryId);
    let e = EntryId::parse(data);
    assert_eq!(e.to_vec().expect("an EntryID encodes"), data);
    assert_eq!(e.encoded_len(), data.len());
    let _ = e.to_string();
    if let Ok(d) = EntryId::decode_exact(data) {
        assert_eq!(d, e, "decode and parse disagree");
    }
    match &e {
        EntryId::Wrapped(w) => drop(w.inner()),
        EntryId::ContactAddress(c) | EntryId::PersonalDistributionList(c) => drop(c.inner()),
        _ => {}
    }
}

/// ms-oxcdata `PropertyName::decode_bytes`.
pub fn oxcdata_property_name(data: &[u8]) {
    roundtrip_type!(data, true, PropertyName);
}

/// ms-oxcdata `PropertyProblemArray::decode_bytes`.
pub fn oxcdata_property_problems(data: &[u8]) {
    roundtrip_type!(data, true, PropertyProblemArray);
}

/// ms-oxcdata `SortOrderSet::decode_bytes`.
pub fn oxcdata_sort_order_set(data: &[u8]) {
    roundtrip_type!(data, true, SortOrderSet);
}

/// ms-oxcdata `AddressList::decode_bytes_with` (extended-rule context, as
/// the hostile suite; also ROP).
pub fn oxcdata_address_list(data: &[u8]) {
    for ctx in [CONTEXTS[1], CONTEXTS[0]] {
        roundtrip_with!(data, AddressList, ctx);
    }
}

/// Splits fuzz input into a column set (a 16-bit-count PropertyTagArray)
/// and the bytes after it.
fn columns_then_rest(data: &[u8]) -> Option<(Vec<PropertyTag>, &[u8])> {
    let (cols, used) = PropertyTagArray::decode_prefix(data).ok()?;
    Some((cols.0, &data[used..]))
}

/// ms-oxcdata `PropertyRowSet::decode_bytes_with` (and, on the same bytes,
/// `PropertyRow`): a column set read from the front of the input, then the
/// rows in every layout.
pub fn oxcdata_row_set(data: &[u8]) {
    let Some((cols, rest)) = columns_then_rest(data) else {
        return;
    };
    for ctx in CONTEXTS {
        let rc = RowContext::new(&cols, ctx);
        roundtrip_with!(rest, PropertyRowSet, rc);
        roundtrip_with!(rest, PropertyRow, rc);
    }
}

/// ms-oxcdata `RecipientRow::decode_bytes_with`: a column set read from the
/// front of the input, then a RecipientRow in every layout.
pub fn oxcdata_recipient_row(data: &[u8]) {
    let Some((cols, rest)) = columns_then_rest(data) else {
        return;
    };
    for ctx in CONTEXTS {
        roundtrip_with!(rest, RecipientRow, RowContext::new(&cols, ctx));
    }
}
