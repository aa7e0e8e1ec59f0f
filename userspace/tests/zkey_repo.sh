#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The key repository in zkey's format (s390-tools zkey/properties.c and
# zkey/keystore.c), checked against fixtures this script writes from
# zkey's published rules, not from secex-key's code:
#   - NAME.info ends in "__hash__=" and the lowercase hex SHA-256 over
#     each property's name followed by its value, in file order, with no
#     '=', separators or newlines; comment and empty lines are skipped;
#   - a key that is a UV secret has key-type=PVSECRET-AES, and zkey's
#     other properties (cipher, iv-mode, creation-time, description,
#     volumes, apqns, sector-size, volume-type, verification-pattern);
#   - its NAME.skey is the 44-byte pvsecrettoken that zkey pvsecrets import
#     writes, in the machine's byte order.
# Runs on the build host: nothing here needs /dev/pkey or a VM.
#
# TAP.  Environment: SECEX_KEY (default: ../secex-key).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/tap.sh"
KEY=${SECEX_KEY:-$top/secex-key}
# No kernel is asked anything; where a command would, it finds no device.
export SECEX_PKEY_DEVICE="$T/no-pkey"

# zkey_hash FILE: zkey's integrity hash of FILE, computed here in shell.
zkey_hash() {
	grep -v -e '^#' -e '^$' -e '^__hash__=' "$1" | sed 's/=//' |
		tr -d '\n' | sha256sum | cut -d' ' -f1
}

# seal FILE: append the "__hash__=" line zkey would write.
seal() {
	h=$(zkey_hash "$1") && echo "__hash__=$h" >>"$1"
}

# The machine's byte order: zkey writes the token struct as it is in memory.
if [ "$(printf '\001\000' | od -An -tu2 | tr -d ' ')" = 1 ]; then
	le=1
else
	le=0
fi

# u16 N: N (0-255) as a 16-bit integer in the machine's byte order.
u16() {
	if [ "$le" = 1 ]; then
		printf "\\$(printf %03o "$1")\\000"
	else
		printf "\\000\\$(printf %03o "$1")"
	fi
}

# pvsecret_token ID-HEX TYPE LEN: struct pvsecrettoken (zkey/pkey.h):
# type 0x00, version 0x09 at byte 4, secret type, secret length, id.
pvsecret_token() {
	printf '\000\000\000\000\011\000\000\000'
	u16 "$2"
	u16 "$3"
	echo "$1" | xxd -r -p
}

id=$(printf %s disk-key | sha256sum | cut -d' ' -f1)
vp=0db215d4efa017c01fa4c9ef9934e353617fdfd5af24743ac34a542c38ce6a5d

# A repository as `zkey pvsecrets import --name disk-key zk --volumes
# /dev/vdb:data --description "data volume"` leaves it: an AES-XTS-256
# secret (type 8, 64 bytes), no APQNs, the default sector size.
Z=$T/zkey
mkdir -m 0700 "$Z"
pvsecret_token "$id" 8 64 >"$Z/zk.skey"
cat >"$Z/zk.info" <<EOF
cipher=paes
iv-mode=plain64
creation-time=2025-03-14 09:26:53
description=data volume
key-type=PVSECRET-AES
volumes=/dev/vdb:data
apqns=
sector-size=0
volume-type=LUKS2
verification-pattern=$vp
EOF
seal "$Z/zk.info"

# fixture NAME: copy key zk of the zkey repository to NAME in $T/r-NAME,
# without its hash line, and print the .info's path; the caller edits it.
# As a control, the copy must be accepted with zkey's hash first: every
# refusal below is then one of zkey's rule, not of any file at all.
fixture() {
	d=$T/r-$1
	mkdir -m 0700 "$d" && cp "$Z/zk.skey" "$d/$1.skey" &&
	grep -v '^__hash__=' "$Z/zk.info" >"$d/$1.info" &&
	cp "$d/$1.info" "$d/unsealed" && seal "$d/$1.info" &&
	"$KEY" list "$1" -r "$d" >/dev/null 2>&1 &&
	mv "$d/unsealed" "$d/$1.info" &&
	echo "$d/$1.info"
}

list_zkey() {
	"$KEY" list zk -r "$Z" >"$T/out" 2>"$T/err"
	rc=$?
	cat "$T/out" "$T/err"
	[ $rc = 0 ] && [ ! -s "$T/err" ] &&
	grep -qx 'Key type:               PVSECRET-AES' "$T/out" &&
	grep -qx "UV secret:              AES-XTS-256, id 0x$id" "$T/out" &&
	grep -qx 'Description:            data volume' "$T/out" &&
	grep -qx 'Volumes:                /dev/vdb:data' "$T/out" &&
	grep -qx 'Sector size:            (default)' "$T/out" &&
	grep -qx "Verification pattern:   $vp" "$T/out" &&
	grep -qx 'Created:                2025-03-14 09:26:53' "$T/out"
}
check "list: a PVSECRET-AES key written by zkey is read, with its properties" list_zkey

