#include "app/demo_history.hpp"

#include <array>
#include <stdexcept>

#include "app/demo_care.hpp"
#include "app/demo_stays.hpp"
#include "app/demo_synthetic.hpp"
#include "core/random.hpp"

namespace nara::app {

namespace {

using namespace synthetic;

}  // namespace

namespace synthetic {

bool write_demo_liability_agreement(store::Transaction& tx, const std::string& now_text) {
  // Amounts per vårddygn made up for the demo, about the statutory 2023 amount and rising as it
  // has; the report prices the demo's days with them instead of 0 kr.
  constexpr std::array<std::pair<std::int64_t, std::int64_t>, 3> kAmounts{
      {{2024, 11000}, {2025, 11500}, {2026, 12000}}};
  const std::string first = "2024-01-01";
  const std::string last = "2026-12-31";
  if (!tx.query("SELECT 1 FROM liability_agreements WHERE municipality_code IS NULL AND "
                "valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)",
                last, first)
           .empty())
    return false;
  const std::string id = core::new_uuid();
  // The statute's terms (NULL) and model per episode: only the amounts are the agreement's.
  tx.query(
      "INSERT INTO liability_agreements (id, name, municipality_code, valid_from, valid_to, model, "
      "source, created_at) VALUES (?, ?, NULL, ?, ?, 'per_episode', ?, ?)",
      id, std::string("Demo: belopp per vårddygn 2024–2026 (påhittade för demon)"), first, last,
      std::string("Demodata: beloppen är påhittade för demon, inte Socialstyrelsens. "
                  "Socialstyrelsens belopp för 2024–2026 är inte inlästa i Nära "
                  "(domain-rules §1.4)."),
      now_text);
  for (const auto& [year, amount] : kAmounts) {
    tx.query(
        "INSERT INTO liability_agreement_amounts (agreement_id, year, amount_per_day) VALUES (?, "
        "?, ?)",
        id, year, amount);
  }
  return true;
}

}  // namespace synthetic

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
    write_demo_liability_agreement(tx, now_text);
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
                  " to " + db_date(window.reference_day) + " (rows: " + table_counts(counts) +
                  "); made-up liability amounts 2024–2026 for the demo.";
    return out;
  };
  return seed_demo_county(db, clock, shared_dir, scale.inhabitants, seed_residents);
}

}  // namespace nara::app
