#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The software ultravisor's P-521 (drivers/swuv/swuv_p521.c) against
# OpenSSL's, on random keys.  The owner (secex-owner, on OpenSSL) makes four
# host keys; the software UV is provisioned with them and computes their
# public keys itself.  Then the owner makes attestation requests, each with
# a fresh random request key, for each host key in turn; the guest
# performs them and the owner verifies them.  A request opens only if the
# kernel's ECDH(host key, request key) equals OpenSSL's ECDH(request key,
# host public key), and it reaches its host key only through the hash of
# the public key that the kernel computed: so every verified attestation
# checks one kernel ECDH, and each host key one kernel public key, against
# OpenSSL.  The additional data (phkh-att) must name the requested host key.
#
# TAP.  Exit 0 all passed, 1 a test failed, 4 skipped (secex_swuv not
# loaded, not root, no tools).  Provisioning is possible once per module
# load: a provisioned software UV is reloaded first.
#
# Environment: SECEX_UV, SECEX_OWNER (the tools; default: from $PATH, else
# built in userspace/ of the source tree), SWUV_SYSFS (default
# /sys/kernel/secex_swuv), SWUV_ECDH_ROUNDS (attestations, default 4:
# one per host key; more for a longer run).

here=$(dirname "$0")
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$here/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/swuv.sh
. "$here/../lib/swuv.sh"
ROUNDS=${SWUV_ECDH_ROUNDS:-4}
KEYS=4

skip_all() { echo "1..0 # SKIP $1"; exit 4; }
[ -d "$SWUV_SYSFS" ] || skip_all "secex_swuv is not loaded ($SWUV_SYSFS missing)"
[ "$(id -u)" -eq 0 ] || skip_all "provisioning the software UV needs root"
[ -c /dev/uv ] || skip_all "/dev/uv missing (secex_uv not loaded)"
UV=${SECEX_UV:-$(swuv_tool secex-uv)} ||
	skip_all "secex-uv not found (make -C userspace, or set SECEX_UV)"
OWNER=${SECEX_OWNER:-$(swuv_tool secex-owner)} ||
	skip_all "secex-owner not found (make -C userspace, or set SECEX_OWNER)"
command -v openssl >/dev/null ||
	skip_all "openssl is needed to hash the host public keys"
if [ "$(cat "$SWUV_SYSFS/state")" != unprovisioned ]; then
	modprobe -r secex_swuv && modprobe secex_swuv ||
		skip_all "software UV already provisioned and secex_swuv does not reload"
fi

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
tap_plan $((3 + ROUNDS))

# run DESC CMD...: one test, its output as diagnostics
run() {
	_desc=$1; shift
	"$@" >out.txt 2>&1
	_rc=$?
	tap_result "$_rc" "$_desc"
	sed 's/^/# /' out.txt
	return "$_rc"
}

# phkh K: SHA-256 of host key K's coordinates, each padded to 80 bytes, as
# OpenSSL computes the public key from the private one.
phkh() {
	openssl ec -in "h$1.pem" -pubout -outform DER 2>/dev/null |
		tail -c 132 >pub.raw || return 1
	{ head -c 14 /dev/zero; head -c 66 pub.raw; head -c 14 /dev/zero
	  tail -c 66 pub.raw; } | sha256sum | cut -c1-64
}

make_keys() {
	k=1
	while [ $k -le $KEYS ]; do
		"$OWNER" hostkey make --out-key "h$k.pem" --out-raw-key "h$k.bin" \
			--out-cert "h$k.crt" &&
			phkh $k >"h$k.phkh" || return 1
		k=$((k + 1))
	done
}
run "owner: $KEYS random host keys" make_keys
head -c 20000 /dev/urandom >kernel
head -c 5000 /dev/urandom >initrd
echo "root=/dev/vda" >parmfile
run "owner: SE header" "$OWNER" hdr make --no-verify --hkd h1.crt --kernel kernel \
	--initrd initrd --parmfile parmfile -o se.hdr
run "provision with the $KEYS host keys" "$UV" provision --host-key h1.bin \
	--host-key h2.bin --host-key h3.bin --host-key h4.bin --se-header se.hdr

# attest I K: a request with a fresh request key for host key K, performed
# and verified; the host key that opened it is K.
attest() {
	start=$(date +%s)
	"$OWNER" attest create --no-verify --hkd "h$2.crt" --hdr se.hdr \
		--add-data phkh-att -o "r$1.exch" --arpk "r$1.arpk" &&
	"$UV" attest perform "r$1.exch" "p$1.exch" &&
	"$OWNER" attest verify --in "p$1.exch" --arpk "r$1.arpk" \
		--hdr se.hdr -o "v$1.yaml" || return 1
	echo "$(($(date +%s) - start)) s"
	grep -qi "^add: '0x$(cat "h$2.phkh")'" "v$1.yaml" || {
		echo "phkh-att is not host key $2's: $(grep '^add:' "v$1.yaml")"
		return 1
	}
}
i=1
while [ $i -le "$ROUNDS" ]; do
	k=$(((i - 1) % KEYS + 1))
	run "attestation $i (host key $k, fresh request key) verifies" \
		attest $i $k
	i=$((i + 1))
done
tap_done
