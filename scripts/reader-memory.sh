#!/usr/bin/env bash
# scripts/reader-memory.sh [DIR] [FILE...]: the peak memory (RSS) of the msox commands that
# read a message into a model (`show`, `tnef dump`/`msg dump` with and without `--full`,
# `tnef extract`/`msg extract`) on the hostile inputs of msox-testkit (a property flood,
# 60 nested embedded messages, a compound file whose FAT chains cross and loop), and on
# any FILE given, against the budget of a reader: 1.5 x the input + 32 MiB.
#
# DIR holds the hostile inputs; they are written there first when missing
# (`MSOX_GEN_DIR=DIR cargo test --release -p msox-testkit --test write_hostile -- --ignored`;
# default DIR: target/hostile). MSOX=path: the msox binary (default: target/release/msox,
# built when missing). Prints one line per command and file; exits 1 when any is over.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$root/target/hostile}
shift || true
msox=${MSOX:-$root/target/release/msox}
if [ ! -x "$msox" ]; then
  cargo build --release -p msox --manifest-path "$root/Cargo.toml"
fi
if [ ! -f "$dir/flood-200k.tnef" ]; then
  mkdir -p "$dir"
  MSOX_GEN_DIR="$dir" cargo test --release --manifest-path "$root/Cargo.toml" \
    -p msox-testkit --test write_hostile -- --ignored
fi
python3 - "$msox" "$dir" "$@" <<'PY'
import os, resource, shutil, subprocess, sys, tempfile
msox, d, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith((".tnef", ".msg")))
files += extra
over = 0
print("%-26s %-18s %10s %10s %8s" % ("file", "command", "peak MiB", "limit MiB", ""))
for f in files:
    kind = "msg" if f.endswith(".msg") else "tnef"
    size = os.path.getsize(f)
    limit = 1.5 * size / 2**20 + 32
    for cmd in (["show"], [kind, "dump"], [kind, "dump", "--full"], [kind, "extract"]):
        out = tempfile.mkdtemp() if cmd[-1] == "extract" else None
        args = [msox, "-q"] + cmd + [f] + ([out] if out else [])
        # A fresh process per measurement: ru_maxrss of the children is the
        # largest of any child so far, so each runs under its own parent.
        code = ("import resource, subprocess, sys; "
                "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        kib = int(subprocess.run([sys.executable, "-c", code] + args,
                                 capture_output=True, text=True).stdout.strip())
        if out:
            shutil.rmtree(out, ignore_errors=True)
        mib = kib / 1024
        ok = mib <= limit
        over += not ok
        print("%-26s %-18s %10.1f %10.1f %8s" % (os.path.basename(f)[:26], " ".join(cmd[-2:] if cmd[0] != "show" else cmd),
                                             mib, limit, "ok" if ok else "OVER"))
sys.exit(1 if over else 0)
PY
