// compute() at the size of a county (issue 19): ~250 000 persons with ~100 000 inpatient episodes,
// ~10 000 SIPs, ~20 000 requests, ~1.5 million contacts and 36 months, every indicator. The facts
// are synthetic with a fixed seed, so runs compare. Prints the best of a few runs; build it in a
// release build (RelWithDebInfo or Release), e.g.
//   cmake --build build/rel --target nara_indicators_bench &&
//   build/rel/bench/indicators/nara_indicators_bench
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>

#include "domain/indicators/indicators.hpp"

namespace {

using namespace nara;
using namespace nara::domain::indicators;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

constexpr int kPersons = 250'000;
constexpr int kEpisodes = 100'000;
constexpr int kSips = 10'000;
constexpr int kRequests = 20'000;
constexpr int kContacts = 1'500'000;
constexpr int kMunicipalities = 7;
constexpr int kWards = 40;
constexpr int kHealthCentres = 30;
constexpr int kHomeCareUnits = 60;

Facts synthetic_facts() {
  std::mt19937_64 random(19);
  const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const core::Instant start = core::parse_iso8601("2024-01-01T00:00:00+01:00", "start");
  const auto some_time = [&](int span_days) {
    return start + days{pick(span_days)} + minutes{pick(24 * 60)};
  };
  const auto municipality = [](int person) {
    return "22" + std::to_string(80 + person % kMunicipalities);
  };
  Facts facts;
  for (int m = 0; m < kMunicipalities; ++m) {
    for (int year = 1920; year < 2026; ++year) {
      for (unsigned month = 1; month <= 12; ++month) {
        facts.population.push_back({"22" + std::to_string(80 + m),
                                    std::chrono::year{year} / std::chrono::month{month},
                                    std::nullopt, 40});
      }
    }
  }
  for (int i = 0; i < kEpisodes; ++i) {
    const int person = pick(kPersons / 3);  // the older third is admitted
    EpisodeFact e;
    e.id = "e" + std::to_string(i);
    e.person_id = "p" + std::to_string(person);
    e.municipality_code = municipality(person);
    e.ward_unit_id = "ward-" + std::to_string(pick(kWards));
    e.health_centre_unit_id = "hc-" + std::to_string(pick(kHealthCentres));
    e.age_at_admission = 50 + pick(50);
    e.admission_kind = pick(4) == 0 ? AdmissionKind::planned : AdmissionKind::acute;
    auto& ep = e.episode;
    ep.admitted_at = some_time(3 * 365);
    ep.ward_unit_id = e.ward_unit_id;
    ep.needs_assessed_at = ep.admitted_at + hours{2};
    ep.needs = domain::discharge::Needs{true, pick(2) == 0, true};
    ep.admission_notice_sent_at = ep.admitted_at + hours{pick(40)};
    const core::Instant ready = ep.admitted_at + days{1 + pick(10)} + hours{pick(12)};
    ep.ready_periods.push_back({ready, std::nullopt});
    ep.sip_invitation_sent_at = ready + hours{pick(100)};
    ep.named_contact_appointed_at = ep.admitted_at + hours{pick(200)};
    ep.discharged_at = ready + hours{pick(24 * 6)};
    ep.state = domain::discharge::EpisodeState::discharged;
    e.liability_days = pick(3);
    e.liability_amount = e.liability_days * 10500L;
    e.diagnoses = {"I50.9", "J44.1"};
    facts.episodes.push_back(std::move(e));
  }
  for (int i = 0; i < kSips; ++i) {
    const int person = pick(kPersons);
    SipFact s;
    s.id = "s" + std::to_string(i);
    s.person_id = "p" + std::to_string(person);
    s.municipality_code = municipality(person);
    s.initiated_by_unit_id = "hc-" + std::to_string(pick(kHealthCentres));
    s.age_at_start = 60 + pick(40);
    s.created_at = some_time(3 * 365);
    s.person_took_part = pick(3) != 0;
    const auto due = std::chrono::floor<days>(s.created_at + days{30 + pick(60)});
    s.follow_ups.push_back(
        {LocalDate{due},
         pick(2) == 0 ? std::optional<core::Instant>{s.created_at + days{40}} : std::nullopt});
    facts.sips.push_back(std::move(s));
  }
  for (int i = 0; i < kRequests; ++i) {
    RequestFact r;
    r.id = "r" + std::to_string(i);
    r.to_unit_id = "home-" + std::to_string(pick(kHomeCareUnits));
    r.to_municipality_code = "22" + std::to_string(80 + pick(kMunicipalities));
    r.sent_at = some_time(3 * 365);
    r.due_at = r.sent_at + days{2};
    if (pick(5) != 0) r.answered_at = r.sent_at + hours{pick(72)};
    r.cancelled = pick(20) == 0;
    facts.requests.push_back(std::move(r));
  }
  facts.contacts.reserve(kContacts);
  for (int i = 0; i < kContacts; ++i) {
    const int person = pick(kPersons);
    const int unit = person % kHomeCareUnits;  // a person keeps to one home care unit …
    facts.contacts.push_back({"p" + std::to_string(person), "home-" + std::to_string(unit),
                              municipality(person), "cg-" + std::to_string(unit * 10 + pick(8)),
                              Profession::home_care, some_time(3 * 365)});
  }
  for (int person = 0; person < kPersons; ++person) {
    RelationFact r;
    r.person_id = "p" + std::to_string(person);
    r.unit_id = "hc-" + std::to_string(person % kHealthCentres);
    r.municipality_code = municipality(person);
    r.birth_year = 1925 + person % 80;
    r.from = start - days{pick(2000)};
    facts.relations.push_back(r);
    if (person % 3 == 0) {
      facts.named_contacts.push_back({r.person_id, r.unit_id, some_time(3 * 365), std::nullopt});
    }
  }
  for (int i = 0; i < 5'000; ++i) {
    const int person = pick(kPersons);
    facts.actions.push_back({"p" + std::to_string(person),
                             "hc-" + std::to_string(person % kHealthCentres), municipality(person),
                             ActionKind::offer_sip, some_time(3 * 365)});
  }
  return facts;
}

}  // namespace

