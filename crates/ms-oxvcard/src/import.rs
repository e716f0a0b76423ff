//! [MS-OXVCARD] import: vCard to Contact objects.

use base64::Engine as _;
use ms_dtyp::FileTime;
use ms_oxcdata::{PropertyTag, PropertyValue};
use ms_oxcical::contentline::{Component, ContentLine, Document, split_unescaped, unescape_text};
use ms_oxcmsg::{Attachment, Message};
use ms_oxprops::{Named, named, tags};
use msox_codec::{Decode, Decoded, ErrorKind, Options, Reader, Result, Utf16String};

/// The file name stem of a contact photo attachment ([MS-OXVCARD] 2.1.3.2.4:
/// `ContactPhoto.<ext>`).
pub const CONTACT_PHOTO_NAME: &str = "ContactPhoto";

/// [MS-OXVCARD] import: the Contact objects of a vCard stream (one per
/// VCARD), with the defects of the read and of the conversion.
///
/// ```
/// use ms_oxvcard::vcf_to_messages;
/// use ms_oxprops::tags;
/// use msox_codec::Options;
/// // vCard 2.1 as Outlook writes it: parameters without names, quoted-printable
/// let vcf = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Angstadt;Michael\r\n\
///            TEL;WORK;VOICE:(111) 555-1111\r\nTEL;WORK;FAX:(111) 555-3333\r\n\
///            NOTE;ENCODING=QUOTED-PRINTABLE:two=0D=0A=\r\nlines\r\nEND:VCARD\r\n";
/// let c = &vcf_to_messages(vcf.as_bytes(), &Options::strict())?.value[0];
/// assert_eq!(c.properties.get_str(tags::PidTagBusinessFaxNumber).as_deref(), Some("(111) 555-3333"));
/// assert_eq!(c.body().as_deref(), Some("two\r\nlines"));
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn vcf_to_messages(input: &[u8], options: &Options) -> Result<Decoded<Vec<Message>>> {
    msox_codec::decode_bytes_with_reader(input, options, |r| {
        let doc = Document::decode(r)?;
        r.frame("vCard", |r| {
            let mut out = Vec::new();
            for (i, c) in doc.components.iter().enumerate() {
                if c.name == "VCARD" {
                    out.push(r.frame_indexed("VCARD", i, |r| contact(r, c))?);
                } else {
                    r.defect_at(
                        ErrorKind::Unsupported(
                            format!("component {} is not a VCARD", c.name).into(),
                        ),
                        c.offset.unwrap_or(0),
                        "not imported",
                    )?;
                }
            }
            Ok(out)
        })
    })
}

fn pos(l: &ContentLine) -> usize {
    l.offset.unwrap_or(0)
}

fn not_mapped(r: &mut Reader<'_>, l: &ContentLine, why: &str) -> Result<()> {
    r.defect_at(
        ErrorKind::Unsupported(format!("{}: {why}", l.name).into()),
        pos(l),
        "not imported",
    )
}

fn bad_value(r: &mut Reader<'_>, l: &ContentLine) -> Result<()> {
    r.defect_at(
        ErrorKind::Malformed(format!("{} has a value that is not valid", l.name).into()),
        pos(l),
        "property not imported",
    )
}

fn set_str(m: &mut Message, tag: PropertyTag, v: &str) {
    if !v.is_empty() {
        m.properties.set_str(tag, v);
    }
}

fn set_named_str(m: &mut Message, p: &Named, v: &str) {
    if !v.is_empty() {
        m.properties
            .set_named(p, PropertyValue::String(Utf16String::new(v)));
    }
}

/// The types of a line: TYPE values (any case, comma lists), and the
/// vCard 2.1 bare parameters (already TYPE), lower case.
fn types(l: &ContentLine) -> Vec<String> {
    l.param_values("TYPE")
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().to_ascii_lowercase())
        .collect()
}

/// The structured fields of a value, unescaped (a quoted-printable value
/// decoded first).
fn fields(l: &ContentLine) -> Vec<String> {
    let raw = l.decoded_value().unwrap_or_else(|| l.value.clone());
    split_unescaped(&raw, ';')
        .into_iter()
        .map(unescape_text)
        .collect()
}

fn field(f: &[String], i: usize) -> &str {
    f.get(i).map_or("", String::as_str)
}

