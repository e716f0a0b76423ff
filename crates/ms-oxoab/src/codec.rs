//! The LZX step of compressed OAB files and differential patches, behind a
//! trait: [MS-OXOAB] defines the containers (LZX_HDR/LZX_BLK, PATCH_HDR/
//! PATCH_BLK) and [MS-PATCH] the LZXD and LZX DELTA bit streams inside them.
//! This crate parses and writes the containers, checks sizes and CRCs, and
//! hands each block's data to an [`LzxCodec`] — the `ms-patch` crate
//! implements it. Uncompressed ("stored") blocks (`ulFlags` 0) need no codec.

use msox_codec::{Error, ErrorKind, Result};

/// The LZXD / LZX DELTA codec ([MS-PATCH]) that compressed blocks and
/// patch blocks need. Every method has a default that fails with
/// [`ErrorKind::Unsupported`], so an implementation can provide only the
/// directions it has.
pub trait LzxCodec {
    /// Decompresses one LZX_BLK `data` field, an LZXD stream with a window
    /// of `window_bits` bits, into exactly `uncompressed_size` bytes
    /// appended to `out`.
    fn decompress(
        &mut self,
        data: &[u8],
        window_bits: u32,
        uncompressed_size: usize,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        let _ = (data, window_bits, uncompressed_size, out);
        Err(unsupported("LZXD decompression"))
    }

    /// Compresses one block into an LZXD stream (window `window_bits`)
    /// appended to `out`.
    fn compress(&mut self, data: &[u8], window_bits: u32, out: &mut Vec<u8>) -> Result<()> {
        let _ = (data, window_bits, out);
        Err(unsupported("LZXD compression"))
    }

    /// Applies one PATCH_BLK `data` field (LZX DELTA, with `source` as the
    /// reference data and a window of `window_bits` bits), appending the
    /// `target_size` bytes of the target block to `out`.
    fn apply_delta(
        &mut self,
        patch: &[u8],
        source: &[u8],
        window_bits: u32,
        target_size: usize,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        let _ = (patch, source, window_bits, target_size, out);
        Err(unsupported("LZX DELTA patch application"))
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
        Err(unsupported("LZX DELTA patch creation"))
    }
}

/// A codec with no LZX at all: stored blocks work, everything else fails
/// with [`ErrorKind::Unsupported`].
#[derive(Debug, Clone, Copy, Default)]
pub struct NoLzx;

impl LzxCodec for NoLzx {}

/// The [MS-PATCH] codec from the `ms-patch` crate: LZXD decompression and
/// compression (effort `level`, 1-9) and LZX DELTA patches, with output
/// capped by `limits`.
#[derive(Debug, Clone, Copy)]
pub struct PatchLzx {
    /// Encoder effort, 1 (fastest) to 9 (smallest).
    pub level: u8,
    /// Output caps for decoding.
    pub limits: msox_codec::Limits,
}

impl Default for PatchLzx {
    fn default() -> Self {
        PatchLzx {
            level: 6,
            limits: msox_codec::Limits::DEFAULT,
        }
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
        data: &[u8],
        window_bits: u32,
        uncompressed_size: usize,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        let p = ms_patch::StreamParams::lzxd(bits(window_bits)?);
        let o = ms_patch::DecodeOptions::from_limits(&self.limits);
        out.extend_from_slice(&ms_patch::decompress(data, uncompressed_size, &p, &[], &o)?);
        Ok(())
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
        patch: &[u8],
        source: &[u8],
        window_bits: u32,
        target_size: usize,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        let p = ms_patch::StreamParams::lzxd(bits(window_bits)?);
        let o = ms_patch::DecodeOptions::from_limits(&self.limits);
        out.extend_from_slice(&ms_patch::decompress(patch, target_size, &p, source, &o)?);
        Ok(())
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

fn unsupported(what: &str) -> Error {
    Error::new(ErrorKind::Unsupported(
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
        assert!(matches!(
            c.decompress(&[], 17, 0, &mut out).unwrap_err().kind(),
            ErrorKind::Unsupported(_)
        ));
        assert!(c.compress(&[], 17, &mut out).is_err());
        assert!(c.apply_delta(&[], &[], 17, 0, &mut out).is_err());
        assert!(c.create_delta(&[], &[], 17, &mut out).is_err());
    }
}
