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
#   K_BUILDENV   the root of the chroot that module builds run in (a
#                kernel of another Debian release), or empty: the host;
#                kernel_make runs make there
#   K_QEMU       the QEMU system emulator, if not the distribution's
#   K_CPU        its -cpu argument (s390x)
#   K_ROOTFS     s390x: a Debian root filesystem for the guest, if any
#   K_BUILDNAME  folder under $SECEX_BUILD for module builds (entries
#                that share a kernel share it)
# Downloads and builds are cached under $SECEX_CACHE and reused.

. "$SECEX_TOP/scripts/lib/qemu.sh"
. "$SECEX_TOP/scripts/lib/rootfs.sh"
. "$SECEX_TOP/scripts/lib/buildenv.sh"

# The matrix: one line per entry, in test order.  Nothing else in the
# harness knows what an entry is; scripts/test, scripts/check and
# scripts/vm ask kernel_arch and kernel_has.
#   name      the entry (what --kernel takes)
#   arch      x86_64 or s390x
#   kernel    stock (Debian 12's amd64 kernel), stock-s390x (Debian 12's
#             s390x kernel), stock-s390x:SUITE (that Debian release's
#             s390x kernel), or source:SUITE:PACKAGE-REGEX (built from
#             that Debian linux-source package)
#   configs   config fragments in scripts/kconfig on top of the guest's
#             own (source kernels), - for none
#   features  comma list, - for none:
#               kunit       modules built with our KUnit suites (SECEX_KUNIT=1)
#               kmemleak    the test run starts with an empty kmemleak list
#               cpacf-qemu  our QEMU with CPACF protected-key functions;
#                           tests that need them fail instead of skipping
#               rootfs      a Debian root filesystem of the kernel's
#                           release (else busybox); it has cryptsetup, so
#                           secex-key is built for it
#               rootfs=SUITE  the same, of Debian release SUITE
#               modules-of=E  the same kernel and module build as entry E
#               uv          our QEMU's Ultravisor Call (facility 158) is on
#                           (else -cpu max,uv-call=off)
#               cpu=V       our QEMU's -cpu max without the functions of
#                           variant V (SECEX_CPU_OFF below)
#               tests=D:D   only the selftest folders or files D (the
#                           others run on another entry); no unlock or
#                           reboot boots, unless:
#               unlock      the unlock boots all the same
#               unlock-extra  its unlock boots are not in make test (the
#                           CI budget): make test-machines runs them
#               extra       not in make test (the CI budget): make
#                           test-machines runs it
#               check-extra not in make check either (its kernel is built
#                           for it alone): make test-machines checks it
#   aliases   other names --kernel takes, - for none
#
# s390x-13 is a Debian 13 SE guest as the README's table has it: the
# kernel's 6.12 uvdevice is /dev/uv (no Retrieve Secret before 6.13),
# ours /dev/secex-uv on the Ultravisor Call backend, secex_pkey and
# secex_paes where Debian's kernel has no pkey and no paes_s390.  Its
# userspace is Debian 12's (rootfs=bookworm), although the harness makes
# any release's (scripts/lib/rootfs.sh): the mirror this harness has
# serves trixie's s390x index but not 10 of the 136 files it names
# (libc6, base-files, libssl3t64 and openssl among them, in the main and
# the security pool alike; Documentation/harness.md), and without
# libssl3t64 there is no cryptsetup 2.7.5.
#
# s390x-debug is the one s390x kernel with KUnit (Debian's have
# CONFIG_KUNIT unset): the newest linux-source cross-built with
# guest-s390x.config and kunit.config, on our QEMU with CPACF, for the
# suites that test the machine's CPACF path of our modules (paes_keys).
SECEX_MATRIX='
6.1         x86_64 stock                            -            -                                   stock,6.1-amd64
6.12        x86_64 source:trixie:linux-source-6\.12  -            -                                   trixie
7.x         x86_64 source:sid:linux-source-7\.[0-9]+ -           -                                   7,sid,newest
s390x       s390x  stock-s390x                      -            -                                   s390,6.1-s390x
s390x-cpacf s390x  stock-s390x                      -            cpacf-qemu,rootfs,modules-of=s390x,unlock-extra  cpacf
7.x-debug   x86_64 source:sid:linux-source-7\.[0-9]+ debug.config,kunit.config kunit,kmemleak         debug
s390x-uv    s390x  stock-s390x                      -            cpacf-qemu,rootfs,modules-of=s390x,uv,tests=uv,unlock uv
s390x-z16   s390x  stock-s390x                      -            cpacf-qemu,rootfs,modules-of=s390x,cpu=z16,tests=paes:pkey:luks:cpacf,extra z16,z15
s390x-nopckmo s390x stock-s390x                     -            cpacf-qemu,rootfs,modules-of=s390x,cpu=nopckmo,tests=paes:pkey:luks,extra nopckmo
s390x-13    s390x  stock-s390x:trixie               -            cpacf-qemu,rootfs=bookworm,uv,tests=uv:pkey:paes:luks,unlock,extra trixie-s390x,6.12-s390x
s390x-debug s390x  source:sid:linux-source-7\.[0-9]+ kunit.config cpacf-qemu,kunit,tests=kunit,extra,check-extra s390x-kunit
'

