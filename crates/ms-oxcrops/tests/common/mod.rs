//! Shared by the spec-example tests: reading the field values an example
//! states (`expected:` lines) and looking the same fields up in decoded
//! ROPs, under the spec's names (lower case).
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;

use ms_oxcdata::{FolderId, PropertyTag, PropertyValue};
use ms_oxcrops::*;

fn fid(f: &FolderId) -> String {
    format!("{:04X}-{:012X}", f.replica_id, f.global_counter.to_u64())
}

fn n(v: impl Into<u64>) -> String {
    v.into().to_string()
}

fn tag_list(tags: &[PropertyTag]) -> String {
    tags.iter()
        .map(|t| t.to_u32().to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// A value as an example states it: integers in decimal, binary as hex
/// digits, text as is.
fn value_text(v: &PropertyValue) -> String {
    match v {
        PropertyValue::Binary(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
        PropertyValue::Integer64(i) => (*i as u64).to_string(),
        other => other
            .as_i64()
            .map(|i| i.to_string())
            .unwrap_or_else(|| text(other)),
    }
}

fn text(v: &PropertyValue) -> String {
    v.as_text().map(|t| t.into_owned()).unwrap_or_default()
}

/// Normalizes a value as the `.txt` states it: numbers to decimal, lists
/// to comma-joined decimals, quoted text unquoted, folder IDs as stated.
pub fn normalize(v: &str) -> String {
    let v = v.trim();
    if let Some(inner) = v.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        return inner
            .split(',')
            .map(normalize)
            .collect::<Vec<_>>()
            .join(",");
    }
    if let Some(t) = v.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        return t.to_string();
    }
    if let Some(h) = v.strip_prefix("0x") {
        // wider than 64 bits (binary values): the hex digits, lower case
        return u64::from_str_radix(h, 16)
            .map_or_else(|_| h.to_ascii_lowercase(), |x| x.to_string());
    }
    if let Ok(d) = v.parse::<u64>() {
        return d.to_string();
    }
    v.to_string()
}

/// The stated fields of an `expected:` line: key (lower case) -> value.
pub fn stated(line: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    // RopSortTable: SortOrders=[{tag=.. order=..}, ...]
    if let Some(i) = line.find("SortOrders=[") {
        let rest = &line[i + "SortOrders=[".len()..];
        let list = &rest[..rest.rfind(']').unwrap()];
        let items: Vec<String> = list
            .split('{')
            .skip(1)
            .map(|it| {
                let tag = it
                    .split("tag=")
                    .nth(1)
                    .unwrap()
                    .split_whitespace()
                    .next()
                    .unwrap();
                let order = it
                    .split("order=")
                    .nth(1)
                    .unwrap()
                    .split_whitespace()
                    .next()
                    .unwrap();
                format!("{}:{}", normalize(tag), normalize(order))
            })
            .collect();
        out.insert("sortorders".to_string(), items.join(","));
        return stated_plain(&line[..i], out);
    }
    // RopSetProperties: valueN tag=.. (name) "text"
    if line.contains("value1 tag=") {
        for part in line.split(';') {
            let part = part.trim();
            if let Some(rest) = part.strip_prefix("value") {
                let (idx, rest) = rest.split_once(' ').unwrap();
                let tag = rest
                    .split("tag=")
                    .nth(1)
                    .unwrap()
                    .split_whitespace()
                    .next()
                    .unwrap();
                let txt = &rest[rest.find('"').unwrap() + 1..rest.rfind('"').unwrap()];
                out.insert(format!("value{idx}"), format!("{}:{}", normalize(tag), txt));
            } else {
                out = stated_plain(part, out);
            }
        }
        return out;
    }
    stated_plain(line, out)
}

fn stated_plain(line: &str, mut out: BTreeMap<String, String>) -> BTreeMap<String, String> {
    let b = line.as_bytes();
    let mut i = 0;
    while let Some(eq) = line[i..].find('=') {
        let eq = i + eq;
        let key_start = line[..eq]
            .rfind(|c: char| !c.is_ascii_alphanumeric())
            .map_or(0, |p| p + 1);
        let key = &line[key_start..eq];
        let vstart = eq + 1;
        let vend = match b.get(vstart) {
            Some(b'"') => vstart + 1 + line[vstart + 1..].find('"').unwrap() + 1,
            Some(b'[') => vstart + line[vstart..].find(']').unwrap() + 1,
            _ => {
                vstart
                    + line[vstart..]
                        .find(|c: char| c.is_whitespace() || c == ';')
                        .unwrap_or(line.len() - vstart)
            }
        };
        if !key.is_empty() {
            out.insert(key.to_ascii_lowercase(), normalize(&line[vstart..vend]));
        }
        i = vend;
    }
    out
}

/// The decoded fields of a request, under the spec's names (lower case).
pub fn request_fields(r: &RopRequest<'_>) -> BTreeMap<&'static str, String> {
    let mut f = BTreeMap::new();
    f.insert("ropid", n(r.rop_id().unwrap().value()));
    match r {
        RopRequest::SetColumns(x) => {
            f.insert("logonid", n(x.logon_id));
            f.insert("inputhandleindex", n(x.input_handle_index));
            f.insert("setcolumnsflags", n(x.set_columns_flags.bits()));
            f.insert("propertytagcount", n(x.property_tags.len() as u64));
            f.insert("tags", tag_list(&x.property_tags));
        }
        RopRequest::SortTable(x) => {
            f.insert("logonid", n(x.logon_id));
            f.insert("inputhandleindex", n(x.input_handle_index));
            f.insert("sorttableflags", n(x.sort_table_flags.bits()));
            let s = &x.sort_order_set;
            f.insert("sortordercount", n(s.sort_orders.len() as u64));
            f.insert("categorycount", n(s.categorized_count));
            f.insert("expandedcount", n(s.expanded_count));
            f.insert(
                "sortorders",
                s.sort_orders
                    .iter()
                    .map(|o| format!("{}:{}", o.tag.to_u32(), o.order.value()))
                    .collect::<Vec<_>>()
                    .join(","),
            );
        }
        RopRequest::GetContentsTable(x) => {
            f.insert("logonid", n(x.logon_id));
            f.insert("inputhandleindex", n(x.input_handle_index));
            f.insert("outputhandleindex", n(x.output_handle_index));
            f.insert("tableflags", n(x.table_flags.bits()));
        }
        RopRequest::CreateFolder(x) => {
            f.insert("logonid", n(x.logon_id));
            f.insert("inputhandleindex", n(x.input_handle_index));
            f.insert("outputhandleindex", n(x.output_handle_index));
            f.insert("foldertype", n(x.folder_type.value()));
            f.insert("useunicodestrings", n(x.use_unicode_strings));
            f.insert("openexisting", n(x.open_existing));
            f.insert("reserved", n(x.reserved));
            f.insert("displayname", x.display_name.to_string_lossy());
            f.insert("comment", x.comment.to_string_lossy());
        }
        RopRequest::DeleteFolder(x) => {
            f.insert("logonid", n(x.logon_id));
            f.insert("inputhandleindex", n(x.input_handle_index));
            f.insert("deletefolderflags", n(x.delete_folder_flags.bits()));
            f.insert("folderid", fid(&x.folder_id));
        }
        RopRequest::MoveFolder(x) => {
            f.insert("logonid", n(x.logon_id));
            f.insert("sourcehandleindex", n(x.source_handle_index));
            f.insert("desthandleindex", n(x.dest_handle_index));
            f.insert("wantasynchronous", n(x.want_asynchronous));
            f.insert("useunicode", n(x.use_unicode));
            f.insert("folderid", fid(&x.folder_id));
            f.insert("newfoldername", x.new_folder_name.to_string_lossy());
        }
        RopRequest::CopyFolder(x) => {
            f.insert("logonid", n(x.logon_id));
            f.insert("sourcehandleindex", n(x.source_handle_index));
            f.insert("desthandleindex", n(x.dest_handle_index));
            f.insert("wantasynchronous", n(x.want_asynchronous));
            f.insert("wantrecursive", n(x.want_recursive));
            f.insert("useunicode", n(x.use_unicode));
            f.insert("folderid", fid(&x.folder_id));
            f.insert("newfoldername", x.new_folder_name.to_string_lossy());
        }
        RopRequest::GetRulesTable(x) => {
            f.insert("logonid", n(x.logon_id));
            f.insert("inputhandleindex", n(x.input_handle_index));
            f.insert("outputhandleindex", n(x.output_handle_index));
            f.insert("tableflags", n(x.table_flags.bits()));
        }
        RopRequest::QueryRows(x) => {
            f.insert("logonid", n(x.logon_id));
            f.insert("inputhandleindex", n(x.input_handle_index));
            f.insert("queryrowsflags", n(x.query_rows_flags.bits()));
            f.insert("forwardread", n(x.forward_read));
            f.insert("rowcount", n(x.row_count));
        }
        RopRequest::SubmitMessage(x) => {
            f.insert("logonid", n(x.logon_id));
            f.insert("inputhandleindex", n(x.input_handle_index));
            f.insert("submitflags", n(x.submit_flags.bits()));
        }
        RopRequest::OpenStream(x) => {
            f.insert("logonid", n(x.logon_id));
            f.insert("inputhandleindex", n(x.input_handle_index));
            f.insert("outputhandleindex", n(x.output_handle_index));
            f.insert("propertytag", n(x.property_tag.to_u32()));
            f.insert("openmodeflags", n(x.open_mode_flags.bits()));
        }
        RopRequest::SetProperties(x) => {
            f.insert("logonid", n(x.logon_id));
            f.insert("inputhandleindex", n(x.input_handle_index));
            let size = 2 + x
                .property_values
                .iter()
                .map(|v| v.wire_len(&ms_oxcdata::ValueContext::ROP))
                .sum::<usize>();
            f.insert("propertyvaluesize", n(size as u64));
            f.insert("propertyvaluecount", n(x.property_values.len() as u64));
            for (i, v) in x.property_values.iter().enumerate() {
                let key: &'static str = ["value1", "value2", "value3"][i];
                f.insert(key, format!("{}:{}", v.tag.to_u32(), text(&v.value)));
            }
        }
        RopRequest::GetPropertiesSpecific(x) => {
            f.insert("logonid", n(x.logon_id));
            f.insert("inputhandleindex", n(x.input_handle_index));
            f.insert("propertysizelimit", n(x.property_size_limit));
            f.insert("wantunicode", n(x.want_unicode));
            f.insert("propertytagcount", n(x.property_tags.len() as u64));
            f.insert("tags", tag_list(&x.property_tags));
        }
        RopRequest::GetPermissionsTable(x) => {
            f.insert("logonid", n(x.logon_id));
            f.insert("inputhandleindex", n(x.input_handle_index));
            f.insert("outputhandleindex", n(x.output_handle_index));
            f.insert("tableflags", n(x.table_flags.bits()));
        }
        other => panic!("no field lookup for {other:?}"),
    }
    f
}

/// The decoded fields of a response, under the spec's names (lower case).
pub fn response_fields(r: &RopResponse<'_>) -> BTreeMap<&'static str, String> {
    let mut f = BTreeMap::new();
    f.insert("ropid", n(r.rop_id().unwrap().value()));
    match r {
        RopResponse::Failure(x) => {
            f.insert("inputhandleindex", n(x.handle_index));
            f.insert("outputhandleindex", n(x.handle_index));
            f.insert("sourcehandleindex", n(x.handle_index));
            f.insert("returnvalue", n(x.return_value.value()));
        }
        RopResponse::SortTable(x) | RopResponse::SetColumns(x) => {
            f.insert("inputhandleindex", n(x.input_handle_index));
            f.insert("returnvalue", "0".into());
            f.insert("tablestatus", n(x.table_status.value()));
        }
        RopResponse::SubmitMessage(x)
        | RopResponse::SetSpooler(x)
        | RopResponse::SpoolerLockMessage(x)
        | RopResponse::GetRulesTable(x) => {
            f.insert("inputhandleindex", n(x.handle_index));
            f.insert("outputhandleindex", n(x.handle_index));
            f.insert("returnvalue", n(x.return_value.value()));
        }
        RopResponse::QueryRows(x) => {
            f.insert("inputhandleindex", n(x.input_handle_index));
            f.insert("returnvalue", "0".into());
            f.insert("origin", n(x.origin.value()));
            match &x.rows {
                Rows::Decoded { rows, .. } => {
                    f.insert("rowcount", n(rows.len() as u64));
                    // the values of the first row, Property1, Property2...
                    if let Some(ms_oxcdata::PropertyRow::Standard(values)) = rows.first() {
                        for (i, v) in values.iter().enumerate() {
                            let key: &'static str =
                                ["property1", "property2", "property3", "property4"][i];
                            f.insert(key, value_text(v));
                        }
                    }
                }
                Rows::Borrowed { rows, .. } => {
                    f.insert("rowcount", n(rows.len() as u64));
                }
                Rows::Undecoded { row_count, .. } => {
                    f.insert("rowcount", n(*row_count));
                }
            }
        }
        RopResponse::Backoff(x) => {
            f.insert("logonid", n(x.logon_id));
            f.insert("duration", n(x.duration));
            f.insert("backoffropcount", n(x.backoff_rop_data.len() as u64));
            f.insert("additionaldatasize", n(x.additional_data.len() as u64));
        }
        RopResponse::CreateFolder(x) => {
            f.insert("outputhandleindex", n(x.output_handle_index));
            f.insert("returnvalue", "0".into());
            f.insert("folderid", fid(&x.folder_id));
            f.insert("isexistingfolder", n(x.is_existing_folder));
        }
        RopResponse::DeleteFolder(x) => {
            f.insert("inputhandleindex", n(x.input_handle_index));
            f.insert("returnvalue", n(x.return_value.value()));
            f.insert("partialcompletion", n(x.partial_completion));
        }
        RopResponse::MoveFolder(x) | RopResponse::CopyFolder(x) => {
            f.insert("sourcehandleindex", n(x.source_handle_index));
            f.insert("returnvalue", n(x.return_value.value()));
            f.insert("partialcompletion", n(x.partial_completion));
        }
        RopResponse::GetPropertyIdsFromNames(x) => {
            f.insert("inputhandleindex", n(x.input_handle_index));
            f.insert("returnvalue", "0".into());
            f.insert("propertyidcount", n(x.property_ids.len() as u64));
            f.insert(
                "propertyids",
                x.property_ids
                    .iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(","),
            );
        }
        RopResponse::SetProperties(x) => {
            f.insert("inputhandleindex", n(x.input_handle_index));
            f.insert("returnvalue", "0".into());
            f.insert(
                "propertyproblemcount",
                n(x.property_problems.0.len() as u64),
            );
        }
        other => panic!("no field lookup for {other:?}"),
    }
    f
}
