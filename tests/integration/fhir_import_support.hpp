#pragma once
// Shared by the FHIR import's integration tests (fhir_import_test.cpp, fhir_import_api_test.cpp):
// the shared Synthea bundles extracted once per run, small bundles built in the test, a server of
// their own per engine, and a snapshot of everything an import writes.
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "harness.hpp"
#include "store/database.hpp"

namespace nara::test::fhir_import {

namespace json = boost::json;
namespace fs = std::filesystem;

// The 50 Synthea bundles of ../shared/data/synthea, extracted into a temporary folder once.
inline const std::vector<fs::path>& synthea_files() {
  static std::once_flag once;
  static std::vector<fs::path> files;
  std::call_once(once, [] {
    const fs::path dir = fs::temp_directory_path() / ("nara-synthea-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string command = "tar xJf '" + std::string(NARA_SHARED_DIR) +
                                "/data/synthea/synthea-50-patients.tar.xz' -C '" + dir.string() +
                                "'";
    if (std::system(command.c_str()) != 0) throw std::runtime_error("cannot extract " + command);
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".json")
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
  });
  return files;
}

inline std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline json::object read_bundle(const fs::path& file) {
  return json::parse(read_text(file)).as_object();
}

// A server of the import tests' own per engine, with the demo county: imports do not change the
// persons the other suites count on the shared one.
inline Server& import_server(const std::string& engine) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<Server>> servers;
  const std::lock_guard lock(mutex);
  auto& slot = servers[engine];
  if (!slot) slot = fresh_server(engine, true);
  return *slot;
}

// Row counts of every table an import writes, and the versions of what it could change.
inline std::map<std::string, std::int64_t> snapshot(Server& s) {
  return s.instance->database().read([](store::Transaction& tx) {
    std::map<std::string, std::int64_t> out;
    for (const char* table :
         {"persons", "care_relations", "inpatient_episodes", "episode_diagnoses", "care_contacts",
          "fhir_import_keys", "external_organisations", "external_practitioners",
          "imported_encounters", "person_conditions"}) {
      out[table] = tx.query(std::string("SELECT COUNT(*) FROM ") + table).row(0).int64(0);
    }
    out["persons.version"] =
        tx.query("SELECT COALESCE(SUM(version), 0) FROM persons").row(0).int64(0);
    out["inpatient_episodes.version"] =
        tx.query("SELECT COALESCE(SUM(version), 0) FROM inpatient_episodes").row(0).int64(0);
    return out;
  });
}

inline std::string scalar(Server& s, const std::string& sql, const std::string& arg = {}) {
  return s.instance->database().read([&](store::Transaction& tx) {
    const auto rs = arg.empty() ? tx.query(sql) : tx.query(sql, arg);
    return rs.empty() || rs.row(0).is_null(0) ? std::string() : rs.row(0).text(0);
  });
}

// Small bundles built in the test.
inline json::object entry(const std::string& full_url, json::object resource) {
  const std::string type(resource.at("resourceType").as_string());
  return {{"fullUrl", full_url},
          {"resource", std::move(resource)},
          {"request", {{"method", "POST"}, {"url", type}}}};
}

inline json::object transaction(json::array entries) {
  return {{"resourceType", "Bundle"}, {"type", "transaction"}, {"entry", std::move(entries)}};
}

inline json::object patient(const std::string& source_id, const std::string& birth_date,
                            const std::string& family = "Testsson") {
  return {{"resourceType", "Patient"},
          {"identifier", json::array{{{"system", "https://nara.example/test/fhir-import"},
                                      {"value", source_id}}}},
          {"name", json::array{{{"use", "official"}, {"family", family}, {"given", {"Test"}}}}},
          {"gender", "female"},
          {"birthDate", birth_date}};
}

inline json::object inpatient_stay(const std::string& patient_url, const std::string& start,
                                   const std::string& end) {
  return {
      {"resourceType", "Encounter"},
      {"status", "finished"},
      {"class", {{"system", "http://terminology.hl7.org/CodeSystem/v3-ActCode"}, {"code", "IMP"}}},
      {"subject", {{"reference", patient_url}}},
      {"period", {{"start", start}, {"end", end}}}};
}

}  // namespace nara::test::fhir_import
