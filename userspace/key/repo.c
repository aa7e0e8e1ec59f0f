// SPDX-License-Identifier: GPL-2.0
/*
 * Key repository: files, names and locking.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../common/cli.h"
#include "../common/fileio.h"
#include "repo.h"
#include "token.h"

/* mkdir -p; only the last component gets @mode, parents 0755. */
static int mkdir_p(const char *dir, mode_t mode)
{
	char *p = strdup(dir), *s;
	int ret = 0;

	if (!p)
		return -1;
	for (s = strchr(p + 1, '/'); s && !ret; s = strchr(s + 1, '/')) {
		*s = 0;
		if (mkdir(p, 0755) && errno != EEXIST)
			ret = -1;
		*s = '/';
	}
	if (!ret && mkdir(p, mode) && errno != EEXIST)
		ret = -1;
	if (ret)
		cli_err("cannot create repository %s: %s", dir,
			strerror(errno));
	free(p);
	return ret;
}

int repo_open(struct repo *r, const char *dir, enum repo_mode mode)
{
	int excl = mode != REPO_READ;
	struct stat st;
	char *lock;

	r->lockfd = -1;
	r->dir = dir ? dir : getenv(REPO_ENV);
	if (!r->dir || !*r->dir)
		r->dir = REPO_DEFAULT;
	if (mode == REPO_CREATE && mkdir_p(r->dir, 0700))
		return -1;
	if (stat(r->dir, &st)) {
		cli_err("key repository %s: %s", r->dir,
			strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		cli_err("key repository %s: not a directory", r->dir);
		return -1;
	}
	/*
	 * Key files follow the directory: private for a root-only repository,
	 * group-readable/writable where an admin group shares it.
	 */
	r->file_mode = st.st_mode & 0660;
	lock = repo_path(r, ".lock", "");
	if (!lock)
		return -1;
	r->lockfd = open(lock, excl ? O_RDWR | O_CREAT : O_RDONLY, r->file_mode);
	if (r->lockfd < 0 && !excl && errno == ENOENT)
		r->lockfd = open(lock, O_RDWR | O_CREAT, r->file_mode);
	if (r->lockfd < 0) {
		/* A read-only repository nobody changes needs no lock. */
		if (!excl && (errno == EROFS || errno == EACCES)) {
			free(lock);
			return 0;
		}
		cli_err("%s: %s", lock, strerror(errno));
		free(lock);
		return -1;
	}
	free(lock);
	/*
	 * flock(), not fcntl(): zkey locks .lock with flock(LOCK_EX), and the
	 * two kinds of lock do not see each other.
	 */
	while (flock(r->lockfd, excl ? LOCK_EX : LOCK_SH)) {
		if (errno == EINTR)
			continue;
		cli_err("locking %s: %s", r->dir, strerror(errno));
		close(r->lockfd);
		r->lockfd = -1;
		return -1;
	}
	return 0;
}

void repo_close(struct repo *r)
{
	if (r->lockfd >= 0)
		close(r->lockfd);	/* drops the lock */
	r->lockfd = -1;
}

int repo_valid_name(const char *name)
{
	size_t i, n = strlen(name);

	/* Names end up in shell commands, JSON and crypttab unquoted. */
	if (!n || n > 64 || name[0] == '.' || name[0] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789._-", name[i]))
			return 0;
	return 1;
}

char *repo_path(const struct repo *r, const char *name, const char *ext)
{
	size_t len = strlen(r->dir) + strlen(name) + strlen(ext) + 2;
	char *p = malloc(len);

	if (p)
		snprintf(p, len, "%s/%s%s", r->dir, name, ext);
	return p;
}

int repo_exists(const struct repo *r, const char *name)
{
	char *skey = repo_path(r, name, ".skey");
	char *info = repo_path(r, name, ".info");
	int ret = skey && info && (!access(skey, F_OK) || !access(info, F_OK));

	free(skey);
	free(info);
	return ret;
}

int repo_new_props(struct props *p, const char *key_type, const char *desc,
		   const char *volumes, unsigned long sector_size,
		   const char *secret_name)
{
	char now[32], sector[24];
	time_t t = time(NULL);
	struct tm tm;
	int err = 0;

	strftime(now, sizeof(now), "%F %T", localtime_r(&t, &tm));
	snprintf(sector, sizeof(sector), "%lu", sector_size);
	err |= props_set(p, PROP_CIPHER, "paes");
	err |= props_set(p, PROP_IV_MODE, "plain64");
	err |= props_set(p, PROP_CREATION_TIME, now);
	err |= props_set(p, PROP_DESCRIPTION, desc ? desc : "");
	err |= props_set(p, PROP_KEY_TYPE, key_type);
	err |= props_set(p, PROP_VOLUMES, volumes ? volumes : "");
	err |= props_set(p, PROP_APQNS, "");
	err |= props_set(p, PROP_SECTOR_SIZE, sector);
	/* zkey upper-cases key and volume types when it stores them. */
	err |= props_set(p, PROP_VOLUME_TYPE, "LUKS2");
	if (secret_name)
		err |= props_set(p, PROP_SECRET_NAME, secret_name);
	return err ? -1 : 0;
}

/* Why zkey's other key types are not ours. */
static const char *foreign_key_type(const char *type)
{
	static const char *const secure[] = {
		"CCA-AESDATA", "CCA-AESCIPHER", "EP11-AES"
	};
	size_t i;

	for (i = 0; i < sizeof(secure) / sizeof(secure[0]); i++)
		if (!strcasecmp(type, secure[i]))
			return "a secure key of a Crypto Express adapter";
	if (!strcasecmp(type, "PVSECRET-HMAC"))
		return "an HMAC key for dm-integrity";
	return NULL;
}

int repo_check_props(const char *info, const struct props *p,
		     const char *token_type)
{
	const char *type = props_get(p, PROP_KEY_TYPE);
	const char *cipher = props_get(p, PROP_CIPHER);
	const char *ivmode = props_get(p, PROP_IV_MODE);
	const char *voltype = props_get(p, PROP_VOLUME_TYPE);

	/* zkey reads a key without key-type as CCA-AESDATA. */
	if (!type) {
		cli_err("%s: no key-type property (zkey would take the key for CCA-AESDATA)",
			info);
		return -1;
	}
	if (foreign_key_type(type)) {
		cli_err("%s: key type %s is %s (zkey); secex-key uses PVSECRET-AES and CLEAR-AES keys",
			info, type, foreign_key_type(type));
		return -1;
	}
	if (token_type && strcasecmp(type, token_type)) {
		cli_err("%s: key-type %s, but the key file holds a %s token",
			info, type, token_type);
		return -1;
	}
	if ((cipher && strcmp(cipher, "paes")) ||
	    (ivmode && strcmp(ivmode, "plain64"))) {
		cli_err("%s: cipher %s, IV mode %s: secex-key keys are for paes-xts-plain64",
			info, cipher ? cipher : "paes",
			ivmode ? ivmode : "plain64");
		return -1;
	}
	/*
	 * zkey reads a key without volume-type as one for a plain dm-crypt
	 * volume, which formatting as LUKS2 would destroy.
	 */
	if (!voltype || strcasecmp(voltype, "LUKS2")) {
		cli_err("%s: volume type %s: secex-key formats and opens LUKS2 volumes only",
			info, voltype ? voltype : "PLAIN (no volume-type property)");
		return -1;
	}
	return 0;
}

void repo_props_defaults(struct props *p)
{
	const char *sector = props_get(p, PROP_SECTOR_SIZE);
	size_t i = 0;

	if (sector && !strcmp(sector, "0"))
		props_unset(p, PROP_SECTOR_SIZE);
	while (i < p->n) {
		if (!*p->value[i])
			props_unset(p, p->name[i]);
		else
			i++;
	}
}

int repo_add(const struct repo *r, const char *name, const uint8_t *tok,
	     size_t len, const struct props *p)
{
	char *skey = repo_path(r, name, ".skey");
	char *info = repo_path(r, name, ".info");
	int ret = -1, fd;

	if (!skey || !info)
		goto out;
	/* O_EXCL: never overwrite a key, which might be a volume's only copy. */
	fd = open(skey, O_WRONLY | O_CREAT | O_EXCL, r->file_mode);
	if (fd < 0) {
		cli_err("%s: %s", skey, strerror(errno));
		goto out;
	}
	close(fd);
	if (write_file(skey, tok, len, r->file_mode) ||
	    props_save(info, p, r->file_mode)) {
		unlink(skey);
		goto out;
	}
	ret = 0;
out:
	free(skey);
	free(info);
	return ret;
}

int repo_load(const struct repo *r, const char *name, uint8_t *tok,
	      size_t *len, struct props *p)
{
	char *skey = repo_path(r, name, ".skey");
	char *info = repo_path(r, name, ".info");
	uint8_t *buf = NULL;
	int ret = -1;

	if (!skey || !info)
		goto out;
	if (access(skey, F_OK) && errno == ENOENT) {
		cli_err("no key '%s' in repository %s", name, r->dir);
		goto out;
	}
	if (read_file(skey, &buf, len, TOKEN_MAX))
		goto out;
	memcpy(tok, buf, *len);
	secure_zero(buf, *len);
	ret = props_load(info, p);
out:
	free(buf);
	free(skey);
	free(info);
	return ret;
}

int repo_save_props(const struct repo *r, const char *name,
		    const struct props *p)
{
	char *info = repo_path(r, name, ".info");
	int ret = info ? props_save(info, p, r->file_mode) : -1;

	free(info);
	return ret;
}

int repo_remove(const struct repo *r, const char *name)
{
	char *skey = repo_path(r, name, ".skey");
	char *info = repo_path(r, name, ".info");
	int ret = -1;

	if (!skey || !info)
		goto out;
	if (unlink(skey) && errno != ENOENT) {
		cli_err("%s: %s", skey, strerror(errno));
		goto out;
	}
	if (unlink(info) && errno != ENOENT) {
		cli_err("%s: %s", info, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	free(skey);
	free(info);
	return ret;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int repo_names(const struct repo *r, char ***names, size_t *n)
{
	DIR *d = opendir(r->dir);
	char **v = NULL, **nv, *name;
	struct dirent *e;
	size_t cnt = 0;
	int failed = 0;

	if (!d) {
		cli_err("%s: %s", r->dir, strerror(errno));
		return -1;
	}
	while (!failed && (e = readdir(d))) {
		size_t l = strlen(e->d_name);

		if (l <= 5 || strcmp(e->d_name + l - 5, ".info"))
			continue;
		name = strndup(e->d_name, l - 5);
		nv = name ? realloc(v, (cnt + 1) * sizeof(*v)) : NULL;
		if (!nv) {
			free(name);
			failed = 1;
		} else if (!repo_valid_name(name)) {
			free(name);	/* not a file of ours */
			v = nv;
		} else {
			v = nv;
			v[cnt++] = name;
		}
	}
	closedir(d);
	if (failed) {
		cli_err("%s: out of memory", r->dir);
		repo_free_names(v, cnt);
		return -1;
	}
	if (cnt)
		qsort(v, cnt, sizeof(*v), cmp_names);
	*names = v;
	*n = cnt;
	return 0;
}

void repo_free_names(char **names, size_t n)
{
	while (n)
		free(names[--n]);
	free(names);
}
