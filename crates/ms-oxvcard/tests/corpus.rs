//! The vCards of ../shared/corpus/vcard (Outlook 2003 and 2007 exports,
//! ez-vcard's and libical's samples): each imports with the fields the
//! file holds (checked by hand against the files), reports what it does
//! not map, and exports in every version back to the same contact.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

mod shared;

use ms_oxprops::{named, tags};
use ms_oxvcard::{VcardVersion, VcfOptions, messages_to_vcf, vcf_to_messages};
use msox_codec::Options;
use msox_testkit::corpus;
use shared::view;

#[test]
fn corpus_vcards_import_and_round_trip_in_every_version() {
    let files = corpus::files("vcard", &[".vcf"]);
    for e in &files {
        let bytes = std::fs::read(&e.path).unwrap();
        let read = vcf_to_messages(&bytes, &Options::lenient())
            .unwrap_or_else(|err| panic!("{}: {err}", e.file));
        assert!(!read.value.is_empty(), "{}", e.file);
        for d in &read.defects {
            eprintln!("{}: {d}", e.file);
        }
        for version in [VcardVersion::V21, VcardVersion::V30, VcardVersion::V40] {
            let out = messages_to_vcf(&read.value, &VcfOptions::new(version)).unwrap();
            let back = vcf_to_messages(out.value.as_bytes(), &Options::strict())
                .unwrap_or_else(|err| panic!("{} {version:?}: {err}", e.file));
            assert_eq!(back.value.len(), read.value.len());
            for (a, b) in read.value.iter().zip(&back.value) {
                assert_eq!(view(b), view(a), "{} {version:?}", e.file);
            }
        }
    }
    // what the Outlook 2007 export holds
    if let Some(e) = files
        .iter()
        .find(|e| e.file.ends_with("ezvcard-outlook-2007.vcf"))
    {
        let read = vcf_to_messages(&std::fs::read(&e.path).unwrap(), &Options::lenient()).unwrap();
        let c = &read.value[0];
        assert_eq!(
            c.properties.get_str(tags::PidTagSurname).as_deref(),
            Some("Angstadt")
        );
        assert_eq!(
            c.properties.get_str(tags::PidTagGeneration).as_deref(),
            Some("Jr.")
        );
        assert_eq!(
            c.properties.get_str(tags::PidTagNickname).as_deref(),
            Some("Mike")
        );
        assert_eq!(
            c.properties.get_str(tags::PidTagCompanyName).as_deref(),
            Some("TheCompany")
        );
        assert_eq!(
            c.properties
                .get_str(tags::PidTagBusinessTelephoneNumber)
                .as_deref(),
            Some("(111) 555-1111")
        );
        assert_eq!(
            c.properties
                .get_str(tags::PidTagCallbackTelephoneNumber)
                .as_deref(),
            Some("(111) 555-4444")
        );
        assert_eq!(
            c.properties.get_str(tags::PidTagProfession).as_deref(),
            Some("TheProfession")
        );
        let email = c
            .properties
            .get_named(&named::PidLidEmail1EmailAddress)
            .and_then(|v| v.as_text());
        assert_eq!(email.as_deref(), Some("mike.angstadt@gmail.com"));
        assert!(c.properties.get(tags::PidTagUserX509Certificate).is_some());
        assert!(c.properties.get(tags::PidTagBirthday).is_some());
        assert!(c.properties.get(tags::PidTagWeddingAnniversary).is_some());
        assert!(c.body().unwrap().starts_with("This is the NOTE field"));
        // LABEL and X-MS-OL-DESIGN are reported, not dropped silently
        assert!(read.defects.iter().any(|d| d.to_string().contains("LABEL")));
    }
    if corpus::dir().is_some() {
        assert!(files.len() >= 4);
    }
}
