#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# The checks of tests/format.sh: a document of --format json or yaml
# against the text output of the same command (or what the emitter test
# was given).  Text is decoded as the emitter decodes strings: UTF-8 with
# U+FFFD for what is not.
#
#   format_check.py emit FMT DOC INPUT       tests/emit_test.c's document
#   format_check.py uvinfo FMT DOC TEXT      secex-uv info
#   format_check.py seclist FMT DOC TEXT BIN secex-uv secret list (BIN: the
#                                            list the stand-in UV returned)
#   format_check.py keylist FMT DOC TEXT     secex-key list
#   format_check.py validate FMT DOC TEXT    secex-key validate, not usable
#   format_check.py same FMT DOC FMT2 DOC2   the two documents are equal
#   format_check.py get FMT DOC PATH...      print a value (a JSON string)
#
# Exit 0 if the document matches, 1 with the differences on stdout.

import json
import re
import struct
import sys


def load(fmt, path):
    with open(path, "rb") as f:
        data = f.read()
    # the emitter writes ASCII only; no raw control characters but '\n'
    for b in data:
        if b > 0x7e or (b < 0x20 and b != 0x0a):
            raise SystemExit("byte 0x%02x in the output" % b)
    if fmt == "json":
        return json.loads(data.decode("ascii"))
    import yaml
    return yaml.safe_load(data.decode("ascii"))


def text(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "replace")


fails = []


def eq(what, got, want):
    if got != want:
        fails.append("%s: %r, want %r" % (what, got, want))


def version(doc):
    eq("version", doc.get("version"), 1)
    eq("type of version", type(doc.get("version")), int)


def check_emit(doc, input_path):
    with open(input_path, "rb") as f:
        raw = f.read()
    version(doc)
    eq("input", doc["input"], raw.decode("utf-8", "replace"))
    eq("bytes", doc["bytes"], bytes(range(256)).decode("utf-8", "replace"))
    want = {"empty": "", "quote": "'", "yaml_words": "null", "absent": None,
            "int_min": -2**63, "uint_max": 2**64 - 1, "bool_true": True,
            "bool_false": False, "nothing": None, "hex": "0x0001abff",
            "empty_object": {}, "empty_array": [],
            "nested": [[], {}, [1, [True, None]], {"a": {"b": []}, "c": "d"}],
            "deep": [[[[[[["x"]]]]]]]}
    for k, v in want.items():
        eq(k, doc.get(k), v)
    eq("members", list(doc), ["version", "input", "bytes"] + list(want))


def check_uvinfo(doc, text_path):
    lines = text(text_path).split("\n")
    version(doc)
    eq("supp_uvio_cmds", doc["supp_uvio_cmds"], lines[0].split()[1])
    eq("supp_uv_cmds", doc["supp_uv_cmds"], lines[1].split()[1])
    rows = []
    for line in lines[3:]:
        if not line:
            continue
        uv = line[29:]
        rows.append({"nr": int(line[0:3]), "ioctl": line[4:20].rstrip(),
                     "driver": line[21:28].rstrip() == "yes",
                     "ultravisor": {"installed": True,
                                    "not installed": False}.get(uv)})
    eq("ioctls", doc["ioctls"], rows)


def check_seclist(doc, text_path, bin_path):
    lines = text(text_path).split("\n")
    with open(bin_path, "rb") as f:
        raw = f.read()
    num, total = struct.unpack(">HH", raw[:4])
    version(doc)
    eq("total_num_secrets (text)", doc["total_num_secrets"],
       int(lines[0].split(": ")[1]))
    eq("total_num_secrets (list)", doc["total_num_secrets"], total)
    eq("number of entries", len(doc["secrets"]), num)
    entries = [ln for ln in lines[2:] if ln]
    for i, s in enumerate(doc["secrets"]):
        head, body = entries[2 * i], entries[2 * i + 1]
        idx, stype = head.rstrip(":").split(" ", 1)
        name, _, sid = body[1:].rpartition(" | ")
        p = raw[16 + 48 * i:16 + 48 * (i + 1)]
        index, stype_code, length = struct.unpack(">HHI", p[:8])
        eq("secret %d index" % i, s["index"], int(idx))
        eq("secret %d index (list)" % i, s["index"], index)
        eq("secret %d stype" % i, s["stype"], stype)
        eq("secret %d stype_code" % i, s["stype_code"], stype_code)
        eq("secret %d len" % i, s["len"], length)
        eq("secret %d id" % i, s["id"], sid)
        eq("secret %d id (list)" % i, s["id"], "0x" + p[16:].hex())
        eq("secret %d name" % i, s["name"], name or None)
        eq("secret %d members" % i, list(s),
           ["index", "stype", "len", "id", "stype_code", "name"])


