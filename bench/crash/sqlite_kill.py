#!/usr/bin/env python3
"""Issue 21 point 4: SIGKILL `nara serve` on SQLite at random moments under a write load.

Eight clients write through the API while the server is killed ROUNDS times (default 20). Each
client takes a demo person with a personnummer and no stay in progress and runs a stay:
- an HL7 v2 ADT^A01 (POST /api/v1/hl7/v2 as the integration account) admits the person to the
  ward nurse's ward;
- the ward nurse looks the person up (POST /api/v1/persons/search), an audited read, with an
  X-Request-Id of its own;
- an ADT^A03 discharges the person, who is then free for another stay.

After every kill the server is started again on the same database and the script checks that
- every A01 answered AA has its episode (inpatient_episodes.external_visit_id), and every A03
  answered AA left it discharged;
- every read answered 200 has its audit entry (audit_entries.request_id): the entry is durable
  before the answer, as a logged read must be (PDL 4 kap. 3 §, HSLF-FS 2016:40 4 kap. 9 §);
- every message sent without an answer (in doubt when the server died), sent again with the same
  MSH-10 as a sender does, is answered AA: applied now, or found as applied before the kill;
- `nara audit verify` finds the hash chain intact.

Prints a JSON report; exits 1 on any loss. Usage (docs/reliability.md):
  bench/crash/sqlite_kill.py --nara build/release/src/app/nara --shared ../shared
"""
import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone

