#!/usr/bin/env bash
# scripts/bench-peers.sh [WORKDIR]: whole-process speed of `msox` against the installed peers
# (../shared/tools/peers, see its README; `install.sh` there installs them), for compressed
# RTF, LZX / LZXD, MSZIP, WBXML, TNEF and .msg extraction. Prints, per job, each command's median and min wall time, its
# median CPU time (user + sys), and the ratio peer time / msox time (> 1: msox is faster).
#
# Runs are round-robin: run i runs every command of a job once, in an order shuffled for
# that run (seeded: BENCH_SEED), so a load change on a shared machine hits every command
# alike and no command always runs right after the same one (a process started right after
# a memory-heavy one pays for the kernel's cleanup of it: ~1.5 ms here, as much as the whole
# LZX:21 cabinet job takes; with the start only rotating, the order stays cyclic and the
# command after the heaviest peer pays it every time). Each run is started with posix_spawn
# and reaped with wait4 (its own CPU time; no fork of the harness, no pipe). Outputs go to
# /dev/null (stdout) for every program, so no one pays for creating files but the peers
# that cannot write to stdout (none here). On a loaded machine trust the CPU column more
# than the wall column.
#
# Environment:
#   RUNS=7          runs per command (rtf compress: at most 3, the crate takes ~12 s)
#   BENCH_SEED=1    the seed of the runs' orders
#   ONLY="rtf lzx cab mszip wbxml tnef msg"   sections to run (default: all)
#   SLOW=1          also the interpreted peers (Python compressed_rtf, Node decompressrtf)
#   MSOX=path       the msox binary (default: target/release/msox, built with
#                   `cargo build --release -p msox` when missing)
#   MSOX_CORPUS     the corpus (default: ../shared/corpus from the repository)
#
# Inputs, generated once into WORKDIR (default: a new /tmp/msox-bench-peers.XXXXXX; pass the
# same WORKDIR again to reuse them), all deterministic except libs.bin (the machine's shared
# libraries):
#   big.rtf        16.0 MB of generated RTF (Python, seed 7; the same as peers/bench.sh)
#   big.lzfu       big.rtf compressed by `msox rtf compress` (byte-identical to the
#                  compressed-rtf crate's output)
#   cabsrc/        text.rtf (= big.rtf), sync.xml (8 MB ActiveSync XML, seed 3), libs.bin
#                  (16 MB of /usr/lib/x86_64-linux-gnu/*.so.*), perl.txt (10 MB of Perl
#                  modules): 44 MB, as in peers/bench.sh
#   big.bin        the four concatenated (44,030,037 bytes here)
#   big-mszip.cab  cabsrc/ in one MSZIP folder, by `gcab -c -z`
#   big.msz        that folder's CFDATA payloads concatenated (the `CK` blocks; what
#                  `msox mszip decompress` reads), cut out by a few lines of Python below
#   big.lzxd       big.bin as an LZXD file by `msox lzx compress` (level 6, 16 MiB blocks)
#   big-stored.lzxd  big.bin as an LZXD file of uncompressed LZX blocks
#                  (peers/gen/lzxd-stored.py)
#   oab.oab        `msox oab generate 50000` (24.8 MB, version 4 full details)
#   oab.lzx        oab.oab by `msox oab compress` (an LZXD file, level 6)
#   lzx.cab        corpus lzx/libmspack-large-files-cab.cab (one LZX:21 folder, 14.7 MB)
#   lzx21.bin      its folder's CFDATA payloads concatenated (a bare LZX stream; read by
#                  `msox lzx decompress --cab --window 21 --size 14689228`)
#   big.wbxml      big.xml encoded by libwbxml's xml2wbxml (WBXML 1.3, no string table)
#   big.tnef, big.msg  one message (Python, seed 11: a text body, two recipients, four
#                  attachments of 3.0 MB text, 3.5 MB random, 2.0 MB text, 2.0 MB random)
#                  written by `msox tnef build` / `msox msg build` from the same model:
#                  10.5 MB each. Extraction writes the files into out/<command>/, emptied
#                  before each run (not timed).
#
# The same inputs serve the in-process measurements against the crates.io peers (ignored
# release-mode tests; WORKDIR as MSOX_BENCH_DIR):
#   MSOX_BENCH_DIR=WORKDIR cargo test -p ms-patch --release --test measure -- --ignored --nocapture
#   MSOX_BENCH_DIR=WORKDIR cargo test -p ms-oxrtfcp --release --test measure -- --ignored --nocapture
#   MSOX_BENCH_DIR=WORKDIR cargo test -p ms-mci --release --test measure -- --ignored --nocapture
# (each also has `peak_rss_is_flat`: hundreds of MiB through a CountingSink, peak RSS < 64 MiB).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
peers=${PEERS:-$root/../shared/tools/peers}
[ -d "$peers" ] || peers=/work/shared/tools/peers
corpus=${MSOX_CORPUS:-$root/../shared/corpus}
[ -d "$corpus" ] || corpus=/work/shared/corpus
runs=${RUNS:-7}
msox=${MSOX:-$root/target/release/msox}
if [ ! -x "$msox" ]; then
  (cd "$root" && cargo build --release -p msox)
