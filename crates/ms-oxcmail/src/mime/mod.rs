//! The Internet message reader: RFC 5322 header blocks and the MIME entity
//! tree (RFC 2045, RFC 2046), on the decoding session.
//!
//! [`MimeMessage`] is the structure of a message read in one pass over the
//! caller's buffer: every entity's header fields (raw, with absolute
//! offsets), its body bytes and its children, in an arena (no recursion,
//! so deep nesting cannot overflow the stack). Nothing is decoded or
//! copied here: [`Entity`] borrows the input; the value functions in
//! [`header`] and [`transfer`] decode on demand.
//!
//! Bounds (the session's [`Limits`](msox_codec::Limits)): every entity and
//! every header field is one item of the item budget; nesting (multipart in
//! multipart, message/rfc822 in multipart) is capped by the depth limit
//! (and never deeper than [`MAX_NESTING`]). Time is linear in the input:
//! one scan of the lines, boundaries looked up in a hash map.
//!
//! Broken MIME is read as the common readers read it, with a defect at the
//! offset of each repair: a header block ended by a line that is not a
//! field, a multipart without a boundary parameter (read as text), missing
//! first or close delimiters, a multipart closed by an outer boundary, an
//! mbox `From ` line in front.

pub mod charset;
pub mod header;
pub mod transfer;

use std::borrow::Cow;
use std::collections::HashMap;

use bytes::BufMut;
use msox_codec::{Decode, Encode, ErrorKind, Reader, Result};

use header::ParamValue;
use transfer::TransferEncoding;

/// The deepest nesting of entities read, whatever the limits say (a
/// bound on the recursion of the converters above the reader).
pub const MAX_NESTING: u32 = 100;

/// One header field as it appears in the input ([RFC 5322] 2.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderField<'a> {
    /// The field name as written (without the colon).
    pub name: &'a [u8],
    /// The raw value after the colon, folding included, without the final
    /// line break.
    pub value: &'a [u8],
    /// Position of the field's first byte in the reader's buffer.
    pub pos: usize,
    /// The whole field with its final line break.
    pub raw: &'a [u8],
}

impl HeaderField<'_> {
    /// Whether the field is called `name` (case-insensitive).
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name.as_bytes())
    }

    /// The name as text.
    pub fn name_str(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(self.name)
    }
}

/// What an entity holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntityKind {
    /// A leaf: its body is its content (after the transfer encoding).
    Leaf,
    /// A multipart entity ([RFC 2046] 5.1) with its boundary; its children
    /// are the body parts.
    Multipart {
        /// The boundary parameter.
        boundary: String,
        /// Whether the close delimiter was seen.
        closed: bool,
        /// Whether any delimiter was seen.
        delimited: bool,
    },
    /// A message/rfc822 (or message/global) entity whose body is read as a
    /// message: its one child.
    Message,
}

/// One MIME entity: a header block and a body ([RFC 2045] 2.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity<'a> {
    /// Position of the first header byte in the reader's buffer.
    pub pos: usize,
    /// The header fields in order.
    pub fields: Vec<HeaderField<'a>>,
    /// The raw header block (the fields, without the blank line).
    pub header: &'a [u8],
    /// Position of the body.
    pub body_pos: usize,
    /// The raw body (before any transfer decoding); for a body part, the
    /// line break before the next delimiter is not part of it.
    pub body: &'a [u8],
    /// The Content-Type, parsed (the RFC 2045 default when absent:
    /// text/plain, or message/rfc822 inside multipart/digest).
    pub content_type: ParamValue,
    /// Whether a Content-Type field was present.
    pub has_content_type: bool,
    /// What it holds.
    pub kind: EntityKind,
    /// The parent entity (index into [`MimeMessage::entities`]).
    pub parent: Option<usize>,
    /// The children (indexes).
    pub children: Vec<usize>,
    /// Nesting depth (the root is 0).
    pub depth: u32,
}

