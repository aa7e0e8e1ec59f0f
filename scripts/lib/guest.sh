# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Building our modules for a kernel of the matrix, assembling the guest's
# initramfs and module tree, booting it under QEMU and judging the run.

# Build the modules of this tree for kernel K; print the folder of the .ko
# files.  Sources are copied first: Kbuild writes objects next to them and
# every kernel needs its own.
guest_build_modules() {
	local k=$1 dir=$SECEX_BUILD/${K_BUILDNAME:-$1}
	mkdir -p "$dir/src" "$dir/ko"
	# Build products of an in-tree build (make in the checkout) must not
	# leak in: their paths point at the checkout and confuse modpost.
	rsync -a --delete --exclude '*.o' --exclude '*.ko' --exclude '.*.cmd' \
		--exclude '*.mod' --exclude '*.mod.c' --exclude 'modules.order' \
		--exclude 'Module.symvers' --exclude '*.a' --exclude '.tmp*' \
		--include '/Kbuild' --include '/drivers/***' --include '/include/***' \
		--exclude '*' \
		"$SECEX_TOP/" "$dir/src/"
	# shellcheck disable=SC2086
	if ! kernel_make -C "$K_KDIR" M="$dir/src" $K_MAKEFLAGS ${SECEX_KBUILD_FLAGS:-} \
		-j"$(nproc)" modules >"$dir/build.log" 2>&1; then
		cat "$dir/build.log" >&2
		die "module build for $k failed"
	fi
	rm -f "$dir/ko/"*.ko
	find "$dir/src" -name '*.ko' -exec cp {} "$dir/ko/" \;
	echo "$dir/ko"
}

