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
    reg = os.path.join(root, "fuzz/regressions", name)
    if os.path.isdir(reg):
        for f in os.listdir(reg):
            shutil.copy(os.path.join(reg, f), os.path.join(out, "reg-" + f))
            n += 1
    print(f"{name}: {n} seeds")
PY
