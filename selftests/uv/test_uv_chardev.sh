#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Who owns /dev/uv.  secex_uv registers it unless the kernel's own
# uvdevice serves the machine (CONFIG_S390_UV_UAPI and an ultravisor,
# facility 158): then it serves in-kernel users only and says so once.
# Test machines have no ultravisor, so here secex_uv must own /dev/uv;
# the other branch needs a real SE guest (Documentation/uvdevice.md).
. "$(dirname "$0")/../lib/tap.sh"

PARAM=/sys/module/secex_uv/parameters/chardev
if [ ! -r "$PARAM" ]; then
	echo "1..0 # SKIP $PARAM missing (secex_uv not loaded)"
	exit 4
fi
tap_plan 3
uv_facility() {
	grep facilities /proc/cpuinfo 2>/dev/null | tr ' ' '\n' | grep -qx 158
}
if uv_facility; then
	tap_skip "chardev decided by the kernel's uvdevice" "a machine with an ultravisor: see Documentation/uvdevice.md"
	tap_skip "/dev/uv" "a machine with an ultravisor"
else
	tap_ok "no ultravisor here: secex_uv registers /dev/uv (chardev=$(cat $PARAM))" \
		test "$(cat $PARAM)" = 1
	tap_ok "/dev/uv is a character device" test -c /dev/uv
fi
no_handover_here() {
	uv_facility || ! dmesg | grep -q 'secex_uv: /dev/uv is the kernel'
}
tap_ok "without an ultravisor the kernel log never hands /dev/uv over" \
	no_handover_here
tap_done
