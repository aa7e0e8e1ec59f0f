# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Shared by the tests and the demo that need a provisioned software
# ultravisor (POSIX sh).  Provisioning is possible once per load of
# secex_swuv, so the first user provisions and leaves the owner's material
# in $SWUV_DIR (tmpfs /run: one boot); later users find and reuse it.
#
#   . lib/swuv.sh
#   swuv_setup || skip...            sets UV, OWNER, SWUV_DIR (store size
#                                    $SWUV_STORE_SIZE, default 1024)
#   swuv_add_secret NAME TYPE FILE   owner creates, guest adds a
#                                    retrievable secret (TYPE: aes, aes-xts,
#                                    hmac, ec, plaintext)
#   swuv_run_id                      an id for this run's secret names
#
# Guests without secex-owner (the s390x ones: it needs libcrypto) get the
# owner's side made in advance on the host, as a real owner would make it:
# the harness runs swuv_owner_prepare there and shares the folder as
# $SWUV_OWNER_DIR.  It holds the host key (raw, host.bin: the form the
# software UV takes) and SE header to provision with, the run id, and the add-secret requests of SWUV_PREPARED_SECRETS
# (secrets/NAME.req, random values the guest never sees in the clear);
# swuv_add_secret then ignores FILE.
#
# On a test machine with its own ultravisor (SECEX_MACHINE_UV=1: our QEMU's
# Ultravisor Call) there is no software UV: the harness provisioned the
# machine from $SWUV_OWNER_DIR when it started it, and swuv_setup only
# checks that and sets UV.

SWUV_SYSFS=${SWUV_SYSFS:-/sys/kernel/secex_swuv}
SWUV_DIR=${SWUV_DIR:-/run/secex-swuv}
# shellcheck disable=SC2034  # SWUV_WHY: read by the callers of swuv_setup
SWUV_WHY=""
# NAME:TYPE of what swuv_owner_prepare makes (@ID@: the run id), i.e. the
# secrets that the tests add on guests without secex-owner.
SWUV_PREPARED_SECRETS="secex-luks-@ID@:aes-xts secex-luks-@ID@-absent:aes-xts"

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

swuv_run_id() {
	if [ -n "${SWUV_OWNER_DIR:-}" ]; then
		cat "$SWUV_OWNER_DIR/run-id"
	else
		od -An -tx1 -N6 /dev/urandom | tr -d ' \n'
	fi
}

# swuv_owner_make DIR: host key (raw, as provisioning takes it),
# certificate, SE header and config UID.
swuv_owner_make() {
	(
		cd "$1" || exit 1
		"$OWNER" hostkey make --out-raw-key host.bin --out-cert host.crt &&
		head -c 65536 /dev/urandom >kernel &&
		head -c 16384 /dev/urandom >initrd &&
		echo "root=/dev/vda" >parmfile &&
		"$OWNER" hdr make --no-verify --hkd host.crt --kernel kernel --initrd initrd \
			--parmfile parmfile -o se.hdr &&
		od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >cuid
	)
}

# swuv_owner_prepare DIR: the owner's side for $SWUV_OWNER_DIR (host).
swuv_owner_prepare() {
	OWNER=${SECEX_OWNER:-$(swuv_tool secex-owner)} || { echo "secex-owner not built" >&2; return 1; }
	rm -rf "$1" && mkdir -p "$1/secrets" && swuv_owner_make "$1" || return 1
	od -An -tx1 -N6 /dev/urandom | tr -d ' \n' >"$1/run-id"
	for _spec in $SWUV_PREPARED_SECRETS; do
		_name=$(echo "${_spec%%:*}" | sed "s/@ID@/$(cat "$1/run-id")/")
		_type=${_spec#*:}
		case "$_type" in
		aes-xts) _len=64 ;;
		*) _len=32 ;;
		esac
		head -c $_len /dev/urandom >"$1/secrets/$_name.key" &&
			"$OWNER" secret create --no-verify --hkd "$1/host.crt" --hdr "$1/se.hdr" \
				-o "$1/secrets/$_name.req" retrievable "$_name" \
				--type "$_type" --secret "$1/secrets/$_name.key" >/dev/null
		_rc=$?
		rm -f "$1/secrets/$_name.key"
		[ $_rc = 0 ] || return 1
	done
	rm -f "$1/kernel" "$1/initrd"
}

# shellcheck disable=SC2034  # SWUV_WHY: read by the callers of swuv_setup
swuv_setup() {
	UV=${SECEX_UV:-$(swuv_tool secex-uv)} || { SWUV_WHY="secex-uv not built"; return 1; }
	if [ -n "${SWUV_OWNER_DIR:-}" ]; then
		[ -f "$SWUV_OWNER_DIR/se.hdr" ] || { SWUV_WHY="$SWUV_OWNER_DIR has no owner material"; return 1; }
	else
		OWNER=${SECEX_OWNER:-$(swuv_tool secex-owner)} || { SWUV_WHY="secex-owner not built"; return 1; }
	fi
	if [ "${SECEX_MACHINE_UV:-}" = 1 ]; then
		[ -n "${SWUV_OWNER_DIR:-}" ] || { SWUV_WHY="SECEX_MACHINE_UV=1 needs SWUV_OWNER_DIR"; return 1; }
		[ ! -d "$SWUV_SYSFS" ] || { SWUV_WHY="secex_swuv is loaded on a machine with its own ultravisor"; return 1; }
		mkdir -p "$SWUV_DIR" && cp "$SWUV_OWNER_DIR/cuid" "$SWUV_DIR/cuid" ||
			{ SWUV_WHY="cannot create $SWUV_DIR"; return 1; }
		return 0
	fi
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
		if [ -n "${SWUV_OWNER_DIR:-}" ]; then
			cp "$SWUV_OWNER_DIR/host.bin" "$SWUV_OWNER_DIR/host.crt" \
				"$SWUV_OWNER_DIR/se.hdr" "$SWUV_OWNER_DIR/cuid" .
		else
			swuv_owner_make .
		fi &&
		"$UV" provision --host-key host.bin --se-header se.hdr \
			--config-uid "$(cat cuid)" --store-size "${SWUV_STORE_SIZE:-1024}"
	) >"$SWUV_DIR/setup.log" 2>&1 || {
		SWUV_WHY="provisioning failed: $(tail -n 3 "$SWUV_DIR/setup.log" | tr '\n' ' ')"
		rm -f "$SWUV_DIR/cuid"
		return 1
	}
}

swuv_add_secret() {
	if [ -n "${SWUV_OWNER_DIR:-}" ]; then
		[ -f "$SWUV_OWNER_DIR/secrets/$1.req" ] || {
			echo "no request for secret $1 made in advance (SWUV_PREPARED_SECRETS)" >&2
			return 1
		}
		"$UV" secret add "$SWUV_OWNER_DIR/secrets/$1.req"
		return
	fi
	"$OWNER" secret create --no-verify --hkd "$SWUV_DIR/host.crt" --hdr "$SWUV_DIR/se.hdr" \
		-o "$SWUV_DIR/$1.req" retrievable "$1" --type "$2" --secret "$3" &&
		"$UV" secret add "$SWUV_DIR/$1.req"
}
