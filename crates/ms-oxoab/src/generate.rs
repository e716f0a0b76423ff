//! A synthetic address book for tests, benches and examples: a realistic
//! schema and `n` deterministic records (names, SMTP and X.500 addresses,
//! proxy addresses, phone numbers, a certificate-sized binary on some).

use ms_oxcdata::{PropertyTag, PropertyType, PropertyValue};
use ms_oxprops::tags;
use msox_codec::{CodePage, Result, String8, Utf16String};

use crate::details::{
    FullDetails, FullDetailsWriter, MetaData, OabHeader, PropRec, PropTable, Record,
};

/// The tag with an 8-bit string type: OAB files carry addresses and
/// aliases as PtypString8 whatever [MS-OXPROPS] lists.
const fn ascii(t: PropertyTag) -> PropertyTag {
    t.with_type(if t.prop_type.is_multiple() {
        PropertyType::MultipleString8
    } else {
        PropertyType::String8
    })
}

const SMTP: PropertyTag = ascii(tags::PidTagSmtpAddress);
const ACCOUNT: PropertyTag = ascii(tags::PidTagAccount);
const EMAIL: PropertyTag = ascii(tags::PidTagEmailAddress);
const PROXIES: PropertyTag = ascii(tags::PidTagAddressBookProxyAddresses);
const HOME_MDB: PropertyTag = ascii(tags::PidTagAddressBookHomeMessageDatabase);

/// The header record schema the generator uses.
pub fn header_table() -> PropTable {
    PropTable::new(vec![
        PropRec::new(tags::PidTagOfflineAddressBookName),
        PropRec::new(tags::PidTagOfflineAddressBookDistinguishedName),
        PropRec::new(tags::PidTagOfflineAddressBookSequence),
        PropRec::new(tags::PidTagOfflineAddressBookContainerGuid),
        PropRec::new(tags::PidTagOfflineAddressBookTruncatedProperties),
    ])
}

/// The Address Book object record schema the generator uses: every type
/// OAB allows except PtypObject.
pub fn record_table() -> PropTable {
    let anr = PropRec::ANR;
    let key = PropRec::PRIMARY_KEY;
    PropTable::new(vec![
        PropRec::with_flags(SMTP, key | anr),
        PropRec::with_flags(tags::PidTagDisplayName, anr),
        PropRec::with_flags(ACCOUNT, anr),
        PropRec::with_flags(tags::PidTagSurname, anr),
        PropRec::new(tags::PidTagGivenName),
        PropRec::with_flags(EMAIL, key),
        PropRec::new(tags::PidTagObjectType),
        PropRec::new(tags::PidTagDisplayType),
        PropRec::new(tags::PidTagDisplayTypeEx),
        PropRec::new(tags::PidTagTitle),
        PropRec::new(tags::PidTagDepartmentName),
        PropRec::new(tags::PidTagCompanyName),
        PropRec::new(tags::PidTagOfficeLocation),
        PropRec::new(tags::PidTagBusinessTelephoneNumber),
        PropRec::new(tags::PidTagMobileTelephoneNumber),
        PropRec::new(PROXIES),
        PropRec::new(HOME_MDB),
        PropRec::new(tags::PidTagSendRichInfo),
        PropRec::new(tags::PidTagAddressBookX509Certificate),
        PropRec::new(tags::PidTagAddressBookObjectGuid),
        PropRec::new(tags::PidTagAddressBookSenderHintTranslations),
        PropRec::new(tags::PidTagThumbnailPhoto),
    ])
}

/// The schemas.
pub fn metadata() -> MetaData {
    MetaData {
        header_atts: header_table(),
        oab_atts: record_table(),
        trailing: Vec::new(),
    }
}

fn s8(s: String) -> PropertyValue {
    PropertyValue::String8(String8::new(s.into_bytes(), CodePage::WINDOWS_1252))
}

fn u(s: String) -> PropertyValue {
    PropertyValue::String(Utf16String::new(s))
}

/// The header record for sequence `seq`.
pub fn header_record(seq: u32) -> Record {
    Record::new()
        .with(
            tags::PidTagOfflineAddressBookName,
            u("\\Global Address List".into()),
        )
        .with(
            tags::PidTagOfflineAddressBookDistinguishedName,
            s8("/o=Contoso/cn=addrlists/cn=oabs/cn=Default Offline Address Book".into()),
        )
        .with(
            tags::PidTagOfflineAddressBookSequence,
            PropertyValue::Integer32(seq as i32),
        )
        .with(
            tags::PidTagOfflineAddressBookContainerGuid,
            s8("{2b4b7c52-6ac2-4c24-8f0e-5e0c5a7f4a11}".into()),
        )
        .with(
            tags::PidTagOfflineAddressBookTruncatedProperties,
            PropertyValue::MultipleInteger32(vec![tags::PidTagThumbnailPhoto.to_u32() as i32]),
        )
}