impl<'a> Entity<'a> {
    /// The first field called `name`.
    pub fn field(&self, name: &str) -> Option<&HeaderField<'a>> {
        self.fields.iter().find(|f| f.is(name))
    }

    /// The raw value of the first field called `name`.
    pub fn value(&self, name: &str) -> Option<&'a [u8]> {
        self.field(name).map(|f| f.value)
    }

    /// Every field called `name`.
    pub fn fields_named<'s>(
        &'s self,
        name: &'s str,
    ) -> impl Iterator<Item = &'s HeaderField<'a>> + 's {
        self.fields.iter().filter(move |f| f.is(name))
    }

    /// The media type, lower case (`text/plain`).
    pub fn mime_type(&self) -> &str {
        &self.content_type.value
    }

    /// The charset parameter.
    pub fn charset(&self) -> Option<&str> {
        self.content_type.param("charset")
    }

    /// The Content-Transfer-Encoding.
    pub fn transfer_encoding(&self) -> TransferEncoding {
        self.value("content-transfer-encoding")
            .map(|v| TransferEncoding::from_token(&String::from_utf8_lossy(&header::unfold(v))))
            .unwrap_or(TransferEncoding::SevenBit)
    }

    /// The Content-Disposition, parsed.
    pub fn disposition(&self) -> Option<ParamValue> {
        self.value("content-disposition")
            .map(|v| header::parse_params(v, self.charset()).0)
    }

    /// The file name: Content-Disposition `filename`, else Content-Type
    /// `name`, decoded.
    pub fn file_name(&self) -> Option<String> {
        self.disposition()
            .and_then(|d| d.param("filename").map(str::to_string))
            .or_else(|| self.content_type.param("name").map(str::to_string))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }

    /// The Content-ID without its angle brackets.
    pub fn content_id(&self) -> Option<String> {
        self.value("content-id").and_then(|v| {
            let v = header::unfold(v);
            let s = String::from_utf8_lossy(&v);
            let t = s
                .trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .trim();
            (!t.is_empty()).then(|| t.to_string())
        })
    }

    /// Whether the entity is a multipart with body parts.
    pub fn is_multipart(&self) -> bool {
        matches!(self.kind, EntityKind::Multipart { .. })
    }
}

/// An Internet message read into its entity tree ([RFC 5322], [RFC 2045],
/// [RFC 2046]), borrowing the input.
///
/// ```
/// use ms_oxcmail::mime::MimeMessage;
/// use msox_codec::{Decode, Options};
/// let eml = b"Subject: hi\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>two</p>\r\n--b--\r\n";
/// let m = MimeMessage::decode_bytes(eml, &Options::strict())?.value;
/// let root = m.root();
/// assert_eq!(root.mime_type(), "multipart/mixed");
/// let parts: Vec<_> = root.children.iter().map(|&i| &m.entities[i]).collect();
/// assert_eq!(parts[0].body, b"one");
/// assert_eq!(parts[1].mime_type(), "text/html");
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MimeMessage<'a> {
    /// Every entity; the root is the first.
    pub entities: Vec<Entity<'a>>,
    /// The bytes read (the message as given).
    pub raw: &'a [u8],
}

impl<'a> MimeMessage<'a> {
    /// The top-level entity.
    pub fn root(&self) -> &Entity<'a> {
        // the parser always makes the root
        self.entities.first().unwrap_or(&EMPTY)
    }

    /// The entity at `index` (the root for an index out of range).
    pub fn entity(&self, index: usize) -> &Entity<'a> {
        self.entities.get(index).unwrap_or(&EMPTY)
    }

    /// The children of entity `index`.
    pub fn children(&self, index: usize) -> impl Iterator<Item = (usize, &Entity<'a>)> + '_ {
        self.entity(index)
            .children
            .iter()
            .filter_map(|&i| self.entities.get(i).map(|e| (i, e)))
    }
}

static EMPTY: Entity<'static> = Entity {
    pos: 0,
    fields: Vec::new(),
    header: b"",
    body_pos: 0,
    body: b"",
    content_type: ParamValue {
        value: String::new(),
        params: Vec::new(),
    },
    has_content_type: false,
    kind: EntityKind::Leaf,
    parent: None,
    children: Vec::new(),
    depth: 0,
};

/// [RFC 5322] 3.5 / [RFC 2045] 2.4: the whole window as a message.
impl<'a> Decode<'a> for MimeMessage<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("InternetMessage", |r| {
            let start = r.pos();
            let entities = parse_structure(r)?;
            let raw = r.slice(start, r.end());
            r.seek(r.end())?;
            Ok(MimeMessage { entities, raw })
        })
    }
}

