/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny TAP-ish test framework: each check prints "ok N - name" or
 * "not ok N - name" (with the failing expression and values), main() ends
 * with "1..N" and a summary and exits non-zero if anything failed.
 */
#ifndef UVEMU_TAP_H
#define UVEMU_TAP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

extern unsigned int tap_run, tap_failed;

bool tap_check(bool cond, const char *file, int line, const char *expr,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
bool tap_check_eq(unsigned long long got, unsigned long long want,
		  const char *file, int line, const char *expr,
		  const char *fmt, ...) __attribute__((format(printf, 6, 7)));
bool tap_check_mem(const void *got, const void *want, size_t len,
		   const char *file, int line, const char *expr,
		   const char *fmt, ...) __attribute__((format(printf, 7, 8)));
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int tap_done(const char *name);

/* OK(cond, "name %d", ...) */
#define OK(cond, ...) \
	tap_check(!!(cond), __FILE__, __LINE__, #cond, __VA_ARGS__)
/* EQ(got, want, "name"): integers, printed in hex on failure */
#define EQ(got, want, ...) \
	tap_check_eq((unsigned long long)(got), (unsigned long long)(want), \
		     __FILE__, __LINE__, #got " == " #want, __VA_ARGS__)
/* MEM(got, want, len, "name") */
#define MEM(got, want, len, ...) \
	tap_check_mem(got, want, len, __FILE__, __LINE__, \
		      #got " == " #want, __VA_ARGS__)

/* Whether all @n bytes at @p equal @v. */
static inline bool all_bytes(const void *p, uint8_t v, size_t n)
{
	const uint8_t *b = p;

	while (n--)
		if (*b++ != v)
			return false;
	return true;
}

#endif /* UVEMU_TAP_H */
