// SPDX-License-Identifier: GPL-2.0
/*
 * secex-key cryptsetup: the commands that format and open the LUKS2
 * volumes of a key, in the format of zkey's (s390-tools), with our key
 * types and our LUKS2 token for the verification pattern.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>

#include "../common/hex.h"
#include "cmds.h"
#include "keycheck.h"
#include "luks2.h"
#include "volumes.h"

#define LUKS2_TOKENS_MAX 32

static const char usage[] =
"Usage: secex-key cryptsetup NAME [OPTIONS]\n"
"\n"
"Print the cryptsetup commands for the volumes of key NAME: luksFormat with\n"
"the key token as volume key, the import of a LUKS2 token holding the key's\n"
"verification pattern (checked by `secex-key validate --luks`), and\n"
"luksOpen.  The key slot is protected by a passphrase as usual; the volume\n"
"key is the token, which only this guest's kernel can turn into a key.\n"
"\n"
"Options:\n"
"  -l, --volumes LIST       DEV:DMNAME[,...] instead of the key's volumes\n"
"      --format             only the luksFormat and token import commands\n"
"      --open               only the luksOpen commands\n"
"      --run                run the commands after checking that the kernel\n"
"                           can use the key (and, for luksOpen, that it is\n"
"                           the volume's)\n"
"  -q, --batch-mode         pass -q: cryptsetup asks no questions\n"
"      --key-file FILE      passphrase file for the key slot\n"
"      --pbkdf ALG          argon2i (default), argon2id or pbkdf2\n"
"      --pbkdf-iterations N forced PBKDF iterations (argon2 default 4)\n"
"      --pbkdf-memory KIB   argon2 memory (default 32: as zkey, the\n"
"                           passphrase is not what protects the key)\n"
"  -r, --repository DIR     key repository\n"
"  -h, --help               this text\n";

enum { OPT_FORMAT = 0x100, OPT_OPEN, OPT_RUN, OPT_KEYFILE, OPT_PBKDF,
       OPT_ITER, OPT_MEM };

struct cs_opts {
	const char *name, *repo, *volumes, *keyfile, *pbkdf;
	uint64_t iter, mem;
	int format, open, run, batch;
};

static int positive(const char *s, const char *opt, uint64_t *v)
{
	if (!parse_u64(s, v, 0xffffffffu) && *v)
		return 0;
	fprintf(stderr, "%s: a positive number\n", opt);
	return -1;
}

static int parse_opts(int argc, char **argv, struct cs_opts *o)
{
	static const struct option opts[] = {
		{ "volumes", required_argument, NULL, 'l' },
		{ "format", no_argument, NULL, OPT_FORMAT },
		{ "open", no_argument, NULL, OPT_OPEN },
		{ "run", no_argument, NULL, OPT_RUN },
		{ "batch-mode", no_argument, NULL, 'q' },
		{ "key-file", required_argument, NULL, OPT_KEYFILE },
		{ "pbkdf", required_argument, NULL, OPT_PBKDF },
		{ "pbkdf-iterations", required_argument, NULL, OPT_ITER },
		{ "pbkdf-memory", required_argument, NULL, OPT_MEM },
		{ "repository", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->pbkdf = "argon2i";
	while ((c = getopt_long(argc, argv, "l:qr:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l': o->volumes = optarg; break;
		case OPT_FORMAT: o->format = 1; break;
		case OPT_OPEN: o->open = 1; break;
		case OPT_RUN: o->run = 1; break;
		case 'q': o->batch = 1; break;
		case OPT_KEYFILE: o->keyfile = optarg; break;
		case OPT_PBKDF:
			if (strcmp(optarg, "argon2i") && strcmp(optarg, "argon2id") &&
			    strcmp(optarg, "pbkdf2")) {
				fprintf(stderr, "--pbkdf: argon2i, argon2id or pbkdf2\n");
				return EXIT_USAGE;
			}
			o->pbkdf = optarg;
			break;
		case OPT_ITER:
			if (positive(optarg, "--pbkdf-iterations", &o->iter))
				return EXIT_USAGE;
			break;
		case OPT_MEM:
			if (positive(optarg, "--pbkdf-memory", &o->mem))
				return EXIT_USAGE;
			break;
		case 'r': o->repo = optarg; break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return usage_error(usage);
		}
	}
	if (argc - optind != 1 || (o->format && o->open))
		return usage_error(usage);
	if (o->mem && !strcmp(o->pbkdf, "pbkdf2")) {
		fprintf(stderr, "--pbkdf-memory is for argon2 only\n");
		return EXIT_USAGE;
	}
	if (o->keyfile && strchr(o->keyfile, '\n')) {
		fprintf(stderr, "--key-file: no line breaks in the path\n");
		return EXIT_USAGE;
	}
	o->name = argv[optind];
	if (!o->format && !o->open)
		o->format = o->open = 1;
	return -1;
}

/* @s for sh: as is if harmless, else in single quotes ('\'' for '). */
static void shq(FILE *f, const char *s, int always)
{
	if (!always && *s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "0123456789_/.:,+=@%-") == strlen(s)) {
		fputs(s, f);
		return;
	}
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	}
	fputc('\'', f);
}

