#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Host-key document verification of secex-owner against a test PKI made
# here with openssl(1) in the shape of IBM's: a root CA, an intermediate
# CA, the IBM Z host-key signing key (IBM's subject fields) and host-key
# documents (P-521) it signs, with a CRL of each of the three issuers.  A
# valid document is accepted by secret create, attest create and hdr make;
# a revoked, expired, forged or wrongly issued one, a signing key with
# another subject, and missing CRLs are refused with exit 1 and a message
# that names the reason, and no request is written.  TAP; exit 0 if all
# pass.
#
# Environment: SECEX_OWNER (binary).

set -u
OWNER=${SECEX_OWNER:-$(cd "$(dirname "$0")/.." && pwd)/secex-owner}
. "$(dirname "$0")/tap.sh"

# shellcheck source=SCRIPTDIR/pki.sh
. "$(dirname "$0")/pki.sh"

make_pki() {
	pki_init cdp && pki_base &&
	issue sign "$P/hkd.key" "/C=US/O=$IBM/CN=secex test host 2" hkd "$P/hkd2.crt" &&
	issue sign "$P/hkd.key" "/C=US/O=$IBM/CN=secex test host revoked" hkd "$P/hkd-revoked.crt" &&
	issue sign "$P/hkd.key" "/C=US/O=$IBM/CN=secex test host expired" hkd "$P/hkd-expired.crt" \
		-startdate 20200101000000Z -enddate 20210101000000Z &&
	# the signing key again, expired
	issue inter "$P/sign/ca.key" "$SIGN_SUBJ" signing "$P/sign-expired.crt" \
		-startdate 20200101000000Z -enddate 20210101000000Z &&
	# signing-key certificates with another O, another OU
	issue inter "$P/sign/ca.key" "/C=US/ST=New York/L=Poughkeepsie/O=International Business Machines Corp/OU=IBM Z Host Key Signing Service/CN=$IBM" \
		signing "$P/sign-wrong-o.crt" &&
	issue inter "$P/sign/ca.key" "/C=US/ST=New York/L=Poughkeepsie/O=$IBM/OU=IBM Z Host Key Service/CN=$IBM" \
		signing "$P/sign-wrong-ou.crt" &&
	# the signing key's key under another name: a document it issues
	# bears that name as its issuer
	newca othername && cp "$P/sign/ca.key" "$P/othername/ca.key" &&
	selfsigned othername "/C=US/O=secex test/CN=secex test other issuer" other_skid &&
	issue othername "$P/hkd.key" "/C=US/O=$IBM/CN=secex test host other issuer" hkd "$P/hkd-wrong-issuer.crt" &&
	# a forger's key under IBM's name
	newca forged && selfsigned forged "$SIGN_SUBJ" signing &&
	issue forged "$P/hkd.key" "/C=US/O=$IBM/CN=secex test host forged" hkd "$P/hkd-forged.crt" &&
	# the signing key under its name, but another key identifier
	newca skid && cp "$P/sign/ca.key" "$P/skid/ca.key" &&
	selfsigned skid "$SIGN_SUBJ" other_skid &&
	issue skid "$P/hkd.key" "/C=US/O=$IBM/CN=secex test host other akid" hkd "$P/hkd-akid.crt" &&
	# old CRLs, then the revocations
	crl sign "$P/sign-old.crl" -crl_lastupdate 20200101000000Z -crl_nextupdate 20210101000000Z &&
	crl inter "$P/inter-old.crl" -crl_lastupdate 20200101000000Z -crl_nextupdate 20210101000000Z &&
	revoke sign "$P/hkd-revoked.crt" && crl sign "$P/sign-revoked.crl" &&
	revoke inter "$P/sign/ca.crt" && crl inter "$P/inter-revoked.crl" &&
	# DER forms
	quiet openssl x509 -in "$P/inter/ca.crt" -outform DER -out "$P/inter.der" &&
	quiet openssl x509 -in "$P/sign/ca.crt" -outform DER -out "$P/sign.der" &&
	quiet openssl crl -in "$P/inter.crl" -outform DER -out "$P/inter.crl.der" &&
	cat "$P/inter/ca.crt" "$P/sign/ca.crt" >"$P/chain.pem"
}
if ! make_pki; then
	echo "1..0 # SKIP openssl could not make the test PKI"
	exit 0
