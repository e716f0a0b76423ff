//! The parameters of every NSPI method ([MS-OXNSPI] 3.1.4.1, [MS-NSPI]
//! 3.1.4) and of the two referral methods ([MS-OXABREF] 3.1.4), as the NDR
//! stub data of the request (the `[in]` parameters) and of the response
//! (the `[out]` parameters, then the return value).
//!
//! A binding handle (`handle_t`) is not on the wire; a context handle
//! (NSPI_HANDLE) is 20 bytes. Reference pointers (`[in] STAT*`) are not on
//! the wire either: their referents are. `[unique]` parameters and the
//! inner pointer of `[out] T**` are referent IDs followed by the referent.

use ms_oxcdata::ErrorCode;
use msox_codec::{Result, String8};

use crate::ndr::{NdrFull, NdrReader, NdrWriter, ndr_codec};
use crate::types::{
    BinaryR, NspiHandle, PropertyNameR, PropertyNameSetR, PropertyRowR, PropertyRowSetR,
    PropertyTagArrayR, PropertyValueR, RestrictionR, Stat, StringsArrayR, WStringsArrayR,
};

/// How each parameter kind is read and written.
pub(crate) mod param {
    use super::*;
    use crate::ndr::{read_array, read_pointee, read_unique, write_array, write_unique};
    use crate::strings::{read_string8, write_string8};

    /// A referent written in place (a ref pointer's referent, a context handle).
    pub mod full {
        use super::*;
        pub fn read<T: NdrFull>(n: &mut NdrReader<'_, '_>) -> Result<T> {
            T::read_full(n)
        }
        pub fn write<T: NdrFull>(w: &mut NdrWriter, v: &T) -> Result<()> {
            v.write_full(w)
        }
    }

    /// A DWORD.
    pub mod dword {
        use super::*;
        pub fn read(n: &mut NdrReader<'_, '_>) -> Result<u32> {
            n.u32()
        }
        pub fn write(w: &mut NdrWriter, v: &u32) -> Result<()> {
            w.u32(*v);
            Ok(())
        }
    }

    /// A long.
    pub mod long {
        use super::*;
        pub fn read(n: &mut NdrReader<'_, '_>) -> Result<i32> {
            n.i32()
        }
        pub fn write(w: &mut NdrWriter, v: &i32) -> Result<()> {
            w.i32(*v);
            Ok(())
        }
    }

    /// A return value (long or DWORD): an error code.
    pub mod ret {
        use super::*;
        pub fn read(n: &mut NdrReader<'_, '_>) -> Result<ErrorCode> {
            n.u32().map(ErrorCode::from)
        }
        pub fn write(w: &mut NdrWriter, v: &ErrorCode) -> Result<()> {
            w.u32(v.value());
            Ok(())
        }
    }

    /// A unique pointer (or the unique pointer of `[out] T**`) and its referent.
    pub mod unique {
        use super::*;
        pub fn read<T: NdrFull>(n: &mut NdrReader<'_, '_>) -> Result<Option<T>> {
            read_unique(n)
        }
        pub fn write<T: NdrFull>(w: &mut NdrWriter, v: &Option<T>) -> Result<()> {
            write_unique(w, v.as_ref())
        }
    }

    /// A unique pointer to a conformant array of DWORDs.
    pub mod unique_dwords {
        use super::*;
        pub fn read(n: &mut NdrReader<'_, '_>) -> Result<Option<Vec<u32>>> {
            let p = n.pointer()?;
            read_pointee(n, p, |n| {
                let len = n.conformance(4, "dwETableCount")?;
                let mut v = Vec::with_capacity(len.min(4096));
                for _ in 0..len {
                    v.push(n.reader().u32()?);
                }
                Ok(v)
            })
        }
        pub fn write(w: &mut NdrWriter, v: &Option<Vec<u32>>) -> Result<()> {
            w.pointer(v.is_some());
            if let Some(v) = v {
                w.count(v.len(), "dwETableCount")?;
                for x in v {
                    w.u32(*x);
                }
            }
            Ok(())
        }
    }

