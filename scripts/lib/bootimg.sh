# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# The Debian 12 root file system of the booted test guest (make
# test-boot): made by mmdebstrap from Debian's archive, with systemd as
# PID 1, initramfs-tools, cryptsetup-initramfs and the stock kernel, as a
# tarball in $SECEX_CACHE/bootimg/, keyed by the suite, the architecture,
# the package list and the exclusions (the archive's point releases are
# not part of the key: remove the folder to take them).
#
# dpkg leaves out documentation, translations and the kernel's modules for
# hardware a QEMU machine with virtio disks has not (BOOTIMG_EXCLUDE): a
# tarball of less than half the size, faster to unpack onto the LUKS
# volume under TCG, and a smaller initramfs from update-initramfs
# (MODULES=most still walks every folder that is left).  Nothing of what
# the test is about (initramfs-tools, cryptroot, LVM, systemd, our files)
# is touched.
#
#   bootimg_rootfs            print the tarball's path, making it if needed

BOOTIMG_SUITE=bookworm
BOOTIMG_PKGS=(linux-image-amd64 systemd-sysv udev kmod initramfs-tools busybox
	cryptsetup cryptsetup-initramfs lvm2 e2fsprogs libjson-c5 libssl3
	util-linux mount procps zstd)
BOOTIMG_EXCLUDE=(/usr/share/doc/\* /usr/share/man/\* /usr/share/locale/\* /usr/share/info/\*)
for _d in drivers/net drivers/gpu drivers/media drivers/infiniband drivers/usb \
	drivers/iio drivers/staging drivers/hwmon drivers/comedi drivers/mtd \
	drivers/video drivers/bluetooth sound net/wireless net/mac80211 net/bluetooth; do
	# Debian 12's kernel package has /lib/modules, later ones /usr/lib/modules
	BOOTIMG_EXCLUDE+=("/lib/modules/*/kernel/$_d/*" "/usr/lib/modules/*/kernel/$_d/*")
done
unset _d

bootimg_rootfs() {
	local top=$SECEX_CACHE/bootimg key tar uri e excl=()
	mkdir -p "$top"
	key=$(printf '%s\n' "$BOOTIMG_SUITE" amd64 security updates "${BOOTIMG_PKGS[@]}" \
		"${BOOTIMG_EXCLUDE[@]}" |
		sha256sum | cut -c1-12)
	tar=$top/debian12-amd64-$key.tar
	secex_lock "$tar"
	if [ ! -s "$tar" ]; then
		command -v mmdebstrap >/dev/null 2>&1 || die "no mmdebstrap: run scripts/setup"
		uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null)
		[ -n "$uri" ] || uri=http://deb.debian.org/debian
		note "making a Debian 12 root file system with systemd (cached in $tar; a few minutes)"
		# with the security and updates suites: the kernel is then the
		# one the harness's 6.1 entry boots and builds our modules for
		for e in "${BOOTIMG_EXCLUDE[@]}"; do
			excl+=("--dpkgopt=path-exclude=$e")
		done
		mmdebstrap --variant=apt --mode=root --format=tar --quiet "${excl[@]}" \
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
