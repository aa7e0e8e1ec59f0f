// SPDX-License-Identifier: GPL-2.0
/*
 * secex-uv secret add-dir: the boot step that adds every add-secret
 * request of a folder (/boot/secex/secrets.d) to the UV secret store
 * before cryptsetup runs.  Each request goes through secret_add_file(),
 * the add of 'secret add'.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmds.h"

#define SECRETS_DIR_DEFAULT	"/boot/secex/secrets.d"
/*
 * Markers must live exactly as long as the UV secret store, which is one
 * boot of the guest: /run is a tmpfs that is made anew at every boot and
 * (on Debian) moved, not remade, from the initramfs to the real root.  A
 * marker found here therefore means "added in this boot", so skipping the
 * request cannot leave the store without it.
 */
#define STATE_DIR_DEFAULT	"/run/secex/secrets-added"

static const char add_dir_usage[] =
"Usage: secex-uv secret add-dir [--state-dir STATEDIR] [DIR]\n"
"\n"
"Add every add-secret request in DIR (default " SECRETS_DIR_DEFAULT ")\n"
"to the ultravisor's secret store of this guest, one after the other as\n"
"'secret add' does, in the byte order of the file names (as in the C\n"
"locale: \"10-x.req\" before \"9-x.req\", \"B.req\" before \"a.req\").  This is\n"
"the boot step that puts the secrets in place before cryptsetup runs:\n"
"secex-secrets.service and the initramfs-tools script local-top/secex-uv\n"
"run it.\n"
"\n"
"Requests are the regular files in DIR, or symbolic links to them, whose\n"
"names end in \".req\" and do not start with \".\"; anything else is skipped\n"
"without a word, so editor backups (\"10-x.req~\", \".10-x.req.swp\") and\n"
"package leftovers (\"10-x.req.dpkg-old\") are never added.  Requests are\n"
"made by 'secex-owner secret create' or 'pvsecret create'.\n"
"\n"
"One line is printed per request: \"FILE: added\", or \"FILE: already added\n"
"in this boot\".  The second is known from a marker, an empty file in\n"
"STATEDIR named by the SHA-256 of the request's bytes, written after each\n"
"successful add.  The ultravisor keeps duplicate secrets, and the secret\n"
"id is encrypted in the request, so it cannot be looked up beforehand; the\n"
"marker keeps the initramfs and the running system from both adding a\n"
"secret.  The secret store lasts one boot, as /run does: keep STATEDIR on\n"
"/run.\n"
"\n"
"A request that cannot be read, is not an add-secret request, or is\n"
"refused by the ultravisor is reported with its file name (and the\n"
"ultravisor's rc and rrc in words), and the others are still added.  If\n"
"the device cannot be used, the remaining requests are not tried.  A DIR\n"
"without requests, or a missing default DIR, is not an error: one line on\n"
"stderr says that there is nothing to add.  A DIR named on the command\n"
"line that does not exist is an error.\n"
"\n"
"  --state-dir STATEDIR   where the markers are kept, created with mode\n"
"                         0700 if missing (default\n"
"                         " STATE_DIR_DEFAULT ")\n"
"  -h, --help             show this help\n"
"\n"
"Of the codes below: 0 if every request was added, or had been in this\n"
"boot, or there was none; 2 if the ultravisor refused at least one; else\n"
"1 if anything else failed.\n";

struct names {
	char **v;
	size_t n, cap;
};

static int names_add(struct names *l, const char *name)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		char **v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n] = strdup(name);
	if (!l->v[l->n])
		return -1;
	l->n++;
	return 0;
}

