# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# TAP for the tools' tests (POSIX sh), sourced after set -u:
#   T        a scratch folder, removed on exit
#   ok DESC / not_ok DESC        one result
#   check DESC CMD...            ok if CMD succeeds, else not ok with its output
#   hex                          stdin as lowercase hex
#   tap_end                      the plan line; succeeds if nothing failed
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
fails=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
check() {
	desc=$1
	shift
	if "$@" >"$T/log" 2>&1; then
		ok "$desc"
	else
		not_ok "$desc"
		sed 's/^/# /' "$T/log"
	fi
}
hex() { xxd -p | tr -d '\n'; }
tap_end() {
	echo "1..$n"
	[ "$fails" -eq 0 ]
}
