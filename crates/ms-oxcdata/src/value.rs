//! [MS-OXCDATA] 2.11.2-2.11.7: the wire codecs of property values —
//! PropertyValue, TypedPropertyValue, TaggedPropertyValue,
//! FlaggedPropertyValue (with and without type) and TypedString — and
//! the context that tells them the width of their counts.

use ms_dtyp::FileTime;
use msox_codec::bytes::BufMut;
use msox_codec::{
    CodePage, CountWidth, Decode, DecodeWith, Encode, EncodeWith, Error, ErrorKind, Reader, Result,
    ResultExt, String8, Utf16String,
};

use crate::borrowed::{
    BinaryListRef, CellRef, FixedListRef, FixedValue, FlaggedPropertyValueRef, PropertyValueRef,
    String8ListRef, String8Ref, Utf16ListRef, Utf16Ref,
};
use crate::error_code::ErrorCode;
use crate::property::{PropertyTag, PropertyType, PropertyValue, TaggedValue};

pub use crate::context::{ValueContext, ValueEncoding};

// ---------------------------------------------------------------------------
// PropertyType helpers

impl PropertyType {
    /// The type a value of a column or tag of this type has on the wire:
    /// a multiple-instance column (`0x3000` set, [MS-OXCDATA] 2.11.1.3)
    /// carries one value of the element type; otherwise the type itself.
    pub const fn value_type(self) -> PropertyType {
        let v = self.value();
        if v & 0x3000 == 0x3000 {
            PropertyType::from_value(v & !0x3000)
        } else {
            self
        }
    }
}

fn bad_type(r: &Reader<'_>, t: PropertyType, at: usize) -> Error {
    r.invalid_at("PropertyType", u64::from(t.value()), at)
}

// ---------------------------------------------------------------------------
// Strings

/// Reads a null-terminated UTF-16LE string, aligned on 2-byte units from
/// the current position.
pub(crate) fn read_wstring(r: &mut Reader<'_>) -> Result<Utf16String> {
    Utf16String::read_nul_terminated(r)
}

fn check_wstring(s: &Utf16String, field: &'static str) -> Result<()> {
    let ok = match s.raw_bytes() {
        Some(raw) => raw.len() % 2 == 0 && !raw.chunks_exact(2).any(|c| c == [0, 0]),
        None => !s.as_str().contains('\0'),
    };
    if ok {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::InvalidValue { field, value: 0 }))
    }
}

pub(crate) fn write_wstring<B: BufMut>(
    s: &Utf16String,
    field: &'static str,
    buf: &mut B,
) -> Result<()> {
    check_wstring(s, field)?;
    s.write_nul_terminated(buf);
    Ok(())
}

fn check_string8(s: &String8, field: &'static str) -> Result<()> {
    if s.bytes().contains(&0) {
        return Err(Error::new(ErrorKind::InvalidValue { field, value: 0 }));
    }
    Ok(())
}

pub(crate) fn write_string8<B: BufMut>(
    s: &String8,
    field: &'static str,
    buf: &mut B,
) -> Result<()> {
    check_string8(s, field)?;
    buf.put_slice(s.bytes());
    buf.put_u8(0);
    Ok(())
}

// ---------------------------------------------------------------------------
// PropertyValue

fn read_count(
    r: &mut Reader<'_>,
    w: CountWidth,
    min_size: usize,
    what: &'static str,
) -> Result<usize> {
    let n = w.read(r)?;
    r.check_count(u64::from(n), min_size, what)
}

/// A COUNT-prefixed run of bytes, borrowed; charged to the allocation
/// budget as the copy an owned decode makes (so both forms fail alike).
#[inline]
fn read_binary<'a>(r: &mut Reader<'a>, ctx: &ValueContext) -> Result<&'a [u8]> {
    let n = read_count(r, ctx.binary_count, 1, "COUNT")?;
    r.reserve_backed(n, "COUNT")?;
    r.bytes(n)
}

/// The index of the first 0x0000 code unit of UTF-16LE bytes (on a 2-byte
/// boundary), as [`Reader::utf16_nul_terminated`] finds it, four units at a
/// time.
#[inline]
fn find_utf16_nul(b: &[u8]) -> Option<usize> {
    const LO: u64 = 0x0001_0001_0001_0001;
    const HI: u64 = 0x8000_8000_8000_8000;
    let (words, tail) = b.as_chunks::<8>();
    for (i, w) in words.iter().enumerate() {
        let v = u64::from_le_bytes(*w);
        // a lane of 0 sets its top bit; borrows only reach lanes above the
        // first zero lane, so the lowest bit set is the first zero unit
        let z = v.wrapping_sub(LO) & !v & HI;
        if z != 0 {
            return Some(i * 4 + (z.trailing_zeros() / 16) as usize);
        }
    }
    let (pairs, _) = tail.as_chunks::<2>();
    pairs
        .iter()
        .position(|p| *p == [0, 0])
        .map(|k| words.len() * 4 + k)
}

/// The bytes of a null-terminated UTF-16LE string (terminator consumed,
/// not returned). Fails exactly as [`Utf16String::read_nul_terminated`]
/// (which it runs to report a failure, so the error has its frame).
#[inline]
fn read_wstring_bytes<'a>(r: &mut Reader<'a>) -> Result<&'a [u8]> {
    match find_utf16_nul(r.rest()) {
        Some(n) => {
            let s = r.bytes(n * 2 + 2)?;
            Ok(s.get(..n * 2).unwrap_or_default())
        }
        None => Err(match Utf16String::read_nul_terminated(r) {
            Err(e) => e,
            Ok(_) => r.malformed("UTF-16 terminator scans disagree"),
        }),
    }
}

/// The bytes of a null-terminated 8-bit string; fails exactly as
/// [`String8::read_nul_terminated`].
#[inline]
fn read_string8_bytes<'a>(r: &mut Reader<'a>, cp: CodePage) -> Result<&'a [u8]> {
    match r.bytes_nul_terminated() {
        Ok(b) => Ok(b),
        Err(e) => Err(String8::read_nul_terminated(r, cp).err().unwrap_or(e)),
    }
}

