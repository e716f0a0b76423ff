#!/usr/bin/env python3
"""Compare `msox oab dump --json` with the PyPI `oab` package (1.1.0, the
only other OAB reader; not wrapped in ../shared/tools/peers) on generated
version 4 full details files. Not part of CI.

Setup: python3 -m venv /tmp/oabpeer && /tmp/oabpeer/bin/pip install oab==1.1.0
Usage: /tmp/oabpeer/bin/python scripts/peers/compare-oab.py [N_RECORDS] [MSOX_BINARY]
Writes a book of N records with `msox oab generate`, reads it with both, and
prints how many records differ (property by property, matched by tag).
"""
import json, os, shutil, subprocess, sys, tempfile

import oab.library as L
from oab.properties import property_tags

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
N = sys.argv[1] if len(sys.argv) > 1 else "10000"
MSOX = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "target", "release", "msox")

d = tempfile.mkdtemp()
path = os.path.join(d, "udetails.oab")  # the peer picks the file kind by name
subprocess.run([MSOX, "oab", "generate", N, path], check=True)
ours = json.loads(subprocess.run([MSOX, "oab", "dump", "--json", path], check=True, capture_output=True).stdout)
peer = L.load_oab_file(path)
shutil.rmtree(d)

inv = {v: k for k, v in property_tags.items()}
name2tag = {(t["name"] or t["tag"]): int(t["tag"], 16) for t in ours["header_atts"] + ours["oab_atts"]}


def norm(v):
    # The peer returns unsigned integers and binary as "b'hex'" strings.
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v & 0xFFFFFFFF
    if isinstance(v, bytes):
        return v.decode()
    if isinstance(v, str) and v.startswith("b'") and v.endswith("'"):
        return v[2:-1]
    if isinstance(v, list):
        return [norm(x) for x in v]
    return v


def peer_rec(r, hdr=False):
    out = {}
    for k, v in r["record"].items():
        t = int(k) if k.isdigit() else inv[k]
        if hdr and t == 0x68051003:  # the peer names PidTagOfflineAddressBookTruncatedProperties' tags
            v = [inv[x] if not x.isdigit() else int(x) for x in v]
        out[t] = norm(v)
    return out


def our_rec(r):
    return {name2tag[k]: norm(v) for k, v in r.items()}


bad = 0
if peer_rec(peer["header_record"], True) != our_rec(ours["header_record"]):
    print("header record differs")
    bad += 1
if len(peer["address_book"]) != len(ours["records"]):
    print("record count", len(peer["address_book"]), len(ours["records"]))
    bad += 1
for i, (a, b) in enumerate(zip(peer["address_book"], ours["records"])):
    pa, ob = peer_rec(a), our_rec(b)
    if pa != ob:
        bad += 1
        if bad < 5:
            print("record", i, {k: (pa.get(k), ob.get(k)) for k in set(pa) | set(ob) if pa.get(k) != ob.get(k)})
print(f"{len(ours['records'])} records compared, {bad} differences")
sys.exit(1 if bad else 0)
