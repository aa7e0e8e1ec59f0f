#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The command-line layer of the three tools: for each, a bad option, a
# missing argument and an unknown subcommand exit 64 with one line on
# stderr that names the tool and the subcommand; --help and --version
# exit 0 and print the shared exit-code table and the version.  Runs on
# the build host (no device needed).  TAP output; exit 0 if all pass.
#
# Environment: SECEX_UV, SECEX_OWNER, SECEX_KEY (default: the binaries
# next to this folder).

set -u
top=$(dirname "$0")/..
UV=${SECEX_UV:-$top/secex-uv}
OWNER=${SECEX_OWNER:-$top/secex-owner}
KEY=${SECEX_KEY:-$top/secex-key}
. "$(dirname "$0")/tap.sh"

result() {
	n=$((n + 1))
	if [ "$1" = ok ]; then
		echo "ok $n - $2"
	else
		fails=$((fails + 1))
		echo "not ok $n - $2"
		sed 's/^/# /' "$T/why"
	fi
}

# usage DESC WANT-STDERR CMD...: CMD exits 64, prints nothing on stdout
# and exactly WANT-STDERR on stderr.
usage() {
	desc=$1 want=$2
	shift 2
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	{
		echo "exit $rc (want 64)"
		echo "stderr:"; cat "$T/err"
		echo "want:"; echo "$want"
		echo "stdout:"; cat "$T/out"
	} >"$T/why"
	if [ "$rc" -eq 64 ] && [ ! -s "$T/out" ] &&
	   [ "$(cat "$T/err")" = "$want" ]; then
		result ok "$desc"
	else
		result fail "$desc"
	fi
}

# informs DESC PATTERN CMD...: CMD exits 0 and its stdout has PATTERN.
informs() {
	desc=$1 pattern=$2
	shift 2
	"$@" >"$T/out" 2>&1
	rc=$?
	{ echo "exit $rc (want 0), output:"; cat "$T/out"; } >"$T/why"
	if [ "$rc" -eq 0 ] && grep -q -- "$pattern" "$T/out"; then
		result ok "$desc"
	else
		result fail "$desc"
	fi
}

see='(see --help)'

usage "secex-uv: a bad option" \
	"secex-uv attest perform: unknown option '--bogus' $see" \
	"$UV" attest perform --bogus in out
usage "secex-uv: an option without its value" \
	"secex-uv attest perform: option '--user-data' needs a value $see" \
	"$UV" attest perform in out --user-data
usage "secex-uv: a missing argument" \
	"secex-uv secret add: missing FILE $see" "$UV" secret add
usage "secex-uv: an unknown subcommand" \
	"secex-uv: unknown subcommand 'foo' $see" "$UV" foo
usage "secex-uv: an unknown second word" \
	"secex-uv secret: unknown subcommand 'foo' $see" "$UV" secret foo
informs "secex-uv --help lists the exit codes" '^  64  usage' "$UV" --help
informs "secex-uv secret add --help lists the exit codes" '^   2  rejected' \
	"$UV" secret add --help
informs "secex-uv --version" '^secex-uv [0-9]' "$UV" --version

usage "secex-owner: a bad option" \
	"secex-owner hdr make: unknown option '--bogus' $see" \
	"$OWNER" hdr make --bogus
usage "secex-owner: a missing option" \
	"secex-owner attest verify: missing --hdr $see" \
	"$OWNER" attest verify --in resp.exch --arpk arpk
usage "secex-owner: an option without its value" \
	"secex-owner attest verify: option '--in' needs a value $see" \
	"$OWNER" attest verify --in
usage "secex-owner: a missing argument" \
	"secex-owner secret create: missing NAME $see" \
	"$OWNER" secret create --no-verify --hkd h.crt --hdr se.hdr -o r.req association
usage "secex-owner: an unknown subcommand" \
	"secex-owner: unknown subcommand 'foo' $see" "$OWNER" foo
usage "secex-owner: a missing second word" \
	"secex-owner hdr: missing subcommand $see" "$OWNER" hdr
informs "secex-owner --help lists the exit codes" '^  64  usage' \
	"$OWNER" --help
informs "secex-owner --version" '^secex-owner [0-9]' "$OWNER" --version

usage "secex-key: a bad option" \
	"secex-key generate: unknown option '--bogus' $see" \
	"$KEY" generate k --bogus
usage "secex-key: an option without its value" \
	"secex-key list: option '-r' needs a value $see" "$KEY" list -r
usage "secex-key: a missing argument" \
	"secex-key remove: missing NAME $see" "$KEY" remove
usage "secex-key: an unknown subcommand" \
	"secex-key: unknown subcommand 'foo' $see" "$KEY" foo
usage "secex-key enroll: without the secret" \
	"secex-key enroll: missing --uv-secret NAME|ID $see" "$KEY" enroll /dev/null
usage "secex-key enroll: a secret reference that is neither name nor id" \
	"secex-key enroll: --uv-secret: a name (1 to 64 characters of A-Z, a-z, 0-9 and - _ . : + @) or a 64-hex-digit id, not '' $see" \
	"$KEY" enroll /dev/null --uv-secret ''
usage "secex-key enroll: a name holding a newline and an escape is refused, shown escaped" \
	"secex-key enroll: --uv-secret: a name (1 to 64 characters of A-Z, a-z, 0-9 and - _ . : + @) or a 64-hex-digit id, not 'a\\x0ab\\x1b\\x5b2J' $see" \
	"$KEY" enroll /dev/null --uv-secret "$(printf 'a\nb\033[2J')"
usage "secex-key unenroll: a secret and a token at once" \
	"secex-key unenroll: give --uv-secret or --token-id, not both $see" \
	"$KEY" unenroll /dev/null -u x -t 1
usage "secex-key crypttab: neither a key nor volumes" \
	"secex-key crypttab: give a key NAME or --volumes DEV:DMNAME $see" "$KEY" crypttab
usage "secex-key crypttab: a timeout that is not a number of seconds" \
	"secex-key crypttab: --timeout is 0 to 86400 seconds, not '5m' $see" \
	"$KEY" crypttab -l /dev/x:x --timeout 5m
informs "secex-key --help lists the exit codes" '^   3  the key cannot' \
	"$KEY" --help
informs "secex-key --version" '^secex-key [0-9]' "$KEY" --version

tap_end
