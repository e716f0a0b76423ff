//! [MS-OXCFXICS] 2.2.4.2 the syntactic structure of FastTransfer streams:
//! an LL(1) state machine over lexical tokens that checks the ABNF and
//! turns tokens into [`Event`]s.

use std::borrow::Cow;
use std::collections::VecDeque;

use ms_oxcdata::PropertyTag;
use ms_oxprops::tags::{PidTagAttachNumber, PidTagContainerHierarchy, PidTagMessageAttachments};

use crate::lexical::FxProperty;
use crate::tags::{
    META_TAG_DN_PREFIX, META_TAG_EC_WARNING, META_TAG_FX_DEL_PROP, META_TAG_INCR_SYNC_GROUP_ID,
    META_TAG_INCREMENTAL_SYNC_MESSAGE_PARTIAL, META_TAG_NEW_FX_FOLDER, Marker, is_meta_property,
};

/// [MS-OXCFXICS] 2.2.4.2 root: what a FastTransfer stream holds, which
/// depends on the operation that produced it (2.2.4.4; nothing in the
/// stream says which).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Root {
    /// contentsSync (2.2.4.3.2): RopSynchronizationConfigure, Contents.
    ContentsSync,
    /// hierarchySync (2.2.4.3.9): RopSynchronizationConfigure, Hierarchy.
    HierarchySync,
    /// state (2.2.4.3.25): RopSynchronizationGetTransferState.
    State,
    /// folderContent (2.2.4.3.6): CopyTo / CopyProperties on a folder.
    FolderContent,
    /// messageContent (2.2.4.3.16): CopyTo / CopyProperties on a message.
    MessageContent,
    /// attachmentContent (2.2.4.3.1): CopyTo / CopyProperties on an attachment.
    AttachmentContent,
    /// messageList (2.2.4.3.17): RopFastTransferSourceCopyMessages.
    MessageList,
    /// topFolder: RopFastTransferSourceCopyFolder.
    TopFolder,
}

/// A syntactic element of a FastTransfer stream ([MS-OXCFXICS] 2.2.4.2,
/// 2.2.4.3) that [`Event::Begin`] / [`Event::End`] delimit. Each starts
/// with a marker, except messageChangePartial (which starts with its
/// groupInfo); some end with one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Element {
    /// topFolder: StartTopFld ... EndFolder.
    TopFolder,
    /// subFolder: StartSubFld ... EndFolder.
    SubFolder,
    /// message (2.2.4.3.10): StartMessage or StartFAIMsg ... EndMessage.
    Message {
        /// Whether it is an FAI message (StartFAIMsg).
        fai: bool,
    },
    /// recipient (2.2.4.3.23): StartRecip ... EndToRecip.
    Recipient,
    /// attachment: NewAttach ... EndAttach.
    Attachment,
    /// embeddedMessage: StartEmbed ... EndEmbed.
    EmbeddedMessage,
    /// folderChange (2.2.4.3.5): IncrSyncChg and a propList.
    FolderChange,
    /// messageChangeFull (2.2.4.3.13): IncrSyncChg, the header propList,
    /// IncrSyncMessage, the message's propList and children.
    MessageChangeFull,
    /// messageChangePartial (2.2.4.3.15): groupInfo, MetaTagIncrSyncGroupId,
    /// IncrSyncChgPartial, the header, property group propLists, children.
    MessageChangePartial,
    /// groupInfo (2.2.4.3.8): IncrSyncGroupInfo and a propList.
    GroupInfo,
    /// deletions (2.2.4.3.3): IncrSyncDel and a propList.
    Deletions,
    /// readStateChanges (2.2.4.3.22): IncrSyncRead and a propList.
    ReadStateChanges,
    /// state (2.2.4.3.25): IncrSyncStateBegin ... IncrSyncStateEnd.
    State,
    /// progressTotal (2.2.4.3.19): IncrSyncProgressMode and a propList.
    ProgressTotal,
    /// progressPerMessage (2.2.4.3.18): IncrSyncProgressPerMsg and a propList.
    ProgressPerMessage,
    /// errorInfo (2.2.4.3.4): FXErrorInfo and a propList.
    ErrorInfo,
}

