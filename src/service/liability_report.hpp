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
#include "domain/discharge/liability.hpp"
#include "service/context.hpp"

namespace nara::service {

struct EpisodeLiability {
  std::string episode_id;
  std::string ward_name;
  std::string agreement;  // the agreement its days were counted with
  bool placed = false;    // the municipality pays as the placing municipality (5 kap. 2 §)
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

class LiabilityReportService {
 public:
  explicit LiabilityReportService(ServiceContext context) : ctx_(context) {}
  LiabilityReport monthly(const domain::access::Actor& actor, std::chrono::year_month month,
                          const std::optional<std::string>& municipality_code);

 private:
  ServiceContext ctx_;
};

}  // namespace nara::service
