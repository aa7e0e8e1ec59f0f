# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Shared by the LUKS2/paes end-to-end tests (POSIX sh): prerequisites,
# loop devices on tmpfs, TAP steps with diagnostics, and cleanup.
#
#   . "$(dirname "$0")/luks_lib.sh"
#   luks_init          exit 4 if something is missing, else set up $T
#   tap_plan N         (lib/tap.sh) once all skip checks are done
#   step NAME CMD...   one TAP test; CMD's output is shown if it fails
#   luks_loop MIB      a loop device on a new MIB-sized file in $T
#   luks_cpacf_used    the open volumes run on xts-paes-secex-cpacf
#   luks_fio_rotating DEV SECS WHO   fio --verify on DEV while the wrapping
#                      key(s) change every 100 ms (WHO: sw, machine, both)
#   luks_fio_steps DEV SECS WHO      the same as TAP steps: fio clean, the
#                      keys changed (one step per WHO), no I/O errors
#   luks_done          totals, exit status

# The test's folder: lib/ is next to it in the tree and in the build.
luks_here=$(cd "$(dirname "$0")" && pwd)
. "$luks_here/../lib/tap.sh"
. "$luks_here/../lib/hostctl.sh"

KSFT_SKIP=4
CLRKEY=/sys/module/secex_paes/parameters/clrkey
ROTATE=/sys/kernel/secex_swcpacf/rotate
# Cheap key slots: argon2 is slow under emulation, and the passphrase is
# not what protects these volumes.
PBKDF="--pbkdf pbkdf2 --pbkdf-iterations 1000"

luks_skip() {
	echo "1..0 # SKIP $1"
	exit $KSFT_SKIP
}

# luks_tool NAME: $PATH, else built in userspace/ of this tree.
luks_tool() {
	command -v "$1" 2>/dev/null && return 0
	for d in "${SECEX_TOP:-}/userspace" "$luks_here/../../userspace" \
		"$luks_here/../../../../userspace"; do
		[ -x "$d/$1" ] && { echo "$d/$1"; return 0; }
	done
	return 1
}

luks_cleanup() {
	for m in $luks_maps; do
		[ -e "/dev/mapper/$m" ] && cryptsetup close "$m" 2>/dev/null
	done
	for l in $luks_loops; do
		losetup -d "$l" 2>/dev/null
	done
	[ -n "$luks_clrkey_old" ] && [ -w "$CLRKEY" ] &&
		echo "$luks_clrkey_old" >"$CLRKEY" 2>/dev/null
	rm -rf "$T"
}

luks_init() {
	[ "$(id -u)" = 0 ] || luks_skip "needs root (loop devices, dm-crypt)"
	for t in cryptsetup losetup sha256sum; do
		command -v $t >/dev/null 2>&1 || luks_skip "$t is not installed"
	done
	# No udev in a test guest: nothing loads these on first use.
	modprobe loop 2>/dev/null
	modprobe dm_crypt 2>/dev/null
	modprobe secex_paes 2>/dev/null
	grep -q '^name *: xts(paes)$' /proc/crypto ||
		luks_skip "no xts(paes) in /proc/crypto after modprobe secex_paes"
	[ -c /dev/pkey ] || luks_skip "no /dev/pkey (secex_pkey not loaded)"
	KEY=${SECEX_KEY:-$(luks_tool secex-key)} ||
		luks_skip "secex-key not built (make -C userspace, or set SECEX_KEY)"
	T=$(mktemp -d /tmp/secex-luks.XXXXXX) || exit 1
	luks_maps="" luks_loops="" luks_clrkey_old=""
	trap luks_cleanup EXIT
	trap 'exit 1' INT TERM
	export SECEX_KEY_REPOSITORY="$T/repo"
	printf 'secex-test-passphrase' >"$T/pass"
}

# step NAME CMD...: run CMD, one TAP result; its output as diagnostics on failure
step() {
	_n=$1; shift
	if "$@" >"$T/step.log" 2>&1; then
		tap_result 0 "$_n"
	else
		tap_result 1 "$_n"
		sed 's/^/# /' "$T/step.log"
	fi
}

# fails CODE CMD...: CMD exits with CODE
fails() {
	_want=$1; shift
	"$@"
	_rc=$?
	echo "exit status $_rc (expected $_want)"
	[ "$_rc" = "$_want" ]
}

luks_loop() {
	truncate -s "${1}M" "$T/disk$luks_nloop.img" &&
		_l=$(losetup -f --show "$T/disk$luks_nloop.img") || return 1
	luks_nloop=$((luks_nloop + 1))
	luks_loops="$luks_loops $_l"
	echo "$_l"
}
luks_nloop=0

# Accept clear-key tokens for the rest of the test (restored on exit).
luks_allow_clrkey() {
	[ -n "$luks_clrkey_old" ] || luks_clrkey_old=$(cat "$CLRKEY")
	echo 1 >"$CLRKEY"
}

# luks_open KEY DEV DM: secex-key opens it (libcryptsetup)
luks_open() {
	luks_maps="$luks_maps $3"
	"$KEY" cryptsetup "$1" --volumes "$2:$3" --open -q \
		--key-file "$T/pass"
}

