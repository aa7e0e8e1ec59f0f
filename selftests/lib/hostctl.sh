# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Requests from a shell test to the machine it runs on (POSIX sh): the
# harness's virtio-serial port $SECEX_HOST_CTL carries them to the QEMU
# monitor (scripts/qemu/hostctl.py; C tests: hostctl.h).
#
#   host_request REQUEST   0 on "ok", 1 on an error reply, 2 without a port

host_request() {
	[ -n "${SECEX_HOST_CTL:-}" ] && [ -c "$SECEX_HOST_CTL" ] || return 2
	exec 9<>"$SECEX_HOST_CTL" || return 1
	echo "$1" >&9
	read -r _host_reply <&9
	exec 9>&-
	case "$_host_reply" in
	ok*) return 0 ;;
	esac
	echo "host: $_host_reply" >&2
	return 1
}

# Whether dm-crypt's xts(paes) runs on the machine's CPACF here, where the
# machine's wrapping key can be changed from the host.
host_cpacf_paes() {
	grep -q '^driver *: xts-paes-secex-cpacf$' /proc/crypto &&
		[ -n "${SECEX_HOST_CTL:-}" ]
}