# CPU variants of our QEMU (feature cpu=V): the functions that -cpu max
# turns off.
#   z16      no MSA 10 (full XTS) and no PCKMO double keys, as z15 and z16,
#            the machines most SE hosts are: Linux and paes take the PCC
#            plus KM-XTS path for XTS keys
#   nopckmo  no PCKMO AES functions: the machine's encrypted-key functions
#            are there, but no protected key of this machine can be made
declare -gA SECEX_CPU_OFF=(
	[z16]="km-full-xts-aes-128 km-full-xts-aes-256 km-full-xts-eaes-128 km-full-xts-eaes-256 pckmo-aes-xts-128-dk pckmo-aes-xts-256-dk"
	[nopckmo]="pckmo-aes-128 pckmo-aes-192 pckmo-aes-256 pckmo-aes-xts-128-dk pckmo-aes-xts-256-dk"
)

# kernel_cpu K: the -cpu argument of entry K's QEMU.
kernel_cpu() {
	local v f cpu=max
	if v=$(kernel_has "$1" cpu); then
		[ -n "${SECEX_CPU_OFF[$v]:-}" ] || die "matrix entry $1: unknown CPU variant '$v'"
		for f in ${SECEX_CPU_OFF[$v]}; do cpu+=",$f=off"; done
	fi
	# Our QEMU's Ultravisor Call is opt-in: with facility 158 the guest
	# kernel's uvdevice, secex_uv and secex_swuv all behave differently.
	if kernel_has "$1" cpacf-qemu && ! kernel_has "$1" uv; then
		cpu+=",uv-call=off"
	fi
	echo "$cpu"
}

# kernel_modules K: the modules the guests of entry K load, in order (as
# scripts/vm --modules takes them).  A machine with its own ultravisor
# loads the Ultravisor Call backend instead of the software UV.
kernel_modules() {
	local m
	m=$(grep -v -e '^#' -e '^$' "$SECEX_TOP/scripts/guest/modules" | tr '\n' ' ')
	if kernel_has "$1" uv; then
		m="${m/secex_swuv /}secex_uv_ucall"
	fi
	echo "$m"
}

# kernel_cpu_has K FUNCTION: entry K's machine is our QEMU with FUNCTION
# (a -cpu feature name) on.
kernel_cpu_has() {
	local v
	kernel_has "$1" cpacf-qemu || return 1
	v=$(kernel_has "$1" cpu) || return 0
	[[ " ${SECEX_CPU_OFF[$v]} " != *" $2 "* ]]
}

# kernel_has_pckmo K: entry K's machine makes protected keys with PCKMO.
kernel_has_pckmo() { kernel_cpu_has "$1" pckmo-aes-128; }

