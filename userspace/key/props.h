/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Key property files (<name>.info) exactly as zkey reads and writes them
 * (s390-tools zkey/properties.c): "name=value" lines and an integrity line
 * "__hash__=<hex>", the lowercase hex SHA-256 over each property's name
 * followed by its value, in file order, with no '=', separators or
 * newlines.  Lines starting with '#' and empty lines are skipped.  The
 * hash catches edits and truncation, not attackers: whoever can write the
 * file can recompute it.
 */
#ifndef SECEX_KEY_PROPS_H
#define SECEX_KEY_PROPS_H

#include <stddef.h>

#define PROPS_MAX 64
/* zkey reads lines with fgets() into 4096 bytes: "name=value\n" and NUL. */
#define PROPS_LINE_MAX 4094

struct props {
	size_t n;
	char *name[PROPS_MAX];
	char *value[PROPS_MAX];
};

/*
 * Read and check @path.  Returns 0, or -1 after printing why not (with
 * the file's name, and how to fix a file of an earlier secex-key).
 */
int props_load(const char *path, struct props *p);
/* Write @p to @path (replaced atomically) with file mode @mode. */
int props_save(const char *path, const struct props *p, unsigned int mode);
/* Value of @name, NULL if absent. */
const char *props_get(const struct props *p, const char *name);
/*
 * Set @name, or add it at the end.  Empty values are kept, as zkey keeps
 * "volumes=".  -1 if the name or value is invalid or the table is full.
 */
int props_set(struct props *p, const char *name, const char *value);
/* Remove @name if present. */
void props_unset(struct props *p, const char *name);
void props_free(struct props *p);

#endif /* SECEX_KEY_PROPS_H */
