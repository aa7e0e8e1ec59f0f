// SPDX-License-Identifier: GPL-2.0
/*
 * The machine-readable output of the tools: JSON or YAML of one tree,
 * streamed (emit.h).
 */
#include <inttypes.h>
#include <string.h>

#include "emit.h"

int emit_parse_format(const char *arg, int allow_bin, enum emit_format *fmt)
{
	if (!strcmp(arg, "text") || !strcmp(arg, "human"))
		*fmt = EMIT_TEXT;
	else if (!strcmp(arg, "json"))
		*fmt = EMIT_JSON;
	else if (!strcmp(arg, "yaml"))
		*fmt = EMIT_YAML;
	else if (allow_bin && !strcmp(arg, "bin"))
		*fmt = EMIT_BIN;
	else
		return -1;
	return 0;
}

#define REPLACEMENT	0xfffdU

/*
 * The code point at @s (@n > 0 bytes left), its length in *@len: one
 * UTF-8 sequence, or U+FFFD for a maximal subpart of an ill-formed one
 * (the Unicode Standard's recommended practice, as Python's "replace"):
 * no overlong forms, surrogates or code points above U+10FFFF.
 */
static uint32_t utf8_next(const unsigned char *s, size_t n, size_t *len)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t need, i;
	uint32_t cp;

	*len = 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		need = 1;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		need = 2;
		cp = s[0] & 0x0f;
		if (s[0] == 0xe0)
			lo = 0xa0;	/* overlong */
		if (s[0] == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		need = 3;
		cp = s[0] & 0x07;
		if (s[0] == 0xf0)
			lo = 0x90;	/* overlong */
		if (s[0] == 0xf4)
			hi = 0x8f;	/* above U+10FFFF */
	} else {
		return REPLACEMENT;
	}
	for (i = 1; i <= need; i++) {
		if (i >= n || s[i] < lo || s[i] > hi) {
			*len = i;
			return REPLACEMENT;
		}
		cp = cp << 6 | (s[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*len = need + 1;
	return cp;
}

/* Whether @s/@n can be a single-quoted YAML scalar: printable ASCII. */
static int yaml_plain_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			return 0;
	return 1;
}

/* @s/@n double-quoted, in ASCII, with JSON's or YAML's escapes. */
static void put_quoted(FILE *f, const char *s, size_t n, int yaml)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;

	fputc('"', f);
	while (i < n) {
		uint32_t cp = utf8_next(p + i, n - i, &len);

		i += len;
		if (cp == '"' || cp == '\\') {
			fputc('\\', f);
			fputc((int)cp, f);
		} else if (cp >= 0x20 && cp < 0x7f) {
			fputc((int)cp, f);
		} else if (cp < 0x10000) {
			fprintf(f, "\\u%04" PRIx32, cp);
		} else if (yaml) {
			fprintf(f, "\\U%08" PRIx32, cp);
		} else {
			cp -= 0x10000;
			fprintf(f, "\\u%04" PRIx32 "\\u%04" PRIx32,
				0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
		}
	}
	fputc('"', f);
}

static void put_string(struct emit *e, const char *s, size_t n)
{
	size_t i;

	if (e->fmt == EMIT_JSON || !yaml_plain_ascii(s, n)) {
		put_quoted(e->f, s, n, e->fmt == EMIT_YAML);
		return;
	}
	fputc('\'', e->f);
	for (i = 0; i < n; i++) {
		if (s[i] == '\'')
			fputc('\'', e->f);
		fputc(s[i], e->f);
	}
	fputc('\'', e->f);
}

static void put_indent(FILE *f, unsigned int n)
{
	while (n--)
		fputc(' ', f);
}

/* Keys are the caller's constants: [a-z0-9_], plain in YAML. */
static int valid_key(const char *key)
{
	return *key && key[strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789_")] == 0;
}

/*
 * Start member @key of the innermost object, or (@key NULL) an item of
 * the innermost array: everything up to the value.  -1 on misuse.
 */
static int member(struct emit *e, const char *key)
{
	struct emit_level *top;

	if (e->err || e->depth < 1)
		goto misuse;
	top = &e->st[e->depth - 1];
	if ((top->kind == '{') != (key != NULL) || (key && !valid_key(key)))
		goto misuse;
	if (e->fmt == EMIT_JSON) {
		fputs(top->count ? ",\n" : "\n", e->f);
		put_indent(e->f, 2 * (unsigned int)e->depth);
		if (key)
			fprintf(e->f, "\"%s\": ", key);
	} else {
		if (!top->count && top->inline_first) {
			fputc(' ', e->f);
		} else {
			/* after "key:" or "-" of the parent */
			if (!top->count && e->depth > 1)
				fputc('\n', e->f);
			put_indent(e->f, top->indent);
		}
		if (key)
			fprintf(e->f, "%s:", key);
		else
			fputc('-', e->f);
	}
	top->count++;
	return 0;
misuse:
	e->err = 1;
	return -1;
}

/* What follows member(): the scalar @s as it is (number, true, null). */
static void scalar_raw(struct emit *e, const char *key, const char *s)
{
	if (member(e, key))
		return;
	if (e->fmt == EMIT_YAML)
		fputc(' ', e->f);
	fputs(s, e->f);
	if (e->fmt == EMIT_YAML)
		fputc('\n', e->f);
}

static void open_container(struct emit *e, const char *key, char kind)
{
	struct emit_level *parent, *c;

	if (e->depth >= EMIT_MAX_DEPTH) {
		e->err = 1;
		return;
	}
	if (member(e, key))
		return;
	parent = &e->st[e->depth - 1];
	c = &e->st[e->depth++];
	c->kind = kind;
	c->count = 0;
	if (parent->kind == '[') {
		/* "- key: value": the first member on the item's line */
		c->indent = parent->indent + 2;
		c->inline_first = 1;
	} else {
		/* "key:\n- item" as serde_yaml, "key:\n  member: value" */
		c->indent = kind == '[' ? parent->indent : parent->indent + 2;
		c->inline_first = 0;
	}
	if (e->fmt == EMIT_JSON)
		fputc(kind, e->f);
}

static void close_container(struct emit *e, char kind)
{
	struct emit_level *c;

	if (e->err || e->depth < 2 || e->st[e->depth - 1].kind != kind) {
		e->err = 1;
		return;
	}
	c = &e->st[e->depth - 1];
	if (e->fmt == EMIT_JSON) {
		if (c->count) {
			fputc('\n', e->f);
			put_indent(e->f, 2 * (unsigned int)(e->depth - 1));
		}
		fputc(kind == '{' ? '}' : ']', e->f);
	} else if (!c->count) {
		fputs(kind == '{' ? " {}\n" : " []\n", e->f);
	}
	e->depth--;
}

void emit_begin(struct emit *e, FILE *f, enum emit_format fmt)
{
	memset(e, 0, sizeof(*e));
	e->f = f;
	e->fmt = fmt;
	if (fmt != EMIT_JSON && fmt != EMIT_YAML)
		e->err = 1;
	e->depth = 1;
	e->st[0].kind = '{';
	if (fmt == EMIT_JSON)
		fputc('{', f);
	emit_int(e, "version", EMIT_SCHEMA_VERSION);
}

int emit_end(struct emit *e)
{
	if (e->depth != 1)
		e->err = 1;
	if (e->fmt == EMIT_JSON)
		fputs("\n}\n", e->f);
	if (fflush(e->f) || ferror(e->f))
		return -1;
	return e->err ? -1 : 0;
}

void emit_object_begin(struct emit *e, const char *key)
{
	open_container(e, key, '{');
}

void emit_object_end(struct emit *e)
{
	close_container(e, '{');
}

void emit_array_begin(struct emit *e, const char *key)
{
	open_container(e, key, '[');
}

void emit_array_end(struct emit *e)
{
	close_container(e, '[');
}

void emit_string_n(struct emit *e, const char *key, const char *s, size_t n)
{
	if (member(e, key))
		return;
	if (e->fmt == EMIT_YAML)
		fputc(' ', e->f);
	put_string(e, s, n);
	if (e->fmt == EMIT_YAML)
		fputc('\n', e->f);
}

void emit_string(struct emit *e, const char *key, const char *s)
{
	if (s)
		emit_string_n(e, key, s, strlen(s));
	else
		emit_null(e, key);
}

void emit_int(struct emit *e, const char *key, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%" PRId64, v);
	scalar_raw(e, key, buf);
}

void emit_uint(struct emit *e, const char *key, uint64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	scalar_raw(e, key, buf);
}

void emit_bool(struct emit *e, const char *key, int v)
{
	scalar_raw(e, key, v ? "true" : "false");
}

void emit_null(struct emit *e, const char *key)
{
	scalar_raw(e, key, "null");
}

void emit_hex(struct emit *e, const char *key, const uint8_t *b, size_t n)
{
	char q = e->fmt == EMIT_JSON ? '"' : '\'';
	size_t i;

	if (member(e, key))
		return;
	if (e->fmt == EMIT_YAML)
		fputc(' ', e->f);
	fprintf(e->f, "%c0x", q);
	for (i = 0; i < n; i++)
		fprintf(e->f, "%02x", b[i]);
	fputc(q, e->f);
	if (e->fmt == EMIT_YAML)
		fputc('\n', e->f);
}
