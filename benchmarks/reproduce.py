"""`monpol reproduce`: import time per area, build time per area, and the whole run.

    python benchmarks/reproduce.py [--repeats N]

Each import is timed in a fresh interpreter (so nothing is cached between areas); the
casebook is built in one process (``jobs=1``, the baseline) and with one worker process per
CPU (``jobs=None``), best of ``--repeats``; the ratio is baseline / parallel. Issue 13's
target: the whole ``monpol reproduce`` under 8 s. CPU seconds are printed beside wall
seconds because the machine may be shared.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AREAS = ["core", "rules", "easing", "exit", "islm", "bonds", "events", "sfc", "data",
         "report", "cli.main"]
TARGET_S = 8.0


def import_seconds(module: str, repeats: int) -> float:
    code = ("import time; t = time.perf_counter(); import " + module +
            "; print(time.perf_counter() - t)")
    return min(float(subprocess.run([sys.executable, "-c", code], check=True,
                                    capture_output=True, text=True).stdout)
               for _ in range(repeats))


def reproduce_seconds(jobs: int | None) -> tuple[float, float]:
    """(wall, CPU incl. children) seconds of `monpol reproduce` in a fresh process."""
    import resource

    with tempfile.TemporaryDirectory() as tmp:
        args = [sys.executable, "-m", "monpol.cli.main", "reproduce", "--output",
                str(Path(tmp) / "cb")]
        if jobs is not None:
            args += ["--jobs", str(jobs)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()

    print(f"{'import':<22}{'seconds':>10}")
    for area in AREAS:
        print(f"monpol.{area:<15}{import_seconds('monpol.' + area, args.repeats):>10.3f}")

    from monpol.report import areas, run_casebook
    from monpol.report.casebook import default_jobs

    with tempfile.TemporaryDirectory() as tmp:
        run = run_casebook(Path(tmp) / "cb", jobs=1)
    print(f"\n{'area build (jobs=1)':<22}{'seconds':>10}")
    for outcome in run.outcomes:
        print(f"{outcome.area.name:<22}{outcome.seconds:>10.2f}")

    print(f"\n{'monpol reproduce':<22}{'wall s':>10}{'CPU s':>10}")
    results = {}
    for label, jobs in (("--jobs 1 (baseline)", 1), (f"default ({default_jobs(len(areas()))} jobs)", None)):
        best = min((reproduce_seconds(jobs) for _ in range(args.repeats)), key=lambda r: r[0])
        results[label] = best
        print(f"{label:<22}{best[0]:>10.2f}{best[1]:>10.2f}")
    base, par = (r[0] for r in results.values())
    status = "met" if par < TARGET_S else "NOT met"
    print(f"\nratio baseline/default: {base / par:.2f}x; target < {TARGET_S:g} s wall: {status}")


if __name__ == "__main__":
    main()
