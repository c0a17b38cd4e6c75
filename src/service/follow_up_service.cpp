// The follow-up indicators (issue 19 points 1, 2 and 4): who may read them, the facts loaded for
// the period, liability counted per episode by the discharge domain, the indicators computed by
// the indicator domain, the series a reader asked for named and, outside the reader's own unit,
// small cells suppressed. The proactive list lives in proactive_list_service.cpp.
#include "service/follow_up_service.hpp"

#include <algorithm>
#include <future>
#include <map>
#include <set>
#include <unordered_set>

#include "core/stockholm_time.hpp"
#include "domain/discharge/liability.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/follow_up_support.hpp"
#include "service/liability_service.hpp"
#include "store/follow_up_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::access::AuditAction;
using domain::access::Role;
using domain::indicators::Level;
using domain::indicators::Month;

namespace {

// Readers of the follow-up: those who manage units and the county (the liability report's).
bool reads_follow_up(const domain::access::Actor& actor) {
  return actor.role == Role::unit_manager || actor.role == Role::county_administrator;
}

[[noreturn]] void unknown(const std::string& field, const std::string& rule,
                          const std::string& detail) {
  core::Problem p = core::not_found_problem(detail);
  p.errors.push_back({field, rule, detail});
  core::throw_problem(std::move(p));
}

// Payment liability of each episode under the agreement in force (Lag 2017:612 5 kap.), counted by
// the discharge domain as the liability report does. An episode under a monthly-average agreement
// is counted per episode here; the report settles such months as a whole.
void count_liability(std::vector<store::FollowUpEpisode>& episodes, const LiabilityTerms& terms,
                     core::Instant now) {
  for (auto& item : episodes) {
    auto& fact = item.fact;
    const auto agreement = episode_agreement(terms, fact.municipality_code, fact.episode, now);
    fact.offset_days = agreement.offset_days;
    if (item.psychiatric_ward && agreement.psychiatric_offset_days)
      fact.offset_days = *agreement.psychiatric_offset_days;
    if (fact.episode.ready_periods.empty()) continue;
    auto facts = domain::discharge::liability_facts(fact.episode, now);
    if (item.psychiatric_ward) facts.care_setting = domain::discharge::CareSetting::psychiatric;
    facts.region_not_ready = item.region_not_ready;
    // The totals alone: the day-by-day explanation was most of the counting's time.
    const auto totals = domain::discharge::liability_totals(facts, agreement);
    fact.liability_days = totals.liable_days;
    fact.liability_amount = totals.total_amount;
  }
}

}  // namespace

domain::indicators::Facts load_indicator_facts(store::Database& db, core::Instant from,
                                               core::Instant to, core::Instant now) {
  // The stays are the biggest read (a county's 100 000 stays with their chains): they are read in
  // a transaction of their own on a second thread while this one reads the rest. Each read is a
  // consistent snapshot; the two may differ by what was written between them, which a monthly
  // follow-up does not notice.
  auto stays = std::async(std::launch::async, [&db, from, to, now] {
    return db.read([&](store::Transaction& tx) {
      auto episodes = store::FollowUpRepository(tx).episodes(from, to);
      count_liability(episodes, load_liability_terms(tx), now);
      std::vector<domain::indicators::EpisodeFact> out;
      out.reserve(episodes.size());
      for (auto& e : episodes) out.push_back(std::move(e.fact));
      return out;
    });
  });
  auto facts = db.read([&](store::Transaction& tx) {
    store::FollowUpRepository repo(tx);
    domain::indicators::Facts rest;
    rest.population = repo.population();
    rest.sips = repo.sips(from, to);
    rest.requests = repo.requests(from, to);
    // Continuity from its rollup (refreshed by the callers): a county's contacts are millions.
    rest.continuity_tallies = repo.continuity_tallies(from, to);
    rest.named_contacts = repo.named_contacts(from, to);
    rest.relations =
        repo.relations(from, to, domain::indicators::Parameters{}.named_contact_min_age);
    rest.actions = repo.actions(from, to);
    return rest;
  });
  facts.episodes = stays.get();
  return facts;
}

void require_follow_up_reader(const ServiceContext& ctx, const domain::access::Actor& actor,
                              const std::string& object_id) {
  if (reads_follow_up(actor)) return;
  auto entry =
      audit_entry(actor, ctx.clock, AuditAction::denied, "indicator", object_id, std::nullopt);
  entry.outcome = "denied: role";
  ctx.audit->record({std::move(entry)});
  forbidden("Uppföljningen visas för chefer och länsadministratörer.");
}

const domain::indicators::Definition& known_indicator(const std::string& id) {
  const auto* definition = domain::indicators::find_definition(id);
  if (!definition) unknown("id", "indicator.unknown", "Indikatorn " + id + " finns inte.");
  return *definition;
}

