# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Build environments of another Debian release, for module builds against
# a kernel that the host's toolchain cannot build for.  Debian's headers
# carry the flags of the compiler that built the kernel (gcc-14 for
# Debian 13's, which bookworm's gcc-12 rejects) and link scripts/ to
# their release's linux-kbuild, whose modpost needs that release's glibc:
# such a kernel's modules are built in a chroot of its own release, made
# by mmdebstrap (amd64, minbase, the packages named) and cached in
# $SECEX_CACHE/buildenv/, keyed by the suite and the package list (the
# archive's point releases are not part of the key: remove the folder to
# take them).
#
#   root=$(buildenv_prepare trixie make gcc-14-s390x-linux-gnu ...)
#   buildenv_run "$root" make -C ... M=...

# Print the root of SUITE's build environment with the packages PKGS.
buildenv_prepare() {
	local suite=$1 hash dir
	local -a pkgs
	[ "$(id -u)" = 0 ] || die "a $suite build environment needs root (mmdebstrap, chroot)"
	mapfile -t pkgs < <(printf '%s\n' "${@:2}" | sort -u)
	# Documentation and translations are of no use to a compiler.
	local -a args=(--variant=minbase --mode=root --architectures=amd64 --quiet
		--dpkgopt='path-exclude=/usr/share/doc/*'
		--dpkgopt='path-exclude=/usr/share/man/*'
		--dpkgopt='path-exclude=/usr/share/locale/*'
		--include="$(IFS=,; echo "${pkgs[*]}")")
	hash=$(printf '%s\n' "$suite" "${args[@]}" | sha256sum | cut -c1-12)
	dir=$SECEX_CACHE/buildenv/$suite-amd64-$hash
	secex_lock "$dir"
	if [ ! -f "$dir/.done" ]; then
		command -v mmdebstrap >/dev/null 2>&1 || die "no mmdebstrap: run scripts/setup"
		note "making a $suite build environment with ${pkgs[*]} (cached in $dir; a few minutes)"
		rm -rf "$dir"
		mkdir -p "$dir"
		mmdebstrap "${args[@]}" "$suite" "$dir/root" \
			"deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(secex_mirror) $suite main" \
			>"$dir/mmdebstrap.log" 2>&1 ||
			{ tail -n 20 "$dir/mmdebstrap.log" >&2; die "mmdebstrap of the $suite build environment failed (log: $dir/mmdebstrap.log)"; }
		touch "$dir/.done"
	fi
	secex_unlock "$dir"
	echo "$dir/root"
}

# buildenv_run ROOT CMD...: CMD in the build environment ROOT, with
# $SECEX_CACHE (the kernel's headers, sparse) and $SECEX_BUILD (our module
# builds) at their own paths, so that the paths Kbuild and modpost record
# hold on the host too.  The mounts live in a mount namespace of their
# own: they end with CMD, whatever ends it.  /tmp is the run's own tmpfs,
# so that two runs at once share nothing in the cached root but its files.
buildenv_run() {
	local root=$1 d
	shift
	# The mount points are made once in the cached root: empty folders
	# that any run may use.
	for d in "$SECEX_CACHE" "$SECEX_BUILD"; do
		mkdir -p "$root$d" || die "cannot make $root$d"
	done
	# shellcheck disable=SC2016  # expanded by the inner bash
	unshare --mount --propagation private bash -c '
		root=$1 cache=$2 build=$3
		shift 3
		mount --rbind /dev "$root/dev" && mount -t proc proc "$root/proc" &&
			mount -t tmpfs tmpfs "$root/tmp" &&
			mount --bind "$cache" "$root$cache" &&
			mount --bind "$build" "$root$build" || exit 125
		# The host TMPDIR need not exist in the build environment.
		exec chroot "$root" env -u TMPDIR "$@"' \
		buildenv "$root" "$SECEX_CACHE" "$SECEX_BUILD" "$@"
}
