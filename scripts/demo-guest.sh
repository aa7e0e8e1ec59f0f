#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The main job, inside the guest (started by scripts/demo): the whole Secure
# Execution flow on the software ultravisor, each step explained.  Exits
# non-zero at the first step that does not do what it says.

set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export SECEX_TOP=$top
. "$top/selftests/lib/swuv.sh"
. "$top/selftests/lib/tokenplugin.sh"
UV=$top/userspace/secex-uv
OWNER=$top/userspace/secex-owner
KEY=$top/userspace/secex-key
W=/tmp/demo
mkdir -p "$W"
cd "$W" || exit 1
step=0

say() {
	step=$((step + 1))
	printf '\n=== Step %d: %s\n' "$step" "$1"
}
explain() { printf '    %s\n' "$@"; }
show() { sed 's/^/    | /'; }
fail() { printf '\n*** The demo stopped: %s\n' "$1"; exit 1; }

say "The guest has the ultravisor device /dev/uv and the protected-key device /dev/pkey"
explain "Our modules are loaded; they name the backend they use:"
lsmod | awk '/^secex_/ { print $1 }' | show
dmesg | grep -E 'secex_(uv|swuv|swcpacf|pkey)' | grep -iE 'backend|software|fallback' | sed 's/^\[[^]]*\] //' | show
ls -l /dev/uv /dev/pkey | show || fail "a device is missing"
"$UV" info | show || fail "/dev/uv does not answer"

say "The owner makes a host key and builds the Secure Execution header of the image"
explain "On IBM Z the host key is in the machine; here the owner makes a TEST key." \
	"The SE header binds kernel, initrd and command line to that key."
export SWUV_DIR=$W/owner
swuv_setup || fail "$SWUV_WHY"
ls -l "$SWUV_DIR/host.crt" "$SWUV_DIR/se.hdr" | show
explain "The software ultravisor was provisioned with the host private key and" \
	"the header (a real machine has both in firmware); it checked the header:"
cat "$SWUV_SYSFS/state" | show

say "The owner asks for an attestation: is the guest running exactly this image?"
"$OWNER" attest create --no-verify --hkd "$SWUV_DIR/host.crt" --hdr "$SWUV_DIR/se.hdr" \
	--add-data phkh-img,phkh-att -o req.exch --arpk arpk >/dev/null ||
	fail "attest create failed"
explain "Request: $(wc -c <req.exch) bytes, encrypted to the host key; the secret" \
	"measurement key stays with the owner (file arpk)."

say "The guest performs the attestation through /dev/uv"
printf 'nonce-%s' "$(od -An -tx1 -N8 /dev/urandom | tr -d ' ')" >user-data
"$UV" attest perform --user-data user-data req.exch resp.exch | show ||
	fail "attest perform failed"
explain "The ultravisor returned a measurement (an HMAC over the image and this" \
	"configuration) and the configuration UID."

say "The owner verifies the measurement"
if "$OWNER" attest verify --in resp.exch --arpk arpk --hdr "$SWUV_DIR/se.hdr" \
	--user-data user-data | show; then
	explain "Verified (exit 0): the guest runs the image the owner built."
else
	fail "the measurement did not verify"
fi

