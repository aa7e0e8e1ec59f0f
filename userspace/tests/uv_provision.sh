#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The host key on its way to the software ultravisor: secex-owner writes
# it raw (the 66-byte big-endian P-521 scalar that secex_swuv's host_key
# attribute takes), secex-uv provision passes it on unchanged and refuses
# anything else with a message that names the problem.  Runs against a
# stand-in sysfs folder (--sysfs): no module, no root.  TAP; exit 0 if all
# pass.
#
# Environment: SECEX_OWNER, SECEX_UV (binaries).

set -u
OWNER=${SECEX_OWNER:-$(cd "$(dirname "$0")/.." && pwd)/secex-owner}
UV=${SECEX_UV:-$(cd "$(dirname "$0")/.." && pwd)/secex-uv}
. "$(dirname "$0")/tap.sh"


# A fresh stand-in for /sys/kernel/secex_swuv.
fake_sysfs() {
	rm -rf "$T/sys" && mkdir "$T/sys" &&
		echo unprovisioned >"$T/sys/state" &&
		for a in host_key se_header commit config_uid secret_store_size; do
			: >"$T/sys/$a"
		done
}

cd "$T" || exit 1
check "hostkey make writes the PEM key, the raw key (mode 0600) and the document" \
	sh -c "'$OWNER' hostkey make --out-key host.pem --out-raw-key host.bin --out-cert host.crt &&
	       [ \$(wc -c <host.bin) = 66 ] && [ \$(stat -c %a host.bin) = 600 ]"
pem_scalar() {
	openssl ec -in host.pem -text -noout 2>/dev/null |
		sed -n '/^priv:/,/^pub:/p' | sed '1d;$d' | tr -d ' :\n' |
		sed 's/^\(00\)*//'
}
same_scalar() {
	raw=$(hex <host.bin | sed 's/^\(00\)*//')
	pem=$(pem_scalar)
	echo "raw $raw"
	echo "pem $pem"
	[ -n "$raw" ] && [ "$raw" = "$pem" ]
}
check "the raw key is the PEM key's private scalar" same_scalar
check "hostkey make without a private-key output is a usage error" \
	sh -c "! '$OWNER' hostkey make --out-cert x.crt"

head -c 4096 /dev/urandom >kernel
echo "root=/dev/vda" >parmfile
"$OWNER" hdr make --no-verify --hkd host.crt --kernel kernel --initrd kernel \
	--parmfile parmfile -o se.hdr >/dev/null 2>&1

# A stand-in does not turn "provisioned" on commit: exit 1 after the writes.
provisioned_raw() {
	fake_sysfs
	"$UV" provision --sysfs "$T/sys" --host-key host.bin --se-header se.hdr
	cmp host.bin "$T/sys/host_key" && cmp se.hdr "$T/sys/se_header" &&
		[ "$(cat "$T/sys/commit")" = 1 ]
}
check "provision writes the raw key unchanged to host_key, then header and commit" \
	provisioned_raw

# refused FILE MESSAGE: exit 1, MESSAGE on stderr, nothing written.
refused() {
	fake_sysfs
	"$UV" provision --sysfs "$T/sys" --host-key "$1" --se-header se.hdr \
		2>"$T/err"
	rc=$?
	cat "$T/err"
	[ $rc = 1 ] && grep -q -- "$2" "$T/err" && [ ! -s "$T/sys/host_key" ] &&
		[ ! -s "$T/sys/commit" ]
}
check "provision refuses a PEM key, naming the form it takes" \
	refused host.pem "host.pem: a PEM file, not a raw P-521 host key (66 bytes"
head -c 65 host.bin >short.bin
check "provision refuses a 65-byte file" \
	refused short.bin "short.bin: 65 bytes, not a raw P-521 host key"
cat host.bin host.bin >long.bin
check "provision refuses a 132-byte file" \
	refused long.bin "long.bin: 132 bytes, not a raw P-521 host key"
head -c 66 /dev/zero >zero.bin
check "provision refuses the zero scalar" \
	refused zero.bin "zero.bin: not a P-521 private key"
# The group order n itself, and a value above it.
echo 01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409 |
	xxd -r -p >order.bin
check "provision refuses the group order" \
	refused order.bin "order.bin: not a P-521 private key"
head -c 66 /dev/zero | tr '\0' '\377' >ff.bin
check "provision refuses a value above the group order" \
	refused ff.bin "ff.bin: not a P-521 private key"

tap_end
