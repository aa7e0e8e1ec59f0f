#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# IBM's documented command lines of pvattest and pvsecret, run with only
# the binary name changed (pvattest -> secex-owner attest or secex-uv
# attest, pvsecret -> secex-owner secret or secex-uv secret), against test
# material made here: a test PKI in the shape of IBM's (as hkd_verify.sh
# makes it: root CA, intermediate CA, the IBM Z signing key, a host-key
# document, a CRL of each issuer), an SE header from 'secex-owner hdr
# make', a test host key from 'secex-owner hostkey make', and an
# attestation response computed with openssl (fake_response.sh).  The
# files carry the names the IBM lines use.
#
# The IBM lines give no --root-ca: the root CA is the "system's" one
# (SSL_CERT_FILE).  Lines without --crl get the CRLs inside the
# certificate files they name (PEM bundles), as this tool fetches none.
#
# Owner-side lines must succeed and write what pvattest and pvsecret write.
# Guest-side lines need /dev/uv: they run with SECEX_UV_DEVICE naming a
# missing file and must fail on the device, not on the command line (exit
# 64).  Then the options that pvattest and pvsecret share with us, each
# spelling once, and the global -v/--verbose of the three tools.  TAP;
# exit 0 if all pass.
#
# Environment: SECEX_OWNER, SECEX_UV, SECEX_KEY (binaries).

set -u
top=$(cd "$(dirname "$0")/.." && pwd)
OWNER=${SECEX_OWNER:-$top/secex-owner}
UV=${SECEX_UV:-$top/secex-uv}
KEY=${SECEX_KEY:-$top/secex-key}
. "$(dirname "$0")/tap.sh"

rep() { printf "%0$(($2 * 2))d" 0 | sed "s/00/$1/g"; }
bytes() { dd if="$1" bs=1 skip="$2" count="$3" 2>/dev/null; }
be32() { printf '%08x' "$1"; }

# The test PKI (tests/pki.sh, as hkd_verify.sh makes it), without CRL
# distribution points: lines without --crl find the CRLs in the files.
# shellcheck source=SCRIPTDIR/pki.sh
. "$(dirname "$0")/pki.sh"
make_pki() { pki_init && pki_base; }
if ! make_pki; then
	echo "1..0 # SKIP openssl could not make the test PKI"
	exit 0
fi
# the root CA as the system's, for lines without --root-ca
export SSL_CERT_FILE="$P/root/ca.crt" SSL_CERT_DIR="$P/none"

# The work folder holds the files under the names of the IBM lines.
W=$T/w
mkdir "$W" && cd "$W" || exit 1
cp "$P/hkd.crt" hkd.crt
# pvattest-create(1): DigiCertCA.crt (the CA), IbmSigningKey.crt, and CRLs
cp "$P/inter/ca.crt" DigiCertCA.crt
cp "$P/sign/ca.crt" IbmSigningKey.crt
cp "$P/inter.crl" DigiCertCA.crl
cp "$P/sign.crl" IbmSigningKey.crl
cp "$P/root.crl" rootCA.crl
# pvattest(1), pvsecret(1): CA.crt and ibmsk.crt, no --crl: CRLs inside
cat "$P/inter/ca.crt" "$P/root.crl" "$P/inter.crl" >CA.crt
cat "$P/sign/ca.crt" "$P/sign.crl" >ibmsk.crt
# A test host key and the SE header of an image for the PKI's host key and
# for the test key (the response below is computed for the second).
head -c 4096 /dev/zero >kernel
echo "root=/dev/vda" >parmfile
check "hostkey make: a test host key" \
	"$OWNER" hostkey make --out-cert host.crt --out-key host.pem
check "hdr make: the SE header of an image for the PKI's host key" \
	"$OWNER" hdr make --no-verify -k hkd.crt --kernel kernel --initrd kernel \
	--parmfile parmfile -o pvimage
check "hdr make: the SE header of an image for the test host key" \
	"$OWNER" hdr make --no-verify -k host.crt --kernel kernel --initrd kernel \
	--parmfile parmfile -o se_guest.hdr

