// SPDX-License-Identifier: GPL-2.0
/*
 * secex-owner: the owner side of IBM Secure Execution: test host keys, SE
 * headers, attestation requests and their verification, add-secret
 * requests.
 */
#include "cmds.h"

static const char usage[] =
"Usage: secex-owner [-v|-q] COMMAND SUBCOMMAND [OPTIONS]\n"
"\n"
"Owner-side tool for IBM Secure Execution guests (the peer of secex-uv,\n"
"which runs inside the guest).  Formats are those of s390-tools:\n"
"genprotimg SE headers, pvattest exchange files, pvsecret requests.\n"
"\n"
"Commands:\n"
"  hostkey make     generate a TEST host key and host-key document\n"
"  hdr make         write the SE header of an image for some host keys\n"
"  attest create    create an attestation request (exchange file + key)\n"
"  attest verify    verify a performed attestation request\n"
"  secret create    create an add-secret request\n"
"\n"
"Run 'secex-owner COMMAND SUBCOMMAND --help' for the options of each,\n"
"'secex-owner --version' for the version.\n"
"attest create/verify and secret create take the options of pvattest and\n"
"pvsecret (Documentation/tools.md has the table).\n"
"Host-key documents are verified against the IBM Z host-key signing key,\n"
"its CA chain and CRLs given with --cert and --crl (as pvattest and pvsecret\n"
"do); --no-verify, for test keys only, skips that with a warning.\n";

static const struct cli_cmd cmds[] = {
	{ "hostkey make", cmd_hostkey_make },
	{ "hdr make", cmd_hdr_make },
	{ "attest create", cmd_attest_create },
	{ "attest verify", cmd_attest_verify },
	{ "secret create", cmd_secret_create },
};

int main(int argc, char **argv)
{
	static const struct cli_tool tool = {
		"secex-owner", usage, cmds, sizeof(cmds) / sizeof(cmds[0]),
	};

	return cli_main(&tool, argc, argv);
}
