//! SMTP addresses of a message's sender and recipients ([MS-OXCMAIL]
//! 2.1.3.1.1 Address Representations; 2.2.3.2 address headers): the SMTP
//! properties first, then address types, EntryIDs (one-off, wrapped and
//! address-book EntryIDs via `ms-oxcdata`), the message's own transport
//! headers, and an X.500 DN only as the last resort (encapsulated as an
//! `IMCEAEX-` address).

use ms_oxcdata::{EntryId, PropertyTag};
use ms_oxcmsg::{Message, Recipient};
use ms_oxprops::tags;

use crate::mime::header::Mailbox;

/// Where an address was found (for tools that show it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum AddressSource {
    /// PidTagSenderSmtpAddress / PidTagSentRepresentingSmtpAddress /
    /// PidTagSmtpAddress.
    SmtpProperty,
    /// The email address property with address type `SMTP`.
    SmtpAddressType,
    /// A one-off EntryID with address type `SMTP`.
    OneOffEntryId,
    /// The transport headers of the message.
    TransportHeaders,
    /// An email address property that looks like an SMTP address, whatever
    /// its address type.
    EmailLooksSmtp,
    /// An X.500 DN (address type `EX`, or an address-book EntryID),
    /// encapsulated as `IMCEAEX-...@domain`.
    X500,
}

/// A resolved address.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ResolvedAddress {
    /// The display name (may be empty).
    pub name: String,
    /// The SMTP address.
    pub address: String,
    /// Where it came from.
    pub source: AddressSource,
}

/// The address fields of PidTagTransportMessageHeaders, parsed once.
#[derive(Debug, Clone, Default)]
pub struct TransportAddresses {
    /// From.
    pub from: Vec<Mailbox>,
    /// Sender.
    pub sender: Vec<Mailbox>,
    /// To, Cc and Bcc.
    pub recipients: Vec<Mailbox>,
}

impl TransportAddresses {
    /// Parses the address fields of a message's transport headers.
    pub fn of(m: &Message) -> Self {
        let Some(h) = m.transport_headers() else {
            return Self::default();
        };
        let bytes = h.into_bytes();
        let mut r = msox_codec::Reader::with_options(&bytes, &msox_codec::Options::lenient());
        let Ok((fields, _, _)) = crate::mime::read_header_block(&mut r, 0, bytes.len(), true)
        else {
            return Self::default();
        };
        let mut t = Self::default();
        for f in &fields {
            let list = || crate::mime::header::parse_addresses(f.value, None).0;
            if f.is("from") {
                t.from = list();
            } else if f.is("sender") {
                t.sender = list();
            } else if f.is("to") || f.is("cc") || f.is("bcc") {
                t.recipients.extend(list());
            }
        }
        t
    }
}

fn looks_smtp(s: &str) -> bool {
    let s = s.trim();
    !s.starts_with('/')
        && s.contains('@')
        && !s.contains(' ')
        && !s.ends_with('@')
        && !s.starts_with('@')
}

/// An X.500 DN as an IMCEA address ([MS-OXCMAIL]: characters outside
/// atext and `/` become `_` and `+XX`).
pub fn imceaex(dn: &str, domain: &str) -> String {
    let mut out = String::from("IMCEAEX-");
    for c in dn.chars() {
        match c {
            '/' => out.push('_'),
            c if c.is_ascii_alphanumeric() || "!#$%&'*-=?^`{|}~.".contains(c) => out.push(c),
            c => {
                let mut b = [0u8; 4];
                for byte in c.encode_utf8(&mut b).bytes() {
                    out.push_str(&format!("+{byte:02X}"));
                }
            }
        }
    }
    let out = out.trim_end_matches('.').replace("..", ".+2E");
    format!("{out}@{domain}")
}

/// One address group's properties.
struct Group {
    name: PropertyTag,
    atype: PropertyTag,
    email: PropertyTag,
    smtp: PropertyTag,
    entry_id: PropertyTag,
}

