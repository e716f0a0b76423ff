//! How each kind of body field is read, measured and written: the field
//! kinds the request and response bodies of 2.2.4 and 2.2.5 are made of.
//!
//! An optional field is a Has* byte then the field ("present when the
//! Has* field is nonzero"); it reads as `Some` for any nonzero byte and is
//! written with 0xFF (TRUE).

use ms_dtyp::Guid;
use ms_oxcdata::{ErrorCode, PropertyTag, Restriction};
use ms_oxnspi::Stat;
use msox_codec::bytes::BufMut;
use msox_codec::{
    CodePage, Decode, DecodeWith, Encode, EncodeWith, Error, ErrorKind, Reader, Result, String8,
    Utf16String,
};

use crate::values::{
    AddressBookPropertyValueList, AddressBookTaggedPropertyValue, CONTEXT, ColumnsAndRows,
    LargePropertyTagArray,
};

fn present(r: &mut Reader<'_>) -> Result<bool> {
    Ok(r.u8()? != 0)
}

fn nul_free8(s: &String8, field: &'static str) -> Result<()> {
    if s.bytes().contains(&0) {
        Err(Error::new(ErrorKind::InvalidValue { field, value: 0 }))
    } else {
        Ok(())
    }
}

fn nul_free16(s: &Utf16String, field: &'static str) -> Result<()> {
    let bad = match s.raw_bytes() {
        Some(raw) => raw.chunks_exact(2).any(|c| c == [0, 0]) || raw.len() % 2 != 0,
        None => s.as_str().contains('\0'),
    };
    if bad {
        Err(Error::new(ErrorKind::InvalidValue { field, value: 0 }))
    } else {
        Ok(())
    }
}

