#!/usr/bin/env bash
# Signed S/MIME messages keep their signed entity byte for byte through
# ms-oxcmail (.eml -> model -> .eml, and .msg -> .eml): openssl cms -verify
# -noverify (signature checked, certificate chain not) accepts our output
# whenever it accepts the original. Not part of CI.
#
#   MSOX_OXCMAIL_DUMP=/tmp/oxdump cargo test -p ms-oxcmail --test corpus
#   scripts/peers/smime_check.sh /tmp/oxdump
set -u
dir=${1:?usage: smime_check.sh DUMP_DIR}
corpus=${MSOX_CORPUS:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/corpus}
verify() { openssl cms -verify -noverify -inform SMIME -in "$1" -out /dev/null >/dev/null 2>&1; }
pass=0; fail=0; skip=0
for out in "$dir"/*.eml; do
  grep -aqi "multipart/signed" "$out" || continue
  grep -aqi "pkcs7-signature" "$out" || { echo "skip  $(basename "$out") (not CMS: PGP or other)"; continue; }
  name=$(basename "$out")
  case "$name" in
    *.out.eml) orig="$corpus/$(echo "${name%.out.eml}" | sed 's#__#/#')" ;;
    *.msg.eml) orig="" ;;
    *) continue ;;
  esac
  if [ -n "$orig" ] && ! verify "$orig"; then
    echo "skip  $name (openssl rejects the original too)"; skip=$((skip+1)); continue
  fi
  if verify "$out"; then echo "ok    $name"; pass=$((pass+1)); else echo "FAIL  $name"; fail=$((fail+1)); fi
done
echo "$pass verified, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