# luks_format KEY DEV DM: secex-key formats it and stores its token
luks_format() {
	# shellcheck disable=SC2086
	"$KEY" cryptsetup "$1" --volumes "$2:$3" --format -q \
		--key-file "$T/pass" $PBKDF
}

# sha256 of the first MIB MiB of DEV, read around the page cache
dev_sha() {
	dd if="$1" bs=1M count="$2" iflag=direct 2>/dev/null | sha256sum | cut -d' ' -f1
}

# sha256 of a whole device or file
all_sha() {
	dd if="$1" bs=1M iflag=direct 2>/dev/null | sha256sum | cut -d' ' -f1
}

# dm-crypt holds its transforms: the CPACF driver's count went up.
luks_cpacf_used() {
	_refs=$(awk '/^driver *: xts-paes-secex-cpacf$/ { d = 1; next }
		/^$/ { d = 0 } d && /^refcnt/ { print $3 }' /proc/crypto)
	echo "xts-paes-secex-cpacf refcnt: $_refs"
	[ "${_refs:-0}" -gt 1 ]
}

# Replace the wrapping key(s) every 100 ms while $T/rotating exists (the
# cleanup removes $T, so the loop also ends if the test is killed): the
# software core's (sw), the machine's from the QEMU monitor (machine), or
# both.  Counts go to $T/sw.rotations, $T/machine.rotations, failures to
# $T/rotate.fail.
luks_rotator() {
	while [ -e "$T/rotating" ]; do
		if [ "$1" != machine ]; then
			if echo 1 >"$ROTATE"; then
				echo x >>"$T/sw.rotations"
			else
				echo x >>"$T/rotate.fail"
			fi
		fi
		if [ "$1" != sw ]; then
			if host_request cpacf-new-wrapping-key; then
				echo x >>"$T/machine.rotations"
			else
				echo x >>"$T/rotate.fail"
			fi
		fi
		sleep 0.1
	done
}

# luks_fio_rotating DEV SECS WHO: random 4 KiB writes and crc32c verifies
# on the first 32 MiB of DEV with direct I/O for SECS seconds while
# luks_rotator WHO runs.  Output in $T/fio.out; sets FIO_RC, ROTATIONS
# (software core) and MACHINE_ROTATIONS.
# shellcheck disable=SC2034  # ROTATIONS, MACHINE_ROTATIONS: read by the tests
luks_fio_rotating() {
	_engine=psync
	fio --enghelp=libaio >/dev/null 2>&1 && _engine=libaio
	rm -f "$T/sw.rotations" "$T/machine.rotations" "$T/rotate.fail"
	touch "$T/rotating"
	luks_rotator "$3" &
	_rotpid=$!
	fio --name=rotation --filename="$1" --rw=randrw --bs=4k \
		--size=32M --iodepth=4 --ioengine=$_engine --direct=1 \
		--verify=crc32c --verify_fatal=1 --verify_backlog=256 \
		--verify_state_save=0 --time_based --runtime="$2" >"$T/fio.out" 2>&1
	FIO_RC=$?
	rm -f "$T/rotating"
	wait $_rotpid
	ROTATIONS=$(cat "$T/sw.rotations" 2>/dev/null | wc -l)
	MACHINE_ROTATIONS=$(cat "$T/machine.rotations" 2>/dev/null | wc -l)
	echo "fio ($_engine): exit $FIO_RC"
}

# The fio run of luks_fio_rotating ended with no error and no mismatch.
luks_fio_clean() {
	cat "$T/fio.out"
	[ "$FIO_RC" = 0 ] && grep -q 'err= 0' "$T/fio.out" &&
		! grep -q -i -E 'verify.*(fail|mismatch)|bad (magic|hdr)' "$T/fio.out"
}

# Kernel log lines of dm-crypt or block I/O errors so far.
luks_ioerrors() {
	dmesg | grep -c -E 'I/O error|crypt: .*(error|fail)'
}

# luks_fio_steps DEV SECS WHO: 3 TAP steps, 4 for WHO=both.
luks_fio_steps() {
	_err0=$(luks_ioerrors)
	luks_fio_rotating "$1" "$2" "$3" >/dev/null
	step "fio (${2} s): no I/O error, no verify mismatch" luks_fio_clean
	grep -E 'err=|read:|write:|verify' "$T/fio.out" | sed 's/^ */# /'
	# The loop's pace depends on the machine (a fork per sleep under TCG).
	if [ "$3" != machine ]; then
		step "the wrapping key changed during I/O ($ROTATIONS rotations)" \
			sh -c "[ $ROTATIONS -ge 3 ] && [ ! -e '$T/rotate.fail' ]"
	fi
	if [ "$3" != sw ]; then
		step "the machine's wrapping key changed during I/O ($MACHINE_ROTATIONS times, QEMU monitor)" \
			sh -c "[ $MACHINE_ROTATIONS -ge 3 ] && [ ! -e '$T/rotate.fail' ]"
	fi
	_err1=$(luks_ioerrors)
	step "no I/O errors in the kernel log ($_err0 before, $_err1 after)" \
		test "$_err1" = "$_err0"
}

luks_done() {
	tap_done
}
