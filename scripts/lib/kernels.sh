# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# The kernel matrix of the VM harness.  Each kernel K provides, after
# kernel_prepare K:
#   K_ARCH       x86_64 or s390x
#   K_RELEASE    uname -r of the guest
#   K_IMAGE      bootable kernel image
#   K_KDIR       tree to build out-of-tree modules against
#   K_MODDIR     /lib/modules/$K_RELEASE of the kernel's own modules (or empty)
#   K_MAKEFLAGS  extra make flags for module builds (ARCH=, CROSS_COMPILE=)
#   K_QEMU       the QEMU system emulator, if not the distribution's
#   K_ROOTFS     s390x: a Debian root filesystem for the guest, if any
#   K_BUILDNAME  folder under $SECEX_BUILD for module builds (entries
#                that share a kernel share it)
# Downloads and builds are cached under $SECEX_CACHE and reused.

. "$SECEX_TOP/scripts/lib/qemu.sh"
. "$SECEX_TOP/scripts/lib/rootfs.sh"

SECEX_KERNELS_ALL="6.1 6.12 7.x s390x s390x-cpacf 7.x-debug"

kernel_canonical() {
	case "$1" in
	6.1|stock|6.1-amd64) echo 6.1 ;;
	6.12|trixie) echo 6.12 ;;
	7|7.x|sid|newest) echo 7.x ;;
	7.x-debug|debug) echo 7.x-debug ;;
	s390x|s390|6.1-s390x) echo s390x ;;
	s390x-cpacf|cpacf) echo s390x-cpacf ;;
	*) die "unknown kernel '$1' (known: $SECEX_KERNELS_ALL)" ;;
	esac
}

# Extract a .deb once into DIR (marker file makes it idempotent).
deb_extract() {
	local deb=$1 dir=$2
	[ -f "$dir/.extracted-$(basename "$deb")" ] && return 0
	secex_lock "$dir"
	if [ ! -f "$dir/.extracted-$(basename "$deb")" ]; then
		mkdir -p "$dir"
		dpkg-deb -x "$deb" "$dir" || die "cannot unpack $deb"
		touch "$dir/.extracted-$(basename "$deb")"
	fi
	secex_unlock "$dir"
}

# shellcheck disable=SC2034  # K_*: read by the caller (scripts/lib/guest.sh)
kernel_prepare_stock() {
	local rel deb root
	rel=$(secex_stock_release)
	root=$SECEX_CACHE/kernels/debian-$rel
	deb=$(secex_fetch_deb bookworm amd64 "linux-image-$rel:amd64")
	deb_extract "$deb" "$root"
	if [ ! -f "$root/lib/modules/$rel/modules.dep" ]; then
		depmod -b "$root" "$rel" || die "depmod for $rel failed"
	fi
	K_ARCH=x86_64
	K_RELEASE=$rel
	K_IMAGE=$root/boot/vmlinuz-$rel
	K_KDIR=/usr/src/linux-headers-$rel
	K_MODDIR=$root/lib/modules/$rel
	K_MAKEFLAGS=""
	[ -d "$K_KDIR" ] || die "missing $K_KDIR: apt-get install linux-headers-$rel"
}

# Build a Debian linux-source-X kernel with our minimal fragment (plus the
# fragments named after it, e.g. debug.config).
# shellcheck disable=SC2034  # K_*: read by the caller (scripts/lib/guest.sh)
kernel_prepare_source() {
	local suite=$1 pkgre=$2 pkg deb src tarball hash dir f
	local -a frags=("$SECEX_TOP/scripts/kconfig/guest-x86_64.config")
	for f in "${@:3}"; do frags+=("$SECEX_TOP/scripts/kconfig/$f"); done
	pkg=$(secex_newest_pkg "$suite" amd64 "$pkgre")
	[ -n "$pkg" ] || die "no $pkgre in $suite"
	deb=$(secex_fetch_deb "$suite" amd64 "$pkg")
	hash=$( (basename "$deb"; cat "${frags[@]}"; gcc --version | head -n1) | sha256sum | cut -c1-12)
	dir=$SECEX_CACHE/kernels/$pkg-$hash
	secex_lock "$dir"
	if [ ! -f "$dir/.built" ]; then
		note "building $pkg with ${frags[*]##*/} (cached in $dir; takes a few minutes)"
		rm -rf "$dir"
		mkdir -p "$dir"
		deb_extract "$deb" "$dir/deb"
		tarball=$(ls "$dir"/deb/usr/src/linux-source-*.tar.* | head -n1)
		tar -xf "$tarball" -C "$dir" || die "cannot untar $tarball"
		rm -rf "$dir/deb"
		src=$(ls -d "$dir"/linux-source-* | head -n1)
		mv "$src" "$dir/src"
		(
			cd "$dir/src" &&
			make -s ARCH=x86_64 tinyconfig &&
			scripts/kconfig/merge_config.sh -m .config "${frags[@]}" >/dev/null &&
			make -s ARCH=x86_64 olddefconfig &&
			make -s ARCH=x86_64 -j"$(nproc)" bzImage modules &&
			make -s ARCH=x86_64 INSTALL_MOD_PATH="$dir/modroot" modules_install
		) >"$dir/build.log" 2>&1 || { tail -n 40 "$dir/build.log" >&2; die "kernel build of $pkg failed (log: $dir/build.log)"; }
		touch "$dir/.built"
	fi
	secex_unlock "$dir"
	K_ARCH=x86_64
	K_RELEASE=$(cat "$dir/src/include/config/kernel.release")
	K_IMAGE=$dir/src/arch/x86/boot/bzImage
	K_KDIR=$dir/src
	K_MODDIR=$dir/modroot/lib/modules/$K_RELEASE
	K_MAKEFLAGS=""
}

