#!/usr/bin/env python3
"""Compare `msox msg dump --summary` with the .msg peers (../shared/tools/peers
msg-dump.*) on every .msg of the corpus. Not part of CI.

Usage: scripts/peers/compare-msg.py [MSOX_BINARY] [-v]
Prints agreement per peer and field; -v prints each disagreement.
"""
import json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.environ.get("MSOX_CORPUS", os.path.join(ROOT, "..", "shared", "corpus"))
PEERS = os.path.join(ROOT, "..", "shared", "tools", "peers")
args = [a for a in sys.argv[1:] if a != "-v"]
VERBOSE = "-v" in sys.argv
MSOX = args[0] if args else os.path.join(ROOT, "target", "release", "msox")

def run(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        return None
    if p.returncode != 0:
        return None
    try:
        return json.loads(p.stdout)
    except ValueError:
        return None

def atts(v):
    out = []
    for a in v.get("attachments") or []:
        if "message" in a:
            out.append(("message", a.get("name")))
        else:
            out.append((a.get("size"), a.get("sha256")))
    return out

files = [l.split("\t")[0] for l in open(os.path.join(CORPUS, "MANIFEST.tsv"), encoding="utf-8")
         if l.split("\t")[1:2] == ["msg"]]
peers = ["extract_msg", "msg_parser-rs", "msgconvert"]
stats = {}
for f in files:
    path = os.path.join(CORPUS, f)
    ours = run([MSOX, "msg", "dump", "--summary", path])
    for peer in peers:
        theirs = run([os.path.join(PEERS, "msg-dump." + peer), path])
        s = stats.setdefault(peer, {"both": 0, "peer_only": 0, "msox_only": 0, "fields": {}})
        if theirs is None and ours is None:
            continue
        if theirs is None:
            s["msox_only"] += 1
            continue
        if ours is None:
            s["peer_only"] += 1
            print(f"{f}: {peer} reads it, msox does not")
            continue
        s["both"] += 1
        checks = {
            "subject": (ours.get("subject"), theirs.get("subject")),
            "sender email": ((ours.get("sender") or {}).get("email"), (theirs.get("sender") or {}).get("email")),
            "recipients": ([r.get("email") for r in ours.get("recipients") or []],
                           [r.get("email") for r in theirs.get("recipients") or []]),
            "body_sha256": (ours.get("body_sha256"), theirs.get("body_sha256")),
            "html_sha256": (ours.get("html_sha256"), theirs.get("html_sha256")),
            "rtf_sha256": (ours.get("rtf_sha256"), theirs.get("rtf_sha256")),
            "attachments": (atts(ours), atts(theirs)),
        }
        for k, (a, b) in checks.items():
            if b is None or (peer == "msgconvert" and k in ("rtf_sha256", "attachments", "body_sha256", "html_sha256")):
                continue
            fs = s["fields"].setdefault(k, [0, 0])
            if a == b:
                fs[0] += 1
            else:
                fs[1] += 1
                if VERBOSE:
                    print(f"{f}: {peer} {k}: msox {a!r} peer {b!r}"[:400])
print()
print(f"{len(files)} files under msg/")
for peer, s in stats.items():
    parts = [f"{k} {v[0]}/{v[0]+v[1]}" for k, v in s["fields"].items()]
    print(f"{peer}: both read {s['both']}, only peer {s['peer_only']}, only msox {s['msox_only']}; agree: " + ", ".join(parts))