    /// A unique pointer to a long.
    pub mod unique_long {
        use super::*;
        pub fn read(n: &mut NdrReader<'_, '_>) -> Result<Option<i32>> {
            let p = n.pointer()?;
            read_pointee(n, p, |n| n.i32())
        }
        pub fn write(w: &mut NdrWriter, v: &Option<i32>) -> Result<()> {
            w.pointer(v.is_some());
            if let Some(v) = v {
                w.i32(*v);
            }
            Ok(())
        }
    }

    /// A `[string]` referent in place.
    pub mod string8 {
        use super::*;
        pub fn read(n: &mut NdrReader<'_, '_>) -> Result<String8> {
            read_string8(n)
        }
        pub fn write(w: &mut NdrWriter, v: &String8) -> Result<()> {
            write_string8(w, v)
        }
    }

    /// A unique pointer to a `[string]`.
    pub mod unique_string8 {
        use super::*;
        pub fn read(n: &mut NdrReader<'_, '_>) -> Result<Option<String8>> {
            let p = n.pointer()?;
            read_pointee(n, p, read_string8)
        }
        pub fn write(w: &mut NdrWriter, v: &Option<String8>) -> Result<()> {
            w.pointer(v.is_some());
            match v {
                Some(s) => write_string8(w, s),
                None => Ok(()),
            }
        }
    }

    /// `[unique, string] unsigned char**`: a unique pointer to a unique
    /// pointer to a string.
    pub mod unique_unique_string8 {
        use super::*;
        pub fn read(n: &mut NdrReader<'_, '_>) -> Result<Option<Option<String8>>> {
            let p = n.pointer()?;
            read_pointee(n, p, unique_string8::read)
        }
        pub fn write(w: &mut NdrWriter, v: &Option<Option<String8>>) -> Result<()> {
            w.pointer(v.is_some());
            match v {
                Some(s) => unique_string8::write(w, s),
                None => Ok(()),
            }
        }
    }

    /// `[in, size_is(cPropNames)] PropertyName_r** pNames`: a conformant
    /// array of unique pointers to PropertyName_r.
    pub mod names {
        use super::*;
        use crate::ndr::Ndr;

        #[derive(Debug, Clone, PartialEq, Eq)]
        pub(crate) struct NamePtr(pub Option<PropertyNameR>);

        impl Ndr for NamePtr {
            type Scalars = bool;
            fn read_scalars(n: &mut NdrReader<'_, '_>) -> Result<bool> {
                n.pointer()
            }
            fn read_buffers(n: &mut NdrReader<'_, '_>, s: bool) -> Result<Self> {
                read_pointee(n, s, PropertyNameR::read_full).map(NamePtr)
            }
            fn write_scalars(&self, w: &mut NdrWriter) -> Result<()> {
                w.pointer(self.0.is_some());
                Ok(())
            }
            fn write_buffers(&self, w: &mut NdrWriter) -> Result<()> {
                match &self.0 {
                    Some(p) => p.write_full(w),
                    None => Ok(()),
                }
            }
        }

        pub fn read(n: &mut NdrReader<'_, '_>) -> Result<Vec<Option<PropertyNameR>>> {
            let len = n.conformance(4, "cPropNames")?;
            let v = read_array::<NamePtr>(n, len, "pNames")?;
            Ok(v.into_iter().map(|p| p.0).collect())
        }
        pub fn write(w: &mut NdrWriter, v: &[Option<PropertyNameR>]) -> Result<()> {
            w.count(v.len(), "cPropNames")?;
            let items: Vec<NamePtr> = v.iter().copied().map(NamePtr).collect();
            write_array(w, &items)
        }
    }

