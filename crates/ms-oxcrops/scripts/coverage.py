#!/usr/bin/env python3
"""Writes the RopId coverage table of src/lib.rs from src/rop_id.rs and the
requests!/responses! tables of src/rop.rs (run after adding ROPs;
tests/coverage.rs checks the table against RopRequest::ROP_IDS and
RopResponse::ROP_IDS)."""
import re, pathlib
src = pathlib.Path(__file__).resolve().parent.parent / "src"
ids = re.findall(r'^\s+(\w+) = (0x[0-9A-F]{2}) => "(\w+)",', (src / "rop_id.rs").read_text(), re.M)
secs = dict(re.findall(r'RopId::(\w+) => "([\d.]+)",', (src / "rop_id.rs").read_text()))
rop = (src / "rop.rs").read_text()
req_block = rop[rop.index("requests! {\n    ///"):]
req_block = req_block[:req_block.index("\n}\n")]
reqs = set(re.findall(r'\w+\([^)]*\) = (\w+): \w+', req_block))
resp_block = rop[rop.index("responses! {\n    auto"):]
resp_block = resp_block[:resp_block.index("\n}\n")]
auto_part = resp_block[resp_block.index("auto {"):resp_block.index("manual {")]
manual_part = resp_block[resp_block.index("manual {"):resp_block.index("custom {")]
custom_part = resp_block[resp_block.index("custom {"):]
auto = re.findall(r'(\w+)\([^)]*\) = (\w+): (\w+)', auto_part)
manual = re.findall(r'///\s*\[MS-OXCROPS\] [\d.]+ (?:\w+ )?(.*?)\.?\n\s*(\w+)\([^)]*\) = (\w+)', manual_part)
custom = set(re.findall(r'(\w+) =>', custom_part))
forms = {}
for v, i, f in auto:
    base = f.replace("_boxed", "").replace("_ctx", "")
    text = "success, failure" if base == "split" else "response"
    if "_ctx" in f:
        text += " (laid out by context)"
    forms[i] = text
for desc, v, i in manual:
    forms.setdefault(i, [])
    if isinstance(forms[i], list):
        forms[i].append(desc)
for i in custom:
    if isinstance(forms.get(i), list):
        forms[i] = ", ".join(forms[i] + ["failure"])
response_only = {"Notify", "Pending", "Backoff", "BufferTooSmall"}
no_response = {"Release"}
rows = ["| RopId | ROP | [MS-OXCROPS] | request | response forms |", "|---|---|---|---|---|"]
for name, val, spec in ids:
    req = "yes" if name in reqs else ("n/a (response only)" if name in response_only else "not yet")
    if name in no_response:
        resp = "n/a (no response)"
    else:
        f = forms.get(name)
        resp = f if isinstance(f, str) else "not yet"
    rows.append(f"| {val} | {spec} | {secs[name]} | {req} | {resp} |")
table = "\n".join("//! " + r for r in rows)
lib = (src / "lib.rs").read_text()
a = lib.index("//! <!-- coverage:begin -->\n") + len("//! <!-- coverage:begin -->\n")
b = lib.index("//! <!-- coverage:end -->")
(src / "lib.rs").write_text(lib[:a] + table + "\n" + lib[b:])
print(f"{len(ids)} RopIds, {len(reqs)} requests, {sum(1 for n,_,_ in ids if isinstance(forms.get(n), str))} responses")
