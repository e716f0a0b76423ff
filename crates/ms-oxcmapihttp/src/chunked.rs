//! [MS-OXCMAPIHTTP] 2.2.2.2 Common Response Format, 2.2.7 Response
//! Meta-Tags, 3.1.5.6 Handling a Chunked Response: an incremental parser of
//! a response's body stream.
//!
//! The body (after the HTTP transfer coding is undone by the caller's HTTP
//! library) is meta-tag lines (`PROCESSING`, any number of `PENDING`
//! keep-alives, `DONE`), each ending in CRLF; after DONE, additional header
//! lines (`X-ElapsedTime: 2`, `X-StartTime: ...`, ...) and an empty line;
//! then the binary response body. Feed the bytes as they arrive, in any
//! pieces: the events are the same for every split.
//!
//! ```
//! use ms_oxcmapihttp::chunked::{Event, MetaTag, ResponseStream};
//! let body = b"PROCESSING\r\nPENDING\r\nDONE\r\nX-ElapsedTime: 2\r\nX-StartTime: Mon, 01 Jan 2024 00:00:00 GMT\r\n\r\n\x00\x00\x00\x00";
//! let mut p = ResponseStream::new();
//! let mut events = Vec::new();
//! for piece in body.chunks(3) {
//!     events.extend(p.feed(piece)?);
//! }
//! events.extend(p.finish()?);
//! assert_eq!(events[0], Event::MetaTag(MetaTag::Processing));
//! assert_eq!(events[2], Event::MetaTag(MetaTag::Done));
//! assert_eq!(events[3], Event::Header { name: "X-ElapsedTime".into(), value: "2".into() });
//! assert_eq!(events.last(), Some(&Event::Body(vec![0, 0, 0, 0])));
//! # Ok::<(), msox_codec::Error>(())
//! ```

use std::borrow::Cow;

use msox_codec::{Defect, Error, ErrorKind, Mode, Options, Result};

/// Longest meta-tag or header line accepted (bytes, without CRLF).
pub const MAX_LINE: usize = 8 * 1024;

/// [MS-OXCMAPIHTTP] 2.2.7 a response meta-tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum MetaTag {
    /// PROCESSING: the server has queued the request.
    Processing,
    /// PENDING: the server is processing the request (keep-alive).
    Pending,
    /// DONE: additional headers and the response body follow.
    Done,
}

impl MetaTag {
    /// The line's text.
    pub const fn as_str(self) -> &'static str {
        match self {
            MetaTag::Processing => "PROCESSING",
            MetaTag::Pending => "PENDING",
            MetaTag::Done => "DONE",
        }
    }
}

/// What the stream says, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Event {
    /// A meta-tag line.
    MetaTag(MetaTag),
    /// An additional header after DONE (X-ElapsedTime, X-StartTime, ...),
    /// name and value as sent (the value trimmed).
    Header {
        /// Header name.
        name: String,
        /// Header value.
        value: String,
    },
    /// The empty line that ends the additional headers.
    HeadersEnd,
    /// The binary response body, whole (at [`ResponseStream::finish`]);
    /// decode it with the request type's response body type.
    Body(Vec<u8>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    MetaTags,
    Headers,
    Body,
    Finished,
}

/// The incremental parser (see the module docs).
#[derive(Debug)]
pub struct ResponseStream {
    options: Options,
    state: State,
    line: Vec<u8>,
    line_start: usize,
    body: Vec<u8>,
    offset: usize,
    defects: Vec<Defect>,
}

impl Default for ResponseStream {
    fn default() -> Self {
        Self::new()
    }
}

impl ResponseStream {
    /// A strict parser with the default limits.
    pub fn new() -> Self {
        Self::with_options(&Options::strict())
    }

    /// A parser with these options: lenient mode accepts bare-LF line ends
    /// and unknown lines before DONE (recorded as defects); the body is
    /// bounded by `limits.max_alloc`.
    pub fn with_options(options: &Options) -> Self {
        ResponseStream {
            options: *options,
            state: State::MetaTags,
            line: Vec::new(),
            line_start: 0,
            body: Vec::new(),
            offset: 0,
            defects: Vec::new(),
        }
    }

    /// The defects recorded (lenient mode).
    pub fn defects(&self) -> &[Defect] {
        &self.defects
    }

    /// Bytes fed so far.
    pub fn offset(&self) -> usize {
        self.offset
    }

