#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# --format text|json|yaml (Documentation/tools.md, "Machine-readable
# output") of secex-uv info, secex-uv secret list, secex-key list and
# secex-key validate, and the one emitter behind it (common/emit.c):
#   - the emitter alone (tests/emit_test.c): every byte value, ill-formed
#     UTF-8, quotes, backslashes, newlines, every kind of value, empty and
#     nested containers; misuse is reported;
#   - for each command: the JSON parses with 'python3 -m json.tool', the
#     JSON and the YAML carry the values the text output shows
#     (tests/format_check.py), "human" is "text", an unknown --format
#     exits 64 naming it, --help lists --format;
#   - names that come from the ultravisor or from disk are escaped: a
#     secret name with quotes and a backslash, a description with control
#     characters and bytes that are no UTF-8, paths with a newline.
# secex-uv runs against a stand-in ultravisor: tests/uv_shim.c, preloaded,
# answers the /dev/uv ioctls (SECEX_UV_DEVICE=/dev/null).  A statically
# linked secex-uv cannot be preloaded: its checks are skipped.  The YAML is
# parsed with python3's yaml module (PyYAML); without it those checks are
# skipped.  The real device paths run in a VM (selftests/uv).  TAP.
#
# Environment: SECEX_UV, SECEX_KEY (binaries), EMIT_TEST (tests/emit_test.c
# built), UV_SHIM (tests/uv_shim.c built as a shared object).

set -u
top=$(cd "$(dirname "$0")/.." && pwd)
UV=${SECEX_UV:-$top/secex-uv}
KEY=${SECEX_KEY:-$top/secex-key}
EMIT_TEST=${EMIT_TEST:-$top/obj/emit_test}
UV_SHIM=${UV_SHIM:-$top/obj/uv_shim.so}
CHECK=$top/tests/format_check.py
. "$top/tests/tap.sh"
export SECEX_PKEY_DEVICE="$T/no-pkey"

skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

if python3 -c 'import yaml' 2>/dev/null; then
	yaml=1
else
	yaml=0
	why_yaml="python3 has no yaml module (PyYAML): the YAML is not parsed"
fi

# parsed FMT DOC: the document parses (JSON: with python3 -m json.tool).
parsed() {
	if [ "$1" = json ]; then
		python3 -m json.tool "$2" >/dev/null
	else
		python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$2"
	fi
}

# formats DESC CHECK DOC-BASE TEXT [EXTRA]: DOC-BASE.json and .yaml parse
# and pass format_check.py CHECK against TEXT; the two are the same.
formats() {
	check "$1: --format json parses (python3 -m json.tool)" \
		parsed json "$3.json"
	check "$1: --format json matches the text output" \
		python3 "$CHECK" "$2" json "$3.json" "$4" ${5:+"$5"}
	if [ "$yaml" = 1 ]; then
		check "$1: --format yaml parses and matches the text output" \
			python3 "$CHECK" "$2" yaml "$3.yaml" "$4" ${5:+"$5"}
		check "$1: --format yaml is the JSON's tree" \
			python3 "$CHECK" same json "$3.json" yaml "$3.yaml"
	else
		skip "$1: --format yaml" "$why_yaml"
	fi
}

# bad_format DESC CMD...: CMD (with --format xml) exits 64 and names 'xml'.
bad_format() {
	desc=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" = 64 ] && grep -q "'xml'" "$T/err" && grep -q -- --format "$T/err" &&
	   [ ! -s "$T/out" ]; then
		ok "$desc: --format xml exits 64 naming it"
	else
		not_ok "$desc: --format xml exits 64 naming it"
		echo "# exit $rc"
		sed 's/^/# /' "$T/err"
	fi
}

# in_help DESC VALUES CMD...: 'CMD --help' has "--format VALUES" in its usage
# line (which gen-cli-docs completes) and an option line for --format.
in_help() {
	desc=$1 values=$2
	shift 2
	"$@" --help >"$T/help" 2>&1
	if head -n 2 "$T/help" | grep -q -- "--format $values" &&
	   grep -Eq '^ +(-[a-z], )?--format FMT ' "$T/help"; then
		ok "$desc: --help shows --format $values"
	else
		not_ok "$desc: --help shows --format $values"
		sed 's/^/# /' "$T/help"
	fi
}

