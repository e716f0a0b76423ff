#!/usr/bin/env python3
"""Peer check of ms-oxnspi's NDR codec against impacket.

    python3 scripts/peers/nspi_ndr.py generate [OUT_DIR]   # default test-vectors/oxnspi
    python3 scripts/peers/nspi_ndr.py check DIR            # decode our encodings with impacket

`generate` encodes sample values of every NSPI structure and method that
impacket (PyPI `impacket`, impacket/dcerpc/v5/nspi.py and oxabref.py)
defines, and writes one `peer-<name>.hex` per sample: the bytes, the
Rust type to decode them as (`# type:`), and the expected values as one
line of JSON (`# expect:`), in a normalised form both sides can produce.
The Rust test `tests/peer.rs` decodes them, compares, re-encodes, and
writes its own encodings to `target/peer-ours/oxnspi/` (`# type:` and
`# expect:` copied); `check` decodes those with impacket and compares
again, so each implementation reads what the other wrote.

Where impacket's definitions disagree with the IDL of [MS-OXNSPI] /
[MS-NSPI] / [MS-OXABREF], the sample is written from impacket as it is
and marked `# disagreement:`; the Rust test checks what the spec says of
those bytes (see DISAGREEMENTS below).
"""

import json
import os
import random
import sys

import impacket
from impacket.dcerpc.v5 import nspi, oxabref
from impacket.dcerpc.v5.dtypes import DWORD, NULL, LONG, SHORT, FILETIME, PFILETIME, LPSTR, LPWSTR, PUUID

random.seed(20240601)  # impacket draws referent IDs at random

VERSION = impacket.version.BANNER.split()[1] if hasattr(impacket, "version") else "?"
try:
    from importlib.metadata import version as _v

    VERSION = _v("impacket")
except Exception:  # pragma: no cover
    pass


# ---------------------------------------------------------------------------
# builders


def dword(v):
    d = DWORD()
    d["Data"] = v
    return d


def item(cls, v):
    """An array element of impacket type `cls` holding `v`."""
    o = cls()
    o["Data"] = v
    return o


def tag_array(values, cls=nspi.PropertyTagArray_r, max_count=None):
    p = cls()
    for t in values:
        p["aulPropTag"].append(dword(t))
    p["cValues"] = len(values)
    arr = p.fields["aulPropTag"]
    arr.fields["MaximumCount"] = len(values) + 1 if max_count is None else max_count
    return p


def fill_tag_array(p, values, max_count=None):
    for t in values:
        p["aulPropTag"].append(dword(t))
    p["cValues"] = len(values)
    p.fields["aulPropTag"].fields["MaximumCount"] = len(values) + 1 if max_count is None else max_count


def stat(seed=1):
    s = nspi.STAT()
    names = ["SortType", "ContainerID", "CurrentRec", "Delta", "NumPos", "TotalRecs",
             "CodePage", "TemplateLocale", "SortLocale"]
    vals = [0, 0x10 * seed, 0x2000 + seed, -seed, 3, 100, 1252, 0x409, 0x409]
    for k, v in zip(names, vals):
        s[k] = v
    return s


def stat_json(seed=1):
    names = ["SortType", "ContainerID", "CurrentRec", "Delta", "NumPos", "TotalRecs",
             "CodePage", "TemplateLocale", "SortLocale"]
    vals = [0, 0x10 * seed, 0x2000 + seed, -seed, 3, 100, 1252, 0x409, 0x409]
    return dict(zip(names, vals))


GUID1 = bytes(range(1, 17))
GUID2 = bytes(range(0xA0, 0xB0))


def value(tag, v):
    """A PropertyValue_r and its normalised JSON."""
    pv = nspi.PropertyValue_r()
    pv["ulPropTag"] = tag
    pv["ulReserved"] = 0
    t = tag & 0xFFFF
    u = pv["Value"]
    u["tag"] = t
    arm, j = None, v
    if t == 0x0002:
        u["i"] = v
    elif t == 0x0003:
        u["l"] = v
    elif t == 0x000B:
        u["b"] = v
    elif t == 0x001E:
        u["lpszA"] = NULL if v is None else v.encode("latin-1") + b"\x00"
    elif t == 0x001F:
        u["lpszW"] = NULL if v is None else v + "\x00"
    elif t == 0x0102:
        u["bin"]["cValues"] = 0 if v is None else len(v)
        if v is None:
            u["bin"]["lpb"] = NULL
        else:
            u["bin"]["lpb"] = v
        j = None if v is None else v.hex()
    elif t == 0x0048:
        if v is None:
            u["lpguid"] = NULL
        else:
            u["lpguid"] = v
        j = None if v is None else v.hex()
    elif t == 0x0040:
        u["ft"]["dwLowDateTime"] = v & 0xFFFFFFFF
        u["ft"]["dwHighDateTime"] = v >> 32
    elif t == 0x000A:
        u["err"] = v
    elif t == 0x1002:
        u["MVi"]["cValues"] = len(v)
        for x in v:
            u["MVi"]["lpi"].append(item(SHORT, x))
    elif t == 0x1003:
        u["MVl"]["cValues"] = len(v)
        for x in v:
            u["MVl"]["lpl"].append(item(LONG, x))
    elif t == 0x101E:
        u["MVszA"]["cValues"] = len(v)
        for x in v:
            u["MVszA"]["lppszA"].append(item(LPSTR, x.encode("latin-1") + b"\x00"))
    elif t == 0x101F:
        u["MVszW"]["cValues"] = len(v)
        for x in v:
            u["MVszW"]["lppszW"].append(item(LPWSTR, x + "\x00"))
    elif t == 0x1102:
        u["MVbin"]["cValues"] = len(v)
        for x in v:
            b = nspi.Binary_r()
            b["cValues"] = len(x)
            b["lpb"] = x
            u["MVbin"]["lpbin"].append(b)
        j = [x.hex() for x in v]
    elif t == 0x1048:
        u["MVguid"]["cValues"] = len(v)
        for x in v:
            u["MVguid"]["lpguid"].append(item(PUUID, x))
        j = [x.hex() for x in v]
    elif t == 0x1040:
        u["MVft"]["cValues"] = len(v)
        for x in v:
            ft = FILETIME()
            ft["dwLowDateTime"] = x & 0xFFFFFFFF
            ft["dwHighDateTime"] = x >> 32
            u["MVft"]["lpft"].append(item(PFILETIME, ft))
    elif t in (0x0001, 0x000D, 0x0000):
        u["lReserved"] = v
    else:
        raise ValueError(hex(t))
    return pv, {"ulPropTag": tag, "ulReserved": 0, "Value": j}


