// SPDX-License-Identifier: GPL-2.0
/*
 * secex-key: volume keys for paes-xts-plain64 LUKS2 volumes of Secure
 * Execution guests, managed like zkey manages secure keys: a repository
 * of key tokens, validation through /dev/pkey, and the cryptsetup and
 * crypttab lines that use them.  LUKS2 through libcryptsetup, JSON through
 * json-c.
 */
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
"  crypttab [NAME]      print /etc/crypttab lines for its volumes, or for\n"
"                       volumes that open with a UV secret (--volumes)\n"
"  enroll VOLUME        add a key slot that opens with a plaintext UV\n"
"                       secret, and the secex-uv token naming it\n"
"  unenroll VOLUME      remove such key slots and tokens\n"
"\n"
"Run 'secex-key COMMAND --help' for the options of each, 'secex-key\n"
"--version' for the version.\n"
"\n"
"Repository: --repository DIR, else $" REPO_ENV ", else\n"
REPO_DEFAULT ".  $SECEX_PKEY_DEVICE overrides /dev/pkey.\n";

static const struct cli_cmd cmds[] = {
	{ "generate", cmd_generate },
	{ "list", cmd_list },
	{ "remove", cmd_remove },
	{ "validate", cmd_validate },
	{ "cryptsetup", cmd_cryptsetup },
	{ "crypttab", cmd_crypttab },
	{ "enroll", cmd_enroll },
	{ "unenroll", cmd_unenroll },
};

int main(int argc, char **argv)
{
	static const struct cli_tool tool = {
		"secex-key", usage, cmds, sizeof(cmds) / sizeof(cmds[0]),
	};

	return cli_main(&tool, argc, argv);
}