/// A PtypMultiple* value of fixed-size elements: the COUNT, checked
/// against the input and charged to the item budget, then the elements.
#[inline]
fn read_fixed_list<'a, T: FixedValue>(
    r: &mut Reader<'a>,
    ctx: &ValueContext,
) -> Result<FixedListRef<'a, T>> {
    let n = ctx.multi_count.read(r)?;
    let n = r.check_count(u64::from(n), T::SIZE, "COUNT")?;
    // check_count made sure the n elements fit in the window
    Ok(FixedListRef::new(r.bytes(n.saturating_mul(T::SIZE))?))
}

/// A PtypMultiple* value of variable-size elements: the COUNT, checked
/// and charged, then each element delimited by `f`. Returns the count and
/// the elements' bytes.
#[inline]
fn read_var_list<'a>(
    r: &mut Reader<'a>,
    ctx: &ValueContext,
    min_size: usize,
    mut f: impl FnMut(&mut Reader<'a>) -> Result<()>,
) -> Result<(u32, &'a [u8])> {
    let count = ctx.multi_count.read(r)?;
    let n = r.check_count(u64::from(count), min_size, "COUNT")?;
    let start = r.pos();
    for _ in 0..n {
        f(r)?;
    }
    Ok((count, r.since(start)))
}

/// Delimits a PtypRuleAction value ([MS-OXORULE] 2.2.5): NoOfActions, then
/// that many ActionBlocks each led by its ActionLength. Returns the bytes.
fn read_rule_action<'a>(r: &mut Reader<'a>, ctx: &ValueContext) -> Result<&'a [u8]> {
    r.frame("RuleAction", |r| {
        let start = r.pos();
        let w = ctx.restriction_count;
        let n = read_count(r, w, w.size(), "NoOfActions")?;
        for i in 0..n {
            r.frame_indexed("ActionBlock", i, |r| {
                let len = w.read(r)?;
                let len =
                    usize::try_from(len).map_err(|_| r.malformed("ActionLength too large"))?;
                r.skip(len)
            })?;
        }
        Ok(r.since(start))
    })
}

/// [MS-OXCDATA] 2.11.1 the one edge policy of PtypBoolean, applied by every
/// context codec (ROP, extended rules, TNEF, .msg, OAB, FastTransfer):
/// "restricted to 1 or 0". `raw` is the value as the context stores it (its
/// width is the context's business), read at position `at`. Strict refuses
/// any other value; lenient reports a defect and returns `None`, and the
/// caller keeps the value's bytes as a [`PropertyValue::Raw`] so it is
/// written back unchanged.
pub fn boolean_policy(r: &mut Reader<'_>, raw: u64, at: usize) -> Result<Option<bool>> {
    match raw {
        0 => Ok(Some(false)),
        1 => Ok(Some(true)),
        v => {
            r.defect_at(
                ErrorKind::InvalidValue {
                    field: "PtypBoolean",
                    value: v,
                },
                at,
                "value kept as read",
            )?;
            Ok(None)
        }
    }
}

/// [MS-OXCDATA] 2.11.1 the one policy for a property type the spec does not
/// define, read at position `at`: an error where the context cannot
/// delimit the value (ROP buffers, extended rules); where it can (TNEF,
/// .msg, FastTransfer lengths), strict refuses and lenient reports a defect
/// and the caller keeps the bytes as a [`PropertyValue::Raw`].
pub fn unknown_type_policy(
    r: &mut Reader<'_>,
    prop_type: PropertyType,
    at: usize,
    delimited: bool,
) -> Result<()> {
    let kind = ErrorKind::InvalidValue {
        field: "PropertyType",
        value: u64::from(prop_type.value()),
    };
    if delimited {
        r.defect_at(kind, at, "value kept as raw bytes")
    } else {
        Err(r.error_at(kind, at))
    }
}

/// [MS-OXCDATA] 2.11.1 the fixed-size property types, one table for every
/// context: reads a value of type `t` from the reader (the context has
/// already delimited and unpadded it) and applies the edge policy, in
/// `encoding`. Returns `Ok(None)` when `t` is not a fixed-size type.
/// The owned form of [`read_fixed_ref`].
pub fn read_fixed(
    r: &mut Reader<'_>,
    t: PropertyType,
    encoding: ValueEncoding,
) -> Result<Option<PropertyValue>> {
    Ok(read_fixed_ref(r, t, encoding)?.map(PropertyValueRef::into_owned))
}

/// [MS-OXCDATA] 2.11.1 the fixed-size property types (the table behind
/// [`read_fixed`]), borrowed form: a PtypBoolean other than 0 or 1 kept
/// leniently is a [`PropertyValueRef::Raw`] of the byte read. Each type
/// reads [`PropertyType::fixed_size`] bytes (PtypNull none).
#[inline]
pub fn read_fixed_ref<'a>(
    r: &mut Reader<'a>,
    t: PropertyType,
    encoding: ValueEncoding,
) -> Result<Option<PropertyValueRef<'a>>> {
    use PropertyType as T;
    use PropertyValueRef as V;
    Ok(Some(match t {
        T::Null => V::Null,
        T::Integer16 => V::Integer16(r.i16()?),
        T::Integer32 => V::Integer32(r.i32()?),
        T::Floating32 => V::Floating32(r.f32()?),
        T::Floating64 => V::Floating64(r.f64()?),
        T::Currency => V::Currency(r.i64()?),
        T::FloatingTime => V::FloatingTime(r.f64()?),
        T::ErrorCode => V::ErrorCode(r.u32()?),
        T::Boolean => {
            let at = r.pos();
            let b = r.u8()?;
            match boolean_policy(r, u64::from(b), at)? {
                Some(v) => V::Boolean(v),
                None => V::Raw {
                    prop_type: T::Boolean,
                    bytes: r.since(at),
                    encoding,
                },
            }
        }
        T::Integer64 => V::Integer64(r.i64()?),
        T::Time => V::Time(FileTime(r.u64()?)),
        T::Guid => V::Guid(r.decode()?),
        _ => return Ok(None),
    }))
}

