#!/usr/bin/env python3
"""Compare `msox tnef list --json` with the TNEF peers (../shared/tools/peers
tnef-dump.*) on every TNEF file of the corpus. Not part of CI (peers are
installed by ../shared/tools/peers/install.sh).

Usage: scripts/peers/compare-tnef.py [MSOX_BINARY]
Prints, per peer and field, how many files agree, and each disagreement.
"""
import json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.environ.get("MSOX_CORPUS", os.path.join(ROOT, "..", "shared", "corpus"))
PEERS = os.path.join(ROOT, "..", "shared", "tools", "peers")
MSOX = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "msox")

def run(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    if p.returncode != 0:
        return None, p.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["exit %d" % p.returncode]
    try:
        return json.loads(p.stdout), None
    except ValueError as e:
        return None, str(e)

def flat_atts(v):
    out = []
    for a in v.get("attachments") or []:
        if "message" in a:
            continue
        out.append((a.get("name"), a.get("size"), a.get("sha256")))
    return sorted(out, key=lambda t: (t[2] or "", t[0] or ""))

files = []
for line in open(os.path.join(CORPUS, "MANIFEST.tsv"), encoding="utf-8"):
    f = line.split("\t")[0]
    if f.startswith("tnef/"):
        p = os.path.join(CORPUS, f)
        with open(p, "rb") as fh:
            if fh.read(4) == b"\x78\x9f\x3e\x22":
                files.append(f)

peers = ["tnefparse", "ytnef", "tnef", "convert-tnef"]
stats = {}
for f in files:
    path = os.path.join(CORPUS, f)
    ours, err = run([MSOX, "tnef", "list", "--json", path])
    if ours is None:
        print(f"{f}: msox failed: {err}")
    for peer in peers:
        theirs, perr = run([os.path.join(PEERS, "tnef-dump." + peer), path])
        s = stats.setdefault(peer, {"files": 0, "peer_failed": 0, "msox_failed": 0, "fields": {}})
        s["files"] += 1
        if theirs is None:
            s["peer_failed"] += 1
            continue
        if ours is None:
            s["msox_failed"] += 1
            continue
        for field in ["subject", "body_sha256", "html_sha256", "rtf_sha256"]:
            a, b = ours.get(field), theirs.get(field)
            if b is None:
                continue
            fs = s["fields"].setdefault(field, [0, 0])
            if a == b:
                fs[0] += 1
            else:
                fs[1] += 1
                print(f"{f}: {peer} {field}: msox {a!r} peer {b!r}")
        fs = s["fields"].setdefault("attachment bytes (size+sha256)", [0, 0])
        oa = sorted((x[1], x[2]) for x in flat_atts(ours))
        ta = sorted((x[1], x[2]) for x in flat_atts(theirs))
        if oa == ta:
            fs[0] += 1
        else:
            fs[1] += 1
            print(f"{f}: {peer} attachments differ:\n   msox {flat_atts(ours)}\n   peer {flat_atts(theirs)}")
        fs = s["fields"].setdefault("attachment names", [0, 0])
        on = sorted(x[0] for x in flat_atts(ours))
        tn = sorted(x[0] for x in flat_atts(theirs))
        if on == tn:
            fs[0] += 1
        else:
            fs[1] += 1
            print(f"{f}: {peer} names: msox {on} peer {tn}")
print()
print(f"{len(files)} TNEF files")
for peer, s in stats.items():
    parts = [f"{k} {v[0]}/{v[0]+v[1]}" for k, v in s["fields"].items()]
    print(f"{peer}: peer failed {s['peer_failed']}, msox failed {s['msox_failed']}; agree: " + ", ".join(parts))
