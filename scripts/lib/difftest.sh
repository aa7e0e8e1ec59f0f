# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# The differential test of the two ultravisors: the same owner's requests,
# made once on the host, go to the software UV of an x86_64 guest and to
# the emulated UV of the s390x-uv machine (selftests/uv/boot_diff.sh in
# each); the rc of every case, the secret lists and the attestation must
# agree, and each side's attestation must verify with the owner's key.
#
#   difftest_prepare DIR   the owner's side (host secex-owner)
#   difftest_guest K DIR   one guest of entry K answers (kernel_env done)
#   difftest_compare DIR   TAP lines; the caller counts them
#
# Cases, in the order the guest sends them (the first extension secret
# the store accepts binds every later request, as IBM documents):
#   first        retrievable AES-256, extension secret E1: primes the store
#   other-ext    extension secret E2: refused
#   same-ext     extension secret E1 again: accepted
#   no-ext       no extension secret
#   duplicate    the request of "first" once more
#   other-hdr    made for another SE image: refused (0x0108)
#   other-cuid   bound to another config UID: refused
#   plaintext    a plaintext secret, extension secret E1
# then Lock, an add after it (0x0102) and the list.
#
# A second round, in DIR/cck with the same layout (one SE header per
# machine start: two more boots), for a CCK-enforcing header (SCF bit 1):
#   cck-none     no extension secret: refused
#   cck-wrong    the extension secret of another CCK: refused
#   cck-ok       the extension secret derived from the header's CCK
#   cck-again    the same, another secret
# then Lock, an add after it and the list, as above.
#
#   difftest_rounds DIR    the folders of the rounds, one per line

DIFF_CASES="first other-ext same-ext no-ext duplicate other-hdr other-cuid plaintext"
DIFF_CCK_CASES="cck-none cck-wrong cck-ok cck-again"

difftest_rounds() {
	printf '%s\n' "$1" "$1/cck"
}

difftest_prepare() {
	local d=$1 o=$1/owner owner=${SECEX_OWNER:-$SECEX_TOP/userspace/secex-owner}
	local -a v=(--no-verify --hkd "$o/host.crt")
	rm -rf "$d" && mkdir -p "$o/secrets" "$d/req" || return 1
	(
		set -e
		cd "$d"
		# shellcheck disable=SC2034  # read by swuv_owner_make
		OWNER=$owner
		# shellcheck source=../../selftests/lib/swuv.sh
		. "$SECEX_TOP/selftests/lib/swuv.sh"
		swuv_owner_make "$o"
		# Another image for the same host: its requests are foreign here.
		mkdir -p other
		head -c 4096 /dev/urandom >other/kernel
		echo "root=/dev/other" >other/parm
		"$owner" hdr make "${v[@]}" --kernel other/kernel --initrd other/kernel \
			--parmfile other/parm -o other/se.hdr 2>/dev/null
		head -c 32 /dev/urandom >e1
		head -c 32 /dev/urandom >e2
		head -c 32 /dev/urandom >aes
		od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >other.cuid
		mk() {	# mk NAME HDR TYPE-ARGS...: one add-secret request
			local name=$1 hdr=$2
			shift 2
			"$owner" secret create "${v[@]}" --hdr "$hdr" -o "req/$name.req" "$@" \
				>/dev/null 2>&1
		}
		mk first "$o/se.hdr" --extension-secret e1 retrievable diff-first --type aes --secret aes
		mk other-ext "$o/se.hdr" --extension-secret e2 retrievable diff-e2 --type aes --secret aes
		mk same-ext "$o/se.hdr" --extension-secret e1 retrievable diff-e1 --type aes --secret aes
		mk no-ext "$o/se.hdr" retrievable diff-noext --type aes --secret aes
		cp req/first.req req/duplicate.req
		mk other-hdr other/se.hdr --extension-secret e1 retrievable diff-hdr --type aes --secret aes
		mk other-cuid "$o/se.hdr" --extension-secret e1 --cuid-hex "$(cat other.cuid)" \
			retrievable diff-cuid --type aes --secret aes
		echo "a plaintext secret" >plain
		mk plaintext "$o/se.hdr" --extension-secret e1 retrievable diff-plain --type plaintext --secret plain
		mk late "$o/se.hdr" --extension-secret e1 retrievable diff-late --type aes --secret aes
		"$owner" attest create "${v[@]}" --hdr "$o/se.hdr" -o att.exch --arpk arpk >/dev/null 2>&1
		echo "$DIFF_CASES" | tr ' ' '\n' >cases

		# The CCK round: the same image and host key, a CCK-enforcing
		# header (another image for the ultravisor).
		c=$d/cck
		mkdir -p "$c/owner/secrets" "$c/req"
		cp "$o/host.bin" "$o/host.crt" "$o/cuid" "$c/owner/"
		head -c 32 /dev/urandom >"$c/cck"
		head -c 32 /dev/urandom >cck.other
		"$owner" hdr make "${v[@]}" --kernel "$o/kernel" --initrd "$o/initrd" \
			--parmfile "$o/parmfile" --cck "$c/cck" --scf 0x4000000000000000 \
			-o "$c/owner/se.hdr" 2>/dev/null
		mkc() {	# mkc NAME ARGS...: one request for the CCK header
			local name=$1
			shift
			"$owner" secret create "${v[@]}" --hdr "$c/owner/se.hdr" \
				-o "$c/req/$name.req" "$@" >/dev/null 2>&1
		}
		mkc cck-none retrievable diff-cck-none --type aes --secret aes
		mkc cck-wrong --cck cck.other retrievable diff-cck-wrong --type aes --secret aes
		mkc cck-ok --cck "$c/cck" retrievable diff-cck-ok --type aes --secret aes
		mkc cck-again --cck "$c/cck" retrievable diff-cck-again --type plaintext --secret plain
		mkc late --cck "$c/cck" retrievable diff-cck-late --type aes --secret aes
		"$owner" attest create "${v[@]}" --hdr "$c/owner/se.hdr" -o "$c/att.exch" \
			--arpk "$c/arpk" >/dev/null 2>&1
		echo "$DIFF_CCK_CASES" | tr ' ' '\n' >"$c/cases"
		rm -f aes e1 e2 cck.other "$c/cck"
	)
}