list_all() {
	"$KEY" list -r "$Z" >"$T/out" 2>"$T/err"
	rc=$?
	cat "$T/out" "$T/err"
	[ $rc = 0 ] && grep -qx 'Key:                    zk' "$T/out"
}
check "list without NAME: the zkey repository's key is listed" list_all

# validate: the repository is read; only the kernel is missing here.
validate_zkey() {
	"$KEY" validate zk -r "$Z" >"$T/out" 2>"$T/err"
	rc=$?
	cat "$T/out" "$T/err"
	[ $rc = 1 ] &&
	grep -qx 'Key:                    zk' "$T/out" &&
	grep -qx 'Key type:               PVSECRET-AES' "$T/out" &&
	grep -q "$T/no-pkey" "$T/err" && ! grep -q '\.info' "$T/err"
}
check "validate: the zkey key is accepted, only /dev/pkey is missing on this host" \
	validate_zkey

print_zkey() {
	"$KEY" cryptsetup zk --print-commands -r "$Z" >"$T/out" 2>"$T/err"
	rc=$?
	cat "$T/out" "$T/err"
	[ $rc = 0 ] &&
	grep -q "^cryptsetup luksFormat --type luks2 --volume-key-file '$Z/zk.skey' --key-size 352 --cipher paes-xts-plain64 " "$T/out" &&
	! grep -q -- '--sector-size' "$T/out" &&
	grep -q "\"verification-pattern\":\"$vp\"" "$T/out"
}
check "cryptsetup --print-commands: zkey's sector-size=0 is the default, no --sector-size" \
	print_zkey

# zkey skips comment and empty lines, in the file and in the hash.
comments() {
	f=$(fixture cm) || return 1
	{ echo '# written by hand'; echo; cat "$f"; echo; } >"$T/tmp" &&
	mv "$T/tmp" "$f" && seal "$f" && echo '# trailing note' >>"$f" &&
	"$KEY" list cm -r "$T/r-cm"
}
check "a comment and empty lines, which zkey skips, are skipped" comments

# refused DIR NAME WORDS: list and validate of NAME exit 1 and name the
# .info file together with WORDS; validate stops before /dev/pkey.
refused() {
	for cmd in list validate; do
		"$KEY" "$cmd" "$2" -r "$1" >"$T/out" 2>"$T/err"
		rc=$?
		cat "$T/err"
		[ $rc = 1 ] && grep -q "$1/$2.info: .*$3" "$T/err" &&
			! grep -q "$T/no-pkey" "$T/err" || return 1
	done
}

# The rule of secex-key before this format: SHA-256 over the lines
# ("name=value\n" each) before the hash line.
old_rule() {
	f=$(fixture old) || return 1
	h=$(sha256sum <"$f" | cut -d' ' -f1) && echo "__hash__=$h" >>"$f" &&
	refused "$T/r-old" old 'earlier secex-key' &&
	grep -q 'Documentation/secex-key.md' "$T/err"
}
check "a hash over the lines (the rule of earlier secex-key) is refused, the file and the fix named" \
	old_rule

# convert_earlier FILE TYPE: the conversion Documentation/secex-key.md
# gives for a file of an earlier secex-key ("Repositories of earlier
# versions"), word for word.
convert_earlier() {
	f=$1 t=$2
	{ printf 'cipher=paes\niv-mode=plain64\nkey-type=%s\napqns=\n' "$t"; grep -v '^__hash__=' "$f"; } >"$f.new"
	echo "__hash__=$(sed 's/=//' "$f.new" | tr -d '\n' | sha256sum | cut -d' ' -f1)" >>"$f.new"
	mv "$f.new" "$f"
}

# A file as an earlier secex-key wrote it, converted as documented: read
# again with every property it had.
earlier_converted() {
	d=$T/r-conv
	mkdir -m 0700 "$d" && cp "$Z/zk.skey" "$d/uk.skey" &&
	cat >"$d/uk.info" <<-EOF
	description=UV secret test volume
	volumes=/dev/vdb:data
	volume-type=luks2
	secret-name=disk-key
	creation-time=2026-11-22 00:20:54
	update-time=2026-11-22 00:20:54
	verification-pattern=$vp
	EOF
	echo "__hash__=$(sha256sum <"$d/uk.info" | cut -d' ' -f1)" >>"$d/uk.info" &&
	! "$KEY" list uk -r "$d" >/dev/null 2>&1 &&
	convert_earlier "$d/uk.info" PVSECRET-AES &&
	[ "$(tail -n 1 "$d/uk.info")" = "__hash__=$(zkey_hash "$d/uk.info")" ] &&
	"$KEY" list uk -r "$d" >"$T/out" &&
	cat "$T/out" &&
	grep -qx "UV secret:              AES-XTS-256, id 0x$id (name 'disk-key')" "$T/out" &&
	grep -qx "Verification pattern:   $vp" "$T/out" &&
	grep -qx 'Changed:                2026-11-22 00:20:54' "$T/out"
}
check "a file of an earlier secex-key, converted as documented, is read with all its properties" \
	earlier_converted

