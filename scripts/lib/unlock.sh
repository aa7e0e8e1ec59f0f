# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Unattended unlock across boots (scripts/test): the owner's side made on
# the host, then three boots of one guest, each a phase of
# selftests/unlock/boot_unlock.sh, sharing a folder that keeps the disk
# images, the requests and the key repository from boot to boot.
#
#   unlock_run K STDIR ENV KFLAGS   TAP on stdout, ending with
#                                   "# secex-selftests: pass=N fail=N skip=N"

# unlock_owner DIR: host key, two SE images (A, the guest's; B, another
# one on the same machine), and the add-secret requests for A.
unlock_owner() {
	local d=$1 id t f name type len
	OWNER=$SECEX_TOP/userspace/secex-owner
	# shellcheck source=../../selftests/lib/swuv.sh
	. "$SECEX_TOP/selftests/lib/swuv.sh"
	mkdir -p "$d/owner-a" "$d/owner-b" "$d/secrets.d" || return 1
	swuv_owner_make "$d/owner-a" || return 1
	cp "$d/owner-a/host.bin" "$d/owner-a/host.crt" "$d/owner-b/" &&
	( cd "$d/owner-b" &&
	  head -c 65536 /dev/urandom >kernel && head -c 16384 /dev/urandom >initrd &&
	  echo "root=/dev/vda" >parmfile &&
	  "$OWNER" hdr make --hkd host.crt --kernel kernel --initrd initrd \
		--parmfile parmfile -o se.hdr >/dev/null &&
	  od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >cuid ) || return 1
	id=$(od -An -tx1 -N6 /dev/urandom | tr -d ' \n')
	cat >"$d/names" <<EOF
PT=unlock-$id
XTS=unlock-$id-xts
AES=unlock-$id-aes
SHORT=unlock-$id-short
EOF
	# name order is the order of the adds
	for t in "10-unlock:unlock-$id:plaintext:32" "20-xts:unlock-$id-xts:aes-xts:64" \
		"30-aes:unlock-$id-aes:aes:32" "40-short:unlock-$id-short:plaintext:8"; do
		IFS=: read -r f name type len <<<"$t"
		head -c "$len" /dev/urandom >"$d/value" &&
		"$OWNER" secret create --hkd "$d/owner-a/host.crt" --hdr "$d/owner-a/se.hdr" \
			-o "$d/secrets.d/$f.req" retrievable "$name" --type "$type" \
			--secret "$d/value" >/dev/null || { rm -f "$d/value"; return 1; }
	done
	rm -f "$d/value" "$d"/owner-?/{kernel,initrd}
	printf 'unlock-test-passphrase' >"$d/pass"
}

# unlock_run K STDIR ENV KFLAGS
unlock_run() {
	local k=$1 stdir=$2 env=$3 kflags=$4 d=$SECEX_BUILD/unlock/$1 phase owner
	local out pass=0 fail=0 skip=0 totals rc
	rm -rf "$d"
	mkdir -p "$d"
	if ! unlock_owner "$d" >"$d.log" 2>&1; then
		sed 's/^/# /' "$d.log"
		echo "not ok - $k: owner's side of the unlock test (host secex-owner)"
		echo "# secex-selftests: pass=0 fail=1 skip=0"
		return
	fi
	for phase in enroll boot foreign; do
		owner="owner-a"
		[ $phase = foreign ] && owner="owner-b"
		echo "# selftest: unlock/boot_unlock $phase (a fresh boot, SE image ${owner#owner-})"
		out=$d/$phase.tap
		SECEX_KBUILD_FLAGS=$kflags SECEX_KEEP_LOG=$d/$phase.kernel.log \
			"$SECEX_TOP/scripts/vm" run --kernel "$k" --share "$d" --timeout 900 -- \
			sh -c "export $env UNLOCK_SHARE=$d SWUV_OWNER_DIR=$d/$owner; $stdir/unlock/boot_unlock $phase" \
			>"$out" 2>&1
		rc=$?
		cat "$out"
		totals=$(grep -E '^# Totals: ' "$out" | tail -n 1)
		if [ -z "$totals" ]; then
			echo "not ok - unlock $phase: no results (VM exit $rc, $d/$phase.kernel.log)"
			fail=$((fail + 1))
			continue
		fi
		pass=$((pass + $(sed -E 's/.* pass:([0-9]+).*/\1/' <<<"$totals")))
		fail=$((fail + $(sed -E 's/.* fail:([0-9]+).*/\1/' <<<"$totals")))
		skip=$((skip + $(sed -E 's/.*skip:([0-9]+).*/\1/' <<<"$totals")))
		# The run itself failed (kernel log, module unload, timeout).
		if [ "$rc" != 0 ] && [ "$rc" != 1 ] && [ "$rc" != 4 ]; then
			echo "not ok - unlock $phase: VM run ended with $rc ($d/$phase.kernel.log)"
			fail=$((fail + 1))
		fi
	done
	echo "# secex-selftests: pass=$pass fail=$fail skip=$skip"
}