fi
msox=$(cd "$(dirname "$msox")" && pwd)/$(basename "$msox")
w=${1:-$(mktemp -d /tmp/msox-bench-peers.XXXXXX)}
mkdir -p "$w"; cd "$w"
export MSOX_PEERS_NOHASH=1 # the cab crate peer: no SHA-256 of what it extracts
want() { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }
command -v msox-peers >/dev/null || { echo "msox-peers not installed (run $peers/install.sh)" >&2; exit 2; }

# ---- inputs
[ -f big.rtf ] || python3 - <<'PY'
import random
random.seed(7)
words = ("the quick brown fox jumps over lazy dog Exchange message body table row cell font meeting "
         "schedule agenda attachment forwarded regards").split()
out = ["{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}{\\f1\\fmodern Courier New;}}\r\n"
       "{\\colortbl;\\red0\\green0\\blue0;}\r\n"]
n = 0
while n < 16_000_000:
    line = "\\pard\\plain\\f%d\\fs%d %s\\par\r\n" % (random.randint(0, 1), random.choice((18, 20, 24)),
            " ".join(random.choice(words) for _ in range(random.randint(5, 20))))
    out.append(line); n += len(line)
out.append("}\r\n")
open("big.rtf", "wb").write("".join(out).encode())
PY
[ -f big.lzfu ] || "$msox" rtf compress big.rtf big.lzfu
[ -f big.xml ] || python3 - <<'PY'
import random
random.seed(3)
words = "hello meeting tomorrow report budget quarterly review team lunch project deadline update please find attached".split()
parts = ['<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE ActiveSync PUBLIC "-//MICROSOFT//DTD ActiveSync//EN" "http://www.microsoft.com/">\n',
         '<Sync xmlns="AirSync:" xmlns:email="Email:" xmlns:airsyncbase="AirSyncBase:"><Collections><Collection>'
         '<SyncKey>2</SyncKey><CollectionId>5</CollectionId><Status>1</Status><Commands>']
size = i = 0
while size < 8_000_000:
    body = " ".join(random.choice(words) for _ in range(random.randint(20, 200)))
    item = ('<Add><ServerId>5:%d</ServerId><ApplicationData><email:To>"User %d" &lt;user%d@example.com&gt;</email:To>'
            '<email:From>"Sender" &lt;sender@example.com&gt;</email:From><email:Subject>Subject %d %s</email:Subject>'
            '<email:DateReceived>2013-01-30T01:19:16.000Z</email:DateReceived><email:DisplayTo>User %d</email:DisplayTo>'
            '<email:Importance>1</email:Importance><email:Read>0</email:Read>'
            '<airsyncbase:Body><airsyncbase:Type>1</airsyncbase:Type><airsyncbase:EstimatedDataSize>%d</airsyncbase:EstimatedDataSize>'
            '<airsyncbase:Data>%s</airsyncbase:Data></airsyncbase:Body><email:MessageClass>IPM.Note</email:MessageClass>'
            '<email:InternetCPID>65001</email:InternetCPID></ApplicationData></Add>') % (
            i, i, i, i, random.choice(words), i, len(body), body)
    parts.append(item); size += len(item); i += 1
