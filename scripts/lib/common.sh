# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Shared helpers of the VM harness: cache locations and a private apt state,
# so that downloads never touch the system's sources list.

SECEX_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SECEX_CACHE=${SECEX_CACHE:-/var/cache/secex}
SECEX_BUILD=${SECEX_BUILD:-$SECEX_TOP/build}

die() { echo "secex: error: $*" >&2; exit 1; }
note() { echo "secex: $*" >&2; }

# Two harness runs at once share $SECEX_CACHE and $SECEX_BUILD: whoever
# checks, builds or replaces an entry holds its lock (PATH.lock, flock),
# and the other waits instead of removing the entry under it.
#   secex_lock PATH     until secex_unlock PATH or the (sub)shell's exit
declare -gA SECEX_LOCK_FDS=()
secex_lock() {
	local fd
	mkdir -p "$(dirname "$1")"
	exec {fd}>"$1.lock" || die "cannot open $1.lock"
	if ! flock -n "$fd"; then
		note "waiting for another harness run to finish with $1"
		flock "$fd" || die "cannot lock $1.lock"
	fi
	SECEX_LOCK_FDS[$1]=$fd
}

secex_unlock() {
	local fd=${SECEX_LOCK_FDS[$1]:-}
	[ -n "$fd" ] || return 0
	exec {fd}>&-
	unset "SECEX_LOCK_FDS[$1]"
}

# The options that give apt a private state in DIR (DIR/sources.list and
# DIR/lists, no lock, no sandbox user): the one list of them, for every
# private apt-get and apt-cache here.  Sets the array SECEX_APT_OPTS.
secex_apt_private() {
	SECEX_APT_OPTS=(-o Dir::Etc::sourcelist="$1/sources.list"
		-o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$1/lists"
		-o APT::Sandbox::User=root -o Debug::NoLocking=1)
}

# The Debian mirror the host's own apt uses (else deb.debian.org): every
# download of the harness goes there.
secex_mirror() {
	local uri
	uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null)
	[ -n "$uri" ] || uri=$(awk '/^deb / && !/security/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
	echo "${uri:-http://deb.debian.org/debian}"
}

# apt with its own sources.list and lists dir: one per suite.
#   secex_apt SUITE ARCHS apt-get-args...
secex_apt() {
	local suite=$1 archs=$2; shift 2
	local dir=$SECEX_CACHE/apt/$suite-${archs//,/-}
	mkdir -p "$dir/lists/partial" "$dir/archives/partial"
	if [ ! -f "$dir/sources.list" ]; then
		echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(secex_mirror) $suite main" >"$dir/sources.list"
		if [ "$suite" = bookworm ]; then
			echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian-security bookworm-security main" >>"$dir/sources.list"
		fi
	fi
	secex_apt_private "$dir"
	apt-get -q "${SECEX_APT_OPTS[@]}" \
		-o Dir::Cache::archives="$dir/archives" \
		-o Dir::State::status=/var/lib/dpkg/status \
		-o APT::Architectures="$archs" "$@"
}

# The file whose time is the last refresh of a suite's package lists.
secex_lists_stamp() {
	echo "$SECEX_CACHE/apt/$1-${2//,/-}/lists/.updated"
}

# Refresh a suite's package lists at most once a day.
secex_apt_update() {
	local suite=$1 archs=$2 stamp try
	stamp=$(secex_lists_stamp "$suite" "$archs")
	if [ -z "$(find "$stamp" -mmin -1440 2>/dev/null)" ]; then
		# Mirrors hiccup (a half-written InRelease, say): try thrice.
		for try in 1 2 3; do
			secex_apt "$suite" "$archs" update >/dev/null && break
			[ $try = 3 ] && die "apt update for $suite failed"
			rm -rf "$SECEX_CACHE/apt/$suite-${archs//,/-}/lists/partial/"*
			sleep $((try * 5))
		done
		touch "$stamp"
	fi
}

# Download PKG (name[:arch]) of SUITE into the cache; print the .deb path.
# secex_try_fetch_deb returns 1 (and says why) where the mirror does not
# serve it; secex_fetch_deb ends the run then.  An index can name a
# package whose file the mirror does not hold: such a package is not
# asked for again until the lists are refreshed (DIR/.missing-NAME_ARCH,
# newer than their stamp).
secex_try_fetch_deb() {
	local suite=$1 archs=$2 pkg=$3
	local dir=$SECEX_CACHE/debs/$suite
	local name=${pkg%%:*} arch=all f miss
	[ "$pkg" != "$name" ] && arch=${pkg#*:}
	miss=$dir/.missing-${name}_$arch
	mkdir -p "$dir"
	f=$(ls "$dir/${name}_"*"_$arch.deb" "$dir/${name}_"*"_all.deb" 2>/dev/null | head -n1)
	if [ -z "$f" ]; then
		secex_apt_update "$suite" "$archs"
		[ "$miss" -nt "$(secex_lists_stamp "$suite" "$archs")" ] && return 1
		(cd "$dir" && secex_apt "$suite" "$archs" download "$pkg" >/dev/null) || {
			touch "$miss"
			note "cannot download $pkg from $suite"
			return 1
		}
		f=$(ls "$dir/${name}_"*"_$arch.deb" "$dir/${name}_"*"_all.deb" 2>/dev/null | head -n1)
	fi
	[ -n "$f" ] || { note "download of $pkg left no .deb"; return 1; }
	echo "$f"
}

secex_fetch_deb() {
	secex_try_fetch_deb "$@" || die "cannot fetch $3 from $1"
}

# Names of the packages of SUITE matching a regex, oldest version first
# (e.g. linux-image-6.12.107+deb13-s390x, then ...117+deb13...).
secex_pkgs() {
	local suite=$1 archs=$2 regex=$3
	secex_apt_update "$suite" "$archs"
	secex_apt "$suite" "$archs" install --print-uris -s dummy-nothing >/dev/null 2>&1
	secex_apt_private "$SECEX_CACHE/apt/$suite-${archs//,/-}"
	apt-cache "${SECEX_APT_OPTS[@]}" \
		-o Dir::State::status=/var/lib/dpkg/status \
		-o APT::Architectures="$archs" \
		-o Dir::Cache::pkgcache="" -o Dir::Cache::srcpkgcache="" \
		pkgnames | grep -E "^$regex\$" | sort -V
}

# Name of the newest package matching a regex in SUITE (e.g. linux-source-7.*).
secex_newest_pkg() {
	secex_pkgs "$@" | tail -n1
}

# The stock Debian 12 amd64 kernel release whose headers are installed.
secex_stock_release() {
	local r
	r=$(ls -d /usr/src/linux-headers-6.1.0-*-amd64 2>/dev/null | sort -V | tail -n1)
	[ -n "$r" ] || die "no Debian 6.1 amd64 headers: apt-get install linux-headers-amd64"
	echo "${r#/usr/src/linux-headers-}"
}
