// SPDX-License-Identifier: GPL-2.0
/*
 * Key property files: parsing, integrity hash, atomic replacement.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/cli.h"
#include "../common/fileio.h"
#include "../common/sha256.h"
#include "props.h"

#define HASH_PREFIX "__hash__="
#define PROPS_FILE_MAX 65536

static int valid_name(const char *s)
{
	return *s && !strpbrk(s, "=\n") && strcmp(s, "__hash__");
}

const char *props_get(const struct props *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (!strcmp(p->name[i], name))
			return p->value[i];
	return NULL;
}

static void props_del(struct props *p, size_t i)
{
	free(p->name[i]);
	free(p->value[i]);
	p->n--;
	memmove(&p->name[i], &p->name[i + 1], (p->n - i) * sizeof(char *));
	memmove(&p->value[i], &p->value[i + 1], (p->n - i) * sizeof(char *));
}

int props_set(struct props *p, const char *name, const char *value)
{
	char *v;
	size_t i;

	if (!valid_name(name) || strchr(value, '\n'))
		return -1;
	for (i = 0; i < p->n && strcmp(p->name[i], name); i++)
		;
	if (!*value) {
		if (i < p->n)
			props_del(p, i);
		return 0;
	}
	if (i == p->n && p->n == PROPS_MAX)
		return -1;
	v = strdup(value);
	if (!v)
		return -1;
	if (i < p->n) {
		free(p->value[i]);
		p->value[i] = v;
		return 0;
	}
	p->name[i] = strdup(name);
	if (!p->name[i]) {
		free(v);
		return -1;
	}
	p->value[i] = v;
	p->n++;
	return 0;
}

void props_free(struct props *p)
{
	while (p->n)
		props_del(p, p->n - 1);
}

static void hash_hex(const char *text, size_t len, char out[2 * SHA256_LEN + 1])
{
	uint8_t h[SHA256_LEN];
	size_t i;

	sha256(text, len, h);
	for (i = 0; i < SHA256_LEN; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

/* Split the NUL-terminated @text into properties; @text is modified. */
static int props_parse(const char *path, char *text, struct props *p)
{
	char *line = text, *nl;

	for (; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl) {
			cli_err("%s: last line not terminated", path);
			return -1;
		}
		*nl = 0;
		char *eq = strchr(line, '=');
		if (!eq) {
			cli_err("%s: line without '=': %s", path, line);
			return -1;
		}
		*eq = 0;
		if (props_get(p, line) || props_set(p, line, eq + 1)) {
			cli_err("%s: bad or repeated property '%s'",
				path, line);
			return -1;
		}
	}
	return 0;
}

int props_load(const char *path, struct props *p)
{
	char want[2 * SHA256_LEN + 1], *text, *h;
	uint8_t *buf;
	size_t len;
	int ret = -1;

	memset(p, 0, sizeof(*p));
	if (read_file(path, &buf, &len, PROPS_FILE_MAX))
		return -1;
	text = realloc(buf, len + 1);
	if (!text) {
		free(buf);
		return -1;
	}
	text[len] = 0;
	/* The hash line is the last one and covers everything before it. */
	h = strstr(text, "\n" HASH_PREFIX);
	h = h ? h + 1 : (!strncmp(text, HASH_PREFIX, strlen(HASH_PREFIX)) ? text : NULL);
	if (!h || strlen(h) != strlen(HASH_PREFIX) + 2 * SHA256_LEN + 1 ||
	    h[strlen(h) - 1] != '\n') {
		cli_err("%s: integrity line missing or malformed", path);
		goto out;
	}
	hash_hex(text, (size_t)(h - text), want);
	if (strncmp(h + strlen(HASH_PREFIX), want, 2 * SHA256_LEN)) {
		cli_err("%s: changed outside secex-key (integrity hash differs)",
			path);
		goto out;
	}
	*h = 0;
	ret = props_parse(path, text, p);
	if (ret)
		props_free(p);
out:
	free(text);
	return ret;
}

int props_save(const char *path, const struct props *p, unsigned int mode)
{
	char hash[2 * SHA256_LEN + 1], *text, *tmp;
	size_t i, len = 0, off = 0;
	int ret = -1;

	for (i = 0; i < p->n; i++)
		len += strlen(p->name[i]) + strlen(p->value[i]) + 2;
	len += strlen(HASH_PREFIX) + sizeof(hash) + 1;
	text = malloc(len);
	tmp = malloc(strlen(path) + 5);
	if (!text || !tmp)
		goto out;
	for (i = 0; i < p->n; i++)
		off += (size_t)sprintf(text + off, "%s=%s\n", p->name[i],
				       p->value[i]);
	hash_hex(text, off, hash);
	off += (size_t)sprintf(text + off, HASH_PREFIX "%s\n", hash);
	/* A crash leaves the old file or the new one, never half of one. */
	sprintf(tmp, "%s.new", path);
	if (write_file(tmp, text, off, mode))
		goto out;
	if (rename(tmp, path)) {
		cli_err("%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	ret = 0;
out:
	free(text);
	free(tmp);
	return ret;
}
