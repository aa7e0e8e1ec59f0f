# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# One boot of a real Debian guest (make test-boot, make test-install): QEMU
# TCG with a direct kernel boot, the guest's report (TAP) on the first
# serial port, its console on the second.
#
#   bootvm DIR NAME QEMU-ARGS...
#
# Writes DIR/NAME.tap, DIR/NAME.console and DIR/NAME.qemu.log (what QEMU
# itself says, e.g. why it did not start) and returns when QEMU ends (the
# guest powers off), when the console shows $BOOTVM_STOP (a regular
# expression, e.g. a passphrase prompt: the guest is stopped there), or
# after $BOOTVM_TIMEOUT seconds (default 900).  Prints "# NAME: N s".
# $BOOTVM_MEM: the guest's memory in MiB (default 1024).
# $BOOTVM_ARCH=s390x: an s390-ccw-virtio machine of $BOOTVM_QEMU with
# -cpu $BOOTVM_CPU, its console on the SCLP (ttysclp0), the report on a
# virtio console (hvc0); else x86_64, the report on ttyS0, the console on
# ttyS1.
#
#   tap 0|1 DESC   one TAP line of the host's script
#   finish         the plan and "N passed, N failed"; exits 0 if all passed

bootvm() {
	local d=$1 name=$2 qpid waited=0
	local -a machine
	shift 2
	: >"$d/$name.tap"
	: >"$d/$name.console"
	if [ "${BOOTVM_ARCH:-x86_64}" = s390x ]; then
		machine=("${BOOTVM_QEMU:-qemu-system-s390x}" -machine s390-ccw-virtio
			-cpu "${BOOTVM_CPU:-max}" -L /usr/share/qemu -device virtio-rng-ccw
			-serial "file:$d/$name.console"
			-chardev "file,id=report,path=$d/$name.tap"
			-device virtio-serial-ccw -device "virtconsole,chardev=report")
	else
		machine=(qemu-system-x86_64 -accel tcg -M q35 -cpu max -smp 2
			-device virtio-rng-pci
			-serial "file:$d/$name.tap" -serial "file:$d/$name.console")
	fi
	"${machine[@]}" -m "${BOOTVM_MEM:-1024}" -nodefaults -display none -no-reboot "$@" \
		2>"$d/$name.qemu.log" &
	qpid=$!
	while kill -0 "$qpid" 2>/dev/null; do
		if [ -n "${BOOTVM_STOP:-}" ] &&
			grep -qE "$BOOTVM_STOP" "$d/$name.console" 2>/dev/null; then
			sleep 2
			kill "$qpid" 2>/dev/null
			break
		fi
		if [ "$waited" -ge "${BOOTVM_TIMEOUT:-900}" ]; then
			echo "# $name: timed out after $waited s"
			kill "$qpid" 2>/dev/null
			break
		fi
		sleep 2
		waited=$((waited + 2))
	done
	wait "$qpid" 2>/dev/null
	echo "# $name: $waited s"
}

pass=0 fail=0 n=0
tap() {	# tap 0|1 DESC
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		pass=$((pass + 1)); echo "ok $n $2"
	else
		fail=$((fail + 1)); echo "not ok $n $2"
	fi
}
finish() {
	echo "1..$n"
	echo "$pass passed, $fail failed"
	[ "$fail" = 0 ]
	exit
}
