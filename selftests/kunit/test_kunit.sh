#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# KUnit suites of our modules.  On kernels with CONFIG_KUNIT (7.x-debug and
# s390x-debug in the matrix) the modules are built with SECEX_KUNIT=1 and
# their suites run when the harness loads them; this test collects every
# suite's KTAP from debugfs, shows it, checks it with the kernel's own
# parser (tools/testing/kunit/kunit.py parse, where python3 exists) and
# counts the test cases into the TAP totals.
. "$(dirname "$0")/../lib/tap.sh"

d=/sys/kernel/debug/kunit
if [ ! -d "$d" ]; then
	echo "1..0 # SKIP kernel without CONFIG_KUNIT (the 7.x-debug and s390x-debug kernels have it)"
	exit 4
fi
suites=""
for f in "$d"/*; do
	case ${f##*/} in
	swuv*|pkey*|paes*|swcpacf*|uv*|secex*) suites="$suites ${f##*/}" ;;
	esac
done
if [ -z "$suites" ]; then
	echo "1..0 # SKIP no secex KUnit suite is loaded (modules built without SECEX_KUNIT=1)"
	exit 4
fi

echo "TAP version 13"
ktap=/tmp/secex-kunit.ktap
all=/tmp/secex-kunit-all.ktap
kunit_py=$(cd "$(dirname "$0")" && pwd)/tools/testing/kunit/kunit.py
nsuites=0
: >"$all.body"
for s in $suites; do
	# Newer kernels write a complete KTAP document, older ones the suite.
	if head -n 1 "$d/$s/results" | grep -q '^KTAP version'; then
		cp "$d/$s/results" "$ktap"
	else
		{ echo "KTAP version 1"; echo "1..1"; cat "$d/$s/results"; } >"$ktap"
	fi
	sed 's/^/# /' "$ktap"
	# Test cases are the first nesting level (4 spaces) of each suite.
	p=$(grep -cE '^    ok [0-9]+ [^#]*$' "$ktap")
	k=$(grep -cE '^    ok [0-9]+ .*# SKIP' "$ktap")
	f=$(grep -cE '^    not ok [0-9]+ ' "$ktap")
	tap_pass=$((tap_pass + p)); tap_skip=$((tap_skip + k)); tap_fail=$((tap_fail + f))
	if [ $((p + k + f)) = 0 ]; then
		echo "# suite $s reported no test case"
		tap_fail=$((tap_fail + 1))
	fi
	# One KTAP document of all suites for kunit.py: a python3 start
	# under TCG costs most of a minute.  The suite's own "1..1" header
	# goes, its result line is numbered in the whole document.
	nsuites=$((nsuites + 1))
	sed '1,2d' "$ktap" | awk -v n="$nsuites" \
		'/^(not )?ok [0-9]+ / { sub(/ok [0-9]+ /, "ok " n " ") } { print }' >>"$all.body"
done
if command -v python3 >/dev/null && [ -f "$kunit_py" ]; then
	{ echo "KTAP version 1"; echo "1..$nsuites"; cat "$all.body"; } >"$all"
	if ! python3 "$kunit_py" parse "$all" >/tmp/secex-kunit.parse 2>&1; then
		sed 's/^/# kunit.py: /' /tmp/secex-kunit.parse
		echo "# kunit.py parse rejects the suites' KTAP"
		tap_fail=$((tap_fail + 1))
	else
		grep -E 'Testing complete|Ran ' /tmp/secex-kunit.parse | sed 's/^/# kunit.py: /'
	fi
fi
rm -f "$ktap" "$all" "$all.body" /tmp/secex-kunit.parse
tap_done
