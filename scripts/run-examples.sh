#!/usr/bin/env bash
# Runs every example of msox-examples on the samples of test-vectors/samples
# and checks what each prints (for CI): exits non-zero on the first example
# that fails or prints something unexpected.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p msox-examples --examples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run NAME [ARG] -- EXPECTED...: runs the example, checks each expected line.
run() {
    local name=$1
    shift
    local args=()
    while [ "$1" != "--" ]; do
        args+=("$1")
        shift
    done
    shift
    local out
    if ! out=$(cargo run -q -p msox-examples --example "$name" -- "${args[@]}" 2>&1); then
        echo "FAIL $name ${args[*]}: exit status $?"
        echo "$out"
        exit 1
    fi
    for want in "$@"; do
        if ! grep -qF -- "$want" <<<"$out"; then
            echo "FAIL $name ${args[*]}: no line with '$want' in:"
            echo "$out"
            exit 1
        fi
    done
    echo "ok   $name ${args[*]}"
}

run read_winmail -- "subject: Quarterly report" "Cc: Carol Example <carol@example.com>" \
    "attachments: 2" "report.txt (34 bytes)" "numbers.csv (36 bytes)"
run read_msg -- "class: IPM.Note" "subject: Quarterly report" "sent: 2023-11-14T22:13:20Z" \
    "To: Bob Example <bob@example.com>" "body: Hello Bob," "numbers.csv (36 bytes)"
run rtf_to_html -- "the RTF encapsulates HTML:" "<p>the <b>quarterly report</b> is attached.</p>"
run rtf_to_html test-vectors/samples/winmail.dat -- "<p>Ann</p>"
run wbxml_to_xml -- '<Sync xmlns="AirSync">' "<CollectionId>7</CollectionId>" "<GetChanges/>"
run build_tnef "$tmp/lunch.dat" -- "read back: 1 recipient(s), 1 attachment(s)" "round trip ok"
run read_winmail "$tmp/lunch.dat" -- "subject: Lunch on Friday?" "menu.txt (30 bytes)"
