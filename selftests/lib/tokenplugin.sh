# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# The secex-uv LUKS2 token plugin, made loadable in a test guest (POSIX sh).
#
#   token_plugin_install SO TMPDIR
#
# Debian's libcryptsetup 2.6 loads plugins from one compiled-in folder and
# cannot be pointed elsewhere (2.7's --external-tokens-path is missing),
# and the guest's root filesystem is the host's, read-only: a copy of that
# folder, with plugin SO added, is mounted over it in this guest only.

token_plugin_install() {
	_tp_dir=$(cryptsetup --help | sed -n 's/^LUKS2 external token plugin path: \(.*\)\.$/\1/p')
	if [ -z "$_tp_dir" ] || [ ! -d "$_tp_dir" ]; then
		echo "cryptsetup names no plugin folder, or it does not exist: '$_tp_dir'"
		return 1
	fi
	mkdir -p "$2/plugins" && cp -a "$_tp_dir/." "$2/plugins/" &&
		cp "$1" "$2/plugins/libcryptsetup-token-secex-uv.so" &&
		mount --bind "$2/plugins" "$_tp_dir"
}
