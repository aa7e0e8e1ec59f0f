#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end Secure Execution flow against the software ultravisor
# (secex_swuv): owner creates a host key, an SE header, an attestation
# request and secrets; the guest provisions the software UV, performs the
# attestation and manages the secret store; the owner verifies.
#
# TAP output.  Exit 0 all passed, 1 a test failed, 4 skipped (secex_swuv not
# loaded, or not root).  Provisioning is possible once per module load: a
# provisioned software UV is reloaded first.
#
# Environment: SECEX_UV, SECEX_OWNER (the tools; default: from $PATH, else
# built in userspace/ of the source tree, found relative to this script or
# through $SECEX_TOP), SWUV_SYSFS (default /sys/kernel/secex_swuv),
# SWUV_BULK (secrets added so the list spans two pages, default 86; 0 skips).

set -u
here=$(cd "$(dirname "$0")" && pwd)
SYSFS=${SWUV_SYSFS:-/sys/kernel/secex_swuv}
BULK=${SWUV_BULK:-86}

# find_tool NAME: $PATH, then userspace/ next to or above this script
find_tool() {
	command -v "$1" 2>/dev/null && return 0
	for d in "${SECEX_TOP:-}/userspace" "$here/../../userspace" \
		 "$here/../../../../userspace"; do
		[ -x "$d/$1" ] && { echo "$d/$1"; return 0; }
	done
	return 1
}
KSFT_SKIP=4
n=0
fails=0

skip_all() { echo "1..0 # SKIP $1"; exit $KSFT_SKIP; }
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
# run DESC CMD...: one test, passing if CMD exits 0; its output as diagnostics
run() {
	desc=$1; shift
	if "$@" >"$T/out" 2>&1; then ok "$desc"; else not_ok "$desc"; fi
	sed 's/^/# /' "$T/out"
}
exit_is() { want=$1; shift; "$@"; [ $? -eq "$want" ]; }
be32_at() { dd if="$1" bs=1 skip="$2" count=4 2>/dev/null | od -An -tu1 | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }'; }
flip_byte() {
	cp "$1" "$2"
	b=$(dd if="$1" bs=1 skip="$3" count=1 2>/dev/null | od -An -tu1 | tr -d ' ')
	printf '%b' "\\0$(printf '%03o' $((b ^ 255)))" |
		dd of="$2" bs=1 seek="$3" conv=notrunc 2>/dev/null
}

[ -d "$SYSFS" ] || skip_all "secex_swuv is not loaded ($SYSFS missing)"
[ "$(id -u)" -eq 0 ] || skip_all "provisioning the software UV needs root"
[ -c /dev/uv ] || skip_all "/dev/uv missing (secex_uv not loaded)"
# A fresh software UV: reloading the module wipes it like a firmware reboot.
if [ "$(cat "$SYSFS/state")" != unprovisioned ]; then
	modprobe -r secex_swuv && modprobe secex_swuv ||
		skip_all "software UV already provisioned and secex_swuv does not reload"
fi
UV=${SECEX_UV:-$(find_tool secex-uv)} ||
	skip_all "secex-uv not found (make -C userspace, or set SECEX_UV)"
OWNER=${SECEX_OWNER:-$(find_tool secex-owner)} ||
	skip_all "secex-owner not found (make -C userspace, or set SECEX_OWNER)"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
CUID=0123456789abcdef0123456789abcdef

# owner: host key, image, SE header
run "hostkey make" "$OWNER" hostkey make --out-key host.pem --out-raw-key host.bin --out-cert host.crt
head -c 20000 /dev/urandom >kernel
head -c 5000 /dev/urandom >initrd
echo "console=ttyS0 root=/dev/vda" >parmfile
run "hdr make" "$OWNER" hdr make --no-verify --hkd host.crt --kernel kernel \
	--initrd initrd --parmfile parmfile -o se.hdr

# "hypervisor": provision the software UV with the host key and the header
run "provision" "$UV" provision --host-key host.bin --se-header se.hdr \
	--config-uid "$CUID" --store-size $((BULK + 8))
run "state is provisioned" grep -qx provisioned "$SYSFS/state"
grep -qx provisioned "$SYSFS/state" ||
	dmesg 2>/dev/null | grep secex_swuv | tail -n 5 | sed 's/^/# /'
run "info: all ioctls implemented" sh -c "'$UV' info | grep -q 'supp_uvio_cmds: 0x000000000000003f'"

# attestation
run "attest create" "$OWNER" attest create --no-verify --hkd host.crt --hdr se.hdr \
	--add-data phkh-img,phkh-att -o req.exch --arpk arpk
printf 'nonce-from-verifier' >user
run "attest perform" "$UV" attest perform --user-data user req.exch resp.exch
run "attest verify (exit 0)" "$OWNER" attest verify --in resp.exch \
	--arpk arpk --hdr se.hdr --user-data user -o verify.yaml
