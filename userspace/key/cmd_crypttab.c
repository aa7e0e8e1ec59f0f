// SPDX-License-Identifier: GPL-2.0
/*
 * secex-key crypttab: /etc/crypttab lines for the volumes of a key.
 */
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "cmds.h"
#include "keycheck.h"
#include "uvtoken.h"
#include "volumes.h"

static const char usage[] =
"Usage: secex-key crypttab [NAME] [OPTIONS]\n"
"\n"
"Print /etc/crypttab lines (systemd-cryptsetup syntax) for LUKS2 volumes:\n"
"those of key NAME, or those of --volumes.  LUKS2 keeps the cipher and the\n"
"key tokens in its header, so the lines need only the passphrase source.\n"
"\n"
"A volume with a secex-uv token ('secex-key enroll') gets a line that\n"
"opens it unattended: the key field is none, so systemd-cryptsetup tries\n"
"the token, i.e. retrieves the UV secret, first.  If the secret is not\n"
"there it asks for the passphrase of another key slot, the fallback, unless\n"
"--headless.  Debian's cryptsetup-initramfs ignores tokens: with\n"
"--initramfs the secex-uv initramfs script opens the volume by its token\n"
"before cryptroot would ask.  A comment line before each such line names\n"
"the secret.\n"
"\n"
"Options:\n"
"  -l, --volumes LIST       DEV:DMNAME[,...] instead of the key's volumes\n"
"      --key-file FILE      passphrase file of volumes without a secex-uv\n"
"                           token (default: none, i.e. ask)\n"
"      --headless           token volumes: never ask for a passphrase, fail\n"
"                           instead (headless=true; guests nobody watches)\n"
"      --initramfs          token volumes: open them in the initramfs (root\n"
"                           and what it needs)\n"
"      --timeout S          token volumes: ask for the fallback passphrase\n"
"                           for at most S seconds (timeout=S)\n"
"  -r, --repository DIR     key repository\n"
"  -h, --help               this text\n";

struct tab_opts {
	const char *keyfile;
	int headless, initramfs;
	long timeout;
};

/* One volume's line: token-style if it has a secex-uv token. */
static void print_line(const struct tab_opts *o, const struct volume *v)
{
	struct uvtoken t[UVTOKEN_SLOTS_MAX];
	struct crypt_device *cd;
	char label[128];
	int n = 0, i;

	cd = luks2_load(v->dev, 0);
	if (cd) {
		n = uvtoken_list(cd, v->dev, t, UVTOKEN_SLOTS_MAX);
		crypt_free(cd);
	} else {
		cli_err("%s: cannot read its LUKS2 header: a line without the UV secret",
			v->dev);
	}
	if (!n) {
		printf("%s\t%s\t%s\tluks\n", v->dm, v->dev,
		       o->keyfile ? o->keyfile : "none");
		return;
	}
	for (i = 0; i < n; i++) {
		uvtoken_label(&t[i], label, sizeof(label));
		printf("# %s: opens with UV secret %s (token %d)\n", v->dm,
		       label, t[i].token);
	}
	printf("%s\t%s\tnone\tluks%s%s", v->dm, v->dev,
	       o->headless ? ",headless=true" : "",
	       o->initramfs ? ",initramfs" : "");
	if (o->timeout >= 0)
		printf(",timeout=%ld", o->timeout);
	putchar('\n');
}

static int parse_opts(int argc, char **argv, struct tab_opts *o,
		      const char **dir, const char **volumes)
{
	static const struct option opts[] = {
		{ "volumes", required_argument, NULL, 'l' },
		{ "key-file", required_argument, NULL, 'k' },
		{ "headless", no_argument, NULL, 'H' },
		{ "initramfs", no_argument, NULL, 'I' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "repository", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	char *end;
	int c;

	o->timeout = -1;
	while ((c = cli_getopt(argc, argv, "l:r:", opts, NULL, usage)) != -1) {
		switch (c) {
		case 'l': *volumes = optarg; break;
		case 'k': o->keyfile = optarg; break;
		case 'H': o->headless = 1; break;
		case 'I': o->initramfs = 1; break;
		case 'T':
			o->timeout = strtol(optarg, &end, 10);
			if (!*optarg || *end || o->timeout < 0 || o->timeout > 86400)
				return cli_usage_error("--timeout is 0 to 86400 seconds, not '%s'",
						       optarg);
			break;
		case 'r': *dir = optarg; break;
		default:
			return cli_exit(c);
		}
	}
	if (optind + 1 < argc)
		return cli_usage_error("unexpected argument '%s'", argv[optind + 1]);
	if (optind == argc && !*volumes)
		return cli_usage_error("give a key NAME or --volumes DEV:DMNAME");
	/* crypttab fields are separated by white space and cannot quote. */
	if (o->keyfile && (o->keyfile[0] != '/' || strpbrk(o->keyfile, " \t\n")))
		return cli_usage_error("--key-file: an absolute path without white space");
	return -1;
}

int cmd_crypttab(int argc, char **argv)
{
	const char *dir = NULL, *volumes = NULL, *list;
	struct tab_opts o = { 0 };
	struct volume *v = NULL;
	struct key k = { 0 };
	size_t n = 0, i;
	struct repo r;
	int ret;

	ret = parse_opts(argc, argv, &o, &dir, &volumes);
	if (ret >= 0)
		return ret;
	list = volumes;
	if (optind < argc) {
		if (repo_open(&r, dir, REPO_READ))
			return EXIT_ERR;
		ret = key_load(&r, argv[optind], &k) ? EXIT_ERR : EXIT_OK;
		repo_close(&r);
		if (ret != EXIT_OK)
			return ret;
		if (!list)
			list = props_get(&k.props, "volumes");
		if (!list) {
			key_free(&k);
			return cli_usage_error("key '%s' has no volumes: give --volumes DEV:DMNAME",
					       argv[optind]);
		}
	}
	ret = volumes_parse(list, &v, &n) ? EXIT_USAGE : EXIT_OK;
	for (i = 0; i < n; i++)
		print_line(&o, &v[i]);
	volumes_free(v, n);
	if (optind < argc)
		key_free(&k);
	return ret;
}
