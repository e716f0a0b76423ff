//! What the vCard tests compare: a contact's properties as a sorted list
//! of (property, value) texts, line ends as LF, attachments by name and
//! bytes.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ms_oxcmsg::Message;

pub fn view(m: &Message) -> Vec<String> {
    let mut v: Vec<String> = m
        .properties
        .iter()
        .map(|p| format!("{:?} = {:?}", p.id, p.value).replace("\\r\\n", "\\n"))
        .collect();
    for a in &m.attachments {
        v.push(format!("attachment {:?} {:?}", a.file_name(), a.data()));
    }
    v.sort();
    v
}