/// Delimits a value of type `prop_type` in context `ctx` without building
/// it: the reads, checks, edge policy and budget of
/// [`PropertyValueRef::read`] (so the same errors at the same offsets, and
/// the same defects), nothing kept. Fixed-size types other than PtypBoolean
/// (which has a policy) are skipped by their [`PropertyType::fixed_size`].
///
/// ```
/// use ms_oxcdata::{PropertyType, ValueContext, skip_value};
/// use msox_codec::Reader;
/// let b = [b'H', 0, b'i', 0, 0, 0, 0x2A, 0, 0, 0];
/// let mut r = Reader::new(&b);
/// skip_value(&mut r, PropertyType::String, &ValueContext::ROP)?;
/// skip_value(&mut r, PropertyType::Integer32, &ValueContext::ROP)?;
/// assert!(r.is_empty());
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[inline]
pub fn skip_value(r: &mut Reader<'_>, prop_type: PropertyType, ctx: &ValueContext) -> Result<()> {
    let t = prop_type.value_type();
    match t.fixed_size() {
        Some(n) if t != PropertyType::Boolean => r.skip(n),
        _ => PropertyValueRef::read(r, prop_type, ctx).map(drop),
    }
}

impl<'a> PropertyValueRef<'a> {
    /// Reads a value of type `prop_type` ([MS-OXCDATA] 2.11.2 PropertyValue)
    /// in context `ctx`, borrowed from the input: the one type-dispatch
    /// table and edge policy of property values ([`PropertyValue::read`]
    /// is this and [`PropertyValueRef::into_owned`]).
    ///
    /// `prop_type` is the type the buffer declares (the tag's, the
    /// column's, or a TypedPropertyValue's). PtypUnspecified means the value
    /// is a TypedPropertyValue (2.11.3: its own type, then the value); a
    /// multiple-instance type (0x3000) means one value of the element type.
    /// Unknown types cannot be delimited and are an error.
    #[inline]
    pub fn read(r: &mut Reader<'a>, prop_type: PropertyType, ctx: &ValueContext) -> Result<Self> {
        let t = prop_type.value_type();
        match read_fixed_ref(r, t, ctx.encoding)? {
            Some(v) => Ok(v),
            None => Self::read_variable(r, prop_type, ctx),
        }
    }

    /// The types that are not of fixed size (see [`PropertyValueRef::read`]).
    fn read_variable(
        r: &mut Reader<'a>,
        prop_type: PropertyType,
        ctx: &ValueContext,
    ) -> Result<Self> {
        let t = prop_type.value_type();
        use PropertyType as T;
        use PropertyValueRef as V;
        let at = r.pos();
        Ok(match t {
            T::Unspecified => {
                return r.frame("TypedPropertyValue", |r| {
                    let at = r.pos();
                    let inner = PropertyType::from(r.u16()?);
                    // A nested PtypUnspecified would recurse; a multiple-instance
                    // type would lose its flag on the way back.
                    if inner.value_type() == T::Unspecified || inner.value_type() != inner {
                        return Err(bad_type(r, inner, at));
                    }
                    Self::read(r, inner, ctx)
                });
            }
            T::Object => V::Object(read_binary(r, ctx)?),
            T::String8 => V::String8(String8Ref::new(
                read_string8_bytes(r, ctx.code_page)?,
                ctx.code_page,
            )),
            T::String => V::String(Utf16Ref::new(read_wstring_bytes(r)?)),
            T::ServerId => {
                let n = read_count(r, CountWidth::U16, 1, "COUNT")?;
                r.reserve_backed(n, "COUNT")?;
                V::ServerId(r.bytes(n)?)
            }
            T::Restriction => {
                V::Restriction(Box::new(crate::restriction::Restriction::read(r, ctx)?))
            }
            T::RuleAction => V::RuleAction {
                bytes: read_rule_action(r, ctx)?,
                encoding: ctx.encoding,
            },
            T::Binary => V::Binary(read_binary(r, ctx)?),
            T::MultipleInteger16 => V::MultipleInteger16(read_fixed_list(r, ctx)?),
            T::MultipleInteger32 => V::MultipleInteger32(read_fixed_list(r, ctx)?),
            T::MultipleFloating32 => V::MultipleFloating32(read_fixed_list(r, ctx)?),
            T::MultipleFloating64 => V::MultipleFloating64(read_fixed_list(r, ctx)?),
            T::MultipleCurrency => V::MultipleCurrency(read_fixed_list(r, ctx)?),
            T::MultipleFloatingTime => V::MultipleFloatingTime(read_fixed_list(r, ctx)?),
            T::MultipleInteger64 => V::MultipleInteger64(read_fixed_list(r, ctx)?),
            T::MultipleString8 => {
                let cp = ctx.code_page;
                let (n, b) = read_var_list(r, ctx, 1, |r| read_string8_bytes(r, cp).map(drop))?;
                V::MultipleString8(String8ListRef::new(n, b, cp))
            }
            T::MultipleString => {
                let (n, b) = read_var_list(r, ctx, 2, |r| read_wstring_bytes(r).map(drop))?;
                V::MultipleString(Utf16ListRef::new(n, b))
            }
            T::MultipleTime => V::MultipleTime(read_fixed_list(r, ctx)?),
            T::MultipleGuid => V::MultipleGuid(read_fixed_list(r, ctx)?),
            T::MultipleBinary => {
                let w = ctx.binary_count;
                let (n, b) = read_var_list(r, ctx, w.size(), |r| read_binary(r, ctx).map(drop))?;
                V::MultipleBinary(BinaryListRef::new(n, b, w))
            }
            // Neither ROP buffers nor extended rules delimit a value of a
            // type the spec does not define.
            _ => {
                unknown_type_policy(r, prop_type, at, false)?;
                return Err(bad_type(r, prop_type, at));
            }
        })
    }
}

impl<'a> DecodeWith<'a, (PropertyType, ValueContext)> for PropertyValueRef<'a> {
    fn decode_with(r: &mut Reader<'a>, (t, ctx): (PropertyType, ValueContext)) -> Result<Self> {
        PropertyValueRef::read(r, t, &ctx)
    }
}

impl PropertyValue {
    /// Reads a value of type `prop_type` ([MS-OXCDATA] 2.11.2 PropertyValue)
    /// in context `ctx`.
    ///
    /// `prop_type` is the type the buffer declares (the tag's, the
    /// column's, or a TypedPropertyValue's). PtypUnspecified means the value
    /// is a TypedPropertyValue (2.11.3: its own type, then the value); a
    /// multiple-instance type (0x3000) means one value of the element type.
    /// Unknown types cannot be delimited and are an error.
    ///
    /// This is [`PropertyValueRef::read`] (the one dispatch table and edge
    /// policy) followed by [`PropertyValueRef::into_owned`].
    #[inline]
    pub fn read(r: &mut Reader<'_>, prop_type: PropertyType, ctx: &ValueContext) -> Result<Self> {
        PropertyValueRef::read(r, prop_type, ctx).map(PropertyValueRef::into_owned)
    }

