// SPDX-License-Identifier: GPL-2.0
/*
 * secex-uv: the guest side of IBM Secure Execution through /dev/uv:
 * attestation, the secret store, and provisioning the software ultravisor.
 * Only needs libc, so it can be linked statically for s390x.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmds.h"

static const char usage[] =
"Usage: secex-uv COMMAND [SUBCOMMAND] [OPTIONS]\n"
"\n"
"Talk to the Secure Execution ultravisor through /dev/uv (the upstream s390\n"
"uvdevice ABI).  Files are in s390-tools formats: pvattest exchange files,\n"
"pvsecret add-secret requests.\n"
"\n"
"Commands:\n"
"  info                         supported ioctls and ultravisor calls\n"
"  attest perform IN OUT        run an attestation request\n"
"  secret add FILE              add a secret to the secret store\n"
"  secret list                  list the secrets in the store\n"
"  secret lock                  lock the secret store\n"
"  secret retrieve              retrieve a retrievable secret\n"
"  provision                    provision the software ultravisor\n"
"\n"
"Run 'secex-uv COMMAND [SUBCOMMAND] --help' for details.\n"
"\n"
"Environment: SECEX_UV_DEVICE overrides the device (default /dev/uv).\n"
"\n"
"Exit status: 0 success; 1 usage, file or device error; 2 the ultravisor\n"
"rejected the call (its rc and rrc are printed in words).\n";

static const struct {
	const char *cmd, *sub;
	int (*fn)(int argc, char **argv);
} cmds[] = {
	{ "info", NULL, cmd_info },
	{ "attest", "perform", cmd_attest_perform },
	{ "secret", "add", cmd_secret_add },
	{ "secret", "list", cmd_secret_list },
	{ "secret", "lock", cmd_secret_lock },
	{ "secret", "retrieve", cmd_secret_retrieve },
	{ "provision", NULL, cmd_provision },
};

int simple_opts(int argc, char **argv, const char *text, int nargs)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(text, stdout);
			return EXIT_OK;
		}
		fputs(text, stderr);
		return EXIT_ERR;
	}
	if (argc - optind != nargs) {
		fputs(text, stderr);
		return EXIT_ERR;
	}
	return -1;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	for (i = 0; argc >= 2 && i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (strcmp(argv[1], cmds[i].cmd))
			continue;
		if (!cmds[i].sub)
			return cmds[i].fn(argc - 1, argv + 1);
		if (argc >= 3 && !strcmp(argv[2], cmds[i].sub))
			return cmds[i].fn(argc - 2, argv + 2);
	}
	fputs(usage, stderr);
	return EXIT_ERR;
}