/// Writes the message back as it was read (the tree borrows the input, so
/// this is byte for byte).
impl Encode for MimeMessage<'_> {
    fn encoded_len(&self) -> usize {
        self.raw.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_slice(self.raw);
        Ok(())
    }
}

/// A line: start, end of content (before CR LF / LF), start of next line.
fn line_at(buf: &[u8], pos: usize, end: usize) -> (usize, usize, usize) {
    let rest = buf.get(pos..end).unwrap_or_default();
    match rest.iter().position(|&b| b == b'\n') {
        Some(n) => {
            let mut content_end = pos + n;
            if content_end > pos && buf.get(content_end - 1) == Some(&b'\r') {
                content_end -= 1;
            }
            (pos, content_end, pos + n + 1)
        }
        None => (pos, end, end),
    }
}

/// The header block at `pos`: its fields and where the body starts.
/// Charges each field to the item budget; problems are defects.
pub fn read_header_block<'a>(
    r: &mut Reader<'a>,
    pos: usize,
    end: usize,
    allow_mbox_from: bool,
) -> Result<(Vec<HeaderField<'a>>, usize, usize)> {
    let buf = r.buffer();
    let mut fields: Vec<HeaderField<'a>> = Vec::new();
    let mut p = pos;
    if allow_mbox_from && buf.get(p..end).is_some_and(|s| s.starts_with(b"From ")) {
        let (_, _, next) = line_at(buf, p, end);
        r.defect_at(
            ErrorKind::Malformed("mbox \"From \" line before the header".into()),
            p,
            "skipped",
        )?;
        p = next;
    }
    let header_start = p;
    // (field start, name, value start)
    let mut cur: Option<(usize, &'a [u8], usize)> = None;
    let mut header_end = p;
    let finish = |fields: &mut Vec<HeaderField<'a>>,
                  cur: Option<(usize, &'a [u8], usize)>,
                  until: usize,
                  raw_until: usize| {
        if let Some((s, name, vs)) = cur {
            fields.push(HeaderField {
                name,
                value: buf.get(vs..until.max(vs)).unwrap_or_default(),
                pos: s,
                raw: buf.get(s..raw_until).unwrap_or_default(),
            });
        }
    };
    let mut last_content_end = p;
    while p < end {
        let (ls, ce, next) = line_at(buf, p, end);
        let line = buf.get(ls..ce).unwrap_or_default();
        if line.is_empty() {
            finish(&mut fields, cur.take(), last_content_end, ls);
            return Ok((fields, header_end, next));
        }
        match line.first() {
            Some(b' ' | b'\t') => {
                if cur.is_none() {
                    r.defect_at(
                        ErrorKind::Malformed("continuation line before any header field".into()),
                        ls,
                        "kept in the raw header, not read as a field",
                    )?;
                }
                last_content_end = ce;
            }
            _ => {
                let colon = line.iter().position(|&b| b == b':');
                let name = colon.and_then(|c| line.get(..c)).map(|n| {
                    let t = n.len()
                        - n.iter()
                            .rev()
                            .take_while(|b| matches!(b, b' ' | b'\t'))
                            .count();
                    n.get(..t).unwrap_or_default()
                });
                match name {
                    Some(n) if !n.is_empty() && n.iter().all(|&b| (0x21..=0x7E).contains(&b)) => {
                        finish(&mut fields, cur.take(), last_content_end, ls);
                        r.session_mut()
                            .charge_items(1, "MIME header fields")
                            .map_err(|k| r.error_at(k, ls))?;
                        if n.len() + 1 != colon.map_or(0, |c| c + 1) {
                            r.defect_at(
                                ErrorKind::Malformed(
                                    "white space before a header field's colon".into(),
                                ),
                                ls,
                                "read as the field name without it",
                            )?;
                        }
                        cur = Some((ls, n, ls + colon.unwrap_or(0) + 1));
                        last_content_end = ce;
                    }
                    _ => {
                        // Not a field: the header ends here (no blank line).
                        finish(&mut fields, cur.take(), last_content_end, ls);
                        r.defect_at(
                            ErrorKind::Malformed(
                                "a line that is not a header field ends the header without a blank line".into(),
                            ),
                            ls,
                            "read as the first line of the body",
                        )?;
                        return Ok((fields, header_end, ls));
                    }
                }
            }
        }
        header_end = next;
        p = next;
    }
    finish(&mut fields, cur.take(), last_content_end, end);
    let _ = header_start;
    Ok((fields, header_end.min(end), end))
}

struct Open {
    entity: usize,
    chain_len: usize,
    boundary: Vec<u8>,
}

fn parse_structure<'a>(r: &mut Reader<'a>) -> Result<Vec<Entity<'a>>> {
    let buf = r.buffer();
    let start = r.pos();
    let end = r.end();
    let max_depth = r.limits().max_depth.min(MAX_NESTING);
    let mut ents: Vec<Entity<'a>> = Vec::new();
    let mut chain: Vec<usize> = Vec::new();
    let mut opens: Vec<Open> = Vec::new();
    let mut by_boundary: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
    // entity end positions, set when an entity is closed
    let mut ends: Vec<usize> = Vec::new();

    let mut pos = begin_entity(
        r,
        &mut ents,
        &mut ends,
        &mut chain,
        &mut opens,
        &mut by_boundary,
        start,
        end,
        None,
        max_depth,
    )?;
    while pos < end {
        let (ls, ce, next) = line_at(buf, pos, end);
        if !opens.is_empty() && buf.get(ls..ls + 2) == Some(b"--") {
            let line = buf.get(ls + 2..ce).unwrap_or_default();
            let t = line.len()
                - line
                    .iter()
                    .rev()
                    .take_while(|b| matches!(b, b' ' | b'\t'))
                    .count();
            let cand = line.get(..t).unwrap_or_default();
            let hit = by_boundary
                .get(cand)
                .and_then(|v| v.last().copied())
                .map(|k| (k, false))
                .or_else(|| {
                    cand.strip_suffix(b"--")
                        .and_then(|c| by_boundary.get(c))
                        .and_then(|v| v.last().copied())
                        .map(|k| (k, true))
                });
            if let Some((k, close)) = hit {
                let m = opens.get(k).map_or(0, |o| o.entity);
                let m_chain = opens.get(k).map_or(0, |o| o.chain_len);
                // the line break before the delimiter belongs to it
                let mut body_end = ls;
                if body_end > 0 && buf.get(body_end - 1) == Some(&b'\n') {
                    body_end -= 1;
                    if body_end > 0 && buf.get(body_end - 1) == Some(&b'\r') {
                        body_end -= 1;
                    }
                }
                for &e in chain.get(m_chain..).unwrap_or_default() {
                    let bp = ents.get(e).map_or(0, |x| x.body_pos);
                    if let Some(x) = ends.get_mut(e) {
                        *x = body_end.max(bp);
                    }
                }
                // multiparts nested in the one this boundary belongs to
                while opens.len() > k + 1 {
                    if let Some(o) = opens.pop() {
                        r.defect_at(
                            ErrorKind::Malformed(
                                "multipart ended by an outer boundary (no close delimiter)".into(),
                            ),
                            ls,
                            "its parts end here",
                        )?;
                        if let Some(v) = by_boundary.get_mut(&o.boundary) {
                            v.pop();
                        }
                    }
                }
                chain.truncate(m_chain);
                if let Some(Entity {
                    kind:
                        EntityKind::Multipart {
                            closed, delimited, ..
                        },
                    ..
                }) = ents.get_mut(m)
                {
                    *delimited = true;
                    if close {
                        *closed = true;
                    }
                }
                if close {
                    if let Some(o) = opens.pop()
                        && let Some(v) = by_boundary.get_mut(&o.boundary)
                    {
                        v.pop();
                    }
                    pos = next;
                } else {
                    pos = begin_entity(
                        r,
                        &mut ents,
                        &mut ends,
                        &mut chain,
                        &mut opens,
                        &mut by_boundary,
                        next,
                        end,
                        Some(m),
                        max_depth,
                    )?;
                }
                continue;
            }
        }
        pos = next;
    }
    for &e in &chain {
        if let Some(x) = ends.get_mut(e) {
            *x = end;
        }
    }
    for o in opens.iter().rev() {
        let delimited = matches!(
            ents.get(o.entity).map(|e| &e.kind),
            Some(EntityKind::Multipart {
                delimited: true,
                ..
            })
        );
        let at = ents.get(o.entity).map_or(end, |e| e.body_pos);
        if delimited {
            r.defect_at(
                ErrorKind::Malformed("multipart without its close delimiter".into()),
                end,
                "its last part ends at the end of its parent",
            )?;
        } else {
            r.defect_at(
                ErrorKind::Malformed("multipart whose boundary never occurs".into()),
                at,
                "its body read as text",
            )?;
        }
    }
    for (i, e) in ents.iter_mut().enumerate() {
        let stop = ends.get(i).copied().unwrap_or(end).max(e.body_pos);
        e.body = buf.get(e.body_pos..stop).unwrap_or_default();
        if let EntityKind::Multipart {
            delimited: false, ..
        } = e.kind
        {
            e.kind = EntityKind::Leaf;
        }
    }
    Ok(ents)
}

