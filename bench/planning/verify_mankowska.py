#!/usr/bin/env python3
"""Third, independent check of a `nara-plan` plan against the original Mankowska JSON instance.

Written in another language from the instance file alone (not our reader), so a reader bug cannot
hide: every patient served with the right services by able and distinct caregivers, travel and
windows respected, synchronisation kept, and the literature objective recomputed.
Usage: verify_mankowska.py INSTANCE.json PLAN.json  -> prints the recomputed cost, exit 1 if wrong.
"""
import json
import sys

EPS = 1e-6


def main(instance_path, plan_path):
    inst = json.load(open(instance_path))
    plan = json.load(open(plan_path))
    dist = inst["distances"]
    index = {p["id"]: i + 1 for i, p in enumerate(inst["patients"])}  # office is 0
    patients = {p["id"]: p for p in inst["patients"]}
    abilities = {c["id"]: set(c["abilities"]) for c in inst["caregivers"]}
    travel = tardiness = worst = 0.0
    served = {}
    errors = []
    for route in plan["routes"]:
        at, free = 0, 0.0
        for v in route["visits"]:
            p = patients[v["person"]]
            need = [r for r in p["required_caregivers"] if r["service"] == v["skill"]]
            if not need:
                errors.append(f"{v['visit']}: service not required")
                continue
            here = index[v["person"]]
            travel += dist[at][here]
            if v["start"] + EPS < free + dist[at][here]:
                errors.append(f"{v['visit']}: unreachable in time")
            if v["start"] + EPS < p["time_window"][0]:
                errors.append(f"{v['visit']}: starts before the window")
            if v["skill"] not in abilities[route["caregiver"]]:
                errors.append(f"{v['visit']}: caregiver lacks the ability")
            late = max(0.0, v["start"] - p["time_window"][1])
            tardiness += late
            worst = max(worst, late)
            free = v["start"] + need[0]["duration"]
            at = here
            served.setdefault(p["id"], []).append((v["skill"], v["start"], route["caregiver"]))
        travel += dist[at][0]
    for p in inst["patients"]:
        got = served.get(p["id"], [])
        need = p["required_caregivers"]
        if sorted(s for s, _, _ in got) != sorted(r["service"] for r in need):
            errors.append(f"{p['id']}: services served {got}")
            continue
        if len(need) == 2:
            a = next(x for x in got if x[0] == need[0]["service"])
            b = next(x for x in got if x[0] == need[1]["service"])
            if a[2] == b[2]:
                errors.append(f"{p['id']}: one caregiver for both services")
            sync = p.get("synchronization", {"type": "simultaneous"})
            lo, hi = (0.0, 0.0) if sync["type"] == "simultaneous" else sync["distance"]
            if not lo - EPS <= b[1] - a[1] <= hi + EPS:
                errors.append(f"{p['id']}: gap {b[1] - a[1]} outside [{lo}, {hi}]")
    cost = (travel + tardiness + worst) / 3.0
    print(json.dumps({"travel": travel, "total_tardiness": tardiness, "max_tardiness": worst,
                      "cost": cost, "errors": errors[:10]}))
    if errors or abs(cost - plan["cost"]) > 1e-6 * max(1.0, cost):
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
