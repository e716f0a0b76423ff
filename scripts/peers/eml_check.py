#!/usr/bin/env python3
"""Python's email package (policy=default) reads what ms-oxcmail writes.

Reads the manifest.json that the ms-oxcmail corpus test writes with
MSOX_OXCMAIL_DUMP=DIR (each corpus .eml, our round-tripped .eml, and the
values our reader took from the original), then for every message:

  * parses the round-tripped .eml with email.parser.BytesParser(policy=default)
    and requires no defects anywhere in it;
  * compares Subject, From, To and Cc (as addresses), Date, the text and HTML
    bodies (white space normalised) and the attachment bytes with Python's
    own reading of the original, and with our values.

Not part of CI (the Rust tests stand without Python).

Usage:
  MSOX_OXCMAIL_DUMP=/tmp/oxdump cargo test -p ms-oxcmail --test corpus
  scripts/peers/eml_check.py /tmp/oxdump [-v]
"""
import email
import email.policy
import email.utils
import hashlib
import json
import os
import sys
from email.parser import BytesParser


def norm(s):
    return " ".join(s.split()) if s is not None else None


def parse(path):
    with open(path, "rb") as f:
        return BytesParser(policy=email.policy.default).parse(f)


def defects(msg):
    out = []
    for part in msg.walk():
        out.extend(type(d).__name__ for d in part.defects)
        for h in part.keys():
            try:
                v = part[h]
                out.extend(type(d).__name__ + "(" + h + ")" for d in getattr(v, "defects", ()))
            except Exception as e:  # a header Python cannot parse at all
                out.append("HeaderError(%s: %s)" % (h, e))
    return out


def addrs(msg, name):
    out = []
    for v in msg.get_all(name, []) or []:
        try:
            for a in v.addresses:
                if a.addr_spec and a.addr_spec != "<>":
                    out.append(a.addr_spec.lower())
        except Exception:
            pass
    return out


def body(msg, kind):
    try:
        part = msg.get_body(preferencelist=(kind,))
    except Exception:
        return None
    if part is None:
        return None
    try:
        return norm(part.get_content())
    except Exception:
        return None


def attachments(msg):
    out = []
    for part in msg.walk():
        if part.is_multipart() or part.get_content_type() == "message/rfc822":
            continue
        if part.get_content_disposition() == "attachment" or part.get_filename():
            data = part.get_payload(decode=True) or b""
            out.append(hashlib.sha1(data).hexdigest())
    return sorted(out)


def date(msg):
    d = msg.get("date")
    try:
        return email.utils.parsedate_to_datetime(str(d)).timestamp() if d else None
    except Exception:
        return None


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv
    if not args:
        print(__doc__)
        return 2
    manifest = json.load(open(os.path.join(args[0], "manifest.json")))
    stats = {}
    bad = 0

    def check(field, ok, detail):
        s = stats.setdefault(field, [0, 0])
        s[0 if ok else 1] += 1
        if not ok and verbose:
            print("  %s: %s" % (field, detail))

    for row in manifest:
        orig, ours = parse(row["original"]), parse(row["roundtrip"])
        vals = row["values"]
        if verbose:
            print(row["file"])
        # defects the original already had (an invalid Message-ID copied
        # as it was) are not ours
        had = set(defects(orig))
        d = [x for x in defects(ours) if x not in had]
        check("no new defects in our output", not d, d)
        if d:
            bad += 1
        subj_o, subj_r = str(orig.get("subject", "") or ""), str(ours.get("subject", "") or "")
        check("subject = python(original)", norm(subj_o) == norm(subj_r), (subj_o, subj_r))
        check("subject = ours", norm(vals["subject"] or "") == norm(subj_r), (vals["subject"], subj_r))
        fo, fr = addrs(orig, "from")[:1], addrs(ours, "from")[:1]
        check("from = python(original)", fo == fr, (fo, fr))
        check("from = ours", ([vals["from"]] if vals["from"] else []) == fr, (vals["from"], fr))
        for h in ("to", "cc"):
            check(h + " = python(original)", addrs(orig, h) == addrs(ours, h), (addrs(orig, h), addrs(ours, h)))
            check(h + " = ours", vals[h] == addrs(ours, h), (vals[h], addrs(ours, h)))
        check("date = python(original)", date(orig) == date(ours), (date(orig), date(ours)))
        for kind in ("plain", "html"):
            ro = body(ours, kind)
            mine = vals["text" if kind == "plain" else "html"]
            check(kind + " body = ours", (mine or None) == (ro or None) or (not mine and not ro), (mine, ro) if verbose else "")
        ao = attachments(ours)
        mine = len([a for a in vals["attachments"] if a[0] not in ("multipart/signed",)])
        check("attachment count = ours", len(ao) >= mine or vals["class"] and "SMIME" in vals["class"], (mine, len(ao)))
    print("%d messages, %d with new defects in our output" % (len(manifest), bad))
    for field, (ok, ko) in stats.items():
        print("  %-28s %4d agree %4d differ" % (field, ok, ko))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
