"""Numbers in the docs stay true: runs what the docs quote and compares.

Two kinds of checks, in README.md, Models/README.md and Benchmarks/README.md:

1. Console blocks. A fenced block (no language) whose preceding paragraph ends with a colon and
   names a backticked command `takeoff …` or `.build/release/takeoff …`, and whose content is that
   command's output: the script runs the command and requires every quoted line to equal the
   printed line at the same position (a first line "…" quotes the output's last lines). Durations ("0.02 s", "46 ms") are timings and excepted.
2. Tables. An HTML comment right above a markdown table,
       <!-- docs-check table: takeoff run Models/{0} --json | metrics.humanLevelYear:.2f | … -->
   gives the command (with `{0}` the first backticked word of the row's first cell) and, per
   further column, a JSON path and a format (`.2f`, `.1f`, `%` for a share printed as a whole
   percentage, `s` for a string); each cell must equal the formatted value.

A check whose command contains `--runs N` with N > 1000, or is `takeoff verify` over every file, is long: run with --long (`make
docs-check`); `make test` runs the quick ones. Exit 1 lists every mismatch as file:line.
Usage: python3 scripts/docs_check.py [--long] [--binary PATH]
"""
import json
import re
import shlex
import subprocess
import sys

FILES = ["README.md", "Models/README.md", "Benchmarks/README.md"]
TIMING = re.compile(r"\b\d+(\.\d+)? ?(s|ms|µs|seconds)\b")


def arguments():
    long_checks = "--long" in sys.argv
    binary = ".build/debug/takeoff"
    if "--binary" in sys.argv:
        binary = sys.argv[sys.argv.index("--binary") + 1]
    return long_checks, binary


def is_long(command):
    # Studies above 1,000 runs, and `verify` over every file (minutes in a debug build), are long.
    m = re.search(r"--runs (\d+)", command)
    return (bool(m) and int(m.group(1)) > 1000) or command.strip() == "takeoff verify"


def run(binary, command):
    words = shlex.split(command)
    if words[0] in ("takeoff", ".build/release/takeoff", ".build/debug/takeoff"):
        words[0] = binary
    done = subprocess.run(words, capture_output=True, text=True, timeout=600)
    return done.stdout


def console_blocks(lines):
    """(line of the block's first content line, command, quoted lines)."""
    i = 0
    while i < len(lines):
        if lines[i].strip().startswith("```"):
            plain = lines[i].strip() == "```"
            start = i + 1
            end = start
            while end < len(lines) and lines[end].strip() != "```":
                end += 1
            # The paragraph before the block, back to the blank line.
            p = i - 1
            while p > 0 and lines[p - 1].strip():
                p -= 1
            before = " ".join(l.strip() for l in lines[p:i]).rstrip()
            m = re.search(r"`((?:\.build/release/)?takeoff [^`]+)`", before) if before.endswith(":") and i > 0 else None
            body = lines[start:end]
            if plain and m and body and not body[0].startswith(("takeoff ", "make ", ".build/", "python3 ")):
                yield start + 1, m.group(1), body
            i = end + 1
        else:
            i += 1


def value_at(obj, path):
    for part in path.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return None
        obj = obj[part]
    return obj


def formatted(value, form):
    if value is None:
        return "—"
    if form == "%":
        return f"{round(100 * value):d}%"
    if form == "s":
        return str(value)
    return format(value, form)


def table_checks(lines):
    for i, line in enumerate(lines):
        m = re.match(r"<!-- docs-check table: (.+?) -->", line.strip())
        if not m:
            continue
        parts = [p.strip() for p in m.group(1).split("|")]
        command, columns = parts[0], [p.rsplit(":", 1) for p in parts[1:]]
        row = i + 3  # the comment, the header, the separator
        while row < len(lines) and lines[row].startswith("|"):
            cells = [c.strip() for c in lines[row].strip().strip("|").split("|")]
            key = re.search(r"`([^`]+)`", cells[0])
            yield row + 1, command.format(key.group(1) if key else cells[0]), list(zip(columns, cells[1:]))
            row += 1


def main():
    long_checks, binary = arguments()
    failures, checked, skipped = [], 0, 0
    for path in FILES:
        lines = open(path, encoding="utf-8").read().split("\n")
        for line, command, quoted in console_blocks(lines):
            if is_long(command) and not long_checks:
                skipped += 1
                continue
            printed = run(binary, command).rstrip("\n").split("\n")
            checked += 1
            if quoted and quoted[0].strip() == "…":
                # "…" first: the quoted lines are the output's last lines.
                quoted = quoted[1:]
                printed = printed[-len(quoted):] if quoted else []
            for k, text in enumerate(quoted):
                got = printed[k] if k < len(printed) else "<missing>"
                if TIMING.sub("<t>", text.rstrip()) != TIMING.sub("<t>", got.rstrip()):
                    failures.append(f"{path}:{line + k}: quoted {text.strip()!r}, `{command}` prints {got.strip()!r}")
        for line, command, cells in table_checks(lines):
            if is_long(command) and not long_checks:
                skipped += 1
                continue
            result = json.loads(run(binary, command))
            checked += 1
            for (json_path, form), cell in cells:
                want = formatted(value_at(result, json_path), form)
                if want != cell:
                    failures.append(f"{path}:{line}: {json_path} quoted {cell!r}, `{command}` gives {want!r}")
    for f in failures:
        print(f)
    print(f"docs-check: {checked} commands checked, {skipped} long ones skipped (make docs-check), {len(failures)} mismatches")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
