//! [MS-OXOCAL] 2.2.1.27 PidLidGlobalObjectId and 2.2.1.28
//! PidLidCleanGlobalObjectId: the identifier shared by every copy of a
//! meeting, and its iCalendar UID form ([MS-OXCICAL] 2.1.3.1.1.20.26).

use std::fmt;

use ms_dtyp::FileTime;
use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, ErrorKind, Reader, Result, fit_u32};

/// The Byte Array ID every Global Object ID starts with ([MS-OXOCAL]
/// 2.2.1.27).
pub const BYTE_ARRAY_ID: [u8; 16] = [
    0x04, 0x00, 0x00, 0x00, 0x82, 0x00, 0xE0, 0x00, 0x74, 0xC5, 0xB7, 0x10, 0x1A, 0x82, 0xE0, 0x08,
];

/// The signature that starts the Data of a Global Object ID made from a
/// third-party iCalendar UID ([MS-OXCICAL] 2.1.3.1.1.20.26), followed by a
/// 32-bit 1, the UID's UTF-8 bytes and a NUL.
pub const VCAL_UID: [u8; 8] = *b"vCal-Uid";

/// The 32-bit value after [`VCAL_UID`] (little-endian 1).
const VCAL_UID_VERSION: [u8; 4] = [1, 0, 0, 0];

/// [MS-OXOCAL] 2.2.1.27 PidLidGlobalObjectId (and 2.2.1.28
/// PidLidCleanGlobalObjectId, the same structure with the instance date
/// zero): Byte Array ID, the original date of the instance an exception
/// stands for (YH, YL, M, D), Creation Time, X, Size and Data.
///
/// Every field is kept as read (a Byte Array ID other than
/// [`BYTE_ARRAY_ID`] is a defect; the reserved X is kept whatever it holds).
///
/// ```
/// use ms_oxocal::GlobalObjectId;
/// use msox_codec::{Decode, Encode};
/// // [MS-OXOCAL] example: an exception moved from March 25, 2008
/// let hex = "040000008200E00074C5B7101A82E00807D803195025D461E473C801000000000000000010000000\
///            2A5844B3A444F74A9C246C60886F116B";
/// let bytes = msox_codec::hex::decode(hex)?;
/// let id = GlobalObjectId::decode_exact(&bytes)?;
/// assert_eq!(id.instance_date(), Some((2008, 3, 25)));
/// assert!(id.creation_time.to_string().starts_with("2008-02-20T17:16:51"));
/// assert!(id.is_exception());
/// assert_eq!(id.to_vec()?, bytes);
/// // The iCalendar UID is the hex of the clean form (instance date zero):
/// assert_eq!(
///     id.to_ical_uid(),
///     "040000008200E00074C5B7101A82E008000000005025D461E473C8010000000000000000100000002A5844B3A444F74A9C246C60886F116B"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GlobalObjectId {
    /// Byte Array ID ([`BYTE_ARRAY_ID`]).
    pub byte_array_id: [u8; 16],
    /// YH and YL: the year of the original instance (big-endian on the
    /// wire), zero for the series and in the clean form.
    pub year: u16,
    /// M: the month of the original instance (1-12), or zero.
    pub month: u8,
    /// D: the day of the original instance, or zero.
    pub day: u8,
    /// Creation Time: when the ID was generated.
    pub creation_time: FileTime,
    /// X: reserved (all zeros by the spec; kept as read).
    pub x: [u8; 8],
    /// Data (Size is its length).
    pub data: Vec<u8>,
}

impl Default for GlobalObjectId {
    fn default() -> Self {
        GlobalObjectId {
            byte_array_id: BYTE_ARRAY_ID,
            year: 0,
            month: 0,
            day: 0,
            creation_time: FileTime(0),
            x: [0; 8],
            data: Vec::new(),
        }
    }
}

impl GlobalObjectId {
    /// Bytes before Data.
    pub const HEADER_LEN: usize = 40;

    /// Whether the ID stands for an exception (its instance date is set).
    pub fn is_exception(&self) -> bool {
        self.year != 0 || self.month != 0 || self.day != 0
    }

    /// The instance date `(year, month, day)` of an exception, or `None`
    /// for the ID of a series (all zero).
    pub fn instance_date(&self) -> Option<(u16, u8, u8)> {
        self.is_exception()
            .then_some((self.year, self.month, self.day))
    }

    /// This ID with the instance date set (the ID of one instance).
    #[must_use]
    pub fn with_instance_date(mut self, year: u16, month: u8, day: u8) -> Self {
        self.year = year;
        self.month = month;
        self.day = day;
        self
    }

    /// The clean form ([MS-OXOCAL] 2.2.1.28 PidLidCleanGlobalObjectId): the
    /// same ID with YH, YL, M and D zero, which every instance of a series
    /// shares.
    pub fn to_clean(&self) -> Self {
        self.clone().with_instance_date(0, 0, 0)
    }

    /// Whether two IDs name the same series (equal clean forms).
    pub fn same_series(&self, other: &GlobalObjectId) -> bool {
        self.to_clean() == other.to_clean()
    }