# ibm DESC WANT CMD...: CMD exits WANT; its output is shown if not
ibm() {
	desc=$1 want=$2
	shift 2
	ibm_then "$desc" "$want" true "$@"
}

# ibm_then DESC WANT AFTER CMD...: CMD exits WANT, then AFTER succeeds
ibm_then() {
	desc=$1 want=$2 after=$3
	shift 3
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -eq "$want" ] && "$after"; then
		ok "$desc"
	else
		not_ok "$desc"
		echo "# exit $rc, want $want; then $after"
		sed 's/^/# stdout: /' "$T/out"
		sed 's/^/# stderr: /' "$T/err"
	fi
}

# guest DESC CMD...: CMD, without a device, fails on the device (exit 1,
# the missing device named), not on its command line
guest() {
	desc=$1
	shift
	SECEX_UV_DEVICE=$T/no-uv "$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -eq 1 ] && grep -q "$T/no-uv: No such file or directory" "$T/err"; then
		ok "$desc"
	else
		not_ok "$desc"
		echo "# exit $rc, want 1 and the device named"
		sed 's/^/# stderr: /' "$T/err"
	fi
}

# === IBM's command lines that failed before this tool spoke pvattest's and
# pvsecret's options.  For each the source; where IBM's plain example
# already worked (attest create, secret add/list/lock), the line is the
# example with an option of the same man page, and the example itself is
# in the next section.

# --- pvattest create ------------------------------------------------------
# pvattest(1), EXAMPLES, with -v of pvattest(1), OPTIONS (s390-tools
# rust/pvattest/man)
verified_hkd_named() {
	[ -s attreq.bin ] && [ "$(wc -c <arp.key)" -eq 32 ] &&
	grep -q "host-key document hkd.crt: '.*secex test host 1', issued by '.*Key Signing Service.*': verified" "$T/err"
}
ibm_then "pvattest -v create -k hkd.crt --cert CA.crt --cert ibmsk.crt --arpk arp.key -o attreq.bin" 0 \
	verified_hkd_named \
	"$OWNER" -v attest create -k hkd.crt --cert CA.crt --cert ibmsk.crt --arpk arp.key -o attreq.bin

# --- pvattest perform -----------------------------------------------------
# pvattest-perform(1) of s390-tools 2.31 (manpages.ubuntu.com, noble), EXAMPLE
guest "pvattest perform --input attreq.bin --output attresp.bin" \
	"$UV" attest perform --input attreq.bin --output attresp.bin

# --- pvattest verify ------------------------------------------------------
# A response computed with openssl for the test host key's header.
cp se_guest.hdr hdr
# shellcheck source=SCRIPTDIR/fake_response.sh
. "$top/tests/fake_response.sh"
fake_response "$OWNER" "$W" "--no-verify -k host.crt" "" >"$T/log" 2>&1 ||
	sed 's/^/# /' "$T/log"
mv resp attresp.bin && mv arpk2 arp.key
# pvattest-verify(1), EXAMPLES (s390-tools rust/pvattest/man)
ibm "pvattest verify --input attresp.bin --arpk arp.key --hdr se_guest.hdr" 0 \
	"$OWNER" attest verify --input attresp.bin --arpk arp.key --hdr se_guest.hdr
# pvattest-verify(1), SYNOPSIS and OPTIONS: -i, -a, --hdr, -o, --format, -u
result_written() {
	grep -q "^cuid: '0x$(rep 42 16)'" result.yaml &&
	grep -q "^add_fields:" result.yaml &&
	grep -q "^  image_phkh: '0x$(rep 5a 32)'" result.yaml &&
	cmp -s user-data.bin user
}
ibm_then "pvattest verify -i attresp.bin -a arp.key --hdr se_guest.hdr -o result.yaml --format yaml -u user-data.bin" 0 \
	result_written \
	"$OWNER" attest verify -i attresp.bin -a arp.key --hdr se_guest.hdr -o result.yaml --format yaml -u user-data.bin

