#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# secex-uv secret add-dir on the build host, where no ultravisor answers:
# --help, usage errors, an empty or missing folder, which files count as
# requests and in which order (seen through markers of "already added in
# this boot", which need no device), a file that is no request, and a
# device that cannot be used.  The real adds (exit 0 and 2, markers being
# written) need /dev/uv and run in the VM tests.  TAP; exit 0 if all pass.
#
# Environment: SECEX_UV (default: the binary next to this folder).

set -u
UV=${SECEX_UV:-$(cd "$(dirname "$0")/.." && pwd)/secex-uv}
. "$(dirname "$0")/tap.sh"

# expect DESC RC STDOUT STDERR CMD...: CMD exits RC and prints exactly
# STDOUT and STDERR (each compared as a whole; "" for nothing).
expect() {
	desc=$1 want_rc=$2 want_out=$3 want_err=$4
	shift 4
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -eq "$want_rc" ] && [ "$(cat "$T/out")" = "$want_out" ] &&
	   [ "$(cat "$T/err")" = "$want_err" ]; then
		ok "$desc"
	else
		not_ok "$desc"
		{
			echo "exit $rc (want $want_rc)"
			echo "stdout:"; cat "$T/out"
			echo "want:"; echo "$want_out"
			echo "stderr:"; cat "$T/err"
			echo "want:"; echo "$want_err"
		} | sed 's/^/# /'
	fi
}

# request FILE: something secex-uv takes for an add-secret request (the
# magic; the ultravisor would check the rest), different for each FILE.
request() {
	{ printf 'asrcbM\0\0'; echo "$1"; } >"$1"
}

marker() {
	mkdir -p "$T/state" && : >"$T/state/$(sha256sum <"$1" | cut -d' ' -f1)"
}

p='secex-uv secret add-dir'
see='(see --help)'
cd "$T" || exit 1
# No test may reach a device by accident.
SECEX_UV_DEVICE=$T/no-such-device
export SECEX_UV_DEVICE

"$UV" secret add-dir --help >help 2>&1
check "--help: exit 0, the usage line, the defaults and the exit codes" \
	sh -c "grep -q '^Usage: secex-uv secret add-dir \[--state-dir STATEDIR\] \[DIR\]' help &&
	       grep -q 'default /boot/secex/secrets.d' help &&
	       grep -q '/run/secex/secrets-added' help &&
	       grep -q '^   2  rejected' help"
check "secex-uv --help lists secret add-dir" \
	sh -c "'$UV' --help | grep -q '^  secret add-dir \[DIR\] '"

mkdir empty
expect "an extra argument is a usage error" 64 "" \
	"$p: unexpected argument 'x' $see" "$UV" secret add-dir empty x
expect "an unknown option is a usage error" 64 "" \
	"$p: unknown option '--bogus' $see" "$UV" secret add-dir --bogus empty
expect "--state-dir without its value is a usage error" 64 "" \
	"$p: option '--state-dir' needs a value $see" \
	"$UV" secret add-dir empty --state-dir
expect "an empty --state-dir is a usage error" 64 "" \
	"$p: --state-dir needs a folder name $see" \
	"$UV" secret add-dir --state-dir= empty

expect "a folder without requests: exit 0, one line that says so" 0 "" \
	"$p: empty: no add-secret requests (*.req), nothing to add" \
	"$UV" secret add-dir empty
expect "a folder named on the command line that does not exist: exit 1" 1 "" \
	"$p: missing: cannot read the folder: No such file or directory" \
	"$UV" secret add-dir missing
if [ -e /boot/secex/secrets.d ]; then
	ok "# SKIP the default folder: /boot/secex/secrets.d exists on this host"
else
	expect "the default folder missing: exit 0, one line that says so" 0 "" \
		"$p: /boot/secex/secrets.d: no such folder, nothing to add" \
		"$UV" secret add-dir
fi

