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
#include <sys/stat.h>
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
	struct flock fl = { .l_whence = SEEK_SET };
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
	fl.l_type = excl ? F_WRLCK : F_RDLCK;
	while (fcntl(r->lockfd, F_SETLKW, &fl)) {
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