    fn defect(&mut self, kind: ErrorKind, at: usize, action: &'static str) -> Result<()> {
        let e = Error::at_offset(kind, at).context("MAPI/HTTP response");
        if self.options.mode == Mode::Strict {
            Err(e)
        } else {
            self.defects.push(Defect::new(e, action));
            Ok(())
        }
    }

    /// Feeds the next bytes; returns the events they complete.
    pub fn feed(&mut self, data: &[u8]) -> Result<Vec<Event>> {
        let mut events = Vec::new();
        let mut rest = data;
        while !rest.is_empty() {
            match self.state {
                State::Finished => {
                    return Err(Error::at_offset(
                        ErrorKind::TrailingBytes {
                            count: rest.len() as u64,
                        },
                        self.offset,
                    )
                    .context("MAPI/HTTP response"));
                }
                State::Body => {
                    let max = self.options.limits.max_alloc;
                    if self.body.len().saturating_add(rest.len()) > max {
                        return Err(Error::at_offset(
                            ErrorKind::LimitExceeded {
                                what: "response body",
                                value: (self.body.len() + rest.len()) as u64,
                                max: max as u64,
                            },
                            self.offset,
                        ));
                    }
                    self.body.extend_from_slice(rest);
                    self.offset += rest.len();
                    rest = &[];
                }
                State::MetaTags | State::Headers => {
                    let (take, ended) = match rest.iter().position(|&b| b == b'\n') {
                        Some(i) => (i + 1, true),
                        None => (rest.len(), false),
                    };
                    let (piece, tail) = rest.split_at(take);
                    if self.line.is_empty() {
                        self.line_start = self.offset;
                    }
                    if self.line.len() + piece.len() > MAX_LINE + 2 {
                        return Err(Error::at_offset(
                            ErrorKind::LimitExceeded {
                                what: "meta-tag or header line",
                                value: (self.line.len() + piece.len()) as u64,
                                max: MAX_LINE as u64,
                            },
                            self.line_start,
                        )
                        .context("MAPI/HTTP response"));
                    }
                    self.line.extend_from_slice(piece);
                    self.offset += take;
                    rest = tail;
                    if ended {
                        let line = std::mem::take(&mut self.line);
                        if let Some(e) = self.line_done(&line)? {
                            events.push(e);
                        }
                    }
                }
            }
        }
        Ok(events)
    }

    fn line_done(&mut self, raw: &[u8]) -> Result<Option<Event>> {
        let at = self.line_start;
        let body = match raw.strip_suffix(b"\r\n") {
            Some(b) => b,
            None => {
                self.defect(
                    ErrorKind::Malformed("line ends in LF without CR".into()),
                    at,
                    "line accepted",
                )?;
                raw.strip_suffix(b"\n").unwrap_or(raw)
            }
        };
        let text: Cow<'_, str> = String::from_utf8_lossy(body);
        match self.state {
            State::MetaTags => {
                let tag = match text.as_ref() {
                    "PROCESSING" => MetaTag::Processing,
                    "PENDING" => MetaTag::Pending,
                    "DONE" => MetaTag::Done,
                    _ => {
                        self.defect(
                            ErrorKind::Malformed(
                                format!("unknown meta-tag {:?}", truncate(&text)).into(),
                            ),
                            at,
                            "line skipped",
                        )?;
                        return Ok(None);
                    }
                };
                if tag == MetaTag::Done {
                    self.state = State::Headers;
                }
                Ok(Some(Event::MetaTag(tag)))
            }
            State::Headers => {
                if body.is_empty() {
                    self.state = State::Body;
                    return Ok(Some(Event::HeadersEnd));
                }
                match text.split_once(':') {
                    Some((n, v)) if !n.is_empty() && !n.contains(char::is_whitespace) => {
                        Ok(Some(Event::Header {
                            name: n.to_string(),
                            value: v.trim().to_string(),
                        }))
                    }
                    _ => Err(Error::at_offset(
                        ErrorKind::Malformed(
                            format!("not a header line: {:?}", truncate(&text)).into(),
                        ),
                        at,
                    )
                    .context("MAPI/HTTP response")),
                }
            }
            State::Body | State::Finished => Ok(None),
        }
    }