static void opt_q(FILE *f, const struct cs_opts *o)
{
	if (o->batch)
		fputs("-q ", f);
}

static void opt_keyfile(FILE *f, const struct cs_opts *o)
{
	if (o->keyfile) {
		fputs("--key-file ", f);
		shq(f, o->keyfile, 1);
		fputc(' ', f);
	}
}

static void cmd_format(FILE *f, const struct cs_opts *o, const struct key *k,
		       const struct volume *v)
{
	const char *sector = props_get(&k->props, "sector-size");
	int argon = strcmp(o->pbkdf, "pbkdf2") != 0;

	fputs("cryptsetup luksFormat ", f);
	opt_q(f, o);
	fputs("--type luks2 --volume-key-file ", f);
	shq(f, k->file, 1);
	/* Always the whole token: the default would cut it to 512 bits. */
	fprintf(f, " --key-size %zu --cipher paes-xts-plain64 --pbkdf %s ",
		8 * k->len, o->pbkdf);
	if (argon)
		fprintf(f, "--pbkdf-memory %llu ",
			(unsigned long long)(o->mem ? o->mem : 32));
	if (argon || o->iter)
		fprintf(f, "--pbkdf-force-iterations %llu ",
			(unsigned long long)(o->iter ? o->iter : 4));
	opt_keyfile(f, o);
	if (sector)
		fprintf(f, "--sector-size %s ", sector);
	shq(f, v->dev, 0);
}

/* The JSON is shell-safe: names and patterns are of [A-Za-z0-9._-]. */
static void cmd_token(FILE *f, const struct key *k, const char *vp,
		      const struct volume *v)
{
	fprintf(f, "echo '{\"type\":\"%s\",\"keyslots\":[],\"key-name\":\"%s\",\"verification-pattern\":\"%s\"}' | cryptsetup token import ",
		LUKS2_TOKEN_TYPE, k->name, vp);
	shq(f, v->dev, 0);
}

static void cmd_open(FILE *f, const struct cs_opts *o, const struct volume *v)
{
	fputs("cryptsetup luksOpen ", f);
	opt_q(f, o);
	opt_keyfile(f, o);
	shq(f, v->dev, 0);
	fprintf(f, " %s", v->dm);
}

/* Before luksOpen: a volume whose token shows another key is refused. */
static int check_volume(const struct volume *v, const char *vp)
{
	struct luks2_vp t[LUKS2_TOKENS_MAX];
	int n, i;

	n = luks2_vp_tokens(v->dev, t, LUKS2_TOKENS_MAX);
	if (n < 0)
		return EXIT_ERR;
	for (i = 0; i < n; i++)
		if (!strcasecmp(t[i].vp, vp))
			return EXIT_OK;
	if (!n)
		return EXIT_OK;		/* formatted without the token */
	fprintf(stderr, "%s: formatted with another key (verification pattern differs): not opening\n",
		v->dev);
	return EXIT_INVALID;
}

