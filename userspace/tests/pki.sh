# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# A test PKI in the shape of IBM's, made with openssl(1) for the host-key
# document tests (hkd_verify.sh, ibm_cli.sh): a root CA, an intermediate
# CA, the IBM Z host-key signing key with IBM's subject fields, and a
# host-key document (P-521) it signs, with a CRL of each issuer.
#
#   . tests/pki.sh          after tests/tap.sh ($T)
#   pki_init [cdp]          $P/pki.cnf; "cdp": certificates name the CRL
#                           of their issuer (crlDistributionPoints)
#   pki_base                root/, inter/, sign/ (ca.key, ca.crt),
#                           hkd.key, hkd.crt, root.crl, inter.crl, sign.crl
#   newca, selfsigned, issue, crl, revoke, p521: the steps, for variants

IBM="International Business Machines Corporation"
SIGN_SUBJ="/C=US/ST=New York/L=Poughkeepsie/O=$IBM/OU=IBM Z Host Key Signing Service/CN=$IBM"
P=$T/pki
CNF=$P/pki.cnf

# One configuration for every CA; CADIR selects the CA.
pki_init() {
	mkdir "$P" || return 1
	cat >"$CNF" <<'EOF'
[ ca ]
default_ca = ca_default
[ ca_default ]
dir = $ENV::CADIR
database = $dir/index.txt
new_certs_dir = $dir
serial = $dir/serial
crlnumber = $dir/crlnumber
certificate = $dir/ca.crt
private_key = $dir/ca.key
default_md = sha512
default_days = 365
default_crl_days = 30
policy = any
unique_subject = no
email_in_dn = no
crl_extensions = crl_ext
[ any ]
countryName = optional
stateOrProvinceName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
[ req ]
distinguished_name = dn
[ dn ]
[ root ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ inter ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
@CDP_ROOT@
[ signing ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
@CDP_INTER@
[ other_skid ]
basicConstraints = critical, CA:false
subjectKeyIdentifier = 00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33
[ hkd ]
authorityKeyIdentifier = keyid:always
@CDP_SIGNING@
[ crl_ext ]
authorityKeyIdentifier = keyid:always
EOF
	for _c in ROOT:root INTER:inter SIGNING:signing; do
		_line=""
		[ "${1:-}" = cdp ] &&
			_line="crlDistributionPoints = URI:http://crl.secex.test/${_c#*:}.crl"
		sed -i "s|^@CDP_${_c%%:*}@\$|$_line|" "$CNF" || return 1
	done
	export CADIR="$P"
}

quiet() { "$@" >"$T/pki.log" 2>&1 || { cat "$T/pki.log"; return 1; }; }
# newca NAME: the folder and database of CA NAME, with a P-256 key
newca() {
	mkdir "$P/$1" && : >"$P/$1/index.txt" && echo 1000 >"$P/$1/serial" &&
		echo 1000 >"$P/$1/crlnumber" &&
		quiet openssl ecparam -name prime256v1 -genkey -noout -out "$P/$1/ca.key"
}
# selfsigned CA SUBJECT EXTENSIONS: CA's certificate, self-signed
selfsigned() {
	quiet openssl req -config "$CNF" -new -x509 -key "$P/$1/ca.key" \
		-subj "$2" -days 3650 -extensions "$3" -out "$P/$1/ca.crt"
}
# issue CA KEY SUBJECT EXTENSIONS OUT [openssl ca options]: a certificate
# of CA for KEY, with the subject as given (-preserveDN)
issue() {
	_ca=$1 _key=$2 _subj=$3 _ext=$4 _out=$5
	shift 5
	quiet openssl req -config "$CNF" -new -key "$_key" -subj "$_subj" \
		-out "$P/req.csr" &&
		CADIR=$P/$_ca quiet openssl ca -config "$CNF" -batch -notext \
			-preserveDN -extensions "$_ext" -in "$P/req.csr" \
			-out "$_out" "$@"
}
# crl CA OUT [openssl ca options]
crl() {
	_ca=$1 _out=$2
	shift 2
	CADIR=$P/$_ca quiet openssl ca -config "$CNF" -gencrl -out "$_out" "$@"
}
revoke() { CADIR=$P/$1 quiet openssl ca -config "$CNF" -revoke "$2"; }
p521() { quiet openssl ecparam -name secp521r1 -genkey -noout -out "$1"; }

pki_base() {
	newca root && selfsigned root "/C=US/O=secex test/CN=secex test root CA" root &&
	newca inter &&
	issue root "$P/inter/ca.key" "/C=US/O=secex test/CN=secex test intermediate CA" \
		inter "$P/inter/ca.crt" &&
	newca sign &&
	issue inter "$P/sign/ca.key" "$SIGN_SUBJ" signing "$P/sign/ca.crt" &&
	p521 "$P/hkd.key" &&
	issue sign "$P/hkd.key" "/C=US/O=$IBM/CN=secex test host 1" hkd "$P/hkd.crt" &&
	crl root "$P/root.crl" && crl inter "$P/inter.crl" && crl sign "$P/sign.crl"
}
