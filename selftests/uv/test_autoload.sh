#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Which of our modules udev loads by itself on this machine: the CPU
# modalias (/sys/devices/system/cpu/modalias, what udev's coldplug hands
# to modprobe) against each module's "cpu:" aliases.
#   secex_uv_ucall  on s390x with an ultravisor (facility 158), as the
#                   kernel's uvdevice, where that one lacks Retrieve
#                   Secret (before 6.13) or is not built;
#   secex_pkey      on s390x (every machine has the message-security
#                   assist) where the kernel has no pkey of its own;
#   the others      never by CPU: secex_paes loads by crypto alias, the
#                   software UV and CPACF core are loaded on purpose.
. "$(dirname "$0")/../lib/tap.sh"

modalias=$(cat /sys/devices/system/cpu/modalias 2>/dev/null)
if [ -z "$modalias" ] || ! command -v modinfo >/dev/null 2>&1; then
	echo "1..0 # SKIP no CPU modalias or no modinfo"
	exit 4
fi
rel=$(uname -r)

# kernel_has MODULE: the running kernel ships it (module or built in)
kernel_has() {
	grep -qE "/$1\.ko(\.[a-z]+)?:" "/lib/modules/$rel/modules.dep" 2>/dev/null ||
		grep -qE "/$1\.ko$" "/lib/modules/$rel/modules.builtin" 2>/dev/null
}
# loads MODULE: modprobe of the CPU modalias would load it
loads() {
	for a in $(modinfo -F alias "$1" 2>/dev/null | grep '^cpu:'); do
		# shellcheck disable=SC2254 # the alias is a glob, as for modprobe
		case "$modalias" in
		$a) return 0 ;;
		esac
	done
	return 1
}
# check NAME MODULE WANT: one result; WANT 1 = udev loads it here
check() {
	got=0
	loads "$2" && got=1
	[ "$got" = "$3" ]
	tap_result $? "$1"
	[ "$got" = "$3" ] || modinfo -F alias "$2" | sed 's/^/# alias: /'
}

tap_plan 5
echo "# CPU modalias: $(echo "$modalias" | cut -c1-100)"
if [ "$(uname -m)" = s390x ]; then
	uv=0 pkey=0
	case "$modalias" in
	*0002*)	# S390_CPU_FEATURE_UV
		if ! kernel_has uvdevice ||
			[ "$(printf '%s\n6.13\n' "${rel%%-*}" | sort -V | head -n 1)" != 6.13 ]; then
			uv=1
		fi ;;
	esac
	kernel_has pkey || pkey=1
	check "secex_uv_ucall: udev loads it here: $uv (ultravisor, uvdevice without Retrieve)" \
		secex_uv_ucall $uv
	check "secex_pkey: udev loads it here: $pkey (no pkey in the kernel)" secex_pkey $pkey
else
	tap_skip "secex_uv_ucall: udev alias" "built for s390x only"
	check "secex_pkey: udev never loads it off s390x" secex_pkey 0
fi
check "secex_paes: never by CPU feature (by crypto alias)" secex_paes 0
check "secex_swuv: never by itself" secex_swuv 0
check "secex_swcpacf: never by itself" secex_swcpacf 0
tap_done
