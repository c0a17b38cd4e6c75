#include "app/demo_history.hpp"

#include <stdexcept>

#include "app/demo_care.hpp"
#include "app/demo_stays.hpp"
#include "app/demo_synthetic.hpp"
#include "core/stockholm_time.hpp"

namespace nara::app {

namespace {

using namespace synthetic;

// The 36 months before the clock's local day, ending at its local midnight: what happens today
// is the living discharge chain's (demo_episodes.cpp), not history.
Window history_window(const core::Clock& clock) {
  const auto today = core::stockholm::local_date(clock.now());
  std::chrono::year_month_day first =
      (today.year() / today.month() - std::chrono::months(36)) / today.day();
  if (!first.ok()) first = (first.year() / first.month()) / std::chrono::last;
  return Window{core::stockholm::start_of_day(first), core::stockholm::start_of_day(today),
                std::chrono::sys_days(first), std::chrono::sys_days(today)};
}

std::string table_counts(const RowCounts& counts) {
  std::string out;
  for (const auto& [table, rows] : counts) {
    if (!out.empty()) out += ", ";
    out += table + " " + std::to_string(rows);
  }
  return out;
}

}  // namespace

std::string seed_demo_at_scale(store::Database& db, const core::Clock& clock,
                               const std::filesystem::path& shared_dir, const DemoScale& scale) {
  if (scale.inhabitants == kClassicDemoResidents) return seed_demo_county(db, clock, shared_dir);
  if (scale.inhabitants < kSmallestSyntheticCounty) {
    throw std::invalid_argument("--scale must be " + std::to_string(kClassicDemoResidents) +
                                " (the classic demo) or at least " +
                                std::to_string(kSmallestSyntheticCounty));
  }
  const Window window = history_window(clock);
  const std::string now_text = db_time(clock.now());
  const auto seed_residents = [&](store::Transaction& tx) {
    if (tx.engine() == store::Engine::sqlite) {
      // The whole county is one transaction: a page cache that holds its indexes saves re-reads
      // (this connection only; the process ends after seeding).
      tx.query("PRAGMA cache_size=-524288");
    }
    const County county = load_county(tx, scale.seed);
    IdSource ids(scale.seed);
    RowCounts counts;
    Population population = seed_population(tx, county, window, shared_dir, scale.inhabitants,
                                            scale.seed, ids, now_text, counts);
    StayWriter stays(tx, county, window, scale.seed, ids);
    CareWriter care(tx, county, window, scale.seed, ids, stays.episodes());
    // One resident at a time, every table at once: rows of one person land next to each other
    // in the person indexes, and nothing is read back.
    for (std::size_t i = 0; i < population.residents.size(); ++i) {
      const auto& resident = population.residents[i];
      care.write(resident, i, stays.write(resident, i));
    }
    stays.finish(counts);
    care.finish(counts);
    std::size_t deceased = 0;
    std::string citizen;
    for (const auto& r : population.residents) {
      if (r.died_at) ++deceased;
      if (r.citizen) citizen = r.id;
    }
    DemoResidents out;
    out.persons = population.residents.size();
    out.relations = counts["care_relations"];
    out.citizen_person_id = citizen;
    out.citizen_name = population.citizen_name;
    out.summary = "Synthetic county, seed " + std::to_string(scale.seed) + ": " +
                  std::to_string(population.from_test_list) + " Skatteverket test numbers, " +
                  std::to_string(population.synthetic) + " synthetic reservnummer, " +
                  std::to_string(deceased) + " deceased; history " + db_date(window.first_day) +
                  " to " + db_date(window.reference_day) + " (rows: " + table_counts(counts) + ").";
    return out;
  };
  return seed_demo_county(db, clock, shared_dir, scale.inhabitants, seed_residents);
}

}  // namespace nara::app
