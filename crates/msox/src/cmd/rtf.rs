//! `msox rtf ...`: compressed RTF (MS-OXRTFCP) and the HTML or text
//! encapsulated in RTF (MS-OXRTFEX).

use std::path::{Path, PathBuf};

use ms_oxrtfcp::CompType;
use ms_oxrtfex::Encapsulation;

use crate::inspect::Format;
use crate::node::Node;

/// `msox rtf` subcommands.
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum Cmd {
    /// Decompress a compressed RTF stream (LZFu or MELA, the value of
    /// PidTagRtfCompressed) to RTF.
    Decompress {
        /// The compressed stream (`-` for stdin).
        input: PathBuf,
        /// Where to write the RTF (`-` for stdout).
        output: PathBuf,
    },
    /// Compress RTF into a compressed RTF stream (LZFu).
    Compress {
        /// The RTF (`-` for stdin).
        input: PathBuf,
        /// Where to write the stream (`-` for stdout).
        output: PathBuf,
        /// Write the uncompressed form (MELA) instead.
        #[arg(long)]
        uncompressed: bool,
    },
    /// Print the HTML encapsulated in an RTF body (compressed or not);
    /// an error if the RTF does not encapsulate HTML.
    Html {
        /// RTF or a compressed RTF stream (`-` for stdin).
        input: PathBuf,
    },
    /// Print the plain text encapsulated in an RTF body (compressed or
    /// not); an error if the RTF does not encapsulate plain text.
    Text {
        /// RTF or a compressed RTF stream (`-` for stdin).
        input: PathBuf,
    },
}

/// Runs `msox rtf ...`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Decompress { input, output } => {
            let bytes = crate::cli::read_input(input)?;
            let mut sink = crate::cli::output_sink(output)?;
            let d = ms_oxrtfcp::decompress_to(&bytes, &crate::cli::options(), &mut sink)?;
            crate::cli::report_defects(&d.defects);
            crate::cli::finish_sink(sink)
        }
        Cmd::Compress {
            input,
            output,
            uncompressed,
        } => {
            let bytes = crate::cli::read_input(input)?;
            let t = if *uncompressed {
                CompType::Uncompressed
            } else {
                CompType::Compressed
            };
            crate::cli::write_output(output, &ms_oxrtfcp::compress_with(&bytes, t)?)
        }
        Cmd::Html { input } => extract(input, Encapsulation::Html),
        Cmd::Text { input } => extract(input, Encapsulation::Text),
    }
}

/// Pieces of uncompressed RTF input handed to the de-encapsulator.
const PIECE: usize = 1 << 16;

/// Decompresses (if compressed) and de-encapsulates in one stream: the
/// RTF is never in memory as a whole, and the output goes to stdout as it
/// is made, so memory stays flat whatever the RTF and output sizes.
fn extract(input: &Path, want: Encapsulation) -> anyhow::Result<()> {
    let bytes = crate::cli::read_input(input)?;
    let options = crate::cli::options();
    let mut sink = crate::cli::output_sink(Path::new("-"))?;
    let mut gate = Gate {
        want,
        options,
        head: Vec::new(),
        d: None,
        refused: None,
        out: &mut sink,
    };
    let fed = if ms_oxrtfcp::looks_like_compressed_rtf(&bytes) {
        let mut dec = ms_oxrtfcp::Decompressor::new(&options);
        match dec.feed(&bytes, &mut gate) {
            Ok(()) => dec.finish().map(|d| crate::cli::report_defects(&d.defects)),
            Err(e) => Err(e),
        }
    } else {
        bytes
            .chunks(PIECE)
            .try_for_each(|piece| msox_codec::Sink::write(&mut gate, piece))
    };
    if let Some(refused) = gate.refused.take() {
        anyhow::bail!(refused);
    }
    fed?;
    let d = gate.finish()?;
    crate::cli::report_defects(&d.defects);
    crate::cli::finish_sink(sink)
}

/// The RTF's way to the de-encapsulator: its start is kept until the
/// encapsulation is known (at most [`ms_oxrtfex::DETECTION_WINDOW`]
/// bytes), so RTF that encapsulates the other kind (or nothing) is refused
/// before anything is written.
struct Gate<'a, S: msox_codec::Sink> {
    want: Encapsulation,
    options: msox_codec::Options,
    head: Vec<u8>,
    d: Option<ms_oxrtfex::Deencapsulator>,
    /// Why the RTF was refused.
    refused: Option<String>,
    out: &'a mut S,
}

impl<S: msox_codec::Sink> Gate<'_, S> {
    /// Checks the encapsulation of the RTF that starts with `self.head`
    /// and starts de-encapsulating it.
    fn open(&mut self) -> msox_codec::Result<()> {
        let want = self.want;
        let why = match ms_oxrtfex::detect(&self.head) {
            Some(k) if k == want => None,
            Some(k) => Some(format!("the RTF encapsulates {k}, not {want}")),
            None => Some(format!(
                "the RTF does not encapsulate {want} (no \\fromhtml1 or \\fromtext)"
            )),
        };
        if let Some(why) = why {
            self.refused = Some(why);
            return Err(msox_codec::Error::new(msox_codec::ErrorKind::Unsupported(
                "refused".into(),
            )));
        }
        let mut d = ms_oxrtfex::Deencapsulator::new(&self.options);
        d.feed(&std::mem::take(&mut self.head), self.out)?;
        self.d = Some(d);
        Ok(())
    }

    fn finish(mut self) -> anyhow::Result<msox_codec::Decoded<Encapsulation>> {
        if self.d.is_none()
            && let Err(e) = self.open()
        {
            return Err(match self.refused.take() {
                Some(why) => anyhow::anyhow!(why),
                None => e.into(),
            });
        }
        match self.d.take() {
            Some(d) => Ok(d.finish(self.out)?),
            None => anyhow::bail!("no RTF"),
        }
    }
}

