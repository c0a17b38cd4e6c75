#pragma once
// The facts of the follow-up indicators and the proactive list (issue 19), loaded with set-based
// SQL: one statement per kind of fact over the whole period, never one per episode or person, so
// a county of 250,000 inhabitants is read in a handful of scans on SQLite and PostgreSQL alike.
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "domain/indicators/facts.hpp"
#include "domain/indicators/risk.hpp"
#include "store/database.hpp"

namespace nara::store {

// An episode with what its payment liability is counted from besides the chain itself.
struct FollowUpEpisode {
  domain::indicators::EpisodeFact fact;
  std::string folkbokforing_code;
  bool psychiatric_ward = false;
  std::vector<std::pair<std::chrono::year_month_day, std::chrono::year_month_day>> region_not_ready;
};

struct UnitName {
  std::string id;
  std::string name;
  std::string kind;
  std::string municipality_code;
};

// The last birth date ("YYYY-MM-DD") of a person who is `min_age` or older on `today`.
std::string latest_birth_date(std::chrono::year_month_day today, int min_age);

// Where a stay on a proactive list was documented: the reader may see it only as the sharing
// rules allow (PDL 4:4, 2022:913), decided by the service over these facts.
struct StaySource {
  std::string care_provider_id;
  std::string ward_unit_id;
};

struct UnitPerson {
  domain::indicators::PersonHistory history;
  std::vector<StaySource> sources;  // one per history.stays, same order
  std::string name;                 // "Given Family"
  std::string identifier;           // canonical
  std::string identifier_kind;
  std::optional<std::string> birth_date;  // YYYY-MM-DD, for the age on a later day
};

// The blocks and consents of a unit's persons, read in one statement each.
struct SharingFacts {
  std::set<std::tuple<std::string, std::string, std::string>>
      within_provider;                                             // person, provider, unit
  std::set<std::pair<std::string, std::string>> across_providers;  // person, provider
  std::set<std::string> consented;  // persons whose consent covers the reader's provider
};

// Episodes, SIPs, requests and contacts touching [from, to), with the margins the definitions
// need (a readmission 30 days after the period, continuity's 12 months before it).
class FollowUpRepository {
 public:
  explicit FollowUpRepository(Transaction& tx) : tx_(tx) {}

  std::vector<domain::indicators::PopulationCohort> population();
  // In admission order (admitted_at, then id).
  std::vector<FollowUpEpisode> episodes(core::Instant from, core::Instant to);
  std::vector<domain::indicators::SipFact> sips(core::Instant from, core::Instant to);
  std::vector<domain::indicators::RequestFact> requests(core::Instant from, core::Instant to);
  std::vector<domain::indicators::ContactFact> contacts(core::Instant from, core::Instant to);
  // Every contact, for making the continuity rollup anew.
  std::vector<domain::indicators::ContactFact> all_contacts();
  // The continuity rollup's sums for the units' months in [from, to).
  std::vector<domain::indicators::ContinuityTally> continuity_tallies(core::Instant from,
                                                                      core::Instant to);
  // What the contacts are now ("changes:<n>", counted by their triggers, migration 0022), and
  // what the rollup was made from (empty: never made).
  std::string contacts_watermark();
  std::string rollup_watermark(const std::string& name);
  void replace_continuity(const std::vector<domain::indicators::ContinuityTally>& tallies,
                          const std::string& watermark, const std::string& now);
  std::vector<domain::indicators::NamedContactFact> named_contacts(core::Instant from,
                                                                   core::Instant to);
  // Relations of persons who are `min_age` or older in some year of the period.
  std::vector<domain::indicators::RelationFact> relations(core::Instant from, core::Instant to,
                                                          int min_age);
  std::vector<domain::indicators::ActionFact> actions(core::Instant from, core::Instant to);

  std::vector<std::pair<std::string, std::string>> municipalities();  // code, name
  std::vector<UnitName> units();

  // The persons aged `min_age` or more with an active care relation with `unit_id` at `now`, and
  // what the proactive list assesses them on: stays of the last 12 months (and any ongoing),
  // their diagnoses, last month's home care hours, named contact, SIP, the latest action.
  // `only`: just these persons (a refresh of those whose facts changed), else the whole unit.
  std::vector<UnitPerson> unit_population(const std::string& unit_id, core::Instant now,
                                          int min_age,
                                          const std::vector<std::string>* only = nullptr);
  // Active blocks of the unit's persons, and their consents to `care_provider_id` valid at `now`.
  SharingFacts unit_sharing_facts(const std::string& unit_id, const std::string& care_provider_id,
                                  core::Instant now);

 private:
  Transaction& tx_;
};

}  // namespace nara::store
