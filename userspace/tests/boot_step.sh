#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The boot step that adds UV secrets before cryptsetup runs, on the build
# host, against stand-ins (no VM, no root needed):
# - packaging/systemd/secex-secrets.service.in, filled in as "make
#   install" does, passes "systemd-analyze verify" without a word;
# - "make config-install DESTDIR=..." installs the unit, the hook, the
#   script and /boot/secex/secrets.d;
# - the initramfs-tools hook, with a stand-in hook-functions, puts
#   secex-uv, the token plugin (when there is one), the modules and where
#   /boot is (from fstab) into the image, and never a request: a request
#   is bound to the image, so it cannot be inside it;
# - the local-top script, with stand-ins for /scripts/functions,
#   /lib/cryptsetup/functions, modprobe, mount, umount, secex-uv and
#   cryptsetup, mounts the boot file system read-only, adds the secrets
#   of /boot/secex/secrets.d, unmounts it, then runs "cryptsetup open
#   --token-only" for each LUKS entry of a sample crypttab that is not
#   open yet, and goes on when any of it fails; under dash and busybox sh
#   where installed.
# The image's and the boot's real behaviour is left to the VM tests.
# TAP; exit 0 if all pass.

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
hook=$top/packaging/initramfs-tools/hooks/secex-uv
script=$top/packaging/initramfs-tools/scripts/local-top/secex-uv
unit_in=$top/packaging/systemd/secex-secrets.service.in
. "$here/tap.sh"

# rec NAME: a stand-in command that appends "NAME ARGS" to $T/calls and
# exits with the number in $T/NAME.rc (0 without one).
rec() {
	cat >"$T/bin/$1" <<EOF
#!/bin/sh
echo "$1 \$*" >>"$T/calls"
[ -f "$T/$1.rc" ] && exit "\$(cat "$T/$1.rc")"
exit 0
EOF
	chmod +x "$T/bin/$1"
}

mkdir -p "$T/bin"
rec secex-uv
rec cryptsetup
rec modprobe
rec umount
# mount ... DIR: recorded; with $T/boot-requests, DIR gets the requests'
# folder, as the boot file system would have it
cat >"$T/bin/mount" <<EOF
#!/bin/sh
echo "mount \$*" >>"$T/calls"
[ -f "$T/mount.rc" ] && exit "\$(cat "$T/mount.rc")"
for last; do :; done
[ -f "$T/boot-requests" ] && mkdir -p "\$last/secex/secrets.d"
exit 0
EOF
chmod +x "$T/bin/mount"
# modinfo -k VERSION NAME: only the modules of $T/kernel-modules exist
cat >"$T/bin/modinfo" <<EOF
#!/bin/sh
grep -qx "\$3" "$T/kernel-modules" 2>/dev/null
EOF
chmod +x "$T/bin/modinfo"

for f in "$hook" "$script"; do
	for sh in sh dash "busybox sh"; do
		set -- $sh
		if command -v "$1" >/dev/null 2>&1; then
			check "$sh -n ${f#"$top"/}" $sh -n "$f"
		fi
	done
	check "${f#"$top"/} is executable" test -x "$f"
	check "${f#"$top"/} prereqs: none" sh -c "[ -z \"\$('$f' prereqs)\" ]"
done

# --- the systemd unit -------------------------------------------------
mkdir "$T/unit"
sed "s|@BINDIR@|$T/bin|g" "$unit_in" >"$T/unit/secex-secrets.service"
if ! command -v systemd-analyze >/dev/null 2>&1; then
	ok "# SKIP systemd-analyze verify: systemd-analyze is not installed"
else
	systemd-analyze verify "$T/unit/secex-secrets.service" >"$T/log" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$T/log" ]; then
		ok "systemd-analyze verify: the unit passes without a word"
	else
		not_ok "systemd-analyze verify: the unit passes without a word"
		echo "# exit $rc"
		sed 's/^/# /' "$T/log"
	fi
fi
u=$T/unit/secex-secrets.service
check "the unit runs before any unlock, never in a cycle, only with requests" \
	sh -c "grep -qx 'DefaultDependencies=no' '$u' &&
	       grep -qx 'Before=cryptsetup-pre.target' '$u' &&
	       grep -qx 'Wants=cryptsetup-pre.target' '$u' &&
	       grep -qx 'WantedBy=cryptsetup.target' '$u' &&
	       grep -qx 'ConditionDirectoryNotEmpty=/boot/secex/secrets.d' '$u' &&
	       grep -qx 'RequiresMountsFor=/boot' '$u' &&
	       grep -qx 'ExecStart=$T/bin/secex-uv secret add-dir /boot/secex/secrets.d' '$u'"