fn entry_id_address(bytes: &[u8]) -> (Option<String>, Option<String>) {
    // (smtp address, x500 dn)
    let mut e = EntryId::parse(bytes);
    for _ in 0..4 {
        match e {
            EntryId::OneOff(o) => {
                let t = o.address_type.to_string_lossy();
                let a = o.email_address.to_string_lossy();
                return if looks_smtp(&a) {
                    (Some(a), None)
                } else if t.eq_ignore_ascii_case("EX") {
                    (None, Some(a))
                } else {
                    (None, None)
                };
            }
            EntryId::AddressBook(ab) => {
                return (None, Some(ab.x500_dn.to_string_lossy().into_owned()));
            }
            EntryId::Wrapped(w) => match w.inner() {
                Ok(i) => e = i,
                Err(_) => return (None, None),
            },
            _ => return (None, None),
        }
    }
    (None, None)
}

fn resolve_group(
    bag: &ms_oxcmsg::PropertyBag,
    g: &Group,
    transport: &[Mailbox],
    domain: &str,
) -> Option<ResolvedAddress> {
    let name = bag.get_str(g.name).unwrap_or_default();
    let done = |address: String, source| {
        Some(ResolvedAddress {
            name: name.clone(),
            address: address.trim().to_string(),
            source,
        })
    };
    if let Some(a) = bag.get_str(g.smtp).filter(|a| looks_smtp(a)) {
        return done(a, AddressSource::SmtpProperty);
    }
    let atype = bag.get_str(g.atype).unwrap_or_default();
    let email = bag.get_str(g.email).unwrap_or_default();
    if atype.eq_ignore_ascii_case("SMTP") && looks_smtp(&email) {
        return done(email, AddressSource::SmtpAddressType);
    }
    let (eid_smtp, eid_dn) = bag
        .get_binary(g.entry_id)
        .map(entry_id_address)
        .unwrap_or((None, None));
    if let Some(a) = eid_smtp {
        return done(a, AddressSource::OneOffEntryId);
    }
    // the transport headers: a single address, or one whose name matches
    let by_name = transport.iter().find(|mb| {
        !name.is_empty() && mb.name.eq_ignore_ascii_case(&name) && looks_smtp(&mb.address)
    });
    let only = (transport.len() == 1).then(|| transport.first()).flatten();
    if let Some(mb) = by_name.or(only.filter(|mb| looks_smtp(&mb.address))) {
        return done(mb.address.clone(), AddressSource::TransportHeaders);
    }
    if looks_smtp(&email) {
        return done(email, AddressSource::EmailLooksSmtp);
    }
    let dn = if atype.eq_ignore_ascii_case("EX") && !email.is_empty() {
        Some(email)
    } else {
        eid_dn
    };
    if let Some(dn) = dn.filter(|d| !d.trim().is_empty()) {
        return done(imceaex(dn.trim(), domain), AddressSource::X500);
    }
    if name.is_empty() {
        None
    } else {
        Some(ResolvedAddress {
            name,
            address: String::new(),
            source: AddressSource::X500,
        })
    }
}

/// A domain for IMCEA addresses: the first SMTP address's domain found in
/// the message, else `unknown.invalid`.
fn some_domain(m: &Message) -> String {
    let candidates = [
        m.properties.get_str(tags::PidTagSenderSmtpAddress),
        m.properties
            .get_str(tags::PidTagSentRepresentingSmtpAddress),
    ];
    candidates
        .into_iter()
        .flatten()
        .chain(m.recipients.iter().filter_map(Recipient::smtp_address))
        .find_map(|a| a.rsplit_once('@').map(|(_, d)| d.to_string()))
        .unwrap_or_else(|| "unknown.invalid".to_string())
}

