//! ms-oxprops: lookups (no decoder).

/// ms-oxprops: every lookup takes arbitrary names, tags, IDs and (set,
/// LID / name) pairs without panicking, and what a name finds is found
/// again by its canonical name.
pub fn oxprops_lookup(data: &[u8]) {
    use ms_oxcdata::PropertyTag;
    let text = String::from_utf8_lossy(data);
    if let Some(d) = ms_oxprops::by_name(&text) {
        let again = ms_oxprops::by_name(&d.canonical_name).expect("a canonical name finds itself");
        assert_eq!(again.canonical_name, d.canonical_name);
    }
    let _ = ms_oxprops::all_by_name(&text).count();
    let _ = ms_oxprops::set_by_name(&text);
    let word = |i: usize| {
        data.get(i..i + 4)
            .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let tag = PropertyTag::from_u32(word(0));
    if let Some(d) = ms_oxprops::by_tag(tag) {
        assert_eq!(d.tag().map(|t| t.id), Some(tag.id));
    }
    let _ = ms_oxprops::all_by_tag(tag).count();
    let _ = ms_oxprops::describe_tag(tag);
    let _ = ms_oxprops::by_id(tag.id).count();
    if let Some(g) = data.get(..16) {
        let mut b = [0u8; 16];
        b.copy_from_slice(g);
        let set = ms_dtyp::Guid::from_le_bytes(b);
        let _ = ms_oxprops::by_lid(set, word(16));
        let _ = ms_oxprops::by_set_name(set, &String::from_utf8_lossy(&data[16..]));
        let _ = ms_oxprops::set_name(set);
    }
}