def row(values):
    r = nspi.PropertyRow_r()
    r["Reserved"] = 0
    r["cValues"] = len(values)
    js = []
    for pv, j in values:
        r["lpProps"].append(pv)
        js.append(j)
    return r, {"Reserved": 0, "lpProps": js}


def rowset(rows):
    s = nspi.PropertyRowSet_r()
    s["cRows"] = len(rows)
    js = []
    for r, j in rows:
        s["aRow"].append(r)
        js.append(j)
    return s, {"aRow": js}


def sample_rows():
    return rowset([
        row([value(0x3001001F, "Alice"), value(0x39000003, 0), value(0x0FFF0102, b"\x00\x00\x00\x00\x87")]),
        row([value(0x3001001E, "Bob"), value(0x3A00000B, 1), value(0x00020002, -2)]),
    ])


def restriction(rt, **kw):
    """A Restriction_r; kw hold the arm's fields (sub-restrictions as (obj, json))."""
    r = nspi.Restriction_r()
    r["rt"] = rt
    res = r["res"]
    res["tag"] = rt
    j = {"rt": rt}
    if rt in (0, 1):
        arm = res["resAnd" if rt == 0 else "resOr"]
        subs = kw["subs"]
        arm["cRes"] = len(subs)
        for o, _ in subs:
            arm["lpRes"].append(o)
        j["lpRes"] = [x for _, x in subs]
    elif rt == 2:
        o, x = kw["sub"]
        res["resNot"]["lpRes"] = o
        j["lpRes"] = x
    elif rt in (3, 4):
        arm = res["resContent" if rt == 3 else "resProperty"]
        first = "ulFuzzyLevel" if rt == 3 else "relop"
        arm[first] = kw[first]
        arm["ulPropTag"] = kw["ulPropTag"]
        o, x = kw["lpProp"]
        arm["lpProp"] = o
        j.update({first: kw[first], "ulPropTag": kw["ulPropTag"], "lpProp": x})
    elif rt == 5:
        arm = res["resCompareProps"]
        for k in ("relop", "ulPropTag1", "ulPropTag2"):
            arm[k] = kw[k]
            j[k] = kw[k]
    elif rt == 6:
        arm = res["resBitMask"]
        for k in ("relBMR", "ulPropTag", "ulMask"):
            arm[k] = kw[k]
            j[k] = kw[k]
    elif rt == 7:
        arm = res["resSize"]
        for k in ("relop", "ulPropTag", "cb"):
            arm[k] = kw[k]
            j[k] = kw[k]
    elif rt == 8:
        arm = res["resExist"]
        for k in ("ulReserved1", "ulPropTag", "ulReserved2"):
            arm[k] = kw.get(k, 0)
            j[k] = kw.get(k, 0)
    elif rt == 9:
        arm = res["resSubRestriction"]
        arm["ulSubObject"] = kw["ulSubObject"]
        o, x = kw["sub"]
        arm["lpRes"] = o
        j.update({"ulSubObject": kw["ulSubObject"], "lpRes": x})
    return r, j


def sample_restriction():
    exist = restriction(8, ulPropTag=0x3001001F)
    prop = restriction(4, relop=4, ulPropTag=0x3001001F, lpProp=value(0x3001001F, "Alice"))
    content = restriction(3, ulFuzzyLevel=0x00010001, ulPropTag=0x3001001F, lpProp=value(0x3001001F, "al"))
    cmp_ = restriction(5, relop=2, ulPropTag1=0x0E080003, ulPropTag2=0x0E090003)
    bm = restriction(6, relBMR=1, ulPropTag=0x0E070003, ulMask=0x10)
    size = restriction(7, relop=0, ulPropTag=0x0037001F, cb=100)
    not_ = restriction(2, sub=exist)
    sub = restriction(9, ulSubObject=0x0E12000D, sub=restriction(8, ulPropTag=0x0C15001F))
    or_ = restriction(1, subs=[content, cmp_, bm])
    return restriction(0, subs=[prop, or_, not_, size, sub])


def handle(seed):
    h = nspi.handle_t()
    h["context_handle_attributes"] = 0
    h["context_handle_uuid"] = bytes([seed] * 16)
    return h, (b"\x00\x00\x00\x00" + bytes([seed] * 16)).hex()