    /// Checks that this value can be written where the buffer declares
    /// type `prop_type`.
    fn check_type(&self, prop_type: PropertyType) -> Result<()> {
        let t = prop_type.value_type();
        let mine = self.prop_type();
        if t == PropertyType::Unspecified && mine.value_type() != PropertyType::Unspecified {
            return Ok(());
        }
        if mine != t {
            return Err(Error::new(ErrorKind::InvalidValue {
                field: "PropertyType",
                value: u64::from(mine.value()),
            })
            .context("PropertyValue"));
        }
        Ok(())
    }

    /// Bytes [`PropertyValue::write`] writes for declared type `prop_type`.
    pub fn wire_len(&self, prop_type: PropertyType, ctx: &ValueContext) -> usize {
        use PropertyValue as V;
        let typed = if prop_type.value_type() == PropertyType::Unspecified {
            2
        } else {
            0
        };
        let b = ctx.binary_count.size();
        let m = ctx.multi_count.size();
        typed
            + match self {
                V::Null => 0,
                V::Integer16(_) => 2,
                V::Integer32(_) | V::Floating32(_) | V::ErrorCode(_) => 4,
                V::Floating64(_)
                | V::Currency(_)
                | V::FloatingTime(_)
                | V::Integer64(_)
                | V::Time(_) => 8,
                V::Boolean(_) => 1,
                V::Guid(_) => 16,
                V::Object(v) | V::Binary(v) => b + v.len(),
                V::String8(s) => s.bytes().len() + 1,
                V::String(s) => s.byte_len() + 2,
                V::ServerId(v) => 2 + v.len(),
                V::Restriction(x) => x.wire_len(ctx),
                V::RuleAction { bytes, .. } => bytes.len(),
                V::MultipleInteger16(v) => m + 2 * v.len(),
                V::MultipleInteger32(v) => m + 4 * v.len(),
                V::MultipleFloating32(v) => m + 4 * v.len(),
                V::MultipleFloating64(v) | V::MultipleFloatingTime(v) => m + 8 * v.len(),
                V::MultipleCurrency(v) | V::MultipleInteger64(v) => m + 8 * v.len(),
                V::MultipleTime(v) => m + 8 * v.len(),
                V::MultipleGuid(v) => m + 16 * v.len(),
                V::MultipleString8(v) => m + v.iter().map(|s| s.bytes().len() + 1).sum::<usize>(),
                V::MultipleString(v) => m + v.iter().map(|s| s.byte_len() + 2).sum::<usize>(),
                V::MultipleBinary(v) => m + v.iter().map(|x| b + x.len()).sum::<usize>(),
                V::Raw { bytes, .. } => bytes.len(),
            }
    }

    /// Writes the value where the buffer declares type `prop_type` (see
    /// [`PropertyValue::read`]). Fails when the value is not of that type,
    /// when a count does not fit its field, when a string holds a null
    /// character, or for bytes kept from another encoding
    /// ([`PropertyValue::Raw`], [`PropertyValue::RuleAction`]).
    pub fn write<B: BufMut>(
        &self,
        prop_type: PropertyType,
        ctx: &ValueContext,
        buf: &mut B,
    ) -> Result<()> {
        use PropertyValue as V;
        self.check_type(prop_type)?;
        if prop_type.value_type() == PropertyType::Unspecified {
            buf.put_u16_le(self.prop_type().value());
        }
        let bw = ctx.binary_count;
        let mw = ctx.multi_count;
        let bin = |v: &[u8], buf: &mut B| -> Result<()> {
            bw.write(v.len(), "COUNT", buf)?;
            buf.put_slice(v);
            Ok(())
        };
        match self {
            V::Null => {}
            V::Integer16(v) => buf.put_i16_le(*v),
            V::Integer32(v) => buf.put_i32_le(*v),
            V::Floating32(v) => buf.put_f32_le(*v),
            V::Floating64(v) | V::FloatingTime(v) => buf.put_f64_le(*v),
            V::Currency(v) | V::Integer64(v) => buf.put_i64_le(*v),
            V::ErrorCode(v) => buf.put_u32_le(*v),
            V::Boolean(v) => buf.put_u8(u8::from(*v)),
            V::Object(v) | V::Binary(v) => bin(v, buf)?,
            V::String8(s) => write_string8(s, "PtypString8", buf)?,
            V::String(s) => write_wstring(s, "PtypString", buf)?,
            V::Time(t) => buf.put_u64_le(t.0),
            V::Guid(g) => g.encode(buf)?,
            V::ServerId(v) => {
                CountWidth::U16.write(v.len(), "COUNT", buf)?;
                buf.put_slice(v);
            }
            V::Restriction(x) => x.write(ctx, buf)?,
            V::RuleAction { bytes, encoding }
            | V::Raw {
                bytes, encoding, ..
            } => {
                if *encoding != ctx.encoding {
                    return Err(Error::new(ErrorKind::Unsupported(
                        format!(
                            "a {} value kept as bytes of the {encoding:?} encoding cannot be written into {:?}",
                            self.prop_type(),
                            ctx.encoding
                        )
                        .into(),
                    ))
                    .context("PropertyValue"));
                }
                buf.put_slice(bytes)
            }
            V::MultipleInteger16(v) => {
                mw.write(v.len(), "COUNT", buf)?;
                v.iter().for_each(|x| buf.put_i16_le(*x));
            }
            V::MultipleInteger32(v) => {
                mw.write(v.len(), "COUNT", buf)?;
                v.iter().for_each(|x| buf.put_i32_le(*x));
            }
            V::MultipleFloating32(v) => {
                mw.write(v.len(), "COUNT", buf)?;
                v.iter().for_each(|x| buf.put_f32_le(*x));
            }
            V::MultipleFloating64(v) | V::MultipleFloatingTime(v) => {
                mw.write(v.len(), "COUNT", buf)?;
                v.iter().for_each(|x| buf.put_f64_le(*x));
            }
            V::MultipleCurrency(v) | V::MultipleInteger64(v) => {
                mw.write(v.len(), "COUNT", buf)?;
                v.iter().for_each(|x| buf.put_i64_le(*x));
            }
            V::MultipleTime(v) => {
                mw.write(v.len(), "COUNT", buf)?;
                v.iter().for_each(|x| buf.put_u64_le(x.0));
            }
            V::MultipleGuid(v) => {
                mw.write(v.len(), "COUNT", buf)?;
                for g in v {
                    g.encode(buf)?;
                }
            }
            V::MultipleString8(v) => {
                mw.write(v.len(), "COUNT", buf)?;
                for s in v {
                    write_string8(s, "PtypMultipleString8", buf)?;
                }
            }
            V::MultipleString(v) => {
                mw.write(v.len(), "COUNT", buf)?;
                for s in v {
                    write_wstring(s, "PtypMultipleString", buf)?;
                }
            }
            V::MultipleBinary(v) => {
                mw.write(v.len(), "COUNT", buf)?;
                for x in v {
                    bin(x, buf)?;
                }
            }
        }
        Ok(())
    }