# --- pvsecret create ------------------------------------------------------
# pvsecret(1), EXAMPLES: "The program generates two files. addsecreq.bin
# [...] EXAMPLE.yaml contains [...] name and id of the secret."
example_yaml() {
	id=$(printf EXAMPLE | openssl dgst -sha256 -r | cut -c1-64)
	[ -s addsecreq.bin ] &&
	[ "$(cat EXAMPLE.yaml)" = "$(printf '!Association\nname: EXAMPLE\nid: 0x%s' "$id")" ]
}
ibm_then "pvsecret create -k hkd.crt --cert CA.crt --cert ibmsk.crt --hdr pvimage -o addsecreq.bin association EXAMPLE" 0 \
	example_yaml \
	"$OWNER" secret create -k hkd.crt --cert CA.crt --cert ibmsk.crt --hdr pvimage -o addsecreq.bin association EXAMPLE
# pvsecret-create-retrievable(1), SYNOPSIS, in the form of pvsecret(1)'s
# example, with pvsecret-create(1)'s --cuid FILE (a YAML with 'cuid')
head -c 32 /dev/urandom >aes.key
retr_id=$(printf MyRetrSecret | openssl dgst -sha256 -r | cut -c1-64)
retr_yaml() {
	[ "$(cat MyRetrSecret.yaml)" = "$(printf '!Retrievable\nkind: 6 (AES-256-KEY)\nname: MyRetrSecret\nid: 0x%s' "$retr_id")" ] &&
	[ "$(bytes retr.bin 264 16 | hex)" = "$(rep 42 16)" ]
}
ibm_then "pvsecret create -k hkd.crt --cert CA.crt --cert ibmsk.crt --hdr pvimage -o retr.bin --cuid result.yaml retrievable MyRetrSecret --secret aes.key --type aes" 0 \
	retr_yaml \
	"$OWNER" secret create -k hkd.crt --cert CA.crt --cert ibmsk.crt --hdr pvimage -o retr.bin --cuid result.yaml retrievable MyRetrSecret --secret aes.key --type aes
# pvsecret-create-update-cck(1), SYNOPSIS, in the same form
head -c 32 /dev/urandom >cck.bin
cck_request() { [ "$(bytes cck.req $((0x4b8 + 80)) 8 | hex)" = 0000001600000020 ]; }
ibm_then "pvsecret create -k hkd.crt --cert CA.crt --cert ibmsk.crt --hdr pvimage -o cck.req update-cck --secret cck.bin" 0 \
	cck_request \
	"$OWNER" secret create -k hkd.crt --cert CA.crt --cert ibmsk.crt --hdr pvimage -o cck.req update-cck --secret cck.bin

# --- pvsecret add, list, lock, retrieve -----------------------------------
# pvsecret-add(1), OPTIONS: -f, -i
guest "pvsecret add --force --input addsecreq.bin" \
	"$UV" secret add --force --input addsecreq.bin
# pvsecret-list(1), SYNOPSIS and OPTIONS: --format, FILE
guest "pvsecret list --format yaml list.yaml" "$UV" secret list --format yaml list.yaml
# pvsecret(1), EXAMPLES, with -v of pvsecret(1), OPTIONS
guest "pvsecret -v lock" "$UV" -v secret lock
# "Creating and retrieving retrievable secrets" (IBM Documentation,
# lxse_t_wrk_retrievable): "pvsecret retrieve <secret>.yaml"
guest "pvsecret retrieve MyRetrSecret.yaml" "$UV" secret retrieve MyRetrSecret.yaml
# pvsecret-retrieve(1), OPTIONS: -i, --inform, --outform, -o
guest "pvsecret retrieve -i $retr_id --inform hex --outform bin -o key.bin" \
	"$UV" secret retrieve -i "$retr_id" --inform hex --outform bin -o key.bin
# pvsecret-retrieve(1), SYNOPSIS: the retr alias, ID and FILE
guest "pvsecret retr MyRetrSecret.yaml key.pem" "$UV" secret retr MyRetrSecret.yaml key.pem
ibm "pvsecret retrieve EXAMPLE.yaml: an association secret is not retrievable (exit 1)" 1 \
	"$UV" secret retrieve EXAMPLE.yaml

