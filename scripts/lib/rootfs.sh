# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# A Debian s390x root filesystem (Debian 12 unless the entry's kernel is
# of another release) for s390x guests that run stock Debian tools
# (cryptsetup, fio, openssl) big-endian.  Made by unpacking the packages
# and their dependencies into a merged-/usr tree, as every Debian install
# since 11 is: no maintainer scripts run and no debootstrap is needed; the
# few things a script would have made are made here.  The guest mounts it
# read-only over virtio-9p.  Cached, keyed by the suite and the exact
# package files, so a point release rebuilds it.

# lvm2 and e2fsprogs: make test-boot-s390x makes its disks in such a guest.
ROOTFS_S390X_PKGS="bash dash coreutils util-linux mount kmod cryptsetup-bin
	dmsetup fio openssl grep sed mawk findutils diffutils procps gzip xxd
	systemd lvm2 e2fsprogs"

# rootfs_s390x_prepare [SUITE]: print the root of SUITE's (bookworm's)
# root filesystem.
rootfs_s390x_prepare() {
	local suite=${1:-bookworm}
	local apt=$SECEX_CACHE/apt/$suite-s390x work=$SECEX_CACHE/rootfs/$suite
	local status=$work/status-empty uris=$work/uris hash dir
	local -a pkgs opts debs
	read -r -a pkgs <<<"$(echo $ROOTFS_S390X_PKGS)"
	mkdir -p "$work"
	# The package resolution writes shared files: one run at a time.
	secex_lock "$SECEX_CACHE/rootfs"
	: >"$status"
	# An empty dpkg status: resolve the whole closure for s390x, as for a
	# machine with nothing installed.
	opts=(-o Dir::State::status="$status" -o APT::Architecture=s390x
		-o APT::Get::Assume-Yes=true --no-install-recommends)
	secex_apt_update "$suite" s390x
	# --print-uris leaves out what the archive cache holds: resolve
	# against an empty one.
	mkdir -p "$work/resolve/partial"
	secex_apt "$suite" s390x "${opts[@]}" \
		-o Dir::Cache::archives="$work/resolve" \
		install --print-uris -qq "${pkgs[@]}" >"$uris" 2>&1 ||
		{ cat "$uris" >&2; die "cannot resolve the $suite s390x root filesystem packages"; }
	grep -q "_s390x.deb" "$uris" ||
		die "no $suite s390x packages resolved for the root filesystem"
	# Keyed by the packages and by how they are unpacked and fixed up.
	hash=$( { awk '{ print $2 }' "$uris" | sort
		  declare -f rootfs_s390x_unpack rootfs_s390x_fixup; } |
		sha256sum | cut -c1-12)
	dir=$SECEX_CACHE/rootfs/$suite-s390x-$hash
	if [ ! -f "$dir/.done" ]; then
		note "unpacking a Debian $suite s390x root filesystem (cached in $dir)"
		secex_apt "$suite" s390x "${opts[@]}" install --download-only -qq \
			"${pkgs[@]}" >/dev/null 2>&1 ||
			die "cannot download the $suite s390x root filesystem packages"
		rm -rf "$dir"
		mapfile -t debs < <(awk -v a="$apt/archives/" '{ print a $2 }' "$uris")
		rootfs_s390x_unpack "$dir/root" "${debs[@]}"
		rootfs_s390x_fixup "$dir/root"
		touch "$dir/.done"
	fi
	secex_unlock "$SECEX_CACHE/rootfs"
	echo "$dir/root"
}

# rootfs_s390x_unpack ROOT DEB...: unpack into a merged-/usr ROOT.  The
# aliases /bin, /sbin and /lib come first and tar keeps them (dpkg-deb -x
# would replace them by directories): Debian 12's packages still ship
# files below them, Debian 13's below /usr only.
rootfs_s390x_unpack() {
	local r=$1 d deb
	shift
	mkdir -p "$r/usr"
	for d in bin sbin lib; do
		mkdir -p "$r/usr/$d"
		ln -sfn "usr/$d" "$r/$d"
	done
	for deb; do
		dpkg-deb --fsys-tarfile "$deb" |
			tar -x --keep-directory-symlink -C "$r" ||
			die "cannot unpack $deb"
	done
}

# What maintainer scripts and alternatives would have made.
rootfs_s390x_fixup() {
	local r=$1
	[ -e "$r/usr/bin/sh" ] || ln -s dash "$r/usr/bin/sh"
	[ -e "$r/usr/bin/awk" ] || ln -s mawk "$r/usr/bin/awk"
	mkdir -p "$r"/{proc,sys,dev,tmp,run,root,mnt,secex} "$r/etc" "$r/usr/lib/modules" "$r/var/tmp"
	# libcryptsetup's token plugin folder: a test mounts its own over it.
	mkdir -p "$r/usr/lib/s390x-linux-gnu/cryptsetup"
	printf 'root:x:0:0:root:/root:/bin/bash\n' >"$r/etc/passwd"
	printf 'root:x:0:\ndisk:x:6:\n' >"$r/etc/group"
	: >"$r/etc/fstab"
	ln -sfn /proc/self/mounts "$r/etc/mtab"
	ln -sfn /run/lock "$r/var/lock"
}