def full_data(obj):
    """A structure's whole NDR stream: its fixed part, then its referents."""
    data = obj.getData()
    if hasattr(obj, "getDataReferents"):
        data += obj.getDataReferents(len(data))
    return data


# ---------------------------------------------------------------------------
# samples: (name, rust type, object, expected json, disagreement or None)

SAMPLES = []


def add(name, ty, obj, expect, disagreement=None, encode=full_data):
    try:
        encode(obj)
    except Exception as e:
        raise RuntimeError("sample %s: %r" % (name, e))
    SAMPLES.append((name, ty, encode(obj), expect, disagreement))


def call_data(obj):
    return obj.getData()


def build():
    # structures --------------------------------------------------------------
    add("stat", "Stat", stat(), stat_json())
    add("property-tag-array", "PropertyTagArrayR", tag_array([0x3001001F, 0x0FFF0102, 0x39000003]),
        {"aulPropTag": [0x3001001F, 0x0FFF0102, 0x39000003]})
    add("property-tag-array-impacket-default-max-count", "PropertyTagArrayR",
        tag_array([0x3001001F, 0x0FFF0102], max_count=2),
        {"aulPropTag": [0x3001001F, 0x0FFF0102]},
        disagreement="max_count: impacket's PropertyTagArray_r writes MaximumCount = cValues unless "
                     "its caller sets it; the IDL says size_is(cValues+1)")
    for label, tag, v in [
        ("i", 0x00020002, -7), ("l", 0x39000003, 0x12345678), ("b", 0x3A00000B, 1),
        ("lpszA", 0x3001001E, "Alice"), ("lpszA-null", 0x3001001E, None),
        ("lpszW", 0x3001001F, "B\u00f6b"), ("bin", 0x0FFF0102, b"\x00\x01\x02\x03\x04"),
        ("bin-empty", 0x0FFF0102, b""), ("lpguid", 0x00010048, GUID1), ("ft", 0x30070040, 0x01D2345678ABCDEF),
        ("err", 0x3003000A, 0x8004010F), ("MVi", 0x00031002, [1, -2, 3]),
        ("MVl", 0x00041003, [1, 2, -3, 4]), ("MVszA", 0x8001101E, ["a", "bc", ""]),
        ("MVszW", 0x8002101F, ["x", "yz"]), ("MVbin", 0x80031102, [b"\x01", b"", b"\x02\x03"]),
        ("MVguid", 0x80041048, [GUID1, GUID2]), ("lReserved-null", 0x3FFF0001, 0),
        ("lReserved-embedded-table", 0x3E00000D, 0),
    ]:
        pv, j = value(tag, v)
        add("property-value-" + label, "PropertyValueR", pv, j)
    pv, j = value(0x80051040, [0x01D2345678ABCDEF, 5])
    add("property-value-MVft", "PropertyValueR", pv, j,
        disagreement="DateTimeArray_r: impacket encodes lpft as an array of FILETIME pointers; "
                     "the IDL's `[size_is(cValues)] FILETIME* lpft` is an array of FILETIME values")
    pv, j = value(0x00000000, 0)
    add("property-value-unspecified", "PropertyValueR", pv, j,
        disagreement="PROP_VAL_UNION: impacket has an arm for PtypUnspecified (0x0000); the IDL has "
                     "none, so the discriminant cannot be delimited")
    r, j = row([value(0x3001001F, "Alice"), value(0x39000003, 0)])
    add("property-row", "PropertyRowR", r, j)
    s, j = sample_rows()
    add("property-row-set", "PropertyRowSetR", s, j)
    r, j = sample_restriction()
    add("restriction", "RestrictionR", r, j)
    for rt, kw in [(8, {"ulPropTag": 0x3001001F}), (6, {"relBMR": 0, "ulPropTag": 0x0E070003, "ulMask": 1})]:
        r, j = restriction(rt, **kw)
        add("restriction-rt%d" % rt, "RestrictionR", r, j)
    n = nspi.PropertyNameSet_r()
    n["cNames"] = 2
    js = []
    for g, lid in [(GUID1, 0x8001), (GUID2, 0x8002)]:
        p = nspi.PropertyName_r()
        p["lpguid"] = g
        p["ulReserved"] = 0
        p["lID"] = lid
        n["aulPropTag"].append(p)
        js.append({"lpguid": g.hex(), "ulReserved": 0, "lID": lid})
    add("property-name-set", "PropertyNameSetR", n, {"aNames": js})
    sa = nspi.StringsArray_r()
    sa["Count"] = 2
    for x in ["/o=First Organization", "Bob"]:
        sa["Strings"].append(item(LPSTR, x.encode() + b"\x00"))
    add("strings-array", "StringsArrayR", sa, {"Strings": ["/o=First Organization", "Bob"]})
    wa = nspi.WStringsArray_r()
    wa["Count"] = 2
    for x in ["alice", "b\u00f6b"]:
        wa["Strings"].append(item(LPWSTR, x + "\x00"))
    add("wstrings-array", "WStringsArrayR", wa, {"Strings": ["alice", "b\u00f6b"]})

    # methods -----------------------------------------------------------------
    h, hj = handle(0x11)

    q = nspi.NspiBind()
    q["dwFlags"] = 0
    q["pStat"] = stat()
    q["pServerGuid"] = GUID1
    add("nspi-bind-request", "NspiBindRequest", q,
        {"dwFlags": 0, "pStat": stat_json(), "pServerGuid": GUID1.hex()}, encode=call_data)
    q = nspi.NspiBindResponse()
    q["pServerGuid"] = GUID2
    q["contextHandle"] = h
    q["ErrorCode"] = 0
    add("nspi-bind-response", "NspiBindResponse", q,
        {"pServerGuid": GUID2.hex(), "contextHandle": hj, "ErrorCode": 0}, encode=call_data)

    q = nspi.NspiUnbind()
    q["contextHandle"] = h
    q["Reserved"] = 0
    add("nspi-unbind-request", "NspiUnbindRequest", q, {"contextHandle": hj, "Reserved": 0}, encode=call_data)
    q = nspi.NspiUnbindResponse()
    q["contextHandle"] = handle(0)[0]
    q["ErrorCode"] = 1
    add("nspi-unbind-response", "NspiUnbindResponse", q,
        {"contextHandle": handle(0)[1], "ErrorCode": 1}, encode=call_data)

    q = nspi.NspiUpdateStat()
    q["hRpc"] = h
    q["Reserved"] = 0
    q["pStat"] = stat()
    q["plDelta"] = 0
    add("nspi-update-stat-request", "NspiUpdateStatRequest", q,
        {"hRpc": hj, "Reserved": 0, "pStat": stat_json(), "plDelta": 0}, encode=call_data)
    q = nspi.NspiUpdateStatResponse()
    q["pStat"] = stat(2)
    q["plDelta"] = -5
    q["ErrorCode"] = 0
    add("nspi-update-stat-response", "NspiUpdateStatResponse", q,
        {"pStat": stat_json(2), "plDelta": -5, "ErrorCode": 0}, encode=call_data)

    q = nspi.NspiQueryRows()
    q["hRpc"] = h
    q["dwFlags"] = 1
    q["pStat"] = stat()
    for m in [0x100, 0x200]:
        q["lpETable"].append(dword(m))
    q["dwETableCount"] = 2
    q["Count"] = 50
    fill_tag_array(q["pPropTags"], [0x3001001F, 0x39000003])
    add("nspi-query-rows-request", "NspiQueryRowsRequest", q,
        {"hRpc": hj, "dwFlags": 1, "pStat": stat_json(), "dwETableCount": 2, "lpETable": [0x100, 0x200],
         "Count": 50, "pPropTags": {"aulPropTag": [0x3001001F, 0x39000003]}}, encode=call_data)
    q = nspi.NspiQueryRowsResponse()
    q["pStat"] = stat(3)
    s, sj = sample_rows()
    q["ppRows"] = s
    q["ErrorCode"] = 0
    add("nspi-query-rows-response", "NspiQueryRowsResponse", q,
        {"pStat": stat_json(3), "ppRows": sj, "ErrorCode": 0}, encode=call_data)

    q = nspi.NspiSeekEntries()
    q["hRpc"] = h
    q["Reserved"] = 0
    q["pStat"] = stat()
    pv, pj = value(0x3001001F, "Al")
    q["pTarget"] = pv
    fill_tag_array(q["lpETable"], [0x100])
    fill_tag_array(q["pPropTags"], [0x3001001F])
    add("nspi-seek-entries-request", "NspiSeekEntriesRequest", q,
        {"hRpc": hj, "Reserved": 0, "pStat": stat_json(), "pTarget": pj,
         "lpETable": {"aulPropTag": [0x100]}, "pPropTags": {"aulPropTag": [0x3001001F]}},
        disagreement="lpETable and pPropTags are [in, unique] pointers in the IDL; impacket "
                     "writes the structures without referent IDs", encode=call_data)
    q = nspi.NspiSeekEntriesResponse()
    q["pStat"] = stat(4)
    q["ppRows"] = NULL
    q["ErrorCode"] = 0x8004010F
    add("nspi-seek-entries-response", "NspiSeekEntriesResponse", q,
        {"pStat": stat_json(4), "ppRows": None, "ErrorCode": 0x8004010F}, encode=call_data)

    q = nspi.NspiDNToMId()
    q["hRpc"] = h
    q["Reserved"] = 0
    q["pNames"]["Count"] = 1
    q["pNames"]["Strings"].append(item(LPSTR, b"/o=Org/ou=Site/cn=Recipients/cn=alice\x00"))
    add("nspi-dn-to-mid-request", "NspiDnToMIdRequest", q,
        {"hRpc": hj, "Reserved": 0, "pNames": {"Strings": ["/o=Org/ou=Site/cn=Recipients/cn=alice"]}},
        encode=call_data)
    q = nspi.NspiDNToMIdResponse()
    q["ppOutMIds"] = tag_array([0x1234])
    q["ErrorCode"] = 0
    add("nspi-dn-to-mid-response", "NspiDnToMIdResponse", q,
        {"ppOutMIds": {"aulPropTag": [0x1234]}, "ErrorCode": 0}, encode=call_data)

    q = nspi.NspiGetPropList()
    q["hRpc"] = h
    q["dwFlags"] = 1
    q["dwMId"] = 0x1234
    q["CodePage"] = 1252
    add("nspi-get-prop-list-request", "NspiGetPropListRequest", q,
        {"hRpc": hj, "dwFlags": 1, "dwMId": 0x1234, "CodePage": 1252}, encode=call_data)
    q = nspi.NspiGetPropListResponse()
    q["ppOutMIds"] = tag_array([0x3001001F, 0x39000003, 0x0FFF0102])
    q["ErrorCode"] = 0
    add("nspi-get-prop-list-response", "NspiGetPropListResponse", q,
        {"ppPropTags": {"aulPropTag": [0x3001001F, 0x39000003, 0x0FFF0102]}, "ErrorCode": 0},
        encode=call_data)

    q = nspi.NspiGetProps()
    q["hRpc"] = h
    q["dwFlags"] = 0
    q["pStat"] = stat()
    fill_tag_array(q["pPropTags"], [0x3001001F])
    add("nspi-get-props-request", "NspiGetPropsRequest", q,
        {"hRpc": hj, "dwFlags": 0, "pStat": stat_json(), "pPropTags": {"aulPropTag": [0x3001001F]}},
        disagreement="pStat is an [in] (reference) pointer in the IDL; impacket writes a referent ID "
                     "before the STAT", encode=call_data)
    q = nspi.NspiGetPropsResponse()
    r, rj = row([value(0x3001001F, "Alice"), value(0x0FFF0102, b"\x87\x00")])
    q["ppRows"] = r
    q["ErrorCode"] = 0
    add("nspi-get-props-response", "NspiGetPropsResponse", q, {"ppRows": rj, "ErrorCode": 0}, encode=call_data)

    q = nspi.NspiCompareMIds()
    q["hRpc"] = h
    q["Reserved"] = 0
    q["pStat"] = stat()
    q["MId1"] = 1
    q["MId2"] = 2
    add("nspi-compare-mids-request", "NspiCompareMIdsRequest", q,
        {"hRpc": hj, "Reserved": 0, "pStat": stat_json(), "MId1": 1, "MId2": 2}, encode=call_data)
    q = nspi.NspiCompareMIdsResponse()
    q["plResult"] = -1
    q["ErrorCode"] = 0
    add("nspi-compare-mids-response", "NspiCompareMIdsResponse", q,
        {"plResult": -1, "ErrorCode": 0}, encode=call_data)

    q = nspi.NspiGetSpecialTable()
    q["hRpc"] = h
    q["dwFlags"] = 4
    q["pStat"] = stat()
    q["lpVersion"] = 0
    add("nspi-get-special-table-request", "NspiGetSpecialTableRequest", q,
        {"hRpc": hj, "dwFlags": 4, "pStat": stat_json(), "lpVersion": 0},
        disagreement="pStat and lpVersion are [in] (reference) pointers in the IDL; impacket writes "
                     "referent IDs before them", encode=call_data)
    q = nspi.NspiGetSpecialTableResponse()
    q["lpVersion"] = 7
    s, sj = sample_rows()
    q["ppRows"] = s
    q["ErrorCode"] = 0
    add("nspi-get-special-table-response", "NspiGetSpecialTableResponse", q,
        {"lpVersion": 7, "ppRows": sj, "ErrorCode": 0}, encode=call_data)

    q = nspi.NspiGetTemplateInfo()
    q["hRpc"] = h
    q["dwFlags"] = 1
    q["ulType"] = 0
    q["pDN"] = NULL
    q["dwCodePage"] = 1252
    q["dwLocaleID"] = 0x409
    add("nspi-get-template-info-request", "NspiGetTemplateInfoRequest", q,
        {"hRpc": hj, "dwFlags": 1, "ulType": 0, "pDN": None, "dwCodePage": 1252, "dwLocaleID": 0x409},
        encode=call_data)
    q = nspi.NspiGetTemplateInfoResponse()
    r, rj = row([value(0x00010102, b"TMPL")])
    q["ppData"] = r
    q["ErrorCode"] = 0
    add("nspi-get-template-info-response", "NspiGetTemplateInfoResponse", q,
        {"ppData": rj, "ErrorCode": 0}, encode=call_data)

    q = nspi.NspiModLinkAtt()
    q["hRpc"] = h
    q["dwFlags"] = 0
    q["ulPropTag"] = 0x8009101E
    q["dwMId"] = 0x1234
    q["lpEntryIds"]["cValues"] = 2
    for e in [b"\x87\x00\x00\x00", b"\x00\x00\x00\x00\x01"]:
        b = nspi.Binary_r()
        b["cValues"] = len(e)
        b["lpb"] = e
        q["lpEntryIds"]["lpbin"].append(b)
    add("nspi-mod-link-att-request", "NspiModLinkAttRequest", q,
        {"hRpc": hj, "dwFlags": 0, "ulPropTag": 0x8009101E, "dwMId": 0x1234,
         "lpEntryIds": ["87000000", "0000000001"]}, encode=call_data)
    q = nspi.NspiModLinkAttResponse()
    q["ErrorCode"] = 0
    add("nspi-mod-link-att-response", "NspiModLinkAttResponse", q, {"ErrorCode": 0}, encode=call_data)

    q = nspi.NspiQueryColumns()
    q["hRpc"] = h
    q["Reserved"] = 0
    q["dwFlags"] = 0x80000000
    add("nspi-query-columns-request", "NspiQueryColumnsRequest", q,
        {"hRpc": hj, "Reserved": 0, "dwFlags": 0x80000000}, encode=call_data)
    q = nspi.NspiQueryColumnsResponse()
    q["ppColumns"] = tag_array([0x3001001F, 0x3A00000B])
    q["ErrorCode"] = 0
    add("nspi-query-columns-response", "NspiQueryColumnsResponse", q,
        {"ppColumns": {"aulPropTag": [0x3001001F, 0x3A00000B]}, "ErrorCode": 0}, encode=call_data)

    q = nspi.NspiGetNamesFromIDs()
    q["hRpc"] = h
    q["Reserved"] = 0
    q["lpguid"] = GUID1
    fill_tag_array(q["pPropTags"], [0x8001001F])
    add("nspi-get-names-from-ids-request", "NspiGetNamesFromIdsRequest", q,
        {"hRpc": hj, "Reserved": 0, "lpguid": GUID1.hex(), "pPropTags": {"aulPropTag": [0x8001001F]}},
        encode=call_data)
    q = nspi.NspiGetNamesFromIDsResponse()
    q["ppReturnedPropTags"] = tag_array([0x8001001F])
    ns = nspi.PropertyNameSet_r()
    ns["cNames"] = 1
    p = nspi.PropertyName_r()
    p["lpguid"] = GUID1
    p["ulReserved"] = 0
    p["lID"] = 0x8001
    ns["aulPropTag"].append(p)
    q["ppNames"] = ns
    q["ErrorCode"] = 0
    add("nspi-get-names-from-ids-response", "NspiGetNamesFromIdsResponse", q,
        {"ppReturnedPropTags": {"aulPropTag": [0x8001001F]},
         "ppNames": {"aNames": [{"lpguid": GUID1.hex(), "ulReserved": 0, "lID": 0x8001}]},
         "ErrorCode": 0}, encode=call_data)

    q = nspi.NspiGetIDsFromNames()
    q["hRpc"] = h
    q["Reserved"] = 0
    q["dwFlags"] = 2
    q["cPropNames"] = 1
    p = nspi.PropertyName_r()
    p["lpguid"] = GUID2
    p["ulReserved"] = 0
    p["lID"] = 0x8002
    q["pNames"].append(p)
    add("nspi-get-ids-from-names-request", "NspiGetIdsFromNamesRequest", q,
        {"hRpc": hj, "Reserved": 0, "dwFlags": 2, "cPropNames": 1,
         "pNames": [{"lpguid": GUID2.hex(), "ulReserved": 0, "lID": 0x8002}]},
        disagreement="pNames is `[size_is(cPropNames)] PropertyName_r**`, a conformant array of "
                     "unique pointers; impacket writes a conformant varying array of the structures",
        encode=call_data)
    q = nspi.NspiGetIDsFromNamesResponse()
    q["ppPropTags"] = tag_array([0x80020000])
    q["ErrorCode"] = 0
    add("nspi-get-ids-from-names-response", "NspiGetIdsFromNamesResponse", q,
        {"ppPropTags": {"aulPropTag": [0x80020000]}, "ErrorCode": 0}, encode=call_data)

    q = nspi.NspiResolveNames()
    q["hRpc"] = h
    q["Reserved"] = 0
    q["pStat"] = stat()
    fill_tag_array(q["pPropTags"], [0x3001001E])
    q["paStr"]["Count"] = 2
    for x in [b"alice\x00", b"bo\x00"]:
        q["paStr"]["Strings"].append(item(LPSTR, x))
    add("nspi-resolve-names-request", "NspiResolveNamesRequest", q,
        {"hRpc": hj, "Reserved": 0, "pStat": stat_json(), "pPropTags": {"aulPropTag": [0x3001001E]},
         "paStr": {"Strings": ["alice", "bo"]}}, encode=call_data)
    q = nspi.NspiResolveNamesResponse()
    q["ppMIds"] = tag_array([0x1234, 1])
    rs, rsj = rowset([row([value(0x3001001E, "Alice")])])
    q["ppRows"] = rs
    q["ErrorCode"] = 0
    add("nspi-resolve-names-response", "NspiResolveNamesResponse", q,
        {"ppMIds": {"aulPropTag": [0x1234, 1]}, "ppRows": rsj, "ErrorCode": 0}, encode=call_data)

    q = nspi.NspiResolveNamesW()
    q["hRpc"] = h
    q["Reserved"] = 0
    q["pStat"] = stat()
    q["pPropTags"] = NULL
    q["paStr"]["Count"] = 1
    q["paStr"]["Strings"].append(item(LPWSTR, "b\u00f6b\x00"))
    add("nspi-resolve-names-w-request", "NspiResolveNamesWRequest", q,
        {"hRpc": hj, "Reserved": 0, "pStat": stat_json(), "pPropTags": None,
         "paWStr": {"Strings": ["b\u00f6b"]}}, encode=call_data)
    q = nspi.NspiResolveNamesWResponse()
    q["ppMIds"] = tag_array([0])
    q["ppRows"] = NULL
    q["ErrorCode"] = 0
    add("nspi-resolve-names-w-response", "NspiResolveNamesWResponse", q,
        {"ppMIds": {"aulPropTag": [0]}, "ppRows": None, "ErrorCode": 0}, encode=call_data)

    # MS-OXABREF --------------------------------------------------------------
    q = oxabref.RfrGetNewDSA()
    q["ulFlags"] = 0
    q["pUserDN"] = "/o=Org/ou=Site/cn=Recipients/cn=alice\x00"
    q["ppszUnused"] = NULL
    q["ppszServer"] = "\x00"
    add("rfr-get-new-dsa-request", "RfrGetNewDsaRequest", q,
        {"ulFlags": 0, "pUserDN": "/o=Org/ou=Site/cn=Recipients/cn=alice", "ppszUnused": None,
         "ppszServer": ""}, encode=call_data)
    q = oxabref.RfrGetNewDSAResponse()
    q["ppszUnused"] = NULL
    q["ppszServer"] = "nspi.example.com\x00"
    add("rfr-get-new-dsa-response", "RfrGetNewDsaResponse", q,
        {"ppszUnused": None, "ppszServer": "nspi.example.com"},
        disagreement="RfrGetNewDSA returns a long; impacket's RfrGetNewDSAResponse has no return value",
        encode=call_data)
    dn = "/o=Org/ou=Site/cn=Configuration/cn=Servers/cn=MBX1"
    q = oxabref.RfrGetFQDNFromServerDN()
    q["ulFlags"] = 0
    q["cbMailboxServerDN"] = len(dn) + 1
    q["szMailboxServerDN"] = dn + "\x00"
    add("rfr-get-fqdn-from-server-dn-request", "RfrGetFqdnFromServerDnRequest", q,
        {"ulFlags": 0, "cbMailboxServerDN": len(dn) + 1, "szMailboxServerDN": dn}, encode=call_data)
    q = oxabref.RfrGetFQDNFromServerDNResponse()
    q["ppszServerFQDN"] = "mbx1.example.com\x00"
    q["ErrorCode"] = 0
    add("rfr-get-fqdn-from-server-dn-response", "RfrGetFqdnFromServerDnResponse", q,
        {"ppszServerFQDN": "mbx1.example.com", "ErrorCode": 0}, encode=call_data)


