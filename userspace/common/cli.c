// SPDX-License-Identifier: GPL-2.0
/*
 * The command-line layer of secex-uv, secex-owner and secex-key.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

#ifndef SECEX_VERSION
#define SECEX_VERSION "unknown"
#endif

#define MAX_LONGOPTS	48
/* what getopt_long() returns for --verbose and --quiet */
#define OPT_VERBOSE	0x7f01
#define OPT_QUIET	0x7f02

static const char exit_codes[] =
"Exit status (the same in secex-uv, secex-owner and secex-key):\n"
"   0  success\n"
"   1  error: a file, device or repository cannot be used, or its content\n"
"      is invalid\n"
"   2  rejected: the ultravisor rejected the call (its rc and rrc are\n"
"      printed), or the attestation does not verify (attest verify)\n"
"   3  the key cannot be used, or its verification pattern differs\n"
"  64  usage: an unknown subcommand or option, a missing or an extra\n"
"      argument, an invalid option value\n";

/* "secex-owner hdr make": the tool and the words of the subcommand so far */
static char context[128];
/* -v/--verbose and -q/--quiet, counted (cli.h) */
static int verbosity;

static void vmessage(const char *fmt, va_list ap, const char *tail)
{
	if (context[0])
		fprintf(stderr, "%s: ", context);
	vfprintf(stderr, fmt, ap);
	fputs(tail, stderr);
}

void cli_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap, "\n");
	va_end(ap);
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap, " (see --help)\n");
	va_end(ap);
	return EXIT_USAGE;
}

int cli_verbosity(void)
{
	return verbosity;
}

void cli_note(int level, const char *fmt, ...)
{
	va_list ap;

	if (verbosity < level)
		return;
	va_start(ap, fmt);
	vmessage(fmt, ap, "\n");
	va_end(ap);
}

/* Count -V, as pvattest does, with its warning. */
static void deprecated_verbose(void)
{
	verbosity++;
	fprintf(stderr, "WARNING: Use of deprecated flag '-V'. Use '-v' or '--verbose' instead.\n");
}

/*
 * Take @arg if it is a verbosity option (-v, -vv, -q, -V, --verbose,
 * --quiet): 1 if it was, 0 if not.
 */
static int global_option(const char *arg)
{
	const char *p;

	if (!strcmp(arg, "--verbose")) {
		verbosity++;
		return 1;
	}
	if (!strcmp(arg, "--quiet")) {
		verbosity--;
		return 1;
	}
	if (arg[0] != '-' || !arg[1] || arg[strspn(arg + 1, "vqV") + 1])
		return 0;
	for (p = arg + 1; *p; p++) {
		if (*p == 'v')
			verbosity++;
		else if (*p == 'q')
			verbosity--;
		else
			deprecated_verbose();
	}
	return 1;
}

static const char global_options[] =
"Global options (before or after the subcommand):\n"
"  -v, --verbose          more detail on standard error; repeat for more\n"
"  -q, --quiet            less output\n";

static void print_help(const char *help)
{
	fputs(help, stdout);
	fputs("\n", stdout);
	fputs(global_options, stdout);
	fputs("\n", stdout);
	fputs(exit_codes, stdout);
}

/* Word @k (from 0) of the space-separated @s, its length in *@len. */
static const char *word(const char *s, int k, size_t *len)
{
	while (k-- > 0) {
		s = strchr(s, ' ');
		if (!s)
			return NULL;
		s++;
	}
	*len = strcspn(s, " ");
	return s;
}

static int word_is(const char *s, int k, const char *w)
{
	size_t len;
	const char *p = word(s, k, &len);

	return p && strlen(w) == len && !strncmp(p, w, len);
}

/* Whether the first @k words of @name are those of @argv. */
static int prefix_is(const char *name, int k, char **argv)
{
	int i;

	for (i = 0; i < k; i++)
		if (!word_is(name, i, argv[i]))
			return 0;
	return 1;
}