int main() {
  const auto made = std::chrono::steady_clock::now();
  const Facts facts = synthetic_facts();
  std::printf(
      "facts: %zu episodes, %zu SIPs, %zu requests, %zu contacts, %zu relations (%.1f s to make)\n",
      facts.episodes.size(), facts.sips.size(), facts.requests.size(), facts.contacts.size(),
      facts.relations.size(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - made).count());
  Query query;
  query.from = std::chrono::year{2024} / std::chrono::January;
  query.to = std::chrono::year{2026} / std::chrono::December;
  double best = 1e9;
  size_t series = 0;
  for (int run = 0; run < 5; ++run) {
    // CPU time as well as wall time: on a shared machine the wall clock also counts waiting.
    const auto begin = std::chrono::steady_clock::now();
    const std::clock_t cpu_begin = std::clock();
    const auto result = compute(facts, query);
    const double cpu_seconds =
        static_cast<double>(std::clock() - cpu_begin) / static_cast<double>(CLOCKS_PER_SEC);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    best = std::min(best, seconds);
    series = result.size();
    std::printf("compute, 19 indicators × 36 months: %.3f s wall, %.3f s CPU (%zu series)\n",
                seconds, cpu_seconds, series);
  }
  std::printf("best: %.3f s\n", best);
  const auto begin = std::chrono::steady_clock::now();
  const auto ids = facts_behind(facts, query.parameters, "ready_days_mean", Level::county, "",
                                std::chrono::year{2025} / std::chrono::March);
  std::printf("facts_behind ready_days_mean 2025-03: %zu ids in %.3f s\n", ids.size(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count());
  return 0;
}
