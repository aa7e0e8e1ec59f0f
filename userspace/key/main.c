// SPDX-License-Identifier: GPL-2.0
/*
 * secex-key: volume keys for paes-xts-plain64 LUKS2 volumes of Secure
 * Execution guests, managed like zkey manages secure keys: a repository
 * of key tokens, validation through /dev/pkey, and the cryptsetup and
 * crypttab lines that use them.  LUKS2 through libcryptsetup, JSON through
 * json-c.
 */
#include <stdio.h>
#include <string.h>

#include "cmds.h"
#include "repo.h"

static const char usage[] =
"Usage: secex-key COMMAND [OPTIONS]\n"
"\n"
"Manage volume keys for LUKS2 volumes encrypted with paes-xts-plain64:\n"
"key tokens the kernel turns into protected keys (secex_pkey, secex_paes),\n"
"either references to retrievable ultravisor secrets (PVSECRET-AES) or,\n"
"for tests, clear-key tokens (CLEAR-AES).\n"
"\n"
"Commands:\n"
"  generate NAME        make a key and store it in the repository\n"
"  list [NAME]          show the keys and their properties\n"
"  remove NAME          delete a key from the repository\n"
"  validate [NAME]      check a key through /dev/pkey, show its verification\n"
"                       pattern, compare it with a LUKS2 volume (--luks)\n"
"  cryptsetup NAME      format and open its LUKS2 volumes (libcryptsetup), or\n"
"                       --print-commands: print the cryptsetup commands\n"
"  crypttab NAME        print /etc/crypttab lines for its volumes\n"
"\n"
"Run 'secex-key COMMAND --help' for the options of each.\n"
"\n"
"Repository: --repository DIR, else $" REPO_ENV ", else\n"
REPO_DEFAULT ".  $SECEX_PKEY_DEVICE overrides /dev/pkey.\n"
"\n"
"Exit status: 0 success; 1 usage error; 2 repository, file or device\n"
"error; 3 the key cannot be used or a verification pattern differs.\n";

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} cmds[] = {
	{ "generate", cmd_generate },
	{ "list", cmd_list },
	{ "remove", cmd_remove },
	{ "validate", cmd_validate },
	{ "cryptsetup", cmd_cryptsetup },
	{ "crypttab", cmd_crypttab },
};

int usage_error(const char *text)
{
	fputs(text, stderr);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	for (i = 0; argc >= 2 && i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	return usage_error(usage);
}