# ---------------------------------------------------------------------------
# decoding with impacket (the `check` direction)

DECODERS = {
    "Stat": nspi.STAT, "PropertyTagArrayR": nspi.PropertyTagArray_r, "PropertyValueR": nspi.PropertyValue_r,
    "PropertyRowR": nspi.PropertyRow_r, "PropertyRowSetR": nspi.PropertyRowSet_r,
    "RestrictionR": nspi.Restriction_r, "PropertyNameSetR": nspi.PropertyNameSet_r,
    "StringsArrayR": nspi.StringsArray_r, "WStringsArrayR": nspi.WStringsArray_r,
    "NspiBindRequest": nspi.NspiBind, "NspiBindResponse": nspi.NspiBindResponse,
    "NspiUnbindRequest": nspi.NspiUnbind, "NspiUnbindResponse": nspi.NspiUnbindResponse,
    "NspiUpdateStatRequest": nspi.NspiUpdateStat, "NspiUpdateStatResponse": nspi.NspiUpdateStatResponse,
    "NspiQueryRowsRequest": nspi.NspiQueryRows, "NspiQueryRowsResponse": nspi.NspiQueryRowsResponse,
    "NspiSeekEntriesRequest": nspi.NspiSeekEntries, "NspiSeekEntriesResponse": nspi.NspiSeekEntriesResponse,
    "NspiDnToMIdRequest": nspi.NspiDNToMId, "NspiDnToMIdResponse": nspi.NspiDNToMIdResponse,
    "NspiGetPropListRequest": nspi.NspiGetPropList, "NspiGetPropListResponse": nspi.NspiGetPropListResponse,
    "NspiGetPropsRequest": nspi.NspiGetProps, "NspiGetPropsResponse": nspi.NspiGetPropsResponse,
    "NspiCompareMIdsRequest": nspi.NspiCompareMIds, "NspiCompareMIdsResponse": nspi.NspiCompareMIdsResponse,
    "NspiGetSpecialTableRequest": nspi.NspiGetSpecialTable,
    "NspiGetSpecialTableResponse": nspi.NspiGetSpecialTableResponse,
    "NspiGetTemplateInfoRequest": nspi.NspiGetTemplateInfo,
    "NspiGetTemplateInfoResponse": nspi.NspiGetTemplateInfoResponse,
    "NspiModLinkAttRequest": nspi.NspiModLinkAtt, "NspiModLinkAttResponse": nspi.NspiModLinkAttResponse,
    "NspiQueryColumnsRequest": nspi.NspiQueryColumns, "NspiQueryColumnsResponse": nspi.NspiQueryColumnsResponse,
    "NspiGetNamesFromIdsRequest": nspi.NspiGetNamesFromIDs,
    "NspiGetNamesFromIdsResponse": nspi.NspiGetNamesFromIDsResponse,
    "NspiGetIdsFromNamesRequest": nspi.NspiGetIDsFromNames,
    "NspiGetIdsFromNamesResponse": nspi.NspiGetIDsFromNamesResponse,
    "NspiResolveNamesRequest": nspi.NspiResolveNames, "NspiResolveNamesResponse": nspi.NspiResolveNamesResponse,
    "NspiResolveNamesWRequest": nspi.NspiResolveNamesW,
    "NspiResolveNamesWResponse": nspi.NspiResolveNamesWResponse,
    "RfrGetNewDsaRequest": oxabref.RfrGetNewDSA, "RfrGetNewDsaResponse": oxabref.RfrGetNewDSAResponse,
    "RfrGetFqdnFromServerDnRequest": oxabref.RfrGetFQDNFromServerDN,
    "RfrGetFqdnFromServerDnResponse": oxabref.RfrGetFQDNFromServerDNResponse,
}

