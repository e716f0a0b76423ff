//! Property names for OAB schemas, through [MS-OXPROPS] (`ms-oxprops`).
//!
//! OAB header records use the message-class-defined range 0x6800–0x68FF,
//! where [MS-OXPROPS] gives one tag several names; these lookups prefer the
//! offline-address-book name there.

use ms_oxcdata::PropertyTag;

/// The [MS-OXPROPS] canonical name of `tag` as an OAB property
/// (`PidTagOfflineAddressBookTruncatedProperties` rather than
/// `PidTagFreeBusyPublishEnd` for 0x68050003's neighbours), or `None`.
///
/// ```
/// use ms_oxprops::tags;
/// assert_eq!(ms_oxoab::property_name(tags::PidTagDisplayName), Some("PidTagDisplayName"));
/// assert_eq!(
///     ms_oxoab::property_name(tags::PidTagOfflineAddressBookName),
///     Some("PidTagOfflineAddressBookName")
/// );
/// ```
pub fn property_name(tag: PropertyTag) -> Option<&'static str> {
    let mut first = None;
    for d in ms_oxprops::all_by_tag(tag) {
        if d.canonical_name.starts_with("PidTagOfflineAddressBook")
            || d.defining_reference.contains("MS-OXOAB")
            || d.area.contains("Offline Address Book")
        {
            return Some(d.canonical_name.as_str());
        }
        first.get_or_insert(d.canonical_name.as_str());
    }
    first.or_else(|| ms_oxprops::by_tag(tag).map(|d| d.canonical_name.as_str()))
}

/// [`property_name`], or the tag in hex (`0x8C9E0102`).
pub fn describe(tag: PropertyTag) -> String {
    property_name(tag).map_or_else(|| tag.to_string(), str::to_string)
}