/* Print a command, or run it through sh with --run. */
static int emit(const struct cs_opts *o, char *cmd)
{
	int st;

	if (!o->run) {
		printf("%s\n", cmd);
		return EXIT_OK;
	}
	printf("Executing: %s\n", cmd);
	fflush(stdout);
	st = system(cmd);
	if (st != -1 && WIFEXITED(st) && !WEXITSTATUS(st))
		return EXIT_OK;
	if (st != -1 && WIFEXITED(st))
		fprintf(stderr, "command failed with exit status %d\n",
			WEXITSTATUS(st));
	else
		fprintf(stderr, "command could not run or was killed\n");
	return EXIT_ERR;
}

static int one_volume(const struct cs_opts *o, const struct key *k,
		      const char *vp, const struct volume *v)
{
	char *cmd = NULL;
	size_t size;
	FILE *f;
	int step, ret = EXIT_OK;

	if (o->run && o->open && !o->format)
		ret = check_volume(v, vp);
	for (step = 0; step < 3 && ret == EXIT_OK; step++) {
		if ((step < 2 && !o->format) || (step == 2 && !o->open))
			continue;
		f = open_memstream(&cmd, &size);
		if (!f)
			return EXIT_ERR;
		if (step == 0)
			cmd_format(f, o, k, v);
		else if (step == 1)
			cmd_token(f, k, vp, v);
		else
			cmd_open(f, o, v);
		fclose(f);
		ret = emit(o, cmd);
		free(cmd);
	}
	return ret;
}

int cmd_cryptsetup(int argc, char **argv)
{
	char vp[VP_HEX_LEN + 1] = "";
	struct volume *v = NULL;
	const char *list, *rec;
	struct cs_opts o;
	struct repo r;
	struct key k;
	size_t n = 0, i;
	int ret;

	ret = parse_opts(argc, argv, &o);
	if (ret >= 0)
		return ret;
	if (repo_open(&r, o.repo, REPO_READ))
		return EXIT_ERR;
	ret = key_load(&r, o.name, &k) ? EXIT_ERR : EXIT_OK;
	repo_close(&r);
	list = o.volumes ? o.volumes : props_get(&k.props, "volumes");
	if (ret == EXIT_OK && !list) {
		fprintf(stderr, "key '%s' has no volumes: give --volumes DEV:DMNAME\n",
			o.name);
		ret = EXIT_USAGE;
	}
	if (ret == EXIT_OK && volumes_parse(list, &v, &n))
		ret = EXIT_USAGE;
	if (ret == EXIT_OK && k.kt.kind == KEY_CLEAR_AES)
		fprintf(stderr, "note: '%s' is a CLEAR-AES key: for tests only\n",
			o.name);
	/* The kernel must accept the key before anything is run with it. */
	if (ret == EXIT_OK && o.run)
		ret = key_check(&k, NULL);
	/* The pattern: the recorded one for printing, a fresh one to run. */
	rec = props_get(&k.props, "verification-pattern");
	if (ret == EXIT_OK && (o.run || (o.format && !rec)))
		ret = key_vp(&k, vp);
	else if (ret == EXIT_OK && rec)
		snprintf(vp, sizeof(vp), "%s", rec);
	if (ret == EXIT_OK && rec && strcasecmp(rec, vp)) {
		fprintf(stderr, "key '%s': the verification pattern differs from the one recorded\n",
			o.name);
		ret = EXIT_INVALID;
	}
	for (i = 0; i < n && ret == EXIT_OK; i++)
		ret = one_volume(&o, &k, vp, &v[i]);
	volumes_free(v, n);
	key_free(&k);
	return ret;
}
