//! The LZX step of compressed OAB files and differential patches, behind a
//! trait: [MS-OXOAB] defines the containers (LZX_HDR/LZX_BLK, PATCH_HDR/
//! PATCH_BLK) and [MS-PATCH] the LZXD and LZX DELTA bit streams inside them.
//! This crate parses and writes the containers, checks sizes and CRCs, and
//! hands each block's data to an [`LzxCodec`] — the `ms-patch` crate
//! implements it. Uncompressed ("stored") blocks (`ulFlags` 0) need no codec.

use msox_codec::{Error, ErrorKind, Reader, Result, Sink};

/// The LZXD / LZX DELTA codec ([MS-PATCH]) that compressed blocks and
/// patch blocks need. Every method has a default that fails with
/// [`ErrorKind::Unsupported`], so an implementation can provide only the
/// directions it has.
///
/// The decoding directions read a block's `data` field through a window of
/// the container's [`Reader`] (`r`: exactly the field's bytes), so their
/// errors carry absolute offsets and the container's path
/// (`LZX_BLK[3] > ...`), and they write the output to a [`Sink`] as it is
/// produced. An implementation charges what it produces to the session's
/// output budget (`r.charge_output(n)`, or through a decoder that runs in
/// `r`'s session as `ms_patch::read_stream` does) and writes exactly the
/// number of bytes asked for; the container checks the count and the CRC.
pub trait LzxCodec {
    /// Decompresses one LZX_BLK `data` field (all of `r`'s window), an
    /// LZXD stream with a window of `window_bits` bits, writing exactly
    /// `uncompressed_size` bytes to `out`.
    fn decompress(
        &mut self,
        r: &mut Reader<'_>,
        window_bits: u32,
        uncompressed_size: usize,
        out: &mut dyn Sink,
    ) -> Result<()> {
        let _ = (window_bits, uncompressed_size, out);
        Err(unsupported(r, "LZXD decompression"))
    }

    /// Compresses one block into an LZXD stream (window `window_bits`)
    /// appended to `out`.
    fn compress(&mut self, data: &[u8], window_bits: u32, out: &mut Vec<u8>) -> Result<()> {
        let _ = (data, window_bits, out);
        Err(Error::new(ErrorKind::Unsupported(
            "LZXD compression needs an LzxCodec (the ms-patch crate); none was given".into(),
        )))
    }

    /// Applies one PATCH_BLK `data` field (all of `r`'s window; LZX DELTA,
    /// with `source` as the reference data and a window of `window_bits`
    /// bits), writing exactly the `target_size` bytes of the target block
    /// to `out`.
    fn apply_delta(
        &mut self,
        r: &mut Reader<'_>,
        source: &[u8],
        window_bits: u32,
        target_size: usize,
        out: &mut dyn Sink,
    ) -> Result<()> {
        let _ = (source, window_bits, target_size, out);
        Err(unsupported(r, "LZX DELTA patch application"))
    }

    /// Creates one PATCH_BLK `data` field that turns `source` into
    /// `target` (window `window_bits`), appended to `out`.
    fn create_delta(
        &mut self,
        source: &[u8],
        target: &[u8],
        window_bits: u32,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        let _ = (source, target, window_bits, out);
        Err(Error::new(ErrorKind::Unsupported(
            "LZX DELTA patch creation needs an LzxCodec (the ms-patch crate); none was given"
                .into(),
        )))
    }
}

/// A codec with no LZX at all: stored blocks work, everything else fails
/// with [`ErrorKind::Unsupported`].
#[derive(Debug, Clone, Copy, Default)]
pub struct NoLzx;

impl LzxCodec for NoLzx {}

/// The [MS-PATCH] codec from the `ms-patch` crate: LZXD decompression and
/// compression (effort `level`, 1-9) and LZX DELTA patches. Decoding runs
/// in the container's session (`ms_patch::read_stream`): its output is
/// charged to the session's budget frame by frame and streamed to the sink.
#[derive(Debug, Clone, Copy)]
pub struct PatchLzx {
    /// Encoder effort, 1 (fastest) to 9 (smallest).
    pub level: u8,
}

