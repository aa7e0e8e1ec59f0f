#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# LUKS2 volume with cipher paes-xts-plain64, keyed by a clear-key token
# from `secex-key generate`: secex-key formats the volume, stores its
# token and opens it through libcryptsetup (the commands it prints with
# --print-commands are checked too); 16 MiB of random data read back after close/reopen, after the
# wrapping key changed and after secex_paes and secex_pkey were reloaded.
#
# TAP.  Exit 0 passed, 1 failed, 4 skipped (not root, no cryptsetup, no
# /dev/pkey, no xts(paes)).  Environment: SECEX_KEY (the tool).

lib=$(dirname "$0")/luks_lib.sh
[ -f "$lib" ] || { echo "1..0 # SKIP $lib missing"; exit 4; }
# shellcheck source=SCRIPTDIR/luks_lib.sh
. "$lib"

MIB=16
DM=secex-luks-ck

luks_init
tap_plan 23
LOOP=$(luks_loop $((MIB + 17))) || { echo "Bail out! no loop device"; exit 1; }
luks_allow_clrkey

step "generate a CLEAR-AES key" "$KEY" generate ck -d "clear-key test volume"
step "its verification pattern was recorded" \
	sh -c "'$KEY' list ck | grep -E 'Verification pattern: +[0-9a-f]{64}$'"
VP=$("$KEY" list ck | sed -n 's/^Verification pattern: *//p')
# Machines whose PCKMO has no XTS double keys (the CPACF test machine)
# derive two AES-256 keys instead, as xts(paes) uses them there.
step "validate: /dev/pkey derives an AES-XTS-256 protected key (or two AES-256)" \
	sh -c "'$KEY' validate ck >'$T/validate' && cat '$T/validate' &&
	       { grep -q 'Protected key: *AES-XTS-256, 96 bytes' '$T/validate' ||
	         [ \$(grep -c 'Protected key: *AES-256, 64 bytes' '$T/validate') = 2 ]; }"

refused() {
	echo 0 >"$CLRKEY"
	"$KEY" validate ck
	rc=$?
	echo 1 >"$CLRKEY"
	[ $rc = 3 ]
}
step "validate fails (exit 3) while secex_pkey refuses clear keys" refused

expected() {
	cat <<EOF
cryptsetup luksFormat -q --type luks2 --volume-key-file '$SECEX_KEY_REPOSITORY/ck.skey' --key-size 640 --cipher paes-xts-plain64 --pbkdf pbkdf2 --pbkdf-force-iterations 1000 --key-file '$T/pass' $LOOP
echo '{"type":"secex-key","keyslots":[],"key-name":"ck","verification-pattern":"$VP"}' | cryptsetup token import $LOOP
cryptsetup luksOpen -q --key-file '$T/pass' $LOOP $DM
EOF
}
# shellcheck disable=SC2086
printed() {
	"$KEY" cryptsetup ck --volumes "$LOOP:$DM" -q --key-file "$T/pass" \
		--print-commands $PBKDF >"$T/printed" && expected >"$T/expected" &&
		diff -u "$T/expected" "$T/printed"
}
step "cryptsetup --print-commands: the exact commands" printed
crypttab_line() {
	got=$("$KEY" crypttab ck --volumes "$LOOP:$DM" --key-file /etc/pass)
	want=$(printf '%s\t%s\t%s\tluks' "$DM" "$LOOP" /etc/pass)
	echo "printed: $got"
	[ "$got" = "$want" ]
}
step "crypttab: the exact line" crypttab_line

step "luksFormat and token through libcryptsetup (cryptsetup --format)" luks_format ck "$LOOP" "$DM"
step "LUKS2 header: paes-xts-plain64 with a 640-bit volume key" \
	sh -c "cryptsetup luksDump '$LOOP' >'$T/dump' && cat '$T/dump' &&
	       grep -q 'cipher: *paes-xts-plain64' '$T/dump' && grep -q 'Key: *640 bits' '$T/dump'"
step "validate --luks: the volume's token names this key" \
	"$KEY" validate --luks "$LOOP"
step "luksOpen through libcryptsetup (cryptsetup --open)" luks_open ck "$LOOP" "$DM"
step "dm-crypt table uses paes-xts-plain64" \
	sh -c "dmsetup table '$DM' | grep -q ' crypt paes-xts-plain64 '"

head -c ${MIB}M /dev/urandom >"$T/data"
SUM=$(sha256sum "$T/data" | cut -d' ' -f1)
step "write $MIB MiB of random data" \
	dd if="$T/data" of="/dev/mapper/$DM" bs=1M oflag=direct conv=fsync
rm -f "$T/data"

sum_is() {
	got=$(dev_sha "/dev/mapper/$DM" $MIB)
	echo "sha256 $got, expected $SUM"
	[ "$got" = "$SUM" ]
}
no_plaintext() {
	got=$(dd if="$LOOP" bs=1M skip=16 count=$MIB iflag=direct 2>/dev/null |
		sha256sum | cut -d' ' -f1)
	[ "$got" != "$SUM" ]
}
reopen() {
	cryptsetup close "$DM" && luks_open ck "$LOOP" "$DM"
}
step "read back: sha256 matches" sum_is
step "the disk holds no plaintext copy" no_plaintext
step "close and reopen" reopen
step "after reopen: sha256 matches" sum_is
step "rotate the wrapping key while open" sh -c "echo 1 >$ROTATE"
step "after rotation: sha256 matches" sum_is

reload() {
	cryptsetup close "$DM" &&
		modprobe -r secex_paes secex_pkey &&
		! grep -q '^name *: xts(paes)$' /proc/crypto &&
		modprobe secex_paes && [ -c /dev/pkey ] &&
		echo 1 >"$CLRKEY" && echo 1 >"$ROTATE" &&
		luks_open ck "$LOOP" "$DM"
}
step "close, reload secex_paes and secex_pkey, new wrapping key, reopen" reload
step "after module reload: sha256 matches" sum_is
step "verification pattern unchanged across wrapping keys" \
	sh -c "'$KEY' validate ck --luks '$LOOP' | grep -q 'Current pattern: *$VP'"

"$KEY" generate other >/dev/null 2>&1
step "validate --luks with another key fails (exit 3)" \
	fails 3 "$KEY" validate other --luks "$LOOP"

# libcryptsetup's view of the header: a volume of another cipher is named.
other_cipher() {
	_l=$(luks_loop 20) &&
	cryptsetup luksFormat -q --type luks2 --cipher aes-xts-plain64 \
		--key-size 512 --pbkdf pbkdf2 --pbkdf-force-iterations 1000 \
		--key-file "$T/pass" "$_l" || return 1
	"$KEY" validate ck --luks "$_l" 2>"$T/err"
	_rc=$?
	cat "$T/err"
	[ $_rc = 3 ] && grep -q 'encrypted with aes-xts-plain64, not paes-xts-plain64' "$T/err"
}
step "validate --luks on an aes-xts-plain64 volume fails (exit 3), naming the cipher" \
	other_cipher

luks_done
