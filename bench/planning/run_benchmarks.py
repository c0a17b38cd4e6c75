#!/usr/bin/env python3
"""Runs nara-plan over the shared routing benchmarks and writes a Markdown report.

mankowska: all 70 HHCRSP instances, gap to the best published cost in mankowska_best.md, every
           plan re-checked by verify_mankowska.py (independent of the C++ reader and checker).
vrptw:     the six 1,000-customer Gehring-Homberger instances, gap to the `.sol` best-known cost.
Each run is single-threaded; max RSS and wall time come from /usr/bin/time.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run_plan(binary, path, seconds, seed, extra):
    with tempfile.NamedTemporaryFile("r", suffix=".json") as out, \
            tempfile.NamedTemporaryFile("r", suffix=".txt") as timing:
        cmd = ["/usr/bin/time", "-f", "%M %e", "-o", timing.name, binary, path, "-t", str(seconds),
               "-s", str(seed)] + extra
        code = subprocess.run(cmd, stdout=open(out.name, "w"), check=False).returncode
        rss_kb, wall = timing.read().split()[-2:]
        plan = json.load(open(out.name))
        plan["_exit"] = code
        plan["_rss_mb"] = int(rss_kb) / 1024.0
        plan["_wall"] = float(wall)
        if "mankowska" in path:
            check = subprocess.run([sys.executable, os.path.join(HERE, "verify_mankowska.py"), path,
                                    out.name], capture_output=True, text=True)
            plan["_verified"] = check.returncode == 0
        return plan


def natural(name):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def mankowska(args, work):
    with tarfile.open(os.path.join(args.shared, "hhcrsp-mankowska.tar.xz")) as tar:
        tar.extractall(work)
    best = {}
    for line in open(os.path.join(args.shared, "mankowska_best.md")):
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 6 and cells[1].startswith("Instanz"):
            best[cells[1]] = (float(cells[5]), cells[6])
    names = sorted(best, key=lambda n: (int(n.split("_")[2]), natural(n)))
    if args.only:
        names = [n for n in names if re.search(args.only, n)]
    rows, by_size = [], {}
    for name in names:
        plan = run_plan(args.binary, os.path.join(work, "mankowska", name), args.seconds, args.seed,
                        [])
        ref, source = best[name]
        gap = 100.0 * (plan["cost"] - ref) / ref
        size = int(name.split("_")[2])
        by_size.setdefault(size, []).append((gap, plan))
        ok = plan["feasible"] and plan.get("_verified", False)
        rows.append(f"| {name.replace('.json', '')} | {size} | {plan['cost']:.3f} | {ref:.3f} | "
                    f"{gap:+.2f} % | {'yes' if ok else 'NO'} | {plan['solver']['iterations']} | "
                    f"{plan['_rss_mb']:.1f} | `{source}` |")
        print(rows[-1], flush=True)
    lines = [f"Time limit {args.seconds} s per instance, one thread, seed {args.seed}.", "",
             "| size (patients) | instances | mean gap | best gap | worst gap | all feasible | "
             "iterations/s | max RSS (MB) |", "|---:|---:|---:|---:|---:|---|---:|---:|"]
    for size in sorted(by_size):
        gaps = [g for g, _ in by_size[size]]
        plans = [p for _, p in by_size[size]]
        feasible = all(p["feasible"] and p.get("_verified") for p in plans)
        rate = statistics.mean(p["solver"]["iterations"] / p["solver"]["seconds"] for p in plans)
        lines.append(f"| {size} | {len(gaps)} | {statistics.mean(gaps):+.2f} % | {min(gaps):+.2f} % "
                     f"| {max(gaps):+.2f} % | {'yes' if feasible else 'NO'} | {rate:,.0f} | "
                     f"{max(p['_rss_mb'] for p in plans):.1f} |")
    big = [g for s, v in by_size.items() if s >= 100 for g, _ in v]
    if big:
        lines += ["", f"Mean gap on the 100-300-patient instances: **{statistics.mean(big):+.2f} %** "
                  f"({len(big)} instances)."]
    lines += ["", "| instance | patients | cost | best published | gap | feasible (checker + "
              "verify_mankowska.py) | iterations | max RSS (MB) | best solution file "
              "(iolab-uniud/hhcrsp) |", "|---|---:|---:|---:|---:|---|---:|---:|---|"] + rows
    return "\n".join(lines)


def vrptw(args, work):
    with tarfile.open(os.path.join(args.shared, "vrptw-gehring-homberger-1000.tar.xz")) as tar:
        tar.extractall(work)
    names = sorted(f[:-4] for f in os.listdir(os.path.join(work, "gh")) if f.endswith(".vrp"))
    if args.only:
        names = [n for n in names if re.search(args.only, n)]
    lines = [f"Time limit {args.seconds} s per instance, one thread, seed {args.seed}.", "",
             "| instance | distance | best known (.sol) | gap | routes | feasible | iterations | "
             "wall (s) | max RSS (MB) |", "|---|---:|---:|---:|---:|---|---:|---:|---:|"]
    gaps = []
    for name in names:
        plan = run_plan(args.binary, os.path.join(work, "gh", name + ".vrp"), args.seconds,
                        args.seed, ["--summary"])
        ref = float(open(os.path.join(work, "gh", name + ".sol")).read().split("Cost")[-1])
        gap = 100.0 * (plan["cost"] - ref) / ref
        gaps.append(gap)
        served = plan["objective"]["unserved_visits"] == 0
        lines.append(f"| {name} | {plan['objective']['travel']:.1f} | {ref:.1f} | {gap:+.2f} % | "
                     f"{plan['caregivers_used']} | {'yes' if plan['feasible'] and served else 'NO'} "
                     f"| {plan['solver']['iterations']} | {plan['_wall']:.1f} | "
                     f"{plan['_rss_mb']:.1f} |")
        print(lines[-1], flush=True)
    lines += ["", f"Mean gap: **{statistics.mean(gaps):+.2f} %**."]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("set", choices=["mankowska", "vrptw"])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--shared", required=True, help="folder with the routing archives")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", help="regular expression on instance names")
    parser.add_argument("--output", help="Markdown file to write")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        text = mankowska(args, work) if args.set == "mankowska" else vrptw(args, work)
    if args.output:
        with open(args.output, "w") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