# --- make config-install ----------------------------------------------
inst=$T/inst
if make -s -C "$top" config-install DESTDIR="$inst" PREFIX=/usr \
	>"$T/log" 2>&1; then
	ok "make config-install DESTDIR=... succeeds"
else
	not_ok "make config-install DESTDIR=... succeeds"
	sed 's/^/# /' "$T/log"
fi
check "installed: the unit with ExecStart=/usr/bin/secex-uv, mode 0644" \
	sh -c "f='$inst/lib/systemd/system/secex-secrets.service' &&
	       [ \$(stat -c %a \"\$f\") = 644 ] && ! grep -q @BINDIR@ \"\$f\" &&
	       grep -qx 'ExecStart=/usr/bin/secex-uv secret add-dir /boot/secex/secrets.d' \"\$f\""
check "installed: hook and local-top script in /usr/share/initramfs-tools, mode 0755" \
	sh -c "[ \$(stat -c %a '$inst/usr/share/initramfs-tools/hooks/secex-uv') = 755 ] &&
	       [ \$(stat -c %a '$inst/usr/share/initramfs-tools/scripts/local-top/secex-uv') = 755 ]"
check "installed: /boot/secex/secrets.d, mode 0755 (requests are no secret)" \
	sh -c "[ \$(stat -c %a '$inst/boot/secex/secrets.d') = 755 ] && [ ! -e '$inst/etc/secex' ]"
check "installed: the unit is not enabled" \
	sh -c "[ ! -e '$inst/etc/systemd/system/cryptsetup.target.wants' ]"

# --- the initramfs-tools hook -----------------------------------------
hr=$T/hookroot
mkdir -p "$hr/usr/share/initramfs-tools" "$hr/etc/secex/secrets.d" \
	"$hr/usr/lib/x86_64-linux-gnu/cryptsetup"
# A stand-in of hook-functions: copies (no libraries), records modules.
cat >"$hr/usr/share/initramfs-tools/hook-functions" <<EOF
# shellcheck shell=sh
copy_file() {
	t=\${3:-\$2}
	[ -f "\$2" ] || return 2
	[ -e "\$DESTDIR\$t" ] && return 1
	mkdir -p "\$DESTDIR\${t%/*}" && cp "\$2" "\$DESTDIR\$t" || return 2
	echo "copy_file \$*" >>"$T/hook.log"
}
copy_exec() {
	copy_file binary "\$1" "\${2:-\$1}"
	[ \$? -le 1 ]
}
manual_add_modules() {
	echo "manual_add_modules \$*" >>"$T/hook.log"
}
EOF
printf '# <file system> <mount point> <type> <options> <dump> <pass>\n/dev/mapper/root_crypt / ext4 defaults 0 1\n#UUID=old /boot ext2 defaults 0 2\nUUID=b007 /boot ext4 defaults 0 2\n' \
	>"$hr/etc/fstab"
plugin=usr/lib/x86_64-linux-gnu/cryptsetup/libcryptsetup-token-secex-uv.so
echo plugin >"$hr/$plugin"

# run_hook IMAGE: the hook as mkinitramfs runs it, into IMAGE
run_hook() {
	rm -rf "$1" "$T/hook.log" && mkdir "$1" &&
		PATH="$T/bin:$PATH" SECEX_TEST_ROOT=$hr DESTDIR=$1 \
		version=0.0-test verbose=n "$hook" >"$T/hook.out" 2>&1
}

img=$T/image
: >"$T/kernel-modules"
check "the hook succeeds" run_hook "$img"
check "image: secex-uv in /usr/bin" cmp "$T/bin/secex-uv" "$img/usr/bin/secex-uv"
check "image: where /boot is, from fstab's uncommented line, and its file system's module" \
	sh -c "[ \"\$(cat '$img/conf/conf.d/secex-uv')\" = \"SECEX_BOOT='UUID=b007'
SECEX_BOOT_FSTYPE='ext4'\" ] && grep -qx 'manual_add_modules ext4' '$T/hook.log' &&
	       [ ! -s '$T/hook.out' ]"
check "image: no request, and no folder for them" \
	sh -c "[ ! -e '$img/etc/secex' ] && ! find '$img' -name '*.req' | grep -q ."
check "image: the token plugin in the folder it came from" \
	cmp "$hr/$plugin" "$img/$plugin"
check "image: /dev/uv's modules, and secex_pkey and secex_paes for a kernel without its own" \
	sh -c "grep -qx 'manual_add_modules uvdevice secex_uv secex_uv_ucall' '$T/hook.log' &&
	       grep -qx 'manual_add_modules secex_pkey' '$T/hook.log' &&
	       grep -qx 'manual_add_modules secex_paes' '$T/hook.log'"
check "image: no secex_swuv (a real SE guest has the ultravisor)" \
	sh -c "! grep -q swuv '$T/hook.log'"
printf 'pkey\npaes_s390\n' >"$T/kernel-modules"
run_hook "$img"
check "a kernel with pkey and paes_s390: no secex_pkey, no secex_paes" \
	sh -c "! grep -q 'secex_pkey\|secex_paes' '$T/hook.log' &&
	       grep -qx 'manual_add_modules uvdevice secex_uv secex_uv_ucall' '$T/hook.log'"
# Requests where releases before 0.2 had them: a warning, not copied.
echo request >"$hr/etc/secex/secrets.d/10-a.req"
run_hook "$img"
rc=$?
check "requests left in /etc/secex/secrets.d: a warning that says where they go, none copied" \
	sh -c "[ $rc = 0 ] && grep -q '^W: secex-uv hook: /etc/secex/secrets.d holds add-secret requests: .*move them to /boot/secex/secrets.d' '$T/hook.out' &&
	       ! find '$img' -name '*.req' | grep -q ."
rm "$hr/etc/secex/secrets.d/10-a.req"
mv "$hr/etc/fstab" "$hr/etc/fstab.off"
run_hook "$img"
rc=$?
check "no /boot in fstab: a warning naming secex.boot=, no conf, exit 0" \
	sh -c "[ $rc = 0 ] && grep -q 'secex.boot=DEVICE' '$T/hook.out' &&
	       [ ! -e '$img/conf/conf.d/secex-uv' ]"
mv "$hr/etc/fstab.off" "$hr/etc/fstab"
rm "$hr/$plugin"
run_hook "$img"
rc=$?
check "without a plugin: the hook succeeds, the image has none" \
	sh -c "[ $rc = 0 ] && [ ! -e '$img/usr/lib/x86_64-linux-gnu/cryptsetup' ]"
# mkinitramfs's PATH, plus what the hook adds: no secex-uv on this host?
if PATH=/usr/bin:/sbin:/bin:/usr/sbin:/usr/local/sbin:/usr/local/bin \
	command -v secex-uv >/dev/null 2>&1; then
	ok "# SKIP the hook without secex-uv: secex-uv is installed on this host"
else
	rm -rf "$img" && mkdir "$img"
	SECEX_TEST_ROOT=$hr DESTDIR=$img version=0.0-test verbose=n \
		PATH=/usr/bin:/sbin:/bin "$hook" >"$T/hook.out" 2>&1
	rc=$?
	check "without secex-uv: a warning that says so, exit 0, nothing copied" \
		sh -c "[ $rc = 0 ] && grep -q 'secex-uv is not installed' '$T/hook.out' &&
		       [ -z \"\$(ls -A '$img')\" ]"
fi

# --- the local-top script ---------------------------------------------
lr=$T/localroot
mkdir -p "$lr/scripts" "$lr/lib/cryptsetup" "$lr/conf/conf.d" "$lr/proc"
printf "SECEX_BOOT='UUID=b007'\nSECEX_BOOT_FSTYPE='ext4'\n" >"$lr/conf/conf.d/secex-uv"
: >"$T/boot-requests"
# initramfs-tools' log functions, in the same words
cat >"$lr/scripts/functions" <<EOF
# shellcheck shell=sh
log_success_msg() { echo "Success: \$*"; }
log_failure_msg() { echo "Failure: \$*"; }
log_warning_msg() { echo "Warning: \$*"; }
wait_for_udev() { echo "wait_for_udev \$*" >>"$T/calls"; }
resolve_device() {
	case "\$1" in
	missing*) return 1 ;;
	UUID=*) echo "/dev/disk/by-uuid/\${1#UUID=}" ;;
	*) echo "\$1" ;;
	esac
}
panic() { echo "panic \$*" >>"$T/calls"; exit 1; }
EOF
# cryptsetup-initramfs' crypttab functions, as far as the script uses
# them: entries from \$TABFILE; a source "missing*" does not resolve,
# UUID=U resolves to /dev/disk/by-uuid/U; "open" are the names listed in
# $T/active; the type is luks unless "plain" is an option.
cat >"$lr/lib/cryptsetup/functions" <<EOF
# shellcheck shell=sh
crypttab_foreach_entry() {
	while read -r CRYPTTAB_NAME CRYPTTAB_SOURCE CRYPTTAB_KEY _CRYPTTAB_OPTIONS; do
		case "\$CRYPTTAB_NAME" in ""|"#"*) continue ;; esac
		"\$1"
	done <"\$TABFILE"
}
crypttab_parse_options() {
	unset CRYPTTAB_OPTION_discard CRYPTTAB_OPTION_header CRYPTTAB_OPTION_readonly
	CRYPTTAB_TYPE=luks
	old=\$IFS; IFS=,
	for o in \$_CRYPTTAB_OPTIONS; do
		case "\$o" in
		plain) CRYPTTAB_TYPE=plain ;;
		discard) CRYPTTAB_OPTION_discard=yes ;;
		readonly) CRYPTTAB_OPTION_readonly=yes ;;
		header=*) CRYPTTAB_OPTION_header=\${o#header=} ;;
		esac
	done
	IFS=\$old
}
crypttab_resolve_source() {
	case "\$CRYPTTAB_SOURCE" in
	missing*) return 1 ;;
	UUID=*) CRYPTTAB_SOURCE=/dev/disk/by-uuid/\${CRYPTTAB_SOURCE#UUID=} ;;
	esac
}
dm_blkdevname() {
	grep -qx "\$1" "$T/active" && echo /dev/dm-0
}
EOF
cat >"$T/crypttab" <<'EOF'
# the root volume, with a secex-uv token
root_crypt	UUID=1111	none	luks,discard
swap_crypt	/dev/vdb	none	luks
data_crypt	missing-vdc	none	luks
plain_crypt	/dev/vdd	/dev/urandom	plain,cipher=aes-xts-plain64,size=256
hdr_crypt	/dev/vde	none	luks,readonly,header=/etc/hdr.img
EOF
echo swap_crypt >"$T/active"
echo "root=/dev/mapper/root_crypt quiet" >"$lr/proc/cmdline"