# shellcheck disable=SC2034  # K_*: read by the caller (scripts/lib/guest.sh)
kernel_prepare_s390x() {
	local rel common root hdeb cdeb ideb bdeb
	# Debian 12's newest s390x kernel (its ABI may lag behind amd64's).
	rel=$(secex_newest_pkg bookworm s390x 'linux-image-6\.1\.0-[0-9]+-s390x')
	[ -n "$rel" ] || die "no Debian 12 s390x kernel found"
	rel=${rel#linux-image-}
	common=${rel%-s390x}-common
	root=$SECEX_CACHE/kernels/debian-$rel
	ideb=$(secex_fetch_deb bookworm s390x "linux-image-$rel:s390x")
	hdeb=$(secex_fetch_deb bookworm s390x "linux-headers-$rel:s390x")
	cdeb=$(secex_fetch_deb bookworm s390x "linux-headers-$common")
	bdeb=$(secex_fetch_deb bookworm s390x "busybox-static:s390x")
	for d in "$ideb" "$hdeb" "$cdeb" "$bdeb"; do deb_extract "$d" "$root"; done
	# Debian's arch Makefile includes the common one by absolute path and
	# links scripts/ to the host's kbuild: point both at what we have.
	sed -i "s|^include /usr/src/|include $root/usr/src/|" "$root/usr/src/linux-headers-$rel/Makefile"
	mkdir -p "$root/usr/lib"
	ln -sfn /usr/lib/linux-kbuild-6.1 "$root/usr/lib/linux-kbuild-6.1"
	if [ ! -f "$root/lib/modules/$rel/modules.dep" ]; then
		depmod -b "$root" "$rel" || die "depmod for $rel failed"
	fi
	K_ARCH=s390x
	K_RELEASE=$rel
	K_IMAGE=$root/boot/vmlinuz-$rel
	K_KDIR=$root/usr/src/linux-headers-$rel
	K_MODDIR=$root/lib/modules/$rel
	K_BUSYBOX=$root/bin/busybox
	K_MAKEFLAGS="ARCH=s390 CROSS_COMPILE=s390x-linux-gnu-"
}

# shellcheck disable=SC2034  # K_*: read by the caller (scripts/lib/guest.sh)
kernel_prepare() {
	K_QEMU="" K_ROOTFS="" K_BUILDNAME=$(kernel_canonical "$1")
	case "$K_BUILDNAME" in
	6.1) kernel_prepare_stock ;;
	6.12) kernel_prepare_source trixie 'linux-source-6\.12' ;;
	7.x) kernel_prepare_source sid 'linux-source-7\.[0-9]+' ;;
	7.x-debug) kernel_prepare_source sid 'linux-source-7\.[0-9]+' debug.config ;;
	s390x) kernel_prepare_s390x ;;
	s390x-cpacf)
		# Debian 12's s390x kernel and userspace on our QEMU, whose
		# CPACF has AES, the encrypted-key functions and PCKMO.
		kernel_prepare_s390x
		K_BUILDNAME=s390x
		K_QEMU=$(qemu_cpacf_prepare) || exit 1
		K_ROOTFS=$(rootfs_s390x_prepare) || exit 1
		;;
	esac
}