fi

# A test SE header: its host key need not be verified.
head -c 4096 /dev/zero >"$T/kernel"
echo "root=/dev/vda" >"$T/parm"
check "hdr make --no-verify takes a host-key document as it is" \
	"$OWNER" hdr make --no-verify -k "$P/hkd.crt" --kernel "$T/kernel" \
	--initrd "$T/kernel" --parmfile "$T/parm" -o "$T/se.hdr"

# The options of a valid PKI, split into words on purpose.
PKI="-C $P/inter/ca.crt -C $P/sign/ca.crt --root-ca $P/root/ca.crt --crl $P/root.crl --crl $P/inter.crl --crl $P/sign.crl"

# report DESC OK: the result, with the exit status and stderr if not ok
report() {
	if [ "$2" = 1 ]; then
		ok "$1"
	else
		not_ok "$1"
		echo "# exit $rc"
		sed 's/^/# /' "$T/err"
	fi
}

# accepted DESC ARGS...: secret create with ARGS exits 0, writes the
# request and warns of nothing
accepted() {
	desc=$1
	shift
	rm -f "$T/r.req"
	"$OWNER" secret create --hdr "$T/se.hdr" -o "$T/r.req" "$@" meta \
		>/dev/null 2>"$T/err"
	rc=$?
	report "$desc" "$([ $rc = 0 ] && [ -s "$T/r.req" ] && [ ! -s "$T/err" ] && echo 1)"
}

# refused DESC PATTERN ARGS...: secret create with ARGS exits 1, names
# PATTERN on stderr and writes no request
refused() {
	desc=$1 pattern=$2
	shift 2
	rm -f "$T/r.req"
	"$OWNER" secret create --hdr "$T/se.hdr" -o "$T/r.req" "$@" meta \
		>/dev/null 2>"$T/err"
	rc=$?
	report "$desc" "$([ $rc = 1 ] && grep -q -- "$pattern" "$T/err" && [ ! -e "$T/r.req" ] && echo 1)"
}