    /// Ends the stream: the body event, or an error if the stream ended
    /// before the body (no DONE, or no empty line after the headers).
    pub fn finish(&mut self) -> Result<Vec<Event>> {
        match self.state {
            State::Body => {
                self.state = State::Finished;
                Ok(vec![Event::Body(std::mem::take(&mut self.body))])
            }
            State::Finished => Ok(Vec::new()),
            State::MetaTags | State::Headers => Err(Error::at_offset(
                ErrorKind::UnexpectedEnd {
                    needed: 1,
                    available: 0,
                },
                self.offset,
            )
            .context(if self.state == State::MetaTags {
                "MAPI/HTTP response (before DONE)"
            } else {
                "MAPI/HTTP response (additional headers)"
            })),
        }
    }

    /// Parses a whole body stream at once.
    pub fn parse_all(data: &[u8], options: &Options) -> Result<(Vec<Event>, Vec<Defect>)> {
        let mut p = ResponseStream::with_options(options);
        let mut ev = p.feed(data)?;
        ev.extend(p.finish()?);
        Ok((ev, p.defects))
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(40).collect()
}

/// Writes a body stream: the meta-tags, the additional headers after DONE,
/// the empty line, the body (what a server sends, for tests and servers).
pub fn write_response_stream(tags: &[MetaTag], headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for t in tags {
        out.extend_from_slice(t.as_str().as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    for (n, v) in headers {
        out.extend_from_slice(n.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(v.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

/// The HTTP/1.1 chunked transfer coding (RFC 2616 3.6.1), undone
/// incrementally, for callers that read the raw response stream
/// ([MS-OXCMAPIHTTP] 3.1.5.6: the client parses the chunked transfer
/// encoding and works with the inner response stream). Chunk extensions are
/// ignored; trailers after the last chunk are skipped.
#[derive(Debug, Default)]
pub struct TransferDecoder {
    state: Chunk,
    line: Vec<u8>,
    left: u64,
    offset: usize,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Chunk {
    #[default]
    Size,
    Data,
    DataEnd,
    Trailer,
    End,
}

impl TransferDecoder {
    /// A decoder at the start of the stream.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the last chunk (size 0) and its trailer were read.
    pub fn is_done(&self) -> bool {
        self.state == Chunk::End
    }

    fn err(&self, msg: &'static str) -> Error {
        Error::at_offset(ErrorKind::Malformed(msg.into()), self.offset)
            .context("chunked transfer coding")
    }

    /// Undoes the coding of the next bytes; returns the inner bytes they carry.
    pub fn feed(&mut self, data: &[u8]) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut rest = data;
        while let Some((&b, tail)) = rest.split_first() {
            match self.state {
                Chunk::Data => {
                    let n = usize::try_from(self.left)
                        .unwrap_or(usize::MAX)
                        .min(rest.len());
                    let (piece, t) = rest.split_at(n);
                    out.extend_from_slice(piece);
                    self.left -= n as u64;
                    self.offset += n;
                    rest = t;
                    if self.left == 0 {
                        self.state = Chunk::DataEnd;
                    }
                    continue;
                }
                Chunk::End => {
                    return Err(self.err("bytes after the last chunk"));
                }
                Chunk::Size | Chunk::DataEnd | Chunk::Trailer => {
                    self.offset += 1;
                    rest = tail;
                    if b != b'\n' {
                        if self.line.len() >= MAX_LINE {
                            return Err(self.err("chunk line too long"));
                        }
                        self.line.push(b);
                        continue;
                    }
                    let line = std::mem::take(&mut self.line);
                    let line = line.strip_suffix(b"\r").unwrap_or(&line);
                    match self.state {
                        Chunk::Size => {
                            let hex = line.split(|&c| c == b';').next().unwrap_or_default();
                            let hex = std::str::from_utf8(hex)
                                .map_err(|_| self.err("chunk size is not hex"))?
                                .trim();
                            if hex.is_empty() || hex.len() > 15 {
                                return Err(self.err("chunk size is not hex"));
                            }
                            let n = u64::from_str_radix(hex, 16)
                                .map_err(|_| self.err("chunk size is not hex"))?;
                            self.left = n;
                            self.state = if n == 0 { Chunk::Trailer } else { Chunk::Data };
                        }
                        Chunk::DataEnd => {
                            if !line.is_empty() {
                                return Err(self.err("chunk data longer than its size"));
                            }
                            self.state = Chunk::Size;
                        }
                        _ => {
                            if line.is_empty() {
                                self.state = Chunk::End;
                            }
                        }
                    }
                }
            }
        }
        Ok(out)
    }
}
