// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing volume lists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/cli.h"
#include "volumes.h"

#define DM_NAME_MAX 127

static int valid_dm(const char *s)
{
	size_t n = strlen(s);

	return n && n <= DM_NAME_MAX && s[0] != '.' && s[0] != '-' &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "0123456789._-") == n;
}

static int valid_dev(const char *s)
{
	return s[0] == '/' && !strpbrk(s, " \t\n,");
}

int volumes_parse(const char *list, struct volume **v, size_t *n)
{
	char *copy = strdup(list), *item, *save = NULL, *colon;
	struct volume *a = NULL, *na;
	size_t cnt = 0;

	if (!copy)
		return -1;
	for (item = strtok_r(copy, ",", &save); item;
	     item = strtok_r(NULL, ",", &save)) {
		colon = strrchr(item, ':');
		if (!colon) {
			cli_err("volume '%s': DEV:DMNAME expected", item);
			goto bad;
		}
		*colon = 0;
		if (!valid_dev(item) || !valid_dm(colon + 1)) {
			cli_err("volume '%s:%s': DEV must be an absolute path, DMNAME of [A-Za-z0-9._-]",
				item, colon + 1);
			goto bad;
		}
		na = realloc(a, (cnt + 1) * sizeof(*a));
		if (!na)
			goto bad;
		a = na;
		a[cnt].dev = strdup(item);
		a[cnt].dm = strdup(colon + 1);
		cnt++;
		if (!a[cnt - 1].dev || !a[cnt - 1].dm)
			goto bad;
	}
	free(copy);
	if (!cnt) {
		cli_err("empty volume list");
		return -1;
	}
	*v = a;
	*n = cnt;
	return 0;
bad:
	free(copy);
	volumes_free(a, cnt);
	return -1;
}

void volumes_free(struct volume *v, size_t n)
{
	while (n--) {
		free(v[n].dev);
		free(v[n].dm);
	}
	free(v);
}