# what impacket names differently from the spec, per type
RENAME = {"NspiGetPropListResponse": {"ppOutMIds": "ppPropTags"}, "NspiResolveNamesWRequest": {"paStr": "paWStr"}}


def text(v):
    if v is None or v == NULL:
        return None
    if isinstance(v, bytes):
        v = v.decode("latin-1")
    return v[:-1] if v.endswith("\x00") else v


def norm(ty, field, v):
    """impacket's decoded value -> the normalised JSON form."""
    if v is NULL or v is None:
        return None
    name = type(v).__name__
    if name == "STAT":
        return {k: v[k] for k in ["SortType", "ContainerID", "CurrentRec", "Delta", "NumPos", "TotalRecs",
                                  "CodePage", "TemplateLocale", "SortLocale"]}
    if name in ("PropertyTagArray_r", "PPropertyTagArray_r"):
        if name.startswith("P"):
            v = v["Data"] if "Data" in v.fields else v
        return {"aulPropTag": [x for x in v["aulPropTag"]]}
    return v


def check(directory):
    failures = 0
    for fname in sorted(os.listdir(directory)):
        if not fname.endswith(".hex"):
            continue
        meta, data = {}, bytearray()
        for line in open(os.path.join(directory, fname)):
            line = line.strip()
            if line.startswith("#"):
                k, _, v = line[1:].partition(":")
                meta[k.strip()] = v.strip()
            elif line:
                data += bytes.fromhex(line)
        cls = DECODERS.get(meta.get("type"))
        if cls is None or "disagreement" in meta:
            continue
        try:
            obj = cls()
            if cls.__name__.startswith("Nspi") or cls.__name__.startswith("Rfr"):
                obj = cls(bytes(data))
            else:
                n = obj.fromString(bytes(data))
                obj.fromStringReferents(bytes(data), n)
            got = dump(obj)
            want = json.loads(meta["expect"])
            if not same(got, want):
                failures += 1
                print("MISMATCH %s\n  impacket read %s\n  expected     %s" % (fname, got, want))
            else:
                print("ok %s" % fname)
        except Exception as e:  # a decode failure is a finding
            failures += 1
            print("FAIL %s: %r" % (fname, e))
    return failures


