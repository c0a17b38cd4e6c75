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
  int liable_days = 0;
  long amount = 0;
  std::vector<domain::discharge::LiabilityDay> days;  // the month's days only
};

struct MunicipalityLiability {
  std::string municipality_code;
  std::string municipality_name;
  int liable_days = 0;
  long amount = 0;
  std::vector<EpisodeLiability> episodes;
  std::vector<std::string> problems;  // e.g. no amount agreed for the year
};

struct LiabilityReport {
  std::chrono::year_month month;
  std::string agreement;
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