#[allow(clippy::too_many_arguments)]
fn begin_entity<'a>(
    r: &mut Reader<'a>,
    ents: &mut Vec<Entity<'a>>,
    ends: &mut Vec<usize>,
    chain: &mut Vec<usize>,
    opens: &mut Vec<Open>,
    by_boundary: &mut HashMap<Vec<u8>, Vec<usize>>,
    pos: usize,
    end: usize,
    parent: Option<usize>,
    max_depth: u32,
) -> Result<usize> {
    let buf = r.buffer();
    let mut pos = pos;
    let mut parent = parent;
    loop {
        let depth = parent
            .and_then(|p| ents.get(p))
            .map_or(0, |p| p.depth.saturating_add(1));
        if depth > max_depth {
            return Err(r.error_at(
                ErrorKind::LimitExceeded {
                    what: "MIME nesting depth",
                    value: u64::from(depth),
                    max: u64::from(max_depth),
                },
                pos,
            ));
        }
        r.session_mut()
            .charge_items(1, "MIME entities")
            .map_err(|k| r.error_at(k, pos))?;
        let (fields, header_end, body_pos) = read_header_block(r, pos, end, parent.is_none())?;
        let parent_type = parent
            .and_then(|p| ents.get(p))
            .map(|p| p.content_type.value.as_str());
        let default_type = if parent_type == Some("multipart/digest") {
            "message/rfc822"
        } else {
            "text/plain"
        };
        let ct_field = fields.iter().find(|f| f.is("content-type"));
        let (mut content_type, has_ct) = match ct_field {
            Some(f) => {
                let (p, repaired) = header::parse_params(f.value, None);
                if repaired {
                    r.defect_at(
                        ErrorKind::Malformed("Content-Type field repaired".into()),
                        f.pos,
                        "read as far as it goes",
                    )?;
                }
                (p, true)
            }
            None => (ParamValue::default(), false),
        };
        if !content_type.value.contains('/') {
            if has_ct {
                r.defect_at(
                    ErrorKind::Malformed("Content-Type without a type/subtype".into()),
                    ct_field.map_or(pos, |f| f.pos),
                    "read as the default type",
                )?;
            }
            content_type.value = default_type.to_string();
        }
        let idx = ents.len();
        let te = fields
            .iter()
            .find(|f| f.is("content-transfer-encoding"))
            .map(|f| {
                TransferEncoding::from_token(&String::from_utf8_lossy(&header::unfold(f.value)))
            })
            .unwrap_or(TransferEncoding::SevenBit);
        let kind = if content_type.main_type() == "multipart" {
            match content_type.param("boundary").filter(|b| !b.is_empty()) {
                Some(b) => EntityKind::Multipart {
                    boundary: b.to_string(),
                    closed: false,
                    delimited: false,
                },
                None => {
                    r.defect_at(
                        ErrorKind::Malformed("multipart without a boundary parameter".into()),
                        ct_field.map_or(pos, |f| f.pos),
                        "its body read as text",
                    )?;
                    EntityKind::Leaf
                }
            }
        } else if matches!(
            content_type.value.as_str(),
            "message/rfc822" | "message/global"
        ) && te.is_identity()
        {
            EntityKind::Message
        } else {
            EntityKind::Leaf
        };
        let header = buf.get(pos..header_end.max(pos)).unwrap_or_default();
        ents.push(Entity {
            pos,
            fields,
            header,
            body_pos,
            body: b"",
            content_type,
            has_content_type: has_ct,
            kind: kind.clone(),
            parent,
            children: Vec::new(),
            depth,
        });
        ends.push(end);
        if let Some(p) = parent.and_then(|p| ents.get_mut(p)) {
            p.children.push(idx);
        }
        chain.push(idx);
        match kind {
            EntityKind::Multipart { boundary, .. } => {
                let b = boundary.into_bytes();
                by_boundary.entry(b.clone()).or_default().push(opens.len());
                opens.push(Open {
                    entity: idx,
                    chain_len: chain.len(),
                    boundary: b,
                });
                return Ok(body_pos);
            }
            EntityKind::Message => {
                parent = Some(idx);
                pos = body_pos;
            }
            EntityKind::Leaf => return Ok(body_pos),
        }
    }
}

