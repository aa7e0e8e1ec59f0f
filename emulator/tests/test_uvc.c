// SPDX-License-Identifier: GPL-2.0
/*
 * The call itself: Query, unknown commands, lengths, the unprovisioned
 * state, condition codes and memory errors.
 */
#include <string.h>
#include "helpers.h"
#include "tap.h"

static void query(void)
{
	struct uvemu *uv = guest_uv(true);
	const uint8_t *q = guest.mem + G_UVCB;
	uint16_t rc;
	int cc;

	EQ(uvemu_set_store_size(uv, 300), 0, "store size 300");
	uvcb_init(UVEMU_CMD_QUERY, 0xa0);
	cc = uvc(uv, &rc);
	OK(cc == 1 && rc == UVEMU_RC_INV_LEN, "Query of 0xa0 bytes: cc 1, rc 0x0005");
	uvcb_init(UVEMU_CMD_QUERY, 0xa8);
	cc = uvc(uv, &rc);
	OK(cc == 1 && rc == UVEMU_RC_MORE_DATA, "Query of 0xa8 bytes: cc 1, rc 0x0100");

	uvcb_init(UVEMU_CMD_QUERY, 0x100);
	memset(guest.mem + G_UVCB + 0x100, 0xee, 0x40);
	cc = uvc(uv, &rc);
	OK(cc == 1 && rc == UVEMU_RC_MORE_DATA, "Query of 0x100 bytes (Linux 6.1): cc 1, rc 0x0100");
	EQ(get_be64(q + 0x10), 0x8000000F40000000ULL, "  installed calls: 0, 28-31, 33");
	EQ(get_be64(q + 0xf8), 0x8000000000000000ULL, "  add-secret request versions");
	OK(all_bytes(q + 0x100, 0xee, 0x40), "  nothing written beyond 0x100");

	uvcb_init(UVEMU_CMD_QUERY, 0x120);
	memset(guest.mem + G_UVCB + 0x120, 0xee, 0x20);
	cc = uvc(uv, &rc);
	OK(cc == 0 && rc == UVEMU_RC_EXECUTED && uvcb_rrc() == 0,
	   "Query of 0x120 bytes before commit: cc 0, rc 0x0001");
	EQ(get_be64(q + 0x10), 0x8000000F40000000ULL, "  installed calls word 0");
	OK(all_bytes(q + 0x18, 0, 0x18), "  installed calls words 1-3 zero (no 8, 9, 34)");
	OK(all_bytes(q + 0x30, 0, 0x70), "  host-only fields zero");
	EQ(get_be64(q + 0xa0), 0, "  feature indications");
	EQ(get_be64(q + 0xb0), 0x8000000000000000ULL, "  SE header versions");
	EQ(get_be64(q + 0xb8), 0, "  SE header PCF (not reported)");
	EQ(get_be64(q + 0xe0), 0x8000000000000000ULL, "  attestation request versions");
	EQ(get_be64(q + 0xe8), 0x7c00000000000003ULL, "  attestation flags");
	EQ(get_be64(q + 0xf8), 0x8000000000000000ULL, "  add-secret request versions");
	EQ(get_be64(q + 0x100), 0x8000000000000000ULL, "  add-secret flags: disable dump");
	EQ(get_be64(q + 0x108), 0x7fe07e0000000000ULL, "  secret types 1-10, 0x11-0x16");
	EQ(get_be16(q + 0x110), 300, "  max association secrets = store size");
	EQ(get_be16(q + 0x112), 300, "  max retrievable secrets = store size");
	OK(all_bytes(q + 0x114, 0, 0x0c), "  reserved tail zero");
	OK(all_bytes(q + 0x120, 0xee, 0x20), "  nothing written beyond 0x120");
	uvcb_init(UVEMU_CMD_QUERY, 0x200);
	cc = uvc(uv, &rc);
	OK(cc == 0 && rc == UVEMU_RC_EXECUTED, "Query of 0x200 bytes: rc 0x0001");
	guest_free(uv);
}

static void unprovisioned(void)
{
	struct uvemu *uv = guest_uv(true);
	uint16_t rc;
	int cc;

	uvcb_init(UVEMU_CMD_LOCK_SECRETS, 0x40);
	cc = uvc(uv, &rc);
	OK(cc == 1 && rc == UVEMU_RC_INV_STATE, "Lock before commit: cc 1, rc 0x0003");
	EQ(uvc_simple(uv, UVEMU_CMD_ADD_SECRET, 0x48), UVEMU_RC_INV_STATE, "Add before commit: rc 0x0003");
	EQ(uvc_simple(uv, UVEMU_CMD_LIST_SECRETS, 0x48), UVEMU_RC_INV_STATE, "List before commit: rc 0x0003");
	EQ(uvc_simple(uv, UVEMU_CMD_RETR_SECRET, 0x48), UVEMU_RC_INV_STATE, "Retrieve before commit: rc 0x0003");
	EQ(uvc_simple(uv, UVEMU_CMD_ATTEST, 0x188), UVEMU_RC_INV_STATE, "Attestation before commit: rc 0x0003");
	guest_free(uv);
}

