// SPDX-License-Identifier: GPL-2.0
/* The tiny TAP-ish test framework (tap.h). */
#include <stdarg.h>
#include "tap.h"

unsigned int tap_run, tap_failed;

static bool report(bool cond, const char *fmt, va_list ap)
{
	tap_run++;
	if (!cond)
		tap_failed++;
	printf("%sok %u - ", cond ? "" : "not ", tap_run);
	vprintf(fmt, ap);
	putchar('\n');
	return cond;
}

bool tap_check(bool cond, const char *file, int line, const char *expr,
	       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(cond, fmt, ap);
	va_end(ap);
	if (!cond)
		printf("#   %s:%d: %s\n", file, line, expr);
	return cond;
}

bool tap_check_eq(unsigned long long got, unsigned long long want,
		  const char *file, int line, const char *expr,
		  const char *fmt, ...)
{
	bool cond = got == want;
	va_list ap;

	va_start(ap, fmt);
	report(cond, fmt, ap);
	va_end(ap);
	if (!cond)
		printf("#   %s:%d: %s: got 0x%llx, want 0x%llx\n", file, line,
		       expr, got, want);
	return cond;
}

static void hex(const char *what, const void *p, size_t len)
{
	const uint8_t *b = p;
	size_t i;

	printf("#     %s:", what);
	for (i = 0; i < len && i < 48; i++)
		printf("%s%02x", i % 16 ? "" : " ", b[i]);
	printf("%s\n", len > 48 ? "..." : "");
}

bool tap_check_mem(const void *got, const void *want, size_t len,
		   const char *file, int line, const char *expr,
		   const char *fmt, ...)
{
	bool cond = !memcmp(got, want, len);
	va_list ap;

	va_start(ap, fmt);
	report(cond, fmt, ap);
	va_end(ap);
	if (!cond) {
		printf("#   %s:%d: %s (%zu bytes)\n", file, line, expr, len);
		hex("got ", got, len);
		hex("want", want, len);
	}
	return cond;
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("# ");
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
}

int tap_done(const char *name)
{
	printf("1..%u\n", tap_run);
	printf("%s: %u passed, %u failed\n", name, tap_run - tap_failed,
	       tap_failed);
	return tap_failed || !tap_run ? 1 : 0;
}
