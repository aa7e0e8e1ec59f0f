/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The key repository: a directory with <name>.skey (the key token) and
 * <name>.info (its properties) per key, like zkey's, serialised by a lock
 * on the file .lock inside it.
 */
#ifndef SECEX_KEY_REPO_H
#define SECEX_KEY_REPO_H

#include <stddef.h>
#include <stdint.h>

#include "props.h"

#define REPO_DEFAULT	"/etc/secex-key/repository"
#define REPO_ENV	"SECEX_KEY_REPOSITORY"

struct repo {
	const char *dir;
	int lockfd;
	unsigned int file_mode;	/* mode of new files: the directory's rw bits */
};

/* How repo_open() locks: shared, exclusive, exclusive after mkdir -p. */
enum repo_mode { REPO_READ, REPO_WRITE, REPO_CREATE };

/*
 * Open the repository @dir (NULL: $SECEX_KEY_REPOSITORY, else the
 * default) and lock it.  REPO_CREATE makes a missing directory (mode
 * 0700).  Returns 0 or -1 after a message.
 */
int repo_open(struct repo *r, const char *dir, enum repo_mode mode);
void repo_close(struct repo *r);

/* Key names: 1-64 of [A-Za-z0-9._-], not starting with '.' or '-'. */
int repo_valid_name(const char *name);
/* malloc'ed "<dir>/<name><ext>" */
char *repo_path(const struct repo *r, const char *name, const char *ext);
int repo_exists(const struct repo *r, const char *name);

/* Store a new key; fails if @name exists. */
int repo_add(const struct repo *r, const char *name, const uint8_t *tok,
	     size_t len, const struct props *p);
/* Load a key: the token into @tok (TOKEN_MAX bytes) and its properties. */
int repo_load(const struct repo *r, const char *name, uint8_t *tok,
	      size_t *len, struct props *p);
/* Replace the properties of an existing key. */
int repo_save_props(const struct repo *r, const char *name,
		    const struct props *p);
int repo_remove(const struct repo *r, const char *name);
/* Sorted malloc'ed names of all keys; free with repo_free_names(). */
int repo_names(const struct repo *r, char ***names, size_t *n);
void repo_free_names(char **names, size_t n);

#endif /* SECEX_KEY_REPO_H */
