# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# The Debian 12 root file system of the booted test guest (make
# test-boot): made by mmdebstrap from Debian's archive, with systemd as
# PID 1, initramfs-tools, cryptsetup-initramfs and the stock kernel, as a
# tarball in $SECEX_CACHE/bootimg/, keyed by the suite, the architecture,
# the package list and the exclusions (the archive's point releases are
# not part of the key: remove the folder to take them).
#
# s390x (make test-boot-s390x): this host cannot run s390x programs (no
# qemu-user through binfmt_misc, which is the host kernel's and not ours
# to register), so mmdebstrap only downloads and unpacks the packages
# (--variant=extract, Essential:yes ones included) and keeps them in
# apt's cache with apt's lists; the s390x preparation guest installs them
# in the image natively, as mmdebstrap would (selftests/boot/prep.sh,
# "second stage").
#
# dpkg leaves out documentation, translations (BOOTIMG_EXCLUDE_DOCS; not
# in the install test's image) and the kernel's modules for hardware a
# QEMU machine with virtio disks has not (BOOTIMG_EXCLUDE): a
# tarball of less than half the size, faster to unpack onto the LUKS
# volume under TCG, and a smaller initramfs from update-initramfs
# (MODULES=most still walks every folder that is left).  Nothing of what
# the test is about (initramfs-tools, cryptroot, LVM, systemd, our files)
# is touched.
#

BOOTIMG_SUITE=bookworm
BOOTIMG_PKGS=(linux-image-amd64 systemd-sysv udev kmod initramfs-tools busybox
	cryptsetup cryptsetup-initramfs lvm2 e2fsprogs libjson-c5 libssl3
	util-linux mount procps zstd)
BOOTIMG_EXCLUDE_DOCS=(/usr/share/doc/\* /usr/share/man/\* /usr/share/locale/\* /usr/share/info/\*)
BOOTIMG_EXCLUDE=()
for _d in drivers/net drivers/gpu drivers/media drivers/infiniband drivers/usb \
	drivers/iio drivers/staging drivers/hwmon drivers/comedi drivers/mtd \
	drivers/video drivers/bluetooth sound net/wireless net/mac80211 net/bluetooth; do
	# Debian 12's kernel package has /lib/modules, later ones /usr/lib/modules
	BOOTIMG_EXCLUDE+=("/lib/modules/*/kernel/$_d/*" "/usr/lib/modules/*/kernel/$_d/*")
done
unset _d

# The install test's image (make test-install) has what installing our
# packages offline needs (DKMS, a compiler, the kernel's headers), builds
# its initramfs for the machine it runs on (MODULES=dep: minutes less
# under TCG each time a package triggers update-initramfs), and keeps a
# second kernel, the cloud flavour with its headers and what they
# recommend (an admin's apt installs that too), in apt's cache with apt's
# lists, for "apt-get install" without a network.
BOOTIMG_INSTALL_PKGS=(dkms linux-headers-amd64 gcc make libc6-dev)
BOOTIMG_INSTALL_KERNEL2=(linux-image-cloud-amd64 linux-headers-cloud-amd64)
# The s390x install test's image (make test-install-s390x) builds our
# tools' packages itself (help2man runs the tools, so they are not
# cross-built): debian/control's Build-Depends and Build-Depends-Arch
# under the nocheck profile.  Its second kernel comes from the host
# (scripts/test-install).
BOOTIMG_BUILD_PKGS=(build-essential debhelper help2man libcryptsetup-dev
	libjson-c-dev libssl-dev python3)

#   bootimg_rootfs [install|s390x|install-s390x]
#                         print the tarball's path, making it if needed
bootimg_rootfs() {
	local flavour=${1:-boot} top=$SECEX_CACHE/bootimg key tar uri e arch=amd64
	local -a excl=() pkgs=("${BOOTIMG_PKGS[@]}") extra=()
	local -a exclude=("${BOOTIMG_EXCLUDE_DOCS[@]}" "${BOOTIMG_EXCLUDE[@]}")
	if [ "$flavour" = s390x ] || [ "$flavour" = install-s390x ]; then
		arch=s390x
		pkgs=(apt "${pkgs[@]/linux-image-amd64/linux-image-s390x}")
		# dpkg does not unpack here: its path-exclude would not apply
		exclude=()
		extra=(--variant=extract --architectures=s390x --skip=check/qemu
			--skip=cleanup/apt --include='?essential'
			--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr)
	fi
	if [ "$flavour" = install-s390x ]; then
		pkgs+=("${BOOTIMG_INSTALL_PKGS[@]/linux-headers-amd64/linux-headers-s390x}"
			"${BOOTIMG_BUILD_PKGS[@]}")
	fi
	if [ "$flavour" = install ]; then
		# our packages' man pages and documentation must land
		exclude=("${BOOTIMG_EXCLUDE[@]}")
		pkgs+=("${BOOTIMG_INSTALL_PKGS[@]}")
		extra=(--skip=cleanup/apt
			--customize-hook='echo MODULES=dep >"$1/etc/initramfs-tools/conf.d/secex-test"'
			--customize-hook='chroot "$1" apt-get clean'
			--customize-hook="chroot \"\$1\" apt-get install -y -q --download-only -o APT::Install-Recommends=true ${BOOTIMG_INSTALL_KERNEL2[*]}")
	fi
	mkdir -p "$top"
	key=$(printf '%s\n' "$BOOTIMG_SUITE" "$arch" security updates "${pkgs[@]}" \
		"${exclude[@]}" "${extra[@]}" |
		sha256sum | cut -c1-12)
	tar=$top/debian12-$arch-$key.tar
	secex_lock "$tar"
	if [ ! -s "$tar" ]; then
		command -v mmdebstrap >/dev/null 2>&1 || die "no mmdebstrap: run scripts/setup"
		uri=$(secex_mirror)
		note "making a Debian 12 root file system with systemd (cached in $tar; a few minutes)"
		# with the security and updates suites: the kernel is then the
		# one the harness's 6.1 entry boots and builds our modules for
		for e in "${exclude[@]}"; do
			excl+=("--dpkgopt=path-exclude=$e")
		done
		# a later --variant (s390x's, in $extra) overrides this one
		mmdebstrap --variant=apt --mode=root --format=tar --quiet "${excl[@]}" \
			--include="$(IFS=,; echo "${pkgs[*]}")" "${extra[@]}" \
			"$BOOTIMG_SUITE" "$tar.tmp" \
			"deb $uri $BOOTIMG_SUITE main" \
			"deb $uri $BOOTIMG_SUITE-updates main" \
			"deb http://deb.debian.org/debian-security $BOOTIMG_SUITE-security main" >&2 ||
			{ rm -f "$tar.tmp"; die "mmdebstrap failed"; }
		mv "$tar.tmp" "$tar"
	fi
	echo "$tar"
}
