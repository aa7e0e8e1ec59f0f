# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# A Debian 12 s390x root filesystem for s390x guests that run stock Debian
# tools (cryptsetup, fio, openssl) big-endian.  Made by unpacking the
# packages and their dependencies with dpkg-deb: no maintainer scripts run
# and no debootstrap is needed; the few things a script would have made are
# made here.  The guest mounts it read-only over virtio-9p.  Cached, keyed
# by the exact package files, so a point release rebuilds it.

# lvm2 and e2fsprogs: make test-boot-s390x makes its disks in such a guest.
ROOTFS_S390X_PKGS="bash dash coreutils util-linux mount kmod cryptsetup-bin
	dmsetup fio openssl grep sed mawk findutils diffutils procps gzip xxd
	systemd lvm2 e2fsprogs"

rootfs_s390x_prepare() {
	local apt=$SECEX_CACHE/apt/bookworm-s390x status=$SECEX_CACHE/rootfs/status-empty
	local hash dir deb
	local -a pkgs opts debs
	read -r -a pkgs <<<"$(echo $ROOTFS_S390X_PKGS)"
	mkdir -p "$SECEX_CACHE/rootfs"
	# The package resolution writes shared files: one run at a time.
	secex_lock "$SECEX_CACHE/rootfs"
	: >"$status"
	# An empty dpkg status: resolve the whole closure for s390x, as for a
	# machine with nothing installed.
	opts=(-o Dir::State::status="$status" -o APT::Architecture=s390x
		-o APT::Get::Assume-Yes=true --no-install-recommends)
	secex_apt_update bookworm s390x
	# --print-uris leaves out what the archive cache holds: resolve
	# against an empty one.
	mkdir -p "$SECEX_CACHE/rootfs/resolve/partial"
	secex_apt bookworm s390x "${opts[@]}" \
		-o Dir::Cache::archives="$SECEX_CACHE/rootfs/resolve" \
		install --print-uris -qq "${pkgs[@]}" >"$SECEX_CACHE/rootfs/uris" 2>&1 ||
		{ cat "$SECEX_CACHE/rootfs/uris" >&2; die "cannot resolve the s390x root filesystem packages"; }
	grep -q "_s390x.deb" "$SECEX_CACHE/rootfs/uris" ||
		die "no s390x packages resolved for the root filesystem"
	# Keyed by the packages and by what the fixup makes of them.
	hash=$( { awk '{ print $2 }' "$SECEX_CACHE/rootfs/uris" | sort
		  declare -f rootfs_s390x_fixup; } | sha256sum | cut -c1-12)
	dir=$SECEX_CACHE/rootfs/debian12-s390x-$hash
	if [ ! -f "$dir/.done" ]; then
		note "unpacking a Debian 12 s390x root filesystem (cached in $dir)"
		secex_apt bookworm s390x "${opts[@]}" install --download-only -qq \
			"${pkgs[@]}" >/dev/null 2>&1 ||
			die "cannot download the s390x root filesystem packages"
		rm -rf "$dir"
		mkdir -p "$dir/root"
		mapfile -t debs < <(awk '{ print $2 }' "$SECEX_CACHE/rootfs/uris")
		for deb in "${debs[@]}"; do
			dpkg-deb -x "$apt/archives/$deb" "$dir/root" ||
				die "cannot unpack $deb"
		done
		rootfs_s390x_fixup "$dir/root"
		touch "$dir/.done"
	fi
	secex_unlock "$SECEX_CACHE/rootfs"
	echo "$dir/root"
}

# What maintainer scripts and alternatives would have made.
rootfs_s390x_fixup() {
	local r=$1
	[ -e "$r/bin/sh" ] || ln -s dash "$r/bin/sh"
	[ -e "$r/usr/bin/awk" ] || ln -s mawk "$r/usr/bin/awk"
	mkdir -p "$r"/{proc,sys,dev,tmp,run,root,mnt,secex} "$r/etc" "$r/lib/modules" "$r/var/tmp"
	# libcryptsetup's token plugin folder: a test mounts its own over it.
	mkdir -p "$r/lib/s390x-linux-gnu/cryptsetup"
	printf 'root:x:0:0:root:/root:/bin/bash\n' >"$r/etc/passwd"
	printf 'root:x:0:\ndisk:x:6:\n' >"$r/etc/group"
	: >"$r/etc/fstab"
	ln -sfn /proc/self/mounts "$r/etc/mtab"
	ln -sfn /run/lock "$r/var/lock"
}