run "verified config UID is the provisioned one" grep -qi "^cuid: '0x$CUID'" verify.yaml
# Both PHKHs in the additional data are SHA-256 of the host key's padded
# coordinates, as the owner side computes them.
phkh_matches() {
	command -v openssl >/dev/null || { echo "no openssl"; return 0; }
	openssl ec -in host.pem -pubout -outform DER 2>/dev/null |
		tail -c 132 >pub.raw || return 1
	h=$({ head -c 14 /dev/zero; head -c 66 pub.raw; head -c 14 /dev/zero
	      tail -c 66 pub.raw; } | sha256sum | cut -c1-64)
	echo "expected PHKH $h"
	grep -qi "^add: '0x$h$h'" verify.yaml
}
run "additional data holds image and attestation PHKH" phkh_matches
off=$(be32_at resp.exch 36)
flip_byte resp.exch bad.exch "$off"
run "attest verify of a flipped measurement byte exits 2" \
	exit_is 2 "$OWNER" attest verify --in bad.exch --arpk arpk --hdr se.hdr

# secrets
run "secret create association" "$OWNER" secret create --no-verify --hkd host.crt \
	--hdr se.hdr --cuid "$CUID" -o assoc.req association flow-assoc
head -c 32 /dev/urandom >aes.key
run "secret create retrievable AES-256" "$OWNER" secret create \
	--no-verify --hkd host.crt --hdr se.hdr -o aes.req retrievable flow-aes \
	--type aes --secret aes.key
run "secret add association" "$UV" secret add assoc.req
run "secret add AES-256" "$UV" secret add aes.req
run "secret list shows both" sh -c "'$UV' secret list >list.txt &&
	grep -q 'Total number of secrets: 2' list.txt &&
	grep -q 'Association:' list.txt && grep -q 'AES-256-KEY:' list.txt"
run "secret list --format yaml" sh -c "'$UV' secret list --format yaml | grep -q 'total_num_secrets: 2'"
run "secret list --format bin (16 + 2 * 48 bytes)" sh -c "[ \$('$UV' secret list --format bin | wc -c) -eq 112 ]"
# More than one 4 KiB page of list entries (85 fit in one).  The ultravisor
# accepts the same request again (duplicate ids are refused only by
# pvsecret), which keeps this affordable under TCG.
add_bulk() {
	printf 'bulk secret' >plain.txt
	"$OWNER" secret create --no-verify --hkd host.crt --hdr se.hdr -o bulk.req \
		retrievable bulk --type plaintext --secret plain.txt || return 1
	start=$(date +%s)
	i=0
	while [ $i -lt "$BULK" ]; do
		"$UV" secret add bulk.req || return 1
		i=$((i + 1))
	done
	echo "$BULK adds took $(($(date +%s) - start)) s"
}
if [ "$BULK" -gt 0 ]; then
	run "secret add the same plaintext request $BULK times" add_bulk
	total=$((BULK + 2))
	run "secret list shows all $total secrets" sh -c "'$UV' secret list --format yaml >list.yaml &&
		grep -q 'total_num_secrets: $total' list.yaml &&
		[ \$(grep -c '^- index:' list.yaml) -eq $total ] &&
		[ \$(grep -c \"id: '0x\$(printf bulk | sha256sum | cut -c1-64)'\" list.yaml) -eq $BULK ]"
	run "secret retrieve of a plaintext secret (by index)" sh -c \
		"'$UV' secret retrieve --index $((total - 1)) --outform bin -o p.out && cmp p.out plain.txt"
fi
run "secret lock" "$UV" secret lock
run "secret add after lock fails with rc 0x0102" sh -c \
	"'$UV' secret add aes.req 2>err.txt; rc=\$?; cat err.txt; [ \$rc -eq 2 ] && grep -q 'rc 0x0102' err.txt"
run "secret lock again fails with rc 0x0102" sh -c \
	"'$UV' secret lock 2>err.txt; rc=\$?; cat err.txt; [ \$rc -eq 2 ] && grep -q 'rc 0x0102' err.txt"
# The retrieved key is wrapped: not the AES key in the clear.
retrieved_is_protected() {
	"$UV" secret retrieve --name flow-aes -o key.pem || return 1
	cat key.pem
	grep -q 'BEGIN IBM PROTECTED KEY' key.pem || return 1
	grep -q 'kind: AES-256-KEY' key.pem || return 1
	sed -e '1,/^$/d' -e '/^-----END/d' key.pem | base64 -d >key.bin || return 1
	echo "protected key blob: $(wc -c <key.bin) bytes"
	[ "$(wc -c <key.bin)" -gt 32 ] || return 1
	head -c 32 key.bin >key32.bin
	! cmp -s key32.bin aes.key
}
run "secret retrieve returns a protected key" retrieved_is_protected
run "/dev/pkey accepts the retrieved AES key" \
	"$UV" secret retrieve --name flow-aes --verify -o key2.pem
run "secret retrieve of an association secret is refused" \
	exit_is 1 "$UV" secret retrieve --name flow-assoc

echo "1..$n"
echo "# Totals: pass:$((n - fails)) fail:$fails xfail:0 xpass:0 skip:0 error:0"
[ "$fails" -eq 0 ]
