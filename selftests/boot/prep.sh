#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make test-boot, first step, in a harness guest (it has device-mapper and
# loop devices, which the CI host lacks): the disks of a Debian 12 SE guest
# as its owner would set it up, from the Debian root filesystem that
# mmdebstrap made (scripts/lib/bootimg.sh).  On s390x (make
# test-boot-s390x) mmdebstrap could only unpack the packages: this guest,
# an s390x machine, installs them in the image first.
#
#   prep.sh DIR
#
# DIR (shared with the host) holds root.img, boot.img and data.img (empty
# disks: given as virtio disks of those names, or used as files),
# rootfs.tar, stage/ (our files as "make install" lays them out, modules
# included), image/ (the test machine's own files), owner-prep/ (the
# software UV's provisioning for this step), prep.req and prep-xts.req
# (the requests of the two secrets for it), pass (the volumes'
# passphrase) and vars (KVER, BOOT_UUID).
# SECEX_MACHINE_UV=1: the machine has its own ultravisor (s390x-uv), and
# the image gets no software UV and no test-only provisioning.
# It gets:
#  - root.img: LUKS2, paes-xts-plain64, whose volume key is the token of
#    the retrievable AES-XTS UV secret "root-xts" (a secex-key PVSECRET-AES
#    key), holding an LVM volume group "secexvg" whose logical volume
#    "root" is the root file system (the layout of Debian's installer for
#    "encrypted LVM");
#  - data.img: LUKS2, aes-xts-plain64, a data volume;
#  - boot.img: ext4, /boot: the kernel, the initrd;
#  - the kernel and initrd that update-initramfs made, for the host to
#    build the SE header of the image from.
# Both LUKS volumes are enrolled with the plaintext UV secret
# "root-unlock" (their secex-uv token).
#
# The enrollment and the paes key need the secrets in the store now,
# before the image and so its header exist: requests for a header of this
# step carry them (the owner keeps the values and makes the requests for
# the real header later, as after every update-initramfs).

set -eu
D=$1
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=/dev/null
. "$D/vars"
# shellcheck source=SCRIPTDIR/../lib/swuv.sh
. "$here/../lib/swuv.sh"
# shellcheck source=SCRIPTDIR/../lib/tokenplugin.sh
. "$here/../lib/tokenplugin.sh"
# shellcheck source=SCRIPTDIR/../lib/secondstage.sh
. "$here/../lib/secondstage.sh"

T=$(mktemp -d)
M=$T/root
t0=$(date +%s)
step() { echo "# prep: [$(($(date +%s) - t0)) s] $*"; }
# LVM in this guest: no udev, no devices file, nothing written to the
# host's /etc/lvm (this guest's root is the host's)
LVM_SYSTEM_DIR=$T/lvm
export LVM_SYSTEM_DIR
mkdir -p "$LVM_SYSTEM_DIR"
cat >"$LVM_SYSTEM_DIR/lvm.conf" <<EOF
devices { use_devicesfile = 0 obtain_device_list_from_udev = 0 }
activation { udev_sync = 0 udev_rules = 0 }
backup { backup = 0 archive = 0 }
EOF

step "software UV provisioned for the preparation header; the secret added"
SWUV_OWNER_DIR=$D/owner-prep
swuv_setup || { echo "prep: software UV: $SWUV_WHY" >&2; exit 1; }
"$UV" secret add "$D/prep.req"
"$UV" secret add "$D/prep-xts.req"
token_plugin_install "$SECEX_TOKEN_PLUGIN" "$T"

step "disks: LUKS2 root and data volumes, plain ext4 boot file system"
modprobe -q loop
modprobe -q virtio_blk || true
modprobe -q dm_crypt
# disk NAME: the virtio disk whose serial is NAME where the harness
# gave the guest one (scripts/vm --disk), else a loop device on the
# image file NAME.img in DIR (the host made both, empty)
disk() {
	for b in /sys/block/vd*; do
		[ "$(cat "$b/serial" 2>/dev/null)" = "$1" ] && { echo "/dev/${b##*/}"; return; }
	done
	losetup -f --show "$D/$1.img"
}
R=$(disk root)
B=$(disk boot)
V=$(disk data)
# root: paes, its volume key the token of the UV secret root-xts
SECEX_KEY_REPOSITORY=$T/repo
export SECEX_KEY_REPOSITORY
modprobe -q secex_paes
"$SECEX_KEY" generate rootkey --secret-name root-xts -d "root of the test image"
"$SECEX_KEY" cryptsetup rootkey --volumes "$R:prep_root" --format -q \
	--key-file "$D/pass" --pbkdf pbkdf2 --pbkdf-iterations 1000