PASSWORD = "Nara-demo-2026"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, nara, shared, db, port, log):
        self.args = [nara, "--db", f"sqlite:{db}", "--shared", shared, "serve", "--demo",
                     "--address", "127.0.0.1", "--port", str(port), "--threads", "4",
                     "--no-access-log"]
        self.port = port
        self.log = log
        self.process = None

    def start(self, timeout=300):
        self.process = subprocess.Popen(self.args, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nara serve exited with {self.process.returncode}")
            try:
                status, _, _ = request(self.port, "GET", "/readyz", timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("nara serve did not become ready")

    def kill(self):
        # SIGKILL: no destructor, no checkpoint, no flush — the process simply stops.
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


def request(port, method, path, body=None, headers=None, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        res = conn.getresponse()
        return res.status, dict(res.getheaders()), res.read()
    finally:
        conn.close()


def sign_in(port, username):
    status, _, body = request(port, "POST", "/api/v1/session",
                              json.dumps({"username": username, "password": PASSWORD,
                                          "client": "api"}),
                              {"Content-Type": "application/json"})
    if status != 201:
        raise RuntimeError(f"sign-in of {username}: {status} {body[:200]!r}")
    return json.loads(body)


def hl7_time(at):
    return at.strftime("%Y%m%d%H%M%S+0000")


def adt(trigger, personnummer, ward_hsa_id, visit, control_id, at):
    """ADT^A01 (admit) or ^A03 (discharge) as a hospital's patient administration system sends it."""
    t = hl7_time(at)
    return "\r".join([
        f"MSH|^~\\&|COSMIC|SUNDSVALLS SJUKHUS|NARA|REGION VN|{t}||ADT^{trigger}^ADT_A01|{control_id}"
        "|P|2.5",
        f"EVN|{trigger}|{t}",
        f"PID|1||{personnummer}^^^&1.2.752.129.2.1.3.1&ISO^PN||Krocktest^Person||"
        f"{personnummer[:8]}|U",
        f"PV1|1|I|{ward_hsa_id}{'|' * 16}{visit}",
    ]) + "\r"


class Load:
    """The clients; what each sent and what was acknowledged, shared under one lock."""

    def __init__(self, port, persons, ward_hsa_id, tokens, run_tag):
        self.port = port
        self.persons = persons       # personnummer free to admit; taken and given back
        self.ward = ward_hsa_id
        self.tokens = tokens
        self.tag = run_tag
        self.lock = threading.Lock()
        self.next_id = 0
        self.admitted = {}           # visit -> control id of its A01 answered AA
        self.discharged = {}         # visit -> control id of its A03 answered AA
        self.in_doubt = []           # (trigger, visit, message): sent, no answer
        self.refused = 0             # answered, but not AA
        self.acked_reads = set()     # X-Request-Id answered 200
        self.failed_requests = 0
        self.stop = threading.Event()

    def send(self, trigger, pnr, visit, control):
        message = adt(trigger, pnr, self.ward, visit, control, datetime.now(timezone.utc))
        try:
            status, headers, _ = request(self.port, "POST", "/api/v1/hl7/v2", message, {
                "Authorization": f"Bearer {self.tokens['hl7']}",
                "Content-Type": "application/hl7-v2"})
        except ConnectionRefusedError:
            self.stop.set()  # not received: the server is down
            return False
        except OSError:
            with self.lock:
                self.failed_requests += 1
                self.in_doubt.append((trigger, visit, message))
            self.stop.set()
            return False
        code = headers.get("X-HL7-Ack-Code", "")
        with self.lock:
            if status == 200 and code == "AA":
                (self.admitted if trigger == "A01" else self.discharged)[visit] = control
                return True
            self.refused += 1
        return False

    def client(self):
        while not self.stop.is_set():
            with self.lock:
                if not self.persons:
                    return
                pnr = self.persons.pop()
                self.next_id += 1
                key = f"{self.tag}-{self.next_id}"
            visit = f"KT{key}"
            if not self.send("A01", pnr, visit, f"CA{key}"):
                continue
            read_id = f"kt-read-{key}"
            try:
                status, _, _ = request(self.port, "POST", "/api/v1/persons/search",
                                       json.dumps({"identifier": pnr}), {
                                           "Authorization": f"Bearer {self.tokens['nurse']}",
                                           "Content-Type": "application/json",
                                           "X-Request-Id": read_id})
            except OSError:
                with self.lock:
                    self.failed_requests += 1
                self.stop.set()
                continue
            with self.lock:
                if status == 200:
                    self.acked_reads.add(read_id)
            if self.send("A03", pnr, visit, f"CD{key}"):
                with self.lock:
                    self.persons.insert(0, pnr)  # discharged: free to admit again


def free_persons(db_path):
    """The demo's persons with a personnummer and no stay in progress: free to admit."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return [r for (r,) in con.execute(
            "SELECT identifier FROM persons p WHERE identifier_kind = 'personnummer' "
            "AND NOT EXISTS (SELECT 1 FROM inpatient_episodes e WHERE e.person_id = p.id "
            "AND e.state NOT IN ('discharged', 'cancelled', 'deceased')) ORDER BY identifier")]
    finally:
        con.close()


def check(db_path, load, nara, db_url):
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        states = dict(con.execute(
            "SELECT external_visit_id, state FROM inpatient_episodes "
            "WHERE external_visit_id LIKE 'KT%'"))
        reads = {r for (r,) in con.execute(
            "SELECT request_id FROM audit_entries WHERE request_id LIKE 'kt-read-%'")}
    finally:
        con.close()
    lost = [v for v in load.admitted if v not in states]
    lost += [v for v in load.discharged if states.get(v) != "discharged"]
    lost_reads = sorted(load.acked_reads - reads)
    verify = subprocess.run([nara, "--db", db_url, "audit", "verify"], capture_output=True,
                            text=True)
    return {"lostWrites": lost, "lostReadAuditEntries": lost_reads,
            "auditVerify": verify.stdout.strip(), "auditIntact": verify.returncode == 0}


COUNTED = ("acknowledgedWrites", "acknowledgedReads", "inDoubtResent", "inDoubtResentNotAA",
           "refused", "failedRequests", "lostWrites", "lostReadAuditEntries")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nara", required=True)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--min-seconds", type=float, default=0.5)
    parser.add_argument("--max-seconds", type=float, default=4.0)
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--keep", action="store_true", help="keep the database and log")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    work = tempfile.mkdtemp(prefix="nara-crash-")
    db_path = os.path.join(work, "crash.db")
    db_url = f"sqlite:{db_path}"
    nara = os.path.abspath(args.nara)
    log = open(os.path.join(work, "server.log"), "ab")
    port = free_port()
    server = Server(nara, os.path.abspath(args.shared), db_path, port, log)
    server.start()
    ward = sign_in(port, "avd.ssk")["assignments"][0]["unitHsaId"]

    rounds = []
    totals = dict.fromkeys(COUNTED, 0)
    ok = True
    for n in range(1, args.rounds + 1):
        persons = free_persons(db_path)
        rng.shuffle(persons)
        tokens = {"hl7": sign_in(port, "hl7.region")["token"],
                  "nurse": sign_in(port, "avd.ssk")["token"]}
        load = Load(port, persons, ward, tokens, f"{args.seed}-{n}")
        threads = [threading.Thread(target=load.client) for _ in range(args.clients)]
        for t in threads:
            t.start()
        alive = rng.uniform(args.min_seconds, args.max_seconds)
        time.sleep(alive)
        server.kill()
        for t in threads:
            t.join()

        server.start()
        # What the sender got no answer for, it sends again with the same MSH-10, in its order.
        hl7 = sign_in(port, "hl7.region")["token"]
        resent_not_aa = 0
        for trigger, visit, message in load.in_doubt:
            status, headers, _ = request(port, "POST", "/api/v1/hl7/v2", message, {
                "Authorization": f"Bearer {hl7}", "Content-Type": "application/hl7-v2"})
            if status == 200 and headers.get("X-HL7-Ack-Code") == "AA":
                (load.admitted if trigger == "A01" else load.discharged)[visit] = ""
            else:
                resent_not_aa += 1
        result = check(db_path, load, nara, db_url)
        row = {"round": n, "killedAfterSeconds": round(alive, 2),
               "acknowledgedWrites": len(load.admitted) + len(load.discharged),
               "acknowledgedReads": len(load.acked_reads), "inDoubtResent": len(load.in_doubt),
               "inDoubtResentNotAA": resent_not_aa, "refused": load.refused,
               "failedRequests": load.failed_requests, "lostWrites": len(result["lostWrites"]),
               "lostReadAuditEntries": len(result["lostReadAuditEntries"]),
               "auditVerify": result["auditVerify"]}
        row["ok"] = (not result["lostWrites"] and not result["lostReadAuditEntries"]
                     and resent_not_aa == 0 and result["auditIntact"])
        ok = ok and row["ok"]
        rounds.append(row)
        for key in COUNTED:
            totals[key] += row[key]
        print(json.dumps(row, ensure_ascii=False), flush=True)

    server.kill()
    log.close()
    report = {"rounds": args.rounds, "clients": args.clients, "seed": args.seed,
              "totals": totals, "ok": ok}
    print(json.dumps(report, ensure_ascii=False, indent=2))
    if args.keep or not ok:
        print(f"database and server log kept in {work}", file=sys.stderr)
    else:
        shutil.rmtree(work)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
