//! [MS-OXCROPS] 2.2.15 Other ROPs: RopBufferTooSmall, RopBackoff, RopRelease.

use std::borrow::Cow;

use msox_codec::{Decoded, Options, Reader, Result};

use crate::codec::{Bytes, Plain, Rest, list8, rop_struct};
use crate::context::{Cx, LogonKinds, ResponseContext};
use crate::logon::HandleRequest;
use crate::rop::RopRequest;
use crate::rop_id::RopId;

rop_struct! {
    /// [MS-OXCROPS] 2.2.15.1.1 RopBufferTooSmall ROP Response Buffer: the
    /// ROP output buffer had no room for the rest of the responses.
    pub struct RopBufferTooSmallResponse<'a> {
        /// SizeNeeded: the size the output buffer needs.
        pub size_needed: u16,
        /// RequestBuffers: the part of the ROP input buffer that was not
        /// run (ROP requests), to the end of the ROP list, as bytes (see
        /// [`RopBufferTooSmallResponse::requests`]).
        pub request_buffers: Cow<'a, [u8]> => Rest,
    }
}

impl<'a> RopBufferTooSmallResponse<'a> {
    /// Decodes RequestBuffers as the ROP requests it holds (a separate
    /// decode: offsets count from the start of RequestBuffers).
    pub fn requests(
        &self,
        logons: &LogonKinds,
        options: &Options,
    ) -> Result<Decoded<Vec<RopRequest<'_>>>> {
        let mut r = Reader::with_options(&self.request_buffers, options);
        let cx = Cx {
            logons,
            response: ResponseContext::default(),
        };
        let mut rops = Vec::new();
        let mut i = 0usize;
        r.frame("RequestBuffers", |r| {
            while !r.is_empty() {
                r.check_count(1, 1, "RequestBuffers")?;
                rops.push(r.frame_indexed("RopsList", i, |r| RopRequest::read(r, &cx))?);
                i += 1;
            }
            Ok(())
        })?;
        Ok(r.into_decoded(rops))
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.15.2.1.1 BackoffRop Structure: one ROP to back off.
    #[derive(Copy, Eq)]
    pub struct BackoffRop {
        /// RopIdBackoff: the ROP to delay.
        pub rop_id_backoff: RopId,
        /// Duration: milliseconds to delay it.
        pub duration: u32,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.15.2.1 RopBackoff ROP Response Buffer: the server
    /// asks the client to wait before sending ROPs for a logon.
    pub struct RopBackoffResponse<'a> {
        /// LogonId: the logon backed off.
        pub logon_id: u8,
        /// Duration: milliseconds to back off the logon.
        pub duration: u32,
        /// BackoffRopData after the 1-byte BackoffRopCount: ROPs to back off
        /// (none: every ROP of the logon).
        pub backoff_rop_data: Vec<BackoffRop> => list8("BackoffRopCount", 5, Plain),
        /// AdditionalData after its 2-byte AdditionalDataSize.
        pub additional_data: Cow<'a, [u8]> => Bytes::<2>("AdditionalDataSize"),
    }
}

/// [MS-OXCROPS] 2.2.15.3.1 RopRelease ROP Request Buffer (there is no
/// response).
pub type RopReleaseRequest = HandleRequest;
