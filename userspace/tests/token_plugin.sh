#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The LUKS2 token plugin on the host: it exports its entry points, and
# nothing else, under the version node libcryptsetup looks them up with;
# loaded like libcryptsetup loads it (tests/token_load.c), it accepts good
# token JSON and rejects bad, prints its luksDump lines, and, without an
# ultravisor, fails with -ENOENT (the token is unusable: libcryptsetup
# tries the next one) and an error that names the device; headers that a
# host rewrote are refused with -EPERM before the ultravisor is asked.  No root: the
# LUKS2 header is a plain file.  The unlock itself is tested in VMs.  TAP;
# exit 0 if all pass.
#
# Environment: TOKEN_PLUGIN (the .so), TOKEN_LOAD (tests/token_load.c built).

set -u
top=$(cd "$(dirname "$0")/.." && pwd)
PLUGIN=${TOKEN_PLUGIN:-$top/libcryptsetup-token-secex-uv.so}
LOAD=${TOKEN_LOAD:-$top/obj/token_load}
. "$(dirname "$0")/tap.sh"

ID=5e6c0dd8e1c3a7f5c7b2e4a1d2f3c4b5a69788796a5b4c3d2e1f0a1b2c3d4e5f
VERSION=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/../dkms.conf")
tok() { printf '{"type":"secex-uv","keyslots":[]%s}' "$1"; }
accepts() { "$LOAD" "$PLUGIN" validate "$1" 2>"$T/err"; }
rejects() {
	! "$LOAD" "$PLUGIN" validate "$1" 2>"$T/err" && grep -q "^ERROR: " "$T/err"
}

# 1. The exports: exactly the entry points, all under CRYPTSETUP_TOKEN_1.0.
objdump -T "$PLUGIN" | awk '/^[0-9a-f]+ / && !/\*UND\*/ { print $(NF-1), $NF }' |
	sort >"$T/exports"
printf '%s\n' "CRYPTSETUP_TOKEN_1.0 CRYPTSETUP_TOKEN_1.0" \
	"CRYPTSETUP_TOKEN_1.0 cryptsetup_token_buffer_free" \
	"CRYPTSETUP_TOKEN_1.0 cryptsetup_token_dump" \
	"CRYPTSETUP_TOKEN_1.0 cryptsetup_token_open" \
	"CRYPTSETUP_TOKEN_1.0 cryptsetup_token_validate" \
	"CRYPTSETUP_TOKEN_1.0 cryptsetup_token_version" | sort >"$T/want"
check "objdump -T: the five entry points under CRYPTSETUP_TOKEN_1.0, nothing else" \
	diff "$T/want" "$T/exports"
check "dlvsym finds them at CRYPTSETUP_TOKEN_1.0, no open_pin, version $VERSION" \
	sh -c "[ \"\$('$LOAD' '$PLUGIN' exports)\" = '$VERSION' ]"

# 2. validate
check "validate accepts an id" accepts "$(tok ",\"secret-id\":\"$ID\"")"
check "validate accepts an upper-case id and a name" \
	accepts "$(tok ",\"secret-id\":\"$(echo $ID | tr a-f A-F)\",\"secret-name\":\"disk-key\"")"
check "validate accepts a 64-character name" \
	accepts "$(tok ",\"secret-id\":\"$ID\",\"secret-name\":\"$(printf '%064d' 0)\"")"
check "validate accepts members it does not know (a later secex-key may add some)" \
	accepts "$(tok ",\"secret-id\":\"$ID\",\"comment\":{\"a\":1}")"
