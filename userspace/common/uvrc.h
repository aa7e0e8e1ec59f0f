/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ultravisor return codes in words.
 */
#ifndef SECEX_UVRC_H
#define SECEX_UVRC_H

#include <stdint.h>

#define UVRC_EXECUTED	0x0001
#define UVRC_MORE_DATA	0x0100

enum uvrc_cmd {
	UVRC_CMD_ATTEST,
	UVRC_CMD_ADD_SECRET,
	UVRC_CMD_LIST_SECRETS,
	UVRC_CMD_LOCK_SECRETS,
	UVRC_CMD_RETR_SECRET,
};

/* Description of @rc for ultravisor call @cmd. */
const char *uvrc_str(enum uvrc_cmd cmd, uint16_t rc);

#endif /* SECEX_UVRC_H */
