#include "app/fhir_import_command.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "api/fhir_import_api.hpp"
#include "interop/fhir/common.hpp"
#include "interop/fhir/import_bundle.hpp"

namespace nara::app {

namespace {

namespace fs = std::filesystem;
namespace limits = interop::fhir::import;

// The files named, and every .json file of a folder named, in name order.
std::vector<fs::path> bundle_files(const std::vector<std::string>& paths, std::ostream& err,
                                   bool& missing) {
  std::vector<fs::path> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::directory_iterator(p, ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json")
          found.push_back(entry.path());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.emplace_back(p);
    } else {
      err << "nara: " << p << ": ingen sådan fil eller mapp\n";
      missing = true;
    }
  }
  return files;
}

// The bundle's text, or the problem that stops it (too large, unreadable).
std::string read_file(const fs::path& file) {
  const auto size = fs::file_size(file);
  if (size > limits::kMaxBundleBytes) api::refuse_too_large_bundle(size);
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("filen kan inte läsas");
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (!in) throw std::runtime_error("filen kan inte läsas");
  return text;
}

std::string not_imported_list(const std::map<std::string, std::size_t>& counts) {
  std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string out;
  for (const auto& [type, n] : sorted) {
    out += (out.empty() ? "" : ", ") + type + " " + std::to_string(n);
  }
  return out;
}

void print_file_line(std::ostream& out, const fs::path& file, const service::FhirImportResult& r,
                     double seconds) {
  out << file.filename().string() << ": " << r.resources << " resources, " << r.imported()
      << " imported (persons " << r.persons_created << " created, " << r.persons_found
      << " found; encounters " << r.encounters_created + r.encounters_found << "; conditions "
      << r.conditions_created + r.conditions_found << "), " << r.not_imported_total()
      << " not imported, " << std::fixed << std::setprecision(3) << seconds << " s\n";
}

void print_totals(std::ostream& out, const service::FhirImportResult& t, std::size_t refused,
                  double seconds) {
  const std::size_t imported = t.persons_created + t.persons_found + t.organisations_created +
                               t.organisations_found + t.practitioners_created +
                               t.practitioners_found + t.encounters_created + t.encounters_found +
                               t.conditions_created + t.conditions_found;
  out << "Imported " << t.bundles << " bundle" << (t.bundles == 1 ? "" : "s");
  if (refused > 0) out << " (" << refused << " refused)";
  out << ": " << t.resources << " resources read, " << imported << " imported, "
      << t.resources - imported << " not imported.\n"
      << "  Persons: " << t.persons_created << " created (" << t.reservnummer_issued
      << " with a reservnummer), " << t.persons_found << " found\n"
      << "  Encounters: " << t.encounters_created << " created (" << t.inpatient_episodes
      << " inpatient episodes, " << t.care_contacts << " care contacts), " << t.encounters_found
      << " found\n"
      << "  Conditions: " << t.conditions_created << " created (" << t.episode_diagnoses
      << " ICD-10 diagnoses of imported stays), " << t.conditions_found << " found\n"
      << "  Organisations: " << t.organisations_created << " created, " << t.organisations_found
      << " found; practitioners: " << t.practitioners_created << " created, "
      << t.practitioners_found << " found\n";
  if (!t.not_imported.empty())
    out << "  Not imported: " << not_imported_list(t.not_imported) << "\n";
  const double rate = seconds > 0 ? static_cast<double>(t.resources) / seconds : 0.0;
  const double imported_rate = seconds > 0 ? static_cast<double>(imported) / seconds : 0.0;
  out << "  Took " << std::fixed << std::setprecision(3) << seconds
      << " s: " << std::setprecision(0) << rate << " resources/s read, " << imported_rate
      << " imported resources/s.\n";
}

}  // namespace

int run_fhir_import(store::Database& db, const core::Clock& clock, const FhirImportCommand& command,
                    std::ostream& out, std::ostream& err) {
  bool missing = false;
  const auto files = bundle_files(command.paths, err, missing);
  if (files.empty()) {
    err << "nara: inga buntar att importera (.json-filer eller mappar med sådana)\n";
    return 2;
  }
  service::FhirImportOptions options;
  if (!command.municipality_code.empty()) options.municipality_code = command.municipality_code;
  if (!command.ward_hsa_id.empty()) options.ward_hsa_id = command.ward_hsa_id;
  service::FhirImportService importer(service::ServiceContext{db, clock}, options);

  service::FhirImportResult totals;
  std::size_t refused = 0;
  const auto started = std::chrono::steady_clock::now();
  for (const auto& file : files) {
    const auto file_started = std::chrono::steady_clock::now();
    try {
      const auto text = read_file(file);
      const boost::json::value bundle = api::parse_fhir_import_body(text);
      const auto result = importer.import_from_command_line(bundle);
      totals += result;
      if (!command.quiet) {
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - file_started;
        print_file_line(out, file, result, took.count());
        for (const auto& w : result.warnings)
          out << "  " << w.field << ": " << w.detail << " (" << w.rule << ")\n";
      }
    } catch (const core::ProblemError& e) {
      ++refused;
      err << file.string() << ": refused, nothing stored (" << e.problem().status << " "
          << e.problem().title << ")\n"
          << boost::json::serialize(interop::fhir::operation_outcome(e.problem())) << "\n";
    } catch (const std::exception& e) {
      ++refused;
      err << file.string() << ": " << e.what() << "\n";
    }
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  print_totals(out, totals, refused, took.count());
  return refused > 0 || missing ? 1 : 0;
}

}  // namespace nara::app