const GIVEN: [&str; 16] = [
    "Ann", "Björn", "Chloé", "Dmitri", "Emeka", "Fatima", "Grace", "Hiroshi", "Ines", "José",
    "Kai", "Lena", "Mateo", "Nadia", "Olu", "Priya",
];
const FAMILY: [&str; 16] = [
    "Smith", "Müller", "García", "Nakamura", "Okafor", "Kowalski", "Dubois", "Rossi", "Jensen",
    "Novak", "Silva", "Chen", "Haddad", "O'Brien", "Ivanova", "Singh",
];
const DEPT: [&str; 6] = [
    "Sales",
    "Engineering",
    "Finance",
    "Legal",
    "Support",
    "Marketing",
];

fn pick<'s>(list: &[&'s str], i: u32) -> &'s str {
    list.get(i as usize % list.len().max(1))
        .copied()
        .unwrap_or_default()
}

/// Record number `i` (deterministic).
pub fn record(i: u32) -> Record {
    let g = GIVEN.get(i as usize % GIVEN.len()).copied().unwrap_or("A");
    let f = FAMILY
        .get((i as usize / GIVEN.len()) % FAMILY.len())
        .copied()
        .unwrap_or("B");
    let alias = format!("{}{}{i}", g.chars().next().unwrap_or('x'), f)
        .to_lowercase()
        .replace(['\'', 'ü', 'í', 'é'], "");
    let smtp = format!("{alias}@contoso.example");
    let dn = format!(
        "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn={alias}"
    );
    let mut r = Record::new()
        .with(SMTP, s8(smtp.clone()))
        .with(tags::PidTagDisplayName, u(format!("{g} {f} ({i})")))
        .with(ACCOUNT, s8(alias.clone()))
        .with(tags::PidTagSurname, u(f.to_string()))
        .with(tags::PidTagGivenName, u(g.to_string()))
        .with(EMAIL, s8(dn))
        .with(tags::PidTagObjectType, PropertyValue::Integer32(6))
        .with(tags::PidTagDisplayType, PropertyValue::Integer32(0))
        .with(
            tags::PidTagDisplayTypeEx,
            PropertyValue::Integer32(0x4000_0000),
        )
        .with(
            tags::PidTagTitle,
            u(pick(&["Engineer", "Manager", "Analyst", "Director"], i).to_string()),
        )
        .with(tags::PidTagDepartmentName, u(pick(&DEPT, i).to_string()))
        .with(tags::PidTagCompanyName, u("Contoso Ltd.".into()))
        .with(
            tags::PidTagBusinessTelephoneNumber,
            u(format!("+1 425 555 {:04}", i % 10000)),
        )
        .with(
            PROXIES,
            PropertyValue::MultipleString8(vec![
                String8::new(format!("SMTP:{smtp}").into_bytes(), CodePage::WINDOWS_1252),
                String8::new(
                    format!("smtp:{alias}@contoso.onmicrosoft.example").into_bytes(),
                    CodePage::WINDOWS_1252,
                ),
                String8::new(
                    format!("X500:/o=Legacy/cn={alias}").into_bytes(),
                    CodePage::WINDOWS_1252,
                ),
            ]),
        )
        .with(
            HOME_MDB,
            s8(format!(
                "/o=Contoso/cn=Configuration/cn=Servers/cn=MBX{:02}/cn=Microsoft Private MDB",
                i % 12
            )),
        )
        .with(
            tags::PidTagSendRichInfo,
            PropertyValue::Boolean(!i.is_multiple_of(3)),
        )
        .with(
            tags::PidTagAddressBookObjectGuid,
            PropertyValue::Binary(
                (0..16u32)
                    .map(|k| (i.wrapping_mul(2_654_435_761).rotate_left(k)) as u8)
                    .collect(),
            ),
        );
    if i.is_multiple_of(4) {
        r.set(
            tags::PidTagOfficeLocation,
            u(format!("Building {}/{}", i % 40, i % 300)),
        );
        r.set(
            tags::PidTagMobileTelephoneNumber,
            u(format!("+1 206 555 {:04}", (i * 7) % 10000)),
        );
    }
    if i.is_multiple_of(10) {
        let cert: Vec<u8> = (0..600u32)
            .map(|k| (k.wrapping_mul(31) ^ i) as u8)
            .collect();
        r.set(
            tags::PidTagAddressBookX509Certificate,
            PropertyValue::MultipleBinary(vec![cert]),
        );
    }
    if i.is_multiple_of(50) {
        r.set(
            tags::PidTagAddressBookSenderHintTranslations,
            PropertyValue::MultipleString(vec![
                Utf16String::new("en-US:Out of office"),
                Utf16String::new("fr-FR:Absent du bureau"),
            ]),
        );
    }
    r.sort_by_table(&record_table());
    r
}

/// A full details file with `n` generated records (ulTotRecs and ulSerial
/// filled in).
pub fn full_details_bytes(n: u32, seq: u32) -> Result<Vec<u8>> {
    let mut w = FullDetailsWriter::new(metadata(), &header_record(seq))?;
    for i in 0..n {
        w.push(&record(i))?;
    }
    w.finish()
}

/// The same book as a [`FullDetails`] value.
pub fn full_details(n: u32, seq: u32) -> FullDetails {
    FullDetails {
        header: OabHeader {
            version: OabHeader::VERSION_4_FULL_DETAILS,
            serial: 0,
            total_records: n,
        },
        metadata: metadata(),
        header_record: header_record(seq),
        records: (0..n).map(record).collect(),
    }
}
