#!/usr/bin/env python3
# vigie-eval.py — the classifier measured on labelled sets
#
#   vigie-eval.py --scan BUILD/src/cli/vigie-scan DIR [--policy FILE] [--demo DATA/demo]
#
# DIR holds the third-party sets (../shared/data/eval): hatecheck/, mlma/,
# ftr/. Sets that are absent are skipped. Their sentences never leave this
# process: nothing is written to the repository.
#
# "Toxic" is any of discrimination, insult, threat, harassment, obscene.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import collections
import csv
import json
import os
import re
import subprocess
import sys

TOXIC = {"discrimination", "insult", "threat", "harassment", "obscene"}
CONTRAST = ["ident_neutral_nh", "ident_pos_nh", "counter_quote_nh", "counter_ref_nh",
            "negate_neg_nh", "target_obj_nh"]


def classify(scan, texts, policy=None):
    """Runs vigie-scan --lines over texts; returns one set of categories each."""
    args = [scan, "--lines", "--output", "jsonl"]
    if policy:
        args += ["--policy", policy]
    data = "".join(t.replace("\r", " ").replace("\n", " ") + "\n" for t in texts)
    proc = subprocess.run(args, input=data.encode("utf-8", "replace"), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)
    if proc.returncode != 0:
        sys.exit("vigie-scan failed: " + proc.stderr.decode("utf-8", "replace"))
    out = []
    for line in proc.stdout.decode("utf-8").splitlines():
        obj = json.loads(line)
        out.append({f["category"] for f in obj.get("flags", [])})
    if len(out) != len(texts):
        sys.exit("vigie-scan gave %d objects for %d lines" % (len(out), len(texts)))
    return out