impl Element {
    /// The marker the element starts with (none for messageChangePartial).
    pub const fn begin_marker(self) -> Option<Marker> {
        Some(match self {
            Element::TopFolder => Marker::StartTopFld,
            Element::SubFolder => Marker::StartSubFld,
            Element::Message { fai: false } => Marker::StartMessage,
            Element::Message { fai: true } => Marker::StartFaiMsg,
            Element::Recipient => Marker::StartRecip,
            Element::Attachment => Marker::NewAttach,
            Element::EmbeddedMessage => Marker::StartEmbed,
            Element::FolderChange | Element::MessageChangeFull => Marker::IncrSyncChg,
            Element::MessageChangePartial => return None,
            Element::GroupInfo => Marker::IncrSyncGroupInfo,
            Element::Deletions => Marker::IncrSyncDel,
            Element::ReadStateChanges => Marker::IncrSyncRead,
            Element::State => Marker::IncrSyncStateBegin,
            Element::ProgressTotal => Marker::IncrSyncProgressMode,
            Element::ProgressPerMessage => Marker::IncrSyncProgressPerMsg,
            Element::ErrorInfo => Marker::FxErrorInfo,
        })
    }

    /// The marker the element ends with, if any.
    pub const fn end_marker(self) -> Option<Marker> {
        Some(match self {
            Element::TopFolder | Element::SubFolder => Marker::EndFolder,
            Element::Message { .. } => Marker::EndMessage,
            Element::Recipient => Marker::EndToRecip,
            Element::Attachment => Marker::EndAttach,
            Element::EmbeddedMessage => Marker::EndEmbed,
            Element::State => Marker::IncrSyncStateEnd,
            _ => return None,
        })
    }

    /// The element's name in the spec's ABNF.
    pub const fn name(self) -> &'static str {
        match self {
            Element::TopFolder => "topFolder",
            Element::SubFolder => "subFolder",
            Element::Message { .. } => "message",
            Element::Recipient => "recipient",
            Element::Attachment => "attachment",
            Element::EmbeddedMessage => "embeddedMessage",
            Element::FolderChange => "folderChange",
            Element::MessageChangeFull => "messageChangeFull",
            Element::MessageChangePartial => "messageChangePartial",
            Element::GroupInfo => "groupInfo",
            Element::Deletions => "deletions",
            Element::ReadStateChanges => "readStateChanges",
            Element::State => "state",
            Element::ProgressTotal => "progressTotal",
            Element::ProgressPerMessage => "progressPerMessage",
            Element::ErrorInfo => "errorInfo",
        }
    }
}

/// What the syntactic parser reports, in stream order. Every token of the
/// stream is in exactly one event, so writing the events back
/// ([`crate::FxWriter::event`]) gives the stream's bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum Event<'a> {
    /// An element starts (its begin marker, if it has one).
    Begin(Element),
    /// An element ends (its end marker, if it has one).
    End(Element),
    /// An element was cut short by an errorInfo element (2.2.4.3.4): the
    /// parser unwound it without an end marker.
    Abort(Element),
    /// A marker that neither starts nor ends an element: IncrSyncMessage,
    /// IncrSyncChgPartial, IncrSyncEnd; or, in lenient mode, a marker the
    /// grammar does not allow where it is.
    Marker(Marker),
    /// A property of a propList.
    Property(FxProperty<'a>),
    /// A meta-property (2.2.4.1.5) where the grammar puts it (or, as the
    /// spec tolerates, inside a propList).
    Meta(FxProperty<'a>),
}

impl Event<'_> {
    /// The event with no borrowed data.
    pub fn into_owned(self) -> Event<'static> {
        match self {
            Event::Begin(e) => Event::Begin(e),
            Event::End(e) => Event::End(e),
            Event::Abort(e) => Event::Abort(e),
            Event::Marker(m) => Event::Marker(m),
            Event::Property(p) => Event::Property(p.into_owned()),
            Event::Meta(p) => Event::Meta(p.into_owned()),
        }
    }
}

/// What the grammar sees of a token.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Tok {
    Marker(Marker),
    Prop {
        tag: PropertyTag,
        /// The value of a PtypInteger32 meta-property (MetaTagFXDelProp).
        u32: Option<u32>,
    },
}