# What counts as a request, and the order: markers for all, so the
# device is never needed; the ignored files are no requests at all.
mkdir d d/dir.req
for f in 10-b.req 9-a.req B.req a.req; do request "d/$f" && marker "d/$f"; done
request other && marker other && ln -s ../other d/link.req
echo junk >d/.hidden.req
echo junk >d/a.req~
echo junk >d/a.req.dpkg-old
echo junk >d/.a.req.swp
echo junk >d/a.REQ
ln -s nowhere d/dangling.req
expect "only *.req regular files (and links to them) count, in byte order" 0 \
	"d/10-b.req: already added in this boot
d/9-a.req: already added in this boot
d/B.req: already added in this boot
d/a.req: already added in this boot
d/link.req: already added in this boot" "" \
	"$UV" secret add-dir --state-dir "$T/state" d
expect "trailing slashes of DIR are not repeated in the file names" 0 \
	"d/10-b.req: already added in this boot
d/9-a.req: already added in this boot
d/B.req: already added in this boot
d/a.req: already added in this boot
d/link.req: already added in this boot" "" \
	"$UV" secret add-dir d// --state-dir="$T/state"
expect "a folder with only non-requests is a folder without requests" 0 "" \
	"$p: d/dir.req: no add-secret requests (*.req), nothing to add" \
	"$UV" secret add-dir --state-dir "$T/state" d/dir.req

# A file that is no request is named; the others are still gone through.
mkdir bad
echo "not a request" >bad/1-x.req
request bad/2-y.req && marker bad/2-y.req
expect "a non-request x.req is named, the next is still handled, exit 1" 1 \
	"bad/2-y.req: already added in this boot" \
	"$p: bad/1-x.req: not an add-secret request (it does not start with 'asrcbM')" \
	"$UV" secret add-dir --state-dir "$T/state" bad
chmod 000 bad/1-x.req
if [ -r bad/1-x.req ]; then
	ok "# SKIP an unreadable request: running as root"
else
	expect "an unreadable request is named with the reason, exit 1" 1 \
		"bad/2-y.req: already added in this boot" \
		"$p: bad/1-x.req: Permission denied" \
		"$UV" secret add-dir --state-dir "$T/state" bad
fi
chmod 644 bad/1-x.req

# The device: named in the message; the requests after it are not tried.
mkdir new
request new/1.req
request new/2.req
request new/3.req && marker new/3.req
SECEX_UV_DEVICE=/nonexistent expect \
	"no device: the device and the file are named, the rest is not tried, exit 1" 1 "" \
	"$p: /nonexistent: No such file or directory (is the secex_uv module loaded?)
$p: new/1.req: not added, nor the 2 requests after it" \
	"$UV" secret add-dir --state-dir "$T/state" new
mkdir new2
request new2/1.req && marker new2/1.req
request new2/2.req
SECEX_UV_DEVICE=/nonexistent expect \
	"no device for the last request: 'not added', exit 1" 1 \
	"new2/1.req: already added in this boot" \
	"$p: /nonexistent: No such file or directory (is the secex_uv module loaded?)
$p: new2/2.req: not added" \
	"$UV" secret add-dir --state-dir "$T/state" new2
# A device that is no /dev/uv refuses the ioctl: that stops as well.
markers=$(ls "$T/state" | wc -l)
SECEX_UV_DEVICE=/dev/null "$UV" secret add-dir --state-dir "$T/state" new2 \
	>out 2>err
rc=$?
check "a device that refuses the ioctl is named, exit 1, no marker written" \
	sh -c "[ $rc = 1 ] && grep -q '^$p: /dev/null: ioctl .* failed' err &&
	       grep -q '^$p: new2/2.req: not added\$' err &&
	       [ \"\$(ls '$T/state' | wc -l)\" = $markers ]"

# secret add shares the add: same checks, same messages, no markers.
expect "secret add: a non-request is named, exit 1" 1 "" \
	"secex-uv secret add: bad/1-x.req: not an add-secret request (it does not start with 'asrcbM')" \
	"$UV" secret add bad/1-x.req
SECEX_UV_DEVICE=/nonexistent expect "secret add: no device, exit 1" 1 "" \
	"secex-uv secret add: /nonexistent: No such file or directory (is the secex_uv module loaded?)" \
	"$UV" secret add new/2.req

tap_end
