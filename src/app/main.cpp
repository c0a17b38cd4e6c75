// nara: the Nära server and its administrative commands.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <iomanip>
#include <iostream>

#include "app/demo_county.hpp"
#include "app/demo_episodes.hpp"
#include "app/demo_history.hpp"
#include "app/fhir_import_command.hpp"
#include "app/instance.hpp"
#include "core/clock.hpp"
#include "core/problem.hpp"
#include "interop/planning/plan_command.hpp"
#include "service/follow_up_service.hpp"
#include "service/retention.hpp"
#include "store/audit_repository.hpp"

namespace {

void configure_logging(const std::string& level) {
  auto logger = spdlog::stdout_logger_mt("nara");
  // Every line is one JSON object; the event itself is the nested "log" object.
  logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","log":%v})",
                      spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Nära: God och nära vård — the care chain between region and municipalities"};
  cli.set_version_flag("--version", nara::app::version_string());
  cli.set_config("--config", "",
                 "Configuration file (TOML or INI) with the same keys as the flags");
  cli.require_subcommand(1);
  cli.fallthrough();  // global options (--db, --shared) may follow the subcommand

  nara::app::Config config;
  std::string log_level = "info";
  std::string shared_dir = "../shared";
  bool seed_demo = false;
  cli.add_option("--db", config.database_url, "sqlite:PATH or postgresql://…")
      ->envname("NARA_DB")
      ->capture_default_str();
  cli.add_option("--log-level", log_level, "trace, debug, info, warn, error")
      ->envname("NARA_LOG_LEVEL")
      ->capture_default_str();
  cli.add_option("--shared", shared_dir, "Folder with the shared test data (demo identities)")
      ->envname("NARA_SHARED")
      ->capture_default_str();

  auto* serve = cli.add_subcommand("serve", "Run the HTTP server (migrates first)");
  serve->add_option("--address", config.address, "Listen address")
      ->envname("NARA_ADDRESS")
      ->capture_default_str();
  serve->add_option("--port", config.port, "Listen port (0: any free port)")
      ->envname("NARA_PORT")
      ->capture_default_str();
  serve->add_option("--threads", config.threads, "I/O threads (0: twice the cores)")
      ->envname("NARA_THREADS");
  serve->add_option("--web-root", config.web_root, "Built web application")
      ->envname("NARA_WEB_ROOT")
      ->capture_default_str();
  serve->add_option("--pool-size", config.pool_size, "PostgreSQL connections")
      ->envname("NARA_POOL_SIZE")
      ->capture_default_str();
  serve->add_flag("!--no-access-log", config.access_log, "Do not log each request")
      ->envname("NARA_ACCESS_LOG");
  serve
      ->add_option("--hl7-port", config.hl7_port,
                   "Listen for HL7 v2 ADT over MLLP on this port (0: any free port)")
      ->envname("NARA_HL7_PORT");
  serve
      ->add_option("--hl7-unknown-person", config.hl7_unknown_person,
                   "A person not in Nära: reject (AE) or register with a reservnummer")
      ->envname("NARA_HL7_UNKNOWN_PERSON")
      ->check(CLI::IsMember({"reject", "reservnummer"}))
      ->capture_default_str();
  serve
      ->add_option("--hl7-a04-a05", config.hl7_a04_a05,
                   "A04 register and A05 pre-admit: acknowledge (AA with a note) or reject (AR)")
      ->envname("NARA_HL7_A04_A05")
      ->check(CLI::IsMember({"acknowledge", "reject"}))
      ->capture_default_str();
  serve->add_flag("--demo", seed_demo, "Seed the demo county if the database is empty")
      ->envname("NARA_DEMO");

  cli.add_subcommand("migrate", "Apply database migrations and exit");
  auto* demo = cli.add_subcommand("demo", "Seed the demo county (idempotent) and exit");
  nara::app::DemoScale demo_scale;
  demo->add_option("--scale", demo_scale.inhabitants,
                   "Inhabitants: 2400 is the classic demo; any other size (at least 1000) is a "
                   "synthetic county with three years of history")
      ->capture_default_str();
  demo->add_option("--seed", demo_scale.seed,
                   "Random seed of the history (and of a synthetic county's residents)")
      ->capture_default_str();
  auto* audit = cli.add_subcommand("audit", "Audit log tools");
  audit->require_subcommand(1);
  auto* audit_verify =
      audit->add_subcommand("verify", "Recompute the hash chain and name the first broken entry");
  int log_retention_years = nara::service::kDefaultLogRetentionYears;
  auto* audit_retention =
      audit->add_subcommand("apply-retention", "Remove audit entries older than the retention");
  audit_retention
      ->add_option("--log-retention-years", log_retention_years,
                   "Years to keep the audit log (at least 5)")
      ->envname("NARA_LOG_RETENTION_YEARS")
      ->capture_default_str();

  auto* plan = cli.add_subcommand(
      "plan", "Plan a day of home visits from an instance file and print the plan as JSON");
  std::string plan_file;
  nara::interop::planning::PlanOptions plan_options;
  plan->add_option("file", plan_file, "Instance: Nära/Mankowska JSON or VRPLIB/Solomon VRPTW")
      ->required()
      ->check(CLI::ExistingFile);
  plan->add_option("--time-limit", plan_options.time_limit_seconds, "Seconds of search")
      ->capture_default_str();
  plan->add_option("--seed", plan_options.seed, "Random seed (same seed, same plan)")
      ->capture_default_str();
  plan->add_option("--threads", plan_options.threads, "Search threads")->capture_default_str();

  auto* import = cli.add_subcommand("import", "Import records from other systems");
  import->require_subcommand(1);
  import->fallthrough();  // --db may follow `import fhir`
  auto* import_fhir = import->add_subcommand(
      "fhir",
      "Import FHIR R4 transaction Bundles (e.g. Synthea's), each in its own transaction, and exit");
  nara::app::FhirImportCommand fhir_import;
  // Each path through each(): a vector-bound option trips g++ 12's -Wnull-dereference at -O2
  // inside CLI11's own string splitting.
  import_fhir->add_option("paths", "Bundle files (.json), or folders of them")
      ->required()
      ->expected(-1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->each([&fhir_import](const std::string& path) { fhir_import.paths.push_back(path); });
  import_fhir->add_option(
      "--municipality", fhir_import.municipality_code,
      "Kommunkod every imported person is placed in (default: one of the county's, "
      "chosen from the person's source identifier)");
  import_fhir->add_option("--ward", fhir_import.ward_hsa_id,
                          "HSA-id of the ward for every imported inpatient stay (default: one of "
                          "the region's somatic wards, chosen from the stay's identifier)");
  import_fhir->add_flag("--quiet", fhir_import.quiet, "Print the totals only");

  CLI11_PARSE(cli, argc, argv);
  configure_logging(log_level);

  try {
    auto clock = std::make_shared<nara::core::SystemClock>();
    if (cli.got_subcommand("migrate")) {
      auto db = nara::store::open_database(config.database_url);
      const int applied = nara::store::migrate(*db);
      std::cout << "Migrated " << db->describe() << ": " << applied << " applied, schema version "
                << nara::store::schema_version(*db) << "\n";
      return 0;
    }
    if (import_fhir->parsed()) {
      auto db = nara::store::open_database(config.database_url);
      nara::store::migrate(*db);
      return nara::app::run_fhir_import(*db, *clock, fhir_import, std::cout, std::cerr);
    }
    if (plan->parsed())
      return nara::interop::planning::run_plan_command(plan_file, plan_options, std::cout,
                                                       std::cerr);
    if (audit_verify->parsed()) {
      auto db = nara::store::open_database(config.database_url);
      const auto check = nara::store::verify_audit_chain(*db);
      if (check.intact) {
        std::cout << "Audit log intact: " << check.entries << " entries verified.\n";
        return 0;
      }
      std::cout << "Audit log BROKEN at entry " << check.first_broken_seq.value_or(0) << ": "
                << check.reason << " (" << check.entries << " entries read).\n";
      return 1;
    }
    if (audit_retention->parsed()) {
      auto db = nara::store::open_database(config.database_url);
      nara::store::migrate(*db);
      const auto removed = nara::service::apply_log_retention(*db, *clock, log_retention_years);
      std::cout << "Removed " << removed << " audit entries older than " << log_retention_years
                << " years.\n";
      return 0;
    }
    if (demo->parsed()) {
      auto db = nara::store::open_database(config.database_url);
      nara::store::migrate(*db);
      const auto started = std::chrono::steady_clock::now();
      auto summary = nara::app::seed_demo_at_scale(*db, *clock, shared_dir, demo_scale);
      // The classic county gets its history here, as with `serve --demo`; the synthetic one
      // was written with it.
      if (demo_scale.inhabitants == nara::app::kClassicDemoResidents)
        summary += " " + nara::app::seed_classic_history(*db, *clock, demo_scale.seed);
      // The continuity rollup is made now, so the follow-up's first reader does not wait for it.
      nara::service::refresh_continuity_rollup(*db, clock->now());
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
      std::cout << summary << " Took " << std::fixed << std::setprecision(1) << took.count()
                << " s.\n";
      return 0;
    }
    if (serve->parsed()) {
      nara::app::Instance instance(config, clock);
      if (seed_demo) {
        nara::store::migrate(instance.database());
        spdlog::info(R"({{"event":"demo","summary":"{}"}})",
                     nara::app::seed_demo_county(instance.database(), *clock, shared_dir));
        // Three years behind it for the follow-up and the proactive list (not in the tests'
        // lean county, which calls seed_demo_county alone).
        spdlog::info(R"({{"event":"demo_history","summary":"{}"}})",
                     nara::app::seed_classic_history(instance.database(), *clock));
        // Keep the demo's discharge chain alive: a fresh batch of episodes once a day.
        nara::app::refresh_demo_episodes(instance.database(), *clock);
      }
      const auto port = instance.start();
      std::cout << "Nära is running at http://" << config.address << ":" << port << "/\n"
                << std::flush;
      instance.wait();
      return 0;
    }
  } catch (const nara::core::ProblemError& e) {
    std::cerr << "nara: " << e.problem().detail << "\n";
    return 2;
  } catch (const std::exception& e) {
    spdlog::critical(R"({{"event":"fatal","what":"{}"}})", e.what());
    std::cerr << "nara: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
