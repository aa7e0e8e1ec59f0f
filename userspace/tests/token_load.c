// SPDX-License-Identifier: GPL-2.0
/*
 * Load the secex-uv token plugin the way libcryptsetup 2.6 does (dlopen,
 * then dlvsym at "CRYPTSETUP_TOKEN_1.0") and call its entry points, for
 * tests/token_plugin.sh: 2.6.1 only loads plugins from its compiled-in
 * directory, so the library itself cannot be pointed at a build.
 *
 *   token_load PLUGIN exports            resolve the entry points, print
 *                                        the version
 *   token_load PLUGIN validate JSON      exit 0 if accepted, 1 if not
 *   token_load PLUGIN open HEADER TOKEN  print open's return value and the
 *                                        length (never the value)
 *   token_load PLUGIN dump HEADER TOKEN  the plugin's luksDump lines
 *
 * libcryptsetup's messages come out as "LEVEL: text" on stderr, so that
 * the test sees at which level the plugin logged.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libcryptsetup.h>

#define NODE "CRYPTSETUP_TOKEN_1.0"

typedef int open_fn(struct crypt_device *, int, char **, size_t *, void *);
typedef void free_fn(void *, size_t);
typedef int validate_fn(struct crypt_device *, const char *);
typedef void dump_fn(struct crypt_device *, const char *);
typedef const char *version_fn(void);

static void *handle;

static void *sym(const char *name, int required)
{
	void *p = dlvsym(handle, name, NODE);

	if (!p && required) {
		fprintf(stderr, "%s@%s: %s\n", name, NODE, dlerror());
		exit(2);
	}
	return p;
}

static void log_cb(int level, const char *msg, void *usrptr)
{
	(void)usrptr;
	fprintf(stderr, "%s: %s", level == CRYPT_LOG_ERROR ? "ERROR" :
		level == CRYPT_LOG_NORMAL ? "NORMAL" :
		level == CRYPT_LOG_VERBOSE ? "VERBOSE" : "DEBUG", msg);
}

static struct crypt_device *load(const char *header)
{
	struct crypt_device *cd;

	/* the installed plugin, if any, must not stand in for this one */
	crypt_token_external_disable();
	if (crypt_init(&cd, header) || crypt_load(cd, CRYPT_LUKS2, NULL)) {
		fprintf(stderr, "%s: cannot load the LUKS2 header\n", header);
		exit(2);
	}
	crypt_set_log_callback(cd, log_cb, NULL);
	return cd;
}

int main(int argc, char **argv)
{
	struct crypt_device *cd;
	const char *json;
	size_t len = 0;
	char *buf = NULL;
	int token, rc;

	if (argc < 3) {
		fprintf(stderr, "usage: token_load PLUGIN exports|validate|open|dump ...\n");
		return 2;
	}
	handle = dlopen(argv[1], RTLD_LAZY);
	if (!handle) {
		fprintf(stderr, "%s\n", dlerror());
		return 2;
	}
	crypt_set_log_callback(NULL, log_cb, NULL);
	if (!strcmp(argv[2], "exports")) {
		sym("cryptsetup_token_open", 1);
		sym("cryptsetup_token_buffer_free", 1);
		sym("cryptsetup_token_validate", 1);
		sym("cryptsetup_token_dump", 1);
		if (sym("cryptsetup_token_open_pin", 0)) {
			fprintf(stderr, "cryptsetup_token_open_pin: no PIN expected\n");
			return 1;
		}
		printf("%s\n", ((version_fn *)sym("cryptsetup_token_version", 1))());
		return 0;
	}
	if (!strcmp(argv[2], "validate") && argc == 4)
		return ((validate_fn *)sym("cryptsetup_token_validate", 1))(NULL, argv[3]) ? 1 : 0;
	if (argc != 5) {
		fprintf(stderr, "token_load: wrong arguments\n");
		return 2;
	}
	cd = load(argv[3]);
	token = atoi(argv[4]);
	if (!strcmp(argv[2], "open")) {
		rc = ((open_fn *)sym("cryptsetup_token_open", 1))(cd, token, &buf,
								&len, NULL);
		printf("rc=%d len=%zu\n", rc, len);
		if (!rc)
			((free_fn *)sym("cryptsetup_token_buffer_free", 1))(buf, len);
	} else if (!strcmp(argv[2], "dump")) {
		if (crypt_token_json_get(cd, token, &json) < 0) {
			fprintf(stderr, "token %d: none\n", token);
			return 2;
		}
		((dump_fn *)sym("cryptsetup_token_dump", 1))(cd, json);
	}
	crypt_free(cd);
	return 0;
}
