//! ms-oxcrops: ROP buffers, single ROPs, RopNotify, and the row-bearing
//! responses in both row forms. Every ROP re-encodes byte for byte.

use std::collections::HashMap;

use ms_oxcdata::{PropertyTag, PropertyType};
use ms_oxcrops::{
    NotificationData, ResponseContext, RopContext, RopExpandRowResponse, RopFindRowResponse,
    RopGetPropertiesSpecificResponse, RopNotifyResponse, RopQueryRowsResponse, RopRequest,
    RopRequestBuffer, RopResponse, RopResponseBuffer, RowForm, TableColumns,
};
use msox_codec::{DecodeWith, Decoded, Result};

use crate::{enc, roundtrip, roundtrip_type};

/// ms-oxcrops `RopRequestBuffer::decode_bytes`: byte-exact.
pub fn oxcrops_request_buffer(data: &[u8]) {
    roundtrip_type!(data, true, RopRequestBuffer<'_>);
}

/// ms-oxcrops `RopResponseBuffer::decode_bytes` (no context): byte-exact.
pub fn oxcrops_response_buffer(data: &[u8]) {
    roundtrip_type!(data, true, RopResponseBuffer<'_>);
}

/// ms-oxcrops `RopContext::decode_response` after `decode_request`: the
/// input is a 16-bit length, a request buffer of that length, then the
/// response buffer, decoded with what the request said (owned and
/// borrowed rows agree); byte-exact.
pub fn oxcrops_response_buffer_with_context(data: &[u8]) {
    let Some((len, rest)) = data.split_first_chunk::<2>() else {
        return;
    };
    let n = usize::from(u16::from_le_bytes(*len)).min(rest.len());
    let (request, response) = rest.split_at(n);
    let mut context = RopContext::new();
    if context.decode_request(request, &crate::lenient()).is_err() {
        return;
    }
    roundtrip(response, true, |b, o| {
        context.clone().decode_response(b, o).map(enc)
    });
    for o in crate::MODES {
        let owned = context.clone().decode_response(response, &o);
        let borrowed = context
            .clone()
            .with_row_form(RowForm::Borrowed)
            .decode_response(response, &o);
        alike(&owned, &borrowed, |x| x.clone().into_owned_rows().unwrap());
    }
}

/// The columns of table handle 0x77 in the RopNotify targets.
fn table_columns() -> HashMap<u32, Vec<PropertyTag>> {
    HashMap::from([(
        0x77,
        vec![
            PropertyTag::new(0x0E08, PropertyType::Integer32),
            PropertyTag::new(0x0037, PropertyType::String),
        ],
    )])
}

/// ms-oxcrops `RopResponse::decode_bytes_with` a `ResponseContext` knowing
/// the columns of table 0x77 (RopNotify table events): byte-exact.
pub fn oxcrops_notify(data: &[u8]) {
    let tables = table_columns();
    roundtrip(data, true, |b, o| {
        let cx = ResponseContext {
            tables: Some(&tables),
            ..ResponseContext::default()
        };
        RopResponse::decode_bytes_with(b, cx, o).map(enc)
    });
}

/// ms-oxcrops `RopNotifyResponse::decode_bytes_with` the columns of table
/// 0x77: byte-exact.
pub fn oxcrops_notify_response(data: &[u8]) {
    let tables = table_columns();
    roundtrip(data, true, |b, o| {
        RopNotifyResponse::decode_bytes_with(b, &tables as &dyn TableColumns, o).map(enc)
    });
}

/// ms-oxcrops `NotificationData::decode_bytes` (no columns): byte-exact.
pub fn oxcrops_notification_data(data: &[u8]) {
    roundtrip_type!(data, true, NotificationData<'_>);
}

/// ms-oxcrops `RopRequest::decode_bytes`: byte-exact.
pub fn oxcrops_rop_request(data: &[u8]) {
    roundtrip_type!(data, true, RopRequest<'_>);
}

/// ms-oxcrops `RopResponse::decode_bytes` (no context): byte-exact.
pub fn oxcrops_rop_response(data: &[u8]) {
    roundtrip_type!(data, true, RopResponse<'_>);
}

/// The columns of the row targets: IDs, a time, a size, a subject, an
/// entry ID, a flag, a PtypUnspecified column and a multi-valued string
/// (those of the crate's hostile suite).
fn row_columns() -> Vec<PropertyTag> {
    vec![
        PropertyTag::new(0x674A, PropertyType::Integer64),
        PropertyTag::new(0x0E06, PropertyType::Time),
        PropertyTag::new(0x0E08, PropertyType::Integer32),
        PropertyTag::new(0x0037, PropertyType::String),
        PropertyTag::new(0x0FFF, PropertyType::Binary),
        PropertyTag::new(0x0E1F, PropertyType::Boolean),
        PropertyTag::new(0x7000, PropertyType::Unspecified),
        PropertyTag::new(0x8001, PropertyType::MultipleString),
    ]
}

/// An owned and a borrowed decode agree (by `Debug` once the borrowed
/// value is made owned: floats may be NaN).
fn alike<T: std::fmt::Debug>(
    owned: &Result<Decoded<T>>,
    borrowed: &Result<Decoded<T>>,
    owned_of: impl Fn(&T) -> T,
) {
    match (owned, borrowed) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.defects, b.defects, "owned and borrowed defects differ");
            assert_eq!(
                format!("{:?}", a.value),
                format!("{:?}", owned_of(&b.value)),
                "owned and borrowed rows differ"
            );
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "owned and borrowed errors differ"),
        (a, b) => panic!("owned {a:?}, borrowed {b:?}"),
    }
}

/// The body of the row targets: owned rows re-encode byte for byte, and
/// borrowed rows decode alike.
macro_rules! rows_target {
    ($data:expr, $ty:ident, $owned:expr) => {{
        let columns = row_columns();
        let c = &columns[..];
        roundtrip($data, true, |b, o| $ty::decode_bytes_with(b, c, o).map(enc));
        roundtrip($data, true, |b, o| {
            $ty::decode_bytes_with(b, (c, RowForm::Borrowed), o).map(enc)
        });
        for o in crate::MODES {
            let owned = $ty::decode_bytes_with($data, c, &o);
            let borrowed = $ty::decode_bytes_with($data, (c, RowForm::Borrowed), &o);
            alike(&owned, &borrowed, $owned);
        }
    }};
}

/// ms-oxcrops `RopQueryRowsResponse::decode_bytes_with` columns (after the
/// RopId), owned and borrowed rows; every borrowed value reads.
pub fn oxcrops_query_rows_lazy(data: &[u8]) {
    rows_target!(data, RopQueryRowsResponse, |q| RopQueryRowsResponse {
        rows: q.rows.clone().into_owned().unwrap(),
        ..q.clone()
    });
    let columns = row_columns();
    let c = &columns[..];
    if let Ok(d) =
        RopQueryRowsResponse::decode_bytes_with(data, (c, RowForm::Borrowed), &crate::lenient())
        && let Some(cx) = d.value.rows.context()
    {
        for row in d.value.rows.row_refs() {
            assert!(
                row.cells(&cx).all(|c| c.is_ok()),
                "a checked borrowed row has a value that does not read"
            );
        }
    }
}

/// ms-oxcrops `RopExpandRowResponse::decode_bytes_with` columns, owned and
/// borrowed rows.
pub fn oxcrops_expand_row_lazy(data: &[u8]) {
    rows_target!(data, RopExpandRowResponse, |q| RopExpandRowResponse {
        rows: q.rows.clone().into_owned().unwrap(),
        ..q.clone()
    });
}

/// ms-oxcrops `RopFindRowResponse::decode_bytes_with` columns, owned and
/// borrowed row.
pub fn oxcrops_find_row_lazy(data: &[u8]) {
    rows_target!(data, RopFindRowResponse, |q| RopFindRowResponse {
        row: q.row.clone().map(|r| r.into_owned().unwrap()),
        ..q.clone()
    });
}

/// ms-oxcrops `RopGetPropertiesSpecificResponse::decode_bytes_with`
/// columns, owned and borrowed row.
pub fn oxcrops_get_properties_specific_lazy(data: &[u8]) {
    rows_target!(data, RopGetPropertiesSpecificResponse, |q| {
        RopGetPropertiesSpecificResponse {
            row: q.row.clone().into_owned().unwrap(),
            ..q.clone()
        }
    });
}
