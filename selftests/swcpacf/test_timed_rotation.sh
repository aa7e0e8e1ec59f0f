#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The software core's timed rotation (debugfs rotate_every_ms): benchmarks
# and stress tests rely on its rate, so the rate is checked: 100 ms gives
# 10 per second of the guest's own clock (9 to 10.5: an emulated guest may
# lag), and 0 stops it.
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
uptime_cs() {	# uptime in centiseconds
	awk '{ sub(/\./, "", $1); print $1 + 0 }' /proc/uptime
}
echo 100 >"$KNOB"
t0=$(uptime_cs) g0=$(cat "$GEN")
sleep 3
t1=$(uptime_cs) g1=$(cat "$GEN")
# rotations per 10 s, against the guest's clock
rate=$(( (g1 - g0) * 1000 / (t1 - t0) ))
echo "# $((g1 - g0)) rotations in $((t1 - t0))0 ms at 100 ms: $rate per 10 s"
tap_ok "100 ms: 9 to 10.5 rotations per second" test "$rate" -ge 90 -a "$rate" -le 105
tap_ok "reads back 100" test "$(cat "$KNOB")" = 100
echo 0 >"$KNOB"
g2=$(cat "$GEN")
sleep 1
tap_ok "0 stops it" test "$(cat "$GEN")" = "$g2"
tap_done