# difftest_guest K DIR [VMARGS...]: entry K's guest answers the requests
# of one round (DIR) into DIR/result.K; VMARGS go to scripts/vm.
difftest_guest() {
	local k=$1 d=$2
	shift 2
	echo "# differential test: $k answers the owner's requests of $d"
	SECEX_KBUILD_FLAGS=$K_KFLAGS "$SECEX_TOP/scripts/vm" run --kernel "$k" --share "$d" \
		--timeout 900 "$@" -- \
		sh -c "export $K_ENV SWUV_OWNER_DIR=$d/owner; $K_STDIR/uv/boot_diff $d $k" 2>&1 |
		grep -E '^secex: ' || true
}

# difftest_compare DIR A B: TAP lines for the results of entries A and B,
# for both rounds.
difftest_compare() {
	difftest_compare_round "$1" "$2" "$3"
	difftest_compare_round "$1/cck" "$2" "$3"
	local c
	# What the owner expects of every ultravisor.
	for c in "$2" "$3"; do
		[ "$(awk '$1 == "other-ext" { print $2 }' "$1/result.$c")" != 0x0001 ] &&
			[ "$(awk '$1 == "same-ext" { print $2 }' "$1/result.$c")" = 0x0001 ] &&
			[ "$(awk '$1 == "other-hdr" { print $2 }' "$1/result.$c")" = 0x0108 ] &&
			[ "$(awk '$1 == "add-after-lock" { print $2 }' "$1/result.$c")" = 0x0102 ] &&
			echo "ok - differential: $c binds the store to the first extension secret, the image and the lock" ||
			echo "not ok - differential: $c binds the store to the first extension secret, the image and the lock"
		[ "$(awk '$1 == "cck-none" { print $2 }' "$1/cck/result.$c")" != 0x0001 ] &&
			[ "$(awk '$1 == "cck-wrong" { print $2 }' "$1/cck/result.$c")" != 0x0001 ] &&
			[ "$(awk '$1 == "cck-ok" { print $2 }' "$1/cck/result.$c")" = 0x0001 ] &&
			[ "$(awk '$1 == "cck-again" { print $2 }' "$1/cck/result.$c")" = 0x0001 ] &&
			echo "ok - differential: $c enforces the CCK: only the owner's extension secret is accepted" ||
			echo "not ok - differential: $c enforces the CCK: only the owner's extension secret is accepted"
	done
}

# difftest_compare_round DIR A B: every rc, the lists and the attestations
# of one round.
difftest_compare_round() {
	local d=$1 a=$2 b=$3 c ra rb tag=""
	[ "${d##*/}" = cck ] && tag=" (CCK-enforcing header)"
	for c in attest $(cat "$d/cases" 2>/dev/null) lock add-after-lock; do
		ra=$(awk -v c="$c" '$1 == c { print $2 }' "$d/result.$a" 2>/dev/null)
		rb=$(awk -v c="$c" '$1 == c { print $2 }' "$d/result.$b" 2>/dev/null)
		if [ -n "$ra" ] && [ "$ra" = "$rb" ]; then
			echo "ok - differential $c: $a and $b both answer rc $ra$tag"
		else
			echo "not ok - differential $c: $a answers rc ${ra:-none}, $b ${rb:-none}$tag"
		fi
	done
	if [ -s "$d/result.$a" ] && cmp -s <(sed -n '/^--- list/,$p' "$d/result.$a") \
		<(sed -n '/^--- list/,$p' "$d/result.$b"); then
		echo "ok - differential: the secret lists agree$tag"
	else
		echo "not ok - differential: the secret lists differ$tag"
		diff <(sed -n '/^--- list/,$p' "$d/result.$a") \
			<(sed -n '/^--- list/,$p' "$d/result.$b") | sed 's/^/# /'
	fi
	for c in "$a" "$b"; do
		if "${SECEX_OWNER:-$SECEX_TOP/userspace/secex-owner}" attest verify \
			-i "$d/att.out.$c" -a "$d/arpk" --hdr "$d/owner/se.hdr" >/dev/null 2>&1; then
			echo "ok - differential: $c's attestation verifies with the owner's key$tag"
		else
			echo "not ok - differential: $c's attestation verifies with the owner's key$tag"
		fi
	done
}
