//! Writing oab.xml.

use std::fmt::Write as _;

use crate::model::{Attribute, Manifest, OabFile, Oal};

fn escape_attr(out: &mut String, v: &str) {
    for c in v.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&apos;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

fn escape_text(out: &mut String, v: &str) {
    for c in v.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

fn attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("='");
    escape_attr(out, value);
    out.push('\'');
}

fn others(out: &mut String, attrs: &[Attribute]) {
    for a in attrs {
        attr(out, &a.name, &a.value);
    }
}

fn file(out: &mut String, f: &OabFile) {
    let el = f.kind.element_name();
    let _ = write!(
        out,
        "    <{el} seq='{}' ver='{}' size='{}' uncompressedsize='{}'",
        f.seq, f.ver, f.size, f.uncompressed_size
    );
    attr(out, "SHA", &f.sha);
    if let Some(l) = &f.langid {
        attr(out, "langid", l);
    }
    if let Some(t) = &f.template_type {
        attr(out, "type", t);
    }
    others(out, &f.other_attributes);
    out.push('>');
    escape_text(out, &f.file_name);
    let _ = writeln!(out, "</{el}>");
}

fn oal(out: &mut String, o: &Oal) {
    out.push_str("  <OAL");
    attr(out, "id", &o.id);
    attr(out, "dn", &o.dn);
    attr(out, "name", &o.name);
    others(out, &o.other_attributes);
    out.push_str(">\n");
    for f in &o.files {
        file(out, f);
    }
    for e in &o.other_elements {
        out.push_str("    ");
        out.push_str(e);
        out.push('\n');
    }
    out.push_str("  </OAL>\n");
}

/// Writes the manifest as UTF-8 XML: an XML declaration, then `OAB`
/// with its `OAL` elements, each with its file elements in order, two
/// spaces of indentation per level, attributes in the spec's order
/// (`seq ver size uncompressedsize SHA langid type`, then unknown ones),
/// single-quoted as in the spec's example, file names as element text.
/// Unknown elements are written back as they were read, after the known
/// ones of their parent.
pub fn write(m: &Manifest) -> String {
    let mut out = String::with_capacity(256 + 256 * m.oals.len());
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAB");
    others(&mut out, &m.other_attributes);
    out.push_str(">\n");
    for o in &m.oals {
        oal(&mut out, o);
    }
    for e in &m.other_elements {
        out.push_str("  ");
        out.push_str(e);
        out.push('\n');
    }
    out.push_str("</OAB>\n");
    out
}
