#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Who owns /dev/uv.  secex_uv registers it unless the kernel's own
# uvdevice serves the machine (CONFIG_S390_UV_UAPI and an ultravisor,
# facility 158): then /dev/uv is the kernel's, secex_uv registers the same
# ABI as /dev/secex-uv and says so once.  Machines without an ultravisor
# take the first branch; the s390x-uv test machine (our QEMU's Ultravisor
# Call, Debian's kernel with its uvdevice) the second.
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
kernel_uvdevice() {
	[ -n "$(find "/lib/modules/$(uname -r)/" -name 'uvdevice.ko*' 2>/dev/null)" ] ||
		grep -q '^CONFIG_S390_UV_UAPI=y' "/boot/config-$(uname -r)" 2>/dev/null
}
if uv_facility && kernel_uvdevice; then
	tap_ok "the kernel's uvdevice serves this machine: secex_uv leaves /dev/uv (chardev=$(cat $PARAM))" \
		test "$(cat $PARAM)" = 0
	tap_ok "secex_uv's device is /dev/secex-uv" test -c /dev/secex-uv
elif uv_facility; then
	tap_ok "an ultravisor, no uvdevice in this kernel: secex_uv registers /dev/uv" \
		test "$(cat $PARAM)" = 1
	tap_ok "/dev/uv is a character device" test -c /dev/uv
else
	tap_ok "no ultravisor here: secex_uv registers /dev/uv (chardev=$(cat $PARAM))" \
		test "$(cat $PARAM)" = 1
	tap_ok "/dev/uv is a character device" test -c /dev/uv
fi
handover_said_right() {
	if uv_facility && kernel_uvdevice; then
		dmesg | grep -q "secex_uv: /dev/uv is the kernel's uvdevice here: ours is /dev/secex-uv"
	else
		! dmesg | grep -q 'secex_uv: /dev/uv is the kernel'
	fi
}
tap_ok "the kernel log hands /dev/uv over exactly where the kernel's uvdevice serves" \
	handover_said_right
tap_done