impl<S: msox_codec::Sink> msox_codec::Sink for Gate<'_, S> {
    fn write(&mut self, bytes: &[u8]) -> msox_codec::Result<()> {
        if let Some(d) = self.d.as_mut() {
            return d.feed(bytes, self.out);
        }
        self.head.extend_from_slice(bytes);
        if self.head.len() >= ms_oxrtfex::DETECTION_WINDOW {
            self.open()?;
        }
        Ok(())
    }
}

/// `inspect` entry for compressed RTF streams.
pub const FORMAT: Format = Format {
    name: "rtf-compressed",
    description: "compressed RTF stream (PidTagRtfCompressed, LZFu/MELA), MS-OXRTFCP",
    detect: ms_oxrtfcp::looks_like_compressed_rtf,
    inspect: inspect_compressed,
};

/// `inspect` entry for (uncompressed) RTF.
pub const FORMAT_RTF: Format = Format {
    name: "rtf",
    description: "RTF document, with MS-OXRTFEX encapsulation if any",
    detect: |b| b.starts_with(b"{\\rtf"),
    inspect: |b| Ok(rtf_node(b)),
};

fn inspect_compressed(bytes: &[u8]) -> anyhow::Result<Node> {
    // Bounded work: keep the first 1 MiB of the RTF, count the rest.
    let mut head = crate::cli::HeadSink::new(1 << 20);
    let out = ms_oxrtfcp::decompress_to(bytes, &crate::cli::options(), &mut head)?;
    let h = out.value;
    let mut header = Node::new("Header")
        .child(Node::leaf("COMPSIZE", h.comp_size))
        .child(Node::leaf("RAWSIZE", h.raw_size))
        .child(Node::leaf("COMPTYPE", h.comp_type))
        .child(Node::leaf("CRC", format!("0x{:08X}", h.crc)));
    if h.comp_type == CompType::Compressed {
        let declared = (h.comp_size as usize).saturating_sub(12);
        let contents = bytes
            .get(16..(16 + declared).min(bytes.len()))
            .unwrap_or_default();
        let crc = ms_oxrtfcp::crc::crc32(contents);
        header.push(Node::leaf(
            "CRC check",
            if crc == h.crc {
                "ok".to_string()
            } else {
                format!("mismatch (computed 0x{crc:08X})")
            },
        ));
    }
    let mut root = Node::new("RTFCOMPRESSED")
        .child(header)
        .child(Node::leaf("stream size", bytes.len()))
        .child(Node::leaf("decompressed size", head.total));
    if bytes.len() > 16 && head.total > 0 {
        root.push(Node::leaf(
            "ratio",
            format!("{:.2}", head.total as f64 / (bytes.len() - 16) as f64),
        ));
    }
    let mut defects = Node::new("defects").with_value(out.defects.len());
    for d in &out.defects {
        defects.push(Node::leaf("defect", d));
    }
    root.push(defects);
    let mut rtf = rtf_node(&head.head);
    if head.total > head.head.len() as u64 {
        rtf.push(Node::leaf(
            "inspected",
            format!("the first {} of {} bytes", head.head.len(), head.total),
        ));
    }
    root.push(rtf);
    Ok(root)
}

fn rtf_node(rtf: &[u8]) -> Node {
    let mut n = Node::new("RTF").child(Node::leaf("size", rtf.len()));
    n.push(Node::leaf(
        "encapsulation",
        match ms_oxrtfex::detect(rtf) {
            Some(Encapsulation::Html) => "HTML (\\fromhtml1)",
            Some(Encapsulation::Text) => "plain text (\\fromtext)",
            None => "none",
        },
    ));
    if let Some(cp) = ansicpg(rtf) {
        n.push(Node::leaf("ansicpg", cp));
    }
    if ms_oxrtfex::detect(rtf).is_some() {
        let mut count = msox_codec::CountingSink::default();
        match ms_oxrtfex::deencapsulate_to(rtf, &crate::cli::options(), &mut count) {
            Ok(d) => {
                n.push(Node::leaf("content size", count.count));
                for x in &d.defects {
                    n.push(Node::leaf("defect", x));
                }
            }
            Err(e) => n.push(Node::leaf("error", e)),
        }
    }
    n
}

/// `\ansicpgN` among the first tokens.
fn ansicpg(rtf: &[u8]) -> Option<i32> {
    ms_oxrtfex::token::Tokens::new(rtf)
        .take(20)
        .find_map(|(_, t)| match t {
            ms_oxrtfex::token::Token::ControlWord {
                name: b"ansicpg",
                param,
            } => param,
            _ => None,
        })
}
