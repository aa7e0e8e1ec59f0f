#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Unattended unlock across boots: one phase per boot of the guest, run by
# scripts/test-unlock, which makes the owner's side on the host and keeps
# the disk images in a shared folder between the boots.
#
#   boot_unlock enroll    provisioned for SE header A: the boot step adds
#                         the requests; a plain aes-xts-plain64 volume and
#                         a paes volume whose volume key is a UV secret are
#                         enrolled with a plaintext UV secret; the refusals
#                         of enroll; luksDump through the plugin; a token
#                         naming a secret of the wrong type; unenroll;
#                         lock, then retrieval still works
#   boot_unlock boot      a fresh boot for header A: the boot step adds the
#                         requests, both volumes open with --token-only
#                         and through systemd-cryptsetup (crypttab line)
#   boot_unlock foreign   a fresh boot provisioned for header B: the UV
#                         refuses the requests, the open fails naming the
#                         secret, nothing on the disk changes, and the
#                         passphrase still opens the volume
#
# TAP.  Exit 0 passed, 1 failed, 4 skipped.  Environment: UNLOCK_SHARE
# (the shared folder: owner-a/, owner-b/, secrets.d/, names), SWUV_OWNER_DIR
# (owner-a or owner-b), SECEX_UV, SECEX_KEY, SECEX_TOKEN_PLUGIN (the tools).

phase=${1:-}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/../luks/luks_lib.sh
. "$here/../luks/luks_lib.sh"
# shellcheck source=SCRIPTDIR/../lib/swuv.sh
. "$here/../lib/swuv.sh"
# shellcheck source=SCRIPTDIR/../lib/tokenplugin.sh
. "$here/../lib/tokenplugin.sh"

S=${UNLOCK_SHARE:?UNLOCK_SHARE: the folder shared between the boots}
MIB=8
# cryptsetup's spelling of luks_lib's cheap key slots ($PBKDF is secex-key's)
CS_PBKDF="--pbkdf pbkdf2 --pbkdf-force-iterations 1000"
# shellcheck source=/dev/null
. "$S/names"	# PT (plaintext), XTS, AES, SHORT: the secrets' names

luks_init
UV=${SECEX_UV:-$(luks_tool secex-uv)} || luks_skip "secex-uv not built"
PLUGIN=${SECEX_TOKEN_PLUGIN:-$(luks_tool libcryptsetup-token-secex-uv.so)} ||
	luks_skip "the token plugin libcryptsetup-token-secex-uv.so is not built"
swuv_setup || luks_skip "software UV: $SWUV_WHY"
export SECEX_KEY_REPOSITORY="$S/repo"
cp "$S/pass" "$T/pass"

plugin_install() {
	token_plugin_install "$PLUGIN" "$T"
}

# attach IMG: a loop device on this boot's copy of the image, in $LOOP
attach() {
	cp "$S/$1" "$T/$1" && LOOP=$(losetup -f --show "$T/$1") || return 1
	luks_loops="$luks_loops $LOOP"
}

# The boot step, as the unit and the initramfs script run it.
boot_step() {
	"$UV" secret add-dir "$S/secrets.d" --state-dir "$T/added"
}

# token_open DEV DM: cryptsetup open with the token only
token_open() {
	luks_maps="$luks_maps $2"
	cryptsetup open --token-only "$1" "$2"
}

# data_is DM NAME: the data written at enrollment is there
data_is() {
	got=$(dev_sha "/dev/mapper/$1" $MIB)
	want=$(cat "$S/$2.sha")
	echo "sha256 $got, written $want"
	cryptsetup close "$1"
	[ "$got" = "$want" ]
}

# dump_has DEV TEXT...: luksDump shows each TEXT
dump_has() {
	_d=$1; shift
	cryptsetup luksDump "$_d" >"$T/dump" || return 1
	cat "$T/dump"
	for _t in "$@"; do
		grep -qF -- "$_t" "$T/dump" || { echo "missing: $_t"; return 1; }
	done
}

# fails_with CODE TEXT CMD...: CMD exits with CODE (any but 0 for "nz")
# and says TEXT
fails_with() {
	_want=$1 _text=$2; shift 2
	"$@" >"$T/out" 2>&1
	_rc=$?
	cat "$T/out"
	echo "exit status $_rc (expected $_want)"
	case "$_want" in
	nz) [ "$_rc" != 0 ] ;;
	*) [ "$_rc" = "$_want" ] ;;
	esac && grep -qF -- "$_text" "$T/out"
}