    /// The UID bytes of an ID made from a third-party iCalendar UID: the
    /// Data after `vCal-Uid` and the 32-bit 1, up to its NUL; `None` when
    /// Data does not have that form.
    pub fn third_party_uid(&self) -> Option<&[u8]> {
        let rest = self.data.strip_prefix(&VCAL_UID[..])?;
        let rest = rest.strip_prefix(&VCAL_UID_VERSION[..])?;
        let end = rest.iter().position(|b| *b == 0).unwrap_or(rest.len());
        rest.get(..end)
    }

    /// The iCalendar UID of this ID ([MS-OXCICAL] 2.1.3.1.1.20.26, export):
    /// the third-party UID when Data holds one (lossy UTF-8), else the
    /// upper-case hex of the clean form.
    pub fn to_ical_uid(&self) -> String {
        if let Some(uid) = self.third_party_uid() {
            return String::from_utf8_lossy(uid).into_owned();
        }
        let bytes = self.to_clean().to_bytes();
        msox_codec::hex::encode(&bytes).to_ascii_uppercase()
    }

    /// The Global Object ID of an iCalendar UID ([MS-OXCICAL]
    /// 2.1.3.1.1.20.26, import): a UID that is the hex of a Global Object ID
    /// (only hex digits, at least 82 of them, an even number, starting with
    /// the Byte Array ID) is decoded; any other UID is a third-party one and
    /// goes into Data as `vCal-Uid`, a 32-bit 1, the UTF-8 bytes and a NUL,
    /// with the other fields zero.
    pub fn from_ical_uid(uid: &str) -> Self {
        if let Some(id) = Self::from_encoded_uid(uid) {
            return id;
        }
        let mut data = Vec::with_capacity(13 + uid.len());
        data.extend_from_slice(&VCAL_UID);
        data.extend_from_slice(&VCAL_UID_VERSION);
        data.extend_from_slice(uid.as_bytes());
        data.push(0);
        GlobalObjectId {
            data,
            ..GlobalObjectId::default()
        }
    }

    fn from_encoded_uid(uid: &str) -> Option<Self> {
        let prefix = msox_codec::hex::encode(&BYTE_ARRAY_ID);
        if uid.len() < 82
            || !uid.len().is_multiple_of(2)
            || !uid.bytes().all(|b| b.is_ascii_hexdigit())
            || !uid
                .get(..32)
                .is_some_and(|p| p.eq_ignore_ascii_case(&prefix))
        {
            return None;
        }
        let bytes = msox_codec::hex::decode(uid).ok()?;
        GlobalObjectId::decode_exact(&bytes).ok()
    }

    /// The wire bytes (as [`Encode::to_vec`], which fails only when Data is
    /// longer than 4 GiB; such an ID gives its header and the first 4 GiB).
    fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(self.encoded_len());
        if self.encode(&mut v).is_err() {
            v.clear();
        }
        v
    }
}

impl fmt::Display for GlobalObjectId {
    /// The upper-case hex of the wire form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&msox_codec::hex::encode(&self.to_bytes()).to_ascii_uppercase())
    }
}

impl<'a> Decode<'a> for GlobalObjectId {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("GlobalObjectId", |r| {
            let at = r.pos();
            let byte_array_id = r.array::<16>()?;
            if byte_array_id != BYTE_ARRAY_ID {
                // The 8-byte half that differs, as the error shows it.
                let half = |a: &[u8; 16]| {
                    let (hi, lo) = a.split_at(8);
                    let w = |s: &[u8]| s.iter().fold(0u64, |v, b| v << 8 | u64::from(*b));
                    (w(hi), w(lo))
                };
                let (eh, el) = half(&BYTE_ARRAY_ID);
                let (fh, fl) = half(&byte_array_id);
                let (expected, found) = if eh != fh { (eh, fh) } else { (el, fl) };
                r.defect_at(
                    ErrorKind::BadSignature { expected, found },
                    at,
                    "Byte Array ID kept as read",
                )?;
            }
            let year = r.u16_be()?;
            let month = r.u8()?;
            let day = r.u8()?;
            let creation_time = FileTime::decode(r)?;
            let x = r.array::<8>()?;
            let size = r.u32_usize()?;
            r.reserve_backed(size, "Size")?;
            let data = r.bytes(size)?.to_vec();
            Ok(GlobalObjectId {
                byte_array_id,
                year,
                month,
                day,
                creation_time,
                x,
                data,
            })
        })
    }
}

impl Encode for GlobalObjectId {
    fn encoded_len(&self) -> usize {
        Self::HEADER_LEN + self.data.len()
    }

    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        let size = fit_u32(self.data.len(), "Size")?;
        buf.put_slice(&self.byte_array_id);
        buf.put_u16(self.year);
        buf.put_u8(self.month);
        buf.put_u8(self.day);
        self.creation_time.encode(buf)?;
        buf.put_slice(&self.x);
        buf.put_u32_le(size);
        buf.put_slice(&self.data);
        Ok(())
    }
}