/// A DATE or DATE-TIME in the basic (`19220310`, `20120305T101500Z`) or
/// extended (`1922-03-10`, `2012-03-05T10:15:00Z`) form, as UTC (a DATE at
/// midnight; a local time read as UTC).
fn date(v: &str) -> Option<FileTime> {
    let basic: String = v
        .trim()
        .chars()
        .filter(|c| *c != '-' && *c != ':')
        .collect();
    let basic = basic.split(['+', '.']).next().unwrap_or("");
    let ts = ms_oxcical::value::Timestamp::parse(basic, None)?;
    let (minutes, second) = ts.local_minutes()?;
    let units = i128::from(minutes)
        .checked_mul(600_000_000)?
        .checked_add(i128::from(second) * 10_000_000)?;
    u64::try_from(units).ok().map(FileTime)
}

/// The telephone property a TEL's types name ([MS-OXVCARD] Type: TEL),
/// with the property of a second number of that kind.
fn tel_tags(t: &[String]) -> (PropertyTag, Option<PropertyTag>) {
    let has = |x: &str| t.iter().any(|v| v == x);
    if has("fax") {
        if has("home") {
            return (tags::PidTagHomeFaxNumber, None);
        }
        if has("work") {
            return (tags::PidTagBusinessFaxNumber, None);
        }
        return (tags::PidTagPrimaryFaxNumber, None);
    }
    if has("cell") {
        return (tags::PidTagMobileTelephoneNumber, None);
    }
    if has("pager") {
        return (tags::PidTagPagerTelephoneNumber, None);
    }
    if has("car") {
        return (tags::PidTagCarTelephoneNumber, None);
    }
    if has("isdn") {
        return (tags::PidTagIsdnNumber, None);
    }
    if has("home") {
        return (
            tags::PidTagHomeTelephoneNumber,
            Some(tags::PidTagHome2TelephoneNumber),
        );
    }
    if has("work") {
        return (
            tags::PidTagBusinessTelephoneNumber,
            Some(tags::PidTagBusiness2TelephoneNumber),
        );
    }
    if has("pref") {
        return (tags::PidTagPrimaryTelephoneNumber, None);
    }
    (tags::PidTagOtherTelephoneNumber, None)
}

/// X-MS-TEL types (Outlook's numbers vCard has no type for).
fn x_ms_tel(t: &[String]) -> Option<PropertyTag> {
    let has = |x: &str| t.iter().any(|v| v == x);
    Some(if has("assistant") {
        tags::PidTagAssistantTelephoneNumber
    } else if has("callback") {
        tags::PidTagCallbackTelephoneNumber
    } else if has("company") {
        tags::PidTagCompanyMainTelephoneNumber
    } else if has("radio") {
        tags::PidTagRadioTelephoneNumber
    } else if has("ttytdd") {
        tags::PidTagTelecommunicationsDeviceForDeafTelephoneNumber
    } else {
        return None;
    })
}

const EMAILS: [[&Named; 4]; 3] = [
    [
        &named::PidLidEmail1EmailAddress,
        &named::PidLidEmail1DisplayName,
        &named::PidLidEmail1AddressType,
        &named::PidLidEmail1OriginalDisplayName,
    ],
    [
        &named::PidLidEmail2EmailAddress,
        &named::PidLidEmail2DisplayName,
        &named::PidLidEmail2AddressType,
        &named::PidLidEmail2OriginalDisplayName,
    ],
    [
        &named::PidLidEmail3EmailAddress,
        &named::PidLidEmail3DisplayName,
        &named::PidLidEmail3AddressType,
        &named::PidLidEmail3OriginalDisplayName,
    ],
];

/// The address properties: (street, city, state, postal code, country, PO box).
pub(crate) enum AddressKind {
    Work,
    Home,
    Other,
}