static void names_free(struct names *l)
{
	while (l->n)
		free(l->v[--l->n]);
	free(l->v);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * "*.req", not hidden: a dot file is an editor's or a tool's working
 * copy (".10-x.req.swp", Emacs's ".#10-x.req"), never a request of the
 * owner's.
 */
static int is_request_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 4 && !strcmp(name + n - 4, ".req");
}

/*
 * The requests of @dir, sorted with strcmp() (byte order, as the C
 * locale's ls and run-parts sort).  Returns 0, or -errno of opendir()
 * unreported, or -ENOMEM reported.
 */
static int list_requests(const char *dir, struct names *l)
{
	struct dirent *e;
	struct stat sb;
	DIR *d = opendir(dir);
	int err = 0;

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		if (!is_request_name(e->d_name))
			continue;
		/* follows links: a link to a request is a request */
		if (fstatat(dirfd(d), e->d_name, &sb, 0) || !S_ISREG(sb.st_mode))
			continue;
		if (names_add(l, e->d_name)) {
			cli_err("out of memory");
			err = -ENOMEM;
			break;
		}
	}
	closedir(d);
	if (!err)
		qsort(l->v, l->n, sizeof(*l->v), name_cmp);
	return err;
}

int cmd_secret_add_dir(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "state-dir", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dir = SECRETS_DIR_DEFAULT, *state = STATE_DIR_DEFAULT;
	int c, err, rejected = 0, failed = 0;
	struct names l = { NULL, 0, 0 };
	char path[4096];
	size_t dlen, i;

	while ((c = cli_getopt(argc, argv, "", opts, NULL,
			       add_dir_usage)) != -1) {
		if (c != 's')
			return cli_exit(c);
		state = optarg;
	}
	if (!*state)
		return cli_usage_error("--state-dir needs a folder name");
	if (argc - optind > 1)
		return cli_usage_error("unexpected argument '%s'",
				       argv[optind + 1]);

	if (argc > optind)
		dir = argv[optind];
	err = list_requests(dir, &l);
	if (err == -ENOENT && argc == optind) {
		/* a guest without secrets is not an error */
		cli_err("%s: no such folder, nothing to add", dir);
		return EXIT_OK;
	}
	if (err) {
		if (err != -ENOMEM)
			cli_err("%s: cannot read the folder: %s", dir,
				strerror(-err));
		names_free(&l);
		return EXIT_ERR;
	}
	if (!l.n) {
		cli_err("%s: no add-secret requests (*.req), nothing to add",
			dir);
		names_free(&l);
		return EXIT_OK;
	}

	/* the lines of stdout and stderr reach the journal in their order */
	setvbuf(stdout, NULL, _IOLBF, 0);
	dlen = strlen(dir);
	while (dlen > 1 && dir[dlen - 1] == '/')
		dlen--;
	if (dlen == 1 && dir[0] == '/')
		dlen = 0;
	for (i = 0; i < l.n; i++) {
		int n = snprintf(path, sizeof(path), "%.*s/%s", (int)dlen, dir,
				 l.v[i]);

		if (n < 0 || (size_t)n >= sizeof(path)) {
			cli_err("%.*s/%s: file name too long", (int)dlen, dir,
				l.v[i]);
			failed = 1;
			continue;
		}
		switch (secret_add_file(path, path, state)) {
		case SECRET_ADDED:
			printf("%s: added\n", path);
			break;
		case SECRET_ALREADY:
			printf("%s: already added in this boot\n", path);
			break;
		case SECRET_REJECTED:
			rejected = 1;
			break;
		case SECRET_UNRECORDED:
			printf("%s: added\n", path);
			failed = 1;
			break;
		case SECRET_BAD:
			failed = 1;
			break;
		case SECRET_NO_DEVICE:
			/* the next request would meet the same device */
			if (i + 1 < l.n)
				cli_err("%s: not added, nor the %zu request%s after it",
					path, l.n - i - 1,
					l.n - i - 1 > 1 ? "s" : "");
			else
				cli_err("%s: not added", path);
			failed = 1;
			i = l.n;
			break;
		}
	}
	names_free(&l);
	if (fflush(stdout))
		failed = 1;
	return rejected ? EXIT_REJECTED : failed ? EXIT_ERR : EXIT_OK;
}