    /// For a PtypRestriction value: the restriction.
    pub fn restriction(&self) -> Option<&crate::restriction::Restriction> {
        match self {
            PropertyValue::Restriction(x) => Some(x),
            _ => None,
        }
    }

    /// For a PtypServerId value: its structure ([MS-OXCDATA] 2.11.1.4).
    pub fn server_id(&self) -> Option<Result<crate::ids::ServerId>> {
        match self {
            PropertyValue::ServerId(b) => Some(crate::ids::ServerId::decode_exact(b)),
            _ => None,
        }
    }
}

/// [MS-OXCDATA] 2.11.2 PropertyValue: the value alone; its type comes from
/// the context (the tag, the column or a TypedPropertyValue).
impl<'a> DecodeWith<'a, (PropertyType, ValueContext)> for PropertyValue {
    fn decode_with(r: &mut Reader<'a>, (t, ctx): (PropertyType, ValueContext)) -> Result<Self> {
        PropertyValue::read(r, t, &ctx)
    }
}

impl EncodeWith<(PropertyType, ValueContext)> for PropertyValue {
    fn encoded_len_with(&self, (t, ctx): (PropertyType, ValueContext)) -> usize {
        self.wire_len(t, &ctx)
    }
    fn encode_with<B: BufMut>(
        &self,
        (t, ctx): (PropertyType, ValueContext),
        buf: &mut B,
    ) -> Result<()> {
        self.write(t, &ctx, buf)
    }
}

// ---------------------------------------------------------------------------
// TypedPropertyValue

/// [MS-OXCDATA] 2.11.3 TypedPropertyValue Structure: PropertyType (2 bytes)
/// then a PropertyValue of that type.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TypedPropertyValue(pub PropertyValue);

impl<'a> DecodeWith<'a, ValueContext> for TypedPropertyValue {
    fn decode_with(r: &mut Reader<'a>, ctx: ValueContext) -> Result<Self> {
        PropertyValue::read(r, PropertyType::Unspecified, &ctx).map(TypedPropertyValue)
    }
}

impl EncodeWith<ValueContext> for TypedPropertyValue {
    fn encoded_len_with(&self, ctx: ValueContext) -> usize {
        self.0.wire_len(PropertyType::Unspecified, &ctx)
    }
    fn encode_with<B: BufMut>(&self, ctx: ValueContext, buf: &mut B) -> Result<()> {
        self.0
            .write(PropertyType::Unspecified, &ctx, buf)
            .context("TypedPropertyValue")
    }
}

// ---------------------------------------------------------------------------
// TaggedPropertyValue

/// [MS-OXCDATA] 2.11.4 TaggedPropertyValue Structure: the wire name of
/// [`TaggedValue`] (a PropertyTag, then a PropertyValue of the tag's type).
pub type TaggedPropertyValue = TaggedValue;

impl TaggedValue {
    /// Reads a TaggedPropertyValue ([MS-OXCDATA] 2.11.4).
    pub fn read(r: &mut Reader<'_>, ctx: &ValueContext) -> Result<Self> {
        r.frame("TaggedPropertyValue", |r| {
            let tag: PropertyTag = r.decode()?;
            let value = PropertyValue::read(r, tag.prop_type, ctx)?;
            Ok(TaggedValue { tag, value })
        })
    }

    /// Bytes [`TaggedValue::write`] writes.
    pub fn wire_len(&self, ctx: &ValueContext) -> usize {
        4 + self.value.wire_len(self.tag.prop_type, ctx)
    }

    /// Writes a TaggedPropertyValue; the value must be of the tag's type.
    pub fn write<B: BufMut>(&self, ctx: &ValueContext, buf: &mut B) -> Result<()> {
        self.tag.encode(buf)?;
        self.value
            .write(self.tag.prop_type, ctx, buf)
            .context("TaggedPropertyValue")
    }
}

impl<'a> DecodeWith<'a, ValueContext> for TaggedValue {
    fn decode_with(r: &mut Reader<'a>, ctx: ValueContext) -> Result<Self> {
        let v = TaggedValue::read(r, &ctx)?;
        Ok(v)
    }
}

impl EncodeWith<ValueContext> for TaggedValue {
    fn encoded_len_with(&self, ctx: ValueContext) -> usize {
        self.wire_len(&ctx)
    }
    fn encode_with<B: BufMut>(&self, ctx: ValueContext, buf: &mut B) -> Result<()> {
        self.write(&ctx, buf)
    }
}

// ---------------------------------------------------------------------------
// FlaggedPropertyValue

/// [MS-OXCDATA] 2.11.5 FlaggedPropertyValue Structure: a Flag byte, then a
/// value (0x00), nothing (0x01) or an error code (0x0A).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum FlaggedPropertyValue {
    /// Flag 0x00: the value, of the column's type.
    Value(PropertyValue),
    /// Flag 0x01: the property has no value (PropertyValue absent).
    NotPresent,
    /// Flag 0x0A: a PtypErrorCode value (2.4) saying why there is none.
    Error(ErrorCode),
}

