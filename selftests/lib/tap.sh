# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Minimal kselftest-style TAP for shell tests (POSIX sh).  Usage:
#   . "$(dirname "$0")/../lib/tap.sh"; tap_plan 3
#   tap_ok "name" cmd args...   tap_skip "name" "reason"   tap_done
tap_n=0 tap_pass=0 tap_fail=0 tap_skip=0

tap_plan() {
	echo "TAP version 13"
	echo "1..$1"
}

tap_result() {	# tap_result 0|1 name
	tap_n=$((tap_n + 1))
	if [ "$1" = 0 ]; then
		tap_pass=$((tap_pass + 1))
		echo "ok $tap_n $2"
	else
		tap_fail=$((tap_fail + 1))
		echo "not ok $tap_n $2"
	fi
}

tap_ok() {
	_name=$1; shift
	if "$@"; then tap_result 0 "$_name"; else tap_result 1 "$_name"; fi
}

tap_skip() {
	tap_n=$((tap_n + 1))
	tap_skip=$((tap_skip + 1))
	echo "ok $tap_n $1 # SKIP $2"
}

tap_done() {
	echo "# Totals: pass:$tap_pass fail:$tap_fail xfail:0 xpass:0 skip:$tap_skip error:0"
	[ "$tap_fail" = 0 ]
}