for bad in \
	"no secret-id|$(tok '')" \
	"a 63-digit id|$(tok ",\"secret-id\":\"${ID%?}\"")" \
	"a 65-digit id|$(tok ",\"secret-id\":\"${ID}0\"")" \
	"a 0x-prefixed id|$(tok ",\"secret-id\":\"0x${ID#??}\"")" \
	"a non-hex id|$(tok ",\"secret-id\":\"${ID%?}g\"")" \
	"an id that is a number|$(tok ',"secret-id":5')" \
	"an empty name|$(tok ",\"secret-id\":\"$ID\",\"secret-name\":\"\"")" \
	"a 65-character name|$(tok ",\"secret-id\":\"$ID\",\"secret-name\":\"$(printf '%065d' 0)\"")" \
	"a name that is not a string|$(tok ",\"secret-id\":\"$ID\",\"secret-name\":[]")" \
	"a name with a NUL|$(tok ",\"secret-id\":\"$ID\",\"secret-name\":\"a\\u0000b\"")" \
	"a name with a newline|$(tok ",\"secret-id\":\"$ID\",\"secret-name\":\"a\\nb\"")" \
	"a name with an escape sequence|$(tok ",\"secret-id\":\"$ID\",\"secret-name\":\"a\\u001b[2Jb\"")" \
	"a name with a space|$(tok ",\"secret-id\":\"$ID\",\"secret-name\":\"a b\"")" \
	"another type|{\"type\":\"secex-uvx\",\"keyslots\":[],\"secret-id\":\"$ID\"}" \
	"an array|[]" \
	"no JSON|secret-id"; do
	check "validate rejects ${bad%%|*}, with an error" rejects "${bad#*|}"
done

# 3. In a LUKS2 header: open without an ultravisor, and dump.
if ! command -v cryptsetup >/dev/null 2>&1; then
	ok "# SKIP no cryptsetup: open and dump"
	tap_end
	exit
fi
hdr=$T/luks2.img
truncate -s 16M "$hdr"
check "luksFormat a LUKS2 header file (no root needed)" sh -c \
	"echo pw | cryptsetup luksFormat --type luks2 --batch-mode --pbkdf pbkdf2 \
		--pbkdf-force-iterations 1000 '$hdr' >/dev/null 2>&1"
# --disable-external-tokens: an installed plugin would validate the import.
# The MAC is checked only after the ultravisor hands out the secret: any
# well-formed one gets this far.
MAC=$(printf '%064d' 0)
tok ",\"secret-id\":\"$ID\",\"secret-name\":\"disk-key\",\"header-mac\":\"$MAC\"" |
	sed 's/\[\]/["0"]/' |
	cryptsetup token import --disable-external-tokens --json-file - "$hdr"
tok ",\"secret-id\":\"$ID\",\"header-mac\":\"$MAC\"" | sed 's/\[\]/["0"]/' |
	cryptsetup token import --disable-external-tokens --json-file - "$hdr"

check "open, no device: -ENOENT (token unusable), ERROR naming the device" sh -c "
	SECEX_UV_DEVICE=$T/nonexistent '$LOAD' '$PLUGIN' open '$hdr' 0 2>'$T/err' >'$T/out'
	grep -qx 'rc=-2 len=0' '$T/out' &&
	grep -qx 'ERROR: $T/nonexistent: No such file or directory (not a Secure Execution guest, or secex_uv is not loaded)' '$T/err'"
check "open, a device that is not /dev/uv: -ENOENT, ERROR naming the failed ioctl" sh -c "
	SECEX_UV_DEVICE=/dev/null '$LOAD' '$PLUGIN' open '$hdr' 1 2>'$T/err' >'$T/out'
	grep -qx 'rc=-2 len=0' '$T/out' && grep -q '^ERROR: /dev/null: ioctl .* failed' '$T/err'"
check "open, no token 5: -ENOENT" sh -c "
	'$LOAD' '$PLUGIN' open '$hdr' 5 2>'$T/err' | grep -qx 'rc=-2 len=0'"
printf 'NORMAL: \tUV secret:    disk-key\nNORMAL: \tHeader MAC:   present\nNORMAL: \tUV secret id: %s\n' "$ID" >"$T/want"
check "dump: the name and the id, tab-indented" sh -c "
	'$LOAD' '$PLUGIN' dump '$hdr' 0 2>'$T/dump' && diff '$T/want' '$T/dump'"
printf 'NORMAL: \tHeader MAC:   present\nNORMAL: \tUV secret id: %s\n' "$ID" >"$T/want1"
check "dump without a name: the id only" sh -c "
	'$LOAD' '$PLUGIN' dump '$hdr' 1 2>'$T/dump' && diff '$T/want1' '$T/dump'"
tok ",\"secret-id\":\"$ID\",\"secret-name\":\"a\\nb\\u001b[2J\"" |
	cryptsetup token import --disable-external-tokens --token-id 2 --json-file - "$hdr"
check "dump of a host-written name: escaped, marked invalid, no MAC said; validate's error" sh -c "
	'$LOAD' '$PLUGIN' dump '$hdr' 2 2>'$T/dump'; cat '$T/dump';
	grep -qxF 'NORMAL: 	UV secret:    a\\x0ab\\x1b\\x5b2J (invalid name)' '$T/dump' &&
	grep -qxF 'NORMAL: 	Header MAC:   none (refused: enroll again)' '$T/dump' &&
	! grep -q \"\$(printf '\\033')\" '$T/dump'"

# 4. The header binding's policy: what the host can write into a header
# without any key is refused before the ultravisor is asked (the device
# does not exist: a message naming it would mean the plugin went on).
# Each case is a copy of the header above, rewritten with its checksums
# fixed (scripts/luks2-header), and token 0 naming key slot 0.
EDIT=$top/../scripts/luks2-header
# refused NAME TEXT PYTHON...: open of token 0 of a rewritten copy is -EPERM
# with one ERROR line that holds TEXT
refused() {
	_name=$1 _text=$2
	shift 2
	cp "${BASE:-$hdr}" "$T/$_name.img" && "$EDIT" "$T/$_name.img" edit "$@" &&
	SECEX_UV_DEVICE=$T/nonexistent "$LOAD" "$PLUGIN" open "$T/$_name.img" 0 \
		2>"$T/err" >"$T/out"
	cat "$T/out" "$T/err"
	grep -qx 'rc=-1 len=0' "$T/out" && [ "$(grep -c . "$T/err")" = 1 ] &&
		grep -q '^ERROR: secex-uv token 0 refused: ' "$T/err" &&
		grep -qF -- "$_text" "$T/err" && ! grep -q nonexistent "$T/err"
}
check "a token without header-mac (enrolled before 0.2, or by hand): refused" \
	refused nomac 'it has no "header-mac"' "del h['tokens']['0']['header-mac']"
check "a header-mac that is not 64 lower-case hex digits: refused" \
	refused badmac '"header-mac" is not 64 lower-case hex digits' \
	"h['tokens']['0']['header-mac'] = 'AB' * 32"
check "segment rewritten to cipher_null-ecb (plaintext mapping): refused" \
	refused segnull 'segment 0 is cipher_null-ecb: the volume would be mapped in plaintext' \
	"h['segments']['0']['encryption'] = 'cipher_null-ecb'"
check "key slot area cipher rewritten to cipher_null-ecb (any passphrase opens): refused" \
	refused slotnull 'key slot 0 is encrypted with cipher_null-ecb: it would open with any passphrase' \
	"h['keyslots']['0']['area']['encryption'] = 'cipher_null-ecb'"
cp "$hdr" "$T/two.img"
printf 'pw\npw2\n' | cryptsetup luksAddKey --batch-mode --pbkdf pbkdf2 \
	--pbkdf-force-iterations 1000 "$T/two.img" >/dev/null 2>&1
BASE=$T/two.img
check "a cipher_null key slot the token does not name (a second slot): refused as well" \
	refused othernull 'key slot 1 is encrypted with cipher_null-ecb' \
	"h['keyslots']['1']['area']['encryption'] = 'cipher_null-ecb'"
BASE=
check "a segment of type linear (no encryption): refused" \
	refused linear "segment 0 is of type 'linear', not an encrypted (crypt) segment" \
	"h['segments']['0']['type'] = 'linear'"
check "a segment cipher secex-key never enrolls (aes-cbc-essiv:sha256): refused" \
	refused cbc "segment 0 cipher 'aes-cbc-essiv:sha256' is none that secex-key enrolls" \
	"h['segments']['0']['encryption'] = 'aes-cbc-essiv:sha256'"
check "the token's key slot encrypted with another cipher: refused" \
	refused serpent "its key slot 0 is encrypted with 'serpent-xts-plain64', not aes-xts-plain64" \
	"h['keyslots']['0']['area']['encryption'] = 'serpent-xts-plain64'"
check "the token's key slot holds a 128-bit volume key: refused" \
	refused vk128 'its key slot 0 holds a volume key of 16 bytes, under 32' \
	"h['keyslots']['0']['key_size'] = 16"
check "the token's key slot with an unknown KDF: refused" \
	refused kdf "its key slot 0 has the KDF 'none', not pbkdf2 or argon2" \
	"h['keyslots']['0']['kdf']['type'] = 'none'"
check "a host-written KDF name with a newline and an escape: one line, shown escaped" \
	refused kdfesc "has the KDF 'x\\x0a\\x1b[31mcryptsetup:\\x20FAKE', not pbkdf2" \
	"h['keyslots']['0']['kdf']['type'] = 'x\\n\\x1b[31mcryptsetup: FAKE'"
tap_end