impl FlaggedPropertyValue {
    /// The Flag byte of this value.
    pub const fn flag(&self) -> u8 {
        match self {
            FlaggedPropertyValue::Value(_) => 0x00,
            FlaggedPropertyValue::NotPresent => 0x01,
            FlaggedPropertyValue::Error(_) => 0x0A,
        }
    }

    /// Reads a FlaggedPropertyValue for a column of type `prop_type`
    /// (which must not be PtypUnspecified: that column carries
    /// [`FlaggedPropertyValueWithType`]). [`FlaggedPropertyValueRef::read`]
    /// and [`FlaggedPropertyValueRef::into_owned`].
    pub fn read(r: &mut Reader<'_>, prop_type: PropertyType, ctx: &ValueContext) -> Result<Self> {
        FlaggedPropertyValueRef::read(r, prop_type, ctx).map(FlaggedPropertyValueRef::into_owned)
    }

    /// Bytes [`FlaggedPropertyValue::write`] writes.
    pub fn wire_len(&self, prop_type: PropertyType, ctx: &ValueContext) -> usize {
        1 + match self {
            FlaggedPropertyValue::Value(v) => v.wire_len(prop_type, ctx),
            FlaggedPropertyValue::NotPresent => 0,
            FlaggedPropertyValue::Error(_) => 4,
        }
    }

    /// Writes the flag and what follows it for a column of type `prop_type`.
    pub fn write<B: BufMut>(
        &self,
        prop_type: PropertyType,
        ctx: &ValueContext,
        buf: &mut B,
    ) -> Result<()> {
        buf.put_u8(self.flag());
        match self {
            FlaggedPropertyValue::Value(v) => {
                v.write(prop_type, ctx, buf).context("FlaggedPropertyValue")
            }
            FlaggedPropertyValue::NotPresent => Ok(()),
            FlaggedPropertyValue::Error(e) => {
                buf.put_u32_le(e.value());
                Ok(())
            }
        }
    }
}

impl<'a> DecodeWith<'a, (PropertyType, ValueContext)> for FlaggedPropertyValue {
    fn decode_with(r: &mut Reader<'a>, (t, ctx): (PropertyType, ValueContext)) -> Result<Self> {
        FlaggedPropertyValue::read(r, t, &ctx)
    }
}

impl EncodeWith<(PropertyType, ValueContext)> for FlaggedPropertyValue {
    fn encoded_len_with(&self, (t, ctx): (PropertyType, ValueContext)) -> usize {
        self.wire_len(t, &ctx)
    }
    fn encode_with<B: BufMut>(
        &self,
        (t, ctx): (PropertyType, ValueContext),
        buf: &mut B,
    ) -> Result<()> {
        self.write(t, &ctx, buf)
    }
}

impl<'a> FlaggedPropertyValueRef<'a> {
    /// Reads a FlaggedPropertyValue for a column of type `prop_type`, borrowed
    /// (see [`FlaggedPropertyValue::read`]).
    pub fn read(r: &mut Reader<'a>, prop_type: PropertyType, ctx: &ValueContext) -> Result<Self> {
        r.frame("FlaggedPropertyValue", |r| {
            if prop_type.value_type() == PropertyType::Unspecified {
                return Err(bad_type(r, prop_type, r.pos()));
            }
            Self::read_after_type(r, prop_type, ctx)
        })
    }

    #[inline]
    fn read_after_type(
        r: &mut Reader<'a>,
        prop_type: PropertyType,
        ctx: &ValueContext,
    ) -> Result<Self> {
        let at = r.pos();
        Ok(match r.u8()? {
            0x00 => FlaggedPropertyValueRef::Value(PropertyValueRef::read(r, prop_type, ctx)?),
            0x01 => FlaggedPropertyValueRef::NotPresent,
            0x0A => FlaggedPropertyValueRef::Error(ErrorCode::from(r.u32()?)),
            f => return Err(r.invalid_at("Flag", u64::from(f), at)),
        })
    }
}

impl<'a> CellRef<'a> {
    /// Reads a FlaggedPropertyValueWithType ([MS-OXCDATA] 2.11.6), borrowed.
    pub fn read_with_type(r: &mut Reader<'a>, ctx: &ValueContext) -> Result<Self> {
        r.frame("FlaggedPropertyValueWithType", |r| {
            let at = r.pos();
            let prop_type = PropertyType::from(r.u16()?);
            if prop_type.value_type() == PropertyType::Unspecified {
                return Err(bad_type(r, prop_type, at));
            }
            let value = FlaggedPropertyValueRef::read_after_type(r, prop_type, ctx)?;
            Ok(CellRef { prop_type, value })
        })
    }

    /// Reads the cell of a column of type `column` in a row whose Flag says
    /// `flagged` ([MS-OXCDATA] 2.8.1.1 / 2.8.1.2): a PropertyValue
    /// (TypedPropertyValue for PtypUnspecified) in a StandardPropertyRow; a
    /// FlaggedPropertyValue (FlaggedPropertyValueWithType for
    /// PtypUnspecified) in a FlaggedPropertyRow.
    #[inline]
    pub fn read_in_row(
        r: &mut Reader<'a>,
        flagged: bool,
        column: PropertyType,
        ctx: &ValueContext,
    ) -> Result<Self> {
        let unspecified = column.value_type() == PropertyType::Unspecified;
        if !flagged {
            let v = PropertyValueRef::read(r, column, ctx)?;
            Ok(CellRef {
                prop_type: if unspecified { v.prop_type() } else { column },
                value: FlaggedPropertyValueRef::Value(v),
            })
        } else if unspecified {
            Self::read_with_type(r, ctx)
        } else {
            Ok(CellRef {
                prop_type: column,
                value: FlaggedPropertyValueRef::read(r, column, ctx)?,
            })
        }
    }
}

/// [MS-OXCDATA] 2.11.6 FlaggedPropertyValueWithType Structure:
/// PropertyType (2 bytes), Flag (1 byte), then as in
/// [`FlaggedPropertyValue`]. Used for PtypUnspecified columns of a
/// flagged PropertyRow.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FlaggedPropertyValueWithType {
    /// PropertyType: the type of the value (written even when there is none).
    pub prop_type: PropertyType,
    /// Flag and value.
    pub value: FlaggedPropertyValue,
}

