#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The main job's second boot (started by scripts/demo): another Secure
# Execution guest, whose ultravisor never got the secrets, tries the disk
# that the first boot enrolled.  Exits non-zero if it gets in.

set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export SECEX_TOP=$top
. "$top/selftests/lib/swuv.sh"
. "$top/selftests/lib/tokenplugin.sh"
UV=$top/userspace/secex-uv
S=${DEMO_SHARE:?the folder the first boot kept the disk in}
W=/tmp/demo
mkdir -p "$W"
cd "$W" || exit 1

say() { printf '\n=== %s\n' "$1"; }
explain() { printf '    %s\n' "$@"; }
show() { sed 's/^/    | /'; }
fail() { printf '\n*** The demo stopped: %s\n' "$1"; exit 1; }

say "Second boot: another SE guest (another image) with a copy of the disk"
export SWUV_DIR=$W/owner
swuv_setup || fail "$SWUV_WHY"
explain "Its ultravisor was provisioned for another image and holds no secrets:"
"$UV" secret list | show
cp "$S/disk.img" "$S/pass" . || fail "no disk from the first boot"
modprobe -a loop dm-crypt secex_paes 2>/dev/null
dev=$(losetup -f --show disk.img) || fail "no loop device"
before=$(sha256sum <disk.img)
token_plugin_install "$top/userspace/libcryptsetup-token-secex-uv.so" "$W" ||
	fail "cannot make the token plugin loadable"

say "The token cannot open the volume here"
if cryptsetup open --token-only "$dev" demo 2>err.txt; then
	fail "the token opened the volume on a guest without the secret"
fi
show <err.txt
explain "The plugin names the secret the ultravisor does not have; cryptsetup" \
	"gives up (--token-only), as systemd-cryptsetup would with headless=true."

say "Not even the passphrase helps: the volume key is a UV secret too"
if cryptsetup open --key-file pass "$dev" demo 2>err.txt; then
	fail "the passphrase opened the volume on a guest without the secret"
fi
show <err.txt
explain "The passphrase unlocks its key slot, but what that slot holds is only" \
	"a reference to the AES-XTS secret demo-volume, which this ultravisor" \
	"does not hold: paes cannot make a protected key, and dm-crypt refuses."
losetup -d "$dev"
[ "$(sha256sum <disk.img)" = "$before" ] || fail "the disk changed"
explain "The disk is byte for byte as before (sha256)."

printf '\nA copy of the disk is useless outside the guest the owner sent the\n'
printf 'secrets to: neither the token nor the passphrase opens it.\n'
