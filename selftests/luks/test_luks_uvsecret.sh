#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# LUKS2 paes-xts-plain64 volume keyed by a retrievable AES-XTS-256 secret
# of the (software) ultravisor: the owner creates the secret, the guest
# adds it through /dev/uv, `secex-key generate --secret-name` makes the
# 44-byte UV-secret token.  A second volume names a secret the guest does
# not have (the case of a guest that lost or never got it; a provisioned
# software UV cannot be unloaded, so a secret cannot be taken away):
# opening it must fail with a clear message and leave the disk untouched;
# once the secret is added, it opens.
#
# Where paes runs on the machine's CPACF (the s390x-cpacf test machine),
# the software UV returns the secret as the machine's protected key (PCKMO
# double key), the volume must be served by the CPACF transforms (full
# XTS), 64 MiB survive close and reopen, and fio --verify runs clean while
# the machine's wrapping key is replaced from the QEMU monitor.
#
# A machine with PCKMO but without full XTS (z15/z16; the s390x-z16 test
# machine: SECEX_EXPECT_CPACF=1 without SECEX_EXPECT_MSA10=1) cannot use the
# AES-XTS protected key of a UV secret, and real ultravisors with
# retrievable secrets run on z17 only: there the key must be refused, and
# the message and the kernel log must name the missing full XTS.
#
# TAP.  Exit 0 passed, 1 failed, 4 skipped (not root, no cryptsetup,
# /dev/pkey, xts(paes), or no software UV to provision).  Environment:
# SECEX_KEY, SECEX_UV, SECEX_OWNER (the tools), SWUV_OWNER_DIR (the owner's
# side made on the host, for guests without secex-owner: lib/swuv.sh).

lib=$(dirname "$0")/luks_lib.sh
[ -f "$lib" ] || { echo "1..0 # SKIP $lib missing"; exit 4; }
# shellcheck source=SCRIPTDIR/luks_lib.sh
. "$lib"
# shellcheck source=SCRIPTDIR/../lib/swuv.sh
. "$luks_here/../lib/swuv.sh"

MIB=16
DM=secex-luks-uv

luks_init
# swuv.sh runs the tools from another directory: give it absolute paths.
SECEX_UV=${SECEX_UV:-$(luks_tool secex-uv)}
SECEX_OWNER=${SECEX_OWNER:-$(luks_tool secex-owner)}
swuv_setup || luks_skip "software UV: $SWUV_WHY"
if host_cpacf_paes && [ "${SECEX_EXPECT_CPACF:-}" = 1 ] &&
	[ "${SECEX_EXPECT_MSA10:-}" != 1 ]; then
	tap_plan 4
	NAME=secex-luks-$(swuv_run_id)
	head -c 64 /dev/urandom >"$T/xts.key"
	step "owner creates, guest adds an AES-XTS-256 secret" \
		swuv_add_secret "$NAME" aes-xts "$T/xts.key"
	step "generate a PVSECRET-AES key naming it (no verification pattern)" \
		"$KEY" generate uk --secret-name "$NAME" -d "UV secret, no full XTS"
	step "validate refuses it (exit 3) and names the missing full XTS" \
		sh -c "'$KEY' validate uk >'$T/val' 2>&1; rc=\$?; cat '$T/val';
		       [ \$rc = 3 ] && grep -q 'no full XTS (MSA 10, z17)' '$T/val'"
	step "the kernel log says why xts(paes) refused the double key" \
		sh -c "dmesg | grep -q 'need KM Full-XTS-Encrypted-AES (MSA 10, z17); this machine has none'"
	luks_done
	exit
fi
MACHINE=0
if host_cpacf_paes; then
	command -v fio >/dev/null 2>&1 || luks_skip "fio is not installed"
	MACHINE=1
	MIB=64
fi
tap_plan $((20 + 5 * MACHINE))
LOOP=$(luks_loop $((MIB + 17))) || { echo "Bail out! no loop device"; exit 1; }
# Names are per run: the store keeps its secrets as long as the guest runs.
NAME=secex-luks-$(swuv_run_id)
head -c 64 /dev/urandom >"$T/xts.key"

step "owner creates, guest adds an AES-XTS-256 secret" \
	swuv_add_secret "$NAME" aes-xts "$T/xts.key"
step "generate a PVSECRET-AES key naming it" \
	"$KEY" generate uk --secret-name "$NAME" -d "UV secret test volume"
step "its verification pattern was recorded (the kernel retrieved the secret)" \
	sh -c "'$KEY' list uk | grep -E 'Verification pattern: +[0-9a-f]{64}$'"
step "validate: VERIFYKEY2 finds the secret, KBLOB2PROTK3 an AES-XTS-256 protected key" \
	sh -c "'$KEY' validate uk >'$T/val' && cat '$T/val' && grep -q 'UV-secret key, AES-XTS-256 secret present' '$T/val' &&
	       grep -q 'Protected key: *AES-XTS-256, 96 bytes' '$T/val'"
step "cryptsetup: the whole 44-byte token is the volume key (--key-size 352)" \
	sh -c "'$KEY' cryptsetup uk --volumes '$LOOP:$DM' --format --print-commands | grep -q -- '--key-size 352 --cipher paes-xts-plain64 '"

