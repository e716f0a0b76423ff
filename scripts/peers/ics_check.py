#!/usr/bin/env python3
"""Peer checks for ms-oxcical with Python icalendar (7.3.0) and
recurring-ical-events (3.8.2), as installed by ../shared/tools/peers/install.sh.

Commands:

  ics_check.py extract FILE... --out DIR
      Writes DIR/<stem>.expect.json: every VEVENT as Python icalendar reads it
      (UID, RECURRENCE-ID, SUMMARY, DTSTART/DTEND in UTC or as a date, the RRULE
      in a canonical form, EXDATEs, ORGANIZER and ATTENDEEs with PARTSTAT and
      ROLE). The Rust test crates/ms-oxcical/tests/corpus.rs compares its import
      of the same file against it.

  ics_check.py compare A.ics B.ics
      Compares the events of two files as above (e.g. a corpus file and the
      ms-oxcical export of it); prints differences, exit status 1 if any.

  ics_check.py expand FILE... --out DIR [--count 50]
      Writes DIR/<stem>.expect.json: the first COUNT occurrences of every
      recurring series (by UID) as recurring-ical-events expands the file
      (overrides by RECURRENCE-ID and EXDATEs applied). The Rust test
      crates/ms-oxcical/tests/expand.rs compares ms-oxocal's expansion of the
      imported series against it.

  ics_check.py ytnef FILE.tnef... --out DIR
      Runs ytnef on each TNEF file and writes DIR/<stem>.ytnef.json with the
      fields of the VEVENT ytnef writes (it writes UID, LOCATION, DTSTAMP and
      DESCRIPTION for these meeting requests; DTSTART/DTEND/RRULE/ATTENDEE
      only when the stream has the legacy attributes). The Rust test
      crates/ms-oxcical/tests/meeting.rs compares its export with it.
"""
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile

import icalendar
import recurring_ical_events

WD = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]


