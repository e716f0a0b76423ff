//! Generators of hostile inputs, one per attack class, at a size parameter.
//!
//! Each returns the bytes of a well-formed-looking file whose cost to a
//! naive reader grows faster than its size: tests assert the budget and
//! memory bounds on them, and the `hostile` bench reports the time per input
//! MB at 1x, 4x and 16x, so a superlinear cost shows as a growing number.
//! The generators write the formats by hand (this crate depends on no format
//! crate), following the layouts of the specs named on each.

/// PS_PUBLIC_STRINGS `{00020329-0000-0000-C000-000000000046}` in packet form.
const PS_PUBLIC_STRINGS: [u8; 16] = [
    0x29, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46,
];

/// IID_IMessage `{00020307-0000-0000-C000-000000000046}` in packet form.
const IID_IMESSAGE: [u8; 16] = [
    0x07, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46,
];

const TNEF_SIGNATURE: u32 = 0x223E_9F78;

fn put_u16(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}

fn put_u32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}

/// [MS-OXTNEF] 2.1.3.2 one attribute: level, ID, length, data, checksum.
fn tnef_attribute(out: &mut Vec<u8>, level: u8, id: u32, data: &[u8]) {
    out.push(level);
    put_u32(out, id);
    put_u32(out, data.len() as u32);
    out.extend_from_slice(data);
    let sum = data.iter().fold(0u16, |s, &b| s.wrapping_add(u16::from(b)));
    put_u16(out, sum);
}

fn tnef_header(out: &mut Vec<u8>) {
    put_u32(out, TNEF_SIGNATURE);
    put_u16(out, 0x0001);
    // attTnefVersion, attOemCodepage: what every real stream starts with.
    tnef_attribute(out, 1, 0x0008_9006, &0x0001_0000u32.to_le_bytes());
    let mut cp = Vec::new();
    put_u32(&mut cp, 1252);
    put_u32(&mut cp, 0);
    tnef_attribute(out, 1, 0x0006_9007, &cp);
}

/// A TNEF stream whose attMAPIProps holds `n` distinct named PtypInteger32
/// properties (the property flood: a bag that scans on insert is quadratic).
/// About 32 bytes per property: `n = 200_000` gives 6.4 MB.
pub fn tnef_property_flood(n: u32) -> Vec<u8> {
    let mut props = Vec::with_capacity(8 + n as usize * 32);
    put_u32(&mut props, n);
    for i in 0..n {
        // tag: PtypInteger32 (0x0003), a named ID above 0x8000
        put_u32(&mut props, 0x8000_0003);
        props.extend_from_slice(&PS_PUBLIC_STRINGS);
        put_u32(&mut props, 0); // MNID_ID
        put_u32(&mut props, 0x1_0000 + i); // distinct LIDs
        put_u32(&mut props, i);
    }
    let mut out = Vec::with_capacity(props.len() + 64);
    tnef_header(&mut out);
    tnef_attribute(&mut out, 1, 0x0006_9003, &props);
    out
}