# shellcheck disable=SC2086
{
accepted "a valid host-key document is accepted (secret create)" -k "$P/hkd.crt" $PKI
accepted "two valid host-key documents, --host-key-document and --hkd" \
	--host-key-document "$P/hkd.crt" --hkd "$P/hkd2.crt" $PKI --offline
accepted "certificates in one PEM file, DER certificates and CRLs" \
	-k "$P/hkd.crt" -C "$P/chain.pem" --root-ca "$P/root/ca.crt" \
	--crl "$P/root.crl" --crl "$P/inter.crl.der" --crl "$P/sign.crl"
accepted "DER certificates" -k "$P/hkd.crt" -C "$P/inter.der" -C "$P/sign.der" \
	--root-ca "$P/root/ca.crt" --crl "$P/root.crl" --crl "$P/inter.crl" --crl "$P/sign.crl"

refused "a revoked signing key is refused" "the IBM Z signing key is revoked (CRL of 'C = US, O = secex test, CN = secex test intermediate CA')" \
	-k "$P/hkd.crt" -C "$P/inter/ca.crt" -C "$P/sign/ca.crt" --root-ca "$P/root/ca.crt" \
	--crl "$P/root.crl" --crl "$P/inter-revoked.crl" --crl "$P/sign.crl"
refused "a revoked host-key document is refused" \
	"hkd-revoked.crt refused: it is revoked (CRL of the IBM Z signing key" \
	-k "$P/hkd-revoked.crt" -C "$P/inter/ca.crt" -C "$P/sign/ca.crt" --root-ca "$P/root/ca.crt" \
	--crl "$P/root.crl" --crl "$P/inter.crl" --crl "$P/sign-revoked.crl"
refused "an expired host-key document is refused" \
	"hkd-expired.crt refused: it has expired (valid until 2021-01-01 00:00:00Z)" \
	-k "$P/hkd-expired.crt" $PKI
refused "an expired signing key is refused" \
	"the IBM Z signing key has expired (valid until 2021-01-01 00:00:00Z)" \
	-k "$P/hkd.crt" -C "$P/inter/ca.crt" -C "$P/sign-expired.crt" --root-ca "$P/root/ca.crt" \
	--crl "$P/root.crl" --crl "$P/inter.crl" --crl "$P/sign.crl"
refused "a document whose issuer is not the signing key is refused" \
	"hkd-wrong-issuer.crt refused: its issuer 'C = US, O = secex test, CN = secex test other issuer' is not the IBM Z signing key" \
	-k "$P/hkd-wrong-issuer.crt" $PKI
refused "a signing key of another organization (O) is refused" \
	"is not an IBM Z host-key signing key: O is 'International Business Machines Corp', not '$IBM'" \
	-k "$P/hkd.crt" -C "$P/inter/ca.crt" -C "$P/sign-wrong-o.crt" --root-ca "$P/root/ca.crt" \
	--crl "$P/root.crl" --crl "$P/inter.crl" --crl "$P/sign.crl"
refused "a signing key of another unit (OU) is refused" \
	"is not an IBM Z host-key signing key: OU is 'IBM Z Host Key Service', not one ending in 'Key Signing Service'" \
	-k "$P/hkd.crt" -C "$P/inter/ca.crt" -C "$P/sign-wrong-ou.crt" --root-ca "$P/root/ca.crt" \
	--crl "$P/root.crl" --crl "$P/inter.crl" --crl "$P/sign.crl"
refused "a document signed by another key under IBM's name is refused" \
	"hkd-forged.crt refused: it is not signed by the IBM Z signing key (the signature does not verify)" \
	-k "$P/hkd-forged.crt" $PKI
refused "a document whose key identifier names another key is refused" \
	"hkd-akid.crt refused: its authority key identifier is not the IBM Z signing key's" \
	-k "$P/hkd-akid.crt" $PKI
refused "one bad document of two is refused, by name" "hkd-forged.crt refused" \
	-k "$P/hkd.crt" -k "$P/hkd-forged.crt" $PKI
refused "no CRL and no --offline: refused, naming the intermediate CA's CRL" \
	"no CRL of 'C = US, O = secex test, CN = secex test intermediate CA' to check the IBM Z signing key for revocation; fetching CRLs from distribution points (http://crl.secex.test/inter.crl) is not supported here: give it with --crl" \
	-k "$P/hkd.crt" -C "$P/inter/ca.crt" -C "$P/sign/ca.crt" --root-ca "$P/root/ca.crt"
refused "no CRL of the root CA: refused, naming it" \
	"no CRL of 'C = US, O = secex test, CN = secex test root CA' to check 'C = US, O = secex test, CN = secex test intermediate CA' for revocation" \
	-k "$P/hkd.crt" -C "$P/inter/ca.crt" -C "$P/sign/ca.crt" --root-ca "$P/root/ca.crt" \
	--crl "$P/inter.crl" --crl "$P/sign.crl"
refused "no CRL of the signing key: refused, naming it" \
	"no valid CRL of the IBM Z signing key '.*Key Signing Service.*' to check the host-key documents for revocation; fetching CRLs from distribution points (http://crl.secex.test/signing.crl)" \
	-k "$P/hkd.crt" -C "$P/inter/ca.crt" -C "$P/sign/ca.crt" --root-ca "$P/root/ca.crt" \
	--crl "$P/root.crl" --crl "$P/inter.crl"
refused "--offline does not waive a missing CRL" \
	"no CRL of 'C = US, O = secex test, CN = secex test intermediate CA' to check the IBM Z signing key for revocation; with --offline, give it with --crl" \
	-k "$P/hkd.crt" -C "$P/inter/ca.crt" -C "$P/sign/ca.crt" --root-ca "$P/root/ca.crt" --offline
refused "an expired CRL of the signing key is not used" \
	"no valid CRL of the IBM Z signing key" \
	-k "$P/hkd.crt" -C "$P/inter/ca.crt" -C "$P/sign/ca.crt" --root-ca "$P/root/ca.crt" \
	--crl "$P/root.crl" --crl "$P/inter.crl" --crl "$P/sign-old.crl"
refused "an expired CRL of the intermediate CA is refused" \
	"the CRL of 'C = US, O = secex test, CN = secex test intermediate CA' has expired; give a current one with --crl" \
	-k "$P/hkd.crt" -C "$P/inter/ca.crt" -C "$P/sign/ca.crt" --root-ca "$P/root/ca.crt" \
	--crl "$P/root.crl" --crl "$P/inter-old.crl" --crl "$P/sign.crl"
refused "a root CA that is not trusted is refused" \
	"no certificate of 'C = US, O = secex test, CN = secex test root CA'" \
	-k "$P/hkd.crt" -C "$P/inter/ca.crt" -C "$P/sign/ca.crt" \
	--crl "$P/root.crl" --crl "$P/inter.crl" --crl "$P/sign.crl"
refused "a missing intermediate CA is refused" \
	"no certificate of 'C = US, O = secex test, CN = secex test intermediate CA'" \
	-k "$P/hkd.crt" -C "$P/sign/ca.crt" --root-ca "$P/root/ca.crt" \
	--crl "$P/root.crl" --crl "$P/inter.crl" --crl "$P/sign.crl"
refused "--root-ca without --cert is refused" "no --cert given" \
	-k "$P/hkd.crt" --root-ca "$P/root/ca.crt"
}

