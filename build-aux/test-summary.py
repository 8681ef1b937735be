#!/usr/bin/python3
"""Reads meson's testlog.json and prints the totals, the last line being
"N passed, N failed". TAP tests count per subtest; other tests count once.
Exits 1 if anything failed or nothing ran."""
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import re
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "_build/meson-logs/testlog.json"
passed = failed = skipped = 0
failures = []

try:
    with open(path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
except OSError as e:
    print(f"cannot read {path}: {e}", file=sys.stderr)
    print("0 passed, 1 failed")
    sys.exit(1)

for r in records:
    name = r.get("name", "?")
    result = r.get("result", "")
    out = r.get("stdout") or ""
    tap_ok = tap_fail = tap_skip = 0
    is_tap = re.search(r"^\s*1\.\.\d+", out, re.M) is not None
    if is_tap:
        for line in out.splitlines():
            line = line.strip()
            if re.match(r"^ok\b", line):
                if re.search(r"#\s*SKIP", line, re.I):
                    tap_skip += 1
                else:
                    tap_ok += 1
            elif re.match(r"^not ok\b", line):
                if re.search(r"#\s*TODO", line, re.I):
                    tap_ok += 1
                else:
                    tap_fail += 1
                    failures.append(f"{name}: {line}")
            elif line.startswith("1..0") and "SKIP" in line.upper():
                tap_skip += 1
        # A crash or abort after the last "ok"
        if result in ("FAIL", "ERROR", "TIMEOUT") and tap_fail == 0:
            tap_fail += 1
            failures.append(f"{name}: {result} (exit status {r.get('returncode')})")
        passed += tap_ok
        failed += tap_fail
        skipped += tap_skip
    else:
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
            failures.append(f"{name}: {result}")
    print(f"  {name:32} {result:8} {tap_ok if is_tap else int(result == 'OK')} passed"
          f"{', ' + str(tap_fail) + ' failed' if is_tap and tap_fail else ''}"
          f"{', ' + str(tap_skip) + ' skipped' if is_tap and tap_skip else ''}", file=sys.stderr)

for f in failures:
    print(f"FAILED {f}", file=sys.stderr)
if skipped:
    print(f"{skipped} skipped")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or passed == 0 else 0)
