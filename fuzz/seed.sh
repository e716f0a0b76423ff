#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the test vectors named in
# msox_fuzz_targets::TARGETS (and fuzz/regressions). Run from anywhere.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
# target -> seed folders, read from the TARGETS table
python3 - "$root" <<'PY'
import os, re, sys, shutil
root = sys.argv[1]
src = open(os.path.join(root, "crates/msox-fuzz-targets/src/lib.rs")).read()
EXTRA = {
    "aswbxml_from_xml": [("aswbxml", ".xml")],
    "oxwoab_manifest": [("oxwoab", ".xml")],
    "oxcical_contentlines": [("oxcical/dst", ".ics")],
    "oxcical_import": [("oxcical/dst", ".ics")],
}
# Real files of ../shared/corpus ($MSOX_CORPUS): target -> (folder, endings)
# (files up to 64 KiB).
corpus = os.environ.get("MSOX_CORPUS") or os.path.join(root, "..", "shared", "corpus")
CORPUS = {
    "oxcrops_request_buffer": [("rops", (".rgbIn-decompressed.bin",))],
    "oxcfxics_idset": [("fxics/idset", (".bin",))],
    "oxcfxics_pcl": [("fxics/pcl", (".bin",))],
    "oxcfxics_xid": [("fxics/xid", (".bin",))],
    "oxocal_recurrence": [("other/recurrence", (".bin",))],
    "oxocal_appointment_recurrence": [("other/recurrence", (".bin",))],
    "oxocal_goid": [("other/goid", (".bin",))],
    "oxocal_tzdefinition": [("other/tzdef", (".tzd",))],
    "oxocal_tzreg": [("other/tzstruct", (".bin",))],
    "oxcical_contentlines": [("ical", (".ics", ".vcs"))],
    "oxcical_import": [("ical", (".ics", ".vcs"))],
    "oxvcard_import": [("vcard", (".vcf",))],
    "oxcmail_mime_to_message": [("eml", (".eml",))],
    "oxcmail_roundtrip": [("eml", (".eml",))],
    "cab_extract": [("cab-mszip", (".cab",)), ("lzx", (".cab",))],
    "cab_test": [("cab-mszip", (".cab",)), ("lzx", (".cab",))],
    "cab_search": [("cab-mszip", (".cab",)), ("lzx", (".cab",))],
    "cab_set": [("cab-mszip", (".cab",)), ("lzx", (".cab",))],
    "chm_directory": [("lzx", (".chm", ".CHM"))],
    "chm_extract": [("lzx", (".chm", ".CHM"))],
    "oxtnef_extract": [("tnef", (".tnef", ".dat"))],
    "oxmsg_extract": [("msg", (".msg",))],
}

def corpus_files(name):
    for folder, ends in CORPUS.get(name, []):
        d = os.path.join(corpus, folder)
        for dirpath, _, files in sorted(os.walk(d)):
            for f in sorted(files):
                p = os.path.join(dirpath, f)
                if f.endswith(ends) and os.path.getsize(p) <= 65536:
                    yield folder.replace("/", "-") + "-" + f, open(p, "rb").read()

def vectors(folder):
    """(name, bytes, metadata) of every .hex vector of test-vectors/<folder>."""
    d = os.path.join(root, "test-vectors", folder)
    for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
        if not f.endswith(".hex"):
            continue
        text = open(os.path.join(d, f)).read()
        meta = dict(
            m.groups() for m in re.finditer(r"^#\s*([\w-]+):\s*(.*?)\s*$", text, re.M)
        )
        hexd = "".join(re.sub(r"#.*", "", l) for l in text.splitlines())
        yield f[:-4], bytes.fromhex(re.sub(r"0[xX]", "", re.sub(r"[\s,]", "", hexd))), meta

def rops_context():
    """oxcrops_response_buffer_with_context: a 16-bit length, the request
    buffer a response-buffer vector names, the response buffer."""
    v = {n: (b, m) for n, b, m in vectors("oxcrops")}
    for n, (b, m) in v.items():
        req = m.get("request")
        if m.get("type") == "response-buffer" and req in v:
            r = v[req][0]
            yield len(r).to_bytes(2, "little") + r + b

