#!/usr/bin/env python3
"""How long `patchbook check` takes on a large Upgrade.log, and its peak memory: the log is read
line by line, so the memory should not grow with its size.

    make bench-evidence      (or: benchmarks/evidence.py [--megabytes 60] [--patchbook PATH] [--work DIR])

Writes an Upgrade.log of the given size for the contoso-intranet example's APP01 (sessions of
2,000 lines each, CRLF, the last one finishing with 0 errors), then runs `check` on it and on
one a tenth of the size, and prints the size, the wall time and the peak memory of each.
"""
import argparse
import os
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write_log(path, megabytes):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    config = "SharePoint_Config"
    size, session = 0, 0
    with open(path, "w", newline="") as out:
        while size < megabytes * 1024 * 1024:
            stamp = f"12/5/2026 11:{session % 60:02d}:00 PM"
            lines = [f"[SPManager] [INFO] [{stamp}]: Inplace Upgrade session starts. Root object = SPFarm Name={config}, recursive = True."]
            lines += [f"[SPContentDatabaseSequence] [DEBUG] [{stamp}]: Upgrading [SPContentDatabase Name=WSS_Content_{i} "
                      f"Parent=SPDatabaseServiceInstance Name=SQL01] step {i} of the feature upgrade sequence." for i in range(2000)]
            lines.append(f"[SPManager] [INFO] [{stamp}]: Finished upgrading SPFarm Name={config}.")
            lines.append(f"[SPManager] [INFO] [{stamp}]: Inplace Upgrade session finishes. root object = SPFarm Name={config}, "
                         "recursive = True. 0 errors and 0 warnings encountered.")
            text = "\r\n".join(lines) + "\r\n"
            out.write(text)
            size += len(text)
            session += 1
    return size


def run(patchbook, evidence):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.monotonic()
    result = subprocess.run([patchbook, "check", os.path.join(ROOT, "examples", "contoso-intranet.yaml"), "--evidence", evidence],
                            capture_output=True, text=True)
    elapsed = time.monotonic() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if "APP01: passed" not in result.stdout:
        sys.exit(f"check did not pass APP01's log:\n{result.stdout}{result.stderr}")
    return elapsed, max(peak, before)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=60)
    parser.add_argument("--patchbook", default=os.path.join(ROOT, ".build", "release", "patchbook"))
    parser.add_argument("--work", default=os.path.join(ROOT, ".build", "bench-evidence"))
    args = parser.parse_args()
    print(f"{'log MB':>8} {'wall s':>8} {'peak MiB':>9}")
    # The smaller log first: the peak of the children only grows, so the larger run's is its own.
    for megabytes in (max(1, args.megabytes // 10), args.megabytes):
        evidence = os.path.join(args.work, f"{megabytes}MB")
        size = write_log(os.path.join(evidence, "APP01", "Upgrade.log"), megabytes)
        elapsed, peak = run(args.patchbook, evidence)
        print(f"{size / 1024 / 1024:8.1f} {elapsed:8.2f} {peak / 1024:9.1f}")


if __name__ == "__main__":
    main()
