#!/usr/bin/env python3
"""Every corpus .msg that ms-oxcmail converted to .eml agrees with
extract_msg's reading of the .msg (../shared/tools/peers/msg-dump.extract_msg;
install with ../shared/tools/peers/install.sh or `pip install extract-msg==0.57.0`).

Reads manifest_msg.json written by the ms-oxcmail corpus test with
MSOX_OXCMAIL_DUMP=DIR; parses each .eml with Python's email package
(policy=default) and compares: subject, sender SMTP address, recipient
addresses by kind, the text body (white space normalised), attachment
names and sizes (by-value attachments; the smime.p7m of a signed message is
the whole entity, so it is compared by presence). Not part of CI.

Usage:
  MSOX_OXCMAIL_DUMP=/tmp/oxdump cargo test -p ms-oxcmail --test corpus
  scripts/peers/msg_check.py /tmp/oxdump [-v]
"""
import email.policy
import hashlib
import json
import os
import subprocess
import sys
from email.parser import BytesParser

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEER = os.path.join(ROOT, "..", "shared", "tools", "peers", "msg-dump.extract_msg")


def norm(s):
    return " ".join(s.split()) if s else ""


def peer(path):
    try:
        p = subprocess.run([PEER, path], capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        return None
    if p.returncode != 0:
        return None
    try:
        return json.loads(p.stdout)
    except ValueError:
        return None


def ours(path):
    with open(path, "rb") as f:
        m = BytesParser(policy=email.policy.default).parse(f)
    out = {"subject": str(m.get("subject", "") or ""), "from": None, "to": [], "cc": [], "bcc": []}
    for h in ("from", "to", "cc", "bcc"):
        for v in m.get_all(h, []) or []:
            try:
                for a in v.addresses:
                    if h == "from":
                        out["from"] = out["from"] or a.addr_spec.lower()
                    else:
                        out[h].append(a.addr_spec.lower())
            except Exception:
                pass
    out["text_sha"] = set()
    try:
        b = m.get_body(preferencelist=("plain",))
        t = b.get_content() if b is not None else ""
        for v in (t, t.replace("\r\n", "\n").replace("\n", "\r\n")):
            out["text_sha"].add(hashlib.sha256(v.encode("utf-8")).hexdigest())
    except Exception:
        pass
    atts = []
    for part in m.walk():
        if part.is_multipart() or part.get_content_maintype() == "message":
            continue
        data = part.get_payload(decode=True)
        if data is not None:
            atts.append((hashlib.sha256(data).hexdigest(), len(data)))
    out["attachments"] = atts
    return out


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv
    if not args:
        print(__doc__)
        return 2
    manifest = json.load(open(os.path.join(args[0], "manifest_msg.json")))
    stats, skipped = {}, 0

    def check(field, ok, detail):
        s = stats.setdefault(field, [0, 0])
        s[0 if ok else 1] += 1
        if not ok and verbose:
            print("  %s: %s" % (field, detail))

    for row in manifest:
        p = peer(row["original"])
        if p is None:
            skipped += 1
            continue
        o = ours(row["eml"])
        if verbose:
            print(row["file"])
        check("subject", norm(p.get("subject") or "") == norm(o["subject"]), (p.get("subject"), o["subject"]))
        ps = (p.get("sender") or {}).get("email") or ""
        if "@" in ps:
            check("sender address", ps.lower() == (o["from"] or ""), (ps, o["from"]))
        for kind in ("to", "cc", "bcc"):
            want = sorted(r["email"].lower() for r in p.get("recipients", []) if r.get("type") == kind and r.get("email") and "@" in r["email"])
            got = sorted(a for a in o[kind] if "@" in a and not a.startswith("imceaex-"))
            if want:
                check(kind + " addresses", all(w in got for w in want), (want, got))
        if p.get("body_sha256") and not (p.get("html_sha256") or p.get("rtf_sha256")):
            check("text body (sha256)", p["body_sha256"] in o["text_sha"], p["body_sha256"])
        signed = "SMIME" in (p.get("message_class") or "").upper()
        want = [a["sha256"] for a in p.get("attachments") or [] if a.get("method") == 1 and a.get("sha256")]
        got = [h for h, n in o["attachments"] if n >= 0]
        if want and not signed:
            check("attachment bytes (sha256)", all(w in got for w in want), (want, got))
    print("%d converted .msg, %d not readable by extract_msg" % (len(manifest), skipped))
    for field, (ok, ko) in stats.items():
        print("  %-20s %4d agree %4d differ" % (field, ok, ko))
    return 0


if __name__ == "__main__":
    sys.exit(main())
