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
# one on the same machine), and the add-secret requests for A.  Image A's
# header enforces CCK-derived extension secrets, as the unlock
# documentation asks of every image that unlocks volumes: the requests
# carry the one derived from its CCK, and DIR/forged.d holds a request
# that anyone with the host-key document and the header can make (no
# CCK), which the ultravisor must refuse.
UNLOCK_SCF_CCK=0x4000000000000000
unlock_owner() {
	local d=$1 id t f name type len
	OWNER=$SECEX_TOP/userspace/secex-owner
	# shellcheck source=../../selftests/lib/swuv.sh
	. "$SECEX_TOP/selftests/lib/swuv.sh"
	mkdir -p "$d/owner-a" "$d/owner-b" "$d/secrets.d" || return 1
	swuv_owner_make "$d/owner-a" &&
	( cd "$d/owner-a" && head -c 32 /dev/urandom >cck &&
	  "$OWNER" hdr make --no-verify --hkd host.crt --kernel kernel --initrd initrd \
		--parmfile parmfile --cck cck --scf "$UNLOCK_SCF_CCK" -o se.hdr \
		>/dev/null ) || return 1
	cp "$d/owner-a/host.bin" "$d/owner-a/host.crt" "$d/owner-b/" &&
	( cd "$d/owner-b" &&
	  head -c 65536 /dev/urandom >kernel && head -c 16384 /dev/urandom >initrd &&
	  echo "root=/dev/vda" >parmfile &&
	  "$OWNER" hdr make --no-verify --hkd host.crt --kernel kernel --initrd initrd \
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
		"$OWNER" secret create --no-verify --hkd "$d/owner-a/host.crt" --hdr "$d/owner-a/se.hdr" \
			--cck "$d/owner-a/cck" -o "$d/secrets.d/$f.req" retrievable "$name" \
			--type "$type" --secret "$d/value" >/dev/null || { rm -f "$d/value"; return 1; }
	done
	# the forgery: public host key and header, a value of the forger's
	mkdir -p "$d/forged.d" &&
	"$OWNER" secret create --no-verify --hkd "$d/owner-a/host.crt" --hdr "$d/owner-a/se.hdr" \
		-o "$d/forged.d/10-forged.req" retrievable "unlock-$id-forged" \
		--type plaintext --secret "$d/value" >/dev/null || return 1
	rm -f "$d/owner-a/cck"
	rm -f "$d/value" "$d"/owner-?/{kernel,initrd}
	printf 'unlock-test-passphrase' >"$d/pass"
}

# The host's rewrites of the enrolled volume: NAME|PYTHON, the statements
# split on ";;", run by scripts/luks2-header on a copy of a.img (key
# slot 1, token 0).  Each leaves the checksums right.
UNLOCK_REWRITES=(
	"segnull|h['segments']['0']['encryption'] = 'cipher_null-ecb'"
	"nomac|del h['tokens']['0']['header-mac']"
	"digest|import base64, hashlib;;d = h['digests']['0'];;d['digest'] = base64.b64encode(hashlib.sha256(d['digest'].encode()).digest()).decode()"
	"kdf|h['keyslots']['1']['kdf']['iterations'] += 1"
	"sector|s = h['segments']['0'];;s['sector_size'] = 4096 if s['sector_size'] == 512 else 512"
	"offset|s = h['segments']['0'];;s['offset'] = str(int(s['offset']) + 4096)"
	"name|t = h['tokens']['0'];;t['secret-name'] = t['secret-name'] + '-x'"
	"flags|h['config']['flags'] = ['allow-discards']"
)

# unlock_host_rewrites DIR: what a hostile host does between two boots to
# the volume the first one enrolled (DIR/a.img): DIR/hostile/NAME.img for
# each of UNLOCK_REWRITES, and slotnull.img, a header of the host's own
# (its passphrase, its volume key) whose key slot 1 is "encrypted" with
# cipher_null, with the genuine token copied in.  The boot phase must
# refuse every one.
unlock_host_rewrites() {
	local d=$1 h=$1/hostile edit=$SECEX_TOP/scripts/luks2-header r name py
	local -a stmts
	rm -rf "$h"
	mkdir -p "$h" || return 1
	for r in "${UNLOCK_REWRITES[@]}"; do
		name=${r%%|*} py=${r#*|}
		stmts=()
		while :; do
			stmts+=("${py%%;;*}")
			[ "$py" = "${py#*;;}" ] && break
			py=${py#*;;}
		done
		cp "$d/a.img" "$h/$name.img" &&
			"$edit" "$h/$name.img" edit "${stmts[@]}" || return 1
	done
	truncate -s "$(stat -c %s "$d/a.img")" "$h/slotnull.img" &&
	printf host >"$d/host-pass" &&
	cryptsetup luksFormat -q --type luks2 --pbkdf pbkdf2 --pbkdf-force-iterations 1000 \
		--key-file "$d/host-pass" "$h/slotnull.img" &&
	cryptsetup luksAddKey -q --pbkdf pbkdf2 --pbkdf-force-iterations 1000 \
		--key-file "$d/host-pass" "$h/slotnull.img" "$d/host-pass" &&
	"$edit" "$h/slotnull.img" edit \
		"h['keyslots']['1']['area']['encryption'] = 'cipher_null-ecb'" &&
	cryptsetup token export --token-id 0 "$d/a.img" |
		cryptsetup token import --disable-external-tokens --json-file - \
			"$h/slotnull.img"
}

# unlock_run K STDIR ENV KFLAGS
unlock_run() {
	local k=$1 stdir=$2 env=$3 kflags=$4 d=$SECEX_BUILD/unlock/$1 phase owner
	local out pass=0 fail=0 skip=0 totals rc
	local -a vmargs
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
		if [ $phase = boot ] && ! unlock_host_rewrites "$d" >"$d.host.log" 2>&1; then
			sed 's/^/# /' "$d.host.log"
			echo "not ok - unlock: the host's rewrites of the enrolled volume"
			fail=$((fail + 1))
		fi
		echo "# selftest: unlock/boot_unlock $phase (a fresh boot, SE image ${owner#owner-})"
		out=$d/$phase.tap
		# A machine with its own ultravisor starts provisioned for
		# this phase's image, as the firmware unpacks it.
		vmargs=()
		kernel_has "$k" uv && vmargs=(--uv-owner "$d/$owner")
		SECEX_KBUILD_FLAGS=$kflags SECEX_KEEP_LOG=$d/$phase.kernel.log \
			"$SECEX_TOP/scripts/vm" run --kernel "$k" --share "$d" --timeout 900 \
			"${vmargs[@]}" -- \
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