# run_script SHELL...: the script as init runs it; output in $T/script.out
run_script() {
	rm -f "$T/calls" "$T/script.out"
	PATH="$T/bin:$PATH" SECEX_TEST_ROOT=$lr TABFILE=$T/crypttab \
		"$@" "$script" >"$T/script.out" 2>&1
}

want_calls() {
	cat <<EOF
modprobe -q -b uvdevice
modprobe -q -b secex_uv
modprobe -q -b secex_uv_ucall
modprobe -q -b secex_pkey
modprobe -q -b secex_paes
wait_for_udev 10
mount -r -t ext4 -o nodev,nosuid,noexec /dev/disk/by-uuid/b007 $lr/run/secex/boot
secex-uv secret add-dir $lr/run/secex/boot/secex/secrets.d
umount $lr/run/secex/boot
modprobe -q dm_crypt
wait_for_udev 10
cryptsetup open --token-only --token-type secex-uv --type=luks --allow-discards -- /dev/disk/by-uuid/1111 root_crypt
cryptsetup open --token-only --token-type secex-uv --type=luks --header=/etc/hdr.img --readonly -- /dev/vde hdr_crypt
EOF
}

# same_calls DESC [busybox]: $T/calls is want_calls.  busybox sh runs
# its own modprobe, mount and umount applets, not the stand-ins: those
# calls are not seen, and the real mount of a missing device fails, so
# no secrets are added there.
same_calls() {
	if [ "${2-}" = busybox ]; then
		want_calls | grep -v -e '^modprobe' -e '^mount' -e '^umount' \
			-e '^secex-uv' >"$T/want"
	else
		want_calls >"$T/want"
	fi
	if diff -u "$T/want" "$T/calls" >"$T/diff" 2>&1; then
		ok "$1"
	else
		not_ok "$1"
		sed 's/^/# /' "$T/diff" "$T/script.out"
	fi
}