static void commands_and_lengths(void)
{
	struct fixture f;
	struct fixture_opts o = { 0 };
	uint16_t rc;
	int cc;

	if (!EQ(fixture_up(&f, &o), 0, "fixture commits"))
		return;
	uvcb_init(0x4242, 8);
	cc = uvc(f.uv, &rc);
	OK(cc == 1 && rc == UVEMU_RC_INV_CMD, "bogus command 0x4242: cc 1, rc 0x0002");
	EQ(uvc_simple(f.uv, 0x1000, 0x30), UVEMU_RC_INV_CMD, "Set Shared Access not installed: rc 0x0002");
	EQ(uvc_simple(f.uv, 0x1001, 0x30), UVEMU_RC_INV_CMD, "Remove Shared Access not installed: rc 0x0002");
	EQ(uvc_simple(f.uv, 0x0002, 0x200), UVEMU_RC_INV_CMD, "Query Keys not installed: rc 0x0002");
	EQ(uvc_simple(f.uv, 0x000f, 0x40), UVEMU_RC_INV_CMD, "Initialize UV (host): rc 0x0002");
	EQ(uvc_simple(f.uv, UVEMU_CMD_LOCK_SECRETS, 0x38), UVEMU_RC_INV_LEN, "Lock of 0x38 bytes: rc 0x0005");
	EQ(uvc_simple(f.uv, UVEMU_CMD_ADD_SECRET, 0x40), UVEMU_RC_INV_LEN, "Add of 0x40 bytes: rc 0x0005");
	EQ(uvc_simple(f.uv, UVEMU_CMD_LIST_SECRETS, 0x40), UVEMU_RC_INV_LEN, "List of 0x40 bytes: rc 0x0005");
	EQ(uvc_simple(f.uv, UVEMU_CMD_RETR_SECRET, 0x40), UVEMU_RC_INV_LEN, "Retrieve of 0x40 bytes: rc 0x0005");
	EQ(uvc_simple(f.uv, UVEMU_CMD_ATTEST, 0x180), UVEMU_RC_INV_LEN, "Attestation of 0x180 bytes: rc 0x0005");
	uvcb_init(UVEMU_CMD_LOCK_SECRETS, 0x40);
	cc = uvc(f.uv, &rc);
	OK(cc == 0 && rc == UVEMU_RC_EXECUTED, "Lock of 0x40 bytes: cc 0, rc 0x0001");
	guest_free(f.uv);
}

static void memory_errors(void)
{
	struct fixture f;
	struct fixture_opts o = { 0 };
	uint8_t req[2048];
	size_t len;
	uint16_t rc;

	if (!EQ(fixture_up(&f, &o), 0, "fixture commits"))
		return;
	EQ(uvemu_call(f.uv, GUEST_MEM_SIZE + 0x1000), UVEMU_MEM_INVALID,
	   "UVCB outside storage: the glue's program exception");
	EQ(uvemu_call(f.uv, GUEST_DENY_LO), UVEMU_MEM_ACCESS,
	   "UVCB in a protected page: the glue's program exception");

	uvcb_init(UVEMU_CMD_ADD_SECRET, 0x48);
	put_be64(guest.mem + G_UVCB + 0x20, GUEST_MEM_SIZE + 0x100000);
	uvc(f.uv, &rc);
	EQ(rc, UVEMU_RC_INV_ADDR, "ASRCB at an invalid address: rc 0x0032");
	uvcb_init(UVEMU_CMD_ADD_SECRET, 0x48);
	put_be64(guest.mem + G_UVCB + 0x20, GUEST_DENY_LO + 8);
	uvc(f.uv, &rc);
	EQ(rc, UVEMU_RC_ACCESS, "ASRCB in a protected page: rc 0x0031");

	/* A request running into the protected page after its header. */
	len = fixture_plain(&f, req, "x", 1);
	memcpy(guest.mem + GUEST_DENY_LO - 0x100, req, 0x100);
	uvcb_init(UVEMU_CMD_ADD_SECRET, 0x48);
	put_be64(guest.mem + G_UVCB + 0x20, GUEST_DENY_LO - 0x100);
	uvc(f.uv, &rc);
	EQ(rc, UVEMU_RC_ACCESS, "ASRCB crossing into a protected page: rc 0x0031");

	EQ(uvc_add(f.uv, req, len), UVEMU_RC_EXECUTED, "the same ASRCB in readable memory adds");
	uvcb_init(UVEMU_CMD_LIST_SECRETS, 0x48);
	put_be64(guest.mem + G_UVCB + 0x20, GUEST_DENY_LO - 0x800);
	uvc(f.uv, &rc);
	EQ(rc, UVEMU_RC_ACCESS, "list page crossing a protected page: rc 0x0031");
	uvcb_init(UVEMU_CMD_RETR_SECRET, 0x48);
	put_be32(guest.mem + G_UVCB + 0x1c, 64);
	put_be64(guest.mem + G_UVCB + 0x20, GUEST_MEM_SIZE - 8);
	uvc(f.uv, &rc);
	EQ(rc, UVEMU_RC_INV_ADDR, "retrieve buffer beyond storage: rc 0x0032");

	put_be16(guest.mem + GUEST_DENY_LO - 0x100, 0x120);
	put_be16(guest.mem + GUEST_DENY_LO - 0x100 + 2, UVEMU_CMD_QUERY);
	EQ(uvemu_call(f.uv, GUEST_DENY_LO - 0x100), 1,
	   "Query whose UVCB runs into a protected page: cc 1");
	EQ(get_be16(guest.mem + GUEST_DENY_LO - 0x100 + 4), UVEMU_RC_ACCESS,
	   "  rc 0x0031");
	guest_free(f.uv);
}

void test_uvc(void)
{
	tap_diag("the UVC: Query, commands, lengths, state, memory");
	query();
	unprovisioned();
	commands_and_lengths();
	memory_errors();
}
