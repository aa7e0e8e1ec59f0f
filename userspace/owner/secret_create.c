// SPDX-License-Identifier: GPL-2.0
/*
 * secex-owner secret create: build an add-secret request (ASRCB) for one
 * SE image, as 'pvsecret create' does, with pvsecret's options and its
 * NAME.yaml beside the request.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/bio.h>
#include <openssl/pem.h>

#include "../common/cli.h"
#include "../common/fileio.h"
#include "../common/hex.h"
#include "../common/secret_types.h"
#include "cmds.h"
#include "crypto.h"
#include "secret_payload.h"

#define CUID_FILE_MAX	4096
#define YAML_PATH_MAX	4096

static const char usage[] =
"Usage: secex-owner secret create [OPTIONS] meta\n"
"       secex-owner secret create [OPTIONS] association NAME [--stdout]\n"
"                                 [--input-secret FILE | --output-secret FILE]\n"
"       secex-owner secret create [OPTIONS] retrievable|retr NAME --type TYPE\n"
"                                 --secret FILE [--stdout]\n"
"       secex-owner secret create [OPTIONS] update-cck|cck --secret CCK-FILE\n"
"\n"
"Create an add-secret request for the Secure Execution guest whose SE header\n"
"is given; add it inside the guest with 'secex-uv secret add'.  The options\n"
"are those of 'pvsecret create'.  For association and retrievable secrets,\n"
"NAME.yaml (name, id and type, no secret) is written beside the request, as\n"
"pvsecret writes it; 'secex-uv secret retrieve NAME.yaml' reads it.\n"
"\n"
"Secret kinds:\n"
"  meta                   no secret; only the request's flags and binding\n"
"  association NAME       a 32-byte association secret (random unless\n"
"                         --input-secret), id SHA-256(NAME)\n"
"  retrievable NAME       a secret the guest can retrieve later; TYPE is one of\n"
"                         aes (16/24/32-byte key), aes-xts (32/64 bytes),\n"
"                         hmac-sha or hmac (up to 128 bytes, padded to 64 or\n"
"                         128), ec (PEM private key: P-256/384/521,\n"
"                         Ed25519/448), plain or plaintext (up to 8190 bytes)\n"
"  update-cck             a new customer communication key (32 bytes)\n"
"\n"
"Options:\n"
REQ_HKD_HELP
"      --hdr FILE         SE header (or SE image) of the target guest\n"
"  -o, --output FILE      request to write\n"
"      --cuid FILE|HEX    bind to the guest with this config UID: a FILE of 16\n"
"                         bytes or a YAML with a 'cuid' entry ('attest verify\n"
"                         -o'), or, if no such file exists, 32 hex digits;\n"
"                         default: any guest\n"
"      --cuid-hex HEX     the config UID as 32 hex digits (0x allowed)\n"
"      --extension-secret FILE  32-byte extension secret\n"
"      --cck FILE         32-byte customer communication key; the extension\n"
"                         secret is derived from it (HKDF-SHA512)\n"
"      --flags LIST       request flags, comma-separated: disable-dump\n"
"      --user-data FILE   up to 512 bytes of user data, carried in the\n"
"                         request and covered by its tag (256 with an EC or\n"
"                         RSA 2048 signing key, 128 with RSA 3072)\n"
"      --user-sign-key FILE  sign the request with this private key (PEM or\n"
"                         DER; EC secp521r1, RSA 2048 or 3072)\n"
"      --policy FILE      link the request to policy FILE: its SHA-256 (printed\n"
"                         on stdout) and the path as given fill the user data\n"
"                         (pvsecret's policy reference; not with --user-data\n"
"                         or --user-sign-key)\n"
"      --toc-policy FILE  append the request's tag (hex) to FILE\n"
"      --use-name         use the NUL-padded NAME (up to 31 bytes) as the id\n"
"                         instead of its SHA-256\n"
"  -f, --force            create the request even on a Secure Execution guest\n"
"      --stdout           print the NAME.yaml content instead of writing it\n"
"      --input-secret FILE  association secret to use (32 bytes)\n"
"      --output-secret FILE write the association secret (mode 0600)\n"
"      --type TYPE        retrievable secret type (see above)\n"
"      --secret FILE      retrievable secret content, or the new CCK\n"
"  -h, --help             show this help\n";

enum {
	OPT_HDR = 0x200,
	OPT_CUID,
	OPT_CUID_HEX,
	OPT_EXT,
	OPT_CCK,
	OPT_FLAGS,
	OPT_PCF,
	OPT_USE_NAME,
	OPT_IN_SECRET,
	OPT_OUT_SECRET,
	OPT_TYPE,
	OPT_SECRET,
	OPT_USER_DATA,
	OPT_USER_KEY,
	OPT_TOC_POLICY,
	OPT_POLICY,
	OPT_STDOUT,
};

enum secret_kind { KIND_META, KIND_ASSOC, KIND_RETR, KIND_CCK };

struct secret_args {
	const char *out, *hdr, *cuid, *cuid_hex, *ext, *cck, *in_secret;
	const char *out_secret, *type, *secret, *user_data, *user_key;
	const char *toc_policy, *policy;
	int use_name, force, to_stdout, pcf_set, flags_set;
	uint64_t flags;
	enum secret_kind kind;
	const char *name;
	struct req_opts req;
};

static int ext_secret(const struct secret_args *a,
		      const struct sehdr_info *hdr, uint8_t ext[32])
{
	uint8_t cck[32];
	int rc;

	memset(ext, 0, ASRCB_EXT_SECRET_LEN);
	if (a->ext)
		return read_file_exact(a->ext, ext, ASRCB_EXT_SECRET_LEN);
	if (!a->cck)
		return 0;
	if (read_file_exact(a->cck, cck, sizeof(cck)))
		return -1;
	rc = cr_hkdf_sha512(cck, sizeof(cck), hdr->tag, GCM_TAG_LEN,
			    "IBM Z Ultravisor Add-Secret", ext,
			    ASRCB_EXT_SECRET_LEN);
	secure_zero(cck, sizeof(cck));
	return rc;
}

/*
 * The 'cuid' entry of the YAML in @text: the first "cuid:" key, at any
 * depth (as pvsecret searches the mapping), value '0x' and 32 hex digits.
 */
