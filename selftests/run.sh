#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run every kselftest program (test_*) below DIR (default: this script's
# folder) inside the guest, print their TAP, and end with one summary line
#   # secex-selftests: pass=N fail=N skip=N
# counted from each program's "# Totals:" line.  A program that crashes or
# times out without printing totals counts as one failure.
# SECEX_TEST_DIRS=D:D... runs only the programs in those folders or by
# those names (folder/program, as built: no .sh), for a matrix entry whose
# other tests run elsewhere.
# POSIX sh: it also runs under busybox on the s390x guest.

dir=${1:-$(dirname "$0")}
timeout_s=${SECEX_TEST_TIMEOUT:-300}
pass=0 fail=0 skip=0
out=/tmp/secex-selftest.$$

for t in $(find "$dir" -type f -name 'test_*' | sort); do
	[ -x "$t" ] || continue
	name=${t#"$dir"/}
	case ":${SECEX_TEST_DIRS:-${name%%/*}}:" in
	*":${name%%/*}:"* | *":$name:"*) ;;
	*) continue ;;
	esac
	echo "# selftest: $name"
	cd "$(dirname "$t")" || exit 1
	t0=$(date +%s)
	timeout "$timeout_s" "./$(basename "$t")" >"$out" 2>&1
	rc=$?
	t1=$(date +%s)
	cd - >/dev/null || exit 1
	cat "$out"
	echo "# $name: exit $rc after $((t1 - t0)) s"
	totals=$(grep -E '^# Totals: ' "$out" | tail -n 1)
	if [ -n "$totals" ]; then
		p=$(echo "$totals" | sed -E 's/.* pass:([0-9]+).*/\1/')
		f=$(echo "$totals" | sed -E 's/.* fail:([0-9]+).*/\1/')
		s=$(echo "$totals" | sed -E 's/.*skip:([0-9]+).*/\1/')
		e=$(echo "$totals" | sed -E 's/.*error:([0-9]+).*/\1/')
		pass=$((pass + p)); fail=$((fail + f + ${e:-0})); skip=$((skip + s))
		if [ "$rc" != 0 ] && [ "$rc" != 4 ] && [ "$f" = 0 ]; then
			echo "# $name: exit $rc although no test failed"
			fail=$((fail + 1))
		fi
	elif [ "$rc" = 4 ]; then
		echo "# $name: skipped (exit 4)"
		skip=$((skip + 1))
	else
		[ "$rc" = 124 ] && echo "# $name: TIMEOUT after ${timeout_s}s"
		echo "# $name: exit $rc without TAP totals"
		fail=$((fail + 1))
	fi
done
rm -f "$out"
echo "# secex-selftests: pass=$pass fail=$fail skip=$skip"
[ "$fail" = 0 ]