/// Decodes an entity's content: the transfer encoding undone, charged to
/// the session's output budget; a repair is a defect at its offset.
pub fn decoded_body<'a>(r: &mut Reader<'_>, e: &Entity<'a>) -> Result<Cow<'a, [u8]>> {
    let te = e.transfer_encoding();
    if te == TransferEncoding::Unknown
        && let Some(f) = e.field("content-transfer-encoding")
    {
        r.defect_at(
            ErrorKind::Malformed("unknown Content-Transfer-Encoding".into()),
            f.pos,
            "body read as it stands",
        )?;
    }
    if te.is_identity() {
        return Ok(Cow::Borrowed(e.body));
    }
    let (data, repair) = te.decode(e.body);
    r.session_mut()
        .charge_output(data.len())
        .map_err(|k| r.error_at(k, e.body_pos))?;
    if let Some(rep) = repair {
        r.defect_at(
            ErrorKind::Malformed(rep.what.into()),
            e.body_pos + rep.at.min(e.body.len()),
            "decoded as far as it goes",
        )?;
    }
    Ok(Cow::Owned(data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use msox_codec::Options;

    #[test]
    fn nested_multiparts_and_message_rfc822() {
        let eml = b"Content-Type: multipart/mixed; boundary=a\r\n\r\npre\r\n--a\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n\r\nplain\r\n--b\r\nContent-Type: text/html\r\n\r\nhtml\r\n--b--\r\n--a\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\ninner body\r\n--a--\r\nepilogue\r\n";
        let d = MimeMessage::decode_bytes(eml, &Options::strict()).unwrap();
        let m = d.value;
        assert_eq!(m.entities.len(), 6);
        let kinds: Vec<&str> = m.entities.iter().map(|e| e.mime_type()).collect();
        assert_eq!(
            kinds,
            [
                "multipart/mixed",
                "multipart/alternative",
                "text/plain",
                "text/html",
                "message/rfc822",
                "text/plain"
            ]
        );
        assert_eq!(m.entities[2].body, b"plain");
        assert_eq!(m.entities[3].body, b"html");
        assert_eq!(m.entities[5].body, b"inner body");
        assert_eq!(m.entities[5].value("subject"), Some(&b" inner"[..]));
    }

    #[test]
    fn missing_close_delimiter_is_a_defect() {
        let eml = b"Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n\r\nbody\r\n";
        assert!(MimeMessage::decode_bytes(eml, &Options::strict()).is_err());
        let d = MimeMessage::decode_bytes(eml, &Options::lenient()).unwrap();
        assert_eq!(d.defects.len(), 1);
        assert_eq!(d.value.entities[1].body, b"body\r\n");
    }

    #[test]
    fn header_without_blank_line() {
        let eml = b"Subject: x\r\nnot a header\r\nmore\r\n";
        let d = MimeMessage::decode_bytes(eml, &Options::lenient()).unwrap();
        assert_eq!(d.defects[0].offset(), Some(12));
        assert_eq!(d.value.root().body, b"not a header\r\nmore\r\n");
    }

    #[test]
    fn nesting_is_bounded() {
        let mut eml = Vec::new();
        for i in 0..200 {
            eml.extend_from_slice(
                format!("Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n")
                    .as_bytes(),
            );
        }
        let e = MimeMessage::decode_bytes(&eml, &Options::lenient()).unwrap_err();
        assert!(e.is_limit());
    }
}
