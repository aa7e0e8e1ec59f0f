#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The module suite as a whole: devices appear with the right modes, and
# every module unloads and loads again cleanly.
. "$(dirname "$0")/../lib/tap.sh"

mods=$(grep -l secex /proc/modules >/dev/null 2>&1; awk '/^secex_/ { print $1 }' /proc/modules)
if [ -z "$mods" ]; then
	echo "1..0 # SKIP no secex module is loaded"
	exit 4
fi
tap_plan 5

mode_of() { stat -c '%a %F' "$1" 2>/dev/null; }

tap_ok "/dev/uv is a root-only character device" \
	test "$(mode_of /dev/uv)" = "600 character special file"
tap_ok "/dev/pkey is a character device open to all, as upstream" \
	test "$(mode_of /dev/pkey)" = "666 character special file"
tap_ok "misc devices are registered under their upstream names" \
	test -e /sys/class/misc/uv -a -e /sys/class/misc/pkey

# Unload in reverse dependency order (modprobe -r resolves users), reload.
reload() {
	for m in $mods; do
		modprobe -r "$m" 2>/dev/null
	done
	for m in $mods; do
		[ -d "/sys/module/$m" ] && { echo "# $m still loaded"; return 1; }
	done
	for m in $mods; do
		modprobe "$m" || { echo "# $m does not load again"; return 1; }
	done
	return 0
}
tap_ok "all modules unload and load again" reload
tap_ok "devices are back after reload" test -c /dev/uv -a -c /dev/pkey
tap_done
