# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Pieces of Debian's linux-source-6.1 that kernel headers do not ship:
# checkpatch.pl (with its data files) and kunit.py.  Extracted once into
# $SECEX_CACHE/ksrc-6.1; prints that directory.  The kselftest headers
# come from 7.x (kselftest_prepare).

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

# kselftest.h and kselftest_harness.h of Debian's newest linux-source-7.x
# (the package the 7.x kernels of the matrix are built from): in its
# harness, SKIP() in a fixture's setup ends the test (6.1's runs the test
# body anyway).  Linux's own test of /dev/uv (test_uvdevice.c) comes along.
# Extracted once into $SECEX_CACHE/kselftest-PKG; prints the folder to put
# on the include path.
kselftest_prepare() {
	local pkg deb dir tmp tarball
	pkg=$(secex_newest_pkg sid amd64 'linux-source-7\.[0-9]+')
	[ -n "$pkg" ] || die "no linux-source-7.x in Debian sid"
	deb=$(secex_fetch_deb sid amd64 "$pkg")
	dir=$SECEX_CACHE/kselftest-$(basename "$deb" .deb)
	secex_lock "$dir"
	if [ ! -f "$dir/.done" ] || [ ! -f "$dir/drivers/s390x/uvdevice/test_uvdevice.c" ]; then
		tmp=$(mktemp -d "$SECEX_CACHE/kselftest.XXXXXX")
		dpkg-deb --fsys-tarfile "$deb" |
			tar -x -C "$tmp" --wildcards './usr/src/linux-source-*.tar.*'
		tarball=$(ls "$tmp"/usr/src/linux-source-*.tar.* | head -n1)
		rm -rf "$dir"
		mkdir -p "$dir"
		tar -xf "$tarball" -C "$dir" --strip-components=4 --wildcards \
			'*/tools/testing/selftests/kselftest.h' \
			'*/tools/testing/selftests/kselftest_harness.h' \
			'*/tools/testing/selftests/drivers/s390x/uvdevice/test_uvdevice.c' ||
			die "cannot extract the kselftest headers from $tarball"
		rm -rf "$tmp"
		[ -f "$dir/kselftest_harness.h" ] || die "no kselftest_harness.h in $tarball"
		touch "$dir/.done"
	fi
	secex_unlock "$dir"
	echo "$dir"
}