impl Tok {
    fn is(&self, m: Marker) -> bool {
        matches!(self, Tok::Marker(x) if *x == m)
    }
    fn is_prop(&self, t: PropertyTag) -> bool {
        matches!(self, Tok::Prop { tag, .. } if *tag == t)
    }
    fn prop_value(&self) -> Option<u32> {
        match self {
            Tok::Prop { u32, .. } => *u32,
            Tok::Marker(_) => None,
        }
    }
}

/// Terminators of a propList: the meta-properties that may follow it.
const T_NONE: &[PropertyTag] = &[];
const T_MESSAGE: &[PropertyTag] = &[META_TAG_FX_DEL_PROP];
const T_FOLDER: &[PropertyTag] = &[META_TAG_NEW_FX_FOLDER, META_TAG_FX_DEL_PROP];
const T_FOLDER_NO_DEL: &[PropertyTag] = &[
    META_TAG_NEW_FX_FOLDER,
    META_TAG_DN_PREFIX,
    META_TAG_EC_WARNING,
];
const T_GROUP_INFO: &[PropertyTag] = &[META_TAG_INCR_SYNC_GROUP_ID];
const T_PARTIAL: &[PropertyTag] = &[
    META_TAG_INCREMENTAL_SYNC_MESSAGE_PARTIAL,
    META_TAG_FX_DEL_PROP,
];

#[derive(Debug, Clone, Copy)]
enum Frame {
    PropList(&'static [PropertyTag]),
    MessageContent(u8),
    MessageChildren(u8),
    AttachmentContent(u8),
    FolderContent {
        no_del: bool,
        phase: u8,
        lists: u8,
    },
    MessageList,
    ContentsSync {
        phase: u8,
        change_due: bool,
    },
    HierarchySync(u8),
    TopFolderRoot(u8),
    StateRoot(u8),
    Elem {
        element: Element,
        phase: u8,
        no_del: bool,
    },
}

impl Frame {
    fn name(&self) -> &'static str {
        match self {
            Frame::PropList(_) => "propList",
            Frame::MessageContent(_) => "messageContent",
            Frame::MessageChildren(_) => "messageChildren",
            Frame::AttachmentContent(_) => "attachmentContent",
            Frame::FolderContent { no_del: false, .. } => "folderContent",
            Frame::FolderContent { no_del: true, .. } => "folderContentNoDelProps",
            Frame::MessageList => "messageList",
            Frame::ContentsSync { .. } => "contentsSync",
            Frame::HierarchySync(_) => "hierarchySync",
            Frame::TopFolderRoot(_) => "topFolder",
            Frame::StateRoot(_) => "state",
            Frame::Elem { element, .. } => element.name(),
        }
    }

    fn elem(element: Element) -> Frame {
        Frame::Elem {
            element,
            phase: 0,
            no_del: false,
        }
    }
}

