#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make test-install, in the guest: the installed token plugin (in
# libcryptsetup's own plugin folder, not a test copy) opens a LUKS2 volume
# enrolled with a plaintext secret of the software UV, with no passphrase
# (--token-only); the installed tools make and add the secret.
set -eu
. /root/selftests/lib/swuv.sh
T=$(mktemp -d)
trap 'cryptsetup close secex-install 2>/dev/null; losetup -D; rm -rf "$T"' EXIT
# a fresh software UV: the kselftests before left theirs provisioned
modprobe -r secex_swuv && modprobe secex_swuv
rm -rf "$SWUV_DIR"
swuv_setup || { echo "software UV: $SWUV_WHY"; exit 1; }
head -c 32 /dev/urandom >"$T/secret"
printf 'install-test-passphrase' >"$T/pass"
secex-owner secret create --no-verify --hkd "$SWUV_DIR/host.crt" --hdr "$SWUV_DIR/se.hdr" \
	-o "$T/unlock.req" retrievable install-unlock --type plaintext --secret "$T/secret"
secex-uv secret add "$T/unlock.req"
truncate -s 32M "$T/disk"
dev=$(losetup -f --show "$T/disk")
cryptsetup luksFormat -q --type luks2 --pbkdf pbkdf2 --pbkdf-force-iterations 1000 \
	--key-file "$T/pass" "$dev"
secex-key enroll "$dev" --uv-secret install-unlock --key-file "$T/pass"
cryptsetup open --token-only "$dev" secex-install
test -b /dev/mapper/secex-install
echo "opened with the secex-uv token"