# ---- the emitter ----------------------------------------------------------

printf 'line\nbreak "quoted" back\\slash tab\t esc\033 del\177 nul\000 \303\251 \342\200\250 \360\237\230\200 bad\377 \355\240\200 \300\257 \360\237\230 end' \
	>"$T/hostile.bin"
for f in json yaml; do
	"$EMIT_TEST" "$f" <"$T/hostile.bin" >"$T/emit.$f"
	echo $? >"$T/emit.$f.rc"
done
check "emitter: JSON and YAML written (exit 0)" \
	sh -c "[ \$(cat '$T/emit.json.rc') = 0 ] && [ \$(cat '$T/emit.yaml.rc') = 0 ]"
formats "emitter" emit "$T/emit" "$T/hostile.bin"
check "emitter: a newline in a string is escaped, not a line break" \
	grep -q '"line\\u000abreak \\"quoted\\" back\\\\slash tab\\u0009 esc\\u001b del\\u007f nul\\u0000 ' "$T/emit.json"
check "emitter: printable ASCII is single-quoted in YAML ('' for ')" \
	grep -qx "quote: ''''" "$T/emit.yaml"
check "emitter: misuse (unbalanced, keys, depth) is reported" "$EMIT_TEST" misuse

# ---- secex-uv info and secret list, with the stand-in ultravisor -----------

# uv ARGS...: secex-uv with the stand-in ultravisor.
uv() {
	SECEX_UV_DEVICE=/dev/null LD_PRELOAD="$UV_SHIM" "$UV" "$@"
}