pub(crate) fn address_props(k: &AddressKind) -> [PropId2; 6] {
    match k {
        AddressKind::Work => [
            PropId2::N(&named::PidLidWorkAddressStreet),
            PropId2::N(&named::PidLidWorkAddressCity),
            PropId2::N(&named::PidLidWorkAddressState),
            PropId2::N(&named::PidLidWorkAddressPostalCode),
            PropId2::N(&named::PidLidWorkAddressCountry),
            PropId2::N(&named::PidLidWorkAddressPostOfficeBox),
        ],
        AddressKind::Home => [
            PropId2::T(tags::PidTagHomeAddressStreet),
            PropId2::T(tags::PidTagHomeAddressCity),
            PropId2::T(tags::PidTagHomeAddressStateOrProvince),
            PropId2::T(tags::PidTagHomeAddressPostalCode),
            PropId2::T(tags::PidTagHomeAddressCountry),
            PropId2::T(tags::PidTagHomeAddressPostOfficeBox),
        ],
        AddressKind::Other => [
            PropId2::T(tags::PidTagOtherAddressStreet),
            PropId2::T(tags::PidTagOtherAddressCity),
            PropId2::T(tags::PidTagOtherAddressStateOrProvince),
            PropId2::T(tags::PidTagOtherAddressPostalCode),
            PropId2::T(tags::PidTagOtherAddressCountry),
            PropId2::T(tags::PidTagOtherAddressPostOfficeBox),
        ],
    }
}

/// A tagged or named string property.
#[derive(Clone, Copy)]
pub(crate) enum PropId2 {
    T(PropertyTag),
    N(&'static Named),
}

impl PropId2 {
    pub(crate) fn set(self, m: &mut Message, v: &str) {
        match self {
            PropId2::T(t) => set_str(m, t, v),
            PropId2::N(n) => set_named_str(m, n, v),
        }
    }

