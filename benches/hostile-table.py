#!/usr/bin/env python3
"""Time per input MB of the `hostile` bench, per class and size, from
criterion's results (target/criterion/hostile/), and the growth from 1x to
16x (flagged when over 2x). Run after
`cargo bench -p msox-benches --bench hostile`."""
import json, os, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
crit = os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target"))
crit = os.path.join(crit, "criterion", "hostile")
if not os.path.isdir(crit):
    sys.exit(f"no results under {crit}")
print("| class | 1x | 4x | 16x | 16x / 1x |")
print("|---|---|---|---|---|")
for cls in sorted(os.listdir(crit)):
    per_mb = {}
    for size in ("1x", "4x", "16x"):
        d = os.path.join(crit, cls, size, "new")
        try:
            mean = json.load(open(os.path.join(d, "estimates.json")))["mean"]["point_estimate"]
            n = json.load(open(os.path.join(d, "benchmark.json")))["throughput"]["Bytes"]
        except (OSError, KeyError):
            continue
        per_mb[size] = (mean / 1e6) / (n / 1e6)  # ms per MB (10^6 bytes)
    if not per_mb:
        continue
    cells = [f"{per_mb[s]:.4g} ms" if s in per_mb else "-" for s in ("1x", "4x", "16x")]
    growth = per_mb.get("16x", 0) / per_mb["1x"] if "1x" in per_mb else 0
    flag = " **grows**" if growth > 2 else ""
    print(f"| {cls} | {' | '.join(cells)} | {growth:.2f}x{flag} |")
