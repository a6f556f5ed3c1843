"""Summarises the rounds of ``scripts/flake_hunt.sh``: each test that ever failed, how often, first traceback.

Inputs: pytest junit XML files (one per DB-free round) and Odoo ``--test-enable`` logs (one per Odoo
round). Exits 1 when any test failed in any round, 0 otherwise.
"""

import argparse
import collections
import re
import sys
from pathlib import Path
from xml.etree import ElementTree

ODOO_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) \S+ (?P<logger>\S+): (?P<msg>.*)")
ODOO_FAILURE = re.compile(r"^(?:FAIL|ERROR): (?P<test>\S+)")
ODOO_RESULT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")


def junit_failures(path):
    """{test id: traceback} of one pytest round."""
    failures = {}
    root = ElementTree.parse(path).getroot()
    for case in root.iter("testcase"):
        for tag in ("failure", "error"):
            node = case.find(tag)
            if node is not None:
                test = f"{case.get('classname')}::{case.get('name')}"
                failures.setdefault(test, (node.text or node.get("message") or "").strip())
    return failures


def odoo_failures(path):
    """{test id: traceback} of one Odoo round; a round without a result line is a failure of its own."""
    failures = {}
    current = None
    finished = False
    for line in Path(path).read_text(errors="replace").splitlines():
        match = ODOO_LINE.match(line)
        if not match:
            if current is not None:
                failures[current].append(line)
            continue
        current = None
        if ODOO_RESULT.search(match["msg"]):
            finished = True
        failure = ODOO_FAILURE.match(match["msg"]) if match["level"] == "ERROR" else None
        if failure:
            current = f"{match['logger']}:{failure['test']}"
            if current in failures:  # the same test failing twice in one round counts once
                current = None
            else:
                failures[current] = []
    if not finished:
        failures[f"{path}: no result line (Odoo crashed or was killed)"] = []
    return {test: "\n".join(lines).strip() for test, lines in failures.items()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--junit", nargs="*", default=[], help="pytest junit XML, one per round")
    parser.add_argument("--odoo-log", nargs="*", default=[], help="Odoo test log, one per round")
    args = parser.parse_args(argv)
    counts, first = collections.Counter(), {}
    rounds = {"DB-free": args.junit, "Odoo": args.odoo_log}
    readers = {"DB-free": junit_failures, "Odoo": odoo_failures}
    for kind, paths in rounds.items():
        for path in paths:
            for test, trace in readers[kind](path).items():
                counts[(kind, test)] += 1
                first.setdefault((kind, test), trace)
    print(f"rounds: {len(args.junit)} DB-free, {len(args.odoo_log)} Odoo")
    if not counts:
        print("no test failed in any round")
        return 0
    for (kind, test), count in counts.most_common():
        print(f"\n{kind}: {test}: failed in {count} of {len(rounds[kind])} rounds\n{first[(kind, test)]}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
