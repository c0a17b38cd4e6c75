// The audit writer's cost per entry, apart from HTTP (issue 3 point 9, docs/benchmarks.md).
//
//   audit_append DB-PATH [BATCH=22] [BATCHES=4000] [PERSONS=1] [INDEX_EVERY=2048]
//
// Creates a fresh SQLite database at DB-PATH (it must not exist), migrates it, and appends
// BATCHES group commits of BATCH read entries each, the way the group committer does under the
// person-GET benchmark (17-22 entries per commit there), spread over PERSONS persons; like the
// writer, it copies the entries' keys into the lookup tables in a transaction of its own whenever
// INDEX_EVERY entries are waiting. Prints CPU time (user+system of the process) and wall time per
// entry. The file is left for inspection.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "core/random.hpp"
#include "domain/access/audit.hpp"
#include "store/audit_repository.hpp"
#include "store/database.hpp"

namespace {

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

nara::domain::access::AuditEntry read_entry(const std::string& person_id) {
  nara::domain::access::AuditEntry e;
  e.at = "2026-11-24T01:02:03.456789Z";
  e.user_id = "0195f0a0-1111-7000-8000-000000000001";
  e.user_hsa_id = "SE2321000198-DSK0001";
  e.assignment_id = "0195f0a0-2222-7000-8000-000000000002";
  e.role = "district_nurse";
  e.unit_id = "0195f0a0-3333-7000-8000-000000000003";
  e.unit_hsa_id = "SE2321000198-VC0001";
  e.care_provider_id = "0195f0a0-4444-7000-8000-000000000004";
  e.person_id = person_id;
  e.object_type = "person";
  e.object_id = person_id;
  e.outcome = "PDL 4:1";
  e.purpose = "read";
  e.request_id = "0195f0a0-5555-7000-8000-000000000005";
  return e;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: audit_append DB-PATH [BATCH] [BATCHES] [PERSONS] [INDEX_EVERY]\n");
    return 2;
  }
  const std::string path = argv[1];
  const int batch = argc > 2 ? std::stoi(argv[2]) : 22;
  const int batches = argc > 3 ? std::stoi(argv[3]) : 4000;
  const int persons = argc > 4 ? std::max(1, std::stoi(argv[4])) : 1;
  const std::int64_t index_every = argc > 5 ? std::max(1, std::stoi(argv[5])) : 2048;
  if (std::filesystem::exists(path)) {
    std::fprintf(stderr, "%s exists; give a new path\n", path.c_str());
    return 2;
  }
  auto db = nara::store::open_database("sqlite:" + path);
  nara::store::migrate(*db);
  std::vector<std::string> person_ids;
  person_ids.reserve(static_cast<std::size_t>(persons));
  for (int p = 0; p < persons; ++p) person_ids.push_back(nara::core::new_uuid());

  const double cpu_before = cpu_seconds();
  const auto wall_before = std::chrono::steady_clock::now();
  std::size_t next_person = 0;
  for (int b = 0; b < batches; ++b) {
    std::vector<nara::domain::access::AuditEntry> entries;
    entries.reserve(static_cast<std::size_t>(batch));
    for (int i = 0; i < batch; ++i) {
      entries.push_back(read_entry(person_ids[next_person++ % person_ids.size()]));
    }
    const std::int64_t unindexed = db->write([&](nara::store::Transaction& tx) {
      return nara::store::AuditRepository(tx).append(entries);
    });
    if (unindexed >= index_every) {
      db->write(
          [](nara::store::Transaction& tx) { nara::store::AuditRepository(tx).index_pending(); });
    }
  }
  const double cpu = cpu_seconds() - cpu_before;
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_before).count();
  const double n = static_cast<double>(batch) * batches;
  std::printf("entries=%.0f batch=%d persons=%d cpu_us_per_entry=%.2f wall_us_per_entry=%.2f\n", n,
              batch, persons, cpu * 1e6 / n, wall * 1e6 / n);
  return 0;
}