impl FlaggedPropertyValueWithType {
    /// Reads a FlaggedPropertyValueWithType ([`CellRef::read_with_type`]
    /// and [`CellRef::into_owned`]).
    pub fn read(r: &mut Reader<'_>, ctx: &ValueContext) -> Result<Self> {
        CellRef::read_with_type(r, ctx).map(CellRef::into_owned)
    }

    /// Bytes [`FlaggedPropertyValueWithType::write`] writes.
    pub fn wire_len(&self, ctx: &ValueContext) -> usize {
        2 + self.value.wire_len(self.prop_type, ctx)
    }

    /// Writes it; a value must be of `prop_type`.
    pub fn write<B: BufMut>(&self, ctx: &ValueContext, buf: &mut B) -> Result<()> {
        if self.prop_type.value_type() == PropertyType::Unspecified {
            return Err(Error::new(ErrorKind::InvalidValue {
                field: "PropertyType",
                value: u64::from(self.prop_type.value()),
            })
            .context("FlaggedPropertyValueWithType"));
        }
        buf.put_u16_le(self.prop_type.value());
        self.value
            .write(self.prop_type, ctx, buf)
            .context("FlaggedPropertyValueWithType")
    }
}

impl<'a> DecodeWith<'a, ValueContext> for FlaggedPropertyValueWithType {
    fn decode_with(r: &mut Reader<'a>, ctx: ValueContext) -> Result<Self> {
        let v = FlaggedPropertyValueWithType::read(r, &ctx)?;
        Ok(v)
    }
}

impl EncodeWith<ValueContext> for FlaggedPropertyValueWithType {
    fn encoded_len_with(&self, ctx: ValueContext) -> usize {
        self.wire_len(&ctx)
    }
    fn encode_with<B: BufMut>(&self, ctx: ValueContext, buf: &mut B) -> Result<()> {
        self.write(&ctx, buf)
    }
}

// ---------------------------------------------------------------------------
// TypedString

/// [MS-OXCDATA] 2.11.7 TypedString Structure: a StringType byte, then
/// (for types 0x02-0x04) a null-terminated string. ROPs such as
/// RopOpenMessage use it to send short strings compactly.
///
/// ```
/// use ms_oxcdata::TypedString;
/// use msox_codec::{CodePage, DecodeWith, EncodeWith};
/// let s = TypedString::decode_exact_with(&[0x03, b'H', b'i', 0], CodePage::WINDOWS_1252).unwrap();
/// assert_eq!(s.to_string_lossy(), "Hi");
/// assert_eq!(s.to_vec_with(CodePage::WINDOWS_1252).unwrap(), [0x03, b'H', b'i', 0]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TypedString {
    /// 0x00: there is no string.
    NoString,
    /// 0x01: the string is empty.
    Empty,
    /// 0x02: an 8-bit string in the logon's code page.
    String8(String8),
    /// 0x03: a reduced Unicode string: every character is below U+0100
    /// and only its low byte is sent (the bytes as read).
    ReducedUnicode(Vec<u8>),
    /// 0x04: a UTF-16LE string.
    Unicode(Utf16String),
}

impl TypedString {
    /// The StringType byte.
    pub const fn string_type(&self) -> u8 {
        match self {
            TypedString::NoString => 0,
            TypedString::Empty => 1,
            TypedString::String8(_) => 2,
            TypedString::ReducedUnicode(_) => 3,
            TypedString::Unicode(_) => 4,
        }
    }

    /// The text (lossy for invalid data; empty for `NoString`).
    pub fn to_string_lossy(&self) -> String {
        match self {
            TypedString::NoString | TypedString::Empty => String::new(),
            TypedString::String8(s) => s.to_string_lossy().into_owned(),
            TypedString::ReducedUnicode(b) => b.iter().map(|&c| char::from(c)).collect(),
            TypedString::Unicode(s) => s.as_str().to_string(),
        }
    }
}

impl<'a> DecodeWith<'a, CodePage> for TypedString {
    fn decode_with(r: &mut Reader<'a>, cp: CodePage) -> Result<Self> {
        r.frame("TypedString", |r| {
            let at = r.pos();
            Ok(match r.u8()? {
                0 => TypedString::NoString,
                1 => TypedString::Empty,
                2 => TypedString::String8(String8::read_nul_terminated(r, cp)?),
                3 => TypedString::ReducedUnicode(String8::read_nul_terminated(r, cp)?.into_bytes()),
                4 => TypedString::Unicode(read_wstring(r)?),
                t => return Err(r.invalid_at("StringType", u64::from(t), at)),
            })
        })
    }
}

impl EncodeWith<CodePage> for TypedString {
    fn encoded_len_with(&self, _: CodePage) -> usize {
        1 + match self {
            TypedString::NoString | TypedString::Empty => 0,
            TypedString::String8(s) => s.bytes().len() + 1,
            TypedString::ReducedUnicode(b) => b.len() + 1,
            TypedString::Unicode(s) => s.byte_len() + 2,
        }
    }
    fn encode_with<B: BufMut>(&self, _: CodePage, buf: &mut B) -> Result<()> {
        buf.put_u8(self.string_type());
        match self {
            TypedString::NoString | TypedString::Empty => Ok(()),
            TypedString::String8(s) => write_string8(s, "TypedString", buf),
            TypedString::ReducedUnicode(b) => {
                if b.contains(&0) {
                    return Err(Error::new(ErrorKind::InvalidValue {
                        field: "TypedString",
                        value: 0,
                    }));
                }
                buf.put_slice(b);
                buf.put_u8(0);
                Ok(())
            }
            TypedString::Unicode(s) => write_wstring(s, "TypedString", buf),
        }
    }
}

// ---------------------------------------------------------------------------
// PropertyTagArray

/// A count of property tags, then the tags: the PropertyTagCount /
/// PropertyTags pair of many ROPs ([MS-OXCROPS] RopSetColumns,
/// RopGetPropertiesSpecific) and the column set of a PropertyRow (2.8.1).
/// The count is 16 bits by [`Decode`]; [`DecodeWith<CountWidth>`] takes
/// the width explicitly.
///
/// ```
/// use ms_oxcdata::{PropertyTagArray, PropertyTag, PropertyType};
/// use msox_codec::{Decode, Encode};
/// let a = PropertyTagArray::decode_exact(&[1, 0, 0x1F, 0, 0x37, 0]).unwrap();
/// assert_eq!(a.0, [PropertyTag::new(0x37, PropertyType::String)]);
/// assert_eq!(a.to_vec().unwrap(), [1, 0, 0x1F, 0, 0x37, 0]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropertyTagArray(pub Vec<PropertyTag>);