/// A field kind: read, length and write.
pub trait Kind<T> {
    /// Reads the field.
    fn read(r: &mut Reader<'_>) -> Result<T>;
    /// Its length.
    fn len(v: &T) -> usize;
    /// Writes it.
    fn write<B: BufMut>(v: &T, b: &mut B) -> Result<()>;
}

macro_rules! kind {
    ($name:ident: $t:ty, |$r:ident| $read:expr, |$v:ident| $len:expr, |$w:ident, $b:ident| $write:expr) => {
        #[doc = concat!("The `", stringify!($name), "` field kind.")]
        pub struct $name;
        impl Kind<$t> for $name {
            fn read($r: &mut Reader<'_>) -> Result<$t> {
                $read
            }
            fn len($v: &$t) -> usize {
                $len
            }
            fn write<B: BufMut>($w: &$t, $b: &mut B) -> Result<()> {
                $write
            }
        }
    };
}

kind!(U32: u32, |r| r.u32(), |_v| 4, |v, b| {
    b.put_u32_le(*v);
    Ok(())
});
kind!(I32: i32, |r| r.i32(), |_v| 4, |v, b| {
    b.put_i32_le(*v);
    Ok(())
});
kind!(U8: u8, |r| r.u8(), |_v| 1, |v, b| {
    b.put_u8(*v);
    Ok(())
});
kind!(Code: ErrorCode, |r| r.u32().map(ErrorCode::from), |_v| 4, |v, b| {
    b.put_u32_le(v.value());
    Ok(())
});
kind!(Tag: PropertyTag, |r| r.decode(), |_v| 4, |v, b| v.encode(b));
kind!(GuidField: Guid, |r| r.decode(), |_v| 16, |v, b| v.encode(b));
kind!(Aux: Vec<u8>, |r| {
    let n = r.u32_usize()?;
    r.reserve_backed(n, "AuxiliaryBufferSize")?;
    Ok(r.bytes(n)?.to_vec())
}, |v| 4 + v.len(), |v, b| {
    b.put_u32_le(msox_codec::fit_u32(v.len(), "AuxiliaryBufferSize")?);
    b.put_slice(v);
    Ok(())
});
kind!(String8Field: String8, |r| String8::read_nul_terminated(r, CodePage::WINDOWS_1252), |v| v.bytes().len() + 1, |v, b| {
    nul_free8(v, "string")?;
    b.put_slice(v.bytes());
    b.put_u8(0);
    Ok(())
});
kind!(WString: Utf16String, |r| Utf16String::read_nul_terminated(r), |v| v.byte_len() + 2, |v, b| {
    nul_free16(v, "string")?;
    v.write_nul_terminated(b);
    Ok(())
});
kind!(OptStat: Option<Stat>, |r| if present(r)? { r.decode().map(Some) } else { Ok(None) },
    |v| 1 + v.map_or(0, |_| Stat::SIZE), |v, b| {
    match v {
        Some(s) => {
            b.put_u8(0xFF);
            s.encode(b)
        }
        None => {
            b.put_u8(0);
            Ok(())
        }
    }
});
kind!(OptU32: Option<u32>, |r| if present(r)? { r.u32().map(Some) } else { Ok(None) },
    |v| 1 + v.map_or(0, |_| 4), |v, b| {
    match v {
        Some(x) => {
            b.put_u8(0xFF);
            b.put_u32_le(*x);
        }
        None => b.put_u8(0),
    }
    Ok(())
});
kind!(OptI32: Option<i32>, |r| if present(r)? { r.i32().map(Some) } else { Ok(None) },
    |v| 1 + v.map_or(0, |_| 4), |v, b| {
    match v {
        Some(x) => {
            b.put_u8(0xFF);
            b.put_i32_le(*x);
        }
        None => b.put_u8(0),
    }
    Ok(())
});
kind!(Mids: Vec<u32>, |r| {
    let n = r.u32()?;
    r.counted(u64::from(n), 4, "count", |r| r.u32())
}, |v| 4 + 4 * v.len(), |v, b| {
    b.put_u32_le(msox_codec::fit_u32(v.len(), "count")?);
    for x in v {
        b.put_u32_le(*x);
    }
    Ok(())
});
kind!(OptMids: Option<Vec<u32>>, |r| if present(r)? { Mids::read(r).map(Some) } else { Ok(None) },
    |v| 1 + v.as_ref().map_or(0, Mids::len), |v, b| opt_write::<Mids, _, _>(v, b));
kind!(OptTags: Option<LargePropertyTagArray>, |r| if present(r)? { r.decode().map(Some) } else { Ok(None) },
    |v| 1 + v.as_ref().map_or(0, Encode::encoded_len), |v, b| opt_encode(v, b));
kind!(OptValues: Option<AddressBookPropertyValueList>, |r| if present(r)? { r.decode().map(Some) } else { Ok(None) },
    |v| 1 + v.as_ref().map_or(0, Encode::encoded_len), |v, b| opt_encode(v, b));
kind!(OptTarget: Option<AddressBookTaggedPropertyValue>, |r| if present(r)? { r.decode().map(Some) } else { Ok(None) },
    |v| 1 + v.as_ref().map_or(0, Encode::encoded_len), |v, b| opt_encode(v, b));
kind!(OptRows: Option<ColumnsAndRows>, |r| if present(r)? { r.decode().map(Some) } else { Ok(None) },
    |v| 1 + v.as_ref().map_or(0, Encode::encoded_len), |v, b| opt_encode(v, b));
kind!(OptString8: Option<String8>, |r| if present(r)? { String8Field::read(r).map(Some) } else { Ok(None) },
    |v| 1 + v.as_ref().map_or(0, String8Field::len), |v, b| opt_write::<String8Field, _, _>(v, b));
kind!(OptFilter: Option<Restriction>, |r| if present(r)? { Restriction::decode_with(r, CONTEXT).map(Some) } else { Ok(None) },
    |v| 1 + v.as_ref().map_or(0, |x| x.encoded_len_with(CONTEXT)), |v, b| {
    match v {
        Some(x) => {
            b.put_u8(0xFF);
            x.encode_with(CONTEXT, b)
        }
        None => {
            b.put_u8(0);
            Ok(())
        }
    }
});
kind!(OptPropName: Option<(Guid, u32)>, |r| if present(r)? { Ok(Some((r.decode()?, r.u32()?))) } else { Ok(None) },
    |v| 1 + v.map_or(0, |_| 20), |v, b| {
    match v {
        Some((g, id)) => {
            b.put_u8(0xFF);
            g.encode(b)?;
            b.put_u32_le(*id);
        }
        None => b.put_u8(0),
    }
    Ok(())
});
kind!(OptStrings8: Option<Vec<String8>>, |r| if present(r)? {
    let n = r.u32()?;
    r.counted(u64::from(n), 1, "Count", String8Field::read).map(Some)
} else { Ok(None) }, |v| 1 + v.as_ref().map_or(0, |v| 4 + v.iter().map(String8Field::len).sum::<usize>()), |v, b| {
    match v {
        Some(v) => {
            b.put_u8(0xFF);
            b.put_u32_le(msox_codec::fit_u32(v.len(), "Count")?);
            for s in v {
                String8Field::write(s, b)?;
            }
        }
        None => b.put_u8(0),
    }
    Ok(())
});
kind!(OptWStrings: Option<Vec<Utf16String>>, |r| if present(r)? {
    let n = r.u32()?;
    r.counted(u64::from(n), 2, "Count", WString::read).map(Some)
} else { Ok(None) }, |v| 1 + v.as_ref().map_or(0, |v| 4 + v.iter().map(WString::len).sum::<usize>()), |v, b| {
    match v {
        Some(v) => {
            b.put_u8(0xFF);
            b.put_u32_le(msox_codec::fit_u32(v.len(), "Count")?);
            for s in v {
                WString::write(s, b)?;
            }
        }
        None => b.put_u8(0),
    }
    Ok(())
});
kind!(OptEntryIds: Option<Vec<Vec<u8>>>, |r| if present(r)? {
    let n = r.u32()?;
    r.counted(u64::from(n), 4, "EntryIdCount", |r| {
        let n = r.u32_usize()?;
        r.reserve_backed(n, "COUNT")?;
        Ok(r.bytes(n)?.to_vec())
    }).map(Some)
} else { Ok(None) }, |v| 1 + v.as_ref().map_or(0, |v| 4 + v.iter().map(|e| 4 + e.len()).sum::<usize>()), |v, b| {
    match v {
        Some(v) => {
            b.put_u8(0xFF);
            b.put_u32_le(msox_codec::fit_u32(v.len(), "EntryIdCount")?);
            for e in v {
                b.put_u32_le(msox_codec::fit_u32(e.len(), "COUNT")?);
                b.put_slice(e);
            }
        }
        None => b.put_u8(0),
    }
    Ok(())
});
kind!(OptSpecialRows: Option<Vec<AddressBookPropertyValueList>>, |r| if present(r)? {
    let n = r.u32()?;
    let mut i = 0;
    r.counted(u64::from(n), 4, "RowCount", |r| {
        i += 1;
        r.frame_indexed("Rows", i - 1, AddressBookPropertyValueList::decode)
    }).map(Some)
} else { Ok(None) }, |v| 1 + v.as_ref().map_or(0, |v| 4 + v.iter().map(Encode::encoded_len).sum::<usize>()), |v, b| {
    match v {
        Some(v) => {
            b.put_u8(0xFF);
            b.put_u32_le(msox_codec::fit_u32(v.len(), "RowCount")?);
            for x in v {
                x.encode(b)?;
            }
        }
        None => b.put_u8(0),
    }
    Ok(())
});
kind!(RopBuffer: Vec<u8>, |r| {
    let n = r.u32_usize()?;
    r.reserve_backed(n, "RopBufferSize")?;
    Ok(r.bytes(n)?.to_vec())
}, |v| 4 + v.len(), |v, b| {
    b.put_u32_le(msox_codec::fit_u32(v.len(), "RopBufferSize")?);
    b.put_slice(v);
    Ok(())
});

fn opt_write<K: Kind<T>, T, B: BufMut>(v: &Option<T>, b: &mut B) -> Result<()> {
    match v {
        Some(x) => {
            b.put_u8(0xFF);
            K::write(x, b)
        }
        None => {
            b.put_u8(0);
            Ok(())
        }
    }
}

fn opt_encode<T: Encode, B: BufMut>(v: &Option<T>, b: &mut B) -> Result<()> {
    match v {
        Some(x) => {
            b.put_u8(0xFF);
            x.encode(b)
        }
        None => {
            b.put_u8(0);
            Ok(())
        }
    }
}