cryptsetup luksFormat -q --type luks2 --cipher aes-xts-plain64 --key-size 512 \
	--pbkdf pbkdf2 --pbkdf-force-iterations 1000 --key-file "$D/pass" "$V"
for dev in "$R" "$V"; do
	"$SECEX_KEY" enroll "$dev" --uv-secret root-unlock --key-file "$D/pass"
done
ROOT_UUID=$(cryptsetup luksUUID "$R")
DATA_UUID=$(cryptsetup luksUUID "$V")
cryptsetup open --key-file "$D/pass" "$R" prep_root
cryptsetup open --key-file "$D/pass" "$V" prep_data
modprobe -q ext4 || true
pvcreate -q /dev/mapper/prep_root
vgcreate -q secexvg /dev/mapper/prep_root
lvcreate -q -y -l 100%FREE -n root secexvg
mkfs.ext4 -q -L root /dev/secexvg/root
mkfs.ext4 -q -L data /dev/mapper/prep_data
mkfs.ext4 -q -L boot -U "$BOOT_UUID" "$B"

step "root file system: Debian 12, our files, the test machine's files"
mkdir -p "$M"
mount /dev/secexvg/root "$M"
mkdir -p "$M/boot" "$M/data"
mount "$B" "$M/boot"
tar -xf "$D/rootfs.tar" -C "$M"
image_bind "$M"
in_image() { in_root "$M" "$@"; }
step "second stage, where mmdebstrap could only unpack (s390x)"
second_stage "$M" "$T" || exit 1
cp -a "$D/stage/." "$M/"
[ -d "$M/lib/modules/$KVER/kernel" ] || {
	echo "prep: the image's kernel is not $KVER, the one our modules are built for:" \
		"$(ls "$M/lib/modules")" >&2
	exit 1
}
if [ "${SECEX_MACHINE_UV:-0}" != 1 ]; then
	install -m 0755 "$D/image/hook-secex-test-swuv" \
		"$M/etc/initramfs-tools/hooks/secex-test-swuv"
	install -D -m 0755 "$D/image/init-top-secex-test-swuv" \
		"$M/etc/initramfs-tools/scripts/init-top/secex-test-swuv"
fi
install -m 0755 "$D/image/secex-boot-check" "$M/usr/local/sbin/secex-boot-check"
install -m 0644 "$D/image/secex-boot-check.service" "$M/etc/systemd/system/"
mkdir -p "$M/boot/secex/secrets.d"
cat >"$M/etc/fstab" <<EOF
/dev/mapper/secexvg-root	/	ext4	defaults	0 1
UUID=$BOOT_UUID	/boot	ext4	ro,nodev,nosuid,noexec	0 2
/dev/mapper/data_crypt	/data	ext4	defaults	0 2
EOF
cat >"$M/etc/crypttab" <<EOF
root_crypt	UUID=$ROOT_UUID	none	luks,discard
data_crypt	UUID=$DATA_UUID	none	luks,headless=true
EOF
echo secex-test >"$M/etc/hostname"

step "data volume: a stamp to read back"
mount /dev/mapper/prep_data "$T/root/data"
echo secex-test-boot >"$T/root/data/stamp"
umount "$T/root/data"

step "in the image: depmod, units, update-initramfs (with our hook and script)"
# cryptroot's hook finds the root mapping below the root LV by the name
# in crypttab
dmsetup rename prep_root root_crypt
in_image depmod -a "$KVER"
in_image systemctl enable secex-secrets.service secex-boot-check.service
# mmdebstrap left an initrd without our hook: made anew
rm -f "$M/boot/initrd.img-$KVER"
in_image update-initramfs -c -k "$KVER"
cp "$M/boot/vmlinuz-$KVER" "$D/vmlinuz"
cp "$M/boot/initrd.img-$KVER" "$D/initrd.img"
in_image lsinitramfs "/boot/initrd.img-$KVER" >"$D/initrd.list"

step "done: unmount, close"
image_unbind "$M"
umount "$M/boot" "$M"
vgchange -q -an secexvg
cryptsetup close root_crypt
cryptsetup close prep_data
for dev in "$R" "$B" "$V"; do
	case "$dev" in /dev/loop*) losetup -d "$dev" ;; esac
done
echo "ROOT_UUID=$ROOT_UUID" >>"$D/vars"
echo "# prep: ok"
