# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Pieces of Debian's linux-source-6.1 that kernel headers do not ship:
# kselftest_harness.h, checkpatch.pl (with its data files) and kunit.py.
# Extracted once into $SECEX_CACHE/ksrc-6.1; prints that directory.

ksrc_prepare() {
	local dir=$SECEX_CACHE/ksrc-6.1 deb tarball tmp
	secex_lock "$dir"
	if [ ! -f "$dir/.done" ]; then
		deb=$(secex_fetch_deb bookworm amd64 linux-source-6.1)
		tmp=$(mktemp -d "$SECEX_CACHE/ksrc.XXXXXX")
		dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" --wildcards './usr/src/linux-source-6.1.tar.xz'
		tarball=$tmp/usr/src/linux-source-6.1.tar.xz
		rm -rf "$dir"
		mkdir -p "$dir"
		tar -xJf "$tarball" -C "$dir" --strip-components=1 \
			linux-source-6.1/tools/testing/selftests/kselftest.h \
			linux-source-6.1/tools/testing/selftests/kselftest_harness.h \
			linux-source-6.1/tools/testing/kunit \
			linux-source-6.1/scripts/checkpatch.pl \
			linux-source-6.1/scripts/spelling.txt \
			linux-source-6.1/scripts/const_structs.checkpatch \
			linux-source-6.1/.clang-format || die "cannot extract from $tarball"
		rm -rf "$tmp"
		touch "$dir/.done"
	fi
	secex_unlock "$dir"
	echo "$dir"
}