def when(v):
    """A DATE or DATE-TIME value as {"date"} / {"utc"} / {"floating"}."""
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        if v.tzinfo is None:
            return {"floating": v.strftime("%Y-%m-%dT%H:%M:%S")}
        return {"utc": v.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    if isinstance(v, dt.date):
        return {"date": v.strftime("%Y-%m-%d")}
    return {"other": str(v)}


def py_weekday(d):
    # Python: Monday 0; ours: Sunday 0
    return (d.weekday() + 1) % 7


def canonical_rrule(rr, start):
    """The rule in units of days, weeks or months, as ms-oxocal patterns say it."""
    if rr is None:
        return None
    get = lambda k, d=None: rr.get(k, [d])
    freq = get("FREQ")[0]
    interval = int(get("INTERVAL", 1)[0] or 1)
    byday = [str(x) for x in rr.get("BYDAY", [])]
    days, nth = [], None
    for d in byday:
        name = d[-2:].upper()
        n = d[:-2]
        days.append(WD.index(name))
        if n not in ("", "+"):
            nth = int(n)
    if rr.get("BYSETPOS"):
        nth = int(rr["BYSETPOS"][0])
    if nth == -1:
        nth = 5
    days = sorted(set(days))
    local = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
    out = {"count": int(rr["COUNT"][0]) if rr.get("COUNT") else None, "until": bool(rr.get("UNTIL"))}
    if freq == "DAILY":
        if days:
            out.update(unit="week", every=1, days=days)
        else:
            out.update(unit="day", every=interval)
    elif freq == "WEEKLY":
        out.update(unit="week", every=interval, days=days or [py_weekday(local)])
    elif freq in ("MONTHLY", "YEARLY"):
        out.update(unit="month", every=interval * (12 if freq == "YEARLY" else 1))
        if days:
            out.update(days=days, nth=nth)
        else:
            md = int(rr["BYMONTHDAY"][0]) if rr.get("BYMONTHDAY") else local.day
            out.update(monthday=31 if md == -1 else md)
    else:
        out.update(unit=freq.lower(), every=interval)
    return out


def attendees(ev):
    vals = ev.get("ATTENDEE")
    if vals is None:
        return []
    if not isinstance(vals, list):
        vals = [vals]
    out = []
    for a in vals:
        email = str(a)
        if email.lower().startswith("mailto:"):
            email = email[7:]
        if email.lower() == "invalid:nomail" or not email.strip():
            continue
        out.append([email.lower(), str(a.params.get("PARTSTAT", "NEEDS-ACTION")).upper(),
                    str(a.params.get("ROLE", "REQ-PARTICIPANT")).upper()])
    return sorted(out)


def events(path):
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    zones = {str(z.get("TZID")) for z in cal.walk("VTIMEZONE")}
    out = []
    for ev in cal.walk("VEVENT"):
        start = ev.decoded("DTSTART") if ev.get("DTSTART") is not None else None
        end = None
        if ev.get("DTEND") is not None:
            end = ev.decoded("DTEND")
        elif ev.get("DURATION") is not None and start is not None:
            end = start + ev.decoded("DURATION")
        elif start is not None:
            end = start + dt.timedelta(days=1) if not isinstance(start, dt.datetime) else start
        tzid = ev.get("DTSTART").params.get("TZID") if ev.get("DTSTART") is not None else None
        # an all-day series: EXDATE and RECURRENCE-ID name days, on their own wall clock
        day = lambda v: v.date() if start is not None and not isinstance(start, dt.datetime) and isinstance(v, dt.datetime) else v
        exdates = []
        ex = ev.get("EXDATE")
        if ex is not None:
            for e in ex if isinstance(ex, list) else [ex]:
                for d in e.dts:
                    exdates.append(when(day(d.dt)))
        org = ev.get("ORGANIZER")
        org = str(org)[7:].lower() if org is not None and str(org).lower().startswith("mailto:") else (str(org).lower() if org is not None else None)
        rid = ev.get("RECURRENCE-ID")
        out.append({
            "uid": str(ev.get("UID")) if ev.get("UID") is not None else None,
            "recurrence_id": when(day(rid.dt)) if rid is not None else None,
            "summary": str(ev.get("SUMMARY")) if ev.get("SUMMARY") is not None else None,
            "start": when(start),
            "end": when(end),
            "tzid_known": tzid is None or str(tzid) in zones or str(tzid).upper() in ("UTC", "GMT"),
            "rrule": canonical_rrule(ev.get("RRULE"), start) if ev.get("RRULE") is not None else None,
            "exdates": sorted(exdates, key=json.dumps),
            "organizer": org,
            "attendees": attendees(ev),
        })
    out.sort(key=lambda e: (e["uid"] or "", json.dumps(e["recurrence_id"])))
    return out


def write(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")


def out_dir(args):
    if "--out" not in args:
        sys.exit("--out DIR is required")
    i = args.index("--out")
    d = args[i + 1]
    del args[i:i + 2]
    os.makedirs(d, exist_ok=True)
    return d


def stem(p):
    return os.path.splitext(os.path.basename(p))[0]


def cmd_extract(args):
    d = out_dir(args)
    for p in args:
        res = {"tool": "icalendar " + icalendar.__version__}
        try:
            res["events"] = events(p)
        except Exception as e:  # the peer cannot read the file: say so
            res["error"] = f"{type(e).__name__}: {e}"
        write(os.path.join(d, stem(p) + ".expect.json"), res)


def cmd_compare(args):
    a, b = events(args[0]), events(args[1])
    bad = 0
    if len(a) != len(b):
        print(f"{len(a)} events vs {len(b)}")
        bad += 1
    for x, y in zip(a, b):
        for k in ("uid", "recurrence_id", "start", "end", "rrule", "exdates", "organizer", "attendees", "summary"):
            if x.get(k) != y.get(k):
                print(f"{x.get('uid')}: {k}: {x.get(k)} != {y.get(k)}")
                bad += 1
    sys.exit(1 if bad else 0)


def cmd_expand(args):
    count = 50
    if "--count" in args:
        i = args.index("--count")
        count = int(args[i + 1])
        del args[i:i + 2]
    d = out_dir(args)
    for p in args:
        with open(p, "rb") as f:
            cal = icalendar.Calendar.from_ical(f.read())
        # a VEVENT without DTSTART has no occurrence (recurring-ical-events
        # raises on it): left out
        cal.subcomponents = [c for c in cal.subcomponents if c.name != "VEVENT" or c.get("DTSTART") is not None]
        series = {}
        uids = [str(ev.get("UID")) for ev in cal.walk("VEVENT") if ev.get("RRULE") is not None]
        others = [c for c in cal.subcomponents if c.name != "VEVENT"]
        for uid in uids:
            # one series at a time (its master and overrides), so a finite
            # series ends and an infinite one stops at COUNT
            sub = icalendar.Calendar()
            for k, v in cal.items():
                sub.add(k, v)
            sub.subcomponents = others + [c for c in cal.subcomponents if c.name == "VEVENT" and str(c.get("UID")) == uid]
            occ_list = []
            for occ in recurring_ical_events.of(sub).all():
                occ_list.append({"start": when(occ.decoded("DTSTART")), "end": when(occ.decoded("DTEND"))})
                if len(occ_list) >= count:
                    break
            series[uid] = occ_list
        write(os.path.join(d, stem(p) + ".expect.json"),
              {"tool": "recurring-ical-events 3.8.2 / icalendar " + icalendar.__version__, "count": count, "series": series})


def cmd_ytnef(args):
    d = out_dir(args)
    for p in args:
        with tempfile.TemporaryDirectory() as t:
            subprocess.run(["ytnef", "-f", t, p], check=False, capture_output=True)
            res = {"tool": "ytnef 2.0.0", "files": sorted(os.listdir(t)), "events": []}
            for name in sorted(os.listdir(t)):
                if name.lower().endswith((".ics", ".vcs")):
                    with open(os.path.join(t, name), "rb") as f:
                        cal = icalendar.Calendar.from_ical(f.read())
                    for ev in cal.walk("VEVENT"):
                        e = {}
                        for k in ("UID", "LOCATION", "SUMMARY", "DTSTAMP", "DTSTART", "DTEND", "RRULE"):
                            v = ev.get(k)
                            if v is None:
                                continue
                            if k in ("DTSTAMP", "DTSTART", "DTEND"):
                                e[k] = when(ev.decoded(k))
                            elif k == "RRULE":
                                e[k] = v.to_ical().decode()
                            else:
                                e[k] = str(v)
                        e["ATTENDEE"] = attendees(ev)
                        res["events"].append(e)
            write(os.path.join(d, stem(p) + ".ytnef.json"), res)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd, rest = sys.argv[1], sys.argv[2:]
    {"extract": cmd_extract, "compare": cmd_compare, "expand": cmd_expand, "ytnef": cmd_ytnef}[cmd](rest)
