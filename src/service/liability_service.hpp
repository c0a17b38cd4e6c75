#pragma once
// Kommunens betalningsansvar as data (Lag 2017:612 5 kap.; issue 4 point 3): the statutory
// amounts per year (5:6) and the region's local agreements (4 kap. 5 §), managed by county
// administrators, versioned by validity period and never edited in place; and per episode the
// 5:5 exception and the placing municipality (5:2), recorded by the staff of the episode.
// The loaders at the bottom are what the episode view, the worklist and the report count with.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/access/actor.hpp"
#include "domain/discharge/episode.hpp"
#include "domain/discharge/liability.hpp"
#include "service/context.hpp"
#include "store/episode_repository.hpp"

namespace nara::service {

struct StatutoryAmount {
  int year = 0;
  long amount_per_day = 0;
  std::string source;
  std::string confidence;  // V verified, S secondary source
};

struct AgreementRecord {
  domain::discharge::AgreementTerms terms;
  std::optional<std::string> source;
  std::optional<std::string> replaces_id;
  std::optional<std::string> created_by;
  std::string created_at;
  std::optional<std::string> ended_at;
};

struct AgreementInput {
  domain::discharge::AgreementTerms terms;  // id is assigned
  std::optional<std::string> source;
  std::optional<std::string> replaces_id;  // ends that agreement the day before this one starts
};

struct AgreementList {
  std::vector<StatutoryAmount> statutory_amounts;
  std::vector<AgreementRecord> agreements;
};

struct RegionNotReadyRecord {
  std::string id;
  std::string episode_id;
  domain::discharge::LocalDate from;
  domain::discharge::LocalDate to;
  std::string reason;
  std::optional<std::string> recorded_by;
  std::optional<std::string> unit_id;
  std::string recorded_at;
};

struct PlacingMunicipality {
  std::string municipality_code;
  std::optional<std::string> decision_reference;
  std::optional<std::string> recorded_by;
  std::string recorded_at;
};

class LiabilityService {
 public:
  explicit LiabilityService(ServiceContext context) : ctx_(context) {}

  // County administrators and managers (who read the report) may read; only county
  // administrators change.
  AgreementList list(const domain::access::Actor& actor);
  AgreementRecord get(const domain::access::Actor& actor, const std::string& id);
  AgreementRecord create(const domain::access::Actor& actor, AgreementInput input);
  // Ends an agreement on `valid_to` (inclusive). Days already passed keep it: an agreement in
  // force cannot end before today.
  AgreementRecord end(const domain::access::Actor& actor, const std::string& id,
                      domain::discharge::LocalDate valid_to);
  // Adds Socialstyrelsen's amount for a year not yet known (5:6); a known year is never changed.
  StatutoryAmount add_statutory_amount(const domain::access::Actor& actor, StatutoryAmount amount);

  // 5:5, by the episode's ward staff or the region's outpatient care (health centre) in the
  // person's care.
  RegionNotReadyRecord record_region_not_ready(const domain::access::Actor& actor,
                                               const std::string& episode_id,
                                               domain::discharge::LocalDate from,
                                               domain::discharge::LocalDate to,
                                               const std::string& reason);
  // 5:2, by the episode's ward staff or a municipality's staff in the person's care; nullopt
  // removes it (the folkbokföring municipality pays again).
  std::optional<PlacingMunicipality> set_placing_municipality(
      const domain::access::Actor& actor, const std::string& episode_id,
      const std::optional<std::string>& municipality_code,
      const std::optional<std::string>& decision_reference);

 private:
  ServiceContext ctx_;
};

// What liability is counted with: every agreement and the statutory amounts, loaded once.
struct LiabilityTerms {
  std::vector<domain::discharge::AgreementTerms> agreements;
  std::map<int, long> statutory_amounts;

  // The agreement in force for the municipality on the date, the statute filling its gaps.
  [[nodiscard]] domain::discharge::LiabilityAgreement for_municipality(
      const std::string& municipality_code, domain::discharge::LocalDate date) const;
};

LiabilityTerms load_liability_terms(store::Transaction& tx);
std::vector<RegionNotReadyRecord> load_region_not_ready(store::Transaction& tx,
                                                        const std::string& episode_id);
std::optional<PlacingMunicipality> load_placing_municipality(store::Transaction& tx,
                                                             const std::string& episode_id);

// The episode's facts with its recorded 5:5 periods.
domain::discharge::LiabilityFacts episode_liability_facts(store::Transaction& tx,
                                                          const store::EpisodeRecord& record,
                                                          core::Instant now);
// 5:2: the municipality that pays for the episode (empty when the person has no municipality).
std::string episode_liable_municipality(store::Transaction& tx, const store::EpisodeRecord& record);
// The agreement an episode is counted with: the liable municipality's, in force on the day of
// the first ready notice (today before there is one).
domain::discharge::LiabilityAgreement episode_agreement(const LiabilityTerms& terms,
                                                        const std::string& liable_municipality,
                                                        const domain::discharge::Episode& episode,
                                                        core::Instant now);

}  // namespace nara::service
