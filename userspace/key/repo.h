/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The key repository: a directory with <name>.skey (the key token) and
 * <name>.info (its properties) per key, in zkey's format (s390-tools
 * zkey/keystore.c), serialised as zkey serialises it: by flock(2) on the
 * file .lock inside it.
 */
#ifndef SECEX_KEY_REPO_H
#define SECEX_KEY_REPO_H

#include <stddef.h>
#include <stdint.h>

#include "props.h"

#define REPO_DEFAULT	"/etc/secex-key/repository"
#define REPO_ENV	"SECEX_KEY_REPOSITORY"

/* zkey's property names (zkey/keystore.h) */
#define PROP_KEY_TYPE		"key-type"
#define PROP_CIPHER		"cipher"
#define PROP_IV_MODE		"iv-mode"
#define PROP_DESCRIPTION	"description"
#define PROP_VOLUMES		"volumes"
#define PROP_APQNS		"apqns"
#define PROP_SECTOR_SIZE	"sector-size"
#define PROP_CREATION_TIME	"creation-time"
#define PROP_CHANGE_TIME	"update-time"
#define PROP_KEY_VP		"verification-pattern"
#define PROP_VOLUME_TYPE	"volume-type"
/*
 * secex-key's own: the name a PVSECRET-AES key's secret id is the SHA-256
 * of.  zkey keeps properties it does not know and never reads them.
 */
#define PROP_SECRET_NAME	"secret-name"

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

/*
 * The properties zkey writes for a new key, in zkey's order: cipher
 * "paes", iv-mode "plain64", creation-time (now), description, key-type
 * @key_type, volumes, apqns (empty: no Crypto Express adapters), sector-size
 * (0: the default), volume-type "LUKS2", then secret-name if given.  The
 * verification pattern is added last, as zkey does.  NULL strings are
 * empty values.  Returns 0, or -1 if a value is invalid.
 */
int repo_new_props(struct props *p, const char *key_type, const char *desc,
		   const char *volumes, unsigned long sector_size,
		   const char *secret_name);
/*
 * Check the properties of key file @info against its token, of type
 * @token_type ("PVSECRET-AES" or "CLEAR-AES"): key-type present and the
 * token's, cipher paes and iv-mode plain64 where given, volume-type LUKS2
 * (zkey reads its absence as "plain").
 * A NULL @token_type checks all but the token's type.  Returns 0, or -1
 * after a message naming @info.
 */
int repo_check_props(const char *info, const struct props *p,
		     const char *token_type);
/*
 * Drop what zkey writes for "none" and "default" (empty values, sector-size
 * 0), so that commands see such properties as absent.  Only for properties
 * that are not written back.
 */
void repo_props_defaults(struct props *p);

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
