//! Gets the HTML body of a message whose body is stored only as compressed
//! RTF (PidTagRtfCompressed), as Outlook stores HTML mail: decompress the
//! RTF ([MS-OXRTFCP]), then de-encapsulate the HTML from it ([MS-OXRTFEX]).
//!
//! `cargo run -p msox-examples --example rtf_to_html [file.msg | winmail.dat]`
//! (default: `test-vectors/samples/sample.msg`).

use ms_oxcmsg::Message;
use ms_oxmsg::MsgFile;
use ms_oxrtfex::Encapsulation;
use msox_codec::{Decode, Options};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (path, bytes) = msox_examples::input("sample.msg")?;
    let options = Options::default();
    // The message, from a .msg or a winmail.dat.
    let message: Message = if ms_oxtnef::is_tnef(&bytes) {
        ms_oxtnef::to_message(&bytes, &options)?.value
    } else {
        MsgFile::decode_bytes(&bytes, &options)?.value.message
    };
    let Some(compressed) = message.rtf_compressed() else {
        return Err(format!("{}: the message has no RTF body", path.display()).into());
    };
    let rtf = ms_oxrtfcp::decompress(compressed, &options)?;
    println!(
        "compressed RTF: {} bytes -> {} bytes of RTF",
        compressed.len(),
        rtf.value.data.len()
    );
    let doc = ms_oxrtfex::deencapsulate(&rtf.value.data, &options)?;
    for d in rtf.defects.iter().chain(&doc.defects) {
        eprintln!("warning: {d}");
    }
    match doc.value.kind {
        Encapsulation::Html => println!("the RTF encapsulates HTML:"),
        Encapsulation::Text => println!("the RTF encapsulates plain text:"),
    }
    println!("{}", doc.value.content);
    Ok(())
}
