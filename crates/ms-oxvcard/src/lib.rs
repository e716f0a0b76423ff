//! # ms-oxvcard — [MS-OXVCARD] vCard to Contact Object Conversion
//!
//! Converts between vCard (2.1, 3.0 of RFC 2426, 4.0 of RFC 6350) and the
//! `ms-oxcmsg` message model of a Contact object (`IPM.Contact`,
//! [MS-OXOCNTC]): names, e-mail addresses (PidLidEmail1..3 through the
//! `ms-oxprops` named definitions), telephone numbers by type, postal
//! addresses (work, home, other), organization and title, birthday and
//! anniversary, the photo (an attachment with
//! PidTagAttachmentContactPhoto, [MS-OXVCARD] 2.1.3.2.4 Type: PHOTO),
//! notes, web pages, categories, instant messaging, certificates.
//!
//! No I/O: bytes in, contacts out ([`vcf_to_messages`]); contacts in,
//! text out ([`message_to_vcf`], or [`write_vcf`] into a
//! [`msox_codec::Sink`]). Reading is one decoding session with the
//! content-line lexer of `ms-oxcical` (vCard 2.1 quoted-printable and
//! CHARSET, BASE64 values ended by an empty line, parameters without a
//! name), bounded by the caller's limits. What is not mapped (an unknown
//! property, a fourth e-mail address, a second telephone number of a
//! kind that has one property) is a [`msox_codec::Defect`]: an error in
//! strict mode, recorded in lenient mode; export reports the same way.
//!
//! ```
//! use ms_oxvcard::{VcardVersion, VcfOptions, message_to_vcf, vcf_to_messages};
//! use ms_oxprops::{named, tags};
//! use msox_codec::Options;
//!
//! let vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;;Dr.;\r\nFN:Dr. Jane Doe\r\n\
//!            EMAIL;TYPE=INTERNET:jane@example.com\r\nTEL;TYPE=WORK,VOICE:+1 555 0100\r\n\
//!            ADR;TYPE=WORK:;;1 Main St;Springfield;IL;62701;USA\r\nEND:VCARD\r\n";
//! let read = vcf_to_messages(vcf.as_bytes(), &Options::strict())?;
//! let c = &read.value[0];
//! assert_eq!(c.message_class().as_deref(), Some("IPM.Contact"));
//! assert_eq!(c.properties.get_str(tags::PidTagGivenName).as_deref(), Some("Jane"));
//! assert_eq!(c.properties.get_str(tags::PidTagBusinessTelephoneNumber).as_deref(), Some("+1 555 0100"));
//! let email = c.properties.get_named(&named::PidLidEmail1EmailAddress).and_then(|v| v.as_text());
//! assert_eq!(email.as_deref(), Some("jane@example.com"));
//!
//! let out = message_to_vcf(c, &VcfOptions::new(VcardVersion::V30))?;
//! assert!(out.value.contains("ADR;TYPE=WORK:;;1 Main St;Springfield;IL;62701;USA\r\n"));
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage
//!
//! | section | what | status |
//! |---|---|---|
//! | vCard framing (RFC 2425 / 2426 / 6350) | BEGIN/END, VERSION 2.1, 3.0, 4.0 | read all three, write all three |
//! | Type: FN, N, NICKNAME | names | PidTagDisplayName, PidTagSurname / GivenName / MiddleName / DisplayNamePrefix / Generation, PidTagNickname, PidLidFileUnder |
//! | 2.1.3.2.4 Type: PHOTO | ENCODING=b / BASE64 data (and 4.0 `data:` URIs) | attachment with PidTagAttachmentContactPhoto, PidTagAttachExtension and PidTagAttachLongFilename `ContactPhoto.<ext>` by TYPE, PidLidHasPicture; photo URLs reported |
//! | Type: BDAY, ANNIVERSARY, X-MS-ANNIVERSARY | dates | PidTagBirthday, PidTagWeddingAnniversary |
//! | Type: ADR (work, home, other), LABEL | postal addresses | PidLidWorkAddress*, PidTagHomeAddress*, PidTagOtherAddress*; LABEL reported |
//! | Type: TEL (the TYPE table), X-MS-TEL | telephone numbers | PidTagHome/Home2/Business/Business2/Mobile/Pager/Car/Isdn/HomeFax/BusinessFax/Primary/Other... numbers; numbers a kind has no second property for are reported |
//! | Type: EMAIL | up to three addresses | PidLidEmail1..3EmailAddress / DisplayName / AddressType / OriginalDisplayName; a fourth reported |
//! | Type: ORG, TITLE, ROLE, X-MS-MANAGER, X-MS-ASSISTANT, X-MS-SPOUSE | organization | PidTagCompanyName, PidTagDepartmentName, PidTagTitle, PidTagProfession, PidTagManagerName, PidTagAssistant, PidTagSpouseName |
//! | Type: NOTE, URL, CATEGORIES, CLASS, REV, X-MS-IMADDRESS, KEY | the rest | PidTagBody, PidTagBusinessHomePage / PidTagPersonalHomePage, PidNameKeywords, PidTagSensitivity, PidTagLastModificationTime, PidLidInstantMessagingAddress, PidTagUserX509Certificate |
//! | other types (GEO, TZ, SOUND, LOGO, AGENT, UID, MAILER, X-MS-OL-DESIGN, X-MS-CARDPICTURE ...) | — | reported as not mapped |
//!
//! The content-line lexer is `ms_oxcical::contentline` (one RFC 5545 /
//! RFC 6350 lexer for both formats).
#![forbid(unsafe_code)]

mod export;
mod import;

pub use export::{VcardVersion, VcfOptions, message_to_vcf, messages_to_vcf, write_vcf};
pub use import::{CONTACT_PHOTO_NAME, vcf_to_messages};
