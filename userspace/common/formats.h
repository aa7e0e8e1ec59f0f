/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Offsets and constants of the SE request formats (all big-endian on the
 * wire, flags in MSB0 bit numbering): SE header, ARCB, ASRCB, secret list.
 */
#ifndef SECEX_FORMATS_H
#define SECEX_FORMATS_H

#define MSB0(bit)		(1ULL << (63 - (bit)))

/* P-521 public key coordinates, each left-padded to 80 bytes. */
#define EC_COORD_LEN		80
#define EC_PUB_LEN		(2 * EC_COORD_LEN)
#define P521_SCALAR_LEN		66
#define KEYSLOT_LEN		80
#define PROT_KEY_LEN		32
#define GCM_IV_LEN		12
#define GCM_TAG_LEN		16
#define PHKH_LEN		32

/* Generic request header shared by ARCB and ASRCB. */
#define REQ_MAGIC		0x00
#define REQ_VERSION		0x08
#define REQ_LEN			0x0c
#define REQ_IV			0x10
#define REQ_NKS			0x27
#define REQ_SEA			0x2c
#define REQ_VERSION_1		0x0100

/* SE header ("IBMSecEx"), version 1. */
#define SEHDR_MAGIC		0x49424d5365634578ULL
#define SEHDR_VERSION_1		0x0100
#define SEHDR_OFF_PHS		0x0c
#define SEHDR_OFF_IV		0x10
#define SEHDR_OFF_NKS		0x20
#define SEHDR_OFF_SEA		0x28
#define SEHDR_OFF_NEP		0x30
#define SEHDR_OFF_PCF		0x38
#define SEHDR_OFF_CPK		0x40
#define SEHDR_OFF_PLD		0xe0
#define SEHDR_OFF_ALD		0x120
#define SEHDR_OFF_TLD		0x160
#define SEHDR_HEAD_LEN		0x1a0
#define SEHDR_ENC_LEN		0x80
#define SEHDR_MAX_LEN		0x2000
#define SEHDR_DIGEST_LEN	64
#define SEHDR_PCF_DEFAULT	0xe0ULL
#define SEHDR_SCF_CCK_EXT	MSB0(1)
#define SEHDR_SCF_CCK_UPDATE	MSB0(2)

/* ARCB version 1. */
#define ARCB_OFF_PAF		0x30
#define ARCB_OFF_MAI		0x38
#define ARCB_OFF_CPK		0x40
#define ARCB_OFF_SLOTS		0xe0
#define ARCB_MAI_HMAC_SHA512	1
#define ARCB_MEAS_KEY_LEN	64
#define ARCB_NONCE_LEN		16
#define ARCB_MEAS_LEN		64
#define ARCB_PAF_NONCE		MSB0(1)
#define ARCB_PAF_PHKH_IMG	MSB0(2)
#define ARCB_PAF_PHKH_ATT	MSB0(3)
#define ARCB_PAF_SECRET_HASH	MSB0(4)
#define ARCB_PAF_FW_STATE	MSB0(5)
#define ARCB_ADD_PHKH_LEN	32
#define ARCB_ADD_SECRET_HASH_LEN 64
#define ARCB_ADD_FW_STATE_LEN	0x140

/* ASRCB version 1. */
#define ASRCB_MAGIC		"asrcbM"
#define ASRCB_OFF_FLAGS		0x030
#define ASRCB_OFF_PLD		0x038
#define ASRCB_OFF_ALD		0x078
#define ASRCB_OFF_TLD		0x0b8
#define ASRCB_OFF_TAG		0x0f8
#define ASRCB_OFF_CUID		0x108
#define ASRCB_OFF_USER		0x218
#define ASRCB_OFF_CPK		0x418
#define ASRCB_OFF_SLOTS		0x4b8
#define ASRCB_FLAG_NO_DUMP	MSB0(0)
#define ASRCB_EXT_SECRET_LEN	32
#define ASRCB_MAX_LEN		0x100000
#define SECRET_HDR_NULL_LEN	16
#define SECRET_HDR_LIST_LEN	48
#define SECRET_ID_LEN		32
#define CUID_LEN		16

/* UV List Secrets output. */
#define SLIST_PAGE		0x1000
#define SLIST_HDR_LEN		16
#define SLIST_ENTRY_LEN		48
#define SLIST_PAGE_ENTRIES	85

#endif /* SECEX_FORMATS_H */