def notify_bodies():
    """RopNotify responses (after the RopId): NewMail, ObjectModified,
    SearchComplete, TableRowAdded (table 0x77: PtypInteger32 and
    PtypString8 columns), TableRestrictionChanged."""
    le = lambda v, n: v.to_bytes(n, "little")
    fid = lambda n: bytes([1, 0, 0, 0, 0, 0, 0, n])
    head = lambda h, flags: le(h, 4) + b"\x00" + le(flags, 2)
    yield head(0x10, 0x8002) + fid(1) + fid(2) + le(0x11, 4) + b"\x01" + "IPM".encode("utf-16-le") + b"\0\0"
    yield head(0x10, 0xB010) + fid(1) + fid(2) + bytes([1, 0, 3, 0, 7, 0x0E]) + le(9, 4) + le(3, 4)
    yield head(0x10, 0x0080) + fid(4)
    row = b"\x00" + le(42, 4) + "Hi".encode("utf-16-le") + b"\0\0"
    yield (head(0x77, 0x8100) + le(3, 2) + fid(1) + fid(2) + le(0, 4) + fid(1) + fid(3) + le(0, 4)
           + le(len(row), 2) + row)
    yield head(0x77, 0x0100) + le(7, 2)

def rows(n):
    """Rows of the oxcrops row targets' columns: a standard row, then a
    flagged one."""
    le = lambda v, k: v.to_bytes(k, "little")
    b = b""
    for i in range(n):
        if i % 2 == 0:
            b += b"\x00" + le(0x0001_0000_0000_0000 | i, 8) + le(0x01D9_0000_0000_0000, 8) + le(1000, 4)
            b += "Hi".encode("utf-16-le") + b"\0\0" + bytes([3, 0, 0xAB, 0xCD, i & 0xFF]) + b"\x01"
            b += bytes([3, 0, 7, 0, 0, 0]) + bytes([2, 0, 0, 0, ord("a"), 0, 0, 0, 0, 0])
        else:
            b += b"\x01\x00" + le(i, 8) + b"\x01" + bytes([0x0A, 0x0F, 0x01, 0x04, 0x80]) + b"\x00"
            b += "Re".encode("utf-16-le") + b"\0\0" + bytes([0, 1, 0, 0x42, 0, 0])
            b += bytes([2, 0, 0, 5, 0, 1])
    return b

def cab_multi():
    """The libmspack three-part set, one cabinet after the other."""
    parts = [os.path.join(corpus, "cab-mszip", f"libmspack-multi_basic_pt{i}.cab") for i in (1, 2, 3)]
    if all(os.path.isfile(p) for p in parts):
        yield b"".join(open(p, "rb").read() for p in parts)

def dechunk():
    """The response streams inside the chunked vectors of oxcmapihttp."""
    for n, b, _ in vectors("oxcmapihttp"):
        if "chunked" not in n:
            continue
        out, i = b"", 0
        while True:
            j = b.find(b"\r\n", i)
            if j < 0:
                break
            size = int(b[i:j].split(b";")[0] or b"0", 16)
            if size == 0:
                break
            out += b[j + 2:j + 2 + size]
            i = j + 2 + size + 2
        yield out

GENERATED = {
    "oxcmapihttp_chunked": lambda: list(dechunk()),
    "cab_set": lambda: list(cab_multi()),
    "oxcrops_response_buffer_with_context": lambda: list(rops_context()),
    "oxcrops_notify": lambda: [b"\x2a" + n for n in notify_bodies()],
    "oxcrops_notify_response": lambda: list(notify_bodies()),
    "oxcrops_notification_data": lambda: [n[7:] for n in notify_bodies()],
    "oxcrops_query_rows_lazy": lambda: [bytes([1, 0, 0, 0, 0, 2]) + n.to_bytes(2, "little") + rows(n) for n in (0, 1, 4)],
    "oxcrops_expand_row_lazy": lambda: [bytes([1, 0, 0, 0, 0, 9, 0, 0, 0]) + n.to_bytes(2, "little") + rows(n) for n in (0, 3)],
    "oxcrops_find_row_lazy": lambda: [bytes([1, 0, 0, 0, 0, 0, 1]) + rows(1), bytes([1, 0, 0, 0, 0, 0, 0])],
    "oxcrops_get_properties_specific_lazy": lambda: [bytes([1, 0, 0, 0, 0]) + rows(2)[len(rows(1)):]],
}
QUERIES = [
    "jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l",
    "jAAJBAp2MTQw%2BRGV2aWNl%3D",
    "Cmd=Sync&User=rmjones&DeviceId=v140Device&DeviceType=SmartPhone",
]
LISTS = {
    "oxtnef_props": (0x00069003, 0x00069005),
    "oxtnef_recipient_table": (0x00069004,),
}