# kernel_has_msa10 K: entry K's machine has full XTS (MSA 10, z17).
kernel_has_msa10() { kernel_cpu_has "$1" km-full-xts-eaes-128; }

# All entries, in test order; those of make test (not "extra"); the others.
SECEX_KERNELS_ALL=$(awk 'NF { printf "%s%s", sep, $1; sep = " " }' <<<"$SECEX_MATRIX")
# shellcheck disable=SC2034  # the two lists: read by scripts/test, the Makefile
SECEX_KERNELS_TEST=$(awk 'NF && index("," $5 ",", ",extra,") == 0 { printf "%s%s", sep, $1; sep = " " }' <<<"$SECEX_MATRIX")
# shellcheck disable=SC2034
SECEX_KERNELS_EXTRA=$(awk 'NF && index("," $5 ",", ",extra,") { printf "%s%s", sep, $1; sep = " " }' <<<"$SECEX_MATRIX")
# shellcheck disable=SC2034  # entries whose unlock boots make test-machines runs
SECEX_KERNELS_UNLOCK_EXTRA=$(awk 'NF && index("," $5 ",", ",unlock-extra,") { printf "%s%s", sep, $1; sep = " " }' <<<"$SECEX_MATRIX")
# Those of make check (not "check-extra"); the others, which make
# test-machines checks.
# shellcheck disable=SC2034  # read by scripts/check
SECEX_KERNELS_CHECK=$(awk 'NF && index("," $5 ",", ",check-extra,") == 0 { printf "%s%s", sep, $1; sep = " " }' <<<"$SECEX_MATRIX")
# shellcheck disable=SC2034  # read by the Makefile
SECEX_KERNELS_CHECK_EXTRA=$(awk 'NF && index("," $5 ",", ",check-extra,") { printf "%s%s", sep, $1; sep = " " }' <<<"$SECEX_MATRIX")

# kernel_field K N: field N (1 = name) of entry K's line.
kernel_field() {
	awk -v k="$1" -v n="$2" '$1 == k { print $n }' <<<"$SECEX_MATRIX"
}

# kernel_canonical NAME: the entry NAME stands for (its name or an alias).
kernel_canonical() {
	local k
	k=$(awk -v k="$1" 'NF && ($1 == k || index("," $6 ",", "," k ",")) { print $1; exit }' \
		<<<"$SECEX_MATRIX")
	[ -n "$k" ] || die "unknown kernel '$1' (known: $SECEX_KERNELS_ALL)"
	echo "$k"
}

kernel_arch() { kernel_field "$1" 2; }

# kernel_has K FEATURE: entry K has FEATURE (for modules-of: prints E).
kernel_has() {
	local f
	for f in $(kernel_field "$1" 5 | tr ',' ' '); do
		case "$f" in
		"$2") return 0 ;;
		"$2"=*) echo "${f#*=}"; return 0 ;;
		esac
	done
	return 1
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
	K_MAKEFLAGS="" K_BUILDENV=""
	[ -d "$K_KDIR" ] || die "missing $K_KDIR: apt-get install linux-headers-$rel"
}