/// TNEF embedded in TNEF `levels` deep (each level one attachment whose
/// PidTagAttachDataObject is IID_IMessage + the next level's stream), the
/// innermost carrying an attachment of `payload` bytes. A reader that copies
/// each level's object keeps `levels` copies alive at once.
pub fn tnef_nested(levels: u32, payload: usize) -> Vec<u8> {
    // innermost: a message with one by-value attachment
    let mut inner = Vec::with_capacity(payload + 128);
    tnef_header(&mut inner);
    tnef_attribute(
        &mut inner,
        2,
        0x0006_9002,
        &[1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0],
    );
    let data = vec![0x5Au8; payload];
    tnef_attribute(&mut inner, 2, 0x0006_800F, &data);
    for _ in 0..levels {
        let mut props = Vec::with_capacity(inner.len() + 64);
        put_u32(&mut props, 2);
        // PidTagAttachMethod = ATTACH_EMBEDDED_MSG (5)
        put_u32(&mut props, 0x3705_0003);
        put_u32(&mut props, 5);
        // PidTagAttachDataObject, PtypObject: count 1, size, IID + stream, pad
        put_u32(&mut props, 0x3701_000D);
        put_u32(&mut props, 1);
        let size = 16 + inner.len();
        put_u32(&mut props, size as u32);
        props.extend_from_slice(&IID_IMESSAGE);
        props.extend_from_slice(&inner);
        props.resize(props.len() + (4 - size % 4) % 4, 0);
        let mut outer = Vec::with_capacity(props.len() + 128);
        tnef_header(&mut outer);
        tnef_attribute(
            &mut outer,
            2,
            0x0006_9002,
            &[1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0],
        );
        tnef_attribute(&mut outer, 2, 0x0006_9005, &props);
        inner = outer;
    }
    inner
}

const FREESECT: u32 = 0xFFFF_FFFF;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const FATSECT: u32 = 0xFFFF_FFFD;
const NOSTREAM: u32 = 0xFFFF_FFFF;

