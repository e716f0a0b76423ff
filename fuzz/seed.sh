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
                shutil.copy(os.path.join(d, f), os.path.join(out, f"{folder}-{f}"))
                n += 1
    # TNEF property lists: the attribute data of the TNEF vectors.
    for i, blob in enumerate(tnef_lists(LISTS.get(name, ()))):
        open(os.path.join(out, f"oxtnef-attribute-{i}"), "wb").write(blob)
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
