// SPDX-License-Identifier: GPL-2.0
/*
 * Key property files: parsing, integrity hash, atomic replacement, with
 * zkey's rules (s390-tools zkey/properties.c), so that zkey and secex-key
 * read each other's repositories.
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

#define HASH_NAME "__hash__"
#define HASH_PREFIX HASH_NAME "="
#define HASH_HEX_LEN (2 * SHA256_LEN)
#define PROPS_FILE_MAX 65536

/* Names zkey writes and reads back as the same property. */
static int valid_name(const char *s)
{
	/* '#' would start a comment, which zkey skips when it reads. */
	return *s && *s != '#' && !strpbrk(s, "=\n") && strcmp(s, HASH_NAME);
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

/*
 * Replace the value of @name or append it, as zkey's properties_set():
 * a name read twice keeps its first place and its last value.
 */
static int props_put(struct props *p, const char *name, const char *value)
{
	char *v;
	size_t i;

	for (i = 0; i < p->n && strcmp(p->name[i], name); i++)
		;
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

int props_set(struct props *p, const char *name, const char *value)
{
	if (!valid_name(name) || strchr(value, '\n') ||
	    strlen(name) + 1 + strlen(value) > PROPS_LINE_MAX)
		return -1;
	return props_put(p, name, value);
}

void props_unset(struct props *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		if (!strcmp(p->name[i], name)) {
			props_del(p, i);
			return;
		}
	}
}

void props_free(struct props *p)
{
	while (p->n)
		props_del(p, p->n - 1);
}

static void hash_hex(const void *data, size_t len, char out[HASH_HEX_LEN + 1])
{
	uint8_t h[SHA256_LEN];
	size_t i;

	sha256(data, len, h);
	for (i = 0; i < SHA256_LEN; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

/*
 * The rule of secex-key before it took zkey's: the last line is the hash
 * line, and its hash covers the bytes of all lines before it.  Only to
 * tell such a file from a damaged one.
 */
static int earlier_rule(const char *text, size_t len)
{
	size_t line = strlen(HASH_PREFIX) + HASH_HEX_LEN + 1;
	char want[HASH_HEX_LEN + 1];

	if (len < line || text[len - 1] != '\n' ||
	    strncmp(text + len - line, HASH_PREFIX, strlen(HASH_PREFIX)) ||
	    (len > line && text[len - line - 1] != '\n'))
		return 0;
	hash_hex(text, len - line, want);
	return !strncmp(text + len - line + strlen(HASH_PREFIX), want,
			HASH_HEX_LEN);
}

/*
 * Split the NUL-terminated @text of @len bytes into properties as zkey's
 * properties_load() does, and concatenate names and values into @cat for
 * the hash.  @text is modified; *@hash points into it.
 */
static int props_parse(const char *path, char *text, size_t len,
		       struct props *p, char *cat, size_t *catlen,
		       const char **hash)
{
	char *line, *end, *eq;
	unsigned int no = 0;

	*catlen = 0;
	*hash = NULL;
	for (line = text; line < text + len; line = end + 1) {
		no++;
		/* Like fgets(), zkey takes a last line without its newline. */
		end = strchr(line, '\n');
		if (!end)
			end = text + len;
		if ((size_t)(end - line) > PROPS_LINE_MAX) {
			cli_err("%s: line %u is longer than zkey reads (%d bytes)",
				path, no, PROPS_LINE_MAX);
			return -1;
		}
		*end = 0;
		if (!*line || *line == '#')
			continue;
		eq = strchr(line, '=');
		if (!eq) {
			cli_err("%s: line %u has no '='", path, no);
			return -1;
		}
		*eq = 0;
		if (!strcmp(line, HASH_NAME)) {
			*hash = eq + 1;
			continue;
		}
		memcpy(cat + *catlen, line, (size_t)(eq - line));
		*catlen += (size_t)(eq - line);
		memcpy(cat + *catlen, eq + 1, (size_t)(end - eq - 1));
		*catlen += (size_t)(end - eq - 1);
		if (props_put(p, line, eq + 1)) {
			cli_err("%s: more than %d properties, or out of memory",
				path, PROPS_MAX);
			return -1;
		}
	}
	return 0;
}

int props_load(const char *path, struct props *p)
{
	char want[HASH_HEX_LEN + 1], *text, *cat = NULL;
	const char *hash;
	size_t len, catlen;
	int ret = -1, earlier;
	uint8_t *buf;

	memset(p, 0, sizeof(*p));
	if (read_file(path, &buf, &len, PROPS_FILE_MAX))
		return -1;
	text = realloc(buf, len + 1);
	if (!text) {
		free(buf);
		return -1;
	}
	if (memchr(text, 0, len)) {
		cli_err("%s: not a properties file (it holds a NUL byte)", path);
		goto out;
	}
	text[len] = 0;
	earlier = earlier_rule(text, len);
	cat = malloc(len + 1);
	if (!cat || props_parse(path, text, len, p, cat, &catlen, &hash))
		goto out;
	if (!hash) {
		cli_err("%s: no __hash__ line: not a key properties file of zkey or secex-key",
			path);
		goto out;
	}
	hash_hex(cat, catlen, want);
	/* zkey compares with strcmp(): an uppercase hash is not its hash. */
	if (!strcmp(hash, want)) {
		ret = 0;
	} else if (earlier) {
		cli_err("%s: written by an earlier secex-key (hash over the lines, no key-type), which zkey and this secex-key refuse: convert it as Documentation/secex-key.md, \"Repositories of earlier versions\", shows",
			path);
	} else {
		cli_err("%s: integrity hash differs: the file was changed outside zkey and secex-key",
			path);
	}
out:
	if (ret)
		props_free(p);
	free(cat);
	free(text);
	return ret;
}

int props_save(const char *path, const struct props *p, unsigned int mode)
{
	char hash[HASH_HEX_LEN + 1], *text, *cat, *tmp;
	size_t i, len = 0, off = 0, catlen = 0;
	int ret = -1;

	for (i = 0; i < p->n; i++)
		len += strlen(p->name[i]) + strlen(p->value[i]) + 2;
	text = malloc(len + strlen(HASH_PREFIX) + sizeof(hash) + 1);
	cat = malloc(len + 1);
	tmp = malloc(strlen(path) + 5);
	if (!text || !cat || !tmp)
		goto out;
	for (i = 0; i < p->n; i++) {
		off += (size_t)sprintf(text + off, "%s=%s\n", p->name[i],
				       p->value[i]);
		catlen += (size_t)sprintf(cat + catlen, "%s%s", p->name[i],
					  p->value[i]);
	}
	hash_hex(cat, catlen, hash);
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
	free(cat);
	free(tmp);
	return ret;
}