# Module tree for the guest: the kernel's own modules (by symlink), plus ours
# in extra/ (or updates/dkms/ for DKMS runs), indexed by the host's depmod.
guest_modroot() {
	local root=$1 kodir=$2 extra=$3 f
	local m=$root/lib/modules/$K_RELEASE sub=${GUEST_KO_SUBDIR:-extra}
	mkdir -p "$m/$sub"
	if [ -n "$K_MODDIR" ] && [ -d "$K_MODDIR/kernel" ]; then
		ln -sfn "$K_MODDIR/kernel" "$m/kernel"
	fi
	for f in modules.order modules.builtin modules.builtin.modinfo; do
		[ -f "$K_MODDIR/$f" ] && cp "$K_MODDIR/$f" "$m/"
	done
	cp "$kodir"/*.ko "$m/$sub/" 2>/dev/null || true
	for f in $extra; do cp "$f" "$m/$sub/"; done
	depmod -b "$root" "$K_RELEASE" || die "depmod failed"
}

# Kernel modules (with dependencies) that the x86_64 initramfs needs to
# reach the host root.  Built-in ones are skipped by modprobe itself.
GUEST_BOOT_MODULES="virtio_pci 9pnet_virtio 9p"

guest_initramfs_x86_64() {
	local root=$1 out=$2 mod dep
	mkdir -p "$root"/{bin,sbin,proc,sys,dev,mnt,secex}
	cp /bin/busybox "$root/bin/busybox"
	cp "$SECEX_TOP/scripts/guest/init-x86_64" "$root/init"
	chmod 0755 "$root/init"
	if [ -d "$K_MODDIR/kernel" ]; then
		for mod in $GUEST_BOOT_MODULES; do
			modprobe -d "$(dirname "$(dirname "$(dirname "$K_MODDIR")")")" \
				-S "$K_RELEASE" --show-depends "$mod" 2>/dev/null |
				awk '$1 == "insmod" { print $2 }'
		done | sort -u | while read -r dep; do
			mkdir -p "$root/lib/modules/$K_RELEASE/$(dirname "${dep#"$K_MODDIR/"}")"
			cp "$dep" "$root/lib/modules/$K_RELEASE/${dep#"$K_MODDIR/"}"
		done
		mkdir -p "$root/lib/modules/$K_RELEASE"
		for dep in modules.order modules.builtin modules.builtin.modinfo; do
			cp "$K_MODDIR/$dep" "$root/lib/modules/$K_RELEASE/"
		done
		depmod -b "$root" "$K_RELEASE"
	fi
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out"
}

# s390x: everything must be inside the initramfs: busybox, the kernel's
# crypto and device-mapper modules, ours, and the static test programs.
guest_initramfs_s390x() {
	local root=$1 out=$2 kodir=$3 extra=$4 d f
	local m=$root/lib/modules/$K_RELEASE
	mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp,secex} "$m/extra"
	cp "$K_BUSYBOX" "$root/bin/busybox"
	cp "$SECEX_TOP/scripts/guest/init-s390x" "$root/init"
	chmod 0755 "$root/init"
	# ext4: make test-boot-s390x makes the disks of its image in a guest
	for d in crypto arch/s390/crypto lib drivers/md drivers/block drivers/char \
		fs/9p fs/netfs fs/fscache net/9p fs/ext4 fs/jbd2 fs/mbcache.ko; do
		[ -e "$K_MODDIR/kernel/$d" ] || continue
		mkdir -p "$(dirname "$m/kernel/$d")"
		cp -r "$K_MODDIR/kernel/$d" "$m/kernel/$d"
	done
	# The kernel's uvdevice: it loads by itself where the machine has an
	# ultravisor (facility 158: the s390x-uv entry), as on a Debian guest.
	# Debian 13's modules are compressed (uvdevice.ko.xz).
	d=drivers/s390/char
	for f in "$K_MODDIR/kernel/$d"/uvdevice.ko*; do
		[ -f "$f" ] || continue
		mkdir -p "$m/kernel/$d"
		cp "$f" "$m/kernel/$d/"
	done
	cp "$K_MODDIR"/modules.{order,builtin,builtin.modinfo} "$m/" 2>/dev/null || true
	cp "$kodir"/*.ko "$m/extra/" 2>/dev/null || true
	for d in $extra; do cp "$d" "$m/extra/"; done
	depmod -b "$root" "$K_RELEASE"
	# Static s390x programs built by `make selftests tools ARCH=s390x`,
	# at the same absolute paths as on the host.
	for d in "$SECEX_BUILD/selftests/s390x" "$SECEX_BUILD/userspace/s390x"; do
		[ -d "$d" ] || continue
		mkdir -p "$root$d"
		cp -r "$d/." "$root$d/"
	done
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out"
}

# Lines in a kernel log that fail a run.
# "alg: ... failed": a crypto self-test at registration (testmgr) failed.
GUEST_BAD_LOG='alg: .*failed|BUG:|WARNING:|Oops|general protection|KASAN|UBSAN|possible circular locking|possible recursive locking|inconsistent lock state|possible irq lock inversion|DEBUG_LOCKS_WARN_ON|kmemleak: .* new suspected|INFO: task .* blocked|Call Trace|kernel BUG|Kernel panic|RCU stall|stack-protector|refcount_t:'

# Allocation-failure reports (warn_alloc) are what fault injection is for:
# the fuzzer makes allocations fail on purpose.  Their call traces are cut
# out before judging the log; everything else still counts.
guest_filter_alloc_failures() {
	awk '/page allocation failure: |vmalloc error: / { skip = 1 }
		skip && /<\/TASK>|Mem-Info:/ { skip = 0; next }
		!skip' "$1"
}

guest_check_log() {
	local log=$1 filtered=$1.judged
	guest_filter_alloc_failures "$log" >"$filtered"
	if grep -E -q "$GUEST_BAD_LOG" "$filtered"; then
		echo "secex: the guest kernel log reports a problem:" >&2
		grep -E -n -B5 -A30 "$GUEST_BAD_LOG" "$filtered" | head -n 200 >&2
		# Last, what a reader of only the end of a long output needs:
		# the first report's headline, where it was and how it got there.
		echo "secex: the first report, in short:" >&2
		grep -E -m1 -B3 -A60 "$GUEST_BAD_LOG" "$filtered" |
			grep -E "$GUEST_BAD_LOG|Unable to handle|PSW|RIP:|Comm:|\[<[0-9a-f]+>\]|Last Breaking" |
			head -n 16 | sed 's/^/secex:   /' >&2
		return 1
	fi
	return 0
}

# The guest mounts tmpfs on /tmp and /run, which hides whatever the host
# keeps there.  Folders of ours below them (a checkout in /tmp, say) are
# shared again, read-only, at the same path: prints "tag:path" pairs.
guest_hidden_dirs() {
	local d prev="" i=0
	for d in $(printf '%s\n' "$@" | grep -E '^/(tmp|run)(/|$)' | sort -u); do
		if [ -n "$prev" ] && [[ "$d" == "$prev"/* ]]; then
			continue
		fi
		prev=$d
		echo "ro$i:$d"
		i=$((i + 1))
	done
}

# POSIX shell quoting (the guest runs dash or busybox sh, not bash).
guest_quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

guest_write_env() {
	local file=$1; shift
	local kv
	: >"$file"
	for kv in "$@"; do
		printf 'export %s=%s\n' "${kv%%=*}" "$(guest_quote "${kv#*=}")" >>"$file"
	done
}

# What guest_run boots, set by its caller (scripts/vm):
#   GUEST[kodir]    folder of our .ko files      GUEST[share]   host folder
#   GUEST[modules]  modules to load, in order    GUEST[unload]  1: unload
#   GUEST[timeout]  seconds                      GUEST[mem]     MiB
#   GUEST[extra]    further .ko files to load
#   GUEST[reboot]   s390x: 1 lets a guest reboot re-IPL the machine
#   GUEST[disks]   NAME=FILE ...: virtio disks (guest_disk_args)
#   GUEST[uv_owner] s390x: owner folder the machine's emulated ultravisor
#                   is provisioned from (host.bin, se.hdr, cuid)
declare -gA GUEST=()

# guest_run KERNEL CMD...: run CMD in a guest of matrix entry KERNEL
# (kernel_prepare done); returns the command's exit code, or 120 (bad
# kernel log), 124 (timeout), 125 (the guest failed).
guest_run() {
	local kernel=$1
	shift
	local run rc=0 unload_list="" m a
	mkdir -p "$SECEX_BUILD/runs"
	run=$(mktemp -d "$SECEX_BUILD/runs/$kernel.XXXXXX")
	# shellcheck disable=SC2064
	trap "rm -rf '$run'" EXIT

	for a in "$@"; do
		printf '%s ' "$(guest_quote "$a")"
	done >"$run/cmd"
	echo >>"$run/cmd"
	if [ "${GUEST[unload]}" = 1 ]; then
		for m in ${GUEST[modules]}; do unload_list="$m $unload_list"; done
	fi

	if [ "$K_ARCH" = x86_64 ]; then
		guest_run_x86_64 "$run" "$unload_list" || rc=$?
	else
		guest_run_s390x "$run" "$unload_list" || rc=$?
	fi

	if ! guest_check_log "$run/kernel.txt"; then
		[ "$rc" = 0 ] && rc=120
	fi
	if [ -n "${SECEX_KEEP_LOG:-}" ]; then
		cp "$run/kernel.txt" "$SECEX_KEEP_LOG"
	fi
	return "$rc"
}

# Seconds an x86_64 guest kernel may take to start init (about 4 s on an
# idle host).  A TCG guest very rarely hangs while booting (seen once in a
# CI run: 6.1 stopped after "clocksource: Switched to clocksource hpet"
# with both vCPUs busy, until the run's timeout); no command has run then,
# so guest_run starts it again, once.
GUEST_BOOT_LIMIT=${SECEX_GUEST_BOOT_LIMIT:-180}

# guest_qemu_x86_64 RUN QEMU...: QEMU under the run's timeout; its exit
# code, or 126 if the kernel did not start init within GUEST_BOOT_LIMIT
# seconds (QEMU is stopped then).
guest_qemu_x86_64() {
	local run=$1 qpid waited=0 rc=0
	shift
	: >"$run/kernel.log"
	: >"$run/rc"
	timeout --foreground "${GUEST[timeout]}" "$@" </dev/null &
	qpid=$!
	while ! grep -q 'Run /init as init process' "$run/kernel.log" 2>/dev/null; do
		kill -0 "$qpid" 2>/dev/null || break
		if [ "$waited" -ge "$GUEST_BOOT_LIMIT" ]; then
			echo "secex: the guest kernel did not start init within ${GUEST_BOOT_LIMIT}s; its log ends: $(tail -n 1 "$run/kernel.log" | tr -d '\r')" >&2
			kill "$qpid" 2>/dev/null || true
			wait "$qpid" 2>/dev/null || true
			return 126
		fi
		sleep 1
		waited=$((waited + 1))
	done
	wait "$qpid" || rc=$?
	return "$rc"
}

# guest_disk_args BUS: QEMU arguments of the disks in GUEST[disks], raw
# images on virtio-blk-BUS (pci, ccw) whose serial is their name.  A
# guest that writes much to a disk wants this rather than a loop device
# on a file of its 9p share: that path (loop, then 9p, which allocates)
# stalled an s390x guest's writeback for good under load.
guest_disk_args() {
	local bus=$1 spec i=0
	for spec in ${GUEST[disks]:-}; do
		printf '%s\n' -drive "file=${spec#*=},format=raw,if=none,id=disk$i" \
			-device "virtio-blk-$bus,drive=disk$i,serial=${spec%%=*}"
		i=$((i + 1))
	done
}

# x86_64: our initramfs over the host's root filesystem (9p, read-only).
# Leaves the kernel log in RUN/kernel.txt; returns the exit code.
guest_run_x86_64() {
	local run=$1 unload_list=$2 rc=0 hidden h tailpid
	local share=${GUEST[share]} extra=${GUEST[extra]}
	guest_modroot "$run/modroot" "${GUEST[kodir]}" "$extra"
	# shellcheck disable=SC2086  # $extra: a list of paths
	hidden=$(guest_hidden_dirs "$SECEX_TOP" "$SECEX_BUILD" "$SECEX_CACHE" "$PWD" $extra)
	mkdir -p "$run/initrd/secex"
	# shellcheck disable=SC2086  # one line of folder pairs
	guest_write_env "$run/initrd/secex/env" \
		"SECEX_RO_SHARES=$(echo $hidden)" \
		"SECEX_BOOT_MODULES=$GUEST_BOOT_MODULES" \
		"SECEX_MODROOT=$run/modroot/lib/modules/$K_RELEASE" \
		"SECEX_SHARE=$share" "SECEX_PWD=$PWD" \
		"SECEX_CMDFILE=$run/cmd" "SECEX_MODULES=${GUEST[modules]}" \
		"SECEX_UNLOAD=$unload_list" \
		"SECEX_INTERACTIVE=${GUEST_INTERACTIVE:-}"
	guest_initramfs_x86_64 "$run/initrd" "$run/initrd.gz"
	local -a qemu=(qemu-system-x86_64 -accel tcg -M q35 -cpu max
		-smp 2 -m "${GUEST[mem]}" -nodefaults -display none -no-reboot
		-kernel "$K_IMAGE" -initrd "$run/initrd.gz"
		-append "console=ttyS1 ignore_loglevel panic=-1 oops=panic"
		-virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap"
		-device virtio-rng-pci)
	[ -n "$share" ] && qemu+=(-virtfs "local,path=$share,mount_tag=share,security_model=none,multidevs=remap")
	mapfile -t -O "${#qemu[@]}" qemu < <(guest_disk_args pci)
	for h in $hidden; do
		qemu+=(-virtfs "local,path=${h#*:},mount_tag=${h%%:*},security_model=none,readonly=on,multidevs=remap")
	done
	if [ "${GUEST_INTERACTIVE:-0}" = 1 ]; then
		qemu+=(-serial stdio)
	else
		qemu+=(-serial "file:$run/out" )
	fi
	qemu+=(-serial "file:$run/kernel.log" -serial "file:$run/rc")
	if [ "${GUEST_INTERACTIVE:-0}" = 1 ]; then
		timeout --foreground "${GUEST[timeout]}" "${qemu[@]}" || rc=$?
	else
		: >"$run/out"
		tail -n +1 -f "$run/out" --pid=$$ 2>/dev/null &
		tailpid=$!
		guest_qemu_x86_64 "$run" "${qemu[@]}" || rc=$?
		if [ "$rc" = 126 ]; then
			echo "secex: starting the guest again (no command had run)" >&2
			rc=0
			guest_qemu_x86_64 "$run" "${qemu[@]}" || rc=$?
		fi
		sleep 0.3
		kill "$tailpid" 2>/dev/null || true
		wait "$tailpid" 2>/dev/null || true
	fi
	if [ "$rc" = 126 ]; then
		rc=124
	elif [ "$rc" = 124 ]; then
		echo "secex: guest timed out after ${GUEST[timeout]}s" >&2
	elif [ "$rc" != 0 ]; then
		echo "secex: qemu failed (exit $rc)" >&2
		rc=125
	else
		rc=$(tr -dc '0-9' <"$run/rc")
		[ -n "$rc" ] || { echo "secex: guest ended without an exit code" >&2; rc=125; }
	fi
	tr -d '\r' <"$run/kernel.log" >"$run/kernel.txt"
	return "$rc"
}

# s390x: static busybox initramfs, or (K_ROOTFS) a Debian root filesystem
# over 9p; the host control port goes to the QEMU monitor.  Leaves the
# kernel log in RUN/kernel.txt; returns the exit code.
guest_run_s390x() {
	local run=$1 unload_list=$2 rc hostctl
	local share=${GUEST[share]}
	mkdir -p "$run/initrd/secex"
	cp "$run/cmd" "$run/initrd/secex/cmd"
	guest_write_env "$run/initrd/secex/env" "SECEX_PWD=$PWD" \
		"SECEX_CMDFILE=/secex/cmd" "SECEX_MODULES=${GUEST[modules]}" \
		"SECEX_UNLOAD=$unload_list" "SECEX_SHARE=$share" \
		"SECEX_ROOTFS=${K_ROOTFS:+1}" \
		"SECEX_BINDS=$SECEX_BUILD/selftests/s390x $SECEX_BUILD/userspace/s390x"
	guest_initramfs_s390x "$run/initrd" "$run/initrd.gz" "${GUEST[kodir]}" "${GUEST[extra]}"
	# The Debian root filesystem is shared read-only; the folders
	# the guest mounts on must exist in it.
	if [ -n "${K_ROOTFS:-}" ]; then
		mkdir -p "$K_ROOTFS$PWD" "$K_ROOTFS$SECEX_BUILD/selftests/s390x" \
			"$K_ROOTFS$SECEX_BUILD/userspace/s390x" ${share:+"$K_ROOTFS$share"}
	fi
	local -a qemu=("${K_QEMU:-qemu-system-s390x}" -machine s390-ccw-virtio
		-cpu "${K_CPU:-max}" -L /usr/share/qemu
		-m "${GUEST[mem]}" -nographic -nodefaults
		-device virtio-rng-ccw -serial stdio
		-kernel "$K_IMAGE" -initrd "$run/initrd.gz"
		-append "console=ttysclp0 loglevel=1 panic=-1"
		-monitor "unix:$run/monitor,server=on,wait=off"
		-chardev "socket,id=hostctl,path=$run/hostctl,server=on,wait=off"
		-device "virtio-serial-ccw,id=vser"
		-device "virtserialport,bus=vser.0,chardev=hostctl,name=org.secex.host")
	# A reboot ends QEMU, unless the test reboots on purpose (a machine
	# reset, as the wrapping-key test needs).
	[ "${GUEST[reboot]:-0}" = 1 ] || qemu+=(-no-reboot)
	# The machine's ultravisor (our QEMU's Ultravisor Call), provisioned
	# as the firmware would be for the image that this owner made.
	local o=${GUEST[uv_owner]:-}
	[ -n "$o" ] && qemu+=(-device "s390-uv-emu,host-keys=$o/host.bin,se-header=$o/se.hdr,config-uid=$(cat "$o/cuid"),store-size=${SWUV_STORE_SIZE:-1024}")
	# -virtfs would make a PCI device here: channel devices instead.
	[ -n "${K_ROOTFS:-}" ] && qemu+=(
		-fsdev "local,id=rootfs,path=$K_ROOTFS,security_model=none,readonly=on,multidevs=remap"
		-device "virtio-9p-ccw,fsdev=rootfs,mount_tag=rootfs")
	[ -n "$share" ] && qemu+=(
		-fsdev "local,id=share,path=$share,security_model=none,multidevs=remap"
		-device "virtio-9p-ccw,fsdev=share,mount_tag=share")
	mapfile -t -O "${#qemu[@]}" qemu < <(guest_disk_args ccw)
	"$SECEX_TOP/scripts/qemu/hostctl.py" "$run/hostctl" "$run/monitor" &
	hostctl=$!
	# awk strips the carriage returns itself: tr would buffer the
	# output of a long run in blocks.
	timeout --foreground "${GUEST[timeout]}" "${qemu[@]}" </dev/null 2>&1 |
		awk -v klog="$run/kernel.txt" -v rcf="$run/rc" '
			{ gsub(/\r/, "") }
			/^@@secex-dmesg-begin@@/ { indmesg = 1; next }
			/^@@secex-dmesg-end@@/ { indmesg = 0; next }
			/^@@secex-exit=/ { gsub(/[^0-9]/, ""); print > rcf; next }
			indmesg { print > klog; next }
			{ print; fflush() }' || true
	kill "$hostctl" 2>/dev/null || true
	wait "$hostctl" 2>/dev/null || true
	rc=$(tr -dc '0-9' <"$run/rc" 2>/dev/null || true)
	[ -n "$rc" ] || { echo "secex: guest ended without an exit code" >&2; rc=125; }
	touch "$run/kernel.txt"
	return "$rc"
}
