/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Volume lists "DEV:DMNAME[,DEV:DMNAME...]" (zkey's "volumes" property):
 * the block device and the device-mapper name it is opened as.
 */
#ifndef SECEX_KEY_VOLUMES_H
#define SECEX_KEY_VOLUMES_H

#include <stddef.h>

struct volume {
	char *dev;
	char *dm;
};

/*
 * Parse @list into a malloc'ed array.  Each item is split at its last
 * ':' (by-path names contain colons).  DEV must be an absolute path
 * without white space or ','; DMNAME 1-127 of [A-Za-z0-9._-], as both go
 * into crypttab lines.  Returns 0 or -1 after a message.
 */
int volumes_parse(const char *list, struct volume **v, size_t *n);
void volumes_free(struct volume *v, size_t n);

#endif /* SECEX_KEY_VOLUMES_H */
