//! [MS-OXVCARD] export: Contact objects to vCard 2.1, 3.0 or 4.0.

use base64::Engine as _;
use ms_dtyp::FileTime;
use ms_oxcdata::{PropertyTag, PropertyValue};
use ms_oxcical::contentline::{
    Component, ContentLine, Parameter, encode_quoted_printable, escape_text, fold_into,
};
use ms_oxcmsg::Message;
use ms_oxprops::{named, tags};
use msox_codec::{Decoded, Defect, Error, ErrorKind, Options, Result, Session, Sink};

use crate::import::{AddressKind, address_props};

/// The vCard version to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VcardVersion {
    /// vCard 2.1 (what Outlook writes): parameters without names,
    /// quoted-printable for text that is not printable ASCII.
    V21,
    /// vCard 3.0 (RFC 2426), what [MS-OXVCARD] specifies.
    V30,
    /// vCard 4.0 (RFC 6350).
    V40,
}

/// How [`message_to_vcf`] writes: the session options (strict: anything
/// not exported is an error) and the version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VcfOptions {
    /// Mode and limits of the export session.
    pub options: Options,
    /// The vCard version.
    pub version: VcardVersion,
}

impl VcfOptions {
    /// Lenient options for `version`.
    pub fn new(version: VcardVersion) -> Self {
        VcfOptions {
            options: Options::default(),
            version,
        }
    }
}

impl Default for VcfOptions {
    fn default() -> Self {
        Self::new(VcardVersion::V30)
    }
}

/// [MS-OXVCARD] export of one contact: the vCard text and what was not
/// exported.
pub fn message_to_vcf(msg: &Message, opts: &VcfOptions) -> Result<Decoded<String>> {
    messages_to_vcf(std::slice::from_ref(msg), opts)
}

/// [MS-OXVCARD] export of several contacts (one VCARD each).
pub fn messages_to_vcf(msgs: &[Message], opts: &VcfOptions) -> Result<Decoded<String>> {
    let mut out = Vec::new();
    let defects = write_vcf(msgs, opts, &mut out)?;
    let text = String::from_utf8(out)
        .map_err(|_| Error::new(ErrorKind::BadString { encoding: "UTF-8" }))?;
    Ok(Decoded {
        value: text,
        defects,
    })
}

/// [MS-OXVCARD] export into a [`Sink`]; returns what was not exported.
pub fn write_vcf(msgs: &[Message], opts: &VcfOptions, sink: &mut impl Sink) -> Result<Vec<Defect>> {
    let mut session = Session::new(opts.options, 0);
    for (i, m) in msgs.iter().enumerate() {
        let c = contact(m, opts.version, &mut session)
            .map_err(|e| e.context(format!("Message[{i}]")))?;
        let mut text = String::new();
        write_card(&mut text, &c, opts.version);
        sink.write(text.as_bytes())?;
    }
    Ok(session.take_defects())
}

fn report(session: &mut Session, what: String) -> Result<()> {
    session.defect(
        Error::new(ErrorKind::Unsupported(what.into())),
        "not exported",
    )
}

/// Writes a VCARD; version 2.1 with bare parameters, quoted-printable
/// soft line breaks and the empty line after BASE64 values.
fn write_card(out: &mut String, c: &Component, v: VcardVersion) {
    if v != VcardVersion::V21 {
        ms_oxcical::contentline::write_component(out, c);
        return;
    }
    out.push_str("BEGIN:VCARD\r\n");
    for l in &c.properties {
        let mut logical = String::new();
        logical.push_str(&l.name);
        for p in &l.params {
            for val in &p.values {
                logical.push(';');
                if p.name != "TYPE" {
                    logical.push_str(&p.name);
                    logical.push('=');
                }
                logical.push_str(val);
            }
        }
        logical.push(':');
        let qp = l
            .params
            .iter()
            .any(|p| p.values.iter().any(|v| v == "QUOTED-PRINTABLE"));
        if qp {
            // soft line breaks: "=" at the end of each physical line
            let mut width = logical.len();
            out.push_str(&logical);
            for ch in l.value.chars() {
                if width + ch.len_utf8() > 73 {
                    out.push_str("=\r\n");
                    width = 0;
                }
                // a physical line starting with white space would read as a
                // folded one: encode it
                if width == 0 && (ch == ' ' || ch == '\t') {
                    out.push_str(if ch == ' ' { "=20" } else { "=09" });
                    width = 3;
                    continue;
                }
                out.push(ch);
                width += ch.len_utf8();
            }
            out.push_str("\r\n");
        } else {
            logical.push_str(&l.value);
            fold_into(out, &logical);
            if l.params
                .iter()
                .any(|p| p.values.iter().any(|v| v == "BASE64"))
            {
                out.push_str("\r\n");
            }
        }
    }
    out.push_str("END:VCARD\r\n");
}