# The other subcommands that take host-key documents.
# shellcheck disable=SC2086
{
rm -f "$T/a.exch"
"$OWNER" attest create -k "$P/hkd.crt" $PKI -o "$T/a.exch" --arpk "$T/arpk" 2>"$T/err"
rc=$?
report "attest create accepts a valid host-key document" "$([ $rc = 0 ] && [ -s "$T/a.exch" ] && echo 1)"
"$OWNER" attest create -k "$P/hkd-forged.crt" $PKI -o "$T/b.exch" --arpk "$T/arpk" 2>"$T/err"
rc=$?
report "attest create refuses a forged one" "$([ $rc = 1 ] && [ ! -e "$T/b.exch" ] && grep -q "not signed by the IBM Z signing key" "$T/err" && echo 1)"
"$OWNER" hdr make -k "$P/hkd.crt" $PKI --kernel "$T/kernel" --initrd "$T/kernel" \
	--parmfile "$T/parm" -o "$T/ok.hdr" 2>"$T/err"
rc=$?
report "hdr make accepts a valid host-key document" "$([ $rc = 0 ] && [ -s "$T/ok.hdr" ] && echo 1)"
"$OWNER" hdr make -k "$P/hkd-revoked.crt" $PKI --crl "$P/sign-revoked.crl" --kernel "$T/kernel" \
	--initrd "$T/kernel" --parmfile "$T/parm" -o "$T/bad.hdr" 2>"$T/err"
rc=$?
report "hdr make refuses a revoked one" "$([ $rc = 1 ] && [ ! -e "$T/bad.hdr" ] && grep -q "it is revoked" "$T/err" && echo 1)"
}

# Without verification: a warning says so.
"$OWNER" secret create --hdr "$T/se.hdr" -o "$T/r.req" --no-verify \
	-k "$P/hkd-forged.crt" meta >/dev/null 2>"$T/err"
rc=$?
report "--no-verify takes any document, with a warning that it is not verified" \
	"$([ $rc = 0 ] && grep -q "warning: --no-verify: the host-key documents are NOT verified" "$T/err" && echo 1)"
rm -f "$T/r.req"
"$OWNER" secret create --hdr "$T/se.hdr" -o "$T/r.req" -k "$P/hkd.crt" meta \
	>/dev/null 2>"$T/err"
rc=$?
report "without --cert or --no-verify: refused (as pvsecret), naming both, no request written" \
	"$([ $rc = 1 ] && [ ! -e "$T/r.req" ] && [ "$(cat "$T/err")" = "secex-owner secret create: host-key documents refused: the host-key document is not verified: give the certificates of the IBM Z host-key signing key and its CA with --cert (and their CRLs with --crl), or --no-verify for a test key" ] && echo 1)"
"$OWNER" secret create --hdr "$T/se.hdr" -o "$T/r.req" -k "$P/hkd.crt" \
	--cert "$P/sign/ca.crt" --no-verify meta >/dev/null 2>"$T/err"
rc=$?
report "--no-verify with --cert is a usage error" \
	"$([ $rc = 64 ] && grep -q -- "--no-verify excludes --cert" "$T/err" && echo 1)"

tap_end