bool refresh_continuity_rollup(store::Database& db, core::Instant now) {
  const auto stale = [](store::FollowUpRepository& repo) {
    const std::string watermark = repo.contacts_watermark();
    return repo.rollup_watermark("continuity") == watermark ? std::string() : watermark;
  };
  if (db.read([&](store::Transaction& tx) {
          store::FollowUpRepository repo(tx);
          return stale(repo);
        }).empty())
    return false;
  return db.write([&](store::Transaction& tx) {
    store::FollowUpRepository repo(tx);
    const std::string watermark = stale(repo);
    if (watermark.empty()) return false;  // made by someone else meanwhile
    domain::indicators::Facts facts;
    facts.contacts = repo.all_contacts();
    std::vector<domain::indicators::ContinuityTally> tallies;
    if (!facts.contacts.empty()) {
      // Every month a window ends in: from the first contact to a year after the last (or now).
      core::Instant first = facts.contacts.front().at;
      core::Instant last = now;
      for (const auto& c : facts.contacts) {
        first = std::min(first, c.at);
        last = std::max(last, c.at);
      }
      const auto first_day = core::stockholm::local_date(first);
      const auto last_day = core::stockholm::local_date(last);
      domain::indicators::Query query{first_day.year() / first_day.month(),
                                      last_day.year() / last_day.month() + std::chrono::months(11),
                                      {"continuity_coc", "continuity_upc"},
                                      {}};
      std::map<std::string, std::string> municipality_of;
      for (const auto& c : facts.contacts) municipality_of.emplace(c.unit_id, c.municipality_code);
      std::map<std::pair<std::string, Month>, domain::indicators::ContinuityTally> cells;
      for (const auto& series : domain::indicators::compute(facts, query)) {
        if (series.level != Level::unit) continue;
        const bool coc = series.indicator_id == "continuity_coc";
        for (const auto& [month, cell] : series.months) {
          if (cell.count == 0) continue;
          auto& tally = cells[{series.key, month}];
          tally.unit_id = series.key;
          tally.municipality_code = municipality_of[series.key];
          tally.month = month;
          (coc ? tally.coc_sum : tally.upc_sum) = cell.numerator;
          (coc ? tally.coc_persons : tally.upc_persons) = static_cast<long>(cell.denominator);
        }
      }
      for (auto& [key, tally] : cells) tallies.push_back(std::move(tally));
    }
    repo.replace_continuity(tallies, watermark, store::to_db_time(now));
    return true;
  });
}

FollowUpCatalogue FollowUpService::catalogue(const domain::access::Actor& actor) {
  require_follow_up_reader(ctx_, actor, "catalogue");
  FollowUpCatalogue out;
  out.catalogue = &domain::indicators::catalogue();
  const auto today = core::stockholm::local_date(ctx_.clock.now());
  out.default_to = today.year() / today.month();
  out.default_from = out.default_to - std::chrono::months(11);
  ctx_.db.read([&](store::Transaction& tx) {
    store::FollowUpRepository repo(tx);
    out.municipalities = repo.municipalities();
    for (auto& u : repo.units()) out.units.push_back({u.id, u.name, u.kind, u.municipality_code});
    out.county_name = county_name(tx);
  });
  return out;
}

FollowUpValues FollowUpService::values(const domain::access::Actor& actor, Month from, Month to,
                                       const FollowUpScope& scope,
                                       const std::vector<std::string>& indicator_ids) {
  require_follow_up_reader(ctx_, actor, indicator_ids.size() == 1 ? indicator_ids[0] : "all");
  for (const auto& id : indicator_ids) known_indicator(id);
  const auto now = ctx_.clock.now();
  refresh_continuity_rollup(ctx_.db, now);
  FollowUpValues out{from, to, {}};
  struct Names {
    std::map<std::string, std::string> municipalities;
    std::map<std::string, store::UnitName> units;
    std::string county;
  };
  // Names first: an unknown municipality or unit is refused before anything is computed.
  auto names = ctx_.db.read([&](store::Transaction& tx) {
    store::FollowUpRepository repo(tx);
    Names n;
    for (auto& [code, name] : repo.municipalities()) n.municipalities[code] = name;
    for (auto& u : repo.units()) n.units[u.id] = u;
    n.county = county_name(tx);
    return n;
  });
  auto& municipality_names = names.municipalities;
  const auto& units = names.units;
  std::optional<std::string> municipality = scope.municipality;
  if (municipality && !municipality_names.count(*municipality))
    unknown("municipality", "municipality.unknown", "Kommunen " + *municipality + " finns inte.");
  if (scope.unit) {
    const auto it = units.find(*scope.unit);
    if (it == units.end()) unknown("unit", "unit.unknown", "Enheten finns inte.");
    if (municipality && *municipality != it->second.municipality_code)
      unknown("unit", "unit.not_in_municipality", "Enheten finns inte i den valda kommunen.");
    municipality = it->second.municipality_code;
  }
  const auto facts = load_indicator_facts(ctx_.db, month_start(from),
                                          month_start(to + std::chrono::months(1)), now);
  {
    domain::indicators::Query query{from, to, indicator_ids, {}};
    query.parameters.as_of = now;
    const std::string& county = names.county;
    for (auto& series : domain::indicators::compute(facts, query)) {
      std::string name;
      switch (series.level) {
        case Level::county:
          name = county;
          break;
        case Level::municipality:
          if (municipality && series.key != *municipality) continue;
          name = municipality_names.count(series.key) ? municipality_names[series.key] : series.key;
          break;
        case Level::unit: {
          if (!municipality) continue;
          const auto it = units.find(series.key);
          if (it == units.end()) continue;
          if (scope.unit ? series.key != *scope.unit
                         : it->second.municipality_code != *municipality)
            continue;
          name = it->second.name;
          break;
        }
      }
      // Statistical disclosure control: only the unit's own staff see its small counts.
      const bool own_unit = series.level == Level::unit && actor.unit_id == series.key;
      if (!own_unit) {
        const auto& definition = known_indicator(series.indicator_id);
        for (auto& [month, cell] : series.months)
          cell = domain::indicators::suppress(cell, definition.unit,
                                              query.parameters.small_cell_threshold);
      }
      out.series.push_back({std::move(series), std::move(name)});
    }
  }
  return out;
}

}  // namespace nara::service
