//! A minimal cabinet writer for the tests: one folder (stored, MSZIP or
//! LZX), the files one after another in it.
#![allow(dead_code, clippy::unwrap_used, clippy::indexing_slicing)]

use ms_mci::MszipEncoder;
use ms_mci::cab::cfdata_checksum;
use ms_patch::{EncodeOptions, StreamParams};

/// Folder compression of [`build`].
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// typeCompress 0.
    Stored,
    /// typeCompress 1.
    Mszip,
    /// typeCompress 3 with these window bits.
    Lzx(u8),
}

/// A one-folder cabinet of `files` (name, bytes).
pub fn build(files: &[(String, Vec<u8>)], kind: Kind) -> Vec<u8> {
    let data: Vec<u8> = files.iter().flat_map(|(_, d)| d.iter().copied()).collect();
    let blocks: Vec<(Vec<u8>, u16)> = match kind {
        Kind::Stored => data
            .chunks(32768)
            .map(|c| (c.to_vec(), c.len() as u16))
            .collect(),
        Kind::Mszip => {
            let mut enc = MszipEncoder::new(6);
            data.chunks(32768)
                .map(|c| {
                    let mut b = Vec::new();
                    enc.encode_block(c, &mut b).unwrap();
                    (b, c.len() as u16)
                })
                .collect()
        }
        Kind::Lzx(bits) => {
            let chunks = ms_patch::encode::compress_chunks(
                &data,
                &StreamParams::lzx(bits),
                &[],
                &EncodeOptions::level(3),
            )
            .unwrap();
            chunks
                .into_iter()
                .zip(data.chunks(32768))
                .map(|(z, c)| (z, c.len() as u16))
                .collect()
        }
    };
    let type_compress: u16 = match kind {
        Kind::Stored => 0,
        Kind::Mszip => 1,
        Kind::Lzx(bits) => 3 | (u16::from(bits) << 8),
    };
    let files_len: usize = files.iter().map(|(n, _)| 16 + n.len() + 1).sum();
    let coff_files = 36 + 8;
    let data_start = coff_files + files_len;
    let total = data_start + blocks.iter().map(|(b, _)| 8 + b.len()).sum::<usize>();
    let mut out = Vec::new();
    out.extend_from_slice(b"MSCF");
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&(total as u32).to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&(coff_files as u32).to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&[3, 1]);
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // flags
    out.extend_from_slice(&0x1234u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    // CFFOLDER
    out.extend_from_slice(&(data_start as u32).to_le_bytes());
    out.extend_from_slice(&(blocks.len() as u16).to_le_bytes());
    out.extend_from_slice(&type_compress.to_le_bytes());
    // CFFILEs
    let mut off = 0u32;
    for (n, d) in files {
        out.extend_from_slice(&(d.len() as u32).to_le_bytes());
        out.extend_from_slice(&off.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&0x5A21u16.to_le_bytes()); // 2025-01-01
        out.extend_from_slice(&0x6000u16.to_le_bytes()); // 12:00:00
        let utf8 = if n.is_ascii() { 0x20 } else { 0xA0 };
        out.extend_from_slice(&(utf8 as u16).to_le_bytes());
        out.extend_from_slice(n.as_bytes());
        out.push(0);
        off += d.len() as u32;
    }
    for (b, u) in &blocks {
        let csum = cfdata_checksum(b.len() as u16, *u, b);
        out.extend_from_slice(&csum.to_le_bytes());
        out.extend_from_slice(&(b.len() as u16).to_le_bytes());
        out.extend_from_slice(&u.to_le_bytes());
        out.extend_from_slice(b);
    }
    assert_eq!(out.len(), total);
    out
}