say "A tampered response does not verify"
cp resp.exch bad.exch
off=$(dd if=resp.exch bs=1 skip=36 count=4 2>/dev/null | od -An -tu1 |
	awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
printf '\377' | dd of=bad.exch bs=1 seek="$off" conv=notrunc 2>/dev/null
"$OWNER" attest verify --in bad.exch --arpk arpk --hdr "$SWUV_DIR/se.hdr" >/dev/null 2>&1
rc=$?
[ $rc = 2 ] || fail "a changed measurement byte gave exit $rc, not 2"
explain "One byte of the measurement changed: verify exits 2 (mismatch)."

say "The owner sends secrets; the guest adds them to the ultravisor's store"
head -c 32 /dev/urandom >aes.key
head -c 64 /dev/urandom >xts.key
"$OWNER" secret create --no-verify --hkd "$SWUV_DIR/host.crt" --hdr "$SWUV_DIR/se.hdr" \
	-o assoc.req association demo-association >/dev/null &&
	"$UV" secret add assoc.req || fail "adding the association secret failed"
swuv_add_secret demo-aes aes aes.key >/dev/null || fail "adding the AES secret failed"
swuv_add_secret demo-volume aes-xts xts.key >/dev/null || fail "adding the AES-XTS secret failed"
explain "Added: an association secret, a retrievable AES-256 key and a" \
	"retrievable AES-XTS key (for the disk). The store lists them:"
"$UV" secret list | show || fail "listing failed"

say "The guest retrieves the AES key: it gets a protected key, never the key itself"
"$UV" secret retrieve --name demo-aes --verify -o aes.pem 2>&1 | show ||
	fail "retrieve failed or /dev/pkey rejected the key"
head -n 3 aes.pem | show
explain "The key is wrapped by the (software) CPACF wrapping key of this boot;" \
	"/dev/pkey accepted it, and it differs from the key the owner sent."

say "The guest opens an encrypted disk keyed by the AES-XTS secret"
modprobe -a loop dm-crypt secex_paes 2>/dev/null
grep -q 'xts(paes)' /proc/crypto || fail "xts(paes) is not available"
truncate -s 64M disk.img
dev=$(losetup -f --show disk.img) || fail "no loop device"
"$KEY" generate demo-volume --secret-name demo-volume --keybits 256 \
	--volumes "$dev:demo" -r "$W/keys" >/dev/null || fail "secex-key generate failed"
explain "secex-key made a key token that only names the UV secret; these are" \
	"the cryptsetup commands that would use it (--print-commands):"
"$KEY" cryptsetup demo-volume -r "$W/keys" --print-commands | show
printf 'demo passphrase' >pass
explain "secex-key formats and opens the volume itself, through libcryptsetup:"
out=$("$KEY" cryptsetup demo-volume -r "$W/keys" -q --key-file pass \
	--pbkdf pbkdf2 --pbkdf-iterations 1000 2>&1)
rc=$?
printf '%s\n' "$out" | show
[ $rc = 0 ] || fail "formatting or opening the volume failed"
explain "The volume is open; dm-crypt uses paes with the token as its key:"
dmsetup table demo | sed 's/:[^ ]*:logon:[^ ]*/<key in the kernel keyring>/' | show
head -c 8M /dev/urandom >data
dd if=data of=/dev/mapper/demo bs=1M conv=fsync status=none || fail "write failed"
explain "Wrote 8 MiB. Now the wrapping key is rotated (as after a live" \
	"migration), which makes every protected key in the system stale:"
echo 1 >/sys/kernel/secex_swcpacf/rotate || fail "rotation failed"
echo 3 >/proc/sys/vm/drop_caches
if [ "$(head -c 8388608 /dev/mapper/demo | sha256sum)" = "$(sha256sum <data)" ]; then
	explain "Read back after the rotation: identical. paes re-derived the" \
		"protected key from the token without failing any I/O."
else
	fail "the data read back differs"
fi
cryptsetup close demo
"$KEY" validate demo-volume -r "$W/keys" --luks "$dev" 2>&1 | show ||
	fail "the key's verification pattern does not match the volume"

say "The same volume opens with no passphrase: a plaintext UV secret unlocks a key slot"
explain "The owner sends a random 32-byte plaintext secret; a boot step adds every" \
	"request of a folder (/boot/secex/secrets.d on a real guest, outside the image):"
mkdir -p secrets.d
head -c 32 /dev/urandom >unlock.bin
"$OWNER" secret create --no-verify --hkd "$SWUV_DIR/host.crt" --hdr "$SWUV_DIR/se.hdr" \
	-o secrets.d/10-demo-unlock.req retrievable demo-unlock --type plaintext \
	--secret unlock.bin >/dev/null || fail "secret create failed"
rm -f unlock.bin
"$UV" secret add-dir secrets.d --state-dir "$W/added" 2>&1 | show ||
	fail "the boot step failed"
token_plugin_install "$top/userspace/libcryptsetup-token-secex-uv.so" "$W" ||
	fail "cannot make the token plugin loadable"
explain "secex-key enroll adds a key slot whose passphrase is that secret, and a" \
	"LUKS2 token of type secex-uv naming it (authorised by the passphrase):"
"$KEY" enroll "$dev" --uv-secret demo-unlock --key-file pass 2>&1 | show ||
	fail "enroll failed"
cryptsetup luksDump "$dev" | sed -n '/^Tokens:/,/^Digests:/p' | grep -v '^Digests:' | show
explain "The line for /etc/crypttab (systemd-cryptsetup tries the token first):"
"$KEY" crypttab --volumes "$dev:demo" | show
explain "cryptsetup open --token-only: the plugin retrieves the secret from the" \
	"ultravisor, hands it to libcryptsetup and wipes it. Nobody types anything:"
cryptsetup open --token-only "$dev" demo || fail "the token did not open the volume"
if [ "$(head -c 8388608 /dev/mapper/demo | sha256sum)" = "$(sha256sum <data)" ]; then
	explain "Opened; the 8 MiB read back are identical."
else
	fail "the data read back differs"
fi
cryptsetup close demo

say "The host rewrites the header to map the volume in plaintext: refused"
explain "LUKS2 headers carry checksums, not a MAC. The host sets the data" \
	"segment of a copy to cipher_null-ecb and fixes the checksums; the genuine" \
	"key slot would still open it, and the guest's writes would reach the disk" \
	"in clear. The plugin refuses such a header before it even asks the" \
	"ultravisor for the secret:"
# refused_copy PYTHON: a copy of the disk rewritten by the host is not
# opened by the token; the plugin's line is shown
refused_copy() {
	cp disk.img rewritten.img &&
		"$top/scripts/luks2-header" rewritten.img edit "$1" || fail "cannot rewrite the copy"
	rdev=$(losetup -r -f --show rewritten.img) || fail "losetup failed"
	if cryptsetup open --token-only "$rdev" evil 2>err.txt; then
		cryptsetup close evil
		fail "the rewritten header opened"
	fi
	show <err.txt
	losetup -d "$rdev"
}
refused_copy "h['segments']['0']['encryption'] = 'cipher_null-ecb'"
explain "A rewrite that looks harmless (the key slot's PBKDF2 iterations) is" \
	"caught by the token's header MAC, keyed by the UV secret, which the host" \
	"cannot recompute:"
refused_copy "h['keyslots']['1']['kdf']['iterations'] += 1"
rm -f rewritten.img
losetup -d "$dev"
# The second boot of scripts/demo, a guest without the secret, opens this
# disk: it is kept in the shared folder.
if [ -n "${DEMO_SHARE:-}" ]; then
	cp disk.img pass "$DEMO_SHARE/" || fail "cannot keep the disk for the second boot"
fi

say "The guest locks the secret store; no further secret can be added"
"$UV" secret lock || fail "lock failed"
if "$UV" secret add assoc.req 2>err.txt; then
	fail "adding after the lock succeeded"
fi
show <err.txt
explain "Refused with UV rc 0x0102, as the real ultravisor does."

printf '\nThe whole flow worked: attestation verified, tampering detected, secrets\n'
printf 'added and locked, a disk opened with a key that never left the\n'
printf '"firmware" in the clear, opened again with no passphrase, and a header\n'
printf 'the host rewrote refused.\n'
