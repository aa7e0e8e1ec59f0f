/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Machine-readable output (--format json|yaml) of secex-uv and secex-key:
 * one small streaming writer of a tree of objects, arrays and scalars, as
 * JSON or as YAML 1.2 block style.  libc only: secex-uv is linked
 * statically for s390x guests and must not need json-c.
 *
 * Every document is an object whose first member is "version": 1
 * (emit_begin()).  Members of an object take a key, array items take
 * NULL; keys are the caller's constants ([a-z0-9_], and no word that
 * YAML 1.1 reads as something else: yes, no, on, off, y, n, null, true,
 * false, digits) and go out as given.
 *
 * Strings are hostile input (names from disk or from the ultravisor) and
 * are always quoted.  The output is ASCII: in JSON, '"', '\' and the
 * control characters 0x00-0x1f and 0x7f are escaped ("\u00XX" for the
 * control characters), non-ASCII UTF-8 as "\uXXXX" (surrogate pairs above
 * U+FFFF); in YAML, a string of printable ASCII only is single-quoted
 * (its "'" doubled, as serde_yaml writes pvsecret's ids: '0x...'), any
 * other is double-quoted with the same escapes ("\UXXXXXXXX" above
 * U+FFFF).  What is not UTF-8 (invalid bytes, overlong forms, surrogates,
 * truncated sequences) comes out as U+FFFD, one for each maximal
 * ill-formed subpart (the Unicode Standard's recommended practice, the
 * same as Python's bytes.decode("utf-8", "replace")).
 */
#ifndef SECEX_EMIT_H
#define SECEX_EMIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The values of --format; EMIT_BIN only where a command allows it. */
enum emit_format {
	EMIT_TEXT,	/* "text", or "human" (pvsecret's name): no emitter */
	EMIT_JSON,
	EMIT_YAML,
	EMIT_BIN,	/* "bin": raw bytes (secex-uv secret list) */
};

/* The schema version of every document (Documentation/tools.md). */
#define EMIT_SCHEMA_VERSION	1

/*
 * Parse a --format value: text (or human), json, yaml, and bin if
 * @allow_bin.  0, or -1 for anything else (the caller exits 64).
 */
int emit_parse_format(const char *arg, int allow_bin, enum emit_format *fmt);

#define EMIT_MAX_DEPTH	8

struct emit_level {
	char kind;		/* '{' or '[' */
	unsigned int count;	/* members or items written so far */
	unsigned int indent;	/* YAML: column of the members */
	int inline_first;	/* YAML: the first member follows "- " */
};

struct emit {
	FILE *f;
	enum emit_format fmt;
	int depth;		/* open containers, the document's object too */
	int err;		/* misuse: too deep, unbalanced, a bad key */
	struct emit_level st[EMIT_MAX_DEPTH];
};

/* Start a document on @f (@fmt EMIT_JSON or EMIT_YAML): "version": 1. */
void emit_begin(struct emit *e, FILE *f, enum emit_format fmt);
/* Close it (with a newline); 0, or -1 if it was misused or @f failed. */
int emit_end(struct emit *e);

void emit_object_begin(struct emit *e, const char *key);
void emit_object_end(struct emit *e);
void emit_array_begin(struct emit *e, const char *key);
void emit_array_end(struct emit *e);

/* A string; NULL is null. */
void emit_string(struct emit *e, const char *key, const char *s);
/* @n bytes of @s (NUL bytes are escaped too). */
void emit_string_n(struct emit *e, const char *key, const char *s, size_t n);
void emit_int(struct emit *e, const char *key, int64_t v);
void emit_uint(struct emit *e, const char *key, uint64_t v);
void emit_bool(struct emit *e, const char *key, int v);
void emit_null(struct emit *e, const char *key);
/* @n bytes as a string "0x" and lowercase hex digits. */
void emit_hex(struct emit *e, const char *key, const uint8_t *b, size_t n);

#endif /* SECEX_EMIT_H */
