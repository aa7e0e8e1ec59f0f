/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The command-line layer of secex-uv, secex-owner and secex-key: one exit
 * code table, one subcommand dispatcher with --help and --version, the
 * options every subcommand shares, and messages that name the tool and
 * the subcommand ("secex-owner hdr make: missing --hdr (see --help)").
 */
#ifndef SECEX_CLI_H
#define SECEX_CLI_H

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>

/* Exit codes, the same in all three tools (Documentation/tools.md). */
#define EXIT_OK		0	/* success */
#define EXIT_ERR	1	/* a file, device, repository or system error */
#define EXIT_REJECTED	2	/* the ultravisor rejected the call, or the
				 * attestation does not verify (pvattest's 2) */
#define EXIT_UNUSABLE	3	/* the key cannot be used, or its verification
				 * pattern differs */
#define EXIT_USAGE	64	/* bad command line (sysexits.h's EX_USAGE) */

struct cli_cmd {
	const char *name;	/* "info", or "hdr make" for a nested one */
	/* argv[0] is the last word of @name; returns an EXIT_* code */
	int (*run)(int argc, char **argv);
};

struct cli_tool {
	const char *name;	/* "secex-uv" */
	const char *help;	/* the text of 'NAME --help', without exit codes */
	const struct cli_cmd *cmds;
	size_t ncmds;
};

/* Find the subcommand of argv[1..] and run it; the whole main() of a tool. */
int cli_main(const struct cli_tool *tool, int argc, char **argv);

/* What getopt_long() returns for the options every subcommand shares. */
#define CLI_HELP	(-2)	/* -h/--help: @help was printed */
#define CLI_BAD		(-3)	/* a bad option: the message was printed */

/*
 * getopt_long() for a subcommand whose own options are @shortopts and
 * @longopts (NULL for none; no "help" entry needed).  -h and --help print
 * @help to stdout and return CLI_HELP; an unknown option or a missing
 * value is reported in the tool's words and returns CLI_BAD.  After the
 * last option, the operands (from argv[optind]) are checked against
 * @operands as by cli_operands() unless that is NULL: -1 if they match,
 * else CLI_BAD.
 */
int cli_getopt(int argc, char **argv, const char *shortopts,
	       const struct option *longopts, const char *operands,
	       const char *help);
/* The exit code for what cli_getopt() returned and the caller did not take. */
int cli_exit(int opt);
/*
 * Check that the operands after the options are exactly the
 * space-separated @names ("IN OUT", "" for none).  Returns -1 if they are,
 * else EXIT_USAGE after "missing IN" or "unexpected argument 'x'".
 */
int cli_operands(int argc, char **argv, const char *names);
/* A subcommand without options of its own: -1 to go on, else the exit code. */
int cli_no_options(int argc, char **argv, const char *help,
		   const char *names);

/*
 * Verbosity, as pvattest and pvsecret count it: every -v/--verbose adds
 * one, every -q/--quiet takes one away; 0 by default.  The options are
 * taken before the subcommand (cli_main()) and among its options
 * (cli_getopt()), unless the subcommand has a -v or -q of its own
 * (secex-key cryptsetup's -q is --batch-mode).  -V counts as -v, with
 * pvattest's deprecation warning.
 */
int cli_verbosity(void);
/* "TOOL SUBCOMMAND: MESSAGE" on stderr if the verbosity is >= @level. */
void cli_note(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "TOOL SUBCOMMAND: MESSAGE (see --help)" on stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* "TOOL SUBCOMMAND: MESSAGE" on stderr (MESSAGE alone outside cli_main()). */
void cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Write @s for a terminal: control characters (and DEL, and the C1
 * controls of UTF-8) as \xNN, a backslash as \\.  For text that comes
 * from disk (key repositories, LUKS2 headers), which the host may write.
 */
void cli_put_safe(FILE *f, const char *s);

#endif /* SECEX_CLI_H */
