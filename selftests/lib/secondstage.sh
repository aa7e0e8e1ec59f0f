# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# mmdebstrap's own steps for an image of another architecture (POSIX sh),
# run natively by an s390x guest on an image that mmdebstrap could only
# unpack (scripts/lib/bootimg.sh, --variant=extract): the Essential:yes
# packages with dpkg (nothing can be configured before them), then the
# rest with apt, offline, from the packages and lists mmdebstrap left in
# apt's cache.  INITRD=No: a kernel's postinst makes no initramfs (the
# caller makes one, with what it adds to the image).
#
#   image_bind ROOT            bind /dev, /proc and /sys into the mounted
#                              image ROOT, and make its /run a tmpfs
#   image_unbind ROOT          undo that
#   second_stage ROOT TMPDIR   ROOT: the mounted image, bound so
# Nothing to do where apt's cache holds no package (mmdebstrap installed
# them itself).  The log of a failed step goes to stderr.

image_bind() {
	for _ib_d in dev proc sys; do
		mkdir -p "$1/$_ib_d" && mount --bind "/$_ib_d" "$1/$_ib_d" || return 1
	done
	mkdir -p "$1/run" && mount -t tmpfs tmpfs "$1/run"
}

image_unbind() {
	umount "$1/run" "$1/sys" "$1/proc" "$1/dev"
}

# in_root ROOT CMD...: CMD chrooted into ROOT, as the image's admin runs it
in_root() {
	_r=$1
	shift
	chroot "$_r" env PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"
}

second_stage() {
	_ss_root=$1 _ss_tmp=$2
	[ -n "$(ls "$_ss_root"/var/cache/apt/archives/*.deb 2>/dev/null)" ] || return 0
	for _ss_f in "$_ss_root"/var/cache/apt/archives/*.deb; do
		_ss_f=${_ss_f#"$_ss_root"}
		[ "$(in_root "$_ss_root" dpkg-deb -f "$_ss_f" Essential)" = yes ] && echo "$_ss_f"
	done >"$_ss_tmp/essential"
	# shellcheck disable=SC2046 # one word per package file
	in_root "$_ss_root" env INITRD=No dpkg --install --force-depends $(cat "$_ss_tmp/essential") \
		>"$_ss_tmp/stage2.log" 2>&1 || { tail -n 40 "$_ss_tmp/stage2.log" >&2; return 1; }
	# shellcheck disable=SC2046 # one word per package
	in_root "$_ss_root" env INITRD=No apt-get install -f -y -q --no-download \
		--no-install-recommends -o Dpkg::Use-Pty=0 \
		$(ls "$_ss_root/var/cache/apt/archives" | sed -n 's/_.*\.deb$//p') \
		>"$_ss_tmp/stage2.log" 2>&1 || { tail -n 40 "$_ss_tmp/stage2.log" >&2; return 1; }
	in_root "$_ss_root" dpkg --audit >&2 || true
	in_root "$_ss_root" apt-get clean
}
