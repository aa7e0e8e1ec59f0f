// SPDX-License-Identifier: GPL-2.0
/*
 * secex-key cryptsetup: format and open the LUKS2 volumes of a key
 * through libcryptsetup, as zkey's (s390-tools) commands would, with our
 * key types and our LUKS2 token for the verification pattern; or print
 * the equivalent cryptsetup commands.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../common/fileio.h"
#include "../common/hex.h"
#include "cmds.h"
#include "keycheck.h"
#include "luks2.h"
#include "pass.h"
#include "volumes.h"

static const char usage[] =
"Usage: secex-key cryptsetup NAME [OPTIONS]\n"
"\n"
"Format and open the LUKS2 volumes of key NAME through libcryptsetup:\n"
"luksFormat with cipher paes-xts-plain64 and the key token as volume key,\n"
"a LUKS2 token holding the key's verification pattern (checked by\n"
"`secex-key validate --luks`), and luksOpen.  The kernel must first accept\n"
"the key; before luksOpen the volume's cipher, key size and token must be\n"
"the key's.  The key slot is protected by a passphrase as usual; the volume\n"
"key is the token, which only this guest's kernel can turn into a key.\n"
"\n"
"With --print-commands nothing is changed: the equivalent cryptsetup\n"
"commands are printed instead (luksFormat, `cryptsetup token import` of\n"
"the token, luksOpen), for review or for a machine without secex-key.\n"
"\n"
"Options:\n"
"  -l, --volumes LIST       DEV:DMNAME[,...] instead of the key's volumes\n"
"      --format             only format (and store the token)\n"
"      --open               only open\n"
"      --print-commands     print the cryptsetup commands instead\n"
"      --run                act (the default; kept for older scripts)\n"
"  -q, --batch-mode         ask no questions (no confirmation to format)\n"
"      --key-file FILE      passphrase file for the key slot (all of it, as\n"
"                           cryptsetup reads it); default: asked on the\n"
"                           terminal, or one line of standard input\n"
"      --pbkdf ALG          argon2i (default), argon2id or pbkdf2\n"
"      --pbkdf-iterations N forced PBKDF iterations (argon2 default 4)\n"
"      --pbkdf-memory KIB   argon2 memory (default 32: as zkey, the\n"
"                           passphrase is not what protects the key)\n"
"  -r, --repository DIR     key repository\n"
"  -h, --help               this text\n";

enum { OPT_FORMAT = 0x100, OPT_OPEN, OPT_RUN, OPT_KEYFILE, OPT_PBKDF,
       OPT_ITER, OPT_MEM, OPT_PRINT };

struct cs_opts {
	const char *name, *repo, *volumes, *keyfile, *pbkdf;
	uint64_t iter, mem;
	int format, open, run, batch, print;
};

static int positive(const char *s, const char *opt, uint64_t *v)
{
	if (!parse_u64(s, v, 0xffffffffu) && *v)
		return 0;
	cli_usage_error("%s: a positive number", opt);
	return -1;
}

static int parse_opts(int argc, char **argv, struct cs_opts *o)
{
	static const struct option opts[] = {
		{ "volumes", required_argument, NULL, 'l' },
		{ "format", no_argument, NULL, OPT_FORMAT },
		{ "open", no_argument, NULL, OPT_OPEN },
		{ "run", no_argument, NULL, OPT_RUN },
		{ "print-commands", no_argument, NULL, OPT_PRINT },
		{ "batch-mode", no_argument, NULL, 'q' },
		{ "key-file", required_argument, NULL, OPT_KEYFILE },
		{ "pbkdf", required_argument, NULL, OPT_PBKDF },
		{ "pbkdf-iterations", required_argument, NULL, OPT_ITER },
		{ "pbkdf-memory", required_argument, NULL, OPT_MEM },
		{ "repository", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->pbkdf = "argon2i";
	while ((c = cli_getopt(argc, argv, "l:qr:", opts, "NAME", usage)) != -1) {
		switch (c) {
		case 'l': o->volumes = optarg; break;
		case OPT_FORMAT: o->format = 1; break;
		case OPT_OPEN: o->open = 1; break;
		case OPT_RUN: o->run = 1; break;
		case OPT_PRINT: o->print = 1; break;
		case 'q': o->batch = 1; break;
		case OPT_KEYFILE: o->keyfile = optarg; break;
		case OPT_PBKDF:
			if (strcmp(optarg, "argon2i") && strcmp(optarg, "argon2id") &&
			    strcmp(optarg, "pbkdf2"))
				return cli_usage_error("--pbkdf: argon2i, argon2id or pbkdf2");
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
		default:
			return cli_exit(c);
		}
	}
	if (o->format && o->open)
		return cli_usage_error("--format and --open exclude each other");
	if (o->run && o->print)
		return cli_usage_error("--run and --print-commands exclude each other");
	if (o->mem && !strcmp(o->pbkdf, "pbkdf2"))
		return cli_usage_error("--pbkdf-memory is for argon2 only");
	if (o->keyfile && strchr(o->keyfile, '\n'))
		return cli_usage_error("--key-file: no line breaks in the path");
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

/* The token's JSON from json-c, quoted for sh. */
static int cmd_token(FILE *f, const struct key *k, const char *vp,
		     const struct volume *v)
{
	char *json = luks2_token_json(k->name, vp);

	if (!json)
		return -1;
	fputs("echo ", f);
	shq(f, json, 1);
	fputs(" | cryptsetup token import ", f);
	shq(f, v->dev, 0);
	free(json);
	return 0;
}

