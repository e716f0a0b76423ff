//! Converts an ActiveSync WBXML document ([MS-ASWBXML]) to XML.
//!
//! `cargo run -p msox-examples --example wbxml_to_xml [request.wbxml]`
//! (default: `test-vectors/samples/sync-request.wbxml`).
//!
//! `wbxml_to_xml_into` writes the XML into any sink (here stdout, through
//! `WriteSink`), so memory stays flat however large the document is; every
//! byte written counts against the decoding session's output budget.

use ms_aswbxml::{Framing, XmlOptions};
use msox_codec::{Options, WriteSink};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (_, bytes) = msox_examples::input("sync-request.wbxml")?;
    let mut out = WriteSink::new(std::io::stdout().lock());
    let done = ms_aswbxml::wbxml_to_xml_into(
        &bytes,
        Framing::Document,
        &Options::default(),
        XmlOptions::default(),
        &mut out,
    )?;
    for d in &done.defects {
        eprintln!("warning: {d}");
    }
    eprintln!(
        "{} bytes of WBXML, {} bytes of XML",
        bytes.len(),
        out.written()
    );
    Ok(())
}
