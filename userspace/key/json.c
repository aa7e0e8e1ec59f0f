// SPDX-License-Identifier: GPL-2.0
/*
 * A minimal JSON reader (RFC 8259 syntax, no number conversion).
 */
#include <string.h>

#include "json.h"

/* Nesting beyond this is refused: recursion depth stays bounded. */
#define JSON_MAX_DEPTH 32

static const char *ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/*
 * Scan the string at @p (at its opening quote); copy its unescaped text
 * to @buf if not NULL (truncated to @size - 1).  Returns the end or NULL.
 */
static const char *scan_string(const char *p, char *buf, size_t size)
{
	size_t n = 0;
	char c;
	int i;

	if (*p++ != '"')
		return NULL;
	while ((c = *p++) != '"') {
		if ((unsigned char)c < 0x20)
			return NULL;	/* also the terminating NUL */
		if (c == '\\') {
			c = *p++;
			switch (c) {
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case '"': case '\\': case '/': break;
			case 'u':
				for (i = 0; i < 4; i++)
					if (!p[i] || !strchr("0123456789abcdefABCDEF", p[i]))
						return NULL;
				p += 4;
				c = '?';	/* not needed for token fields */
				break;
			default:
				return NULL;
			}
		}
		if (buf && n + 1 < size)
			buf[n++] = c;
	}
	if (buf && size)
		buf[n] = 0;
	return p;
}

static const char *skip_value(const char *p, int depth);

/* Skip an object or array at @p; @close is '}' or ']'. */
static const char *skip_container(const char *p, char close, int depth)
{
	p = ws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (close == '}') {
			p = scan_string(p, NULL, 0);
			if (!p)
				return NULL;
			p = ws(p);
			if (*p++ != ':')
				return NULL;
		}
		p = skip_value(p, depth + 1);
		if (!p)
			return NULL;
		p = ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
		p = ws(p);
	}
}

static const char *skip_value(const char *p, int depth)
{
	p = ws(p);
	if (depth > JSON_MAX_DEPTH)
		return NULL;
	switch (*p) {
	case '{':
		return skip_container(p, '}', depth);
	case '[':
		return skip_container(p, ']', depth);
	case '"':
		return scan_string(p, NULL, 0);
	case 0:
		return NULL;
	default:
		/* numbers, true, false, null: up to the next delimiter */
		if (!strchr("-0123456789tfn", *p))
			return NULL;
		while (*p && !strchr(",]} \t\r\n", *p))
			p++;
		return p;
	}
}

int json_obj_begin(struct json_iter *it, const char *val)
{
	val = ws(val);
	if (*val != '{')
		return -1;
	it->p = val + 1;
	it->first = 1;
	return 0;
}

int json_obj_next(struct json_iter *it, char *key, size_t ksize,
		  const char **val)
{
	const char *p = ws(it->p), *end;

	if (*p == '}')
		return 0;
	if (!it->first) {
		if (*p++ != ',')
			return -1;
		p = ws(p);
	}
	p = scan_string(p, key, ksize);
	if (!p)
		return -1;
	p = ws(p);
	if (*p++ != ':')
		return -1;
	p = ws(p);
	end = skip_value(p, 1);
	if (!end)
		return -1;
	*val = p;
	it->p = end;
	it->first = 0;
	return 1;
}

const char *json_member(const char *obj, const char *name)
{
	struct json_iter it;
	const char *val;
	char key[64];

	if (json_obj_begin(&it, obj))
		return NULL;
	while (json_obj_next(&it, key, sizeof(key), &val) == 1)
		if (!strcmp(key, name))
			return val;
	return NULL;
}

int json_string(const char *val, char *buf, size_t size)
{
	const char *p = ws(val), *q;
	size_t len;

	q = scan_string(p, NULL, 0);
	if (!q)
		return -1;
	len = (size_t)(q - p) - 2;	/* an upper bound of the unescaped size */
	if (len >= size)
		return -1;
	scan_string(p, buf, size);
	return 0;
}
