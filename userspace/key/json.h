/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Just enough JSON to read LUKS2 token objects: walk an object's members
 * and copy strings out.  Values are pointers into the NUL-terminated text.
 * The text comes from a disk, so everything is bounds- and depth-checked.
 */
#ifndef SECEX_KEY_JSON_H
#define SECEX_KEY_JSON_H

#include <stddef.h>

struct json_iter {
	const char *p;
	int first;
};

/* Start walking the object at @val; -1 if @val is not an object. */
int json_obj_begin(struct json_iter *it, const char *val);
/*
 * Next member: copies its name to @key (@ksize bytes, longer names are
 * truncated) and points @val at its value.  Returns 1, 0 at the end of
 * the object, -1 on malformed text.
 */
int json_obj_next(struct json_iter *it, char *key, size_t ksize,
		  const char **val);
/* The member @name of the object @obj, NULL if absent or malformed. */
const char *json_member(const char *obj, const char *name);
/* Copy the string value @val to @buf; -1 if no string or too long. */
int json_string(const char *val, char *buf, size_t size);

#endif /* SECEX_KEY_JSON_H */