    /// BinaryArray_r referent in place: cValues, the pointer, then the
    /// array of Binary_r.
    pub mod binary_array {
        use super::*;
        pub fn read(n: &mut NdrReader<'_, '_>) -> Result<Option<Vec<BinaryR>>> {
            n.frame("BinaryArray_r", |n| {
                let at = n.pos();
                let c = n.u32()?;
                n.range("cValues", c, crate::types::MAX_COUNT, at)?;
                let p = n.pointer()?;
                if !p {
                    if c != 0 {
                        n.reserved("cValues", c, 0, at)?;
                    }
                    return Ok(None);
                }
                let len = n.conformance(8, "cValues")?;
                n.agree("cValues", c, len, at)?;
                read_array(n, len, "Binary_r").map(Some)
            })
        }
        pub fn write(w: &mut NdrWriter, v: &Option<Vec<BinaryR>>) -> Result<()> {
            w.count(v.as_ref().map_or(0, Vec::len), "cValues")?;
            w.pointer(v.is_some());
            if let Some(v) = v {
                w.count(v.len(), "cValues")?;
                write_array(w, v)?;
            }
            Ok(())
        }
    }
}

macro_rules! ndr_params {
    (
        $(#[$meta:meta])*
        pub struct $name:ident ($spec:literal) {
            $(
                $(#[$fmeta:meta])*
                pub $field:ident : $ty:ty = $kind:ident ($pname:literal),
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub struct $name {
            $(
                $(#[$fmeta])*
                pub $field: $ty,
            )*
        }

        impl NdrFull for $name {
            fn read_full(n: &mut NdrReader<'_, '_>) -> Result<Self> {
                n.frame($spec, |n| {
                    Ok($name {
                        $(
                            $field: n.frame($pname, |n| param::$kind::read(n))?,
                        )*
                    })
                })
            }
            fn write_full(&self, w: &mut NdrWriter) -> Result<()> {
                $(
                    param::$kind::write(w, &self.$field)?;
                )*
                Ok(())
            }
        }

        ndr_codec!($name);
    };
}

// ---------------------------------------------------------------------------
// NSPI

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.1 NspiBind (opnum 0), request: `dwFlags`,
    /// `pStat`, `[in,out,unique] pServerGuid`.
    pub struct NspiBindRequest ("NspiBind") {
        /// dwFlags (fAnonymousLogin 0x20).
        pub flags: u32 = dword("dwFlags"),
        /// pStat.
        pub stat: Stat = full("pStat"),
        /// pServerGuid.
        pub server_guid: Option<ms_dtyp::Guid> = unique("pServerGuid"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.1 NspiBind (opnum 0), response: `pServerGuid`,
    /// `contextHandle`, the return value.
    pub struct NspiBindResponse ("NspiBind") {
        /// pServerGuid.
        pub server_guid: Option<ms_dtyp::Guid> = unique("pServerGuid"),
        /// contextHandle.
        pub context_handle: NspiHandle = full("contextHandle"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.2 NspiUnbind (opnum 1), request.
    pub struct NspiUnbindRequest ("NspiUnbind") {
        /// contextHandle.
        pub context_handle: NspiHandle = full("contextHandle"),
        /// Reserved.
        pub reserved: u32 = dword("Reserved"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.2 NspiUnbind (opnum 1), response.
    pub struct NspiUnbindResponse ("NspiUnbind") {
        /// contextHandle (NULL after a successful unbind).
        pub context_handle: NspiHandle = full("contextHandle"),
        /// Return value (a DWORD).
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.4 NspiUpdateStat (opnum 2), request.
    pub struct NspiUpdateStatRequest ("NspiUpdateStat") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// Reserved.
        pub reserved: u32 = dword("Reserved"),
        /// pStat.
        pub stat: Stat = full("pStat"),
        /// plDelta.
        pub delta: Option<i32> = unique_long("plDelta"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.4 NspiUpdateStat (opnum 2), response.
    pub struct NspiUpdateStatResponse ("NspiUpdateStat") {
        /// pStat.
        pub stat: Stat = full("pStat"),
        /// plDelta.
        pub delta: Option<i32> = unique_long("plDelta"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.8 NspiQueryRows (opnum 3), request.
    pub struct NspiQueryRowsRequest ("NspiQueryRows") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// dwFlags (Retrieve Property Flags).
        pub flags: u32 = dword("dwFlags"),
        /// pStat.
        pub stat: Stat = full("pStat"),
        /// dwETableCount.
        pub etable_count: u32 = dword("dwETableCount"),
        /// lpETable: an explicit table of MIds.
        pub etable: Option<Vec<u32>> = unique_dwords("lpETable"),
        /// Count: rows requested.
        pub count: u32 = dword("Count"),
        /// pPropTags: the columns.
        pub prop_tags: Option<PropertyTagArrayR> = unique("pPropTags"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.8 NspiQueryRows (opnum 3), response.
    pub struct NspiQueryRowsResponse ("NspiQueryRows") {
        /// pStat.
        pub stat: Stat = full("pStat"),
        /// ppRows.
        pub rows: Option<PropertyRowSetR> = unique("ppRows"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.9 NspiSeekEntries (opnum 4), request.
    pub struct NspiSeekEntriesRequest ("NspiSeekEntries") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// Reserved.
        pub reserved: u32 = dword("Reserved"),
        /// pStat.
        pub stat: Stat = full("pStat"),
        /// pTarget.
        pub target: PropertyValueR = full("pTarget"),
        /// lpETable.
        pub etable: Option<PropertyTagArrayR> = unique("lpETable"),
        /// pPropTags.
        pub prop_tags: Option<PropertyTagArrayR> = unique("pPropTags"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.9 NspiSeekEntries (opnum 4), response.
    pub struct NspiSeekEntriesResponse ("NspiSeekEntries") {
        /// pStat.
        pub stat: Stat = full("pStat"),
        /// ppRows.
        pub rows: Option<PropertyRowSetR> = unique("ppRows"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.10 NspiGetMatches (opnum 5), request.
    pub struct NspiGetMatchesRequest ("NspiGetMatches") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// Reserved1.
        pub reserved1: u32 = dword("Reserved1"),
        /// pStat.
        pub stat: Stat = full("pStat"),
        /// pReserved (MIds).
        pub reserved_mids: Option<PropertyTagArrayR> = unique("pReserved"),
        /// Reserved2.
        pub reserved2: u32 = dword("Reserved2"),
        /// Filter.
        pub filter: Option<RestrictionR> = unique("Filter"),
        /// lpPropName.
        pub prop_name: Option<PropertyNameR> = unique("lpPropName"),
        /// ulRequested.
        pub requested: u32 = dword("ulRequested"),
        /// pPropTags.
        pub prop_tags: Option<PropertyTagArrayR> = unique("pPropTags"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.10 NspiGetMatches (opnum 5), response.
    pub struct NspiGetMatchesResponse ("NspiGetMatches") {
        /// pStat.
        pub stat: Stat = full("pStat"),
        /// ppOutMIds.
        pub out_mids: Option<PropertyTagArrayR> = unique("ppOutMIds"),
        /// ppRows.
        pub rows: Option<PropertyRowSetR> = unique("ppRows"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.11 NspiResortRestriction (opnum 6), request.
    pub struct NspiResortRestrictionRequest ("NspiResortRestriction") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// Reserved.
        pub reserved: u32 = dword("Reserved"),
        /// pStat.
        pub stat: Stat = full("pStat"),
        /// pInMIds.
        pub in_mids: PropertyTagArrayR = full("pInMIds"),
        /// ppOutMIds (`[in,out]`).
        pub out_mids: Option<PropertyTagArrayR> = unique("ppOutMIds"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.11 NspiResortRestriction (opnum 6), response.
    pub struct NspiResortRestrictionResponse ("NspiResortRestriction") {
        /// pStat.
        pub stat: Stat = full("pStat"),
        /// ppOutMIds.
        pub out_mids: Option<PropertyTagArrayR> = unique("ppOutMIds"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.13 NspiDNToMId (opnum 7), request.
    pub struct NspiDnToMIdRequest ("NspiDNToMId") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// Reserved.
        pub reserved: u32 = dword("Reserved"),
        /// pNames.
        pub names: StringsArrayR = full("pNames"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.13 NspiDNToMId (opnum 7), response.
    pub struct NspiDnToMIdResponse ("NspiDNToMId") {
        /// ppOutMIds.
        pub out_mids: Option<PropertyTagArrayR> = unique("ppOutMIds"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.6 NspiGetPropList (opnum 8), request.
    pub struct NspiGetPropListRequest ("NspiGetPropList") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// dwFlags.
        pub flags: u32 = dword("dwFlags"),
        /// dwMId.
        pub mid: u32 = dword("dwMId"),
        /// CodePage.
        pub code_page: u32 = dword("CodePage"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.6 NspiGetPropList (opnum 8), response.
    pub struct NspiGetPropListResponse ("NspiGetPropList") {
        /// ppPropTags.
        pub prop_tags: Option<PropertyTagArrayR> = unique("ppPropTags"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.7 NspiGetProps (opnum 9), request.
    pub struct NspiGetPropsRequest ("NspiGetProps") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// dwFlags.
        pub flags: u32 = dword("dwFlags"),
        /// pStat.
        pub stat: Stat = full("pStat"),
        /// pPropTags.
        pub prop_tags: Option<PropertyTagArrayR> = unique("pPropTags"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.7 NspiGetProps (opnum 9), response.
    pub struct NspiGetPropsResponse ("NspiGetProps") {
        /// ppRows.
        pub row: Option<PropertyRowR> = unique("ppRows"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.12 NspiCompareMIds (opnum 10), request.
    pub struct NspiCompareMIdsRequest ("NspiCompareMIds") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// Reserved.
        pub reserved: u32 = dword("Reserved"),
        /// pStat.
        pub stat: Stat = full("pStat"),
        /// MId1.
        pub mid1: u32 = dword("MId1"),
        /// MId2.
        pub mid2: u32 = dword("MId2"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.12 NspiCompareMIds (opnum 10), response.
    pub struct NspiCompareMIdsResponse ("NspiCompareMIds") {
        /// plResult: negative, zero or positive.
        pub result: i32 = long("plResult"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.14 NspiModProps (opnum 11), request.
    pub struct NspiModPropsRequest ("NspiModProps") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// Reserved.
        pub reserved: u32 = dword("Reserved"),
        /// pStat.
        pub stat: Stat = full("pStat"),
        /// pPropTags: the properties to remove.
        pub prop_tags: Option<PropertyTagArrayR> = unique("pPropTags"),
        /// pRow: the values to set.
        pub row: PropertyRowR = full("pRow"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.14 NspiModProps (opnum 11), response.
    pub struct NspiModPropsResponse ("NspiModProps") {
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.3 NspiGetSpecialTable (opnum 12), request.
    pub struct NspiGetSpecialTableRequest ("NspiGetSpecialTable") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// dwFlags.
        pub flags: u32 = dword("dwFlags"),
        /// pStat.
        pub stat: Stat = full("pStat"),
        /// lpVersion (`[in,out]`, a ref pointer).
        pub version: u32 = dword("lpVersion"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.3 NspiGetSpecialTable (opnum 12), response.
    pub struct NspiGetSpecialTableResponse ("NspiGetSpecialTable") {
        /// lpVersion.
        pub version: u32 = dword("lpVersion"),
        /// ppRows.
        pub rows: Option<PropertyRowSetR> = unique("ppRows"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.18 NspiGetTemplateInfo (opnum 13), request.
    pub struct NspiGetTemplateInfoRequest ("NspiGetTemplateInfo") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// dwFlags.
        pub flags: u32 = dword("dwFlags"),
        /// ulType: a display type.
        pub display_type: u32 = dword("ulType"),
        /// pDN.
        pub dn: Option<String8> = unique_string8("pDN"),
        /// dwCodePage.
        pub code_page: u32 = dword("dwCodePage"),
        /// dwLocaleID.
        pub locale_id: u32 = dword("dwLocaleID"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.18 NspiGetTemplateInfo (opnum 13), response.
    pub struct NspiGetTemplateInfoResponse ("NspiGetTemplateInfo") {
        /// ppData.
        pub data: Option<PropertyRowR> = unique("ppData"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.15 NspiModLinkAtt (opnum 14), request.
    pub struct NspiModLinkAttRequest ("NspiModLinkAtt") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// dwFlags (fDelete).
        pub flags: u32 = dword("dwFlags"),
        /// ulPropTag.
        pub prop_tag: u32 = dword("ulPropTag"),
        /// dwMId.
        pub mid: u32 = dword("dwMId"),
        /// lpEntryIds (a BinaryArray_r).
        pub entry_ids: Option<Vec<BinaryR>> = binary_array("lpEntryIds"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.15 NspiModLinkAtt (opnum 14), response.
    pub struct NspiModLinkAttResponse ("NspiModLinkAtt") {
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.5 NspiQueryColumns (opnum 16), request.
    pub struct NspiQueryColumnsRequest ("NspiQueryColumns") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// Reserved.
        pub reserved: u32 = dword("Reserved"),
        /// dwFlags (NspiUnicodeProptypes).
        pub flags: u32 = dword("dwFlags"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.5 NspiQueryColumns (opnum 16), response.
    pub struct NspiQueryColumnsResponse ("NspiQueryColumns") {
        /// ppColumns.
        pub columns: Option<PropertyTagArrayR> = unique("ppColumns"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-NSPI] 3.1.4.16 NspiGetNamesFromIDs (opnum 17), request
    /// ([MS-OXNSPI] marks opnum 17 as not used on the wire).
    pub struct NspiGetNamesFromIdsRequest ("NspiGetNamesFromIDs") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// Reserved.
        pub reserved: u32 = dword("Reserved"),
        /// lpguid.
        pub guid: Option<ms_dtyp::Guid> = unique("lpguid"),
        /// pPropTags.
        pub prop_tags: Option<PropertyTagArrayR> = unique("pPropTags"),
    }
}

ndr_params! {
    /// [MS-NSPI] 3.1.4.16 NspiGetNamesFromIDs (opnum 17), response.
    pub struct NspiGetNamesFromIdsResponse ("NspiGetNamesFromIDs") {
        /// ppReturnedPropTags.
        pub returned_prop_tags: Option<PropertyTagArrayR> = unique("ppReturnedPropTags"),
        /// ppNames.
        pub names: Option<PropertyNameSetR> = unique("ppNames"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-NSPI] 3.1.4.17 NspiGetIDsFromNames (opnum 18), request
    /// ([MS-OXNSPI] marks opnum 18 as not used on the wire).
    pub struct NspiGetIdsFromNamesRequest ("NspiGetIDsFromNames") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// Reserved.
        pub reserved: u32 = dword("Reserved"),
        /// dwFlags (NspiVerifyNames).
        pub flags: u32 = dword("dwFlags"),
        /// cPropNames.
        pub prop_name_count: u32 = dword("cPropNames"),
        /// pNames: pointers to the names.
        pub names: Vec<Option<PropertyNameR>> = names("pNames"),
    }
}

ndr_params! {
    /// [MS-NSPI] 3.1.4.17 NspiGetIDsFromNames (opnum 18), response.
    pub struct NspiGetIdsFromNamesResponse ("NspiGetIDsFromNames") {
        /// ppPropTags.
        pub prop_tags: Option<PropertyTagArrayR> = unique("ppPropTags"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.16 NspiResolveNames (opnum 19), request.
    pub struct NspiResolveNamesRequest ("NspiResolveNames") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// Reserved.
        pub reserved: u32 = dword("Reserved"),
        /// pStat.
        pub stat: Stat = full("pStat"),
        /// pPropTags.
        pub prop_tags: Option<PropertyTagArrayR> = unique("pPropTags"),
        /// paStr: the names to resolve.
        pub names: StringsArrayR = full("paStr"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.16 NspiResolveNames (opnum 19), response.
    pub struct NspiResolveNamesResponse ("NspiResolveNames") {
        /// ppMIds: one of MID_UNRESOLVED/MID_AMBIGUOUS/a MId per name.
        pub mids: Option<PropertyTagArrayR> = unique("ppMIds"),
        /// ppRows.
        pub rows: Option<PropertyRowSetR> = unique("ppRows"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.17 NspiResolveNamesW (opnum 20), request.
    pub struct NspiResolveNamesWRequest ("NspiResolveNamesW") {
        /// hRpc.
        pub handle: NspiHandle = full("hRpc"),
        /// Reserved.
        pub reserved: u32 = dword("Reserved"),
        /// pStat.
        pub stat: Stat = full("pStat"),
        /// pPropTags.
        pub prop_tags: Option<PropertyTagArrayR> = unique("pPropTags"),
        /// paWStr.
        pub names: WStringsArrayR = full("paWStr"),
    }
}

ndr_params! {
    /// [MS-OXNSPI] 3.1.4.1.17 NspiResolveNamesW (opnum 20), response.
    pub struct NspiResolveNamesWResponse ("NspiResolveNamesW") {
        /// ppMIds.
        pub mids: Option<PropertyTagArrayR> = unique("ppMIds"),
        /// ppRows.
        pub rows: Option<PropertyRowSetR> = unique("ppRows"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

// ---------------------------------------------------------------------------
// [MS-OXABREF]

ndr_params! {
    /// [MS-OXABREF] 3.1.4.1 RfrGetNewDSA (opnum 0), request.
    pub struct RfrGetNewDsaRequest ("RfrGetNewDSA") {
        /// ulFlags.
        pub flags: u32 = dword("ulFlags"),
        /// pUserDN (`[in, string]`).
        pub user_dn: String8 = string8("pUserDN"),
        /// ppszUnused (`[in,out,unique,string] unsigned char**`).
        pub unused: Option<Option<String8>> = unique_unique_string8("ppszUnused"),
        /// ppszServer.
        pub server: Option<Option<String8>> = unique_unique_string8("ppszServer"),
    }
}

ndr_params! {
    /// [MS-OXABREF] 3.1.4.1 RfrGetNewDSA (opnum 0), response.
    pub struct RfrGetNewDsaResponse ("RfrGetNewDSA") {
        /// ppszUnused.
        pub unused: Option<Option<String8>> = unique_unique_string8("ppszUnused"),
        /// ppszServer: the NSPI server's FQDN.
        pub server: Option<Option<String8>> = unique_unique_string8("ppszServer"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

/// [MS-OXABREF] 3.1.4.2 RfrGetFQDNFromServerDN (opnum 1), request:
/// `ulFlags`, `cbMailboxServerDN` (10-1024, the DN's bytes with its
/// terminator) and `szMailboxServerDN` (`[string, size_is(cb)]`: its
/// maximum count is `cbMailboxServerDN`).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RfrGetFqdnFromServerDnRequest {
    /// ulFlags.
    pub flags: u32,
    /// cbMailboxServerDN.
    pub cb_mailbox_server_dn: u32,
    /// szMailboxServerDN, without its terminator.
    pub mailbox_server_dn: String8,
}

impl NdrFull for RfrGetFqdnFromServerDnRequest {
    fn read_full(n: &mut NdrReader<'_, '_>) -> Result<Self> {
        n.frame("RfrGetFQDNFromServerDN", |n| {
            let flags = n.u32()?;
            let cb_at = n.pos();
            let cb = n.u32()?;
            if !(10..=1024).contains(&cb) {
                n.range("cbMailboxServerDN", cb, 1024, cb_at)?;
                if cb < 10 {
                    n.reserved("cbMailboxServerDN", cb, 10, cb_at)?;
                }
            }
            let max_at = n.pos();
            let max = n.u32()?;
            if max != cb {
                n.reserved("max_count", max, cb, max_at)?;
            }
            // re-read the string as an ordinary [string] from its offset field
            let off_at = n.pos();
            let offset = n.u32()?;
            n.reserved("offset", offset, 0, off_at)?;
            let a_at = n.pos();
            let actual = n.u32()?;
            if actual > max {
                return Err(n
                    .reader()
                    .invalid_at("actual_count", u64::from(actual), a_at));
            }
            let len = n
                .reader()
                .check_count(u64::from(actual), 1, "actual_count")?;
            n.reader().reserve_backed(len, "szMailboxServerDN")?;
            let b = n.bytes(len)?;
            let body = match b.split_last() {
                Some((0, body)) => body,
                _ => {
                    n.reader().defect_at(
                        msox_codec::ErrorKind::Malformed(
                            "string without its null terminator".into(),
                        ),
                        a_at,
                        "characters kept; a terminator is added when written",
                    )?;
                    b
                }
            };
            Ok(RfrGetFqdnFromServerDnRequest {
                flags,
                cb_mailbox_server_dn: cb,
                mailbox_server_dn: String8::new(body.to_vec(), crate::strings::DEFAULT_CODE_PAGE),
            })
        })
    }
    fn write_full(&self, w: &mut NdrWriter) -> Result<()> {
        let actual = self.mailbox_server_dn.bytes().len() + 1;
        if (self.cb_mailbox_server_dn as usize) < actual {
            return Err(msox_codec::Error::new(
                msox_codec::ErrorKind::InvalidValue {
                    field: "cbMailboxServerDN",
                    value: u64::from(self.cb_mailbox_server_dn),
                },
            ));
        }
        w.u32(self.flags);
        w.u32(self.cb_mailbox_server_dn);
        w.u32(self.cb_mailbox_server_dn);
        w.u32(0);
        w.count(actual, "actual_count")?;
        w.put(self.mailbox_server_dn.bytes());
        w.u8(0);
        Ok(())
    }
}

ndr_codec!(RfrGetFqdnFromServerDnRequest);

ndr_params! {
    /// [MS-OXABREF] 3.1.4.2 RfrGetFQDNFromServerDN (opnum 1), response.
    pub struct RfrGetFqdnFromServerDnResponse ("RfrGetFQDNFromServerDN") {
        /// ppszServerFQDN (`[out, ref, string] unsigned char**`).
        pub server_fqdn: Option<String8> = unique_string8("ppszServerFQDN"),
        /// Return value.
        pub return_value: ErrorCode = ret("return"),
    }
}

/// [MS-OXNSPI] 3.1.4 the NSPI opnums ([MS-NSPI] 6 Appendix A).
pub mod opnum {
    /// NspiBind.
    pub const NSPI_BIND: u16 = 0;
    /// NspiUnbind.
    pub const NSPI_UNBIND: u16 = 1;
    /// NspiUpdateStat.
    pub const NSPI_UPDATE_STAT: u16 = 2;
    /// NspiQueryRows.
    pub const NSPI_QUERY_ROWS: u16 = 3;
    /// NspiSeekEntries.
    pub const NSPI_SEEK_ENTRIES: u16 = 4;
    /// NspiGetMatches.
    pub const NSPI_GET_MATCHES: u16 = 5;
    /// NspiResortRestriction.
    pub const NSPI_RESORT_RESTRICTION: u16 = 6;
    /// NspiDNToMId.
    pub const NSPI_DN_TO_MID: u16 = 7;
    /// NspiGetPropList.
    pub const NSPI_GET_PROP_LIST: u16 = 8;
    /// NspiGetProps.
    pub const NSPI_GET_PROPS: u16 = 9;
    /// NspiCompareMIds.
    pub const NSPI_COMPARE_MIDS: u16 = 10;
    /// NspiModProps.
    pub const NSPI_MOD_PROPS: u16 = 11;
    /// NspiGetSpecialTable.
    pub const NSPI_GET_SPECIAL_TABLE: u16 = 12;
    /// NspiGetTemplateInfo.
    pub const NSPI_GET_TEMPLATE_INFO: u16 = 13;
    /// NspiModLinkAtt.
    pub const NSPI_MOD_LINK_ATT: u16 = 14;
    /// NspiQueryColumns.
    pub const NSPI_QUERY_COLUMNS: u16 = 16;
    /// NspiGetNamesFromIDs.
    pub const NSPI_GET_NAMES_FROM_IDS: u16 = 17;
    /// NspiGetIDsFromNames.
    pub const NSPI_GET_IDS_FROM_NAMES: u16 = 18;
    /// NspiResolveNames.
    pub const NSPI_RESOLVE_NAMES: u16 = 19;
    /// NspiResolveNamesW.
    pub const NSPI_RESOLVE_NAMES_W: u16 = 20;
    /// [MS-OXABREF] RfrGetNewDSA.
    pub const RFR_GET_NEW_DSA: u16 = 0;
    /// [MS-OXABREF] RfrGetFQDNFromServerDN.
    pub const RFR_GET_FQDN_FROM_SERVER_DN: u16 = 1;
}
