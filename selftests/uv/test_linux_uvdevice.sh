#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Linux's own kselftest of /dev/uv (test_uvdevice.c of Debian's
# linux-source, built by scripts/build-selftests against our uapi header)
# on every device of that ABI in this guest: /dev/uv, whoever serves it
# (secex_uv, or the kernel's uvdevice on the s390x machine with an
# Ultravisor Call), and /dev/secex-uv where secex_uv sits beside the
# kernel's device.  The test only opens /dev/uv: for /dev/secex-uv it runs
# in a mount namespace of its own with that device bound over /dev/uv.
# One "# Totals:" line at the end, summed over the runs.

here=$(dirname "$0")
prog=$here/linux_test_uvdevice
pass=0 fail=0 skip=0 runs=0

run() {	# run LABEL CMD...
	label=$1
	shift
	runs=$((runs + 1))
	out=$("$@" 2>&1)
	rc=$?
	echo "$out" | sed "s|^|# $label: |"
	totals=$(echo "$out" | grep -E '^# Totals: ' | tail -n 1)
	if [ -z "$totals" ]; then
		echo "# $label: exit $rc without TAP totals"
		fail=$((fail + 1))
		return
	fi
	pass=$((pass + $(echo "$totals" | sed -E 's/.* pass:([0-9]+).*/\1/')))
	fail=$((fail + $(echo "$totals" | sed -E 's/.* fail:([0-9]+).*/\1/')))
	fail=$((fail + $(echo "$totals" | sed -E 's/.*error:([0-9]+).*/\1/')))
	skip=$((skip + $(echo "$totals" | sed -E 's/.*skip:([0-9]+).*/\1/')))
}

[ -x "$prog" ] || { echo "# $prog was not built"; exit 1; }
[ -c /dev/uv ] && run /dev/uv "$prog"
if [ -c /dev/secex-uv ] && [ -c /dev/uv ]; then
	run /dev/secex-uv unshare -m sh -c \
		"mount --bind /dev/secex-uv /dev/uv && exec $prog"
elif [ -c /dev/secex-uv ]; then
	echo "# /dev/secex-uv: not run (no /dev/uv to bind it over)"
	skip=$((skip + 1))
fi
if [ "$runs" = 0 ]; then
	echo "# no /dev/uv or /dev/secex-uv in this guest"
	echo "# Totals: pass:0 fail:0 xfail:0 xpass:0 skip:1 error:0"
	exit 4
fi
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:$skip error:0"
[ "$fail" = 0 ]