impl<'a> DecodeWith<'a, CountWidth> for PropertyTagArray {
    fn decode_with(r: &mut Reader<'a>, w: CountWidth) -> Result<Self> {
        r.frame("PropertyTagArray", |r| {
            let n = w.read(r)?;
            let tags = r.counted(u64::from(n), 4, "PropertyTagCount", |r| {
                r.decode::<PropertyTag>()
            })?;
            Ok(PropertyTagArray(tags))
        })
    }
}

impl EncodeWith<CountWidth> for PropertyTagArray {
    fn encoded_len_with(&self, w: CountWidth) -> usize {
        w.size() + 4 * self.0.len()
    }
    fn encode_with<B: BufMut>(&self, w: CountWidth, buf: &mut B) -> Result<()> {
        w.write(self.0.len(), "PropertyTagCount", buf)?;
        for t in &self.0 {
            t.encode(buf)?;
        }
        Ok(())
    }
}

impl<'a> Decode<'a> for PropertyTagArray {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Self::decode_with(r, CountWidth::U16)
    }
}

impl Encode for PropertyTagArray {
    fn encoded_len(&self) -> usize {
        self.encoded_len_with(CountWidth::U16)
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.encode_with(CountWidth::U16, buf)
    }
}

// ---------------------------------------------------------------------------
// Flag-selected strings

/// A null-terminated string that a flag declares UTF-16LE or 8-bit
/// (One-Off EntryID's U flag, 2.2.5.1; RecipientRow's U flag, 2.8.3.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum MapiString {
    /// UTF-16LE with a 2-byte terminator.
    Unicode(Utf16String),
    /// 8-bit (in a code page) with a 1-byte terminator.
    String8(String8),
}

impl MapiString {
    /// Reads a string; `unicode` says which kind.
    pub fn read(r: &mut Reader<'_>, unicode: bool, cp: CodePage) -> Result<Self> {
        Ok(if unicode {
            MapiString::Unicode(read_wstring(r)?)
        } else {
            MapiString::String8(String8::read_nul_terminated(r, cp)?)
        })
    }

    /// Whether this is the UTF-16 kind.
    pub const fn is_unicode(&self) -> bool {
        matches!(self, MapiString::Unicode(_))
    }

    /// Bytes written, terminator included.
    pub fn wire_len(&self) -> usize {
        match self {
            MapiString::Unicode(s) => s.byte_len() + 2,
            MapiString::String8(s) => s.bytes().len() + 1,
        }
    }

    /// Writes the string and its terminator; `unicode` must agree with the kind.
    pub fn write<B: BufMut>(&self, unicode: bool, field: &'static str, buf: &mut B) -> Result<()> {
        match self {
            MapiString::Unicode(s) if unicode => write_wstring(s, field, buf),
            MapiString::String8(s) if !unicode => write_string8(s, field, buf),
            _ => Err(Error::new(ErrorKind::Malformed(
                format!("{field}: string kind disagrees with the U flag").into(),
            ))),
        }
    }

    /// The text (lossy for invalid data).
    pub fn to_string_lossy(&self) -> String {
        match self {
            MapiString::Unicode(s) => s.as_str().to_string(),
            MapiString::String8(s) => s.to_string_lossy().into_owned(),
        }
    }
}

impl std::fmt::Display for MapiString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_string_lossy())
    }
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_utf16_terminator_scan_agrees_with_the_reader() {
        // every placement of up to two zero units (and odd zero bytes) in
        // strings of up to 24 bytes
        let mut cases = Vec::new();
        for len in 0..24usize {
            for a in 0..=len {
                for b in a..=len {
                    let mut v: Vec<u8> = (0..len).map(|i| (i as u8 % 7) + 1).collect();
                    if a + 1 < len {
                        v[a] = 0;
                        v[a + 1] = 0;
                    }
                    if b < len {
                        v[b] = 0;
                    }
                    cases.push(v);
                }
            }
        }
        cases.push(vec![0x00, 0x01, 0x00, 0x00]);
        cases.push(vec![0x01, 0x00, 0x00, 0x01, 0x00, 0x00]);
        cases.push(vec![0xFF; 40]);
        for c in cases {
            let mut r = Reader::new(&c);
            let expected = r.utf16_nul_terminated().ok().map(|s| s.len() / 2);
            assert_eq!(find_utf16_nul(&c), expected, "{c:02X?}");
        }
    }

    #[test]
    fn skip_value_reads_what_read_reads() {
        // every defined type, from a buffer of zeros (counts of 0) and cut
        // at every length: the same end, the same error, the same defects
        let buf = [0u8; 40];
        let mut types: Vec<PropertyType> = (0u16..=0x1102).map(PropertyType::from_value).collect();
        types.push(PropertyType::from_value(0x3003));
        for ctx in [ValueContext::ROP, ValueContext::EXTENDED_RULE] {
            for &t in &types {
                for cut in 0..buf.len() {
                    for opts in [
                        msox_codec::Options::strict(),
                        msox_codec::Options::lenient(),
                    ] {
                        let b = &buf[..cut];
                        let mut r1 = Reader::with_options(b, &opts);
                        let mut r2 = Reader::with_options(b, &opts);
                        let a = PropertyValueRef::read(&mut r1, t, &ctx).map(drop);
                        let s = skip_value(&mut r2, t, &ctx);
                        assert_eq!(a, s, "{t} cut {cut}");
                        assert_eq!(r1.pos(), r2.pos(), "{t} cut {cut}");
                        assert_eq!(r1.defects(), r2.defects(), "{t} cut {cut}");
                    }
                }
            }
            // a boolean of 2 goes through the policy
            let mut r = Reader::with_options(&[2], &msox_codec::Options::lenient());
            skip_value(&mut r, PropertyType::Boolean, &ctx).unwrap();
            assert_eq!(r.defects().len(), 1);
        }
    }
}