impl Default for PatchLzx {
    fn default() -> Self {
        PatchLzx { level: 6 }
    }
}

fn bits(window_bits: u32) -> Result<u8> {
    u8::try_from(window_bits).map_err(|_| {
        Error::new(ErrorKind::InvalidValue {
            field: "window bits",
            value: window_bits.into(),
        })
    })
}

impl LzxCodec for PatchLzx {
    fn decompress(
        &mut self,
        r: &mut Reader<'_>,
        window_bits: u32,
        uncompressed_size: usize,
        mut out: &mut dyn Sink,
    ) -> Result<()> {
        let p = ms_patch::StreamParams::lzxd(bits(window_bits)?);
        ms_patch::read_stream(r, uncompressed_size, &p, &[], &mut out)
    }

    fn compress(&mut self, data: &[u8], window_bits: u32, out: &mut Vec<u8>) -> Result<()> {
        let p = ms_patch::StreamParams::lzxd(bits(window_bits)?);
        out.extend_from_slice(&ms_patch::compress(
            data,
            &p,
            &[],
            &ms_patch::EncodeOptions::level(self.level),
        )?);
        Ok(())
    }

    fn apply_delta(
        &mut self,
        r: &mut Reader<'_>,
        source: &[u8],
        window_bits: u32,
        target_size: usize,
        mut out: &mut dyn Sink,
    ) -> Result<()> {
        let p = ms_patch::StreamParams::lzxd(bits(window_bits)?);
        ms_patch::read_stream(r, target_size, &p, source, &mut out)
    }

    fn create_delta(
        &mut self,
        source: &[u8],
        target: &[u8],
        window_bits: u32,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        let p = ms_patch::StreamParams::lzxd(bits(window_bits)?);
        out.extend_from_slice(&ms_patch::compress(
            target,
            &p,
            source,
            &ms_patch::EncodeOptions::level(self.level),
        )?);
        Ok(())
    }
}

fn unsupported(r: &Reader<'_>, what: &str) -> Error {
    r.error(ErrorKind::Unsupported(
        format!("{what} needs an LzxCodec (the ms-patch crate); none was given").into(),
    ))
}

/// The LZX window for a compressed block of `size` bytes: the smallest of
/// 2^17 … 2^25 bytes that holds it (the rule libmspack's OAB decompressor
/// uses; [MS-PATCH] 2.1 allows 2^15 … 2^25, OAB blocks use at least 2^17).
/// This is `ms_patch::lzxd::window_bits_for`, as a `u32` for [`LzxCodec`].
pub fn block_window_bits(size: usize) -> u32 {
    u32::from(ms_patch::lzxd::window_bits_for(size))
}

/// The LZX DELTA window for a patch block: the source block rounded up to
/// 32 KiB plus the target block, then as [`block_window_bits`]
/// (`ms_patch::lzxd::patch_window_bits`).
pub fn patch_window_bits(source_size: usize, target_size: usize) -> u32 {
    u32::from(ms_patch::lzxd::patch_window_bits(source_size, target_size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_bits_follow_the_block_size() {
        assert_eq!(block_window_bits(0), 17);
        assert_eq!(block_window_bits(1 << 17), 17);
        assert_eq!(block_window_bits((1 << 17) + 1), 18);
        assert_eq!(block_window_bits(usize::MAX), 25);
        assert_eq!(patch_window_bits(1, 1 << 17), 18);
        assert_eq!(patch_window_bits(0, 100), 17);
    }

    #[test]
    fn no_lzx_refuses_every_direction() {
        let mut c = NoLzx;
        let mut out = Vec::new();
        let data = [0u8; 8];
        let mut r = Reader::new(&data);
        r.skip(3).unwrap();
        let e = r
            .frame("LZX_BLK", |r| c.decompress(r, 17, 0, &mut out))
            .unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Unsupported(_)));
        assert_eq!(
            (e.offset(), e.path().to_string().as_str()),
            (Some(3), "LZX_BLK")
        );
        assert!(c.compress(&[], 17, &mut out).is_err());
        assert!(c.apply_delta(&mut r, &[], 17, 0, &mut out).is_err());
        assert!(c.create_delta(&[], &[], 17, &mut out).is_err());
    }
}
