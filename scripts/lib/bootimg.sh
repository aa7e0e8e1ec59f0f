# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# The Debian 12 root file system of the booted test guest (make
# test-boot): made by mmdebstrap from Debian's archive, with systemd as
# PID 1, initramfs-tools, cryptsetup-initramfs and the stock kernel, as a
# tarball in $SECEX_CACHE/bootimg/, keyed by the suite, the architecture
# and the package list (the archive's point releases are not part of the
# key: remove the folder to take them).
#
#   bootimg_rootfs            print the tarball's path, making it if needed

BOOTIMG_SUITE=bookworm
BOOTIMG_PKGS=(linux-image-amd64 systemd-sysv udev kmod initramfs-tools busybox
	cryptsetup cryptsetup-initramfs lvm2 e2fsprogs libjson-c5 libssl3
	util-linux mount procps)

bootimg_rootfs() {
	local top=$SECEX_CACHE/bootimg key tar uri
	mkdir -p "$top"
	key=$(printf '%s\n' "$BOOTIMG_SUITE" amd64 security updates "${BOOTIMG_PKGS[@]}" |
		sha256sum | cut -c1-12)
	tar=$top/debian12-amd64-$key.tar
	secex_lock "$tar"
	if [ ! -s "$tar" ]; then
		command -v mmdebstrap >/dev/null 2>&1 ||
			apt-get install -y -q --no-install-recommends mmdebstrap >/dev/null ||
			die "cannot install mmdebstrap"
		uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null)
		[ -n "$uri" ] || uri=http://deb.debian.org/debian
		note "making a Debian 12 root file system with systemd (cached in $tar; a few minutes)"
		# with the security and updates suites: the kernel is then the
		# one the harness's 6.1 entry boots and builds our modules for
		mmdebstrap --variant=apt --mode=root --format=tar --quiet \
			--include="$(IFS=,; echo "${BOOTIMG_PKGS[*]}")" \
			"$BOOTIMG_SUITE" "$tar.tmp" \
			"deb $uri $BOOTIMG_SUITE main" \
			"deb $uri $BOOTIMG_SUITE-updates main" \
			"deb http://deb.debian.org/debian-security $BOOTIMG_SUITE-security main" >&2 ||
			{ rm -f "$tar.tmp"; die "mmdebstrap failed"; }
		mv "$tar.tmp" "$tar"
	fi
	echo "$tar"
}
