#!/usr/bin/python3
# po-complete.py — every user-visible string is translated in po/fr.po
#
# Checks, as TAP:
#   1. every source file with translatable strings is listed in po/POTFILES.in,
#      and every listed file exists;
#   2. every string xgettext extracts from those files has a French translation
#      in po/fr.po that is neither missing nor fuzzy;
#   3. the French translation keeps the printf conversions of the original.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import tempfile

top = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("VIGIE_SOURCE_DIR", ".")
po_dir = os.path.join(top, "po")

MARKERS = re.compile(r'(\b_\(|\bN_\(|\bC_\(|\bNC_\(|\bg_dngettext\s*\(|\bngettext\s*\('
                     r'|translatable="yes"|<_[a-z]|^_[A-Za-z]+=)', re.M)
SOURCE_EXT = (".c", ".h", ".ui", ".in", ".xml", ".blp")
# Translated as a whole (desktop entry, AppStream, GSettings summaries)
ALWAYS = (".desktop.in", ".metainfo.xml.in", ".gschema.xml")

results = []


def msgids(po_text):
    """The msgids of a PO file's entries, the header left out; a msgid may
    be written on several lines ('msgid ""' then its continuation lines)"""
    ids = []
    for block in re.split(r"\n\s*\n", po_text):
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if match is None:
            continue
        text = "".join(re.findall(r'"(.*)"', match.group(1)))
        if text:
            ids.append(text)
    return ids


def check(ok, name, detail=""):
    results.append((ok, name, detail))


def listed_files():
    with open(os.path.join(po_dir, "POTFILES.in"), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def files_with_strings():
    found = []
    for sub in ("src", "data"):
        for root, dirs, files in os.walk(os.path.join(top, sub)):
            dirs[:] = [d for d in dirs if d not in ("demo",)]
            for name in files:
                if not name.endswith(SOURCE_EXT):
                    continue
                path = os.path.join(root, name)
                if name.endswith(ALWAYS):
                    found.append(os.path.relpath(path, top))
                    continue
                with open(path, encoding="utf-8", errors="replace") as f:
                    if MARKERS.search(f.read()):
                        found.append(os.path.relpath(path, top))
    return sorted(found)


listed = listed_files()
missing_from_list = [f for f in files_with_strings() if f not in listed]
check(not missing_from_list, "POTFILES.in lists every file with translatable strings",
      "not listed: " + ", ".join(missing_from_list))
absent = [f for f in listed if not os.path.exists(os.path.join(top, f))]
check(not absent, "every file in POTFILES.in exists", "missing: " + ", ".join(absent))

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "vigie.pot")
    merged = os.path.join(tmp, "fr.po")
    present = [f for f in listed if f not in absent]
    files_from = os.path.join(tmp, "POTFILES")
    with open(files_from, "w", encoding="utf-8") as f:
        f.write("\n".join(present) + "\n")
    subprocess.run(["xgettext", "--from-code=UTF-8", "--add-comments", "--directory", top,
                    "--files-from", files_from, "-o", pot, "--keyword=_", "--keyword=N_",
                    "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=g_dngettext:2,3",
                    "--keyword=ngettext:1,2", "--flag=g_strdup_printf:1:c-format",
                    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
                    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
                    "--flag=g_markup_printf_escaped:1:c-format", "--flag=N_:1:pass-c-format",
                    "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format"],
                   check=True)
    subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged,
                    os.path.join(po_dir, "fr.po"), pot], check=True)
    untranslated = subprocess.run(["msgattrib", "--untranslated", "--no-obsolete", merged],
                                  capture_output=True, text=True, check=True).stdout
    fuzzy = subprocess.run(["msgattrib", "--only-fuzzy", "--no-obsolete", merged],
                           capture_output=True, text=True, check=True).stdout
    ids = msgids(untranslated)
    check(not ids, "every string has a French translation",
          "%d untranslated: %s" % (len(ids), "; ".join(ids[:20])))
    ids = msgids(fuzzy)
    check(not ids, "no French translation is fuzzy",
          "%d fuzzy: %s" % (len(ids), "; ".join(ids[:20])))
    fmt = subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", merged],
                         capture_output=True, text=True)
    check(fmt.returncode == 0, "French translations keep their format conversions", fmt.stderr)

print("TAP version 13")
print("1..%d" % len(results))
failed = 0
for i, (ok, name, detail) in enumerate(results, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    if not ok:
        failed += 1
        for line in detail.splitlines():
            print("# " + line)
sys.exit(1 if failed else 0)