parts.append('</Commands></Collection></Collections></Sync>\n')
open("big.xml", "w").write("".join(parts))
PY
if [ ! -f big.bin ]; then
  mkdir -p cabsrc
  cp big.rtf cabsrc/text.rtf; cp big.xml cabsrc/sync.xml
  cat /usr/lib/x86_64-linux-gnu/*.so.* 2>/dev/null | head -c 16000000 > cabsrc/libs.bin || true
  find /usr/share/perl5 -name '*.pm' | sort | head -2000 | xargs cat | head -c 10000000 > cabsrc/perl.txt || true
  (cd cabsrc && cat text.rtf libs.bin sync.xml perl.txt) > big.bin
fi
[ -f big-mszip.cab ] || (cd cabsrc && gcab -c -z ../big-mszip.cab text.rtf libs.bin sync.xml perl.txt)
[ -f big-stored.lzxd ] || python3 "$peers/gen/lzxd-stored.py" big.bin big-stored.lzxd
[ -f big.lzxd ] || "$msox" lzx compress big.bin big.lzxd
[ -f oab.oab ] || "$msox" oab generate 50000 oab.oab
[ -f oab.lzx ] || "$msox" oab compress oab.oab oab.lzx
[ -f lzx.cab ] || cp "$corpus/lzx/libmspack-large-files-cab.cab" lzx.cab 2>/dev/null || true
[ -f big.wbxml ] || xml2wbxml -v 1.3 -n -a -o big.wbxml big.xml
if [ ! -f big.tnef ] || [ ! -f big.msg ]; then
  "$msox" tnef dump --raw "$root/test-vectors/samples/winmail.dat" > sample.raw.json
  python3 - <<'PY'
import copy, json, random
random.seed(11)
m = json.load(open("sample.raw.json"))
tmpl = m["attachments"][0]
words = b"the quick brown fox jumps over lazy dog exchange message attachment report quarterly".split()
def text(n):
    out = bytearray()
    while len(out) < n:
        out += b" ".join(random.choice(words) for _ in range(12)) + b"\r\n"
    return bytes(out[:n])
atts = []
for name, data in [("report.txt", text(3_000_000)), ("photo.jpg", random.randbytes(3_500_000)),
                   ("data.csv", text(2_000_000)), ("archive.zip", random.randbytes(2_000_000))]:
    a = copy.deepcopy(tmpl)
    for p in a["properties"]:
        if p["id"].get("Tag") == 0x3701:
            p["value"] = {"Binary": list(data)}
        elif "String" in p["value"]:
            p["value"] = {"String": name}
        elif "String8" in p["value"]:
            p["value"] = {"String8": {"bytes": list(name.encode()), "code_page": 1252}}
    atts.append(a)
m["attachments"] = atts
json.dump(m, open("big.raw.json", "w"))
PY
  "$msox" tnef build big.raw.json big.tnef
  "$msox" msg build big.raw.json big.msg
  rm -f big.raw.json sample.raw.json
fi
folder() { # folder CAB OUT: the first folder's CFDATA payloads, concatenated; prints the size
  python3 - "$1" "$2" <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
assert d[:4] == b'MSCF'
flags, = struct.unpack_from('<H', d, 30)
off, cbdata = 36, 0
if flags & 4:
    cbres, = struct.unpack_from('<H', d, off); cbdata = d[off + 3]; off += 4 + cbres
for bit in (1, 2):
    if flags & bit:
        off = d.index(b'\0', d.index(b'\0', off) + 1) + 1
start, n, typ = struct.unpack_from('<IHH', d, off)
p, out, total = start, bytearray(), 0
for _ in range(n):
    _, cb, cu = struct.unpack_from('<IHH', d, p); p += 8 + cbdata
    out += d[p:p + cb]; p += cb; total += cu
open(sys.argv[2], 'wb').write(out)
print(total)
PY
}
[ -f big.msz ] || folder big-mszip.cab big.msz >/dev/null
lzx21_size=0
[ -f lzx.cab ] && lzx21_size=$(folder lzx.cab lzx21.bin)

# ---- checks: every command below gives the same bytes (so the timings compare like with like)
check() { # check NAME EXPECTED CMD...
  local name=$1 exp=$2; shift 2
  if ! cmp -s <("$@" 2>/dev/null) "$exp"; then echo "CHECK FAILED: $name: $*" >&2; exit 1; fi
}
check "msox rtf decompress" big.rtf "$msox" rtf decompress big.lzfu -
check "msox lzx decompress" big.bin "$msox" lzx decompress big.lzxd -
check "msox lzx decompress (stored)" big.bin "$msox" lzx decompress big-stored.lzxd -
check "msox lzx decompress (oab)" oab.oab "$msox" lzx decompress oab.lzx -
check "msox mszip decompress" big.bin "$msox" mszip decompress big.msz -
check "lzxd crate" big.bin msox-peers lzx-decompress-lzxd big.lzxd
check "libmspack" big.bin msox-peers lzx-decompress-libmspack big.lzxd
check "compressed-rtf crate" big.rtf msox-peers rtf-decompress big.lzfu

# ---- timing: round-robin, via a small Python driver (no shell in between)
bench() { # bench TITLE OUTPUT_MB -- "name|cmd" ... (first entry is msox: ratios are against it)
  local title=$1 mb=$2; shift 3
  python3 - "$title" "$mb" "$runs" "$@" <<'PY'
import os, random, shlex, shutil, statistics, sys, tempfile, time
title, mb, runs = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
cmds = [a.split("|", 2) for a in sys.argv[4:]]
clean = {c[0]: (c[2] if len(c) > 2 else None) for c in cmds}
cmds = [(c[0], c[1]) for c in cmds]
runs_of = {n: (min(runs, 3) if "msox-peers rtf-compress" in c or "compressed_rtf" in c or "decompressrtf" in c else runs) for n, c in cmds}
wall = {n: [] for n, _ in cmds}; cpu = {n: [] for n, _ in cmds}
devnull = open(os.devnull, "wb")
errf = tempfile.TemporaryFile()
argvs = {}
for n, c in cmds:
    a = shlex.split(c)
    exe = shutil.which(a[0])
    if exe is None:
        sys.exit("FAILED: %s: not found" % a[0])
    argvs[n] = (exe, a)
# Each command is started with posix_spawn (vfork + exec: no copy of this
# process, no pipe to drain) and reaped with wait4, whose rusage is that
# child's own CPU time; stdout goes to /dev/null, stderr to a file read only
# when the command fails. subprocess.run (fork_exec, a stderr pipe,
# communicate) added ~0.3-0.5 ms to every run here, which is a tenth of the
# shortest jobs.
def one(name, out=None):
    if out:                # an extraction's directory, emptied first (not timed)
        shutil.rmtree(out, ignore_errors=True); os.makedirs(out)
    exe, argv = argvs[name]
    errf.seek(0); errf.truncate()
    actions = [(os.POSIX_SPAWN_DUP2, devnull.fileno(), 1), (os.POSIX_SPAWN_DUP2, errf.fileno(), 2)]
    t = time.perf_counter()
    pid = os.posix_spawn(exe, argv, os.environ, file_actions=actions)
    _, status, ru = os.wait4(pid, 0)
    dt = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        errf.seek(0)
        sys.exit("FAILED (%d): %s\n%s" % (code, " ".join(argv), errf.read().decode(errors="replace")))
    return dt, ru.ru_utime + ru.ru_stime
for n, c in cmds:          # warm-up (page cache)
    one(n, clean[n])
rng = random.Random(int(os.environ.get("BENCH_SEED", "1")))
for i in range(runs):
    order = list(range(len(cmds)))
    rng.shuffle(order)
    for k in order:
        n, c = cmds[k]
        if len(wall[n]) < runs_of[n]:
            dt, ct = one(n, clean[n])
            wall[n].append(dt); cpu[n].append(ct)
base = cmds[0][0]
bw, bc = statistics.median(wall[base]), statistics.median(cpu[base])
print("\n## %s" % title)
print("%-28s %9s %9s %9s %8s %11s %10s" % ("command", "median s", "min s", "cpu s", "MB/s", "ratio wall", "ratio cpu"))
for n, _ in cmds:
    mw, mn, mc = statistics.median(wall[n]), min(wall[n]), statistics.median(cpu[n])
    rate = ("%.0f" % (mb / mw)) if mb else "-"
    rw = "-" if n == base else "%.2fx" % (mw / bw)
    rc = "-" if n == base else "%.2fx" % (mc / bc)
    print("%-28s %9.3f %9.3f %9.3f %8s %11s %10s" % (n + " (%d)" % len(wall[n]), mw, mn, mc, rate, rw, rc))
PY
}
mbof() { python3 -c "import os,sys; print(os.path.getsize(sys.argv[1]) / 1e6)" "$1"; }

echo "msox: $msox ($(stat -c %y "$msox" | cut -d. -f1)); inputs: $w; runs: $runs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ratio = peer time / msox time (> 1: msox faster); MB/s over the decompressed size"

if want rtf; then
  mb=$(mbof big.rtf)
  slow=()
  if [ "${SLOW:-0}" = 1 ]; then
    slow=("compressed_rtf (Python)|$peers/rtf-decompress.compressed_rtf big.lzfu"
          "decompressrtf-js|$peers/rtf-decompress.decompressrtf-js big.lzfu")
  fi
  bench "rtf decompress: 3.0 MB LZFu -> 16.0 MB RTF" "$mb" -- \
    "msox|$msox rtf decompress big.lzfu -" \
    "compressed-rtf-rs|msox-peers rtf-decompress big.lzfu" "${slow[@]}"
  bench "rtf compress: 16.0 MB RTF -> LZFu" "$mb" -- \
    "msox|$msox rtf compress big.rtf -" \
    "compressed-rtf-rs|msox-peers rtf-compress big.rtf"
fi

if want lzx; then
  bench "lzx decompress: 44 MB LZXD file (msox lzx compress, level 6)" "$(mbof big.bin)" -- \
    "msox|$msox lzx decompress big.lzxd -" \
    "lzxd-rs|msox-peers lzx-decompress-lzxd big.lzxd" \
    "libmspack|msox-peers lzx-decompress-libmspack big.lzxd"
  bench "lzx decompress: 24.8 MB OAB (msox oab generate 50000 + compress)" "$(mbof oab.oab)" -- \
    "msox|$msox lzx decompress oab.lzx -" \
    "lzxd-rs|msox-peers lzx-decompress-lzxd oab.lzx" \
    "libmspack|msox-peers lzx-decompress-libmspack oab.lzx"
  bench "lzx decompress: 44 MB of uncompressed LZX blocks (lzxd-stored.py)" "$(mbof big.bin)" -- \
    "msox|$msox lzx decompress big-stored.lzxd -" \
    "lzxd-rs|msox-peers lzx-decompress-lzxd big-stored.lzxd" \
    "libmspack|msox-peers lzx-decompress-libmspack big-stored.lzxd"
fi

if want cab && [ "$lzx21_size" != 0 ]; then
  # msox decodes the bare folder stream; the peers extract the whole cabinet (one file).
  bench "LZX:21 cabinet folder, 14.7 MB (corpus; peers extract the cabinet to stdout)" "$(python3 -c "print($lzx21_size/1e6)")" -- \
    "msox (folder stream)|$msox lzx decompress --cab --window 21 --size $lzx21_size lzx21.bin -" \
    "bsdtar|bsdtar -x -O -f lzx.cab" \
    "cabextract|cabextract -q -p lzx.cab" \
    "7z|7z x -so lzx.cab" \
    "cab-rs|msox-peers cab-extract lzx.cab"
fi

if want mszip; then
  bench "MSZIP: 44 MB cabinet folder (gcab; peers extract the cabinet to stdout)" "$(mbof big.bin)" -- \
    "msox (folder stream)|$msox mszip decompress big.msz -" \
    "bsdtar|bsdtar -x -O -f big-mszip.cab" \
    "cabextract|cabextract -q -p big-mszip.cab" \
    "7z|7z x -so big-mszip.cab" \
    "cab-rs|msox-peers cab-extract big-mszip.cab"
fi

if want wbxml; then
  bench "wbxml decode: $(mbof big.wbxml) MB WBXML -> 8.0 MB XML" "$(mbof big.xml)" -- \
    "msox|$msox wbxml decode big.wbxml" \
    "libwbxml|wbxml2xml -l ACTIVESYNC -m 0 -k -o /dev/stdout big.wbxml"
  bench "wbxml encode: 8.0 MB XML -> WBXML" "$(mbof big.xml)" -- \
    "msox|$msox wbxml encode big.xml -" \
    "libwbxml|xml2wbxml -v 1.3 -n -a -o /dev/stdout big.xml"
fi

if want tnef; then
  # Every command writes the attachment files (msox also the three bodies) into its own
  # directory. tnefparse (Python) only with SLOW=1.
  slow=()
  [ "${SLOW:-0}" = 1 ] && slow=("tnefparse|tnefparse -a -p out/tnefparse big.tnef|out/tnefparse")
  bench "TNEF extraction: 10.5 MB winmail.dat, 4 attachments -> files" "$(mbof big.tnef)" -- \
    "msox|$msox -q tnef extract big.tnef out/msox|out/msox" \
    "ytnef|ytnef -f out/ytnef big.tnef|out/ytnef" \
    "tnef|tnef -C out/tnef -f big.tnef|out/tnef" "${slow[@]}"
fi

if want msg; then
  # extract_msg writes the attachments and the body into a folder per message; msgconvert
  # writes the message as one .eml (attachments base64-encoded); msg_parser (crates.io,
  # via msox-peers) reads every stream and hashes it, writing nothing.
  bench "msg extraction: 10.5 MB .msg, 4 attachments -> files" "$(mbof big.msg)" -- \
    "msox|$msox -q msg extract big.msg out/msox|out/msox" \
    "extract_msg|extract_msg --out out/extract_msg big.msg|out/extract_msg" \
    "msgconvert|msgconvert --outfile out/msgconvert/big.eml big.msg|out/msgconvert" \
    "msg_parser-rs (read)|msox-peers msg-dump big.msg"
fi
