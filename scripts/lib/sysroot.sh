# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# The s390x libraries that secex-key is cross-linked against.  secex-key
# and the token plugin use libcryptsetup, json-c and libcrypto (the
# header MAC), and Debian ships no static libcryptsetup:
# the s390x secex-key is linked dynamically, against Debian 12's s390x
# packages unpacked here, and runs on the s390x-cpacf guest's Debian 12
# root filesystem, whose cryptsetup brings the same libraries.  glibc is
# the cross toolchain's (libc6-dev-s390x-cross, the same 2.36).
#
# Only the three -dev packages and the shared libraries the linker must see
# for libcryptsetup's own dependencies (-rpath-link) are fetched, with
# `apt-get download` into a private apt state and `dpkg-deb -x`: no
# maintainer scripts, no resolution of a whole closure.  Cached, keyed by
# the exact package files, so a point release makes a new one.
#
#   make -C userspace secex-key CC=s390x-linux-gnu-gcc \
#        KEY_SYSROOT="$(sysroot_s390x_prepare)"

SYSROOT_S390X_PKGS=(libcryptsetup-dev libcryptsetup12 libjson-c-dev libjson-c5
	libssl-dev libuuid1 libdevmapper1.02.1 libssl3 libargon2-1 libblkid1 libselinux1
	libudev1 libpcre2-8-0)

# Print the sysroot folder (its usr/include and usr/lib/s390x-linux-gnu).
sysroot_s390x_prepare() {
	local top=$SECEX_CACHE/sysroot uris hash dir deb
	local -a pkgs=("${SYSROOT_S390X_PKGS[@]/%/:s390x}") debs
	mkdir -p "$top"
	secex_lock "$top"
	secex_apt_update bookworm s390x
	# The file names carry the versions: they name the cache entry.
	uris=$(secex_apt bookworm s390x -o Dir::Cache::pkgcache= \
		-o Dir::Cache::srcpkgcache= download --print-uris "${pkgs[@]}" 2>&1) ||
		{ echo "$uris" >&2; die "cannot resolve the s390x sysroot packages"; }
	mapfile -t debs < <(awk '/_s390x\.deb/ { print $2 }' <<<"$uris" | sort)
	[ ${#debs[@]} = ${#pkgs[@]} ] ||
		die "the s390x sysroot needs ${#pkgs[@]} packages, apt found ${#debs[@]}"
	hash=$(printf '%s\n' "${debs[@]}" | sha256sum | cut -c1-12)
	dir=$top/debian12-s390x-$hash
	if [ ! -f "$dir/.done" ]; then
		note "unpacking the s390x libraries for secex-key (cached in $dir)"
		rm -rf "$dir"
		mkdir -p "$dir/debs" "$dir/root/usr/lib"
		(cd "$dir/debs" && secex_apt bookworm s390x -o Dir::Cache::pkgcache= \
			-o Dir::Cache::srcpkgcache= download "${pkgs[@]}" >/dev/null) ||
			die "cannot download the s390x sysroot packages"
		for deb in "${debs[@]}"; do
			dpkg-deb -x "$dir/debs/$deb" "$dir/root" || die "cannot unpack $deb"
		done
		# Debian 12 merges /lib into /usr/lib; the -dev links (usr/lib)
		# point at libraries some packages still ship in lib.
		if [ -d "$dir/root/lib" ]; then
			cp -a "$dir/root/lib/." "$dir/root/usr/lib/" ||
				die "cannot merge lib into usr/lib in $dir"
			rm -rf "$dir/root/lib"
		fi
		rm -rf "$dir/debs"
		for f in usr/lib/s390x-linux-gnu/libcryptsetup.so \
			usr/lib/s390x-linux-gnu/libjson-c.so usr/include/libcryptsetup.h \
			usr/include/json-c/json.h usr/include/openssl/evp.h \
			usr/lib/s390x-linux-gnu/libcrypto.so; do
			[ -e "$dir/root/$f" ] || die "the s390x sysroot $dir lacks $f"
		done
		touch "$dir/.done"
	fi
	secex_unlock "$top"
	echo "$dir/root"
}

# userspace_s390x_build uv|key: the guests' tools for s390x, in
# $SECEX_BUILD/userspace/s390x (the harness binds that folder into its
# s390x guests; make test-boot-s390x puts them into the image):
#   uv   secex-uv, static: the busybox guest has no dynamic loader;
#   key  secex-key and the token plugin, cross-linked against Debian 12's
#        s390x libraries (sysroot_s390x_prepare).
userspace_s390x_build() {
	local o=$SECEX_BUILD/userspace/s390x sysroot
	mkdir -p "$o"
	case "$1" in
	uv)	make -s -C "$SECEX_TOP/userspace" secex-uv STATIC=1 \
			LDFLAGS=-static CC=s390x-linux-gnu-gcc O="$o" >/dev/null ;;
	key)	sysroot=$(sysroot_s390x_prepare) &&
		make -s -C "$SECEX_TOP/userspace" secex-key \
			libcryptsetup-token-secex-uv.so CC=s390x-linux-gnu-gcc \
			KEY_SYSROOT="$sysroot" O="$o" >/dev/null ;;
	*)	die "userspace_s390x_build: uv or key, not '$1'" ;;
	esac
}