# sc_data_is DM: the data of a.img on DM, which systemd-cryptsetup detaches
sc_data_is() {
	got=$(dev_sha "/dev/mapper/$1" $MIB)
	echo "sha256 $got, written $(cat "$S/a.img.sha")"
	"$SC" detach "$1" && [ "$got" = "$(cat "$S/a.img.sha")" ]
}

# new_volume IMG DM: a LUKS2 aes-xts-plain64 volume with a passphrase and
# MIB MiB of random data (sha256 in $S/IMG.sha)
# shellcheck disable=SC2086  # $CS_PBKDF: several options
new_volume() {
	truncate -s $((MIB + 16))M "$T/$1" && _l=$(losetup -f --show "$T/$1") &&
	luks_loops="$luks_loops $_l" &&
	cryptsetup luksFormat -q --type luks2 --cipher aes-xts-plain64 \
		--key-size 512 $CS_PBKDF --key-file "$T/pass" "$_l" &&
	write_data "$_l" "$1" "$2"
}

# write_data DEV IMG DM: open with the passphrase, fill, record, close
write_data() {
	luks_maps="$luks_maps $3"
	cryptsetup open --key-file "$T/pass" "$1" "$3" &&
	head -c ${MIB}M /dev/urandom >"$T/data" &&
	dd if="$T/data" of="/dev/mapper/$3" bs=1M oflag=direct conv=fsync 2>/dev/null &&
	sha256sum <"$T/data" | cut -d' ' -f1 >"$S/$2.sha" &&
	cryptsetup close "$3"
}

# secret_count: secrets in the store
secret_count() {
	"$UV" secret list | sed -n 's/^Total number of secrets: //p'
}