/// A .msg ([MS-OXMSG] in a version 4 [MS-CFB] compound file, 4096-byte
/// sectors) whose `__properties_version1.0` lists `entries` variable-length
/// properties, each with its `__substg1.0_` stream, every one of those
/// streams starting in a two-sector FAT cycle and claiming `claim` bytes. A
/// reader that follows each chain as far as the FAT is long (instead of as
/// far as the stream's size needs), or reserves each claim on trust, pays
/// per stream what a valid file pays once. About 144 bytes per entry:
/// 76,800 entries is 11 MB.
pub fn cfb_fat_cycle(entries: u32, claim: u64) -> Vec<u8> {
    const SECTOR: usize = 4096;
    let n = entries as usize;
    // the property stream: 32-byte header, 16 bytes per property
    let types = [0x001Fu32, 0x001E, 0x0102];
    let tags: Vec<u32> = (0..n)
        .map(|i| ((0x1000 + (i / 3) as u32) << 16) | types[i % 3])
        .collect();
    let mut props = vec![0u8; 32];
    for &t in &tags {
        props.extend_from_slice(&t.to_le_bytes());
        props.extend_from_slice(&6u32.to_le_bytes()); // readable | writable
        props.extend_from_slice(&(claim.min(u64::from(u32::MAX)) as u32).to_le_bytes());
        props.extend_from_slice(&0u32.to_le_bytes());
    }
    let props_sectors = props.len().div_ceil(SECTOR);
    // names, sorted as the directory tree must order them (length, then
    // upper case): the substg names, then the property stream's
    let mut names: Vec<String> = tags.iter().map(|t| format!("__substg1.0_{t:08X}")).collect();
    names.sort();
    names.push("__properties_version1.0".to_string());
    let per_dir_sector = SECTOR / 128;
    let dir_count = (n + 2).div_ceil(per_dir_sector);
    // layout: [FAT sectors][directory sectors][cycle A][cycle B][property stream]
    let mut fat_count = 1;
    while fat_count * (SECTOR / 4) < fat_count + dir_count + 2 + props_sectors {
        fat_count += 1;
    }
    assert!(fat_count <= 109, "cfb_fat_cycle: too many FAT sectors for the header DIFAT");
    let dir_start = fat_count;
    let a = fat_count + dir_count;
    let b = a + 1;
    let props_start = b + 1;
    let total_sectors = props_start + props_sectors;

    let mut out = vec![0u8; SECTOR * (1 + total_sectors)];
    let h = &mut out[..SECTOR];
    h[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    h[0x18..0x1A].copy_from_slice(&0x003Eu16.to_le_bytes()); // minor version
    h[0x1A..0x1C].copy_from_slice(&0x0004u16.to_le_bytes()); // major version 4
    h[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes()); // byte order
    h[0x1E..0x20].copy_from_slice(&0x000Cu16.to_le_bytes()); // sector shift 12
    h[0x20..0x22].copy_from_slice(&0x0006u16.to_le_bytes()); // mini sector shift 6
    h[0x28..0x2C].copy_from_slice(&(dir_count as u32).to_le_bytes()); // dir sectors
    h[0x2C..0x30].copy_from_slice(&(fat_count as u32).to_le_bytes());
    h[0x30..0x34].copy_from_slice(&(dir_start as u32).to_le_bytes());
    h[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes()); // mini stream cutoff
    h[0x3C..0x40].copy_from_slice(&ENDOFCHAIN.to_le_bytes()); // mini FAT start
    h[0x44..0x48].copy_from_slice(&ENDOFCHAIN.to_le_bytes()); // DIFAT start
    for i in 0..109 {
        let v = if i < fat_count { i as u32 } else { FREESECT };
        h[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&v.to_le_bytes());
    }
    let mut fat = vec![FREESECT; fat_count * (SECTOR / 4)];
    for f in fat.iter_mut().take(fat_count) {
        *f = FATSECT;
    }
    let chain = |fat: &mut Vec<u32>, from: usize, count: usize| {
        for (s, slot) in fat.iter_mut().enumerate().take(from + count).skip(from) {
            *slot = if s + 1 < from + count { s as u32 + 1 } else { ENDOFCHAIN };
        }
    };
    chain(&mut fat, dir_start, dir_count);
    chain(&mut fat, props_start, props_sectors);
    fat[a] = b as u32;
    fat[b] = a as u32;
    for (i, v) in fat.iter().enumerate() {
        let at = SECTOR + 4 * i;
        out[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }
    let ps = SECTOR * (1 + props_start);
    out[ps..ps + props.len()].copy_from_slice(&props);
    // directory: entry 0 the root; entries 1..=n+1 in a heap-shaped binary
    // tree whose in-order traversal visits the names in sorted order
    let total = n + 1;
    let mut order = Vec::with_capacity(total);
    in_order(1, total, &mut order);
    let mut name_of = vec![0usize; total + 1];
    for (rank, &node) in order.iter().enumerate() {
        name_of[node] = rank;
    }
    let dir_base = SECTOR * (1 + dir_start);
    let mut entry = |i: usize, name: &str, kind: u8, left: u32, right: u32, child: u32, start: u32, size: u64| {
        let e = &mut out[dir_base + 128 * i..dir_base + 128 * (i + 1)];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (k, u) in units.iter().enumerate() {
            e[2 * k..2 * k + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[0x40..0x42].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
        e[0x42] = kind;
        e[0x43] = 1; // black
        e[0x44..0x48].copy_from_slice(&left.to_le_bytes());
        e[0x48..0x4C].copy_from_slice(&right.to_le_bytes());
        e[0x4C..0x50].copy_from_slice(&child.to_le_bytes());
        e[0x74..0x78].copy_from_slice(&start.to_le_bytes());
        e[0x78..0x80].copy_from_slice(&size.to_le_bytes());
    };
    entry(0, "Root Entry", 5, NOSTREAM, NOSTREAM, 1, ENDOFCHAIN, 0);
    for (i, &rank) in name_of.iter().enumerate().skip(1) {
        let left = if 2 * i <= total { (2 * i) as u32 } else { NOSTREAM };
        let right = if 2 * i < total { (2 * i + 1) as u32 } else { NOSTREAM };
        let name = &names[rank];
        if rank == n {
            entry(i, name, 2, left, right, NOSTREAM, props_start as u32, props.len() as u64);
        } else {
            entry(i, name, 2, left, right, NOSTREAM, a as u32, claim);
        }
    }
    for i in total + 1..dir_count * per_dir_sector {
        let e = &mut out[dir_base + 128 * i..dir_base + 128 * (i + 1)];
        e[0x44..0x50].copy_from_slice(&[0xFF; 12]);
    }
    out
}

/// Appends the nodes of the heap-shaped tree rooted at `i` (children `2i`,
/// `2i+1`, nodes `1..=n`) in in-order, without recursion.
fn in_order(root: usize, n: usize, out: &mut Vec<usize>) {
    let mut stack = Vec::new();
    let mut cur = root;
    loop {
        while cur >= 1 && cur <= n {
            stack.push(cur);
            cur *= 2;
        }
        match stack.pop() {
            Some(node) => {
                out.push(node);
                cur = 2 * node + 1;
            }
            None => break,
        }
    }
}

fn put_mb_u32(v: &mut Vec<u8>, mut x: u32) {
    let mut tmp = [0u8; 5];
    let mut i = tmp.len();
    loop {
        i -= 1;
        tmp[i] = (x & 0x7F) as u8;
        x >>= 7;
        if x == 0 {
            break;
        }
    }
    let last = tmp.len() - 1;
    for (k, b) in tmp.iter_mut().enumerate().skip(i) {
        if k != last {
            *b |= 0x80;
        }
    }
    v.extend_from_slice(&tmp[i..]);
}

/// An ActiveSync WBXML document ([MS-ASWBXML]) whose string table holds one
/// string of `table` bytes referenced `refs` times by STR_T (string-table
/// amplification: a few bytes of input per copy of the whole string).
pub fn wbxml_string_table(table: usize, refs: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(table + refs as usize * 2 + 32);
    out.push(0x03); // WBXML 1.3
    put_mb_u32(&mut out, 0x01); // unknown public ID
    put_mb_u32(&mut out, 0x6A); // UTF-8
    put_mb_u32(&mut out, table as u32 + 1);
    out.extend(std::iter::repeat_n(b'x', table));
    out.push(0);
    // AirSync (page 0) Sync (0x05) with content, then Collections/...:
    // the references sit in one element's content.
    out.push(0x45); // Sync, content
    out.push(0x5C); // Collections
    out.push(0x4F); // Collection
    out.push(0x52); // CollectionId, content
    for _ in 0..refs {
        out.push(0x83); // STR_T
        out.push(0x00); // index 0
    }
    out.extend_from_slice(&[0x01, 0x01, 0x01, 0x01]);
    out
}

/// A RES_NOT restriction nested `depth` deep around a RES_EXIST
/// ([MS-OXCDATA] 2.12.3, 2.12.10), ROP form.
pub fn restriction_nesting(depth: usize) -> Vec<u8> {
    let mut v = vec![0x02u8; depth];
    v.extend_from_slice(&[0x08, 0x1F, 0x00, 0x37, 0x00]);
    v
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_as_documented() {
        let f = tnef_property_flood(1000);
        assert!((32_000..33_000).contains(&f.len()), "{}", f.len());
        let c = cfb_fat_cycle(1000, 1 << 20);
        assert_eq!(&c[..4], &[0xD0, 0xCF, 0x11, 0xE0]);
        assert!(c.len() > 128 * 1000);
        let w = wbxml_string_table(100, 10);
        assert_eq!(w[0], 3);
        let t = tnef_nested(3, 100);
        assert_eq!(&t[..4], &TNEF_SIGNATURE.to_le_bytes());
    }

    #[test]
    fn in_order_of_a_heap_is_sorted_by_position() {
        let mut v = Vec::new();
        in_order(1, 7, &mut v);
        assert_eq!(v, [4, 2, 5, 1, 6, 3, 7]);
    }

    #[test]
    fn multibyte_integers() {
        let mut v = Vec::new();
        put_mb_u32(&mut v, 0x81);
        assert_eq!(v, [0x81, 0x01]);
        v.clear();
        put_mb_u32(&mut v, 0x6A);
        assert_eq!(v, [0x6A]);
    }
}
