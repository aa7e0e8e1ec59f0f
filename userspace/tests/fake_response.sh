# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# Sourced by owner_vectors.sh: build the attestation response an ultravisor
# would return, without one.  Needs openssl(1) and xxd(1), and the helpers
# rep, bytes, be32 of the caller.

# fake_response OWNER DIR HKD_OPTS FIX_OPTS
#   writes DIR/resp (performed exchange file), DIR/arpk2, DIR/user;
#   uses DIR/hdr as the SE header; sets MEAS_OFF (measurement offset).
fake_response() {
	owner=$1 dir=$2 hkd=$3 fix=$4
	mkey=$(rep 77 64)
	# shellcheck disable=SC2086
	"$owner" attest create $hkd $fix --x-meas-key "$mkey" \
		--x-nonce "$(rep ab 16)" --add-data phkh-img \
		-o "$dir/req2" --arpk "$dir/arpk2" || return 1
	bytes "$dir/req2" 64 400 >"$dir/arcb2"
	printf hello >"$dir/user"
	rep 42 16 | xxd -r -p >"$dir/cuid"
	rep 5a 32 | xxd -r -p >"$dir/add"
	{
		bytes "$dir/hdr" 224 192
		bytes "$dir/hdr" 624 16
		cat "$dir/cuid"
		printf '0005 0000 %s' "$(be32 32)" | xxd -r -p
		cat "$dir/user"
		rep ab 16 | xxd -r -p
		cat "$dir/add"
	} >"$dir/meas_in"
	openssl dgst -sha512 -mac HMAC -macopt "hexkey:$mkey" -binary \
		<"$dir/meas_in" >"$dir/meas" || return 1
	# arcb 400 @0x40, meas 64 @0x1d0, add 32 @0x210, user 5 @0x230,
	# cuid 16 @0x235; total 0x245
	{
		printf pvattest
		printf '%s%s%s' 00000100 "$(be32 0x245)" "$(rep 00 8)" | xxd -r -p
		for e in 400:0x40 64:0x1d0 32:0x210 5:0x230 16:0x235; do
			printf '%s%s' "$(be32 "${e%%:*}")" "$(be32 "${e#*:}")" | xxd -r -p
		done
		cat "$dir/arcb2" "$dir/meas" "$dir/add" "$dir/user" "$dir/cuid"
	} >"$dir/resp"
	# shellcheck disable=SC2034 # read by the caller
	MEAS_OFF=464
}

# flip_byte IN OUT OFFSET: copy IN to OUT with the byte at OFFSET inverted
flip_byte() {
	cp "$1" "$2"
	b=$(bytes "$1" "$3" 1 | xxd -p)
	printf '%02x' $((0x$b ^ 0xff)) | xxd -r -p |
		dd of="$2" bs=1 seek="$3" conv=notrunc 2>/dev/null
}