def tnef_lists(ids):
    """The data of every attribute with one of `ids` in the TNEF vectors."""
    if not ids:
        return
    d = os.path.join(root, "test-vectors", "oxtnef")
    for f in sorted(os.listdir(d)):
        if not f.endswith(".hex"):
            continue
        text = open(os.path.join(d, f)).read()
        hexd = "".join(re.sub(r"#.*", "", l) for l in text.splitlines())
        b = bytes.fromhex(re.sub(r"0[xX]", "", re.sub(r"[\s,]", "", hexd)))
        i = 6
        while i + 9 <= len(b):
            aid = int.from_bytes(b[i + 1:i + 5], "little")
            ln = int.from_bytes(b[i + 5:i + 9], "little")
            if aid in ids:
                yield b[i + 9:i + 9 + ln]
            i += 9 + ln + 2

TEXT = {
    "ashttp_encoded_query": QUERIES,
    "ashttp_request_line": [f"POST /Microsoft-Server-ActiveSync?{q} HTTP/1.1" for q in QUERIES]
    + ["OPTIONS /Microsoft-Server-ActiveSync HTTP/1.1"],
}
for m in re.finditer(r'name:\s*"([^"]+)",\s*seeds:\s*&\[([^\]]*)\]', src):
    name, seeds = m.group(1), re.findall(r'"([^"]+)"', m.group(2))
    out = os.path.join(root, "fuzz/corpus", name)
    os.makedirs(out, exist_ok=True)
    n = 0
    for folder in seeds:
        d = os.path.join(root, "test-vectors", folder)
        for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if not f.endswith(".hex"):
                continue
            text = open(os.path.join(d, f)).read()
            hexd = "".join(re.sub(r"#.*", "", l) for l in text.splitlines())
            hexd = re.sub(r"0[xX]", "", re.sub(r"[\s,]", "", hexd))
            open(os.path.join(out, f"{folder}-{f[:-4]}"), "wb").write(bytes.fromhex(hexd))
            n += 1
    # Text inputs the .hex seeders do not cover.
    for folder, ext in EXTRA.get(name, []):
        d = os.path.join(root, "test-vectors", folder)
        for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if f.endswith(ext):
                shutil.copy(os.path.join(d, f), os.path.join(out, folder.replace("/", "-") + "-" + f))
                n += 1
    # TNEF property lists: the attribute data of the TNEF vectors.
    for i, blob in enumerate(tnef_lists(LISTS.get(name, ()))):
        open(os.path.join(out, f"oxtnef-attribute-{i}"), "wb").write(blob)
        n += 1
    # Real files, and inputs built here for targets no vector fits.
    for fname, blob in corpus_files(name):
        open(os.path.join(out, "corpus-" + fname), "wb").write(blob)
        n += 1
    for i, blob in enumerate(GENERATED.get(name, lambda: [])()):
        open(os.path.join(out, f"gen-{i}"), "wb").write(blob)
        n += 1
    for i, text in enumerate(TEXT.get(name, [])):
        open(os.path.join(out, f"text-{i}"), "w").write(text)
        n += 1
    reg = os.path.join(root, "fuzz/regressions", name)
    if os.path.isdir(reg):
        for f in os.listdir(reg):
            shutil.copy(os.path.join(reg, f), os.path.join(out, "reg-" + f))
            n += 1
    print(f"{name}: {n} seeds")
PY
