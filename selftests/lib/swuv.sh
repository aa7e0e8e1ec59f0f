# SPDX-License-Identifier: GPL-2.0
# Shared by the tests and the demo that need a provisioned software
# ultravisor (POSIX sh).  Provisioning is possible once per load of
# secex_swuv, so the first user provisions and leaves the owner's material
# in $SWUV_DIR (tmpfs /run: one boot); later users find and reuse it.
#
#   . lib/swuv.sh
#   swuv_setup || skip...            sets UV, OWNER, SWUV_DIR
#   swuv_add_secret NAME TYPE FILE   owner creates, guest adds a
#                                    retrievable secret (TYPE: aes, aes-xts,
#                                    hmac, ec, plaintext)

SWUV_SYSFS=${SWUV_SYSFS:-/sys/kernel/secex_swuv}
SWUV_DIR=${SWUV_DIR:-/run/secex-swuv}
SWUV_WHY=""

# swuv_tool NAME: from $PATH, else built in userspace/ of this tree; an
# absolute path, as swuv_setup changes the working directory.
swuv_tool() {
	command -v "$1" 2>/dev/null && return 0
	for d in "${SECEX_TOP:-}/userspace" "$(dirname "$0")/../../userspace" \
		"$(dirname "$0")/../../../../userspace"; do
		[ -x "$d/$1" ] && { echo "$(cd "$d" && pwd)/$1"; return 0; }
	done
	return 1
}

swuv_setup() {
	UV=${SECEX_UV:-$(swuv_tool secex-uv)} || { SWUV_WHY="secex-uv not built"; return 1; }
	OWNER=${SECEX_OWNER:-$(swuv_tool secex-owner)} || { SWUV_WHY="secex-owner not built"; return 1; }
	[ -d "$SWUV_SYSFS" ] || { SWUV_WHY="secex_swuv is not loaded"; return 1; }
	[ "$(id -u)" = 0 ] || { SWUV_WHY="provisioning needs root"; return 1; }

	if [ "$(cat "$SWUV_SYSFS/state")" = provisioned ]; then
		# Ours if the config UID is the one we provisioned.
		if [ -f "$SWUV_DIR/cuid" ] &&
			[ "$(tr A-F a-f <"$SWUV_SYSFS/config_uid")" = "$(cat "$SWUV_DIR/cuid")" ]; then
			return 0
		fi
		SWUV_WHY="the software UV was provisioned by someone else (reload secex_swuv)"
		return 1
	fi

	rm -rf "$SWUV_DIR"
	mkdir -p "$SWUV_DIR" || { SWUV_WHY="cannot create $SWUV_DIR"; return 1; }
	(
		cd "$SWUV_DIR" || exit 1
		"$OWNER" hostkey make --out-key host.pem --out-cert host.crt &&
		head -c 65536 /dev/urandom >kernel &&
		head -c 16384 /dev/urandom >initrd &&
		echo "root=/dev/vda" >parmfile &&
		"$OWNER" hdr make --hkd host.crt --kernel kernel --initrd initrd \
			--parmfile parmfile -o se.hdr &&
		od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >cuid &&
		"$UV" provision --host-key host.pem --se-header se.hdr \
			--config-uid "$(cat cuid)" --store-size 1024
	) >"$SWUV_DIR/setup.log" 2>&1 || {
		SWUV_WHY="provisioning failed: $(tail -n 3 "$SWUV_DIR/setup.log" | tr '\n' ' ')"
		rm -f "$SWUV_DIR/cuid"
		return 1
	}
}

swuv_add_secret() {
	"$OWNER" secret create --hkd "$SWUV_DIR/host.crt" --hdr "$SWUV_DIR/se.hdr" \
		-o "$SWUV_DIR/$1.req" retrievable "$1" --type "$2" --secret "$3" &&
		"$UV" secret add "$SWUV_DIR/$1.req"
}