def prf(gold, pred):
    tp = sum(1 for g, p in zip(gold, pred) if g and p)
    fp = sum(1 for g, p in zip(gold, pred) if not g and p)
    fn = sum(1 for g, p in zip(gold, pred) if g and not p)
    tn = sum(1 for g, p in zip(gold, pred) if not g and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fpr = fp / (fp + tn) if fp + tn else 0.0
    return precision, recall, f1, fpr, len(gold)


def print_prf(name, gold, pred):
    p, r, f, fpr, n = prf(gold, pred)
    print("  %-28s P %.3f  R %.3f  F1 %.3f  FPR %.3f  (n=%d, positives=%d)"
          % (name, p, r, f, fpr, n, sum(1 for g in gold if g)))


def read_csv(path):
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        return list(csv.DictReader(f))


def eval_hatecheck(args, path, name, text_col):
    rows = read_csv(path)
    texts = [r[text_col].strip() for r in rows]
    preds = classify(args.scan, texts, args.policy)
    print("\n== %s (%d cases)" % (name, len(rows)))
    gold = [r["label_gold"] == "hateful" for r in rows]
    print_prf("toxic", gold, [bool(p & TOXIC) for p in preds])
    print_prf("discrimination", gold, [("discrimination" in p) for p in preds])
    by_func = collections.defaultdict(list)
    for r, p in zip(rows, preds):
        by_func[r["functionality"]].append((r, p))
    hateful = [(r, p) for r, p in zip(rows, preds) if r["label_gold"] == "hateful"]
    print("  recall on hateful cases: toxic %.3f, discrimination %.3f"
          % (sum(1 for _, p in hateful if p & TOXIC) / max(1, len(hateful)),
             sum(1 for _, p in hateful if "discrimination" in p) / max(1, len(hateful))))
    print("  hateful functionalities (recall: toxic / discrimination):")
    for func in sorted(by_func):
        items = by_func[func]
        if items[0][0]["label_gold"] != "hateful":
            continue
        print("    %-22s %.3f / %.3f  (n=%d)"
              % (func, sum(1 for _, p in items if p & TOXIC) / len(items),
                 sum(1 for _, p in items if "discrimination" in p) / len(items), len(items)))
    print("  non-hateful functionalities (flag rate: discrimination / toxic):")
    for func in sorted(by_func):
        items = by_func[func]
        if items[0][0]["label_gold"] == "hateful":
            continue
        mark = "  <- contrast, target <= 0.15" if func in CONTRAST else ""
        print("    %-22s %.3f / %.3f  (n=%d)%s"
              % (func, sum(1 for _, p in items if "discrimination" in p) / len(items),
                 sum(1 for _, p in items if p & TOXIC) / len(items), len(items), mark))


def eval_mlma(args, path, name):
    rows = read_csv(path)
    texts = [r["tweet"] for r in rows]
    preds = classify(args.scan, texts, args.policy)
    print("\n== %s (%d tweets)" % (name, len(rows)))
    gold = [r["sentiment"] != "normal" for r in rows]
    print_prf("toxic (non-normal)", gold, [bool(p & TOXIC) for p in preds])
    hate = [("hateful" in r["sentiment"].split("_")) for r in rows]
    print_prf("discrimination (hateful)", hate, [("discrimination" in p) for p in preds])
    by_target = collections.defaultdict(list)
    for r, p in zip(rows, preds):
        if r["sentiment"] != "normal":
            by_target[r["target"]].append(p)
    nonnormal = [p for r, p in zip(rows, preds) if r["sentiment"] != "normal"]
    print("  recall on non-normal tweets: %.3f" %
          (sum(1 for p in nonnormal if p & TOXIC) / max(1, len(nonnormal))))
    print("  recall per target (non-normal tweets flagged toxic):")
    for target in sorted(by_target):
        items = by_target[target]
        print("    %-20s %.3f  (n=%d)" % (target, sum(1 for p in items if p & TOXIC) / len(items),
                                         len(items)))


def eval_ftr(args, path):
    rows = read_csv(path)
    texts = [r["tweet"] for r in rows]
    preds = classify(args.scan, texts, args.policy)
    print("\n== FTR French tweets, racist or not (%d tweets)" % len(rows))
    gold = [r["label"].strip() == "1" for r in rows]
    print_prf("discrimination (racist)", gold, [("discrimination" in p) for p in preds])
    print_prf("toxic (racist)", gold, [bool(p & TOXIC) for p in preds])


def eval_demo(args, demo):
    """The demo workspace's answer key (project data)."""
    answers = os.path.join(demo, "ANSWERS.md")
    if not os.path.exists(answers):
        return
    expected = {}
    for line in open(answers, encoding="utf-8"):
        m = re.match(r"\| `([^`]+)` \|[^|]*\|[^|]*\| ((?:`[a-z_]+`(?:, )?)+) \|", line)
        if m:
            ids = set(re.findall(r"`([a-z_]+)`", m.group(2)))
            expected[m.group(1)] = set() if ids == {"none"} else ids
    files = sorted(os.path.join(demo, f) for f in os.listdir(demo) if f.endswith(".json"))
    cmd = [args.scan, "--quiet", "--output", "jsonl"] + files
    if args.policy:
        cmd[1:1] = ["--policy", args.policy]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if proc.returncode != 0:
        print("\n== demo workspace: vigie-scan failed: %s" % proc.stderr.decode()[:300])
        return
    got = {}
    for line in proc.stdout.decode("utf-8").splitlines():
        obj = json.loads(line)
        got[obj["external_id"]] = {f["category"] for f in obj.get("flags", [])}
    print("\n== demo workspace (data/demo/ANSWERS.md, %d comments)" % len(got))
    cats = sorted({c for v in expected.values() for c in v} | {c for v in got.values() for c in v})
    ids = sorted(got)
    for cat in cats:
        gold = [cat in expected.get(i, set()) for i in ids]
        pred = [cat in got[i] for i in ids]
        print_prf(cat, gold, pred)
    gold = [bool(expected.get(i, set()) & TOXIC) for i in ids]
    pred = [bool(got[i] & TOXIC) for i in ids]
    print_prf("toxic", gold, pred)
    clean = [i for i in ids if i in expected and not expected[i]]
    print("  hard contrast cases with any flag: %d of %d"
          % (sum(1 for i in clean if got[i]), len(clean)))
    if args.verbose:
        for i in ids:
            e = expected.get(i, set())
            if e != got[i]:
                print("    %s expected %s got %s" % (i, sorted(e), sorted(got[i])))


def eval_probe(args, path):
    """Comments written for Vigie (project data, tests/data/comments-{fr,en}.tsv,
    and heldout-fr.tsv, never used while writing the lexicons)"""
    with open(path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t", 1) for line in f
                if line.strip() and not line.startswith("#")]
    preds = classify(args.scan, [t for _, t in rows], args.policy)
    print("\n== probe comments written for Vigie (%s, %d comments)"
          % (os.path.basename(path), len(rows)))
    print_prf("toxic", [g == "T" for g, _ in rows], [bool(p & TOXIC) for p in preds])
    if args.verbose:
        for (g, t), p in zip(rows, preds):
            if (g == "T") != bool(p & TOXIC):
                print("    %s %s %s" % ("missed" if g == "T" else "flagged", t, sorted(p)))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scan", required=True, help="the vigie-scan binary")
    parser.add_argument("--policy", help="a policy file instead of the built-in one")
    parser.add_argument("--demo", help="the demo workspace folder (default: data/demo)")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("dir", nargs="?", help="the evaluation sets (../shared/data/eval)")
    args = parser.parse_args()

    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    demo = args.demo or os.path.join(top, "data", "demo")
    if os.path.isdir(demo):
        eval_demo(args, demo)
    for name in ("comments-fr.tsv", "comments-en.tsv", "heldout-fr.tsv"):
        probe = os.path.join(top, "tests", "data", name)
        if os.path.exists(probe):
            eval_probe(args, probe)

    if not args.dir or not os.path.isdir(args.dir):
        print("vigie-eval: no evaluation folder%s; third-party sets skipped."
              % (" at " + args.dir if args.dir else ""))
        return 0
    d = args.dir
    sets = [
        (os.path.join(d, "hatecheck", "mhc_hatecheck_cases_final_french.csv"),
         lambda p: eval_hatecheck(args, p, "HateCheck French (MHC)", "test_case")),
        (os.path.join(d, "hatecheck", "hatecheck_en_test_suite_cases.csv"),
         lambda p: eval_hatecheck(args, p, "HateCheck English", "test_case")),
        (os.path.join(d, "mlma", "fr_dataset.csv"),
         lambda p: eval_mlma(args, p, "MLMA French")),
        (os.path.join(d, "mlma", "en_dataset.csv"),
         lambda p: eval_mlma(args, p, "MLMA English")),
        (os.path.join(d, "ftr", "FTR_new_labels.csv"), lambda p: eval_ftr(args, p)),
    ]
    for path, run in sets:
        if os.path.exists(path):
            run(path)
        else:
            print("\n== %s: absent, skipped" % os.path.relpath(path, d))
    return 0


if __name__ == "__main__":
    sys.exit(main())
