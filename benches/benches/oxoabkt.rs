//! ms-oxoabkt: decode and encode of address book templates — the largest
//! real template in the corpus (gromox's 409-6, 3.5 KB, 69 rows) when the
//! corpus is present, and a generated 10,000-row template (UTF-16LE
//! strings) that shows the per-byte cost. No crates.io peer decodes these.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ms_oxoabkt::{ControlFlags, ControlType, StringEncoding, TRow, Template, TemplateBuilder};
use msox_codec::{Decode, DecodeWith, Encode};
use std::hint::black_box;

fn generated(rows: u32) -> Vec<u8> {
    let mut b = TemplateBuilder::new(StringEncoding::Unicode);
    for i in 0..rows {
        let mut label = TRow::new(ControlType::Label, 6, i * 15, 70, 8);
        label.control_flags = ControlFlags::NONE;
        b.row(label, Some(&format!("&Field number {i}:")));
        let mut edit = TRow::new(ControlType::TextBox, 83, i * 15, 100, 12);
        edit.control_flags = ControlFlags::EDITABLE | ControlFlags::ACCEPT_DBCS;
        edit.control_structure.dw_type = 0x3001_001E;
        edit.control_structure.ul_size = 256;
        b.row(edit, Some("*"));
    }
    b.build().unwrap().to_vec().unwrap()
}

fn bench(c: &mut Criterion) {
    let mut inputs = vec![("generated_10k_rows", generated(5_000))];
    if let Some(real) = msox_benches::corpus_file("other/abkt/gromox-409-6.abkt") {
        inputs.push(("gromox_409_6", real));
    }
    for (name, bytes) in &inputs {
        let mut g = c.benchmark_group(format!("oxoabkt_{name}"));
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function("decode", |b| {
            b.iter(|| Template::decode_exact(black_box(bytes)).unwrap())
        });
        g.bench_function("decode_checking_strings", |b| {
            b.iter(|| {
                Template::decode_exact_with(black_box(bytes), StringEncoding::Unicode).unwrap()
            })
        });
        let t = Template::decode_exact(bytes).unwrap();
        g.bench_function("decode_and_read_every_string", |b| {
            b.iter(|| {
                let t = Template::decode_exact(black_box(bytes)).unwrap();
                let set = t.row_set().unwrap();
                let mut n = 0;
                for row in &set.rows {
                    n += set
                        .row_text(row, StringEncoding::Unicode)
                        .unwrap()
                        .map_or(0, |s| s.len());
                }
                n
            })
        });
        g.bench_function("encode", |b| b.iter(|| black_box(&t).to_vec().unwrap()));
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
