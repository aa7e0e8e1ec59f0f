#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# secex-key's side of secex-uv tokens that needs no ultravisor: crypttab
# lines and unenroll, on a LUKS2 header file whose token was imported with
# cryptsetup; enroll's refusal without /dev/uv.  The unlock itself (enroll,
# the plugin, three boots) runs in the VMs: selftests/unlock/.
#
# TAP.  Environment: SECEX_KEY (default: ../secex-key).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/tap.sh"
KEY=${SECEX_KEY:-$top/secex-key}

if ! command -v cryptsetup >/dev/null 2>&1; then
	echo "1..0 # SKIP cryptsetup is not installed"
	exit 0
fi
img=$T/vol.img
printf pass >"$T/pass"
id=$(printf %s data-unlock | sha256sum | cut -d' ' -f1)
truncate -s 20M "$img"
# Two key slots: 0 the passphrase, 1 the one the token opens.
cryptsetup luksFormat -q --type luks2 --pbkdf pbkdf2 --pbkdf-force-iterations 1000 \
	--key-file "$T/pass" "$img" &&
printf secret >"$T/pass1" &&
cryptsetup luksAddKey -q --pbkdf pbkdf2 --pbkdf-force-iterations 1000 \
	--key-file "$T/pass" "$img" "$T/pass1" &&
printf '{"type":"secex-uv","keyslots":["1"],"secret-id":"%s","secret-name":"data-unlock"}' \
	"$id" >"$T/tok.json" &&
cryptsetup token import --disable-external-tokens --json-file "$T/tok.json" "$img" ||
	{ echo "Bail out! cannot make a LUKS2 header file with a secex-uv token"; exit 1; }

tab_line() {
	"$KEY" crypttab --volumes "$img:data" --headless --initramfs --timeout 30 >"$T/tab" &&
	cat "$T/tab" &&
	[ "$(sed -n 1p "$T/tab")" = "# data: opens with UV secret 'data-unlock', id $(echo "$id" | cut -c1-16)... (token 0)" ] &&
	[ "$(sed -n 2p "$T/tab")" = "data	$img	none	luks,headless=true,initramfs,timeout=30" ]
}
check "crypttab: a commented line that opens the token volume unattended" tab_line

plain_line() {
	truncate -s 20M "$T/plain.img" &&
	cryptsetup luksFormat -q --type luks2 --pbkdf pbkdf2 --pbkdf-force-iterations 1000 \
		--key-file "$T/pass" "$T/plain.img" &&
	[ "$("$KEY" crypttab --volumes "$T/plain.img:p" --key-file /etc/k --headless)" = \
	  "p	$T/plain.img	/etc/k	luks" ]
}
check "crypttab: a volume without the token keeps its passphrase line" plain_line

no_uv() {
	SECEX_UV_DEVICE=$T/none "$KEY" enroll "$img" --uv-secret data-unlock \
		--key-file "$T/pass" 2>"$T/err"
	rc=$?
	cat "$T/err"
	[ $rc = 1 ] && grep -q "$T/none: No such file or directory" "$T/err"
}
check "enroll without /dev/uv: exit 1, the device named" no_uv

unenroll_other() {
	"$KEY" unenroll "$img" --uv-secret other 2>"$T/err"
	rc=$?
	cat "$T/err"
	[ $rc = 1 ] && grep -q "no secex-uv token names this secret" "$T/err" &&
		cryptsetup luksDump "$img" | grep -q "secex-uv"
}
check "unenroll of a secret no token names: exit 1, nothing removed" unenroll_other

# A token that lists every key slot (an import, or the host's edit): enroll
# makes tokens of one slot, so unenroll removes nothing.
unenroll_all() {
	cp "$img" "$T/all.img" &&
	sed 's/"keyslots":\["1"\]/"keyslots":["0","1"]/' "$T/tok.json" |
		cryptsetup token import --disable-external-tokens --token-id 3 \
			--json-file - "$T/all.img" || return 1
	"$KEY" unenroll "$T/all.img" --token-id 3 >"$T/out" 2>"$T/err"
	rc=$?
	cat "$T/out" "$T/err"
	[ $rc = 1 ] && grep -q "token 3 lists 2 key slots.*nothing removed" "$T/err" &&
		[ ! -s "$T/out" ] &&
		cryptsetup open --test-passphrase --key-file "$T/pass" "$T/all.img" &&
		cryptsetup open --test-passphrase --key-file "$T/pass1" "$T/all.img" &&
		cryptsetup luksDump "$T/all.img" | grep -q secex-uv
}
check "unenroll of a token that lists every key slot: exit 1, both passphrases still open" \
	unenroll_all

# Two tokens of one slot each, which together name every slot the volume
# has: the count is made for all of them before anything is removed.
unenroll_every() {
	cp "$img" "$T/every.img" &&
	sed 's/"keyslots":\["1"\]/"keyslots":["0"]/' "$T/tok.json" |
		cryptsetup token import --disable-external-tokens --token-id 3 \
			--json-file - "$T/every.img" || return 1
	"$KEY" unenroll "$T/every.img" 2>"$T/err"
	rc=$?
	cat "$T/err"
	[ $rc = 1 ] && grep -q "would leave the volume no key slot: nothing removed" "$T/err" &&
		cryptsetup open --test-passphrase --key-file "$T/pass" "$T/every.img" &&
		cryptsetup open --test-passphrase --key-file "$T/pass1" "$T/every.img"
}
check "unenroll of every token, whose slots are all the volume has: exit 1, nothing removed" \
	unenroll_every

# A host-written name with a newline and an escape: no line of crypttab's
# output is anything but a comment or the entry, and the name is not shown.
crypttab_hostile_name() {
	cp "$img" "$T/evil.img" &&
	printf '{"type":"secex-uv","keyslots":["1"],"secret-id":"%s","secret-name":"x\\ndata2 /dev/sda none keyscript=/bin/sh\\u001b[2J"}' \
		"$id" | cryptsetup token import --disable-external-tokens --token-id 4 \
			--json-file - "$T/evil.img" || return 1
	"$KEY" crypttab --volumes "$T/evil.img:data" >"$T/tab" 2>"$T/err"
	cat "$T/tab" "$T/err"
	grep -q 'is not a valid name' "$T/err" &&
		[ "$(grep -vc -e '^#' -e "^data	$T/evil.img	none	luks\$" "$T/tab")" = 0 ] &&
		[ "$(grep -c "^data	" "$T/tab")" = 1 ] &&
		! grep -q keyscript "$T/tab" && ! grep -q "$(printf '\033')" "$T/tab" "$T/err"
}
check "crypttab: a host-written name with a newline and keyscript= gives no extra line" \
	crypttab_hostile_name

unenroll_it() {
	"$KEY" unenroll "$img" --uv-secret data-unlock &&
	! cryptsetup luksDump "$img" | grep -q secex-uv &&
	! cryptsetup open --test-passphrase --key-file "$T/pass1" "$img" &&
	cryptsetup open --test-passphrase --key-file "$T/pass" "$img"
}
check "unenroll by name: token and key slot 1 gone, slot 0 opens" unenroll_it

tap_end
