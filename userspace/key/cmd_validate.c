// SPDX-License-Identifier: GPL-2.0
/*
 * secex-key validate: can the kernel use the key, and is it the key a
 * LUKS2 volume was formatted with?
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../../include/uapi/secex/pkey.h"
#include "cmds.h"
#include "keycheck.h"
#include "luks2.h"

static const char usage[] =
"Usage: secex-key validate [NAME] [--format text|json|yaml] [OPTIONS]\n"
"\n"
"Check that the kernel can use key NAME of the repository (or the token in\n"
"--key-file): /dev/pkey verifies it (PKEY_VERIFYKEY2 for UV secrets) and\n"
"derives a protected key from each token (PKEY_KBLOB2PROTK3); xts(paes)\n"
"then computes its verification pattern.  The pattern is recorded in the\n"
"repository the first time and compared afterwards.\n"
"\n"
"With --luks the LUKS2 header of DEV (read through libcryptsetup) must\n"
"show cipher paes-xts-plain64 and a volume key of the token's size, and\n"
"the pattern is compared with its secex-key token(s) (see `secex-key\n"
"cryptsetup`).  Without NAME the key named by that token is used.\n"
"\n"
"Options:\n"
"  -f, --key-file FILE      validate the token in FILE\n"
"  -L, --luks DEV           compare with the LUKS2 volume DEV\n"
"  -r, --repository DIR     key repository\n"
"      --format FMT         text (default; also human), json or yaml\n"
"                           (Documentation/tools.md, Machine-readable output)\n"
"  -h, --help               this text\n"
"\n"
"Exit status 3 if the key cannot be used or a pattern differs.\n";

struct val_opts {
	const char *name, *file, *luks, *repo;
	enum emit_format fmt;
	char name_buf[LUKS2_NAME_MAX + 1];	/* NAME taken from --luks */
};

/* What validate found, for --format json|yaml. */
struct val_result {
	struct key_check_info check;
	const char *vp;		/* the current pattern, if computed */
	int recorded;		/* it was recorded in the repository now */
	int luks_token;		/* the LUKS2 token that matched, or -1 */
};

