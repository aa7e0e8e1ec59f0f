# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Linux 6.14+ needs a sparse that knows __typeof_unqual__; bookworm's 0.6.4
# does not (kbuild then silently skips C=2).  Build Debian sid's sparse from
# its source package once, with the host compiler; print the binary.

sparse_prepare() {
	local dir=$SECEX_CACHE/sparse apt=$SECEX_CACHE/apt/sid-src src
	secex_lock "$dir"
	if [ ! -x "$dir/sparse" ]; then
		mkdir -p "$apt/lists/partial" "$dir/src"
		echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main" >"$apt/sources.list"
		local -a o
		secex_apt_private "$apt"
		o=("${SECEX_APT_OPTS[@]}")
		apt-get -q "${o[@]}" update >/dev/null 2>&1 || die "apt update (sid sources) failed"
		(cd "$dir/src" && apt-get -q "${o[@]}" source --download-only sparse >/dev/null 2>&1) ||
			die "cannot download the sparse source package"
		tar -xf "$(ls "$dir"/src/sparse_*.orig.tar.* | head -n1)" -C "$dir/src" || die "cannot unpack sparse"
		src=$(find "$dir/src" -mindepth 1 -maxdepth 1 -type d -name 'sparse*' | head -n1)
		make -C "$src" -j"$(nproc)" sparse >"$dir/build.log" 2>&1 ||
			die "building sparse failed (see $dir/build.log)"
		cp "$src/sparse" "$dir/sparse"
	fi
	secex_unlock "$dir"
	echo "$dir/sparse"
}
