// SPDX-License-Identifier: GPL-2.0
/*
 * The emitter of --format json|yaml (common/emit.c) on its own, for
 * tests/format.sh:
 *
 *   emit_test json|yaml < BYTES   a document of every kind of value, with
 *                                 the bytes of stdin as member "input" and
 *                                 every byte value 0x00-0xff as "bytes"
 *   emit_test misuse              exit 0 if misuse is reported: unbalanced
 *                                 containers, a member without a key, an
 *                                 item with one, a key outside [a-z0-9_],
 *                                 more than EMIT_MAX_DEPTH levels
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/emit.h"

static int misuse(void)
{
	FILE *f = fopen("/dev/null", "w");
	struct emit e;
	int bad = 0, i;

	if (!f)
		return 1;
	emit_begin(&e, f, EMIT_JSON);
	emit_array_begin(&e, "a");
	bad += !emit_end(&e);			/* the array is open */
	emit_begin(&e, f, EMIT_YAML);
	emit_int(&e, NULL, 1);			/* a member without a key */
	bad += !emit_end(&e);
	emit_begin(&e, f, EMIT_JSON);
	emit_array_begin(&e, "a");
	emit_int(&e, "k", 1);			/* an item with a key */
	emit_array_end(&e);
	bad += !emit_end(&e);
	emit_begin(&e, f, EMIT_YAML);
	emit_int(&e, "a: b", 1);		/* a key YAML would misread */
	bad += !emit_end(&e);
	emit_begin(&e, f, EMIT_JSON);
	emit_object_end(&e);			/* closes the document's */
	bad += !emit_end(&e);
	emit_begin(&e, f, EMIT_YAML);
	for (i = 1; i <= EMIT_MAX_DEPTH; i++)	/* one level too deep */
		emit_object_begin(&e, "o");
	for (i = 1; i <= EMIT_MAX_DEPTH; i++)
		emit_object_end(&e);
	bad += !emit_end(&e);
	emit_begin(&e, f, EMIT_YAML);
	emit_int(&e, "ok", 1);
	bad += !!emit_end(&e);			/* well-formed */
	fclose(f);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	static const uint8_t hexbytes[] = { 0x00, 0x01, 0xab, 0xff };
	enum emit_format fmt;
	char all[256], input[65536];
	size_t n;
	struct emit e;
	int i, depth;

	if (argc == 2 && !strcmp(argv[1], "misuse"))
		return misuse();
	if (argc != 2 || emit_parse_format(argv[1], 0, &fmt) ||
	    fmt == EMIT_TEXT)
		return 64;
	n = fread(input, 1, sizeof(input), stdin);
	for (i = 0; i < 256; i++)
		all[i] = (char)i;

	emit_begin(&e, stdout, fmt);
	emit_string_n(&e, "input", input, n);
	emit_string_n(&e, "bytes", all, sizeof(all));
	emit_string(&e, "empty", "");
	emit_string(&e, "quote", "'");
	emit_string(&e, "yaml_words", "null");
	emit_string(&e, "absent", NULL);
	emit_int(&e, "int_min", INT64_MIN);
	emit_uint(&e, "uint_max", UINT64_MAX);
	emit_bool(&e, "bool_true", 1);
	emit_bool(&e, "bool_false", 0);
	emit_null(&e, "nothing");
	emit_hex(&e, "hex", hexbytes, sizeof(hexbytes));
	emit_object_begin(&e, "empty_object");
	emit_object_end(&e);
	emit_array_begin(&e, "empty_array");
	emit_array_end(&e);
	/* [[], {}, [1, [true, null]], {"a": {"b": []}, "c": "d"}] */
	emit_array_begin(&e, "nested");
	emit_array_begin(&e, NULL);
	emit_array_end(&e);
	emit_object_begin(&e, NULL);
	emit_object_end(&e);
	emit_array_begin(&e, NULL);
	emit_int(&e, NULL, 1);
	emit_array_begin(&e, NULL);
	emit_bool(&e, NULL, 1);
	emit_null(&e, NULL);
	emit_array_end(&e);
	emit_array_end(&e);
	emit_object_begin(&e, NULL);
	emit_object_begin(&e, "a");
	emit_array_begin(&e, "b");
	emit_array_end(&e);
	emit_object_end(&e);
	emit_string(&e, "c", "d");
	emit_object_end(&e);
	emit_array_end(&e);
	/* as deep as it goes: {"deep": [[[[[[["x"]]]]]]]} */
	emit_array_begin(&e, "deep");
	for (depth = 3; depth <= EMIT_MAX_DEPTH; depth++)
		emit_array_begin(&e, NULL);
	emit_string(&e, NULL, "x");
	for (depth = 2; depth <= EMIT_MAX_DEPTH; depth++)
		emit_array_end(&e);
	return emit_end(&e) ? 1 : 0;
}
