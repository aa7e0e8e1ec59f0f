#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs last (hence the folder name): scan for leaked kernel memory with
# kmemleak after every other test.  The harness clears kmemleak's list
# right after boot on debug kernels, so anything found here appeared
# while the tests ran.  Our modules are unloaded first, so leaks in their
# exit paths count too, and loaded again afterwards.
. "$(dirname "$0")/../lib/tap.sh"

k=/sys/kernel/debug/kmemleak
if [ ! -w "$k" ]; then
	echo "1..0 # SKIP kernel without CONFIG_DEBUG_KMEMLEAK (only the 7.x-debug kernel has it)"
	exit 4
fi
tap_plan 2

mods=$(awk '/^secex_/ { print $1 }' /proc/modules)
unload() {
	for m in $mods; do modprobe -r "$m" 2>/dev/null; done
	for m in $mods; do [ ! -d "/sys/module/$m" ] || return 1; done
}
tap_ok "our modules unload before the scan" unload

# Objects younger than 5 s are never reported; two scans settle grey ones.
sleep 6
echo scan >"$k"
sleep 1
echo scan >"$k"
report=$(cat "$k")
if [ -z "$report" ]; then
	tap_result 0 "kmemleak finds no leak"
else
	echo "$report" | sed 's/^/# /' | head -n 80
	tap_result 1 "kmemleak finds no leak"
fi
for m in $mods; do modprobe "$m"; done
tap_done