step "luksFormat with the token (libcryptsetup)" luks_format uk "$LOOP" "$DM"
step "luksOpen" luks_open uk "$LOOP" "$DM"
head -c ${MIB}M /dev/urandom >"$T/data"
SUM=$(sha256sum "$T/data" | cut -d' ' -f1)
step "write $MIB MiB of random data" \
	dd if="$T/data" of="/dev/mapper/$DM" bs=1M oflag=direct conv=fsync
TAIL=$(dd if="$T/data" bs=1M skip=32 2>/dev/null | sha256sum | cut -d' ' -f1)
rm -f "$T/data"
sum_is() {
	got=$(dev_sha "/dev/mapper/$DM" $MIB)
	echo "sha256 $got, expected $SUM"
	[ "$got" = "$SUM" ]
}
step "read back: sha256 matches" sum_is
reopen() {
	cryptsetup close "$DM" && luks_open uk "$LOOP" "$DM"
}
step "close and reopen (the secret is retrieved again)" reopen
step "after reopen: sha256 matches" sum_is
if [ $MACHINE = 1 ]; then
	step "the volume runs on CPACF (xts-paes-secex-cpacf), not the software core" \
		luks_cpacf_used
	luks_fio_steps "/dev/mapper/$DM" 5 machine
	# fio wrote its own data over the first 32 MiB: the rest is ours.
	tail_sum() {
		cryptsetup close "$DM" && luks_open uk "$LOOP" "$DM" || return 1
		got=$(dd if="/dev/mapper/$DM" bs=1M skip=32 count=$((MIB - 32)) iflag=direct 2>/dev/null |
			sha256sum | cut -d' ' -f1)
		echo "sha256 $got, expected $TAIL"
		[ "$got" = "$TAIL" ]
	}
	step "reopened: the $((MIB - 32)) MiB fio did not touch are intact" tail_sum
fi
step "close; validate --luks: the volume's token names this key" \
	sh -c "cryptsetup close $DM && '$KEY' validate --luks '$LOOP'"

# A key whose secret is not in the guest's store.
GONE=$NAME-absent
DM2=secex-luks-uv-absent
absent_msg="is not in the ultravisor's secret store"
step "generate names a secret not (yet) added: stored without a pattern" \
	sh -c "'$KEY' generate gk --secret-name '$GONE' 2>'$T/err'; rc=\$?; cat '$T/err';
	       [ \$rc = 0 ] && grep -q \"$absent_msg\" '$T/err' &&
	       '$KEY' list gk | grep -q 'pattern: *(not recorded yet)'"
step "validate fails (exit 3): secret $absent_msg" \
	sh -c "'$KEY' validate gk 2>'$T/err'; rc=\$?; cat '$T/err'; [ \$rc = 3 ] && grep -q \"$absent_msg\" '$T/err'"

LOOP2=$(luks_loop 20) || { echo "Bail out! no loop device"; exit 1; }
raw_format() {
	dd if=/dev/urandom of="$LOOP2" bs=1M count=20 oflag=direct 2>/dev/null &&
	cryptsetup luksFormat -q --type luks2 --volume-key-file \
		"$SECEX_KEY_REPOSITORY/gk.skey" --key-size 352 \
		--cipher paes-xts-plain64 --pbkdf pbkdf2 \
		--pbkdf-force-iterations 1000 --key-file "$T/pass" "$LOOP2"
}
step "cryptsetup luksFormat of a volume with that key (cannot check it)" raw_format
DISK=$(all_sha "$LOOP2")
step "secex-key cryptsetup --open --run refuses, exit 3, no mapping" \
	sh -c "'$KEY' cryptsetup gk --volumes '$LOOP2:$DM2' --open --run --key-file '$T/pass' 2>'$T/err'; rc=\$?; cat '$T/err';
	       [ \$rc = 3 ] && grep -q \"$absent_msg\" '$T/err' && [ ! -e /dev/mapper/$DM2 ]"
raw_open() {
	luks_maps="$luks_maps $DM2"
	cryptsetup luksOpen --key-file "$T/pass" "$LOOP2" "$DM2"
	rc=$?
	echo "cryptsetup luksOpen: exit $rc"
	[ $rc != 0 ] && [ ! -e "/dev/mapper/$DM2" ]
}
step "cryptsetup luksOpen itself fails, no mapping is left" raw_open
sed 's/^/# /' "$T/step.log"
unchanged() {
	got=$(all_sha "$LOOP2")
	echo "sha256 $got, before $DISK"
	[ "$got" = "$DISK" ]
}
step "the disk is unchanged (sha256 of the whole device)" unchanged

head -c 64 /dev/urandom >"$T/xts2.key"
step "the secret is added" swuv_add_secret "$GONE" aes-xts "$T/xts2.key"
step "now validate records its pattern and the volume opens" \
	sh -c "'$KEY' validate gk | grep -q 'pattern recorded' &&
	       '$KEY' cryptsetup gk --volumes '$LOOP2:$DM2' --open --run -q --key-file '$T/pass'"

luks_done