phase_enroll() {
	tap_plan 32
	step "the token plugin is installed (over the folder cryptsetup names)" plugin_install
	step "boot step: every request of secrets.d is added" \
		sh -c "'$UV' secret add-dir '$S/secrets.d' --state-dir '$T/added' >'$T/out' 2>&1; rc=\$?; cat '$T/out';
		       [ \$rc = 0 ] && [ \$(grep -c ': added' '$T/out') = $(find "$S/secrets.d" -name '*.req' | wc -l) ]"
	n=$(secret_count)
	FORGED=$(printf %s "$PT" | sed 's/$/-forged/')
	step "a request forged from the host-key document and the header alone (no CCK): refused, not stored" \
		sh -c "'$UV' secret add-dir '$S/forged.d' --state-dir '$T/forged' >'$T/out' 2>&1; rc=\$?; cat '$T/out';
		       [ \$rc = 2 ] && grep -q '10-forged.req: .*rc 0x0108' '$T/out' &&
		       ! '$UV' secret list | grep -q \"\$(printf %s '$FORGED' | sha256sum | cut -c1-16)\""
	step "run again in the same boot: already added, nothing added twice" \
		sh -c "'$UV' secret add-dir '$S/secrets.d' --state-dir '$T/added' >'$T/out' 2>&1; rc=\$?; cat '$T/out';
		       [ \$rc = 0 ] && grep -q 'already added in this boot' '$T/out' && [ \"\$('$UV' secret list | sed -n 's/^Total number of secrets: //p')\" = '$n' ]"

	step "a LUKS2 aes-xts-plain64 volume with a passphrase and data" new_volume a.img unlock-a
	A=$_l	# new_volume's loop device
	step "enroll --uv-secret NAME: a key slot for the plaintext secret and a token" \
		sh -c "'$KEY' enroll '$A' --uv-secret '$PT' --key-file '$T/pass' | tee '$T/out' && grep -q 'key slot 1 opens with UV secret .$PT.' '$T/out'"
	step "enroll refuses a second token for the same secret (exit 1)" \
		fails_with 1 "already enrolled with this secret" "$KEY" enroll "$A" --uv-secret "$PT" --key-file "$T/pass"
	step "enroll refuses a secret of the wrong type, naming it" \
		fails_with 1 "not a plaintext secret" "$KEY" enroll "$A" --uv-secret "$AES" --key-file "$T/pass"
	step "enroll refuses a secret of fewer than 16 bytes" \
		fails_with 1 "too short to protect a key slot" "$KEY" enroll "$A" --uv-secret "$SHORT" --key-file "$T/pass"
	step "enroll refuses a secret the guest does not have" \
		fails_with 1 "is not in the ultravisor's secret store" "$KEY" enroll "$A" --uv-secret "$PT-none" --key-file "$T/pass"
	ID=$(printf %s "$PT" | sha256sum | cut -d' ' -f1)
	step "luksDump shows the token through the plugin: secret name and id" \
		dump_has "$A" "secex-uv" "$PT" "$ID"
	step "cryptsetup open --token-only opens it (same boot)" token_open "$A" unlock-a
	step "the data is intact" data_is unlock-a a.img

	AESID=$(printf %s "$AES" | sha256sum | cut -d' ' -f1)
	cp "$T/a.img" "$T/w.img"
	W=$(losetup -f --show "$T/w.img") && luks_loops="$luks_loops $W"
	# a well-formed header-mac: the type is checked before the MAC
	printf '{"type":"secex-uv","keyslots":[],"secret-id":"%s","secret-name":"%s","header-mac":"%064d"}' \
		"$AESID" "$AES" 0 >"$T/wrong.json"
	step "a token naming an AES key instead of a plaintext secret: imported for key slot 0" \
		cryptsetup token import --json-file "$T/wrong.json" --key-slot 0 --token-id 5 "$W"
	step "open with it fails with a message naming the secret and its type" \
		fails_with nz "'$AES' is an AES-256-KEY secret, not a plaintext secret" \
		cryptsetup open --token-only --token-id 5 "$W" unlock-w
	# The host writes tokens: one naming the 8-byte secret could key a MAC
	# over a header of its own, were short secrets accepted.
	SHORTID=$(printf %s "$SHORT" | sha256sum | cut -d' ' -f1)
	printf '{"type":"secex-uv","keyslots":[],"secret-id":"%s","header-mac":"%064d"}' \
		"$SHORTID" 0 >"$T/short.json"
	step "a token naming the 8-byte plaintext secret: imported for key slot 0" \
		cryptsetup token import --json-file "$T/short.json" --key-slot 0 --token-id 6 "$W"
	step "open with it is refused: too short to key a header binding" \
		fails_with nz "secex-uv token 6 refused: the UV secret it names has 8 bytes, fewer than the 16" \
		cryptsetup open --token-only --token-id 6 "$W" unlock-w

	# The two-factor volume: the volume key is a UV secret (paes), and so
	# is the passphrase of the key slot the token opens.
	step "a paes volume whose volume key is the UV secret $XTS" \
		sh -c "'$KEY' generate vk --secret-name '$XTS' >/dev/null && truncate -s $((MIB + 17))M '$T/b.img'"
	B=$(losetup -f --show "$T/b.img") && luks_loops="$luks_loops $B"
	step "formatted by secex-key, data written" \
		sh -c "'$KEY' cryptsetup vk --volumes '$B:unlock-b' --format -q --key-file '$T/pass' $PBKDF >/dev/null"
	step "data on the paes volume" write_data "$B" b.img unlock-b
	step "enroll the paes volume with the plaintext secret" \
		"$KEY" enroll "$B" --uv-secret "$PT" --key-file "$T/pass"
	step "it opens with --token-only" token_open "$B" unlock-b
	step "its data is intact" data_is unlock-b b.img

	# unenroll, on a volume of its own
	truncate -s 20M "$T/c.img"
	C=$(losetup -f --show "$T/c.img") && luks_loops="$luks_loops $C"
	# shellcheck disable=SC2086
	cryptsetup luksFormat -q --type luks2 $CS_PBKDF --key-file "$T/pass" "$C"
	printf wrong >"$T/wrong"
	step "enroll refuses a wrong passphrase, adds nothing" \
		sh -c "'$KEY' enroll '$C' --uv-secret '$PT' --key-file '$T/wrong' 2>'$T/err'; rc=\$?; cat '$T/err';
		       [ \$rc = 1 ] && grep -q 'no key slot opens with this passphrase' '$T/err' &&
		       ! cryptsetup luksDump '$C' | grep -q secex-uv"
	step "unenroll removes the token and its key slot; the passphrase stays" \
		sh -c "'$KEY' enroll '$C' --uv-secret '$PT' --key-file '$T/pass' >/dev/null &&
		       '$KEY' unenroll '$C' && ! cryptsetup luksDump '$C' | grep -q secex-uv &&
		       cryptsetup open --test-passphrase --key-file '$T/pass' '$C'"
	step "unenroll keeps a key slot that is the volume's last one" \
		sh -c "'$KEY' enroll '$C' --uv-secret '$PT' --key-file '$T/pass' >/dev/null &&
		       cryptsetup -q luksKillSlot '$C' 0 &&
		       '$KEY' unenroll '$C' 2>'$T/err'; rc=\$?; cat '$T/err';
		       [ \$rc = 1 ] && grep -q 'would leave the volume no key slot' '$T/err' &&
		       cryptsetup open --test-passphrase --token-only '$C'"

	step "crypttab: a line that opens the volume with the token, headless" \
		sh -c "'$KEY' crypttab --volumes '$A:unlock-a' --headless | tee '$T/tab' &&
		       grep -q '^# unlock-a: opens with UV secret .$PT.' '$T/tab' &&
		       grep -q \"^unlock-a	$A	none	luks,headless=true\$\" '$T/tab'"

	# retrieve -o: the value goes to a 0600 file, never through a link
	step "secret retrieve -o: an existing 0644 file becomes 0600 with the value" \
		sh -c "umask 022 && echo old >'$T/val' && chmod 0644 '$T/val' &&
		       '$UV' secret retrieve --name '$PT' --outform bin -o '$T/val' &&
		       [ \$(stat -c %a '$T/val') = 600 ] && [ \$(stat -c %s '$T/val') = 32 ]"
	step "secret retrieve -o refuses a symbolic link, and the target stays as it was" \
		sh -c "echo target >'$T/target' && ln -sf '$T/target' '$T/link' &&
		       ! '$UV' secret retrieve --name '$PT' --outform bin -o '$T/link' 2>'$T/err' &&
		       cat '$T/err' && grep -q 'symbolic link' '$T/err' &&
		       [ \"\$(cat '$T/target')\" = target ]"
	rm -f "$T/val"
	step "lock the secret store" "$UV" secret lock
	step "locked: the token still opens the volume (retrieval works)" \
		sh -c "cryptsetup open --test-passphrase --token-only '$A'"
	step "locked: the boot step's adds are refused (exit 2), naming the file" \
		fails_with 2 "secret store locked" "$UV" secret add-dir "$S/secrets.d" --state-dir "$T/added2"

	cp "$T/a.img" "$T/b.img" "$S/" || echo "Bail out! cannot save the images in $S"
}

# hostile IMG TEXT: the host's rewrite IMG of the enrolled volume
# (scripts/lib/unlock.sh) does not open with the token: the plugin's one
# error line says TEXT, no mapping appears, the image is not written.
hostile() {
	_img=$S/hostile/$1.img
	_sum=$(sha256sum <"$_img")
	_l=$(losetup -r -f --show "$_img") || return 1
	luks_loops="$luks_loops $_l"
	luks_maps="$luks_maps h-$1"
	cryptsetup open --token-only "$_l" "h-$1" >"$T/out" 2>&1
	_rc=$?
	cat "$T/out"
	echo "exit status $_rc"
	[ "$_rc" != 0 ] && [ ! -e "/dev/mapper/h-$1" ] &&
		grep -qF -- "secex-uv token 0 refused: $2" "$T/out" &&
		[ "$(sha256sum <"$_img")" = "$_sum" ]
}

phase_boot() {
	tap_plan 17
	step "the token plugin is installed" plugin_install
	attach a.img || { echo "Bail out! no a.img from the first boot"; exit 1; }
	A=$LOOP
	attach b.img || { echo "Bail out! no b.img from the first boot"; exit 1; }
	B=$LOOP
	step "boot step: the requests are added" boot_step
	step "cryptsetup open --token-only: the aes-xts-plain64 volume" token_open "$A" unlock-a
	step "its data is intact (sha256)" data_is unlock-a a.img
	step "cryptsetup open --token-only: the paes volume (volume key and key slot from the UV)" \
		token_open "$B" unlock-b
	step "its data is intact (sha256)" data_is unlock-b b.img

	# The host rewrote copies of a.img between the boots; the secret is
	# in the store, so only the header binding stands in the way.
	changed="the header is not the one it was enrolled on"
	step "host rewrite: segment cipher_null-ecb (a plaintext mapping): refused before the UV is asked" \
		hostile segnull "segment 0 is cipher_null-ecb"
	step "host-made header, key slot 1 cipher_null (any passphrase opens it), genuine token copied in: refused" \
		hostile slotnull "key slot 1 is encrypted with cipher_null-ecb"
	step "host rewrite: the token's header-mac removed: refused" \
		hostile nomac 'it has no "header-mac"'
	step "host rewrite: the volume-key digest swapped: refused (header MAC)" \
		hostile digest "$changed"
	step "host rewrite: the key slot's PBKDF2 iterations: refused (header MAC)" \
		hostile kdf "$changed"
	step "host rewrite: the segment's sector size: refused (header MAC)" \
		hostile sector "$changed"
	step "host rewrite: the segment's offset: refused (header MAC)" \
		hostile offset "$changed"
	step "host rewrite: the token's secret-name: refused (header MAC)" \
		hostile name "$changed"
	step "host rewrite: the persistent allow-discards flag (free blocks leak): refused (header MAC)" \
		hostile flags "$changed"

	SC=/lib/systemd/systemd-cryptsetup
	if [ ! -x "$SC" ]; then
		tap_skip "systemd-cryptsetup attach with the crypttab line" "$SC is not installed in this guest"
		tap_skip "its data is intact" "no systemd-cryptsetup"
		return
	fi
	"$KEY" crypttab --volumes "$A:unlock-a" --headless | grep -v '^#' >"$T/tab"
	# shellcheck disable=SC2046
	set -- $(cat "$T/tab")
	luks_maps="$luks_maps $1"
	step "systemd-cryptsetup attach with the crypttab line ($4) opens it" \
		"$SC" attach "$1" "$2" "$3" "$4"
	step "its data is intact (sha256)" sc_data_is "$1"
}

phase_foreign() {
	tap_plan 8
	step "the token plugin is installed" plugin_install
	attach a.img || { echo "Bail out! no a.img from the first boot"; exit 1; }
	A=$LOOP
	DISK=$(all_sha "$A")
	step "boot step: the ultravisor refuses the requests (other SE image), each named, exit 2" \
		sh -c "'$UV' secret add-dir '$S/secrets.d' --state-dir '$T/added' >'$T/out' 2>&1; rc=\$?; cat '$T/out';
		       [ \$rc = 2 ] && grep -q '10-unlock.req: .*rc 0x0108.*unable to decrypt' '$T/out'"
	step "open --token-only fails, naming the missing secret" \
		sh -c "cryptsetup open --token-only '$A' unlock-a >'$T/out' 2>&1; rc=\$?; cat '$T/out';
		       [ \$rc != 0 ] && grep -q \"'$PT' .*is not in the ultravisor's secret store\" '$T/out' && [ ! -e /dev/mapper/unlock-a ]"
	SC=/lib/systemd/systemd-cryptsetup
	if [ -x "$SC" ]; then
		"$KEY" crypttab --volumes "$A:unlock-a" --headless | grep -v '^#' >"$T/tab"
		# shellcheck disable=SC2046
		set -- $(cat "$T/tab")
		step "systemd-cryptsetup attach (headless) fails too, no mapping" \
			sh -c "! '$SC' attach $1 $2 $3 $4 && [ ! -e /dev/mapper/unlock-a ]"
	else
		tap_skip "systemd-cryptsetup attach (headless) fails too" "$SC is not installed in this guest"
	fi
	step "no key slot, token or data was touched (sha256 of the whole disk)" \
		sh -c "[ \"\$(dd if='$A' bs=1M iflag=direct 2>/dev/null | sha256sum | cut -d' ' -f1)\" = '$DISK' ]"
	step "luksDump still shows the token" dump_has "$A" "secex-uv" "$PT"
	luks_maps="$luks_maps unlock-a"
	step "the passphrase fallback opens the volume" \
		cryptsetup open --key-file "$T/pass" "$A" unlock-a
	step "its data is intact (sha256)" data_is unlock-a a.img
}

case "$phase" in
enroll) phase_enroll ;;
boot) phase_boot ;;
foreign) phase_foreign ;;
*) echo "usage: $0 enroll|boot|foreign" >&2; exit 2 ;;
esac
luks_done
