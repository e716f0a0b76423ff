//! test-vectors/oxvcard/*.hex: hand-made vCards (2.1 as Outlook writes
//! it, 3.0 with a photo, 4.0) import strictly to what their `# expect-*`
//! lines and these tests say, and export in every version back to the
//! same contact.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

mod shared;

use ms_oxcdata::PropertyValue;
use ms_oxprops::{named, tags};
use ms_oxvcard::{VcardVersion, VcfOptions, message_to_vcf, vcf_to_messages};
use msox_codec::Options;
use msox_testkit::{vector, vectors};
use shared::view;

#[test]
fn vectors_import_strictly_and_survive_every_version() {
    let vs = vectors("oxvcard");
    assert!(vs.len() >= 3);
    for v in &vs {
        let read = vcf_to_messages(&v.bytes, &Options::strict())
            .unwrap_or_else(|e| panic!("{}: {e}", v.name));
        let c = &read.value[0];
        assert_eq!(
            c.properties.get_str(tags::PidTagDisplayName).as_deref(),
            Some(v.meta("expect-display-name")),
            "{}",
            v.name
        );
        assert_eq!(
            c.properties
                .get_str(tags::PidTagBusinessTelephoneNumber)
                .as_deref(),
            Some(v.meta("expect-business-phone")),
            "{}",
            v.name
        );
        for version in [VcardVersion::V21, VcardVersion::V30, VcardVersion::V40] {
            let out = message_to_vcf(
                c,
                &VcfOptions {
                    options: Options::strict(),
                    version,
                },
            )
            .unwrap();
            let back = vcf_to_messages(out.value.as_bytes(), &Options::strict())
                .unwrap_or_else(|e| panic!("{} {version:?}: {e}\n{}", v.name, out.value));
            assert_eq!(
                view(&back.value[0]),
                view(c),
                "{} {version:?}\n{}",
                v.name,
                out.value
            );
        }
    }
}

#[test]
fn outlook_21_vector_reads_quoted_printable_names_and_three_kinds_of_phone() {
    let v = vector("oxvcard", "v21-outlook");
    let c = &vcf_to_messages(&v.bytes, &Options::strict()).unwrap().value[0];
    assert_eq!(
        c.properties.get_str(tags::PidTagSurname).as_deref(),
        Some("Weiß")
    );
    assert_eq!(
        c.properties
            .get_str(tags::PidTagDisplayNamePrefix)
            .as_deref(),
        Some("Dr.")
    );
    assert_eq!(
        c.properties
            .get_str(tags::PidTagMobileTelephoneNumber)
            .as_deref(),
        Some("+49 170 1111111")
    );
    assert_eq!(
        c.properties
            .get_str(tags::PidTagBusinessFaxNumber)
            .as_deref(),
        Some("+49 30 1234568")
    );
    assert_eq!(
        c.properties.get_str(tags::PidTagDepartmentName).as_deref(),
        Some("Research")
    );
    assert_eq!(c.body().as_deref(), Some("First line\r\nsecond line"));
    let email2 = c
        .properties
        .get_named(&named::PidLidEmail2EmailAddress)
        .and_then(|v| v.as_text());
    assert_eq!(email2.as_deref(), Some("jw@example.org"));
    let street = c
        .properties
        .get_named(&named::PidLidWorkAddressStreet)
        .and_then(|v| v.as_text());
    assert_eq!(street.as_deref(), Some("Hauptstraße 1"));
    assert_eq!(
        c.properties
            .get_named(&named::PidLidFileUnder)
            .and_then(|v| v.as_text())
            .as_deref(),
        Some("Weiß, Jürgen")
    );
}

#[test]
fn photo_vector_becomes_the_contact_photo_attachment() {
    let v = vector("oxvcard", "v30-photo");
    let c = &vcf_to_messages(&v.bytes, &Options::strict()).unwrap().value[0];
    let a = &c.attachments[0];
    assert_eq!(
        a.properties.get(tags::PidTagAttachmentContactPhoto),
        Some(&PropertyValue::Boolean(true))
    );
    assert_eq!(a.file_name().as_deref(), Some("ContactPhoto.png"));
    assert_eq!(
        a.properties.get_str(tags::PidTagAttachExtension).as_deref(),
        Some(".png")
    );
    assert!(a.data().unwrap().starts_with(b"\x89PNG"));
    assert_eq!(
        c.properties.get_named(&named::PidLidHasPicture),
        Some(&PropertyValue::Boolean(true))
    );
    assert_eq!(
        c.body().as_deref(),
        Some("Line one\nLine two; with semicolon")
    );
    assert_eq!(
        c.properties
            .get_str(tags::PidTagHomeAddressStreet)
            .as_deref(),
        Some("1 Main St, Apt 2")
    );
    let out = message_to_vcf(c, &VcfOptions::new(VcardVersion::V40))
        .unwrap()
        .value;
    assert!(
        out.replace("\r\n ", "")
            .contains("PHOTO:data:image/png;base64,iVBORw0KGgo"),
        "{out}"
    );
}

#[test]
fn several_types_are_one_unquoted_list() {
    let v = vector("oxvcard", "v30-photo");
    let c = &vcf_to_messages(&v.bytes, &Options::strict()).unwrap().value[0];
    let out = message_to_vcf(c, &VcfOptions::new(VcardVersion::V30))
        .unwrap()
        .value;
    assert!(out.contains("TEL;TYPE=WORK,VOICE:+1 555 0100\r\n"), "{out}");
    let out = message_to_vcf(c, &VcfOptions::new(VcardVersion::V21))
        .unwrap()
        .value;
    assert!(out.contains("TEL;WORK;VOICE:+1 555 0100\r\n"), "{out}");
}
