#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Wrapping-key rotation under I/O: fio writes and verifies (crc32c) a
# paes-xts-plain64 LUKS2 volume with direct I/O while the software CPACF
# wrapping key is replaced every 100 ms, which makes every protected key
# stale as a live migration of a real guest would.  Where paes runs on the
# machine's CPACF (the s390x-cpacf test machine), the machine's wrapping
# key is replaced from the QEMU monitor in the same loop, and the volume
# must be served by the CPACF transforms, not the software core.  Zero I/O
# errors and zero verify mismatches are expected.  The key is a clear-key
# token pair (two AES-256 keys), so the two-key XTS path of paes is
# re-derived.
#
# TAP.  Exit 0 passed, 1 failed, 4 skipped (not root, no cryptsetup, fio,
# /dev/pkey or xts(paes)).  Environment: SECEX_ROTATION_SECONDS (how long
# fio runs, default 5; under selftests/run.sh raise SECEX_TEST_TIMEOUT for
# long runs), SECEX_KEY (the tool).

lib=$(dirname "$0")/luks_lib.sh
[ -f "$lib" ] || { echo "1..0 # SKIP $lib missing"; exit 4; }
# shellcheck source=SCRIPTDIR/luks_lib.sh
. "$lib"

SECS=${SECEX_ROTATION_SECONDS:-5}
DM=secex-luks-rot

command -v fio >/dev/null 2>&1 || luks_skip "fio is not installed"
[ -w "$ROTATE" ] || luks_skip "$ROTATE missing (secex_swcpacf not loaded)"
luks_init
MACHINE=0
host_cpacf_paes && MACHINE=1
tap_plan $((10 + 2 * MACHINE))
LOOP=$(luks_loop 64) || { echo "Bail out! no loop device"; exit 1; }
luks_allow_clrkey

step "generate a CLEAR-AES key (two AES-256 tokens)" "$KEY" generate rk -x pair
VP=$("$KEY" list rk | sed -n 's/^Verification pattern: *//p')
step "luksFormat with the token (libcryptsetup)" luks_format rk "$LOOP" "$DM"
step "luksOpen" luks_open rk "$LOOP" "$DM"
if [ $MACHINE = 1 ]; then
	step "the volume runs on CPACF (xts-paes-secex-cpacf), not the software core" \
		luks_cpacf_used
fi

# Data fio does not touch (it works on the first 32 MiB).
head -c 8M /dev/urandom >"$T/data"
SUM=$(sha256sum "$T/data" | cut -d' ' -f1)
step "write 8 MiB at 40 MiB" dd if="$T/data" of="/dev/mapper/$DM" bs=1M \
	seek=40 oflag=direct conv=fsync

WHO=sw
[ $MACHINE = 1 ] && WHO=both
luks_fio_steps "/dev/mapper/$DM" "$SECS" $WHO

reopen_sum() {
	cryptsetup close "$DM" && luks_open rk "$LOOP" "$DM" || return 1
	got=$(dd if="/dev/mapper/$DM" bs=1M skip=40 count=8 iflag=direct 2>/dev/null |
		sha256sum | cut -d' ' -f1)
	echo "sha256 $got, expected $SUM"
	[ "$got" = "$SUM" ]
}
step "reopened: data beyond fio's range read back intact" reopen_sum
step "verification pattern unchanged" \
	sh -c "'$KEY' validate rk --luks '$LOOP' | grep -q 'Current pattern: *$VP'"
step "protected keys derive under the current wrapping key" \
	sh -c "'$KEY' validate rk | grep -c 'Protected key: *AES-256, 64 bytes' | grep -qx 2"

luks_done
