#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Known-answer tests of the owner-side request builders against IBM's
# s390-tools test vectors (ARCB, key slot, exchange file, ASRCBs), plus an
# offline attest create/verify round trip.  TAP output; exit 0 if all pass.
#
# Environment: SECEX_OWNER, EXCH_ROUNDTRIP (binaries), SECEX_VECTORS
# (default: testvectors/s390-tools of this tree).

# The option lists ($FIX, $HKD, $CUID) are split into words on purpose.
# shellcheck disable=SC2086
set -u
OWNER=${SECEX_OWNER:-$(dirname "$0")/../secex-owner}
RT=${EXCH_ROUNDTRIP:-$(dirname "$0")/../obj/exch_roundtrip}
V=${SECEX_VECTORS:-$(dirname "$0")/../../testvectors/s390-tools}
. "$(dirname "$0")/tap.sh"

rep() { printf "%0$(($2 * 2))d" 0 | sed "s/00/$1/g"; }
bytes() { dd if="$1" bs=1 skip="$2" count="$3" 2>/dev/null; }
be32() { printf '%08x' "$1"; }
hexeq() { [ "$(bytes "$1" "$2" "$3" | hex)" = "$4" ]; }
exit_is() { want=$1; shift; "$@"; [ $? -eq "$want" ]; }

if [ ! -d "$V" ]; then
	echo "1..0 # SKIP test vectors not found at $V"
	exit 0
fi

FIX="--x-iv $(rep 55 12) --x-prot-key $(rep 17 32) --x-cust-key $V/keys/private_cust.bin"
HKD="--no-verify --hkd $V/keys/host.pem.crt"
CUID="--cuid $(rep 42 16)"

# ARCB: nonce + image PHKH + attestation PHKH, measurement key 0x77, nonce 0xab
"$OWNER" attest create $HKD $FIX --x-meas-key "$(rep 77 64)" \
	--x-nonce "$(rep ab 16)" --add-data phkh-img,phkh-att \
	-o "$T/req.exch" --arpk "$T/arpk" >"$T/log" 2>&1
bytes "$T/req.exch" 64 400 >"$T/arcb"
check "ARCB matches arcb.bin" cmp "$T/arcb" "$V/exp/arcb.bin"
bytes "$T/arcb" 224 80 >"$T/slot"
check "key slot matches keyslot.bin" cmp "$T/slot" "$V/exp/keyslot.bin"
check "ARPK file holds the protection key" hexeq "$T/arpk" 0 32 "$(rep 17 32)"
check "exchange request header (ARCB 400@0x40, measurement 64, additional 64)" \
	hexeq "$T/req.exch" 0 64 "7076617474657374000001000000$(be32 0x1d0 | cut -c5-)$(rep 00 8)$(be32 400)$(be32 64)$(be32 64)$(be32 0)$(be32 64)$(be32 0)$(rep 00 16)"
check "exchange.bin parses and re-serializes identically" "$RT" "$V/exp/exchange.bin"

# ASRCBs: an SE header with PLD 01.., ALD 02.., TLD 03.., tag 04..
{
	printf 'IBMSecEx\000\000\001\000\000\000\002\200'
	rep 00 16 | xxd -r -p
	printf '\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\200'
	rep 00 176 | xxd -r -p
	rep 01 64 | xxd -r -p; rep 02 64 | xxd -r -p; rep 03 64 | xxd -r -p
	rep 00 208 | xxd -r -p
	rep 04 16 | xxd -r -p
} >"$T/hdr"
rep 17 32 | xxd -r -p >"$T/simple"
rep 00 32 | xxd -r -p >"$T/cck"
rep 11 32 | xxd -r -p >"$T/assoc"
asrcb() {
	name=$1; shift
	check "ASRCB $name" sh -c "'$OWNER' secret create $FIX --hdr '$T/hdr' -o '$T/$name' $* && cmp '$T/$name' '$V/exp/asrcb/$name'"
}
asrcb null_none_default_cuid_one $HKD $CUID meta
asrcb null_none_default_ncuid_one $HKD meta
asrcb null_none_dump_cuid_one $HKD $CUID --flags disable-dump meta
asrcb null_none_default_cuid_seven $HKD $HKD $HKD $HKD $HKD $HKD $HKD $CUID meta
asrcb null_simple_default_cuid_one $HKD $CUID --extension-secret "$T/simple" meta
asrcb null_derived_default_cuid_one $HKD $CUID --cck "$T/cck" meta
asrcb assoc_none_default_cuid_one $HKD $CUID --input-secret "$T/assoc" association add_secret_request
asrcb assoc_simple_default_cuid_one $HKD $CUID --input-secret "$T/assoc" --extension-secret "$T/simple" association add_secret_request
asrcb assoc_derived_default_cuid_one $HKD $CUID --input-secret "$T/assoc" --cck "$T/cck" association add_secret_request

# Binding to a real SE header: PLD/ALD/TLD and tag copied from secure_guest.hdr
"$OWNER" secret create $HKD --hdr "$V/exp/secure_guest.hdr" -o "$T/sg" meta >"$T/log" 2>&1
check "ASRCB binds PLD/ALD/TLD of secure_guest.hdr" \
	hexeq "$T/sg" 56 192 "$(bytes "$V/exp/secure_guest.hdr" 224 192 | hex)"
check "ASRCB binds the tag of secure_guest.hdr" \
	hexeq "$T/sg" 248 16 "$(bytes "$V/exp/secure_guest.hdr" 624 16 | hex)"

# Offline round trip: a response whose measurement openssl computed.
# shellcheck source=SCRIPTDIR/fake_response.sh
. "$(dirname "$0")/fake_response.sh"
fake_response "$OWNER" "$T" "$HKD" "$FIX" >"$T/log" 2>&1 || sed 's/^/# /' "$T/log"
check "attest verify accepts a correct measurement" \
	"$OWNER" attest verify --in "$T/resp" --arpk "$T/arpk2" --hdr "$T/hdr" \
	--user-data "$T/user" -o "$T/out.yaml"
check "attest verify -o writes the config UID" grep -q "^cuid: '0x$(rep 42 16)'" "$T/out.yaml"
flip_byte "$T/resp" "$T/resp.bad" "$MEAS_OFF"
check "attest verify exits 2 on a flipped measurement byte" \
	exit_is 2 "$OWNER" attest verify --in "$T/resp.bad" --arpk "$T/arpk2" --hdr "$T/hdr"
echo other >"$T/user.bad"
check "attest verify exits 2 on unexpected user data" \
	exit_is 2 "$OWNER" attest verify --in "$T/resp" --arpk "$T/arpk2" --hdr "$T/hdr" --user-data "$T/user.bad"
check "attest verify exits 1 with a wrong protection key" \
	exit_is 1 "$OWNER" attest verify --in "$T/resp" --arpk "$T/cck" --hdr "$T/hdr"

# Every retrievable type builds (sizes checked by the software UV tests).
rep 33 32 | xxd -r -p >"$T/aes"
rep 44 64 | xxd -r -p >"$T/xts"
printf 'text secret' >"$T/plain"
openssl ecparam -name prime256v1 -genkey -noout -out "$T/ec.pem" 2>/dev/null
for t in aes:aes aes-xts:xts hmac:aes plaintext:plain ec:ec.pem; do
	check "retrievable secret type ${t%%:*}" "$OWNER" secret create $HKD \
		--hdr "$T/hdr" -o "$T/r" retrievable "r-${t%%:*}" \
		--type "${t%%:*}" --secret "$T/${t#*:}"
done

tap_end