# === IBM's examples that worked before too: they stay working (in a
# folder of their own, so that their files keep IBM's names).
mkdir again && cd again || exit 1
cp ../hkd.crt ../DigiCert* ../IbmSigningKey* ../rootCA.crl ../se_guest.hdr \
	../addsecreq.bin .
flip_byte ../attresp.bin wrongresp.bin "$MEAS_OFF"
# pvattest-create(1), EXAMPLES, second line
ibm "pvattest create -k hkd.crt --arpk arp.key -o attreq.bin --cert DigiCertCA.crt --cert IbmSigningKey.crt --offline --crl DigiCertCA.crl --crl IbmSigningKey.crl --crl rootCA.crl" 0 \
	"$OWNER" attest create -k hkd.crt --arpk arp.key -o attreq.bin --cert DigiCertCA.crt --cert IbmSigningKey.crt --offline --crl DigiCertCA.crl --crl IbmSigningKey.crl --crl rootCA.crl
# pvattest-perform(1), EXAMPLES
guest "pvattest perform attreq.bin attresp.bin" "$UV" attest perform attreq.bin attresp.bin
# pvattest(1), EXAMPLES: a wrong response exits 2
cp ../arp.key arp.key
ibm "pvattest verify -i wrongresp.bin --arpk arp.key --hdr se_guest.hdr (exit 2)" 2 \
	"$OWNER" attest verify -i wrongresp.bin --arpk arp.key --hdr se_guest.hdr
# pvsecret(1), EXAMPLES
guest "pvsecret add addsecreq.bin" "$UV" secret add addsecreq.bin
guest "pvsecret list" "$UV" secret list
guest "pvsecret lock" "$UV" secret lock
cd .. || exit 1

# --- the other spellings of pvattest and pvsecret -------------------------
rm -f o.bin
ibm "attest create: -k and -C take comma-separated lists, --crt is --cert" 0 \
	"$OWNER" attest create -k hkd.crt,hkd.crt --crt DigiCertCA.crt,IbmSigningKey.crt \
	--crl DigiCertCA.crl,IbmSigningKey.crl,rootCA.crl -a a.key -o o.bin \
	--add-data phkh-img --add-data phkh-att
ibm "secret create: --cuid-hex, --flags, --use-name, --stdout, --output-secret" 0 \
	"$OWNER" secret create -k hkd.crt -C CA.crt -C ibmsk.crt --hdr pvimage -o s.bin \
	--cuid-hex "0x$(rep 42 16)" --flags disable-dump --use-name \
	association short --stdout --output-secret assoc.bin
check "  ... --stdout printed the YAML with the NUL-padded name as id" \
	grep -q "^id: 0x73686f7274$(rep 00 27)$" "$T/out"
check "  ... and wrote no short.yaml, the secret 32 bytes" \
	sh -c '[ ! -e short.yaml ] && [ "$(wc -c <assoc.bin)" -eq 32 ]'
openssl ecparam -name secp521r1 -genkey -noout -out usk.pem 2>/dev/null
printf 'owner data' >ud.bin
ibm "secret create: --user-data, --user-sign-key, --toc-policy, -f, retr" 0 \
	"$OWNER" secret create -k hkd.crt -C CA.crt -C ibmsk.crt --hdr pvimage -o u.bin \
	--user-data ud.bin --user-sign-key usk.pem --toc-policy toc.txt -f \
	retr UserSecret --type plain --secret ud.bin
user_data_in() {
	[ "$(bytes u.bin 0 8 | hex)" = 61737263624d0002 ] &&
		[ "$(bytes u.bin 536 10)" = 'owner data' ]
}
check "  ... the request carries the user data (type 2: signed, EC, in the magic)" \
	user_data_in
# pvsecret verify's check: SHA-512 ECDSA over the request without its tag,
# the signature area (user data + 256) zero; the length at user data + 400
signature_verifies() {
	len=$(($(wc -c <u.bin) - 16))
	slen=$((0x$(bytes u.bin $((536 + 400)) 2 | hex)))
	bytes u.bin $((536 + 256)) "$slen" >sig.der &&
	{ bytes u.bin 0 $((536 + 256)); head -c 256 /dev/zero
	  bytes u.bin $((536 + 512)) $((len - 536 - 512)); } >signed.bin &&
	openssl ec -in usk.pem -pubout -out usk.pub 2>/dev/null &&
	openssl dgst -sha512 -verify usk.pub -signature sig.der signed.bin
}
check "  ... and its signature verifies with the user-signing key" \
	signature_verifies