/// The From address: the PidTagSentRepresenting group, else the
/// PidTagSender group.
pub fn from_address(m: &Message, t: &TransportAddresses) -> Option<ResolvedAddress> {
    let domain = some_domain(m);
    let from = resolve_group(
        &m.properties,
        &Group {
            name: tags::PidTagSentRepresentingName,
            atype: tags::PidTagSentRepresentingAddressType,
            email: tags::PidTagSentRepresentingEmailAddress,
            smtp: tags::PidTagSentRepresentingSmtpAddress,
            entry_id: tags::PidTagSentRepresentingEntryId,
        },
        &t.from,
        &domain,
    )
    .filter(|a| !a.address.is_empty());
    // an X.500 DN for the represented sender, an SMTP address for the
    // sender: the same person when the names agree (or one is missing)
    match from {
        Some(f) if f.source == AddressSource::X500 => match sender_address(m, t) {
            Some(s)
                if s.source != AddressSource::X500
                    && (f.name.is_empty()
                        || s.name.is_empty()
                        || f.name.eq_ignore_ascii_case(&s.name)) =>
            {
                Some(ResolvedAddress {
                    name: if f.name.is_empty() { s.name } else { f.name },
                    address: s.address,
                    source: s.source,
                })
            }
            _ => Some(f),
        },
        Some(f) => Some(f),
        None => sender_address(m, t),
    }
}

/// The Sender address: the PidTagSender group.
pub fn sender_address(m: &Message, t: &TransportAddresses) -> Option<ResolvedAddress> {
    let domain = some_domain(m);
    let transport = if t.sender.is_empty() {
        &t.from
    } else {
        &t.sender
    };
    resolve_group(
        &m.properties,
        &Group {
            name: tags::PidTagSenderName,
            atype: tags::PidTagSenderAddressType,
            email: tags::PidTagSenderEmailAddress,
            smtp: tags::PidTagSenderSmtpAddress,
            entry_id: tags::PidTagSenderEntryId,
        },
        transport,
        &domain,
    )
}

/// A recipient's address (PidTagSmtpAddress, PidTagAddressType +
/// PidTagEmailAddress, PidTagEntryId / PidTagRecipientEntryId, the
/// transport headers by display name, an X.500 DN last).
pub fn recipient_address(
    m: &Message,
    rc: &Recipient,
    t: &TransportAddresses,
) -> Option<ResolvedAddress> {
    let domain = some_domain(m);
    let mut g = Group {
        name: tags::PidTagDisplayName,
        atype: tags::PidTagAddressType,
        email: tags::PidTagEmailAddress,
        smtp: tags::PidTagSmtpAddress,
        entry_id: tags::PidTagEntryId,
    };
    let first = resolve_group(&rc.properties, &g, &[], &domain);
    if first
        .as_ref()
        .is_some_and(|a| a.source != AddressSource::X500)
    {
        return first;
    }
    g.entry_id = tags::PidTagRecipientEntryId;
    let second = resolve_group(&rc.properties, &g, &[], &domain);
    if second
        .as_ref()
        .is_some_and(|a| a.source != AddressSource::X500)
    {
        return second;
    }
    let name = rc.display_name().unwrap_or_default();
    if let Some(mb) = t.recipients.iter().find(|mb| {
        !name.is_empty() && mb.name.eq_ignore_ascii_case(&name) && looks_smtp(&mb.address)
    }) {
        return Some(ResolvedAddress {
            name,
            address: mb.address.clone(),
            source: AddressSource::TransportHeaders,
        });
    }
    first.or(second)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x500_is_encapsulated() {
        assert_eq!(
            imceaex("/o=Org/ou=Admin Group/cn=Recipients/cn=ann", "example.com"),
            "IMCEAEX-_o=Org_ou=Admin+20Group_cn=Recipients_cn=ann@example.com"
        );
    }

    #[test]
    fn smtp_from_one_off_entry_id() {
        use msox_codec::Encode;
        let mut rc = Recipient::default();
        rc.properties.set_str(tags::PidTagDisplayName, "Ann");
        rc.properties.set_str(tags::PidTagAddressType, "EX");
        rc.properties
            .set_str(tags::PidTagEmailAddress, "/o=Org/cn=ann");
        let eid = EntryId::OneOff(ms_oxcdata::OneOffEntryId::new(
            "Ann",
            "SMTP",
            "ann@example.com",
        ));
        rc.properties.set(
            tags::PidTagEntryId,
            ms_oxcdata::PropertyValue::Binary(eid.to_vec().unwrap()),
        );
        let m = Message::new("IPM.Note");
        let a = recipient_address(&m, &rc, &TransportAddresses::default()).unwrap();
        assert_eq!(a.address, "ann@example.com");
        assert_eq!(a.source, AddressSource::OneOffEntryId);
    }
}