# What cli_put_safe() escaped in the text output: \xNN and \\.
def unescape(s):
    return re.sub(r"\\(x[0-9a-f]{2}|\\)",
                  lambda m: "\\" if m.group(1) == "\\" else chr(int(m.group(1)[1:], 16)),
                  s)


# The text lines of one key (key_print()) as the document's members.
def key_from_text(block):
    f = {}
    for line in block:
        f[line[:24].rstrip().rstrip(":")] = unescape(line[24:])
    size, _, rest = f["Token size"].partition(" bytes (cryptsetup --key-size ")
    k = {"name": f.get("Key"), "description": f["Description"] or None,
         "key_type": f["Key type"],
         "token_version": 9 if "version 0x09" in f["Token"] else 2,
         "token_count": 2 if f["Token"].startswith("two") else 1,
         "token_size": int(size), "key_size_bits": int(rest.rstrip(")")),
         "xts_key_bits": int(f["XTS key"].split()[2]), "uv_secret": None}
    if "UV secret" in f:
        sec = f["UV secret"].split(", id ", 1)[1]
        sid, _, name = sec.partition(" (name '")
        k["uv_secret"] = {"id": sid, "name": name[:-2] if name else None}
    vol = f["Volumes"]
    k["volumes"] = [] if vol == "(none)" else vol.split(",")
    k["volume_type"] = f["Volume type"]
    k["sector_size"] = None if f["Sector size"] == "(default)" else f["Sector size"]
    k["key_file"] = f["Key file"]
    vp = f["Verification pattern"]
    k["verification_pattern"] = None if vp == "(not recorded yet)" else vp
    k["created"] = None if f["Created"] == "-" else f["Created"]
    k["changed"] = None if f["Changed"] == "(never)" else f["Changed"]
    return k


def check_keylist(doc, text_path):
    blocks = [b.split("\n") for b in text(text_path).rstrip("\n").split("\n\n")]
    version(doc)
    eq("members", list(doc), ["version", "keys"])
    eq("number of keys", len(doc["keys"]), len(blocks))
    for i, (k, b) in enumerate(zip(doc["keys"], blocks)):
        want = key_from_text(b)
        eq("key %d" % i, k, want)
        eq("key %d members" % i, list(k), list(want))


def check_validate(doc, text_path):
    lines = text(text_path).rstrip("\n").split("\n")
    version(doc)
    eq("key", doc["key"], key_from_text(lines[:-1]))
    eq("text status", lines[-1], "Status:                 NOT USABLE")
    eq("status", doc["status"], "not usable")
    eq("pkey", doc["pkey"], {"verify": None, "protected_keys": [],
                             "xts_as_two_aes_keys": False})
    eq("current_pattern", doc["current_pattern"], None)
    eq("pattern_recorded", doc["pattern_recorded"], False)
    eq("luks", doc["luks"], None)
    eq("members", list(doc), ["version", "key", "pkey", "current_pattern",
                              "pattern_recorded", "luks", "status"])


def main():
    cmd, fmt, path = sys.argv[1:4]
    doc = load(fmt, path)
    if cmd == "emit":
        check_emit(doc, sys.argv[4])
    elif cmd == "uvinfo":
        check_uvinfo(doc, sys.argv[4])
    elif cmd == "seclist":
        check_seclist(doc, sys.argv[4], sys.argv[5])
    elif cmd == "keylist":
        check_keylist(doc, sys.argv[4])
    elif cmd == "validate":
        check_validate(doc, sys.argv[4])
    elif cmd == "same":
        eq("documents", doc, load(sys.argv[4], sys.argv[5]))
    elif cmd == "get":
        for p in sys.argv[4:]:
            doc = doc[int(p)] if isinstance(doc, list) else doc[p]
        print(json.dumps(doc))
        return 0
    else:
        raise SystemExit("unknown check " + cmd)
    for f in fails:
        print(f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