static void cmd_open(FILE *f, const struct cs_opts *o, const struct volume *v)
{
	fputs("cryptsetup luksOpen ", f);
	opt_q(f, o);
	opt_keyfile(f, o);
	shq(f, v->dev, 0);
	fprintf(f, " %s", v->dm);
}

/* --print-commands: the cryptsetup commands for one volume. */
static int print_volume(const struct cs_opts *o, const struct key *k,
			const char *vp, const struct volume *v)
{
	if (o->format) {
		cmd_format(stdout, o, k, v);
		putchar('\n');
		if (cmd_token(stdout, k, vp, v))
			return EXIT_ERR;
		putchar('\n');
	}
	if (o->open) {
		cmd_open(stdout, o, v);
		putchar('\n');
	}
	return EXIT_OK;
}

/* Before luksOpen: the volume must be one of this key. */
static int check_volume(const struct volume *v, const struct key *k,
			const char *vp)
{
	struct luks2_info info;
	int i;

	if (luks2_read(v->dev, &info))
		return EXIT_ERR;
	if (luks2_check_cipher(v->dev, &info, k->len))
		return EXIT_UNUSABLE;
	for (i = 0; i < info.ntokens; i++)
		if (!strcasecmp(info.tok[i].vp, vp))
			return EXIT_OK;
	if (!info.ntokens)
		return EXIT_OK;		/* formatted without the token */
	cli_err("%s: formatted with another key (verification pattern differs): not opening",
		v->dev);
	return EXIT_UNUSABLE;
}

/* As cryptsetup: on a terminal, formatting is confirmed unless -q. */
static int confirm_format(const struct cs_opts *o, const char *dev)
{
	char line[16];

	if (o->batch || !isatty(STDIN_FILENO))
		return 0;
	fprintf(stderr, "WARNING: this overwrites the data on %s for good.\n"
		"Are you sure? (Type 'yes' in capital letters): ", dev);
	fflush(stderr);
	if (fgets(line, sizeof(line), stdin) && !strcmp(line, "YES\n"))
		return 0;
	cli_err("%s: not formatted", dev);
	return -1;
}

/* Format and/or open one volume through libcryptsetup. */
static int act_volume(const struct cs_opts *o, const struct key *k,
		      const char *vp, const struct volume *v)
{
	const char *sector = props_get(&k->props, "sector-size");
	int argon = strcmp(o->pbkdf, "pbkdf2") != 0;
	struct luks2_format f = {
		.pbkdf = o->pbkdf,
		.iterations = (uint32_t)(o->iter ? o->iter : argon ? 4 : 0),
		.memory_kib = (uint32_t)(argon ? (o->mem ? o->mem : 32) : 0),
		.sector_size = sector ? (uint32_t)strtoul(sector, NULL, 10) : 0,
	};
	struct pass p;
	int ret = EXIT_OK;

	if (o->open && !o->format)
		ret = check_volume(v, k, vp);
	if (ret == EXIT_OK && o->format && confirm_format(o, v->dev))
		ret = EXIT_ERR;
	if (ret != EXIT_OK)
		return ret;
	if (pass_get(o->keyfile, v->dev, o->format, &p))
		return EXIT_ERR;
	if (o->format &&
	    luks2_format(v->dev, &f, k->tok, k->len, p.buf, p.len, k->name, vp))
		ret = EXIT_ERR;
	if (ret == EXIT_OK && o->open && luks2_open(v->dev, v->dm, p.buf, p.len))
		ret = EXIT_ERR;
	pass_free(&p);
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
		ret = cli_usage_error("key '%s' has no volumes: give --volumes DEV:DMNAME",
				      o.name);
	}
	if (ret == EXIT_OK && volumes_parse(list, &v, &n))
		ret = EXIT_USAGE;
	if (ret == EXIT_OK && k.kt.kind == KEY_CLEAR_AES)
		cli_err("note: '%s' is a CLEAR-AES key: for tests only",
			o.name);
	/* The kernel must accept the key before anything is done with it. */
	if (ret == EXIT_OK && !o.print)
		ret = key_check(&k, NULL, NULL);
	/* The pattern: the recorded one for printing, a fresh one to act. */
	rec = props_get(&k.props, "verification-pattern");
	if (ret == EXIT_OK && (!o.print || (o.format && !rec)))
		ret = key_vp(&k, vp);
	else if (ret == EXIT_OK && rec)
		snprintf(vp, sizeof(vp), "%s", rec);
	if (ret == EXIT_OK && rec && strcasecmp(rec, vp)) {
		cli_err("key '%s': the verification pattern differs from the one recorded",
			o.name);
		ret = EXIT_UNUSABLE;
	}
	for (i = 0; i < n && ret == EXIT_OK; i++)
		ret = o.print ? print_volume(&o, &k, vp, &v[i]) :
				act_volume(&o, &k, vp, &v[i]);
	volumes_free(v, n);
	key_free(&k);
	return ret;
}
