// SPDX-License-Identifier: GPL-2.0
/* uvemu host tests: every suite, one TAP stream, non-zero exit on failure. */
#include "helpers.h"
#include "tap.h"

int main(void)
{
	test_vectors();
	test_provision();
	test_uvc();
	test_secrets();
	test_attest();
	return tap_done("uvemu tests");
}
