//! Property tests: a contact with any text in its fields (non-ASCII,
//! `;`, `,`, `\`, newlines, `=`), any set of telephone numbers, addresses,
//! e-mail addresses, dates and a photo goes to vCard 2.1, 3.0 and 4.0 and
//! back to the same contact.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

mod shared;

use ms_dtyp::FileTime;
use ms_oxcdata::PropertyValue;
use ms_oxcmsg::{Attachment, Message};
use ms_oxprops::{named, tags};
use ms_oxvcard::{VcardVersion, VcfOptions, message_to_vcf, vcf_to_messages};
use msox_codec::{Options, Utf16String};
use proptest::prelude::*;
use shared::view;

fn text() -> impl Strategy<Value = String> {
    // no leading/trailing spaces: vCard readers trim some values
    proptest::string::string_regex("[a-zA-Z0-9\u{e9}\u{df}\u{4e2d};,\\\\=:\"]([a-zA-Z0-9 \u{e9}\u{df}\u{4e2d};,\\\\=:\"]{0,30}[a-zA-Z0-9\u{e9};,=])?").unwrap()
}

fn email() -> impl Strategy<Value = String> {
    "[a-z]{1,8}@[a-z]{1,8}\\.(com|org)"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn contacts_round_trip_through_every_version(
        names in proptest::collection::vec(proptest::option::of(text()), 5),
        display in text(),
        org in proptest::option::of(text()),
        title in proptest::option::of(text()),
        note in proptest::option::of(proptest::string::string_regex("[a-z \u{e9};,]{1,20}(\r\n[a-z ]{1,20}){0,2}").unwrap()),
        phones in proptest::collection::vec(proptest::option::of("[0-9 +()-]{1,15}"), 12),
        emails in proptest::collection::vec(email(), 0..4),
        street in proptest::option::of(text()),
        city in proptest::option::of(text()),
        bday in proptest::option::of(0i64..2_000_000_000),
        photo in proptest::option::of(proptest::collection::vec(any::<u8>(), 1..200)),
        cats in proptest::collection::vec(text(), 0..3),
    ) {
        let mut m = Message::new("IPM.Contact");
        for (tag, v) in [tags::PidTagSurname, tags::PidTagGivenName, tags::PidTagMiddleName, tags::PidTagDisplayNamePrefix, tags::PidTagGeneration].iter().zip(&names) {
            if let Some(v) = v { m.properties.set_str(*tag, v); }
        }
        m.properties.set_str(tags::PidTagDisplayName, &display);
        m.properties.set_str(tags::PidTagSubject, &display);
        let file_under = match (&names[0], &names[1]) {
            (Some(s), Some(g)) => format!("{s}, {g}"),
            (Some(s), None) => s.clone(),
            _ => display.clone(),
        };
        m.properties.set_named(&named::PidLidFileUnder, PropertyValue::String(Utf16String::new(&file_under)));
        if let Some(o) = &org { m.properties.set_str(tags::PidTagCompanyName, o); }
        if let Some(t) = &title { m.properties.set_str(tags::PidTagTitle, t); }
        if let Some(n) = &note { m.set_body(n); }
        let phone_tags = [
            tags::PidTagBusinessTelephoneNumber, tags::PidTagBusiness2TelephoneNumber, tags::PidTagHomeTelephoneNumber,
            tags::PidTagHome2TelephoneNumber, tags::PidTagMobileTelephoneNumber, tags::PidTagBusinessFaxNumber,
            tags::PidTagHomeFaxNumber, tags::PidTagPagerTelephoneNumber, tags::PidTagCarTelephoneNumber,
            tags::PidTagIsdnNumber, tags::PidTagOtherTelephoneNumber, tags::PidTagCallbackTelephoneNumber,
        ];
        let phones: Vec<Option<String>> = phones
            .iter()
            .map(|p| p.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(str::to_string))
            .collect();
        for (i, (t, p)) in phone_tags.iter().zip(&phones).enumerate() {
            // a second number only with the first of its kind
            if (i == 1 && phones[0].is_none()) || (i == 3 && phones[2].is_none()) {
                continue;
            }
            if let Some(p) = p { m.properties.set_str(*t, p); }
        }
        let email_props = [
            [&named::PidLidEmail1EmailAddress, &named::PidLidEmail1DisplayName, &named::PidLidEmail1AddressType, &named::PidLidEmail1OriginalDisplayName],
            [&named::PidLidEmail2EmailAddress, &named::PidLidEmail2DisplayName, &named::PidLidEmail2AddressType, &named::PidLidEmail2OriginalDisplayName],
            [&named::PidLidEmail3EmailAddress, &named::PidLidEmail3DisplayName, &named::PidLidEmail3AddressType, &named::PidLidEmail3OriginalDisplayName],
        ];
        for (e, [a, d, t, o]) in emails.iter().take(3).zip(email_props) {
            let s = |v: &str| PropertyValue::String(Utf16String::new(v));
            m.properties.set_named(a, s(e));
            m.properties.set_named(d, s(&format!("{display} ({e})")));
            m.properties.set_named(t, s("SMTP"));
            m.properties.set_named(o, s(e));
        }
        if let Some(st) = &street { m.properties.set_str(tags::PidTagHomeAddressStreet, st); }
        if let Some(c) = &city { m.properties.set_str(tags::PidTagHomeAddressCity, c); }
        if let Some(d) = bday {
            m.properties.set(tags::PidTagBirthday, PropertyValue::Time(FileTime::from_unix_seconds(d / 86_400 * 86_400)));
        }
        if !cats.is_empty() {
            m.properties.set_named(&named::PidNameKeywords, PropertyValue::MultipleString(cats.iter().map(Utf16String::new).collect()));
        }
        if let Some(data) = photo {
            let mut a = Attachment::by_value("ContactPhoto.jpeg", data);
            a.properties.set(tags::PidTagAttachmentContactPhoto, PropertyValue::Boolean(true));
            a.properties.set_str(tags::PidTagAttachExtension, ".jpeg");
            m.attachments.push(a);
            m.properties.set_named(&named::PidLidHasPicture, PropertyValue::Boolean(true));
        }
        for version in [VcardVersion::V21, VcardVersion::V30, VcardVersion::V40] {
            let out = message_to_vcf(&m, &VcfOptions { options: Options::strict(), version }).unwrap();
            let back = vcf_to_messages(out.value.as_bytes(), &Options::strict())
                .unwrap_or_else(|e| panic!("{version:?}: {e}\n{}", out.value));
            prop_assert_eq!(view(&back.value[0]), view(&m), "{:?}\n{}", version, out.value);
        }
    }
}