static void context_add(const char *w)
{
	size_t n = strlen(context);

	snprintf(context + n, sizeof(context) - n, "%s%s", n ? " " : "", w);
}

int cli_main(const struct cli_tool *t, int argc, char **argv)
{
	size_t i, len;
	int k;

	context[0] = 0;
	context_add(t->name);
	opterr = 0;
	verbosity = 0;
	/* argv[1 + k] is word k of the subcommand */
	for (k = 0;; k++) {
		const struct cli_cmd *found = NULL;
		const char *arg;
		int deeper = 0;

		/* pvattest -v create: taken out of argv wherever they stand */
		while (1 + k < argc && global_option(argv[1 + k])) {
			memmove(argv + 1 + k, argv + 2 + k,
				(size_t)(argc - 1 - k) * sizeof(*argv));
			argc--;
		}
		if (1 + k >= argc)
			return cli_usage_error("missing subcommand");
		arg = argv[1 + k];
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			print_help(t->help);
			return EXIT_OK;
		}
		if (k == 0 && !strcmp(arg, "--version")) {
			printf("%s %s\n", t->name, SECEX_VERSION);
			return EXIT_OK;
		}
		if (arg[0] == '-' && arg[1])
			return cli_usage_error("unknown option '%.*s'",
					       (int)strcspn(arg, "="), arg);
		for (i = 0; i < t->ncmds; i++) {
			const char *name = t->cmds[i].name;

			if (!prefix_is(name, k + 1, argv + 1))
				continue;
			if (word(name, k + 1, &len))
				deeper = 1;
			else
				found = &t->cmds[i];
		}
		if (found) {
			context_add(arg);
			return found->run(argc - 1 - k, argv + 1 + k);
		}
		if (!deeper)
			return cli_usage_error("unknown subcommand '%s'", arg);
		context_add(arg);
	}
}

/* Whether @name (@len bytes, maybe abbreviated) is a long option of @val. */
static int is_long_option(const struct option *table, const char *name,
			  size_t len, int val)
{
	for (; table->name; table++)
		if (table->val == val && !strncmp(table->name, name, len))
			return 1;
	return 0;
}

/*
 * The option that getopt_long() just refused, as given: "--name" of a long
 * one (without "=value"), "-c" of a short one.
 */
static void refused_option(char **argv, const struct option *table,
			   char *buf, size_t size, int *is_long)
{
	const char *prev = optind > 0 ? argv[optind - 1] : "";
	size_t n = strcspn(prev, "=");

	*is_long = 0;
	/* optopt is 0 for an unknown long option, else the option's value */
	if (!strncmp(prev, "--", 2) &&
	    (!optopt || is_long_option(table, prev + 2, n - 2, optopt))) {
		snprintf(buf, size, "%.*s", (int)n, prev);
		*is_long = 1;
	} else {
		snprintf(buf, size, "-%c", optopt);
	}
}

/* Whether the subcommand's own options use short option or value @c. */
static int own_option(const char *shortopts, const struct option *longopts,
		      int c)
{
	if (strchr(shortopts, c))
		return 1;
	for (; longopts && longopts->name; longopts++)
		if (longopts->val == c)
			return 1;
	return 0;
}

/* Whether @longopts has a long option @name. */
static int own_long_option(const struct option *longopts, const char *name)
{
	for (; longopts && longopts->name; longopts++)
		if (!strcmp(longopts->name, name))
			return 1;
	return 0;
}

/*
 * The option table and the option string of a subcommand: its own, -h and
 * --help, and the verbosity options it does not use itself.
 */
static int build_options(const char *shortopts, const struct option *longopts,
			 struct option *opts, char *optstring, size_t size)
{
	static const struct option help_opt = { "help", no_argument, NULL, 'h' };
	static const struct option verbose_opt = {
		"verbose", no_argument, NULL, OPT_VERBOSE
	};
	static const struct option quiet_opt = {
		"quiet", no_argument, NULL, OPT_QUIET
	};
	int i = 0;