static int parse_opts(int argc, char **argv, struct val_opts *o)
{
	static const struct option opts[] = {
		{ "key-file", required_argument, NULL, 'f' },
		{ "luks", required_argument, NULL, 'L' },
		{ "repository", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->fmt = EMIT_TEXT;
	while ((c = cli_getopt(argc, argv, "f:L:r:", opts, NULL, usage)) != -1) {
		switch (c) {
		case 'f': o->file = optarg; break;
		case 'L': o->luks = optarg; break;
		case 'r': o->repo = optarg; break;
		case 'F':
			if (key_parse_format(optarg, &o->fmt) >= 0)
				return EXIT_USAGE;
			break;
		default:
			return cli_exit(c);
		}
	}
	if (argc - optind > 1)
		return cli_usage_error("unexpected argument '%s'",
				       argv[optind + 1]);
	if (optind < argc && o->file)
		return cli_usage_error("NAME and --key-file exclude each other");
	if (optind == argc && !o->file && !o->luks)
		return cli_usage_error("missing NAME, --key-file or --luks");
	if (optind < argc)
		o->name = argv[optind];
	return -1;
}

/* Record the first pattern of a repository key (a write lock is needed). */
static int record_vp(const struct val_opts *o, const char *vp)
{
	struct props p;
	struct repo r;
	char *info;
	int ret = -1;

	if (repo_open(&r, o->repo, REPO_WRITE))
		return -1;
	info = repo_path(&r, o->name, ".info");
	if (info && !props_load(info, &p)) {
		/* Another validate may have been first. */
		if (!props_get(&p, PROP_KEY_VP)) {
			time_t t = time(NULL);
			struct tm tm;
			char now[32];

			/* As zkey change does: a changed key gets update-time. */
			strftime(now, sizeof(now), "%F %T", localtime_r(&t, &tm));
			props_set(&p, PROP_KEY_VP, vp);
			props_set(&p, PROP_CHANGE_TIME, now);
			ret = repo_save_props(&r, o->name, &p);
		} else {
			ret = strcasecmp(props_get(&p, PROP_KEY_VP), vp) ? -1 : 0;
		}
		props_free(&p);
	}
	free(info);
	repo_close(&r);
	return ret;
}

/* The volume's cipher and key size, then @vp against its secex-key tokens. */
static int compare_luks(const char *dev, const struct key *k, const char *vp,
			int text, int *token)
{
	struct luks2_info info;
	int i;

	if (luks2_read(dev, &info))
		return EXIT_ERR;
	if (luks2_check_cipher(dev, &info, k->len))
		return EXIT_UNUSABLE;
	for (i = 0; i < info.ntokens; i++) {
		if (!strcasecmp(info.tok[i].vp, vp)) {
			if (text)
				printf("LUKS2 volume:           %s, token %d: verification pattern matches\n",
				       dev, info.tok[i].token);
			*token = info.tok[i].token;
			return EXIT_OK;
		}
	}
	cli_err("%s: %s", dev, info.ntokens ? "the verification pattern differs from the LUKS2 token's: the volume was formatted with another key" :
		"no " LUKS2_TOKEN_TYPE " token in the LUKS2 header (format with `secex-key cryptsetup`, or import the token it prints with --print-commands)");
	return EXIT_UNUSABLE;
}

/* Without NAME and --key-file: the key the volume's token names. */
static int name_from_luks(struct val_opts *o)
{
	struct luks2_info info;
	int i;

	if (luks2_read(o->luks, &info))
		return EXIT_ERR;
	for (i = 0; i < info.ntokens; i++) {
		if (info.tok[i].name[0]) {
			snprintf(o->name_buf, sizeof(o->name_buf), "%s",
				 info.tok[i].name);
			o->name = o->name_buf;
			return -1;
		}
	}
	cli_err("%s: no %s token naming a key; give NAME or --key-file",
		o->luks, LUKS2_TOKEN_TYPE);
	return EXIT_UNUSABLE;
}

/* --format json|yaml: the document; @ret, or EXIT_ERR if stdout failed. */
static int emit_result(const struct val_opts *o, const struct key *k,
		       const struct val_result *res, int ret)
{
	const struct key_check_info *ci = &res->check;
	struct emit e;
	int i;

	emit_begin(&e, stdout, o->fmt);
	key_emit(&e, "key", k);
	emit_object_begin(&e, "pkey");
	if (ci->verified) {
		emit_object_begin(&e, "verify");
		emit_string(&e, "key", ci->verify_type == PKEY_TYPE_UVSECRET ?
			    "UV-secret" : "other");
		emit_string(&e, "secret", token_keytype_name(ci->verify_flags));
		emit_object_end(&e);
	} else {
		emit_null(&e, "verify");
	}
	emit_array_begin(&e, "protected_keys");
	for (i = 0; i < ci->nprot; i++) {
		emit_object_begin(&e, NULL);
		emit_string(&e, "type", token_keytype_name(ci->prot[i].type));
		emit_uint(&e, "bytes", ci->prot[i].len);
		emit_object_end(&e);
	}
	emit_array_end(&e);
	emit_bool(&e, "xts_as_two_aes_keys", ci->as_pair);
	emit_object_end(&e);
	emit_string(&e, "current_pattern", res->vp);
	emit_bool(&e, "pattern_recorded", res->recorded);
	if (res->luks_token >= 0) {
		emit_object_begin(&e, "luks");
		emit_string(&e, "device", o->luks);
		emit_int(&e, "token", res->luks_token);
		emit_object_end(&e);
	} else {
		emit_null(&e, "luks");
	}
	emit_string(&e, "status", !res->vp ? "not usable" :
		    ret == EXIT_OK ? "valid" : "mismatch");
	return emit_end(&e) ? EXIT_ERR : ret;
}

static int validate(const struct val_opts *o, const struct key *k)
{
	struct val_result res = { .luks_token = -1 };
	int text = o->fmt == EMIT_TEXT;
	char vp[VP_HEX_LEN + 1];
	const char *rec;
	int ret;

	if (text)
		key_print(k);
	ret = key_check(k, text ? stdout : NULL, &res.check);
	if (ret == EXIT_OK)
		ret = key_vp(k, vp);
	if (ret != EXIT_OK) {
		if (!text)
			return emit_result(o, k, &res, ret);
		printf("Status:                 NOT USABLE\n");
		return ret;
	}
	res.vp = vp;
	if (text)
		printf("Current pattern:        %s\n", vp);
	rec = props_get(&k->props, PROP_KEY_VP);
	if (rec && strcasecmp(rec, vp)) {
		cli_err("%s: the verification pattern differs from the one recorded: the token now names another key",
			k->file);
		ret = EXIT_UNUSABLE;
	} else if (!rec && k->name) {
		if (record_vp(o, vp)) {
			cli_err("%s: could not record the verification pattern",
				k->name);
		} else {
			res.recorded = 1;
			if (text)
				printf("Verification pattern recorded in the repository\n");
		}
	}
	if (ret == EXIT_OK && o->luks)
		ret = compare_luks(o->luks, k, vp, text, &res.luks_token);
	if (!text)
		return emit_result(o, k, &res, ret);
	printf("Status:                 %s\n", ret == EXIT_OK ? "valid" : "MISMATCH");
	return ret;
}

int cmd_validate(int argc, char **argv)
{
	struct val_opts o;
	struct repo r;
	struct key k;
	int ret;

	ret = parse_opts(argc, argv, &o);
	if (ret < 0 && !o.name && !o.file)
		ret = name_from_luks(&o);
	if (ret >= 0)
		return ret;
	if (o.file) {
		ret = key_load_file(o.file, &k) ? EXIT_ERR : -1;
	} else {
		if (repo_open(&r, o.repo, REPO_READ))
			return EXIT_ERR;
		ret = key_load(&r, o.name, &k) ? EXIT_ERR : -1;
		repo_close(&r);
	}
	if (ret < 0)
		ret = validate(&o, &k);
	key_free(&k);
	return ret;
}
