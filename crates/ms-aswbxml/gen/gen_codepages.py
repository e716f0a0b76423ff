#!/usr/bin/env python3
"""Generates crates/ms-aswbxml/src/codepages_generated.rs from the shared data.

Sources (one table, one set of corrections):
  ../shared/data/aswbxml-codepages.tsv            code_page, namespace, tag, token, not_in_current_spec
  ../shared/data/aswbxml-codepages-crosscheck.md  section 1: spec names where the TSV has libwbxml's
                                                   section 2: tokens the TSV may lack (filled here)
                                                   section 3: TSV tokens the requirement table lacks

Rules:
  - the spec name (crosscheck section 1, left column) is the tag's name; the TSV name becomes an
    accepted alias on input (libwbxml's spelling);
  - tokens of crosscheck section 2 are added when the TSV lacks them;
  - `not_in_current_spec` = yes in the TSV is kept as a flag; tokens of crosscheck section 3 that
    the TSV does not mark are flagged `unverified`;
  - two names for one token in the TSV (Provision 0x10): the first is the name, the second an alias;
  - `canonical` is the name the peers' canonical form (shared/tools/peers README, form D) uses:
    the first TSV name for the token (libwbxml's spelling), or the spec name for filled tokens;
  - `opaque`: elements whose content libwbxml's xml2wbxml (0.11.8) writes as WBXML OPAQUE
    (measured: one-element documents with base64 text, see OPAQUE below); msox's XML->WBXML
    encoder uses the same default so both agree on the same XML.

Usage: gen_codepages.py [--check] [--stdout]
  (no option)  rewrite src/codepages_generated.rs
  --stdout     print the generated source
  --check      exit 1 if the checked-in file differs from what would be generated
Standard library only.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CRATE = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(CRATE))
DATA = os.environ.get("MSOX_SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))
TSV = os.path.join(DATA, "aswbxml-codepages.tsv")
MD = os.path.join(DATA, "aswbxml-codepages-crosscheck.md")
OUT = os.path.join(CRATE, "src", "codepages_generated.rs")

# [MS-ASWBXML] 2.1.2.1 code page names (the page titles); the XML namespace is the TSV's.
PAGE_NAMES = {
    0: "AirSync", 1: "Contacts", 2: "Email", 3: "AirNotify", 4: "Calendar", 5: "Move",
    6: "GetItemEstimate", 7: "FolderHierarchy", 8: "MeetingResponse", 9: "Tasks",
    10: "ResolveRecipients", 11: "ValidateCert", 12: "Contacts2", 13: "Ping", 14: "Provision",
    15: "Search", 16: "GAL", 17: "AirSyncBase", 18: "Settings", 19: "DocumentLibrary",
    20: "ItemOperations", 21: "ComposeMail", 22: "Email2", 23: "Notes", 24: "RightsManagement",
    25: "Find",
}

# Extra input spellings that libwbxml writes and the TSV lacks (peers README: ComposeMail 0x10).
EXTRA_ALIASES = {(21, 0x10): ["MIME"]}

# The name the peers' canonical form prints where libwbxml's spelling is not the TSV's
# (peers README: ComposeMail 0x10 is `MIME` in libwbxml).
CANONICAL_OVERRIDES = {(21, 0x10): "MIME"}

# Measured with libwbxml 0.11.8 `xml2wbxml -v 1.3 -n -a` on `<Tag xmlns="NS:">QUJD</Tag>` for every
# tag of the TSV: these are the ones it writes as OPAQUE (C3 03 41 42 43).
OPAQUE = {(10, 0x1C), (15, 0x20), (16, 0x12), (17, 0x1F), (20, 0x18), (21, 0x10), (22, 0x09), (22, 0x0A)}


def md_tables(text):
    """{section number: [row cells]} for the markdown tables under '## N.' headings."""
    out, sec = {}, None
    for line in text.splitlines():
        m = re.match(r"##\s+(\d+)\.", line)
        if m:
            sec = int(m.group(1))
            continue
        if sec is None or not line.startswith("|") or set(line) <= set("|-: "):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] == "page":
            continue
        out.setdefault(sec, []).append(cells)
    return out


def main():
    rows = []
    with open(TSV, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        assert header[:4] == ["code_page", "namespace", "tag", "token"], header
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 4:
                continue
            rows.append((int(c[0]), c[1], c[2], int(c[3], 16), len(c) > 4 and c[4] == "yes"))
    tables = md_tables(open(MD, encoding="utf-8").read())
    renames = {(int(r[0]), int(r[1], 16)): (r[2], r[3]) for r in tables.get(1, [])}
    fills = [(int(r[0]), r[1], r[3], int(r[2], 16)) for r in tables.get(2, [])]
    unverified = {(int(r[0]), int(r[1], 16)) for r in tables.get(3, []) if len(r) == 3}
    assert len(renames) >= 60 and len(fills) == 9, (len(renames), len(fills))

    namespaces = {}
    tags = {}  # (page, token) -> dict
    order = []
    for page, ns, name, tok, old in rows:
        namespaces.setdefault(page, ns)
        assert namespaces[page] == ns, (page, ns)
        key = (page, tok)
        if key in tags:
            tags[key]["aliases"].append(name)
            continue
        t = {"page": page, "token": tok, "name": name, "canonical": name, "aliases": [],
             "not_in_current_spec": old, "unverified": key in unverified, "filled": False}
        if key in renames:
            spec, tsvname = renames[key]
            assert tsvname == name, (key, tsvname, name)
            t["name"] = spec
            t["aliases"].append(name)
        tags[key] = t
        order.append(key)
    for page, ns, name, tok in fills:
        key = (page, tok)
        if key in tags:
            t = tags[key]
            assert t["name"].lower() == name.lower(), (key, t["name"], name)
            t["filled"] = True
            continue
        assert namespaces.get(page) == ns, (page, ns)
        tags[key] = {"page": page, "token": tok, "name": name, "canonical": name, "aliases": [],
                     "not_in_current_spec": False, "unverified": False, "filled": True}
        order.append(key)
    for key, extra in EXTRA_ALIASES.items():
        for a in extra:
            if a not in tags[key]["aliases"] and a != tags[key]["name"]:
                tags[key]["aliases"].append(a)
    for key in OPAQUE:
        assert key in tags, key
    for key, name in CANONICAL_OVERRIDES.items():
        tags[key]["canonical"] = name

    order.sort()
    # names (and aliases) must be unique within a page for XML -> token lookup
    for page in sorted(namespaces):
        seen = {}
        for key in order:
            if key[0] != page:
                continue
            for n in [tags[key]["name"]] + tags[key]["aliases"]:
                assert n not in seen or seen[n] == key, (page, n, seen.get(n), key)
                seen[n] = key
    assert sorted(namespaces) == list(range(26)), sorted(namespaces)
    for key in order:
        assert 0x05 <= key[1] <= 0x3F, key

    o = []
    w = o.append
    w("// @generated by crates/ms-aswbxml/gen/gen_codepages.py from ../shared/data/aswbxml-codepages.tsv")
    w("// and ../shared/data/aswbxml-codepages-crosscheck.md. Do not edit: change the data and run")
    w("// `python3 crates/ms-aswbxml/gen/gen_codepages.py` (tests/generated.rs checks it is current).")
    w("")
    w("use crate::codepages::{CodePage, TagDef, TagFlags};")
    w("")
    w("/// Every tag of every code page, sorted by (page, token).")
    w("pub(crate) static TAGS: [TagDef; %d] = [" % len(order))
    for key in order:
        t = tags[key]
        flags = []
        if t["not_in_current_spec"]:
            flags.append("TagFlags::NOT_IN_CURRENT_SPEC")
        if t["unverified"]:
            flags.append("TagFlags::UNVERIFIED")
        if t["filled"]:
            flags.append("TagFlags::FILLED")
        if key in OPAQUE:
            flags.append("TagFlags::OPAQUE")
        fl = "TagFlags::NONE" if not flags else "TagFlags(" + " | ".join(f + ".0" for f in flags) + ")"
        aliases = ", ".join('"%s"' % a for a in t["aliases"])
        w("    TagDef { page: %d, token: 0x%02X, name: \"%s\", aliases: &[%s], canonical: \"%s\", flags: %s },"
          % (key[0], key[1], t["name"], aliases, t["canonical"], fl))
    w("];")
    w("")
    w("/// `TAG_INDEX[page][token]`: index into [`TAGS`], or `u16::MAX` for no tag.")
    w("pub(crate) static TAG_INDEX: [[u16; 64]; 26] = [")
    idx = {key: i for i, key in enumerate(order)}
    for page in range(26):
        cells = []
        for tok in range(64):
            cells.append(str(idx[(page, tok)]) if (page, tok) in idx else "N")
        w("    [" + ", ".join(cells) + "],")
    w("];")
    w("const N: u16 = u16::MAX;")
    w("")
    w("/// The 26 code pages of [MS-ASWBXML] 2.1.2.1, by number.")
    w("pub(crate) static PAGES: [CodePage; 26] = [")
    for page in range(26):
        toks = [k for k in order if k[0] == page]
        first = idx[toks[0]]
        w("    CodePage { number: %d, name: \"%s\", namespace: \"%s\", tags_start: %d, tags_end: %d },"
          % (page, PAGE_NAMES[page], namespaces[page], first, first + len(toks)))
    w("];")
    w("")
    w("/// The token of the tag called `name` (or one of its aliases) on code page `page`.")
    w("pub(crate) fn token_by_name(page: u8, name: &str) -> Option<u8> {")
    w("    match page {")
    for page in range(26):
        w("        %d => match name {" % page)
        for key in order:
            if key[0] != page:
                continue
            names = [tags[key]["name"]] + tags[key]["aliases"]
            w("            %s => Some(0x%02X)," % (" | ".join('"%s"' % n for n in names), key[1]))
        w("            _ => None,")
        w("        },")
    w("        _ => None,")
    w("    }")
    w("}")
    src = "\n".join(o) + "\n"

    if "--stdout" in sys.argv:
        sys.stdout.write(src)
        return 0
    if "--check" in sys.argv:
        cur = open(OUT, encoding="utf-8").read() if os.path.exists(OUT) else ""
        if cur != src:
            sys.stderr.write("%s is stale: run python3 %s\n" % (OUT, os.path.relpath(__file__, ROOT)))
            return 1
        return 0
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(src)
    return 0


if __name__ == "__main__":
    sys.exit(main())