# The secret list: 3 entries of 5 secrets (the header's total), one named
# 'a"b\c'd' (a NUL-padded printable id, shown as a name), one with a
# SHA-256 id, one of an unknown type.
python3 -c '
import hashlib, struct, sys
ents = [(1, 3, 32, b"a\"b\\c'"'"'d".ljust(32, b"\0")),
        (2, 8, 64, hashlib.sha256(b"disk-key").digest()),
        (7, 0x99, 5, bytes(range(32)))]
sys.stdout.buffer.write(struct.pack(">HH12x", len(ents), 5) + b"".join(
    struct.pack(">HHI8x", i, t, n) + sid for i, t, n, sid in ents))
' >"$T/list.bin"
export UV_SHIM_INFO="13f 3a" UV_SHIM_LIST="$T/list.bin"

if [ ! -f "$UV_SHIM" ] || ! uv info >"$T/info.txt" 2>"$T/err"; then
	why="the stand-in ultravisor ($UV_SHIM) cannot be preloaded into $UV (static?): $(head -n 1 "$T/err")"
	for c in "secex-uv info" "secex-uv secret list"; do
		skip "$c --format json|yaml" "$why"
	done
else
	uv info --format json >"$T/info.json"
	uv info --format yaml >"$T/info.yaml"
	formats "secex-uv info" uvinfo "$T/info" "$T/info.txt"
	check "secex-uv info: the stand-in's 0x13f: ioctl 8 'unknown' listed" \
		grep -q '^8   unknown ' "$T/info.txt"
	check "secex-uv info: --format human and text are the text output" \
		sh -c "uv() { SECEX_UV_DEVICE=/dev/null LD_PRELOAD='$UV_SHIM' '$UV' \"\$@\"; }
			uv info --format human | cmp - '$T/info.txt' &&
			uv info --format=text | cmp - '$T/info.txt'"

	uv secret list >"$T/list.txt"
	uv secret list --format json >"$T/list.json"
	uv secret list -f yaml >"$T/list.yaml"
	formats "secex-uv secret list" seclist "$T/list" "$T/list.txt" "$T/list.bin"
	check "secex-uv secret list: a name from the UV with quotes and a backslash, escaped" \
	grep -qF '"name": "a\"b\\c'"'"'d"' "$T/list.json"
check "secex-uv secret list: pvsecret's YAML lines (single-quoted id)" \
		grep -qx "  id: '0xc449460ea4c4691fba0c504b394f83a3a10b1b2b87c235173ba5a440b7e17b93'" "$T/list.yaml"
	check "secex-uv secret list: --format bin is the list as the UV returned it" \
		sh -c "SECEX_UV_DEVICE=/dev/null LD_PRELOAD='$UV_SHIM' '$UV' secret list --format bin | cmp - '$T/list.bin'"
	check "secex-uv secret list: -f text, human: the text output" \
		sh -c "uv() { SECEX_UV_DEVICE=/dev/null LD_PRELOAD='$UV_SHIM' '$UV' \"\$@\"; }
			uv secret list -f text | cmp - '$T/list.txt' &&
			uv secret list --format human | cmp - '$T/list.txt'"
	check "secex-uv secret list: --format json -o FILE, and the FILE operand" \
		sh -c "uv() { SECEX_UV_DEVICE=/dev/null LD_PRELOAD='$UV_SHIM' '$UV' \"\$@\"; }
			uv secret list --format json -o '$T/o.json' && cmp '$T/o.json' '$T/list.json' &&
			uv secret list --format json '$T/p.json' && cmp '$T/p.json' '$T/list.json'"
	check "secex-uv secret list: the backend changed while listing (EAGAIN, twice): retried, the same list, no message" \
		sh -c "UV_SHIM_LIST_EAGAIN=2 SECEX_UV_DEVICE=/dev/null LD_PRELOAD='$UV_SHIM' '$UV' secret list \
			>'$T/again.txt' 2>'$T/again.err' && cmp '$T/again.txt' '$T/list.txt' && [ ! -s '$T/again.err' ]"
	check "secex-uv secret list: EAGAIN at every try: exit 1, one message that says why" \
		sh -c "UV_SHIM_LIST_EAGAIN=99 SECEX_UV_DEVICE=/dev/null LD_PRELOAD='$UV_SHIM' '$UV' secret list \
			>/dev/null 2>'$T/again.err'; rc=\$?; cat '$T/again.err';
			[ \$rc = 1 ] && [ \$(wc -l <'$T/again.err') = 1 ] &&
			grep -q 'backend changed while listing' '$T/again.err'"
fi
bad_format "secex-uv info" "$UV" info --format xml
bad_format "secex-uv secret list" "$UV" secret list --format xml
in_help "secex-uv info" "text|json|yaml" "$UV" info
in_help "secex-uv secret list" "human|text|json|yaml|bin" "$UV" secret list

# ---- secex-key list and validate ----------------------------------------

R=$T/repo
mkdir -m 0700 "$R"
desc=$(printf 'data "vol" back\\slash tab\t cr\r esc\033[31m \303\251 bad\377 end')
"$KEY" generate uk -r "$R" --secret-name 'disk"key\x' -d "$desc" \
	-l /dev/vdb:data,/dev/disk/by-path/ccw-0.0.0001:other -S 4096 \
	>"$T/log" 2>&1 || { sed 's/^/# /' "$T/log"; }
"$KEY" generate ck -r "$R" -x pair >"$T/log" 2>&1 || sed 's/^/# /' "$T/log"

"$KEY" list -r "$R" >"$T/keys.txt"
"$KEY" list -r "$R" --format json >"$T/keys.json"
"$KEY" list -r "$R" --format yaml >"$T/keys.yaml"
formats "secex-key list" keylist "$T/keys" "$T/keys.txt"
check "secex-key list: the description's control characters and bad bytes, escaped" \
	grep -qF '"description": "data \"vol\" back\\slash tab\u0009 cr\u000d esc\u001b[31m \u00e9 bad\ufffd end"' "$T/keys.json"
check "secex-key list: the text output escapes the description's control characters" \
	sh -c "! grep -q \"\$(printf '\\033')\" '$T/keys.txt' && grep -qF 'esc\\x1b[31m' '$T/keys.txt' && grep -qF 'back\\\\slash' '$T/keys.txt'"
check "secex-key list: a secret name with a quote and a backslash, escaped" \
	grep -qF '"name": "disk\"key\\x"' "$T/keys.json"
"$KEY" list uk -r "$R" >"$T/one.txt"
"$KEY" list uk -r "$R" --format json >"$T/one.json"
"$KEY" list uk -r "$R" --format yaml >"$T/one.yaml"
formats "secex-key list NAME" keylist "$T/one" "$T/one.txt"
check "secex-key list: --format human is the text output" \
	sh -c "'$KEY' list -r '$R' --format human | cmp - '$T/keys.txt'"

# A repository whose path has a newline: every key_file has it, escaped.
NL="$T/re
po"
mkdir -m 0700 "$NL"
"$KEY" generate nk -r "$NL" >"$T/log" 2>&1 || sed 's/^/# /' "$T/log"
check "secex-key list: a repository path with a newline, escaped (JSON)" \
	sh -c "'$KEY' list -r '$NL' --format json >'$T/nl.json' &&
		[ \"\$(python3 '$CHECK' get json '$T/nl.json' keys 0 key_file)\" = '\"$T/re\\npo/nk.skey\"' ]"
if [ "$yaml" = 1 ]; then
	check "secex-key list: a repository path with a newline, escaped (YAML)" \
		sh -c "'$KEY' list -r '$NL' --format yaml >'$T/nl.yaml' &&
			grep -q 'key_file: \"$T/re\\\\u000apo/nk.skey\"' '$T/nl.yaml' &&
			python3 '$CHECK' same json '$T/nl.json' yaml '$T/nl.yaml'"
else
	skip "secex-key list: a repository path with a newline (YAML)" "$why_yaml"
fi

# validate without /dev/pkey: the key is not usable (exit 1), in any format.
"$KEY" validate uk -r "$R" >"$T/val.txt" 2>/dev/null
echo $? >"$T/val.rc"
for f in json yaml; do
	"$KEY" validate uk -r "$R" --format "$f" >"$T/val.$f" 2>/dev/null
	echo $? >"$T/val.$f.rc"
done
check "secex-key validate: exit 1 without /dev/pkey, the same for text, json, yaml" \
	sh -c "[ \$(cat '$T/val.rc') = 1 ] && cmp -s '$T/val.rc' '$T/val.json.rc' &&
		cmp -s '$T/val.rc' '$T/val.yaml.rc'"
formats "secex-key validate" validate "$T/val" "$T/val.txt"
cp "$R/ck.skey" "$T/key
file.skey"
check "secex-key validate --key-file: a path with a newline, escaped; no name" \
	sh -c "'$KEY' validate --key-file '$T/key
file.skey' --format json >'$T/kf.json' 2>/dev/null; [ \$? = 1 ] &&
		[ \"\$(python3 '$CHECK' get json '$T/kf.json' key key_file)\" = '\"$T/key\\nfile.skey\"' ] &&
		[ \"\$(python3 '$CHECK' get json '$T/kf.json' key name)\" = null ] &&
		[ \"\$(python3 '$CHECK' get json '$T/kf.json' status)\" = '\"not usable\"' ]"
check "secex-key: no secret material in the documents (the clear key's token)" \
	sh -c "! grep -qi \"\$(tail -c 32 '$R/ck.skey' | xxd -p | tr -d '\\n' | cut -c1-16)\" '$T/keys.json' '$T/keys.yaml' '$T/kf.json'"
bad_format "secex-key list" "$KEY" list -r "$R" --format xml
bad_format "secex-key validate" "$KEY" validate uk -r "$R" --format xml
in_help "secex-key list" "text|json|yaml" "$KEY" list
in_help "secex-key validate" "text|json|yaml" "$KEY" validate

# ---- what gen-cli-docs makes of the help ------------------------------------

GEN=$top/../scripts/gen-cli-docs
if [ -x "$GEN" ]; then
	check "gen-cli-docs: bash completion offers the --format values" \
		sh -c "'$GEN' completion '$UV' >'$T/uv.bash' &&
			'$GEN' completion '$KEY' >'$T/key.bash' &&
			grep -qF \"['info --format']='text json yaml'\" '$T/uv.bash' &&
			grep -qF \"['secret list --format']='human text json yaml bin'\" '$T/uv.bash' &&
			grep -qF \"['list --format']='text json yaml'\" '$T/key.bash' &&
			grep -qF \"['validate --format']='text json yaml'\" '$T/key.bash'"
else
	skip "gen-cli-docs: bash completion offers the --format values" "no $GEN"
fi

tap_end