check "  ... the TOC policy file has the request's tag" \
	sh -c "[ \"\$(cat toc.txt)\" = \"\$(tail -c 16 u.bin | xxd -p)\" ]"
# pvsecret-create(1), --policy: a policy reference (the SHA-256 of the
# file and its path as given, NUL-padded: 512 bytes) as unsigned user
# data, the hash printed on stdout
printf 'policy of the early boot\n' >toc.pol
ibm "secret create --policy toc.pol: a policy reference in the user data" 0 \
	"$OWNER" secret create -k hkd.crt -C CA.crt -C ibmsk.crt --hdr pvimage -o p.bin \
	--policy toc.pol meta
policy_ref_in() {
	h=$(sha256sum toc.pol | cut -c1-64)
	[ "$(cat "$T/out")" = "$h" ] &&
	[ "$(bytes p.bin 0 8 | hex)" = 61737263624d0001 ] &&
	[ "$(bytes p.bin 536 32 | hex)" = "$h" ] &&
	[ "$(bytes p.bin 568 7)" = toc.pol ] &&
	[ "$(bytes p.bin 575 473 | hex)" = "$(rep 00 473)" ]
}
check "  ... hash, path and zeros at the user data, type 1; the hash on stdout" \
	policy_ref_in
ibm "secret create: --policy with --user-data is a usage error" 64 \
	"$OWNER" secret create -k hkd.crt --no-verify --hdr pvimage -o p2.bin \
	--policy toc.pol --user-data ud.bin meta
ibm "secret create: --policy with --user-sign-key is a usage error" 64 \
	"$OWNER" secret create -k hkd.crt --no-verify --hdr pvimage -o p2.bin \
	--policy toc.pol --user-sign-key usk.pem meta
long=$(printf './%.0s' $(seq 240))toc.pol
ibm "secret create: a --policy path longer than 480 bytes is refused" 1 \
	"$OWNER" secret create -k hkd.crt --no-verify --hdr pvimage -o p2.bin \
	--policy "$long" meta
check "  ... naming the limit" grep -q "480" "$T/err"
ibm "secret create: a missing --policy file is refused" 1 \
	"$OWNER" secret create -k hkd.crt --no-verify --hdr pvimage -o p2.bin \
	--policy nothing.pol meta
check "  ... and no request is written" sh -c '[ ! -e p2.bin ]'

ibm "attest verify --expect-user-data: the user data is compared" 0 \
	"$OWNER" attest verify -i attresp.bin -a arp.key --hdr se_guest.hdr --expect-user-data user
ibm "attest verify --expect-user-data: other user data exit 2" 2 \
	"$OWNER" attest verify -i attresp.bin -a arp.key --hdr se_guest.hdr --expect-user-data ud.bin

# --- -v/--verbose, -q/--quiet of the three tools --------------------------
ibm "secex-owner --verbose before the subcommand" 0 \
	"$OWNER" --verbose attest verify -i attresp.bin --arpk arp.key --hdr se_guest.hdr
check "  ... prints the verified result on stderr" grep -q "^cuid: '0x" "$T/err"
ibm "secex-uv -v before the subcommand" 1 \
	env SECEX_UV_DEVICE="$T/no-uv" "$UV" -v secret add addsecreq.bin
check "  ... names the device it adds through" grep -q "through $T/no-uv" "$T/err"
ibm "secex-owner -q: the verification result only in the exit status" 0 \
	"$OWNER" attest verify -q -i attresp.bin --arpk arp.key --hdr se_guest.hdr
check "  ... nothing on stdout" sh -c "[ ! -s '$T/out' ]"
mkdir "$T/repo"
ibm "secex-key -v and --verbose are accepted" 0 \
	"$KEY" -v list --verbose -r "$T/repo"

tap_end