struct Card {
    c: Component,
    v: VcardVersion,
}

impl Card {
    /// A TEXT line (2.1: quoted-printable with CHARSET=utf-8 when not printable ASCII).
    fn text(&mut self, name: &str, types: &[&str], text: &str) {
        if text.is_empty() {
            return;
        }
        let mut l = match self.v {
            VcardVersion::V21 => {
                if text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
                    ContentLine::new(name, esc21(text))
                } else {
                    let mut l =
                        ContentLine::new(name, encode_quoted_printable(esc21(text).as_bytes()));
                    l.params.push(Parameter::new("CHARSET", "utf-8"));
                    l.params
                        .push(Parameter::new("ENCODING", "QUOTED-PRINTABLE"));
                    l
                }
            }
            _ => ContentLine::text(name, text),
        };
        self.types(&mut l, types);
        self.c.push(l);
    }

    /// A structured value: each field escaped, joined with `;`.
    fn structured(&mut self, name: &str, types: &[&str], f: &[String]) {
        if f.iter().all(String::is_empty) {
            return;
        }
        let plain = f
            .iter()
            .all(|s| s.bytes().all(|b| (0x20..0x7F).contains(&b)));
        let mut l = if self.v == VcardVersion::V21 && !plain {
            let joined: Vec<String> = f.iter().map(|s| esc21(s)).collect();
            let mut l =
                ContentLine::new(name, encode_quoted_printable(joined.join(";").as_bytes()));
            l.params.push(Parameter::new("CHARSET", "utf-8"));
            l.params
                .push(Parameter::new("ENCODING", "QUOTED-PRINTABLE"));
            l
        } else {
            let joined: Vec<String> = f.iter().map(|s| escape_text(s)).collect();
            ContentLine::new(name, joined.join(";"))
        };
        self.types(&mut l, types);
        self.c.push(l);
    }

    fn types(&self, l: &mut ContentLine, types: &[&str]) {
        if types.is_empty() {
            return;
        }
        match self.v {
            VcardVersion::V21 => {
                let mut params: Vec<Parameter> = types
                    .iter()
                    .map(|t| Parameter::new("TYPE", t.to_ascii_uppercase()))
                    .collect();
                params.append(&mut l.params);
                l.params = params;
            }
            VcardVersion::V30 => l.params.insert(
                0,
                Parameter {
                    name: "TYPE".into(),
                    values: types.iter().map(|t| t.to_ascii_uppercase()).collect(),
                },
            ),
            VcardVersion::V40 => l.params.insert(
                0,
                Parameter {
                    name: "TYPE".into(),
                    values: types.iter().map(|t| t.to_ascii_lowercase()).collect(),
                },
            ),
        }
    }
}

/// vCard 2.1 escaping: `\` and `;` (newlines go quoted-printable).
fn esc21(s: &str) -> String {
    s.replace('\\', "\\\\").replace(';', "\\;")
}

fn s(m: &Message, t: PropertyTag) -> String {
    m.properties.get_str(t).unwrap_or_default()
}

fn date_text(t: FileTime, v: VcardVersion) -> String {
    let (y, mo, d, ..) = t.to_utc();
    match v {
        VcardVersion::V30 => format!("{y:04}-{mo:02}-{d:02}"),
        _ => format!("{y:04}{mo:02}{d:02}"),
    }
}

