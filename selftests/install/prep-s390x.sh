#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make test-install-s390x, first step, in a harness s390x guest: the
# Debian 12 s390x system that the install test boots, made from what
# mmdebstrap could only unpack (scripts/lib/bootimg.sh, flavour
# install-s390x), and our s390x packages, built natively in it.
#
#   prep-s390x.sh DIR
#
# DIR (shared with the host) holds rootfs.tar, add/ (the files the host
# puts into the system: the secex-dkms package, the source tree, the
# selftests, the second kernel's packages, the test's unit and script)
# and vars (KVER: the image's kernel).  The guest has an empty virtio disk
# "root" (scripts/vm --disk).  It leaves on that disk a system with its
# packages installed, the tools' packages built from the tree with
# dpkg-buildpackage -us -uc -B in /root/debs beside secex-dkms, and an
# initramfs for KVER; and DIR/build.log, the package build's log.

set -eu
D=$1
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=/dev/null
. "$D/vars"
# shellcheck source=SCRIPTDIR/../lib/secondstage.sh
. "$here/../lib/secondstage.sh"

T=$(mktemp -d)
M=$T/root
t0=$(date +%s)
step() { echo "# prep: [$(($(date +%s) - t0)) s] $*"; }

step "the root file system on the virtio disk"
modprobe -q virtio_blk || true
modprobe -q ext4 || true
R=""
for b in /sys/block/vd*; do
	[ "$(cat "$b/serial" 2>/dev/null)" = root ] && R=/dev/${b##*/}
done
[ -n "$R" ] || { echo "prep: no virtio disk with the serial root" >&2; exit 1; }
mkfs.ext4 -q -L root "$R"
mkdir -p "$M"
mount "$R" "$M"
tar -xf "$D/rootfs.tar" -C "$M"
image_bind "$M"

step "second stage: the packages mmdebstrap unpacked, installed"
second_stage "$M" "$T" || exit 1

step "the test's files"
cp -a "$D/add/." "$M/"

step "our s390x packages: dpkg-buildpackage -us -uc -B -Pnocheck, natively"
# nocheck (the option and the profile): the tools' own tests run on the
# host (make check) and in the s390x harness guests (make test); here they
# would add TCG minutes.
if in_root "$M" sh -c 'cd /root/src && HOME=/root DEB_BUILD_OPTIONS=nocheck \
	dpkg-buildpackage -us -uc -B -Pnocheck' >"$D/build.log" 2>&1; then
	mv "$M"/root/secex-tools_*.deb "$M"/root/secex-owner_*.deb "$M/root/debs/"
	rm -rf "$M/root/src" "$M"/root/secex_*
	echo "# prep: the packages built"
else
	tail -n 40 "$D/build.log" >&2
	echo "# prep: the packages did not build"
fi

step "an initramfs for $KVER (MODULES=most: this guest is not the machine)"
in_root "$M" update-initramfs -c -k "$KVER"
cp "$M/boot/vmlinuz-$KVER" "$D/vmlinuz"
cp "$M/boot/initrd.img-$KVER" "$D/initrd.img"
# the installed system makes its own for the machine it runs on: minutes
# less under TCG each time a package triggers update-initramfs
echo MODULES=dep >"$M/etc/initramfs-tools/conf.d/secex-test"

step "done"
image_unbind "$M"
umount "$M"
echo "# prep: ok"