# Another misreading of the rule: "name=value" pairs, concatenated.
other_bytes() {
	f=$(fixture ob) || return 1
	h=$(grep -v '^$' "$f" | tr -d '\n' | sha256sum | cut -d' ' -f1) &&
	echo "__hash__=$h" >>"$f" &&
	refused "$T/r-ob" ob 'integrity hash differs'
}
check "a hash over other bytes (name=value, concatenated) is refused, the file named" \
	other_bytes

edited() {
	f=$(fixture ed) || return 1
	seal "$f" && sed -i 's|^volumes=.*|volumes=/dev/vdc:data|' "$f" &&
	refused "$T/r-ed" ed 'integrity hash differs'
}
check "a value changed after the hash was made is refused" edited

uppercase_hash() {
	f=$(fixture uc) || return 1
	echo "__hash__=$(zkey_hash "$f" | tr a-f A-F)" >>"$f" &&
	refused "$T/r-uc" uc 'integrity hash differs'
}
check "an uppercase hash, which zkey's strcmp refuses, is refused" uppercase_hash

no_hash() {
	f=$(fixture nh) || return 1
	refused "$T/r-nh" nh 'no __hash__ line'
}
check "a file without the __hash__ line is refused" no_hash

# The key-type property must be there and match the token.
no_key_type() {
	f=$(fixture nk) || return 1
	sed -i '/^key-type=/d' "$f" && seal "$f" &&
	refused "$T/r-nk" nk 'no key-type property'
}
check "no key-type (zkey would take the key for CCA-AESDATA) is refused" no_key_type

cca_key_type() {
	f=$(fixture cca) || return 1
	sed -i 's/^key-type=.*/key-type=CCA-AESDATA/' "$f" && seal "$f" &&
	refused "$T/r-cca" cca 'CCA-AESDATA.*Crypto Express'
}
check "key-type CCA-AESDATA (a secure key of a Crypto Express adapter) is refused" cca_key_type

wrong_key_type() {
	f=$(fixture wk) || return 1
	sed -i 's/^key-type=.*/key-type=CLEAR-AES/' "$f" && seal "$f" &&
	refused "$T/r-wk" wk 'key-type CLEAR-AES, but .* PVSECRET-AES token'
}
check "a key-type that is not the token's is refused" wrong_key_type

plain_volume() {
	f=$(fixture pl) || return 1
	sed -i 's/^volume-type=.*/volume-type=PLAIN/' "$f" && seal "$f" &&
	refused "$T/r-pl" pl 'volume type PLAIN'
}
check "volume-type PLAIN (zkey's plain dm-crypt volumes) is refused" plain_volume

# props FILE: the property names of FILE, in order, on one line.
props() {
	grep -v '^__hash__=' "$1" | cut -d= -f1 | tr '\n' ' '
}

# What secex-key generate writes: zkey's properties in zkey's order (plus
# secret-name, which zkey carries along unread), and zkey's hash.
gen_uv() {
	G=$T/gen
	"$KEY" generate gk --secret-name disk-key -d "data volume" \
		-l /dev/vdb:data -r "$G" || return 1
	f=$G/gk.info
	cat "$f"
	want="cipher iv-mode creation-time description key-type volumes apqns sector-size volume-type secret-name "
	got=$(props "$f")
	# The pattern is there only where the kernel could compute it.
	[ "$got" = "$want" ] || [ "$got" = "${want}verification-pattern " ] ||
		{ echo "properties: $got"; return 1; }
	grep -qx 'key-type=PVSECRET-AES' "$f" && grep -qx 'cipher=paes' "$f" &&
	grep -qx 'iv-mode=plain64' "$f" && grep -qx 'volume-type=LUKS2' "$f" &&
	grep -qx 'sector-size=0' "$f" && grep -qx 'apqns=' "$f" &&
	grep -qx 'secret-name=disk-key' "$f" &&
	[ "$(tail -n 1 "$f")" = "__hash__=$(zkey_hash "$f")" ] &&
	cmp "$G/gk.skey" "$Z/zk.skey" &&
	"$KEY" list gk -r "$G" | grep -qx 'Key type:               PVSECRET-AES'
}
check "generate PVSECRET-AES: zkey's properties, key-type, hash and token" gen_uv

gen_clear() {
	head -c 64 /dev/zero | tr '\0' '\3' >"$T/clear.bin" &&
	"$KEY" generate ck --clearkey "$T/clear.bin" -S 4096 -r "$T/gen" ||
		return 1
	f=$T/gen/ck.info
	cat "$f"
	grep -qx 'key-type=CLEAR-AES' "$f" && grep -qx 'sector-size=4096' "$f" &&
	grep -qx 'description=' "$f" && grep -qx 'volumes=' "$f" &&
	! grep -q '^secret-name=' "$f" &&
	[ "$(tail -n 1 "$f")" = "__hash__=$(zkey_hash "$f")" ] &&
	"$KEY" list ck -r "$T/gen" | grep -qx 'Sector size:            4096'
}
check "generate CLEAR-AES: key-type CLEAR-AES and zkey's hash" gen_clear

tap_end