    pub(crate) fn get(self, m: &Message) -> Option<String> {
        match self {
            PropId2::T(t) => m.properties.get_str(t),
            PropId2::N(n) => m
                .properties
                .get_named(n)
                .and_then(|v| v.as_text())
                .map(|c| c.into_owned()),
        }
    }
}

fn contact(r: &mut Reader<'_>, c: &Component) -> Result<Message> {
    let mut m = Message::new("IPM.Contact");
    let mut emails = 0usize;
    let mut other_tel = false;
    let mut photo_seen = false;
    let mut cats: Vec<Utf16String> = Vec::new();
    let mut names: Option<Vec<String>> = None;
    for l in &c.properties {
        match l.name.as_str() {
            "VERSION" => {
                if !matches!(l.value.trim(), "2.1" | "3.0" | "4.0") {
                    not_mapped(r, l, "a vCard version other than 2.1, 3.0, 4.0")?;
                }
            }
            "PRODID" => {}
            "FN" => set_str(&mut m, tags::PidTagDisplayName, &l.text_value()),
            "N" => {
                let f = fields(l);
                set_str(&mut m, tags::PidTagSurname, field(&f, 0));
                set_str(&mut m, tags::PidTagGivenName, field(&f, 1));
                set_str(&mut m, tags::PidTagMiddleName, field(&f, 2));
                set_str(&mut m, tags::PidTagDisplayNamePrefix, field(&f, 3));
                set_str(&mut m, tags::PidTagGeneration, field(&f, 4));
                names = Some(f);
            }
            "NICKNAME" => set_str(&mut m, tags::PidTagNickname, &l.text_value()),
            "TITLE" => set_str(&mut m, tags::PidTagTitle, &l.text_value()),
            "ROLE" => set_str(&mut m, tags::PidTagProfession, &l.text_value()),
            "ORG" => {
                let f = fields(l);
                set_str(&mut m, tags::PidTagCompanyName, field(&f, 0));
                let units: Vec<&str> = f
                    .iter()
                    .skip(1)
                    .map(String::as_str)
                    .filter(|s| !s.is_empty())
                    .collect();
                set_str(&mut m, tags::PidTagDepartmentName, &units.join(", "));
            }
            "NOTE" => m.set_body(&l.text_value()),
            "X-MS-MANAGER" => set_str(&mut m, tags::PidTagManagerName, &l.text_value()),
            "X-MS-ASSISTANT" => set_str(&mut m, tags::PidTagAssistant, &l.text_value()),
            "X-MS-SPOUSE" => set_str(&mut m, tags::PidTagSpouseName, &l.text_value()),
            "X-MS-IMADDRESS" | "IMPP" => set_named_str(
                &mut m,
                &named::PidLidInstantMessagingAddress,
                &l.text_value(),
            ),
            "EMAIL" => {
                let Some(props) = EMAILS.get(emails) else {
                    not_mapped(r, l, "a fourth e-mail address (a contact has three)")?;
                    continue;
                };
                let addr = l.text_value();
                let display = m
                    .properties
                    .get_str(tags::PidTagDisplayName)
                    .map_or_else(|| addr.clone(), |d| format!("{d} ({addr})"));
                let [a, d, t, o] = *props;
                set_named_str(&mut m, a, &addr);
                set_named_str(&mut m, d, &display);
                set_named_str(&mut m, t, "SMTP");
                set_named_str(&mut m, o, &addr);
                emails += 1;
            }
            "TEL" | "X-MS-TEL" => {
                let t = types(l);
                let number = l.text_value();
                let (first, second) = if l.name == "X-MS-TEL" {
                    match x_ms_tel(&t) {
                        Some(tag) => (tag, None),
                        None => {
                            not_mapped(r, l, "an X-MS-TEL type this conversion does not know")?;
                            continue;
                        }
                    }
                } else {
                    tel_tags(&t)
                };
                if first == tags::PidTagOtherTelephoneNumber {
                    if other_tel {
                        not_mapped(
                            r,
                            l,
                            "a second number of type voice/msg/video/bbs/modem (one property)",
                        )?;
                        continue;
                    }
                    other_tel = true;
                }
                let target = if m.properties.get(first).is_none() {
                    Some(first)
                } else {
                    second.filter(|s| m.properties.get(*s).is_none())
                };
                match target {
                    Some(tag) => set_str(&mut m, tag, &number),
                    None => {
                        not_mapped(r, l, "another number of a kind whose properties are taken")?
                    }
                }
            }
            "ADR" => {
                let t = types(l);
                let kind = if t.iter().any(|v| v == "work") {
                    AddressKind::Work
                } else if t.iter().any(|v| v == "home") {
                    AddressKind::Home
                } else {
                    AddressKind::Other
                };
                let f = fields(l);
                let props = address_props(&kind);
                if props.iter().any(|p| p.get(&m).is_some()) {
                    not_mapped(r, l, "a second address of the same kind")?;
                    continue;
                }
                // ADR: PO box; extended; street; locality; region; code; country
                let street = [field(&f, 1), field(&f, 2)]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("\r\n");
                let [st, city, state, code, country, pobox] = props;
                st.set(&mut m, &street);
                city.set(&mut m, field(&f, 3));
                state.set(&mut m, field(&f, 4));
                code.set(&mut m, field(&f, 5));
                country.set(&mut m, field(&f, 6));
                pobox.set(&mut m, field(&f, 0));
            }
            "URL" => {
                let t = types(l);
                let tag = if t.iter().any(|v| v == "home") {
                    tags::PidTagPersonalHomePage
                } else {
                    tags::PidTagBusinessHomePage
                };
                if m.properties.get(tag).is_some() {
                    not_mapped(r, l, "a second web page of the same kind")?;
                    continue;
                }
                set_str(&mut m, tag, &l.text_value());
            }
            "BDAY" | "ANNIVERSARY" | "X-MS-ANNIVERSARY" | "X-ANNIVERSARY" => match date(&l.value) {
                Some(t) => {
                    let tag = if l.name == "BDAY" {
                        tags::PidTagBirthday
                    } else {
                        tags::PidTagWeddingAnniversary
                    };
                    m.properties.set(tag, PropertyValue::Time(t));
                }
                None => bad_value(r, l)?,
            },
            "REV" => match date(&l.value) {
                Some(t) => m
                    .properties
                    .set(tags::PidTagLastModificationTime, PropertyValue::Time(t)),
                None => bad_value(r, l)?,
            },
            "CATEGORIES" => {
                for c in split_unescaped(&l.value, ',') {
                    let c = unescape_text(c);
                    if !c.is_empty() {
                        cats.push(Utf16String::new(&c));
                    }
                }
            }
            "CLASS" => {
                let v = match l.value.trim().to_ascii_uppercase().as_str() {
                    "PUBLIC" => 0,
                    "PRIVATE" => 2,
                    "CONFIDENTIAL" => 3,
                    _ => {
                        bad_value(r, l)?;
                        continue;
                    }
                };
                m.properties
                    .set(tags::PidTagSensitivity, PropertyValue::Integer32(v));
            }
            "PHOTO" => {
                if photo_seen {
                    not_mapped(r, l, "a second PHOTO (a contact has one photo)")?;
                    continue;
                }
                match photo(l) {
                    Ok((data, ext)) => {
                        let name = format!("{CONTACT_PHOTO_NAME}.{ext}");
                        let mut a = Attachment::by_value(&name, data);
                        a.properties.set(
                            tags::PidTagAttachmentContactPhoto,
                            PropertyValue::Boolean(true),
                        );
                        a.properties
                            .set_str(tags::PidTagAttachExtension, &format!(".{ext}"));
                        m.attachments.push(a);
                        m.properties
                            .set_named(&named::PidLidHasPicture, PropertyValue::Boolean(true));
                        photo_seen = true;
                    }
                    Err(why) => not_mapped(r, l, why)?,
                }
            }
            "KEY" => {
                let v = l.value.trim();
                let b64 = match v.strip_prefix("data:") {
                    Some(rest) => rest.split_once(";base64,").map_or("", |(_, b)| b),
                    None => v,
                };
                let data = base64::engine::general_purpose::STANDARD
                    .decode(b64.split_whitespace().collect::<String>().as_bytes());
                match data {
                    Ok(d) if !d.is_empty() => m.properties.set(
                        tags::PidTagUserX509Certificate,
                        PropertyValue::MultipleBinary(vec![d]),
                    ),
                    _ => not_mapped(r, l, "a KEY that is not base64 certificate data")?,
                }
            }
            _ => not_mapped(r, l, "no mapping to a property of the contact")?,
        }
    }
    if !cats.is_empty() {
        m.properties
            .set_named(&named::PidNameKeywords, PropertyValue::MultipleString(cats));
    }
    // File As: "Surname, Given" as Outlook files contacts, else the display name
    let file_under = match &names {
        Some(f) if !field(f, 0).is_empty() && !field(f, 1).is_empty() => {
            format!("{}, {}", field(f, 0), field(f, 1))
        }
        Some(f) if !field(f, 0).is_empty() => field(f, 0).to_string(),
        _ => m
            .properties
            .get_str(tags::PidTagDisplayName)
            .unwrap_or_default(),
    };
    set_named_str(&mut m, &named::PidLidFileUnder, &file_under);
    if m.properties.get(tags::PidTagDisplayName).is_none() && !file_under.is_empty() {
        set_str(&mut m, tags::PidTagDisplayName, &file_under);
    }
    m.properties.set_str(
        tags::PidTagSubject,
        &m.properties
            .get_str(tags::PidTagDisplayName)
            .unwrap_or_default(),
    );
    for sub in &c.components {
        r.defect_at(
            ErrorKind::Unsupported(format!("component {} inside VCARD", sub.name).into()),
            sub.offset.unwrap_or(0),
            "not imported",
        )?;
    }
    Ok(m)
}

/// The bytes and file extension of a PHOTO ([MS-OXVCARD] 2.1.3.2.4): base64
/// (`ENCODING=b` / `BASE64`) or a 4.0 `data:` URI.
fn photo(l: &ContentLine) -> std::result::Result<(Vec<u8>, String), &'static str> {
    let v = l.value.trim();
    let (data, mime) = if let Some(rest) = v.strip_prefix("data:") {
        let (head, body) = rest.split_once(',').ok_or("a data: URI without ','")?;
        if !head.ends_with(";base64") {
            return Err("a data: URI that is not base64");
        }
        (body, head.trim_end_matches(";base64").to_ascii_lowercase())
    } else if l.has_param_value("ENCODING", "b")
        || l.has_param_value("ENCODING", "BASE64")
        || l.has_param_value("TYPE", "BASE64")
    {
        let t = types(l)
            .into_iter()
            .find(|t| {
                matches!(
                    t.as_str(),
                    "jpeg"
                        | "jpg"
                        | "png"
                        | "gif"
                        | "bmp"
                        | "image/jpeg"
                        | "image/png"
                        | "image/gif"
                        | "image/bmp"
                )
            })
            .unwrap_or_else(|| "jpeg".into());
        (v, t)
    } else {
        return Err("a photo by reference (URL) is not an attachment");
    };
    let clean: String = data.split_whitespace().collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(clean.as_bytes())
        .map_err(|_| "PHOTO data that is not base64")?;
    let ext = match mime.trim_start_matches("image/") {
        "png" => "png",
        "gif" => "gif",
        "bmp" => "bmp",
        _ => "jpeg",
    };
    Ok((bytes, ext.to_string()))
}