# Build a Debian linux-source-X kernel for ARCH (x86_64 or s390x) with
# our minimal fragment of that architecture (plus the fragments named
# after it, e.g. debug.config).  s390x is cross-built with the host's
# s390x-linux-gnu-gcc; its guests boot Debian 12's static busybox.
# shellcheck disable=SC2034  # K_*: read by the caller (scripts/lib/guest.sh)
kernel_prepare_source() {
	local arch=$1 suite=$2 pkgre=$3 pkg deb src tarball hash dir f
	local -a frags=("$SECEX_TOP/scripts/kconfig/guest-$arch.config") make
	local image=arch/x86/boot/bzImage cc=gcc
	for f in "${@:4}"; do frags+=("$SECEX_TOP/scripts/kconfig/$f"); done
	make=(make -s ARCH=x86_64)
	K_MAKEFLAGS=""
	if [ "$arch" = s390x ]; then
		K_MAKEFLAGS="ARCH=s390 CROSS_COMPILE=s390x-linux-gnu-"
		read -r -a make <<<"make -s $K_MAKEFLAGS"
		image=arch/s390/boot/bzImage
		cc=s390x-linux-gnu-gcc
		K_BUSYBOX=$SECEX_CACHE/kernels/busybox-s390x/bin/busybox
		deb_extract "$(secex_fetch_deb bookworm s390x "busybox-static:s390x")" \
			"$SECEX_CACHE/kernels/busybox-s390x"
	fi
	pkg=$(secex_newest_pkg "$suite" amd64 "$pkgre")
	[ -n "$pkg" ] || die "no $pkgre in $suite"
	deb=$(secex_fetch_deb "$suite" amd64 "$pkg")
	hash=$( (basename "$deb"; echo "$arch"; cat "${frags[@]}"; "$cc" --version | head -n1) | sha256sum | cut -c1-12)
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
			"${make[@]}" tinyconfig &&
			scripts/kconfig/merge_config.sh -m .config "${frags[@]}" >/dev/null &&
			"${make[@]}" olddefconfig &&
			"${make[@]}" -j"$(nproc)" bzImage modules &&
			"${make[@]}" INSTALL_MOD_PATH="$dir/modroot" modules_install
		) >"$dir/build.log" 2>&1 || { tail -n 40 "$dir/build.log" >&2; die "kernel build of $pkg failed (log: $dir/build.log)"; }
		touch "$dir/.built"
	fi
	secex_unlock "$dir"
	K_ARCH=$arch
	K_RELEASE=$(cat "$dir/src/include/config/kernel.release")
	K_IMAGE=$dir/src/$image
	K_KDIR=$dir/src
	K_MODDIR=$dir/modroot/lib/modules/$K_RELEASE
	K_BUILDENV=""
}