static int cuid_from_yaml(const char *text, uint8_t cuid[CUID_LEN])
{
	const char *line = text;
	char val[64];

	while (line && *line) {
		const char *p = line + strspn(line, " \t");

		if (!strncmp(p, "cuid:", 5)) {
			size_t n;

			p += 5;
			p += strspn(p, " \t");
			if (*p == '\'' || *p == '"')
				p++;
			n = strcspn(p, "'\"\r\n \t#");
			if (n >= sizeof(val))
				return -1;
			memcpy(val, p, n);
			val[n] = 0;
			/* pvsecret: the value starts with 0x */
			if (strncmp(val, "0x", 2) && strncmp(val, "0X", 2))
				return -1;
			return hex_parse(val, cuid, CUID_LEN);
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return -1;
}

/*
 * --cuid: pvsecret's FILE (exactly 16 bytes, or a YAML with a 'cuid'
 * entry); if there is no such file, our earlier 32 hex digits.
 */
static int read_cuid(const struct secret_args *a, uint8_t cuid[CUID_LEN])
{
	struct stat st;
	uint8_t *buf;
	size_t len;
	char *text;
	int rc;

	if (a->cuid_hex) {
		if (hex_parse(a->cuid_hex, cuid, CUID_LEN))
			return cli_usage_error("--cuid-hex needs 32 hex digits");
		return -1;
	}
	if (!a->cuid)
		return -1;
	if (stat(a->cuid, &st) && errno == ENOENT) {
		if (hex_parse(a->cuid, cuid, CUID_LEN))
			return cli_usage_error("--cuid: '%s' is neither a file nor 32 hex digits",
					       a->cuid);
		return -1;
	}
	if (read_file(a->cuid, &buf, &len, CUID_FILE_MAX))
		return EXIT_ERR;
	if (len == CUID_LEN) {
		memcpy(cuid, buf, CUID_LEN);
		free(buf);
		return -1;
	}
	text = malloc(len + 1);
	if (!text) {
		free(buf);
		cli_err("out of memory");
		return EXIT_ERR;
	}
	memcpy(text, buf, len);
	text[len] = 0;
	free(buf);
	rc = cuid_from_yaml(text, cuid);
	free(text);
	if (rc) {
		cli_err("%s: neither 16 bytes of config UID nor a YAML with a 'cuid' entry of '0x' and 32 hex digits",
			a->cuid);
		return EXIT_ERR;
	}
	return -1;
}

/* The private key in @path, PEM or DER. */
static EVP_PKEY *load_private_key(const char *path)
{
	BIO *b = BIO_new_file(path, "rb");
	EVP_PKEY *k = NULL;

	if (!b) {
		cli_err("%s: %s", path, strerror(errno));
		return NULL;
	}
	k = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
	if (!k && BIO_reset(b) == 0)
		k = d2i_PrivateKey_bio(b, NULL);
	BIO_free(b);
	if (!k) {
		cr_print_errors(path);
		cli_err("%s: not a private key (PEM or DER)", path);
	}
	return k;
}

/* --policy, or --user-data and --user-sign-key, into @p; -1 if all is well. */
static int user_data(const struct secret_args *a, struct asrcb_params *p)
{
	uint8_t *data = NULL;
	size_t len = 0, max;

	if (a->policy) {
		uint8_t hash[ASRCB_POLICY_HASH_LEN];

		if (asrcb_policy_ref(a->policy, p->user, hash))
			return EXIT_ERR;
		p->user_type = ASRCB_USER_PLAIN;
		/* as pvsecret: the hash on stdout, to put into the TOC */
		hex_print(stdout, hash, sizeof(hash));
		printf("\n");
		cli_note(1, "user data: the policy reference to %s", a->policy);
		return -1;
	}
	if (!a->user_data && !a->user_key)
		return -1;
	p->user_type = ASRCB_USER_PLAIN;
	if (a->user_key) {
		p->sign_key = load_private_key(a->user_key);
		if (!p->sign_key ||
		    asrcb_user_sign_type(p->sign_key, a->user_key, &p->user_type))
			return EXIT_ERR;
	}
	max = asrcb_user_max(p->user_type);
	if (a->user_data) {
		if (read_file(a->user_data, &data, &len, ASRCB_USER_LEN + 1))
			return EXIT_ERR;
		if (len > max) {
			cli_err("%s: %zu bytes of user data, at most %zu with %s",
				a->user_data, len, max,
				a->user_key ? "this signing key" : "no signing key");
			free(data);
			return EXIT_ERR;
		}
		if (!len)
			cli_err("warning: %s: empty user data", a->user_data);
		memcpy(p->user, data, len);
		free(data);
	}
	cli_note(1, "user data: %zu bytes%s", len,
		 a->user_key ? ", the request signed" : "");
	return -1;
}

/*
 * Where pvsecret writes NAME.yaml: beside @out, the name with its
 * extension (after the last dot not at its start) replaced by .yaml, as
 * Rust's Path::set_extension does.
 */
static int yaml_path(const char *out, const char *name, char *buf,
		     size_t size)
{
	const char *slash = strrchr(out, '/');
	const char *dot = strrchr(name, '.');
	size_t dir = slash ? (size_t)(slash - out) + 1 : 0;
	size_t stem = dot && dot != name && strcmp(name, "..") ?
		      (size_t)(dot - name) : strlen(name);
	int n;

	n = snprintf(buf, size, "%.*s%.*s.yaml", (int)dir, out, (int)stem,
		     name);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* How many characters of @set @s starts with. */
static size_t span(const char *s, const char *set)
{
	return strspn(s, set);
}

/*
 * Whether serde_yaml would read @s as a number rather than a string: an
 * integer (decimal, 0x, 0o, 0b) or a finite float.
 */
static int yaml_number(const char *s)
{
	static const char dec[] = "0123456789";
	size_t n;

	if (*s == '+' || *s == '-')
		s++;
	if (s[0] == '0' && s[1] && strchr("xob", s[1]) && s[2])
		return s[2 + span(s + 2, s[1] == 'x' ? "0123456789abcdefABCDEF" :
				  s[1] == 'o' ? "01234567" : "01")] == 0;
	n = span(s, dec);
	if (s[n] == '.') {
		size_t m = span(s + n + 1, dec);

		if (!n && !m)
			return 0;
		n += 1 + m;
	} else if (!n) {
		return 0;
	}
	if (s[n] == 'e' || s[n] == 'E') {
		n++;
		if (s[n] == '+' || s[n] == '-')
			n++;
		if (!span(s + n, dec))
			return 0;
		n += span(s + n, dec);
	}
	return s[n] == 0;
}

/*
 * A YAML scalar as serde_yaml writes a string: plain, or single-quoted
 * where it would be read as something else (a bool, null, a number) or
 * libyaml cannot write it plain.
 */
static void yaml_scalar(FILE *f, const char *s)
{
	static const char *const special[] = {
		"true", "True", "TRUE", "false", "False", "FALSE", "null",
		"Null", "NULL", "~", "y", "Y", "yes", "Yes", "YES", "n", "N",
		"no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
		".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", "+.inf",
		"+.Inf", "+.INF", ".nan", ".NaN", ".NAN",
	};
	size_t i, n = strlen(s);
	int quote = !n || s[0] == '@' || !strcmp(s, "-") || !strcmp(s, "?") ||
		    s[n - 1] == ':' || yaml_number(s);

	for (i = 0; !quote && i < sizeof(special) / sizeof(special[0]); i++)
		quote = !strcmp(s, special[i]);
	if (!quote) {
		fputs(s, f);
		return;
	}
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', f);
		fputc(*s, f);
	}
	fputc('\'', f);
}

/* pvsecret's NAME.yaml (serde_yaml of its GuestSecret). */
static void print_secret_yaml(FILE *f, const struct secret_args *a,
			      uint16_t type, const uint8_t id[SECRET_ID_LEN])
{
	if (a->kind == KIND_RETR) {
		fputs("!Retrievable\nkind: ", f);
		fprintf(f, "%u (%s)\n", type, secret_type_name(type));
	} else {
		fputs("!Association\n", f);
	}
	fputs("name: ", f);
	yaml_scalar(f, a->name);
	fputs("\nid: 0x", f);
	hex_print(f, id, SECRET_ID_LEN);
	fputs("\n", f);
}

static int write_secret_yaml(const struct secret_args *a, uint16_t type,
			     const uint8_t id[SECRET_ID_LEN])
{
	char path[YAML_PATH_MAX];
	FILE *f;

	if (a->to_stdout) {
		print_secret_yaml(stdout, a, type, id);
		/* println! after serde_yaml's newline */
		fputs("\n", stdout);
		return fflush(stdout) ? -1 : 0;
	}
	if (yaml_path(a->out, a->name, path, sizeof(path))) {
		cli_err("%s: name too long for the secret's YAML", a->name);
		return -1;
	}
	f = fopen(path, "w");
	if (!f) {
		cli_err("%s: %s", path, strerror(errno));
		return -1;
	}
	print_secret_yaml(f, a, type, id);
	if (fclose(f)) {
		cli_err("%s: %s", path, strerror(errno));
		return -1;
	}
	cli_note(1, "secret information (name, id, type) written to %s",
		 path);
	return 0;
}

/*
 * Fill the secret part of @p for @a->kind; @buf receives owned data and
 * @type the secret type.
 */
static int secret_part(const struct secret_args *a, struct asrcb_params *p,
		       uint8_t **buf, size_t *len, uint16_t *type)
{
	*buf = NULL;
	*len = 0;
	*type = 0;
	switch (a->kind) {
	case KIND_META:
		payload_null(p);
		return 0;
	case KIND_CCK:
		*len = 32;
		*buf = malloc(*len);
		if (!*buf || read_file_exact(a->secret, *buf, *len))
			return -1;
		payload_update_cck(p, *buf);
		return 0;
	case KIND_ASSOC:
		*len = 32;
		*buf = malloc(*len);
		if (!*buf)
			return -1;
		if (a->in_secret ? read_file_exact(a->in_secret, *buf, *len) :
				   cr_random(*buf, *len))
			return -1;
		*type = SECEX_SECRET_ASSOCIATION;
		break;
	case KIND_RETR:
		if (payload_retrievable(a->type, a->secret, type, buf, len))
			return -1;
		break;
	}
	return payload_listable(p, *type, a->name, a->use_name, *buf, *len);
}

/* pvsecret's refusal to make requests on the guest that uses them. */
static int guest_check(const struct secret_args *a)
{
	struct stat st;
	char v = 0;
	FILE *f;

	f = fopen("/sys/firmware/uv/prot_virt_guest", "r");
	if (!f)
		return 0;
	if (fread(&v, 1, 1, f) != 1)
		v = 0;
	fclose(f);
	/* the software ultravisor's test guests are no secure place either,
	 * but they are where the test flows make their requests */
	if (v != '1' || !stat("/sys/kernel/secex_swuv", &st))
		return 0;
	if (a->force) {
		cli_err("warning: --force: creating an add-secret request on a Secure Execution guest");
		return 0;
	}
	cli_err("this system is a Secure Execution guest: create add-secret requests on a trusted system, not where the secret is used (--force to override)");
	return -1;
}

/* Append the request's tag to the TOC policy file (pvsecret --toc-policy). */
static int toc_policy(const char *path, const uint8_t *req, size_t len)
{
	FILE *f = fopen(path, "a");

	if (!f) {
		cli_err("%s: %s", path, strerror(errno));
		return -1;
	}
	hex_print(f, req + len - GCM_TAG_LEN, GCM_TAG_LEN);
	fputs("\n", f);
	if (fclose(f)) {
		cli_err("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Everything after the request: the secret's YAML and the messages. */
static int after_request(const struct secret_args *a,
			 const struct asrcb_params *p, uint16_t type,
			 const uint8_t *secret, size_t slen)
{
	const uint8_t *id = p->sec_hdr + 16;

	if (a->kind != KIND_ASSOC && a->kind != KIND_RETR) {
		cli_note(1, "%s request written to %s",
			 a->kind == KIND_META ? "meta" : "update-CCK", a->out);
		return 0;
	}
	if (a->out_secret && write_file(a->out_secret, secret, slen, 0600))
		return -1;
	if (!a->to_stdout && cli_verbosity() >= 0) {
		printf("%s secret '%s', id 0x", secret_type_name(type),
		       a->name);
		hex_print(stdout, id, SECRET_ID_LEN);
		printf("\n");
	}
	return write_secret_yaml(a, type, id);
}

static int create(struct secret_args *a)
{
	struct asrcb_params p = { .flags = a->flags };
	struct sehdr_info hdr;
	struct req_keys k;
	uint8_t *secret = NULL, *req = NULL;
	size_t slen = 0, rlen = 0;
	uint16_t type = 0;
	int rc;

	rc = read_cuid(a, p.cuid);
	if (rc >= 0)
		return rc;
	rc = user_data(a, &p);
	if (rc >= 0)
		goto out_key;
	rc = EXIT_ERR;
	if (guest_check(a))
		goto out_key;
	if (sehdr_read(a->hdr, &hdr))
		goto out_key;
	p.hdr = &hdr;
	/* the host keys first: no secret is made or written for a refused one */
	if (req_keys_init(&k, &a->req))
		goto out_hdr;
	if (!ext_secret(a, &hdr, p.ext) &&
	    !secret_part(a, &p, &secret, &slen, &type) &&
	    !asrcb_build(&k, &p, &req, &rlen) &&
	    (!a->toc_policy || !toc_policy(a->toc_policy, req, rlen)) &&
	    !write_file(a->out, req, rlen, 0644) &&
	    !after_request(a, &p, type, secret, slen))
		rc = EXIT_OK;
	free(req);
	req_keys_free(&k);
out_hdr:
	sehdr_free(&hdr);
out_key:
	if (secret) {
		secure_zero(secret, slen);
		free(secret);
	}
	EVP_PKEY_free(p.sign_key);
	secure_zero(&p, sizeof(p));
	return rc;
}

/* KIND as pvsecret names it (retr and cck are its aliases). */
static int parse_kind(const char *kind, enum secret_kind *k)
{
	if (!strcmp(kind, "meta"))
		*k = KIND_META;
	else if (!strcmp(kind, "association"))
		*k = KIND_ASSOC;
	else if (!strcmp(kind, "retrievable") || !strcmp(kind, "retr"))
		*k = KIND_RETR;
	else if (!strcmp(kind, "update-cck") || !strcmp(kind, "cck"))
		*k = KIND_CCK;
	else
		return -1;
	return 0;
}

/* The usage checks of what the options left: -1 if all is well. */
static int secret_operands(struct secret_args *a, int argc, char **argv)
{
	const char *kind = optind < argc ? argv[optind] : NULL;
	char path[YAML_PATH_MAX];
	int rc;

	if (!a->req.nhkd)
		return cli_usage_error("missing --host-key-document");
	if (!a->hdr)
		return cli_usage_error("missing --hdr");
	if (!a->out)
		return cli_usage_error("missing --output");
	if (a->ext && a->cck)
		return cli_usage_error("--extension-secret and --cck exclude each other");
	if (a->cuid && a->cuid_hex)
		return cli_usage_error("--cuid and --cuid-hex exclude each other");
	if (a->flags_set && a->pcf_set)
		return cli_usage_error("--flags and --pcf exclude each other");
	/* pvsecret drops the reference of a signed request without a word */
	if (a->policy && (a->user_data || a->user_key))
		return cli_usage_error("--policy and --%s exclude each other: both fill the request's user data",
				       a->user_data ? "user-data" : "user-sign-key");
	if (!kind)
		return cli_usage_error("missing KIND: meta, association, retrievable or update-cck");
	if (parse_kind(kind, &a->kind))
		return cli_usage_error("unknown secret kind '%s'", kind);
	if (a->kind == KIND_META || a->kind == KIND_CCK) {
		rc = cli_operands(argc, argv, "KIND");
		if (rc >= 0)
			return rc;
		if (a->kind == KIND_CCK && !a->secret)
			return cli_usage_error("missing --secret");
		return -1;
	}
	rc = cli_operands(argc, argv, "KIND NAME");
	if (rc >= 0)
		return rc;
	a->name = argv[optind + 1];
	if (a->in_secret && a->out_secret)
		return cli_usage_error("--input-secret and --output-secret exclude each other");
	if (a->kind == KIND_RETR) {
		if (!a->type)
			return cli_usage_error("missing --type");
		if (!a->secret)
			return cli_usage_error("missing --secret");
	}
	/* as pvsecret: the YAML must not overwrite the request or secret */
	if (!a->to_stdout && !yaml_path(a->out, a->name, path, sizeof(path)) &&
	    (!strcmp(path, a->out) ||
	     (a->out_secret && !strcmp(path, a->out_secret))))
		return cli_usage_error("the secret's YAML would be written to %s, the file of --output or --output-secret",
				       path);
	return -1;
}

/* --flags LIST (comma-separated, repeatable) and the hidden --pcf HEX. */
static int parse_flags(struct secret_args *a, int opt, const char *arg)
{
	char *copy, *tok, *save = NULL;
	uint64_t v;
	int rc = -1;

	if (opt == OPT_PCF) {
		if (parse_u64(arg, &v, UINT64_MAX))
			return cli_usage_error("invalid value '%s' of --pcf", arg);
		a->flags = v;
		a->pcf_set = 1;
		return -1;
	}
	copy = strdup(arg);
	if (!copy)
		return EXIT_ERR;
	for (tok = strtok_r(copy, ",", &save); tok && rc < 0;
	     tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "disable-dump"))
			rc = cli_usage_error("unknown flag '%s'", tok);
		else
			a->flags |= ASRCB_FLAG_NO_DUMP;
	}
	free(copy);
	a->flags_set = 1;
	return rc;
}

/* Take option @c of secret create; -1 if taken, else the exit code. */
static int secret_opt(struct secret_args *a, int c, char *arg)
{
	switch (c) {
	case OPT_HDR:
		a->hdr = arg;
		break;
	case 'o':
		a->out = arg;
		break;
	case OPT_CUID:
		a->cuid = arg;
		break;
	case OPT_CUID_HEX:
		a->cuid_hex = arg;
		break;
	case OPT_EXT:
		a->ext = arg;
		break;
	case OPT_CCK:
		a->cck = arg;
		break;
	case OPT_FLAGS:
	case OPT_PCF:
		return parse_flags(a, c, arg);
	case OPT_USE_NAME:
		a->use_name = 1;
		break;
	case OPT_IN_SECRET:
		a->in_secret = arg;
		break;
	case OPT_OUT_SECRET:
		a->out_secret = arg;
		break;
	case OPT_TYPE:
		a->type = arg;
		break;
	case OPT_SECRET:
		a->secret = arg;
		break;
	case OPT_USER_DATA:
		a->user_data = arg;
		break;
	case OPT_USER_KEY:
		a->user_key = arg;
		break;
	case OPT_TOC_POLICY:
		a->toc_policy = arg;
		break;
	case OPT_POLICY:
		a->policy = arg;
		break;
	case OPT_STDOUT:
		a->to_stdout = 1;
		break;
	case 'f':
		a->force = 1;
		break;
	default:
		return req_opt(&a->req, c, arg);
	}
	return -1;
}

int cmd_secret_create(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "hdr", required_argument, NULL, OPT_HDR },
		{ "output", required_argument, NULL, 'o' },
		{ "cuid", required_argument, NULL, OPT_CUID },
		{ "cuid-hex", required_argument, NULL, OPT_CUID_HEX },
		{ "extension-secret", required_argument, NULL, OPT_EXT },
		{ "cck", required_argument, NULL, OPT_CCK },
		{ "flags", required_argument, NULL, OPT_FLAGS },
		{ "pcf", required_argument, NULL, OPT_PCF },
		{ "use-name", no_argument, NULL, OPT_USE_NAME },
		{ "input-secret", required_argument, NULL, OPT_IN_SECRET },
		{ "output-secret", required_argument, NULL, OPT_OUT_SECRET },
		{ "type", required_argument, NULL, OPT_TYPE },
		{ "secret", required_argument, NULL, OPT_SECRET },
		{ "user-data", required_argument, NULL, OPT_USER_DATA },
		{ "user-sign-key", required_argument, NULL, OPT_USER_KEY },
		{ "toc-policy", required_argument, NULL, OPT_TOC_POLICY },
		{ "policy", required_argument, NULL, OPT_POLICY },
		{ "stdout", no_argument, NULL, OPT_STDOUT },
		{ "force", no_argument, NULL, 'f' },
		REQ_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct secret_args a = { 0 };
	int c, rc;

	while ((c = cli_getopt(argc, argv, REQ_SHORT_OPTIONS "o:f", opts,
			       NULL, usage)) != -1) {
		rc = secret_opt(&a, c, optarg);
		if (rc >= 0)
			return rc;
	}
	rc = secret_operands(&a, argc, argv);
	if (rc >= 0)
		return rc;
	rc = create(&a);
	secure_zero(&a.req.fx, sizeof(a.req.fx));
	return rc;
}