	for (; longopts && longopts[i].name; i++) {
		if (i == MAX_LONGOPTS) {
			cli_err("too many options");
			return -1;
		}
		opts[i] = longopts[i];
	}
	opts[i++] = help_opt;
	if (!own_long_option(longopts, "verbose"))
		opts[i++] = verbose_opt;
	if (!own_long_option(longopts, "quiet"))
		opts[i++] = quiet_opt;
	memset(&opts[i], 0, sizeof(opts[i]));
	/* ':' first: a missing value is told apart from an unknown option */
	snprintf(optstring, size, ":h%s", shortopts);
	for (i = 0; "vqV"[i]; i++) {
		size_t n = strlen(optstring);

		if (!own_option(shortopts, longopts, "vqV"[i]) && n + 1 < size) {
			optstring[n] = "vqV"[i];
			optstring[n + 1] = 0;
		}
	}
	return 0;
}

int cli_getopt(int argc, char **argv, const char *shortopts,
	       const struct option *longopts, const char *operands,
	       const char *help)
{
	static struct option opts[MAX_LONGOPTS + 4];
	static char optstring[64];
	char name[64];
	int c, is_long;

	if (build_options(shortopts, longopts, opts, optstring,
			  sizeof(optstring)))
		return CLI_BAD;
	opterr = 0;

	for (;;) {
		c = getopt_long(argc, argv, optstring, opts, NULL);
		if (c == OPT_VERBOSE ||
		    (c == 'v' && !own_option(shortopts, longopts, c)))
			verbosity++;
		else if (c == OPT_QUIET ||
			 (c == 'q' && !own_option(shortopts, longopts, c)))
			verbosity--;
		else if (c == 'V' && !own_option(shortopts, longopts, c))
			deprecated_verbose();
		else
			break;
	}
	switch (c) {
	case -1:
		if (operands && cli_operands(argc, argv, operands) >= 0)
			return CLI_BAD;
		return -1;
	case 'h':
		print_help(help);
		return CLI_HELP;
	case ':':
		refused_option(argv, opts, name, sizeof(name), &is_long);
		cli_usage_error("option '%s' needs a value", name);
		return CLI_BAD;
	case '?':
		refused_option(argv, opts, name, sizeof(name), &is_long);
		if (is_long && optopt)
			cli_usage_error("option '%s' takes no value", name);
		else
			cli_usage_error("unknown option '%s'", name);
		return CLI_BAD;
	default:
		return c;
	}
}

int cli_exit(int opt)
{
	if (opt == CLI_HELP)
		return EXIT_OK;
	if (opt != CLI_BAD)
		cli_usage_error("option '-%c' is not handled", opt);
	return EXIT_USAGE;
}

int cli_operands(int argc, char **argv, const char *names)
{
	int have = argc - optind, want = 0;
	size_t len;

	while (word(names, want, &len) && len)
		want++;
	if (have < want) {
		const char *w = word(names, have, &len);

		return cli_usage_error("missing %.*s", (int)len, w);
	}
	if (have > want)
		return cli_usage_error("unexpected argument '%s'",
				       argv[optind + want]);
	return -1;
}

int cli_no_options(int argc, char **argv, const char *help,
		   const char *names)
{
	int c = cli_getopt(argc, argv, "", NULL, names, help);

	return c == -1 ? -1 : cli_exit(c);
}

void cli_put_safe(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		/* U+0080..U+009F are C1 controls: 0xc2 0x80..0x9f in UTF-8 */
		int c1 = p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f;

		if (*p < 0x20 || *p == 0x7f || c1) {
			fprintf(f, "\\x%02x", *p);
			if (c1)
				fprintf(f, "\\x%02x", *++p);
		} else if (*p == '\\') {
			fputs("\\\\", f);
		} else {
			fputc(*p, f);
		}
	}
}