# kernel_s390x_fetch SUITE: the newest s390x kernel of SUITE that the
# mirror serves, with its headers: prints its release and the .deb files.
# An index can name a kernel whose files its mirror does not hold (seen
# with trixie's 6.12.117 s390x image): then the one before it.
kernel_s390x_fetch() {
	local suite=$1 pkg rel debs
	for pkg in $(secex_pkgs "$suite" s390x 'linux-image-[0-9][^-]*(-[0-9]+)?-s390x' | tac); do
		rel=${pkg#linux-image-}
		debs=$(secex_try_fetch_deb "$suite" s390x "linux-image-$rel:s390x" &&
			secex_try_fetch_deb "$suite" s390x "linux-headers-$rel:s390x" &&
			secex_try_fetch_deb "$suite" s390x "linux-headers-${rel%-s390x}-common") &&
			{ echo "$rel $(tr '\n' ' ' <<<"$debs")"; return 0; }
	done
	die "no s390x kernel of $suite could be downloaded"
}

# Debian's s390x kernel of SUITE (bookworm: 6.1, trixie: 6.12), from its
# image and headers packages; modules are cross-built.  The busybox of
# the initramfs is Debian 12's on every s390x entry; the root filesystem
# (scripts/lib/rootfs.sh) is SUITE's.
# shellcheck disable=SC2034  # K_*: read by the caller (scripts/lib/guest.sh)
kernel_prepare_s390x() {
	local suite=$1 rel root kdir kbuild gcc d moddir
	local -a debs
	read -r -a debs <<<"$(kernel_s390x_fetch "$suite")"
	[ ${#debs[@]} -gt 1 ] || exit 1
	rel=${debs[0]}
	debs=("${debs[@]:1}"
		"$(secex_fetch_deb bookworm s390x "busybox-static:s390x")")
	root=$SECEX_CACHE/kernels/debian-$rel
	kdir=$root/usr/src/linux-headers-$rel
	for d in "${debs[@]}"; do deb_extract "$d" "$root"; done
	# Debian's arch Makefile includes the common one by absolute path and
	# links scripts/ to its release's kbuild (../../lib/linux-kbuild-V):
	# point the one at what we have, the other at the build environment's.
	sed -i "s|^include /usr/src/|include $root/usr/src/|" "$kdir/Makefile"
	kbuild=$(readlink "$kdir/scripts")
	kbuild=${kbuild#../../lib/}
	kbuild=${kbuild%/scripts}
	mkdir -p "$root/usr/lib"
	ln -sfn "/usr/lib/$kbuild" "$root/usr/lib/$kbuild"
	# Debian 12 has /lib/modules, later releases /usr/lib/modules (depmod
	# -b BASE reads BASE/lib/modules).
	moddir=$root
	[ -d "$root/usr/lib/modules/$rel" ] && moddir=$root/usr
	if [ ! -f "$moddir/lib/modules/$rel/modules.dep" ]; then
		depmod -b "$moddir" "$rel" || die "depmod for $rel failed"
	fi
	K_ARCH=s390x
	K_RELEASE=$rel
	K_IMAGE=$root/boot/vmlinuz-$rel
	K_KDIR=$kdir
	K_MODDIR=$moddir/lib/modules/$rel
	K_BUSYBOX=$root/bin/busybox
	K_MAKEFLAGS="ARCH=s390 CROSS_COMPILE=s390x-linux-gnu-"
	# The host (Debian 12) builds for its own release's kernel with its
	# cross compiler and the kbuild of linux-headers-amd64.  A kernel of
	# another release is built in a chroot of that release with the
	# compiler the kernel was built with (CONFIG_GCC_VERSION, and the CC
	# that the headers' .kernelvariables name) and its kbuild.
	K_BUILDENV=""
	if [ "$suite" != "$(sed -n "s/^VERSION_CODENAME=//p" /etc/os-release)" ]; then
		gcc=$(sed -n 's/^CONFIG_GCC_VERSION=\([0-9]*\)[0-9]\{4\}$/\1/p' "$kdir/.config")
		[ -n "$gcc" ] || die "$kdir/.config names no gcc version"
		K_BUILDENV=$(buildenv_prepare "$suite" make perl "gcc-$gcc-s390x-linux-gnu" \
			"$kbuild") || exit 1
	fi
}

# kernel_make ARGS...: make ARGS in the build environment of the prepared
# kernel: the host's, or the chroot K_BUILDENV.
kernel_make() {
	if [ -n "${K_BUILDENV:-}" ]; then
		buildenv_run "$K_BUILDENV" make "$@"
	else
		make "$@"
	fi
}

# shellcheck disable=SC2034  # K_*: read by the caller (scripts/lib/guest.sh)
kernel_prepare() {
	local k src frags=() f base suite=bookworm
	k=$(kernel_canonical "$1")
	src=$(kernel_field "$k" 3)
	for f in $(kernel_field "$k" 4 | tr ',' ' '); do
		[ "$f" = - ] || frags+=("$f")
	done
	K_QEMU="" K_ROOTFS="" K_BUILDNAME=$k K_CPU=$(kernel_cpu "$k")
	case "$src" in
	stock) kernel_prepare_stock ;;
	stock-s390x) kernel_prepare_s390x bookworm ;;
	stock-s390x:*)
		suite=${src#stock-s390x:}
		kernel_prepare_s390x "$suite" ;;
	source:*:*)
		src=${src#source:}
		kernel_prepare_source "$(kernel_arch "$k")" "${src%%:*}" "${src#*:}" "${frags[@]}" ;;
	*) die "matrix entry $k: unknown kernel '$src'" ;;
	esac
	[ "$K_ARCH" = "$(kernel_arch "$k")" ] ||
		die "matrix entry $k: the kernel is $K_ARCH, the table says $(kernel_arch "$k")"
	if base=$(kernel_has "$k" modules-of); then
		K_BUILDNAME=$base
	fi
	if kernel_has "$k" cpacf-qemu; then
		K_QEMU=$(qemu_cpacf_prepare) || exit 1
	fi
	if f=$(kernel_has "$k" rootfs); then
		[ -z "$f" ] || suite=$f
		K_ROOTFS=$(rootfs_s390x_prepare "$suite") || exit 1
	fi
}
