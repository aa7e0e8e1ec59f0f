/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Key property files (<name>.info): "name=value" lines closed by an
 * integrity line "__hash__=<SHA-256 of the lines before it>", as zkey's.
 * The hash catches edits and truncation, not attackers: whoever can write
 * the file can recompute it.
 */
#ifndef SECEX_KEY_PROPS_H
#define SECEX_KEY_PROPS_H

#include <stddef.h>

#define PROPS_MAX 32

struct props {
	size_t n;
	char *name[PROPS_MAX];
	char *value[PROPS_MAX];
};

/* Read and check @path.  Returns 0, or -1 after printing why not. */
int props_load(const char *path, struct props *p);
/* Write @p to @path (replaced atomically) with file mode @mode. */
int props_save(const char *path, const struct props *p, unsigned int mode);
/* Value of @name, NULL if absent. */
const char *props_get(const struct props *p, const char *name);
/* Set or add @name; an empty @value removes it.  -1 if invalid or full. */
int props_set(struct props *p, const char *name, const char *value);
void props_free(struct props *p);

#endif /* SECEX_KEY_PROPS_H */
