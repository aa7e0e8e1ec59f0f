# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# The s390x QEMU with CPACF protected-key functions and the guest's
# Ultravisor Call: Debian 12's qemu source package, our emulation sources
# (emulator/qemu/*.[ch] and the ultravisor core emulator/uv/*.[ch], copied
# into target/s390x/tcg/) and the patches that wire them in
# (scripts/qemu/*.patch),
# only the s390x system emulator, TCG only.  Built once and cached, keyed by
# the source package, those sources and patches and the configure options;
# qemu_cpacf_prepare prints the binary.  See Documentation/cpacf-emulation.md.

QEMU_CPACF_CONFIGURE=(--target-list=s390x-softmmu --without-default-features
	--enable-tcg --enable-virtfs --enable-attr --enable-cap-ng --enable-nettle
	--disable-docs --disable-install-blobs --disable-werror)

qemu_cpacf_prepare() {
	local apt=$SECEX_CACHE/apt/bookworm-src dl=$SECEX_CACHE/qemu/src
	local dsc hash dir p
	local -a o QEMU_EMULATOR_SOURCES
	# Our emulation's own source files, which the patches add to QEMU's build.
	mapfile -t QEMU_EMULATOR_SOURCES < <(cd "$SECEX_TOP" && ls emulator/qemu/*.[ch] emulator/uv/*.[ch])
	secex_apt_private "$apt"
	o=("${SECEX_APT_OPTS[@]}")
	mkdir -p "$apt/lists/partial" "$dl"
	dsc=$(ls "$dl"/qemu_*.dsc 2>/dev/null | sort -V | tail -n1)
	if [ -z "$dsc" ]; then
		{
			echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main"
			echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian-security bookworm-security main"
		} >"$apt/sources.list"
		apt-get -q "${o[@]}" update >/dev/null 2>&1 || die "apt update (bookworm sources) failed"
		(cd "$dl" && apt-get -q "${o[@]}" source --download-only qemu >/dev/null 2>&1) ||
			die "cannot download Debian 12's qemu source package"
		dsc=$(ls "$dl"/qemu_*.dsc | sort -V | tail -n1)
	fi
	hash=$( (basename "$dsc"; cat "$SECEX_TOP"/scripts/qemu/*.patch;
		for p in "${QEMU_EMULATOR_SOURCES[@]}"; do echo "$p"; cat "$SECEX_TOP/$p"; done;
		echo "${QEMU_CPACF_CONFIGURE[*]}"; gcc --version | head -n1) |
		sha256sum | cut -c1-12)
	dir=$SECEX_CACHE/qemu/cpacf-$hash
	secex_lock "$dir"
	if [ ! -x "$dir/qemu-system-s390x" ]; then
		note "building qemu-system-s390x with CPACF protected-key functions (cached in $dir; takes a few minutes)"
		rm -rf "$dir"
		mkdir -p "$dir"
		dpkg-source --no-check -x "$dsc" "$dir/src" >"$dir/build.log" 2>&1 ||
			die "cannot unpack $dsc (see $dir/build.log)"
		for p in "${QEMU_EMULATOR_SOURCES[@]}"; do
			cp "$SECEX_TOP/$p" "$dir/src/target/s390x/tcg/"
		done
		for p in "$SECEX_TOP"/scripts/qemu/*.patch; do
			patch -d "$dir/src" -p1 --no-backup-if-mismatch <"$p" >>"$dir/build.log" 2>&1 ||
				die "$(basename "$p") does not apply (see $dir/build.log)"
		done
		mkdir -p "$dir/build"
		(
			cd "$dir/build" &&
			../src/configure "${QEMU_CPACF_CONFIGURE[@]}" &&
			ninja -j"$(nproc)" qemu-system-s390x
		) >>"$dir/build.log" 2>&1 || { tail -n 40 "$dir/build.log" >&2; die "QEMU build failed (log: $dir/build.log)"; }
		cp "$dir/build/qemu-system-s390x" "$dir/qemu-system-s390x.tmp"
		mv "$dir/qemu-system-s390x.tmp" "$dir/qemu-system-s390x"
		rm -rf "$dir/src" "$dir/build" "$dir"/*.tar.*
	fi
	secex_unlock "$dir"
	echo "$dir/qemu-system-s390x"
}