for sh in sh dash "busybox sh"; do
	set -- $sh
	command -v "$1" >/dev/null 2>&1 || continue
	rm -f "$T/secex-uv.rc" "$T/cryptsetup.rc"
	rm -rf "$lr/run"
	run_script $sh
	rc=$?
	same_calls "$sh: modules, add-dir, then open --token-only for the LUKS entries not open yet" "$1"
	check "$sh: exit 0; the missing source is named; /run/cryptsetup is 0700" \
		sh -c "[ $rc = 0 ] &&
		       grep -q '^Warning: secex-uv: data_crypt: missing-vdc is not there yet' '$T/script.out' &&
		       grep -q '^Success: secex-uv: root_crypt: unlocked' '$T/script.out' &&
		       [ \$(stat -c %a '$lr/run/cryptsetup') = 700 ]"

	echo 2 >"$T/secex-uv.rc"
	echo 1 >"$T/cryptsetup.rc"
	run_script $sh
	rc=$?
	same_calls "$sh: a refused secret and failing token opens do not stop it" "$1"
	check "$sh: ... and are logged, exit 0 (cryptroot prompts next)" \
		sh -c "[ $rc = 0 ] &&
		       { [ '$1' = busybox ] ||
		         grep -q '^Failure: secex-uv: the ultravisor refused a request of /boot/secex/secrets.d' '$T/script.out'; } &&
		       grep -q '^Warning: secex-uv: root_crypt: not unlocked with a secex-uv token: cryptroot asks for the passphrase' '$T/script.out' &&
		       grep -q '^Warning: secex-uv: hdr_crypt: not unlocked' '$T/script.out'"
	echo 1 >"$T/secex-uv.rc"
	run_script $sh
	check "$sh: a failing add-dir (exit 1) is a warning" \
		sh -c "{ [ '$1' = busybox ] ||
		         grep -q '^Warning: secex-uv: adding the secrets of /boot/secex/secrets.d failed (exit 1' '$T/script.out'; } &&
		       grep -q 'cryptsetup open .* root_crypt' '$T/calls'"
