#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Generate drivers/swuv/swuv_kunit_vectors.h from IBM's s390-tools request vectors
# (argument: their folder, default testvectors/s390-tools) and
# the NIST CAVP ECC CDH P-521 vector.  Needs python3-cryptography.  Expected
# values the vectors do not carry (exchange key, a measurement, the derived
# extension secret) are computed here independently of the kernel code.
import hashlib, hmac, os, struct, sys
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives import hashes
V = (sys.argv[1] if len(sys.argv) > 1 else 'testvectors/s390-tools').rstrip('/') + '/'
rd = lambda p: open(V + p, 'rb').read()
out = []
def arr(name, data, comment=None):
    if comment:
        out.append('/* %s */' % comment if '\n' not in comment else '/*\n * %s\n */' % comment)
    out.append('static const u8 %s[%d] = {' % (name, len(data)))
    for i in range(0, len(data), 12):
        out.append('\t' + ' '.join('0x%02x,' % b for b in data[i:i + 12]))
    out.append('};')
    out.append('')
cert = x509.load_pem_x509_certificate(rd('keys/host.pem.crt'))
hp = cert.public_key().public_numbers()
hostpub = hp.x.to_bytes(80, 'big') + hp.y.to_bytes(80, 'big')
phkh = hashlib.sha256(hostpub).digest()
cpriv = rd('keys/private_cust.bin')
assert cpriv[:14] == b'\0' * 14
cp = ec.derive_private_key(int.from_bytes(cpriv, 'big'), ec.SECP521R1())
exch = hashlib.sha256(cp.exchange(ec.ECDH(), cert.public_key()) + b'\0\0\0\1').digest()
# NIST CAVP KAS ECC CDH primitive, P-521, COUNT = 0
nist = dict(
 qcavs_x='000000685a48e86c79f0f0875f7bc18d25eb5fc8c0b07e5da4f4370f3a9490340854334b1e1b87fa395464c60626124a4e70d0f785601d37c09870ebf176666877a2046d',
 qcavs_y='000001ba52c56fc8776d9e8f5db4f0cc27636d0b741bbe05400697942e80b739884a83bde99e0f6716939e632bc8986fa18dccd443a348b6c3e522497955a4f3c302f676',
 d_iut='0000017eecc07ab4b329068fba65e56a1f8890aa935e57134ae0ffcce802735151f4eac6564f6ee9974c5e6887a1fefee5743ae2241bfeb95d5ce31ddcb6f9edb4d6fc47',
 qiut_x='000000602f9d0cf9e526b29e22381c203c48a886c2b0673033366314f1ffbcba240ba42f4ef38a76174635f91e6b4ed34275eb01c8467d05ca80315bf1a7bbd945f550a5',
 qiut_y='000001b7c85f26f5d4b2d7355cf6b02117659943762b6d1db5ab4f1dbc44ce7b2946eb6c7de342962893fd387d1b73d7a8672d1f236961170b7eb3579953ee5cdc88cd2d',
 z_iut='005fc70477c3e63bc3954bd0df3ea0d1f41ee21746ed95fc5e1fdf90930d5e136672d72cc770742d1711c3c3a4c334a0ad9759436a4d3c5bf6e74b9578fac148c831')
b = {k: bytes.fromhex(v)[-66:] for k, v in nist.items()}
pad = lambda x: b'\0' * 14 + x
priv = ec.derive_private_key(int.from_bytes(b['d_iut'], 'big'), ec.SECP521R1())
peer = ec.EllipticCurvePublicNumbers(int.from_bytes(b['qcavs_x'], 'big'), int.from_bytes(b['qcavs_y'], 'big'), ec.SECP521R1()).public_key()
assert priv.exchange(ec.ECDH(), peer) == b['z_iut']
# measurement KAT over the ARCB vector
tags = b'\x01' * 64 + b'\x02' * 64 + b'\x03' * 64 + b'\x04' * 16
cuid = b'\x42' * 16
ud = b'swuv kunit user data'
add = phkh + phkh
m = tags + cuid + struct.pack('>HHI', len(ud), 0, len(add)) + ud + b'\xab' * 16 + add
meas = hmac.new(b'\x77' * 64, m, hashlib.sha512).digest()
ext = HKDF(algorithm=hashes.SHA512(), length=32, salt=b'\x04' * 16, info=b'IBM Z Ultravisor Add-Secret').derive(b'\0' * 32)

out.insert(0, '''/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Known-answer data of swuv_kunit.c, generated from
 * testvectors/s390-tools (IBM s390-tools test suite, MIT
 * licence; see the LICENSE there) and from NIST CAVP's KAS ECC CDH
 * primitive test vectors (P-521, COUNT = 0) by drivers/swuv/swuv_kunit_vectors.py.
 * Do not edit by hand.
 */
#ifndef _SWUV_KUNIT_VECTORS_H
#define _SWUV_KUNIT_VECTORS_H

#include <linux/types.h>
''')
arr('nist_d_iut', b['d_iut'], 'NIST CAVP ECC CDH P-521 COUNT 0: dIUT')
arr('nist_qcavs', pad(b['qcavs_x']) + pad(b['qcavs_y']), 'QCAVS (x, y), each padded to 80 bytes')
arr('nist_qiut', pad(b['qiut_x']) + pad(b['qiut_y']), 'QIUT (x, y), each padded to 80 bytes')
arr('nist_z_iut', b['z_iut'], 'ZIUT')
arr('ibm_host_pub', hostpub, 'keys/host.pem.crt: public key coordinates')
arr('ibm_host_phkh', phkh, 'SHA-256 of ibm_host_pub')
arr('ibm_cust_priv', cpriv[14:], 'keys/private_cust.bin without its 14 zero bytes of padding')
arr('ibm_cust_pub', rd('keys/public_cust.bin'), 'keys/public_cust.bin')
arr('ibm_exch_key', exch, 'SHA-256(ECDH(cust, host) || 00000001)')
arr('ibm_keyslot', rd('exp/keyslot.bin'), 'exp/keyslot.bin')
arr('ibm_arcb', rd('exp/arcb.bin'), 'exp/arcb.bin')
arr('ibm_arcb_meas', meas, 'measurement of ibm_arcb with CUID 42..42, user data\n * "swuv kunit user data" and the host PHKH twice as additional data')
arr('ibm_ext_derived', ext, 'HKDF-SHA512(CCK 0^32, salt 04^16, "IBM Z Ultravisor Add-Secret")')
arr('ibm_se_hdr', rd('exp/secure_guest.hdr'), 'exp/secure_guest.hdr')
names = sorted(os.listdir(V + 'exp/asrcb'))
for n in names:
    arr('ibm_asrcb_' + n, rd('exp/asrcb/' + n), 'exp/asrcb/' + n)
out.append('#endif /* _SWUV_KUNIT_VECTORS_H */')
open(os.path.splitext(os.path.abspath(__file__))[0] + '.h', 'w').write('\n'.join(out) + '\n')