/// What a frame does with a token.
enum Act {
    /// Consumed, with an event (None: the token itself is emitted).
    Take(Option<Event<'static>>),
    /// Consumed, starting a child element frame (its Begin event emitted).
    TakePush(Event<'static>, Frame),
    /// Consumed, ending this frame (its End event emitted).
    TakePop(Event<'static>),
    /// Not consumed: push a child frame and let it see the token.
    Push(Frame),
    /// Not consumed: push a child, emitting an event first.
    PushWith(Event<'static>, Frame),
    /// Not consumed: state changed, look again.
    Again,
    /// Not consumed: the frame is complete.
    Pop,
    /// The token is not allowed here.
    Bad(Cow<'static, str>),
}

/// What happened to a token.
pub(crate) enum Use {
    /// The caller emits the token's own event (Property / Meta) after the
    /// queued events.
    Emit,
    /// The token's event is among the queued events.
    Absorbed,
}

/// Why a token cannot be placed.
pub(crate) enum GrammarError {
    /// The ABNF does not allow the token here (lenient mode reads past it).
    Violation(Cow<'static, str>),
    /// Elements nest deeper than the session allows.
    Depth(usize),
}

#[derive(Debug, Clone)]
pub(crate) struct Grammar {
    stack: Vec<Frame>,
    /// The stack before the token being placed (lenient mode puts it back
    /// when the token is refused).
    backup: Vec<Frame>,
    /// Element frames on the stack (the nesting the depth limit counts).
    depth: usize,
    max_depth: usize,
}

fn token_name(t: &Tok) -> String {
    match t {
        Tok::Marker(m) => format!("marker {m}"),
        Tok::Prop { tag, .. } => format!("property {tag}"),
    }
}

impl Grammar {
    pub(crate) fn new(root: Root, max_depth: usize) -> Self {
        let f = match root {
            Root::ContentsSync => Frame::ContentsSync {
                phase: 0,
                change_due: false,
            },
            Root::HierarchySync => Frame::HierarchySync(0),
            Root::State => Frame::StateRoot(0),
            Root::FolderContent => Frame::FolderContent {
                no_del: false,
                phase: 0,
                lists: 0,
            },
            Root::MessageContent => Frame::MessageContent(0),
            Root::AttachmentContent => Frame::AttachmentContent(0),
            Root::MessageList => Frame::MessageList,
            Root::TopFolder => Frame::TopFolderRoot(0),
        };
        Grammar {
            stack: vec![f],
            backup: Vec::new(),
            depth: 0,
            max_depth,
        }
    }

    /// The spec names of the frames, outermost first.
    pub(crate) fn path(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.stack.iter().map(Frame::name)
    }

    fn push(&mut self, f: Frame) -> Result<(), GrammarError> {
        if matches!(f, Frame::Elem { .. }) {
            if self.depth >= self.max_depth {
                return Err(GrammarError::Depth(self.depth + 1));
            }
            self.depth += 1;
        }
        self.stack.push(f);
        Ok(())
    }

    /// Removes the top frame.
    fn remove(&mut self) -> Option<Frame> {
        let f = self.stack.pop();
        if matches!(f, Some(Frame::Elem { .. })) {
            self.depth = self.depth.saturating_sub(1);
        }
        f
    }

    /// Pops the top frame, emitting End for an element without an end
    /// marker (those with one emit End when they take it).
    fn pop(&mut self, out: &mut VecDeque<Event<'static>>) {
        if let Some(Frame::Elem { element, .. }) = self.remove()
            && element.end_marker().is_none()
        {
            out.push_back(Event::End(element));
        }
    }

    /// Places a token: queues the events it produces. With `keep_state`,
    /// a refused token leaves the grammar (and `out`) as they were.
    pub(crate) fn process(
        &mut self,
        tok: &Tok,
        out: &mut VecDeque<Event<'static>>,
        keep_state: bool,
    ) -> Result<Use, GrammarError> {
        if !keep_state {
            return self.place(tok, out);
        }
        self.backup.clear();
        self.backup.extend_from_slice(&self.stack);
        let depth = self.depth;
        let queued = out.len();
        let r = self.place(tok, out);
        if matches!(r, Err(GrammarError::Violation(_))) {
            std::mem::swap(&mut self.stack, &mut self.backup);
            self.depth = depth;
            out.truncate(queued);
        }
        r
    }

    fn place(
        &mut self,
        tok: &Tok,
        out: &mut VecDeque<Event<'static>>,
    ) -> Result<Use, GrammarError> {
        if tok.is(Marker::FxErrorInfo) {
            return self.error_info(out);
        }
        loop {
            let Some(top) = self.stack.last_mut() else {
                return Err(GrammarError::Violation(
                    format!("{} after the end of the root element", token_name(tok)).into(),
                ));
            };
            let act = step(top, tok);
            match act {
                Act::Take(None) => return Ok(Use::Emit),
                Act::Take(Some(ev)) => {
                    out.push_back(ev);
                    return Ok(Use::Absorbed);
                }
                Act::TakePush(ev, f) => {
                    self.push(f)?;
                    out.push_back(ev);
                    return Ok(Use::Absorbed);
                }
                Act::TakePop(ev) => {
                    self.remove();
                    out.push_back(ev);
                    return Ok(Use::Absorbed);
                }
                Act::Push(f) => self.push(f)?,
                Act::PushWith(ev, f) => {
                    self.push(f)?;
                    out.push_back(ev);
                }
                Act::Again => {}
                Act::Pop => {
                    if self.stack.len() == 1 {
                        return Err(GrammarError::Violation(
                            format!("{} after the end of the root element", token_name(tok)).into(),
                        ));
                    }
                    self.pop(out);
                }
                Act::Bad(msg) => return Err(GrammarError::Violation(msg)),
            }
        }
    }

    /// 2.2.4.3.4: an errorInfo unwinds to the closest element that supports
    /// recovery (contentsSync, messageList).
    fn error_info(&mut self, out: &mut VecDeque<Event<'static>>) -> Result<Use, GrammarError> {
        let keep = self
            .stack
            .iter()
            .rposition(|f| matches!(f, Frame::ContentsSync { .. } | Frame::MessageList));
        let Some(keep) = keep else {
            return Err(GrammarError::Violation(
                "FXErrorInfo outside any element that supports recovery (contentsSync, messageList)"
                    .into(),
            ));
        };
        while self.stack.len() > keep + 1 {
            if let Some(Frame::Elem { element, .. }) = self.remove() {
                out.push_back(Event::Abort(element));
            }
        }
        self.push(Frame::elem(Element::ErrorInfo))?;
        out.push_back(Event::Begin(Element::ErrorInfo));
        Ok(Use::Absorbed)
    }

    /// A token the grammar refused, read past in lenient mode: the stack is
    /// left as it is.
    pub(crate) fn loose(tok: &Tok) -> Use {
        match tok {
            Tok::Marker(_) => Use::Absorbed,
            Tok::Prop { .. } => Use::Emit,
        }
    }

    /// The end of the stream: completes the frames that may end here.
    pub(crate) fn finish(
        &mut self,
        out: &mut VecDeque<Event<'static>>,
    ) -> Result<(), GrammarError> {
        while let Some(top) = self.stack.last() {
            let ok = match *top {
                Frame::PropList(_)
                | Frame::MessageContent(_)
                | Frame::MessageChildren(_)
                | Frame::AttachmentContent(_)
                | Frame::FolderContent { .. }
                | Frame::MessageList => true,
                Frame::ContentsSync { phase, .. } => phase >= 6,
                Frame::HierarchySync(p) => p >= 4,
                Frame::TopFolderRoot(p) => p >= 2,
                Frame::StateRoot(p) => p >= 1,
                Frame::Elem { element, phase, .. } => match element {
                    Element::MessageChangeFull => phase >= 2,
                    Element::MessageChangePartial => phase >= 3,
                    e => e.end_marker().is_none(),
                },
            };
            if !ok {
                let expected = match *top {
                    Frame::Elem { element, .. } => match element.end_marker() {
                        Some(m) => format!("{m} to end {}", element.name()),
                        None => format!("the rest of {}", element.name()),
                    },
                    Frame::ContentsSync { phase, .. } | Frame::HierarchySync(phase)
                        if phase >= 4 =>
                    {
                        "IncrSyncEnd".to_string()
                    }
                    ref f => format!("the rest of {}", f.name()),
                };
                return Err(GrammarError::Violation(
                    format!("the stream ends where {expected} is expected").into(),
                ));
            }
            self.pop(out);
        }
        Ok(())
    }
}

fn unexpected(tok: &Tok, in_: &'static str, expected: &'static str) -> Act {
    Act::Bad(format!("{} in {in_} where {expected} is expected", token_name(tok)).into())
}

/// One frame's reaction to a token.
fn step(f: &mut Frame, tok: &Tok) -> Act {
    use Marker as M;
    match f {
        Frame::PropList(term) => match tok {
            Tok::Marker(_) => Act::Pop,
            Tok::Prop { tag, .. } if term.contains(tag) => Act::Pop,
            Tok::Prop { tag, .. } if is_meta_property(*tag) => {
                Act::Take(None) // a Meta event, emitted by the caller
            }
            Tok::Prop { .. } => Act::Take(None),
        },
        Frame::MessageContent(phase) => match *phase {
            0 => {
                *phase = 1;
                if tok.is_prop(META_TAG_DN_PREFIX) {
                    Act::Take(None)
                } else {
                    Act::Again
                }
            }
            1 => {
                *phase = 2;
                Act::Push(Frame::PropList(T_MESSAGE))
            }
            2 => {
                *phase = 3;
                Act::Push(Frame::MessageChildren(0))
            }
            _ => Act::Pop,
        },
        Frame::MessageChildren(phase) => {
            if tok.is_prop(META_TAG_FX_DEL_PROP) {
                match *phase {
                    0 => {
                        *phase = if tok.prop_value() == Some(PidTagMessageAttachments.to_u32()) {
                            2
                        } else {
                            1
                        };
                        Act::Take(None)
                    }
                    1 => {
                        *phase = 2;
                        Act::Take(None)
                    }
                    _ => Act::Pop,
                }
            } else if tok.is(M::StartRecip) && *phase <= 1 {
                *phase = 1;
                Act::TakePush(
                    Event::Begin(Element::Recipient),
                    Frame::elem(Element::Recipient),
                )
            } else if tok.is(M::NewAttach) {
                *phase = 2;
                Act::TakePush(
                    Event::Begin(Element::Attachment),
                    Frame::elem(Element::Attachment),
                )
            } else {
                Act::Pop
            }
        }
        Frame::AttachmentContent(phase) => match *phase {
            0 => {
                *phase = 1;
                if tok.is_prop(META_TAG_DN_PREFIX) {
                    Act::Take(None)
                } else {
                    Act::Again
                }
            }
            1 => {
                *phase = 2;
                Act::Push(Frame::PropList(T_NONE))
            }
            2 => {
                *phase = 3;
                if tok.is(M::StartEmbed) {
                    Act::TakePush(
                        Event::Begin(Element::EmbeddedMessage),
                        Frame::elem(Element::EmbeddedMessage),
                    )
                } else {
                    Act::Again
                }
            }
            _ => Act::Pop,
        },
        Frame::FolderContent {
            no_del,
            phase,
            lists,
        } => match *phase {
            0 => {
                *phase = 1;
                if !*no_del && tok.is_prop(META_TAG_DN_PREFIX) {
                    Act::Take(None)
                } else {
                    Act::Again
                }
            }
            1 => {
                *phase = 2;
                Act::Push(Frame::PropList(if *no_del {
                    T_FOLDER_NO_DEL
                } else {
                    T_FOLDER
                }))
            }
            2 => {
                if tok.is_prop(META_TAG_NEW_FX_FOLDER) {
                    *phase = 4;
                    Act::Take(None)
                } else if *no_del {
                    *phase = 4;
                    Act::Push(Frame::MessageList)
                } else if tok.is_prop(META_TAG_FX_DEL_PROP)
                    && *lists < 2
                    && tok.prop_value() != Some(PidTagContainerHierarchy.to_u32())
                {
                    *lists += 1;
                    *phase = 3;
                    Act::Take(None)
                } else {
                    *phase = 4;
                    Act::Again
                }
            }
            3 => {
                *phase = 2;
                Act::Push(Frame::MessageList)
            }
            4 => {
                if *no_del {
                    *phase = 5;
                    Act::Again
                } else if tok.is_prop(META_TAG_FX_DEL_PROP) {
                    *phase = 5;
                    Act::Take(None)
                } else {
                    Act::Pop
                }
            }
            _ => {
                if tok.is(M::StartSubFld) {
                    Act::TakePush(
                        Event::Begin(Element::SubFolder),
                        Frame::Elem {
                            element: Element::SubFolder,
                            phase: 0,
                            no_del: *no_del,
                        },
                    )
                } else {
                    Act::Pop
                }
            }
        },
        Frame::MessageList => {
            if tok.is_prop(META_TAG_DN_PREFIX) || tok.is_prop(META_TAG_EC_WARNING) {
                Act::Take(None)
            } else if tok.is(M::StartMessage) || tok.is(M::StartFaiMsg) {
                let e = Element::Message {
                    fai: tok.is(M::StartFaiMsg),
                };
                Act::TakePush(Event::Begin(e), Frame::elem(e))
            } else {
                Act::Pop
            }
        }
        Frame::ContentsSync { phase, change_due } => match *phase {
            0 => {
                *phase = 1;
                if tok.is(M::IncrSyncProgressMode) {
                    Act::TakePush(
                        Event::Begin(Element::ProgressTotal),
                        Frame::elem(Element::ProgressTotal),
                    )
                } else {
                    Act::Again
                }
            }
            1 => {
                if tok.is(M::IncrSyncProgressPerMsg) && !*change_due {
                    *change_due = true;
                    Act::TakePush(
                        Event::Begin(Element::ProgressPerMessage),
                        Frame::elem(Element::ProgressPerMessage),
                    )
                } else if tok.is(M::IncrSyncChg) {
                    *change_due = false;
                    Act::TakePush(
                        Event::Begin(Element::MessageChangeFull),
                        Frame::elem(Element::MessageChangeFull),
                    )
                } else if tok.is(M::IncrSyncGroupInfo) {
                    *change_due = false;
                    Act::PushWith(
                        Event::Begin(Element::MessageChangePartial),
                        Frame::elem(Element::MessageChangePartial),
                    )
                } else if *change_due {
                    unexpected(
                        tok,
                        "contentsSync",
                        "a messageChange after progressPerMessage",
                    )
                } else {
                    *phase = 2;
                    Act::Again
                }
            }
            2 => {
                *phase = 3;
                if tok.is(M::IncrSyncDel) {
                    Act::TakePush(
                        Event::Begin(Element::Deletions),
                        Frame::elem(Element::Deletions),
                    )
                } else {
                    Act::Again
                }
            }
            3 => {
                *phase = 4;
                if tok.is(M::IncrSyncRead) {
                    Act::TakePush(
                        Event::Begin(Element::ReadStateChanges),
                        Frame::elem(Element::ReadStateChanges),
                    )
                } else {
                    Act::Again
                }
            }
            4 => {
                if tok.is(M::IncrSyncStateBegin) {
                    *phase = 5;
                    Act::TakePush(Event::Begin(Element::State), Frame::elem(Element::State))
                } else {
                    unexpected(tok, "contentsSync", "IncrSyncStateBegin")
                }
            }
            5 => {
                if tok.is(M::IncrSyncEnd) {
                    *phase = 6;
                    Act::Take(Some(Event::Marker(M::IncrSyncEnd)))
                } else {
                    unexpected(tok, "contentsSync", "IncrSyncEnd")
                }
            }
            _ => Act::Pop,
        },
        Frame::HierarchySync(phase) => match *phase {
            0 => {
                if tok.is(M::IncrSyncChg) {
                    Act::TakePush(
                        Event::Begin(Element::FolderChange),
                        Frame::elem(Element::FolderChange),
                    )
                } else {
                    *phase = 1;
                    Act::Again
                }
            }
            1 => {
                *phase = 2;
                if tok.is(M::IncrSyncDel) {
                    Act::TakePush(
                        Event::Begin(Element::Deletions),
                        Frame::elem(Element::Deletions),
                    )
                } else {
                    Act::Again
                }
            }
            2 => {
                if tok.is(M::IncrSyncStateBegin) {
                    *phase = 3;
                    Act::TakePush(Event::Begin(Element::State), Frame::elem(Element::State))
                } else {
                    unexpected(tok, "hierarchySync", "IncrSyncStateBegin")
                }
            }
            3 => {
                if tok.is(M::IncrSyncEnd) {
                    *phase = 4;
                    Act::Take(Some(Event::Marker(M::IncrSyncEnd)))
                } else {
                    unexpected(tok, "hierarchySync", "IncrSyncEnd")
                }
            }
            _ => Act::Pop,
        },
        Frame::TopFolderRoot(phase) => match *phase {
            0 if tok.is_prop(META_TAG_DN_PREFIX) => {
                *phase = 1;
                Act::Take(None)
            }
            0 | 1 => {
                if tok.is(M::StartTopFld) {
                    *phase = 2;
                    Act::TakePush(
                        Event::Begin(Element::TopFolder),
                        Frame::Elem {
                            element: Element::TopFolder,
                            phase: 0,
                            no_del: true,
                        },
                    )
                } else {
                    unexpected(tok, "topFolder", "StartTopFld")
                }
            }
            _ => Act::Pop,
        },
        Frame::StateRoot(phase) => {
            if *phase == 0 {
                if tok.is(M::IncrSyncStateBegin) {
                    *phase = 1;
                    Act::TakePush(Event::Begin(Element::State), Frame::elem(Element::State))
                } else {
                    unexpected(tok, "state", "IncrSyncStateBegin")
                }
            } else {
                Act::Pop
            }
        }
        Frame::Elem {
            element,
            phase,
            no_del,
        } => step_element(*element, phase, *no_del, tok),
    }
}

fn step_element(element: Element, phase: &mut u8, no_del: bool, tok: &Tok) -> Act {
    use Marker as M;
    let end_with = |phase: &mut u8, m: Marker, e: Element| -> Act {
        if tok.is(m) {
            *phase = u8::MAX;
            Act::TakePop(Event::End(e))
        } else {
            Act::Bad(format!("{} in {} where {m} is expected", token_name(tok), e.name()).into())
        }
    };
    match element {
        Element::Message { .. } | Element::EmbeddedMessage => match *phase {
            0 => {
                *phase = 1;
                Act::Push(Frame::MessageContent(0))
            }
            _ => {
                let m = element.end_marker().unwrap_or(M::EndMessage);
                end_with(phase, m, element)
            }
        },
        Element::Recipient => match *phase {
            0 => {
                *phase = 1;
                Act::Push(Frame::PropList(T_NONE))
            }
            _ => end_with(phase, M::EndToRecip, element),
        },
        Element::Attachment => match *phase {
            0 => {
                *phase = 1;
                if tok.is_prop(PidTagAttachNumber) {
                    Act::Take(None)
                } else {
                    unexpected(tok, "attachment", "PidTagAttachNumber")
                }
            }
            1 => {
                *phase = 2;
                Act::Push(Frame::AttachmentContent(0))
            }
            _ => end_with(phase, M::EndAttach, element),
        },
        Element::TopFolder | Element::SubFolder => match *phase {
            0 => {
                *phase = 1;
                Act::Push(Frame::FolderContent {
                    no_del,
                    phase: 0,
                    lists: 0,
                })
            }
            _ => end_with(phase, M::EndFolder, element),
        },
        Element::State => match *phase {
            0 => {
                *phase = 1;
                Act::Push(Frame::PropList(T_NONE))
            }
            _ => end_with(phase, M::IncrSyncStateEnd, element),
        },
        Element::GroupInfo => match *phase {
            0 => {
                *phase = 1;
                Act::Push(Frame::PropList(T_GROUP_INFO))
            }
            _ => Act::Pop,
        },
        Element::FolderChange
        | Element::Deletions
        | Element::ReadStateChanges
        | Element::ProgressTotal
        | Element::ProgressPerMessage
        | Element::ErrorInfo => match *phase {
            0 => {
                *phase = 1;
                Act::Push(Frame::PropList(T_NONE))
            }
            _ => Act::Pop,
        },
        Element::MessageChangeFull => match *phase {
            0 => {
                *phase = 1;
                Act::Push(Frame::PropList(T_NONE))
            }
            1 => {
                if tok.is(M::IncrSyncMessage) {
                    *phase = 2;
                    Act::Take(Some(Event::Marker(M::IncrSyncMessage)))
                } else {
                    unexpected(tok, "messageChangeFull", "IncrSyncMessage")
                }
            }
            2 => {
                *phase = 3;
                Act::Push(Frame::PropList(T_MESSAGE))
            }
            3 => {
                *phase = 4;
                Act::Push(Frame::MessageChildren(0))
            }
            _ => Act::Pop,
        },
        Element::MessageChangePartial => match *phase {
            0 => {
                if tok.is(M::IncrSyncGroupInfo) {
                    *phase = 1;
                    Act::TakePush(
                        Event::Begin(Element::GroupInfo),
                        Frame::elem(Element::GroupInfo),
                    )
                } else {
                    unexpected(tok, "messageChangePartial", "IncrSyncGroupInfo")
                }
            }
            1 => {
                if tok.is_prop(META_TAG_INCR_SYNC_GROUP_ID) {
                    *phase = 2;
                    Act::Take(None)
                } else {
                    unexpected(tok, "messageChangePartial", "MetaTagIncrSyncGroupId")
                }
            }
            2 => {
                if tok.is(M::IncrSyncChgPartial) {
                    *phase = 3;
                    Act::Take(Some(Event::Marker(M::IncrSyncChgPartial)))
                } else {
                    unexpected(tok, "messageChangePartial", "IncrSyncChgPartial")
                }
            }
            3 => {
                *phase = 4;
                Act::Push(Frame::PropList(T_PARTIAL))
            }
            4 => {
                if tok.is_prop(META_TAG_INCREMENTAL_SYNC_MESSAGE_PARTIAL) {
                    *phase = 5;
                    Act::Take(None)
                } else {
                    *phase = 6;
                    Act::Again
                }
            }
            5 => {
                *phase = 4;
                Act::Push(Frame::PropList(T_PARTIAL))
            }
            6 => {
                *phase = 7;
                Act::Push(Frame::MessageChildren(0))
            }
            _ => Act::Pop,
        },
    }
}