done
rm -f "$T/secex-uv.rc" "$T/cryptsetup.rc"

rm "$T/boot-requests"
run_script sh
check "no secrets folder on the boot file system: mounted, no add-dir, unmounted, volumes tried" \
	sh -c "grep -q '^mount ' '$T/calls' && ! grep -q '^secex-uv' '$T/calls' &&
	       grep -q '^umount ' '$T/calls' && grep -q 'cryptsetup open .* root_crypt' '$T/calls'"
: >"$T/boot-requests"
echo 32 >"$T/mount.rc"
run_script sh
check "the boot file system does not mount: a warning, no add-dir, no umount, volumes tried" \
	sh -c "grep -q '^Warning: secex-uv: cannot mount /dev/disk/by-uuid/b007' '$T/script.out' &&
	       ! grep -q '^secex-uv\|^umount' '$T/calls' &&
	       grep -q 'cryptsetup open .* root_crypt' '$T/calls'"
rm "$T/mount.rc"
echo "root=/dev/mapper/root_crypt secex.boot=/dev/vdz1" >"$lr/proc/cmdline"
run_script sh
check "secex.boot= on the command line wins over the hook's fstab entry (type auto)" \
	grep -q "^mount -r -t auto -o nodev,nosuid,noexec /dev/vdz1 " "$T/calls"
echo "root=/dev/mapper/root_crypt secex.boot=missing-disk" >"$lr/proc/cmdline"
run_script sh
check "a boot device that is not there: a warning naming it, no mount" \
	sh -c "grep -q '^Warning: secex-uv: the boot file system missing-disk is not there' '$T/script.out' &&
	       ! grep -q '^mount' '$T/calls'"
mv "$lr/conf/conf.d/secex-uv" "$T/conf.off"
echo "root=/dev/mapper/root_crypt" >"$lr/proc/cmdline"
run_script sh
check "no boot file system known: a warning, no mount, the volumes still tried" \
	sh -c "grep -q '^Warning: secex-uv: no boot file system known' '$T/script.out' &&
	       ! grep -q '^mount' '$T/calls' && grep -q 'cryptsetup open .* root_crypt' '$T/calls'"
mv "$T/conf.off" "$lr/conf/conf.d/secex-uv"
echo "root=/dev/mapper/root_crypt cryptopts=target=root_crypt,source=/dev/vda" \
	>"$lr/proc/cmdline"
run_script sh
check "cryptopts= on the command line: the secrets are added, no volume is tried" \
	sh -c "grep -q '^secex-uv secret add-dir' '$T/calls' &&
	       ! grep -q '^cryptsetup' '$T/calls' &&
	       grep -q '^Warning: secex-uv: cryptopts=' '$T/script.out'"
echo "root=/dev/vda" >"$lr/proc/cmdline"
: >"$T/crypttab"
run_script sh
check "an empty crypttab: no cryptsetup, no dm_crypt" \
	sh -c "! grep -q 'cryptsetup\|dm_crypt' '$T/calls'"

tap_end
