//! # ms-oxrtfex — [MS-OXRTFEX] Rich Text Format (RTF) Extensions Algorithm
//!
//! Outlook keeps HTML and plain-text messages as RTF with the original
//! document *encapsulated* in it: `\fromhtml1` or `\fromtext` in the
//! header, HTML markup in `{\*\htmltag ...}` groups, RTF that the HTML
//! never had marked with `\htmlrtf`. This crate recognises such RTF
//! ([`detect`]), recovers the original HTML or text ([`deencapsulate()`])
//! and writes it ([`encapsulate_html`], [`encapsulate_text`]). The RTF
//! usually arrives compressed (`PidTagRtfCompressed`): decompress it with
//! the `ms-oxrtfcp` crate first.
//!
//! ```
//! use ms_oxrtfex::{deencapsulate, detect, encapsulate_html, Encapsulation};
//! use msox_codec::Options;
//!
//! let html = "<html><body><p>Grüße &amp; €</p></body></html>";
//! let rtf = encapsulate_html(html);
//! assert_eq!(detect(&rtf), Some(Encapsulation::Html));
//! let back = deencapsulate(&rtf, &Options::default())?;
//! assert_eq!(back.value.content, html);
//! assert!(back.defects.is_empty());
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! The reader follows the spec's de-encapsulation rules: text and `\'hh`
//! bytes decoded in the right code page (`\ansicpg`, the current font's
//! `\fcharset` or `\cpg`; HTMLTAG content in the default code page), `\uN`
//! with `\ucN` fallback skipping and surrogate pairs, `\par` as CR LF,
//! `\tab` as TAB, the symbol words (`\lquote`, `\emdash`, `\~`, ...),
//! `\htmlrtf` scoped to groups, `\*` and other non-text destinations
//! skipped (`\mhtmltag` too, as RTFDE does: its content does not go into
//! the HTML), `\binN` data skipped. Broken RTF (unbalanced
//! braces, bad escapes, lone surrogates, bytes invalid in their code page)
//! is read through and reported as [`Defect`](msox_codec::Defect)s at
//! their offset in the RTF, or refused in strict mode
//! ([`Options`](msox_codec::Options)). The output is charged to the
//! session's output budget and can stream into any
//! [`Sink`](msox_codec::Sink) ([`deencapsulate_to`]); inside a caller's
//! session (a decompressed body of a message) use [`read_deencapsulated`].
//! RTF that arrives in pieces (from `ms-oxrtfcp`'s streaming decompressor,
//! through [`Deencapsulator::sink`]) goes through a [`Deencapsulator`],
//! with the same output and defects whatever the split and memory flat in
//! the size of both the RTF and the output.
//! The tokenizer ([`token`]) is built with nom and takes its input in
//! pieces (one piece for a whole document); the reader is one pass with
//! an explicit group stack whose depth counts against the session's depth
//! limit: linear time, no recursion, no panics.
//!
//! ## Coverage
//!
//! | section | what | status |
//! |---|---|---|
//! | 2.1.3.1.1 | FROMHTML control word | [`detect`], [`encapsulate_html`] |
//! | 2.1.3.1.2 | FROMTEXT control word | [`detect`], [`encapsulate_text`] |
//! | 2.1.3.1.3 | HTMLRTF toggle control word | [`deencapsulate()`], [`encapsulate_html`] |
//! | 2.1.3.1.4 | HTMLTAG destination group, HTMLTagParameter, CONTENT | [`deencapsulate()`], [`deencapsulate_to`], [`read_deencapsulated`] (parameter ignored, as 2.2.3.2 says), [`encapsulate_html`] (Destination, TagType, CLOSE flags) |
//! | 2.1.3.1.5 | MHTMLTAG destination group | skipped when reading (no option to prefer it over the HTMLTAG yet); not written |
//! | 2.1.3.2 | Encoding HTML into RTF | [`encapsulate_html`] |
//! | 2.1.3.3 | Encoding plain text into RTF | [`encapsulate_text`] |
//! | 2.2.3.1 | Recognizing RTF containing encapsulation | [`detect`] (in the first [`DETECTION_WINDOW`] bytes), [`Deencapsulator::kind`] |
//! | 2.2.3.2 | Extracting encapsulated HTML from RTF | [`deencapsulate()`], [`Deencapsulator`] (in pieces) |
//! | 2.2.3.3 | Extracting original plain text from RTF | [`deencapsulate()`], [`Deencapsulator`] (in pieces) |
//! | 3 | Examples | `test-vectors/oxrtfex/` |
#![forbid(unsafe_code)]

pub mod charset;
pub mod deencapsulate;
pub mod encapsulate;
pub mod token;

pub use deencapsulate::{
    DETECTION_WINDOW, Deencapsulated, Deencapsulator, Encapsulation, FeedSink, deencapsulate,
    deencapsulate_to, detect, read_deencapsulated,
};
pub use encapsulate::{encapsulate_html, encapsulate_text};
