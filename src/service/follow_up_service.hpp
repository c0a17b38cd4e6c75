#pragma once
// Follow-up against målbild 2030 and proactive care (issue 19; domain-rules §1.6, §4): the
// indicators per county, municipality and unit with small-cell control, the drill-down to the
// episodes behind a cell, and a unit's proactive list with its recorded actions. Load (set-based
// SQL) → decide (domain/indicators) → log; a refused request computes nothing and logs only the
// denied access.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/access/actor.hpp"
#include "domain/indicators/indicators.hpp"
#include "domain/indicators/risk.hpp"
#include "service/context.hpp"

namespace nara::service {

struct NamedUnit {
  std::string id;
  std::string name;
  std::string kind;
  std::string municipality_code;
};

struct FollowUpCatalogue {
  const domain::indicators::Catalogue* catalogue = nullptr;
  std::string county_name;
  std::vector<std::pair<std::string, std::string>> municipalities;  // code, name
  std::vector<NamedUnit> units;
  domain::indicators::Month default_from;
  domain::indicators::Month default_to;
};

struct FollowUpScope {
  std::optional<std::string> municipality;  // kommunkod
  std::optional<std::string> unit;          // unit id
};

struct NamedSeries {
  domain::indicators::Series series;
  std::string name;
};

struct FollowUpValues {
  domain::indicators::Month from;
  domain::indicators::Month to;
  std::vector<NamedSeries> series;
};

// One fact behind a cell, as the drill-down lists it.
struct DrillDownItem {
  std::string id;
  std::string kind;  // episode | sip | request
  std::string person_id;
  std::string person_name;
  std::string person_identifier;  // display form
  std::string unit_name;
  std::string start;
  std::optional<std::string> end;
  std::string detail;  // e.g. the episode's state
};

struct DrillDown {
  std::string indicator_id;
  domain::indicators::Month month;
  std::string kind;  // episode | sip | request
  std::vector<DrillDownItem> items;
  int hidden = 0;  // facts behind the cell the reader may not see
};

struct ProactiveAction {
  std::string id;
  std::string person_id;
  std::string unit_id;
  std::string unit_name;
  domain::indicators::ActionKind kind = domain::indicators::ActionKind::assessed_no_action;
  std::optional<std::string> note;
  std::optional<std::string> next_review_on;  // YYYY-MM-DD
  std::optional<int> risk_score;
  std::string recorded_by_name;
  std::string recorded_at;
};

struct ProactivePerson {
  std::string id;
  std::string name;
  std::string identifier;  // display form
  std::optional<int> age;
};

struct ProactiveListRow {
  ProactivePerson person;
  domain::indicators::ProactiveRow assessment;
  std::optional<ProactiveAction> last_action;
};

struct ProactiveList {
  std::string unit_id;
  std::string unit_name;
  std::string reference_date;  // YYYY-MM-DD
  domain::indicators::FrailtyCriteria criteria;
  int min_lace = 10;
  // The highest-ranked `limit` persons to reach out to and the first `limit` of those assessed
  // and not yet due for review; the totals say how many there are in all.
  std::vector<ProactiveListRow> rows;
  int total_active = 0;
  int total_review_pending = 0;
};

struct ActionInput {
  std::string person_id;
  domain::indicators::ActionKind kind = domain::indicators::ActionKind::assessed_no_action;
  std::optional<std::string> note;
  std::optional<std::chrono::year_month_day> next_review_on;
};

std::string_view to_string(domain::indicators::ActionKind kind);
std::optional<domain::indicators::ActionKind> parse_action_kind(std::string_view text);

// Makes the continuity rollup (COC and UPC summed per unit and month, migration 0020) anew from
// every contact when the contacts changed since it was made; cheap when they did not. The
// follow-up calls it before reading; seeding calls it so the first reader does not wait.
// Returns whether it was made anew.
bool refresh_continuity_rollup(store::Database& db, core::Instant now);

class FollowUpService {
 public:
  explicit FollowUpService(ServiceContext context) : ctx_(context) {}

  // Unit managers and county administrators.
  FollowUpCatalogue catalogue(const domain::access::Actor& actor);
  // `indicator_ids` empty: every indicator. Unknown indicator, municipality or unit: 404 naming it.
  FollowUpValues values(const domain::access::Actor& actor, domain::indicators::Month from,
                        domain::indicators::Month to, const FollowUpScope& scope,
                        const std::vector<std::string>& indicator_ids);
  // Unit managers only, and only the facts of their own unit's care; one audit entry names every
  // person listed.
  DrillDown facts(const domain::access::Actor& actor, const std::string& indicator_id,
                  domain::indicators::Level level, const std::string& key,
                  domain::indicators::Month month);

  // The proactive list of the reader's own unit (health centre or municipal unit).
  // `limit` rows of each section (1–1000).
  ProactiveList proactive_list(const domain::access::Actor& actor,
                               const std::optional<std::string>& unit_id, int limit = 100);
  ProactiveAction record_action(const domain::access::Actor& actor, const ActionInput& input);
  std::vector<ProactiveAction> person_actions(const domain::access::Actor& actor,
                                              const std::string& person_id);

 private:
  ServiceContext ctx_;
};

}  // namespace nara::service
