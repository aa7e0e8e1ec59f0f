#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The guest's half of the differential test (scripts/lib/difftest.sh): the
# owner's requests in DIR (made on the host) go to this machine's
# ultravisor, the software UV on x86_64 or the emulated one of the
# s390x-uv machine, and what it answers goes to DIR/result.TAG: one line
# per case, "NAME rc", then the secret list.  The host compares the files
# of both machines.  Run by the host, not by run.sh (boot_ prefix).
#
#   boot_diff DIR TAG
#
# Environment: SECEX_UV, SWUV_OWNER_DIR (DIR/owner), SECEX_MACHINE_UV (1 on
# a machine with its own ultravisor), as for lib/swuv.sh.
dir=$1 tag=$2
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/../lib/swuv.sh
. "$here/../lib/swuv.sh"
out=$dir/result.$tag
: >"$out"

if ! swuv_setup; then
	echo "setup failed: $SWUV_WHY" >>"$out"
	exit 1
fi

# The UV's rc of a secex-uv command: 0x0001 when it succeeded, else the
# "ultravisor rc 0x...." of its message, else its exit status.
uv_rc() {
	_msg=$("$@" 2>&1)
	_st=$?
	if [ $_st = 0 ]; then
		echo 0x0001
		return
	fi
	_rc=$(echo "$_msg" | sed -n 's/.*ultravisor rc \(0x[0-9a-f]*\).*/\1/p' | head -n 1)
	echo "${_rc:-exit$_st}"
}

echo "attest $(uv_rc "$UV" attest perform "$dir/att.exch" "$dir/att.out.$tag")" >>"$out"
# In the order the host's cases file gives: the first one primes the
# store's extension secret.
while read -r name; do
	echo "$name $(uv_rc "$UV" secret add "$dir/req/$name.req")" >>"$out"
done <"$dir/cases"
echo "lock $(uv_rc "$UV" secret lock)" >>"$out"
echo "add-after-lock $(uv_rc "$UV" secret add "$dir/req/late.req")" >>"$out"
echo "--- list" >>"$out"
"$UV" secret list >>"$out" 2>&1
echo "list-exit $?" >>"$out"
