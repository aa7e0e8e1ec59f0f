// SPDX-License-Identifier: GPL-2.0
/*
 * secex-uv secret retrieve: fetch a retrievable secret (a protected key or
 * a plaintext secret) from the UV secret store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/base64.h"
#include "../common/cli.h"
#include "../common/fileio.h"
#include "../common/hex.h"
#include "../common/pkeydev.h"
#include "../common/secret_types.h"
#include "../common/sha256.h"
#include "cmds.h"
#include "secret_list.h"
#include "uvdev.h"

static const char retr_usage[] =
"Usage: secex-uv secret retrieve [--inform yaml|hex|name|idx] (ID | -i ID)\n"
"                                [--outform pem|bin] [-o FILE | FILE]\n"
"       secex-uv secret retrieve (--id HEX | --name NAME | --index N)\n"
"                                [--outform pem|bin] [-o FILE | FILE]\n"
"\n"
"Retrieve a retrievable secret from the secret store.  Keys come back as\n"
"protected keys (wrapped by the machine, never in the clear), written as a\n"
"PEM 'IBM PROTECTED KEY' block with a 'kind:' header; plaintext secrets as\n"
"a 'PLAINTEXT SECRET' block, or raw with --outform bin.  The options are\n"
"those of 'pvsecret retrieve', plus --id, --name, --index and --verify.\n"
"\n"
"  -i, --input ID         the secret, as --inform says (instead of ID)\n"
"      --inform FMT       what ID is: yaml (default: the NAME.yaml that\n"
"                         'secex-owner secret create' or 'pvsecret create'\n"
"                         wrote), hex (the 32-byte id), name, or idx (the\n"
"                         index shown by 'secret list')\n"
"      --id HEX           the 32-byte secret id (64 hex digits)\n"
"      --name NAME        the name given at creation (id SHA-256(NAME), or the\n"
"                         NUL-padded NAME for --use-name secrets)\n"
"      --index N          the index shown by 'secret list'\n"
"      --outform FMT      pem (default) or bin\n"
"      --verify           AES keys: have /dev/pkey check the protected key\n"
"  -o, --output FILE      write to FILE (mode 0600) instead of stdout ('-')\n"
"  -h, --help             show this help\n"
"\n"
"A secret that is not in the store exits 1; with --verify, a key that\n"
"/dev/pkey rejects exits 3.\n";

#define YAML_MAX	(64 * 1024)

struct retr_sel {
	int by_id, by_name, by_index;
	uint8_t id[SECRET_ID_LEN], name_id[SECRET_ID_LEN];
	uint16_t index;
	/* pvsecret: an id that is a NUL-padded string also finds its hash */
	int has_alt;
	uint8_t alt_id[SECRET_ID_LEN];
};

static int matches(const struct retr_sel *s, const struct secret_entry *e)
{
	if (s->by_index)
		return e->index == s->index;
	if (s->by_id)
		return !memcmp(e->id, s->id, SECRET_ID_LEN);
	return !memcmp(e->id, s->id, SECRET_ID_LEN) ||
	       (s->by_name > 1 && !memcmp(e->id, s->name_id, SECRET_ID_LEN));
}

/*
 * pvsecret's fallback for an id that is not in the store: if it is
 * printable ASCII padded with NULs, its SHA-256.
 */
static void id_alternative(struct retr_sel *s)
{
	size_t n = 0, i;

	while (n < SECRET_ID_LEN && s->id[n] >= 0x20 && s->id[n] < 0x7f)
		n++;
	for (i = n; i < SECRET_ID_LEN; i++)
		if (s->id[i])
			return;
	if (!n)
		return;
	sha256(s->id, n, s->alt_id);
	s->has_alt = 1;
}

/* The value of "KEY:" in @line (after blanks), quotes removed, in @buf. */
static int yaml_value(const char *line, const char *key, char *buf,
		      size_t size)
{
	size_t n;

	line += strspn(line, " \t");
	n = strlen(key);
	if (strncmp(line, key, n) || line[n] != ':')
		return -1;
	line += n + 1;
	line += strspn(line, " \t");
	if (*line == '\'' || *line == '"')
		line++;
	n = strcspn(line, "'\"\r\n \t#");
	if (n >= size)
		return -1;
	memcpy(buf, line, n);
	buf[n] = 0;
	return 0;
}

/*
 * The variant of a pvsecret YAML in @line: "!Retrievable" (serde_yaml
 * 0.9's tag), or a top-level "Retrievable:" key without a value (older
 * serde_yaml).  0 and the name in @kind if @line is one.
 */
