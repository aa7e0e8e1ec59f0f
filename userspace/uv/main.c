// SPDX-License-Identifier: GPL-2.0
/*
 * secex-uv: the guest side of IBM Secure Execution through /dev/uv:
 * attestation, the secret store, and provisioning the software ultravisor.
 * Only needs libc, so it can be linked statically for s390x.
 */
#include "cmds.h"

static const char usage[] =
"Usage: secex-uv [-v|-q] COMMAND [SUBCOMMAND] [OPTIONS]\n"
"\n"
"Talk to the Secure Execution ultravisor through /dev/uv (the upstream s390\n"
"uvdevice ABI).  Files are in s390-tools formats: pvattest exchange files,\n"
"pvsecret add-secret requests.\n"
"\n"
"Commands:\n"
"  info                         supported ioctls and ultravisor calls\n"
"  attest perform IN OUT        run an attestation request\n"
"  secret add FILE              add a secret to the secret store\n"
"  secret add-dir [DIR]         add every request in DIR (the boot step)\n"
"  secret list                  list the secrets in the store\n"
"  secret lock                  lock the secret store\n"
"  secret retrieve              retrieve a retrievable secret\n"
"  provision                    provision the software ultravisor\n"
"\n"
"attest perform and secret add/list/lock/retrieve take the options of\n"
"pvattest and pvsecret.  Run 'secex-uv COMMAND [SUBCOMMAND] --help' for\n"
"details, 'secex-uv --version' for the version.\n"
"\n"
"Environment: SECEX_UV_DEVICE overrides the device (default /dev/uv),\n"
"SECEX_PKEY_DEVICE the pkey device of 'secret retrieve --verify' (default\n"
"/dev/pkey).\n";

static const struct cli_cmd cmds[] = {
	{ "info", cmd_info },
	{ "attest perform", cmd_attest_perform },
	{ "secret add", cmd_secret_add },
	{ "secret add-dir", cmd_secret_add_dir },
	{ "secret list", cmd_secret_list },
	{ "secret lock", cmd_secret_lock },
	{ "secret retrieve", cmd_secret_retrieve },
	/* pvsecret's alias */
	{ "secret retr", cmd_secret_retrieve },
	{ "provision", cmd_provision },
};

int main(int argc, char **argv)
{
	static const struct cli_tool tool = {
		"secex-uv", usage, cmds, sizeof(cmds) / sizeof(cmds[0]),
	};

	return cli_main(&tool, argc, argv);
}
