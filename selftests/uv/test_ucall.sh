#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The real Ultravisor Call backend (s390x): without an ultravisor (QEMU
# TCG) it must refuse to load and say why in exactly one kernel-log line;
# with one, it must register and answer INFO with installed calls.
. "$(dirname "$0")/../lib/tap.sh"

if [ -z "$(find "/lib/modules/$(uname -r)/" -name 'secex_uv_ucall.ko*' 2>/dev/null)" ]; then
	echo "1..0 # SKIP secex_uv_ucall is built for s390x only"
	exit 4
fi
tap_plan 2
if grep -qw 158 /proc/cpuinfo 2>/dev/null &&
	grep facilities /proc/cpuinfo | tr ' ' '\n' | grep -qx 158; then
	tap_ok "backend loads on a machine with an ultravisor" modprobe secex_uv_ucall
	tap_ok "dmesg names the ultravisor-call backend" \
		sh -c 'dmesg | grep -q "backend: ultravisor call"'
	modprobe -r secex_uv_ucall
else
	tap_ok "backend refuses to load without facility 158" \
		sh -c '! modprobe secex_uv_ucall 2>/dev/null'
	# One line per load attempt (busybox modprobe makes two: finit_module,
	# then init_module), so only its presence is checked.
	tap_ok "the kernel log says there is no ultravisor" \
		sh -c 'dmesg | grep -q "secex_uv_ucall: no ultravisor (facility 158 missing)"'
fi
tap_done