static int yaml_variant(const char *line, char kind[32])
{
	static const char alpha[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	const char *p = line + strspn(line, " \t"), *rest;
	int tag = *p == '!';
	size_t n;

	/* a variant key is not indented */
	if (!tag && p != line)
		return -1;
	p += tag;
	n = strspn(p, alpha);
	if (!n || n >= 32)
		return -1;
	rest = p + n;
	if (!tag && *rest++ != ':')
		return -1;
	rest += strspn(rest, " \t\r");
	/* "name: x" is a key with a value, not a variant */
	if (*rest && *rest != '\n')
		return -1;
	memcpy(kind, p, n);
	kind[n] = 0;
	return 0;
}

/*
 * The id of the retrievable secret in @path, a NAME.yaml of pvsecret
 * create ("!Retrievable" and its "id: 0x..." line).
 */
static int id_from_yaml(const char *path, struct retr_sel *s)
{
	char kind[32] = "", val[80];
	const char *line;
	uint8_t *buf;
	char *text;
	size_t len;
	int found = 0;

	if (read_file(path, &buf, &len, YAML_MAX))
		return EXIT_ERR;
	text = malloc(len + 1);
	if (!text) {
		free(buf);
		return EXIT_ERR;
	}
	memcpy(text, buf, len);
	text[len] = 0;
	free(buf);
	for (line = text; line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		if (!kind[0])
			yaml_variant(line, kind);
		if (!found && !yaml_value(line, "id", val, sizeof(val)))
			found = hex_parse(val, s->id, SECRET_ID_LEN) ? -1 : 1;
	}
	free(text);
	if (kind[0] && strcmp(kind, "Retrievable")) {
		cli_err("%s: the file contains a %s secret, which is not retrievable",
			path, kind);
		return EXIT_ERR;
	}
	if (found != 1) {
		cli_err("%s: no secret id of 64 hex digits ('id: 0x...'): not the YAML of a secret",
			path);
		return EXIT_ERR;
	}
	s->by_id = 1;
	id_alternative(s);
	return -1;
}

static int retrieve(const struct secret_entry *e, const char *out, int pem,
		    int verify)
{
	struct uv_status st;
	const uint8_t *data;
	uint8_t *buf;
	uint32_t len;
	size_t dlen;
	FILE *f;
	int rc = EXIT_ERR;

	/* uv_ioctl() reported its failures; no memory stays silent as ever */
	if (uvlist_retrieve(uv_ioctl, e, &buf, &len, &st))
		return EXIT_ERR;
	if (st.rc != UVRC_EXECUTED) {
		uv_print_rc(NULL, UVRC_CMD_RETR_SECRET, &st);
		rc = EXIT_REJECTED;
		goto out;
	}
	data = buf;
	dlen = len;
	if (e->type == SECEX_SECRET_PLAINTEXT &&
	    uvlist_plaintext(buf, len, &data, &dlen)) {
		cli_err("invalid plaintext length");
		goto out;
	}
	if (verify && pkeydev_verify_secret(e->type, data, dlen)) {
		rc = EXIT_UNUSABLE;
		goto out;
	}
	f = open_out_private(out);
	if (!f)
		goto out;
	if (!pem) {
		fwrite(data, 1, dlen, f);
	} else if (e->type == SECEX_SECRET_PLAINTEXT) {
		pem_write(f, "PLAINTEXT SECRET", NULL, data, dlen);
	} else {
		char hdr[64];

		snprintf(hdr, sizeof(hdr), "kind: %s",
			 secret_type_name(e->type));
		pem_write(f, "IBM PROTECTED KEY", hdr, data, dlen);
	}
	rc = close_out(f);
out:
	secure_zero(buf, len);
	free(buf);
	return rc;
}

/* Select by name @name (--name, --inform name). */
static void select_name(struct retr_sel *s, const char *name)
{
	size_t n = strlen(name);

	s->by_name = 1;
	sha256(name, n, s->id);
	if (n < SECRET_ID_LEN) {
		memcpy(s->name_id, name, n);
		s->by_name = 2;
	}
}

/* Select by index @arg (--index, --inform idx); -1 or EXIT_USAGE. */
static int select_index(struct retr_sel *s, const char *arg, const char *opt)
{
	uint64_t v;

	if (parse_u64(arg, &v, 0xffff))
		return cli_usage_error("%s is 0 to 65535, not '%s'", opt, arg);
	s->by_index = 1;
	s->index = (uint16_t)v;
	return -1;
}

/* pvsecret's ID (-i or the first operand) as --inform @inform says. */
static int select_input(struct retr_sel *s, const char *inform,
			const char *id)
{
	if (!strcmp(inform, "yaml"))
		return id_from_yaml(id, s);
	if (!strcmp(inform, "hex")) {
		if (hex_parse(id, s->id, SECRET_ID_LEN))
			return cli_usage_error("--inform hex: the id needs 64 hex digits, not '%s'",
					       id);
		s->by_id = 1;
		id_alternative(s);
		return -1;
	}
	if (!strcmp(inform, "name")) {
		select_name(s, id);
		return -1;
	}
	return select_index(s, id, "--inform idx: the index");
}

/*
 * The operands: [ID] [FILE] as pvsecret retrieve takes them, ID only when
 * no --id, --name, --index or --input selects the secret.
 */
static int retr_operands(int argc, char **argv, struct retr_sel *s,
			 const char **input, const char **out)
{
	int selected = s->by_id || s->by_name || s->by_index || *input;

	if (!selected && optind < argc)
		*input = argv[optind++];
	if (!*out && optind < argc)
		*out = argv[optind++];
	return cli_operands(argc, argv, "");
}

static int parse_retr_opts(int argc, char **argv, struct retr_sel *s,
			   const char **out, int *pem, int *verify)
{
	enum { OPT_ID = 0x200, OPT_NAME, OPT_INDEX, OPT_INFORM };
	static const struct option opts[] = {
		{ "id", required_argument, NULL, OPT_ID },
		{ "name", required_argument, NULL, OPT_NAME },
		{ "index", required_argument, NULL, OPT_INDEX },
		{ "input", required_argument, NULL, 'i' },
		{ "inform", required_argument, NULL, OPT_INFORM },
		{ "outform", required_argument, NULL, 'F' },
		{ "verify", no_argument, NULL, 'V' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const char *input = NULL, *inform = "yaml";
	int c, rc;

	while ((c = cli_getopt(argc, argv, "i:o:", opts, NULL,
			       retr_usage)) != -1) {
		switch (c) {
		case OPT_ID:
			s->by_id = 1;
			if (hex_parse(optarg, s->id, SECRET_ID_LEN))
				return cli_usage_error("--id needs 64 hex digits");
			break;
		case OPT_NAME:
			select_name(s, optarg);
			break;
		case OPT_INDEX:
			rc = select_index(s, optarg, "--index");
			if (rc >= 0)
				return rc;
			break;
		case 'i':
			input = optarg;
			break;
		case OPT_INFORM:
			if (strcmp(optarg, "yaml") && strcmp(optarg, "hex") &&
			    strcmp(optarg, "name") && strcmp(optarg, "idx"))
				return cli_usage_error("--inform is yaml, hex, name or idx, not '%s'",
						       optarg);
			inform = optarg;
			break;
		case 'F':
			*pem = !strcmp(optarg, "pem");
			if (!*pem && strcmp(optarg, "bin"))
				return cli_usage_error("--outform is pem or bin, not '%s'",
						       optarg);
			break;
		case 'o':
			*out = optarg;
			break;
		case 'V':
			*verify = 1;
			break;
		default:
			return cli_exit(c);
		}
	}
	rc = retr_operands(argc, argv, s, &input, out);
	if (rc >= 0)
		return rc;
	if (!!s->by_id + !!s->by_name + s->by_index + !!input != 1)
		return cli_usage_error("give one of ID, --input, --id, --name and --index");
	if (input)
		return select_input(s, inform, input);
	return -1;
}

int cmd_secret_retrieve(int argc, char **argv)
{
	struct retr_sel s = { 0 };
	struct secret_list l;
	const char *out = NULL;
	int pem = 1, verify = 0, rc;
	uint16_t i;

	rc = parse_retr_opts(argc, argv, &s, &out, &pem, &verify);
	if (rc >= 0)
		return rc;
	rc = secret_list_get(&l);
	if (rc)
		return rc;
	for (i = 0; i < l.num && !matches(&s, &l.e[i]); i++)
		;
	if (i == l.num && s.has_alt) {
		memcpy(s.id, s.alt_id, SECRET_ID_LEN);
		for (i = 0; i < l.num && !matches(&s, &l.e[i]); i++)
			;
	}
	if (i == l.num) {
		cli_err("no such secret in the store");
		rc = EXIT_ERR;
	} else if (!secret_type_retrievable(l.e[i].type)) {
		cli_err("%s secrets are not retrievable",
			secret_type_name(l.e[i].type));
		rc = EXIT_ERR;
	} else {
		cli_note(1, "retrieving the %s secret at index %u through %s",
			 secret_type_name(l.e[i].type), l.e[i].index,
			 uvdev_path());
		rc = retrieve(&l.e[i], out, pem, verify);
	}
	secret_list_free(&l);
	return rc;
}