def dump(obj):
    """A generic dump of impacket's structure to plain Python values."""
    from impacket.dcerpc.v5.ndr import NDRPOINTER, NDRSTRUCT, NDRUNION, NDRCALL, NDRArray, NDR
    if isinstance(obj, NDRPOINTER):
        if obj["ReferentID"] == 0:
            return None
        return dump(obj.fields["Data"])
    if isinstance(obj, NDRArray):
        return [dump(x) for x in obj["Data"]] if "Data" in obj.fields else [dump(x) for x in obj.fields]
    if isinstance(obj, (NDRSTRUCT, NDRUNION, NDRCALL)):
        out = {}
        for k in obj.fields:
            out[k] = dump(obj.fields[k])
        return out
    if isinstance(obj, NDR):
        return dump(obj["Data"]) if "Data" in obj.fields else None
    if isinstance(obj, bytes):
        return obj.hex()
    return obj


def same(got, want):
    """Every non-zero, non-empty leaf of the expected values is among the
    values impacket read (strings as 8-bit or UTF-16 text, bytes as hex,
    handles as their 20 bytes)."""
    have = set()
    collect(got, have)
    missing = [x for x in leaves(want) if x not in (0, "") and str(x) not in have
               and str(x & 0xFFFFFFFF if isinstance(x, int) else x) not in have]
    if missing:
        print("  not found: %r" % missing[:5])
    return not missing


