#pragma once
// The municipalities' payment liability per month (Lag 2017:612 5 kap.; issue 4 point 3): per
// liable municipality the liable days and the amount, and for each episode every day of the
// month with whether it is billed and why. Read by county administrators and unit managers; a
// municipality's manager sees their own municipality only.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/access/actor.hpp"
#include "domain/discharge/compliance.hpp"
#include "domain/discharge/liability.hpp"
#include "service/context.hpp"

namespace nara::service {

struct EpisodeLiability {
  std::string episode_id;
  std::string ward_name;
  std::string agreement;  // the agreement its days were counted with
  domain::discharge::CareSetting care_setting = domain::discharge::CareSetting::somatic;
  bool placed = false;  // the municipality pays as the placing municipality (5 kap. 2 §)
  int liable_days = 0;
  long amount = 0;
  std::vector<domain::discharge::LiabilityDay> days;  // per_episode: the month's days only
  // monthly_average: the episode's ready days and whether it is part of the average.
  std::optional<int> ready_days;
  bool counted_in_average = false;
  std::string reason;
};

// The month's figures under the monthly-average model [S] (domain-rules §1.5).
struct AverageFigures {
  int threshold_days = 0;
  int episodes_counted = 0;
  int ready_days = 0;
  int allowed_days = 0;
  long amount_per_day = 0;
};

struct MunicipalityLiability {
  std::string municipality_code;
  std::string municipality_name;
  domain::discharge::LiabilityModel model = domain::discharge::LiabilityModel::per_episode;
  std::optional<std::string> agreement_id;  // none: the statute alone
  std::string agreement;
  int liable_days = 0;
  long amount = 0;
  std::optional<AverageFigures> average;
  std::vector<EpisodeLiability> episodes;
  std::vector<std::string> problems;  // e.g. no amount agreed for the year
};

struct LiabilityReport {
  std::chrono::year_month month;
  std::string agreement;  // the statute's name; each municipality names its own agreement
  std::vector<MunicipalityLiability> municipalities;
};

// Deadline compliance per month (issue 6): per statutory clock kind and responsible unit, how the
// clocks due in the month were kept (Lag 2017:612 2 kap. 1, 3 och 5 §§, 3 kap. 2 §, 4 kap. 3 §).
// Counts only: no person, no episode.
struct ComplianceLine {
  domain::discharge::ClockKind kind;
  std::string rule;
  std::string unit_id;  // empty: no outpatient unit was notified
  std::string unit_name;
  domain::discharge::ComplianceCounts counts;
};

struct ComplianceReport {
  std::chrono::year_month month;
  std::vector<ComplianceLine> lines;
};

class LiabilityReportService {
 public:
  explicit LiabilityReportService(ServiceContext context) : ctx_(context) {}
  LiabilityReport monthly(const domain::access::Actor& actor, std::chrono::year_month month,
                          const std::optional<std::string>& municipality_code);
  // Same readers and scope as the liability report: a municipality's manager sees the clocks of
  // its residents' episodes; `unit` narrows to one responsible unit (service/compliance_report).
  ComplianceReport deadline_compliance(const domain::access::Actor& actor,
                                       std::chrono::year_month month,
                                       const std::optional<std::string>& unit);

 private:
  ServiceContext ctx_;
};

// The municipalities whose figures the actor may see; nullopt means all of them. 403 for anyone
// but a unit manager or county administrator.
std::optional<std::vector<std::string>> report_municipalities(store::Transaction& tx,
                                                              const domain::access::Actor& actor);

}  // namespace nara::service
