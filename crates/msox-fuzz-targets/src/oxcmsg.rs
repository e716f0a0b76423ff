//! ms-oxcmsg: the message model (no decoder of its own).

/// ms-oxcmsg: a property list ([MS-OXCDATA] 2.1.1, ROP context) read into a
/// message (also as a recipient's and an attachment's properties): every
/// accessor copes with whatever types the values have, and the message
/// written as TNEF and as .msg reads back.
pub fn oxcmsg_model(data: &[u8]) {
    use ms_oxcdata::{AddressEntry, ValueContext};
    use ms_oxcmsg::{Attachment, Message, Property, PropertyBag, Recipient};
    use msox_codec::DecodeWith;
    let Ok(list) = AddressEntry::decode_bytes_with(data, ValueContext::ROP, &crate::lenient())
    else {
        return;
    };
    let bag: PropertyBag = list
        .value
        .0
        .into_iter()
        .map(|t| Property::new(t.tag, t.value))
        .collect();
    let mut m = Message {
        properties: bag.clone(),
        ..Message::default()
    };
    m.recipients.push(Recipient {
        properties: bag.clone(),
    });
    m.attachments.push(Attachment {
        properties: bag,
        ..Attachment::default()
    });
    let _ = (m.subject(), m.body(), m.message_class(), m.html_body());
    let _ = (
        m.rtf_compressed(),
        m.message_flags(),
        m.importance(),
        m.code_page(),
    );
    let _ = m.embedded_messages();
    for rc in &m.recipients {
        let _ = (rc.display_name(), rc.email(), rc.smtp_address());
        let _ = (rc.address_type(), rc.recipient_type());
    }
    for a in &m.attachments {
        let _ = (
            a.method(),
            a.file_name(),
            a.data(),
            a.mime_type(),
            a.content_id(),
        );
    }
    // Writing can fail cleanly (a value the format cannot hold).
    if let Ok(out) = ms_oxtnef::message_to_bytes(&m, &ms_oxtnef::WriteOptions::default()) {
        ms_oxtnef::to_message(&out, &crate::lenient()).expect("a written TNEF stream reads back");
    }
    if let Ok(out) = ms_oxmsg::MsgFile::new(m).to_bytes() {
        use msox_codec::Decode;
        ms_oxmsg::MsgFile::decode_bytes(&out, &crate::lenient())
            .expect("a written .msg reads back");
    }
}