def collect(v, out):
    if isinstance(v, dict):
        if "context_handle_uuid" in v:
            out.add("%08x" % 0 + str(v["context_handle_uuid"].get("Data", "")))
            out.add((v["context_handle_attributes"]).to_bytes(4, "little").hex()
                    + str(v["context_handle_uuid"].get("Data", "")))
        if "Data" in v and isinstance(v["Data"], str) and "ActualCount" in v:
            raw = bytes.fromhex(v["Data"])
            out.add(raw.hex())
            for text in (raw.decode("latin-1"), raw.decode("utf-16-le", "replace")):
                out.add(text.rstrip("\x00"))
        for x in v.values():
            collect(x, out)
    elif isinstance(v, list):
        if v and all(isinstance(x, str) and len(x) == 2 for x in v):
            out.add("".join(v))
        for x in v:
            collect(x, out)
    elif isinstance(v, int):
        out.add(str(v))
        out.add(str(v & 0xFFFFFFFF))
    elif isinstance(v, str):
        out.add(v)
        try:
            raw = bytes.fromhex(v)
            out.add(raw.decode("latin-1").rstrip("\x00"))
        except ValueError:
            pass


def leaves(v):
    if isinstance(v, dict):
        for x in v.values():
            yield from leaves(x)
    elif isinstance(v, list):
        for x in v:
            yield from leaves(x)
    elif v is not None:
        yield v


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "check":
        sys.exit(1 if check(sys.argv[2]) else 0)
    out = sys.argv[2] if len(sys.argv) >= 3 else os.path.join(
        os.path.dirname(__file__), "..", "..", "test-vectors", "oxnspi")
    build()
    for name, ty, data, expect, disagreement in SAMPLES:
        with open(os.path.join(out, "peer-%s.hex" % name), "w") as f:
            f.write("# section: [MS-OXNSPI] / [MS-NSPI] NDR encoding (MS-RPCE NDR 2.0)\n")
            f.write("# source: impacket %s encoding of %s (scripts/peers/nspi_ndr.py)\n" % (VERSION, ty))
            f.write("# type: %s\n" % ty)
            if disagreement:
                f.write("# disagreement: %s\n" % disagreement)
            f.write("# expect: %s\n" % json.dumps(expect, separators=(",", ":"), ensure_ascii=True))
            for i in range(0, len(data), 16):
                f.write(" ".join("%02x" % b for b in data[i:i + 16]) + "\n")
    print("wrote %d vectors to %s" % (len(SAMPLES), out))


if __name__ == "__main__":
    main()
