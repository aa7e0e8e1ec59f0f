#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The software core's timed rotation (debugfs rotate_every_ms): benchmarks
# and stress tests rely on its rate, so the rate is checked: 100 ms for
# 3 s gives about 30 rotations (at least 24: an emulated guest may lag),
# and 0 stops it.
. "$(dirname "$0")/../lib/tap.sh"

KNOB=/sys/kernel/debug/secex_swcpacf/rotate_every_ms
GEN=/sys/kernel/secex_swcpacf/generation
[ -d /sys/kernel/debug/secex_swcpacf ] ||
	mount -t debugfs none /sys/kernel/debug 2>/dev/null
if [ ! -w "$KNOB" ] || [ ! -r "$GEN" ]; then
	echo "1..0 # SKIP $KNOB or $GEN missing (secex_swcpacf not loaded, or no debugfs)"
	exit 4
fi
tap_plan 4
tap_ok "values above a minute are refused" sh -c "! echo 60001 >$KNOB 2>/dev/null"
g0=$(cat "$GEN")
echo 100 >"$KNOB"
sleep 3
g1=$(cat "$GEN")
echo "# $((g1 - g0)) rotations in 3 s at 100 ms"
tap_ok "100 ms for 3 s: 24 to 31 rotations" \
	test $((g1 - g0)) -ge 24 -a $((g1 - g0)) -le 31
tap_ok "reads back 100" test "$(cat "$KNOB")" = 100
echo 0 >"$KNOB"
g2=$(cat "$GEN")
sleep 1
tap_ok "0 stops it" test "$(cat "$GEN")" = "$g2"
tap_done