fn contact(m: &Message, v: VcardVersion, session: &mut Session) -> Result<Component> {
    let mut card = Card {
        c: Component::new("VCARD"),
        v,
    };
    card.c.push(ContentLine::new(
        "VERSION",
        match v {
            VcardVersion::V21 => "2.1",
            VcardVersion::V30 => "3.0",
            VcardVersion::V40 => "4.0",
        },
    ));
    let n: Vec<String> = [
        tags::PidTagSurname,
        tags::PidTagGivenName,
        tags::PidTagMiddleName,
        tags::PidTagDisplayNamePrefix,
        tags::PidTagGeneration,
    ]
    .iter()
    .map(|t| s(m, *t))
    .collect();
    card.structured("N", &[], &n);
    if n.iter().all(String::is_empty) && v != VcardVersion::V40 {
        // N is required in 3.0
        card.c.push(ContentLine::new("N", ";;;;"));
    }
    let fnv = m
        .properties
        .get_str(tags::PidTagDisplayName)
        .or_else(|| m.subject())
        .unwrap_or_default();
    card.text("FN", &[], &fnv);
    card.text("NICKNAME", &[], &s(m, tags::PidTagNickname));
    let org = [
        s(m, tags::PidTagCompanyName),
        s(m, tags::PidTagDepartmentName),
    ];
    card.structured("ORG", &[], &org);
    card.text("TITLE", &[], &s(m, tags::PidTagTitle));
    card.text("ROLE", &[], &s(m, tags::PidTagProfession));
    if let Some(b) = m.body() {
        card.text("NOTE", &[], &b);
    }
    // telephone numbers ([MS-OXVCARD] Type: TEL)
    let tels: [(PropertyTag, &[&str]); 12] = [
        (tags::PidTagBusinessTelephoneNumber, &["work", "voice"]),
        (tags::PidTagBusiness2TelephoneNumber, &["work", "voice"]),
        (tags::PidTagHomeTelephoneNumber, &["home", "voice"]),
        (tags::PidTagHome2TelephoneNumber, &["home", "voice"]),
        (tags::PidTagMobileTelephoneNumber, &["cell", "voice"]),
        (tags::PidTagBusinessFaxNumber, &["work", "fax"]),
        (tags::PidTagHomeFaxNumber, &["home", "fax"]),
        (tags::PidTagPrimaryFaxNumber, &["fax"]),
        (tags::PidTagPagerTelephoneNumber, &["pager"]),
        (tags::PidTagCarTelephoneNumber, &["car"]),
        (tags::PidTagIsdnNumber, &["isdn"]),
        (tags::PidTagPrimaryTelephoneNumber, &["pref"]),
    ];
    for (t, ty) in tels {
        card.text("TEL", ty, &s(m, t));
    }
    card.text("TEL", &["voice"], &s(m, tags::PidTagOtherTelephoneNumber));
    for (t, ty) in [
        (tags::PidTagAssistantTelephoneNumber, "assistant"),
        (tags::PidTagCallbackTelephoneNumber, "callback"),
        (tags::PidTagCompanyMainTelephoneNumber, "company"),
        (tags::PidTagRadioTelephoneNumber, "radio"),
        (
            tags::PidTagTelecommunicationsDeviceForDeafTelephoneNumber,
            "ttytdd",
        ),
    ] {
        card.text("X-MS-TEL", &["voice", ty], &s(m, t));
    }
    for t in [tags::PidTagTelexNumber] {
        if m.properties.get(t).is_some() {
            report(session, "PidTagTelexNumber has no vCard TEL type".into())?;
        }
    }
    // addresses
    for (kind, ty) in [
        (AddressKind::Work, "work"),
        (AddressKind::Home, "home"),
        (AddressKind::Other, "postal"),
    ] {
        let [st, city, state, code, country, pobox] = address_props(&kind);
        let street = st.get(m).unwrap_or_default();
        let (first, rest) = match street
            .split_once("\r\n")
            .or_else(|| street.split_once('\n'))
        {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => (String::new(), street.clone()),
        };
        let f = [
            pobox.get(m).unwrap_or_default(),
            first,
            rest,
            city.get(m).unwrap_or_default(),
            state.get(m).unwrap_or_default(),
            code.get(m).unwrap_or_default(),
            country.get(m).unwrap_or_default(),
        ];
        card.structured("ADR", &[ty], &f);
    }
    // e-mail ([MS-OXVCARD] Type: EMAIL)
    for p in [
        &named::PidLidEmail1EmailAddress,
        &named::PidLidEmail2EmailAddress,
        &named::PidLidEmail3EmailAddress,
    ] {
        if let Some(e) = m.properties.get_named(p).and_then(|v| v.as_text()) {
            card.text("EMAIL", &["internet"], &e);
        }
    }
    card.text("URL", &["work"], &s(m, tags::PidTagBusinessHomePage));
    card.text("URL", &["home"], &s(m, tags::PidTagPersonalHomePage));
    if let Some(t) = m
        .properties
        .get(tags::PidTagLastModificationTime)
        .and_then(PropertyValue::as_time)
    {
        let (y, mo, d, h, mi, sec, _) = t.to_utc();
        card.c.push(ContentLine::new(
            "REV",
            format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{sec:02}Z"),
        ));
    }
    if let Some(t) = m
        .properties
        .get(tags::PidTagBirthday)
        .and_then(PropertyValue::as_time)
    {
        card.c.push(ContentLine::new("BDAY", date_text(t, v)));
    }
    if let Some(t) = m
        .properties
        .get(tags::PidTagWeddingAnniversary)
        .and_then(PropertyValue::as_time)
    {
        let name = if v == VcardVersion::V40 {
            "ANNIVERSARY"
        } else {
            "X-MS-ANNIVERSARY"
        };
        card.c.push(ContentLine::new(name, date_text(t, v)));
    }
    card.text("X-MS-MANAGER", &[], &s(m, tags::PidTagManagerName));
    card.text("X-MS-ASSISTANT", &[], &s(m, tags::PidTagAssistant));
    card.text("X-MS-SPOUSE", &[], &s(m, tags::PidTagSpouseName));
    if let Some(im) = m
        .properties
        .get_named(&named::PidLidInstantMessagingAddress)
        .and_then(|v| v.as_text())
    {
        card.text("X-MS-IMADDRESS", &[], &im);
    }
    if let Some(PropertyValue::MultipleString(cats)) =
        m.properties.get_named(&named::PidNameKeywords)
        && !cats.is_empty()
    {
        let joined: Vec<String> = cats.iter().map(|c| escape_text(c.as_str())).collect();
        card.c
            .push(ContentLine::new("CATEGORIES", joined.join(",")));
    }
    if let Some(sv) = m.properties.get_i64(tags::PidTagSensitivity) {
        let c = match sv {
            2 => "PRIVATE",
            3 => "CONFIDENTIAL",
            _ => "PUBLIC",
        };
        card.c.push(ContentLine::new("CLASS", c));
    }
    if let Some(PropertyValue::MultipleBinary(certs)) =
        m.properties.get(tags::PidTagUserX509Certificate)
    {
        for (i, cert) in certs.iter().enumerate() {
            if i > 0 {
                report(
                    session,
                    "a second certificate of PidTagUserX509Certificate".into(),
                )?;
                break;
            }
            let b64 = base64::engine::general_purpose::STANDARD.encode(cert);
            let mut l = ContentLine::new("KEY", b64);
            match v {
                VcardVersion::V21 => {
                    l.params.push(Parameter::new("TYPE", "X509"));
                    l.params.push(Parameter::new("ENCODING", "BASE64"));
                }
                VcardVersion::V30 => {
                    l.params.push(Parameter::new("TYPE", "X509"));
                    l.params.push(Parameter::new("ENCODING", "b"));
                }
                VcardVersion::V40 => {
                    l.value = format!("data:application/pkix-cert;base64,{}", l.value)
                }
            }
            card.c.push(l);
        }
    }
    // the photo ([MS-OXVCARD] 2.1.3.2.4) and other attachments
    let mut others = 0;
    for a in &m.attachments {
        let is_photo = a
            .properties
            .get(tags::PidTagAttachmentContactPhoto)
            .and_then(PropertyValue::as_bool)
            .unwrap_or(false);
        match (is_photo, a.data()) {
            (true, Some(data)) => {
                let ext = a
                    .properties
                    .get_str(tags::PidTagAttachExtension)
                    .or_else(|| {
                        a.file_name()
                            .and_then(|n| n.rsplit_once('.').map(|(_, e)| e.to_string()))
                    })
                    .unwrap_or_else(|| "jpeg".into());
                let ext = ext.trim_start_matches('.').to_ascii_uppercase();
                let ty = match ext.as_str() {
                    "PNG" => "PNG",
                    "GIF" => "GIF",
                    "BMP" => "BMP",
                    _ => "JPEG",
                };
                let b64 = base64::engine::general_purpose::STANDARD.encode(data);
                let mut l = ContentLine::new("PHOTO", b64);
                match v {
                    VcardVersion::V21 => {
                        l.params.push(Parameter::new("TYPE", ty));
                        l.params.push(Parameter::new("ENCODING", "BASE64"));
                    }
                    VcardVersion::V30 => {
                        l.params.push(Parameter::new("ENCODING", "b"));
                        l.params.push(Parameter::new("TYPE", ty));
                    }
                    VcardVersion::V40 => {
                        l.value =
                            format!("data:image/{};base64,{}", ty.to_ascii_lowercase(), l.value);
                    }
                }
                card.c.push(l);
            }
            _ => others += 1,
        }
    }
    if others > 0 {
        report(
            session,
            format!("{others} attachment(s) that are not the contact photo"),
        )?;
    }
    Ok(card.c)
}
