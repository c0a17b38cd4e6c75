// The synthetic county's residents (issue 19 point 6): a Västernorrland-like age structure over
// the seven municipalities, identities from Skatteverket's test personnummer where one of the
// right age is left and Nära's synthetic reservnummer for everyone else (never a generated
// personnummer: it could be a real person's), and the municipal decisions of the frail.
#include <algorithm>
#include <array>

#include "app/demo_county.hpp"
#include "app/demo_data.hpp"
#include "app/demo_synthetic.hpp"
#include "core/identifiers.hpp"
#include "store/text_search.hpp"

namespace nara::app::synthetic {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

struct AgeBand {
  int from;
  int to;  // inclusive
  double share;
};

// SCB-like age structure of a Västernorrland municipality: a quarter 65 or older, a tenth 75 or
// older (domain-rules §4.3 counts per 1 000 inhabitants 65+, so this share matters).
constexpr std::array<AgeBand, 7> kAgeBands{{{0, 17, 0.20},
                                            {18, 44, 0.29},
                                            {45, 64, 0.26},
                                            {65, 74, 0.14},
                                            {75, 84, 0.083},
                                            {85, 94, 0.025},
                                            {95, 100, 0.002}}};

// How much older than the county each municipality is: the inland ones (Ånge, Sollefteå,
// Kramfors) have about 30 % aged 65+, Sundsvall and Timrå about 22 % (SCB 2023, rounded).
double elderly_factor(std::string_view code) {
  if (code == "2281") return 0.88;                    // Sundsvall
  if (code == "2260") return 1.25;                    // Ånge
  if (code == "2262") return 0.95;                    // Timrå
  if (code == "2280") return 1.10;                    // Härnösand
  if (code == "2282" || code == "2283") return 1.26;  // Kramfors, Sollefteå
  return 1.0;                                         // Örnsköldsvik
}

int draw_age(Random& random, double factor) {
  double elderly = 0;
  for (const auto& band : kAgeBands) {
    if (band.from >= 65) elderly += band.share;
  }
  const double younger_scale = (1.0 - elderly * factor) / (1.0 - elderly);
  double u = random.uniform();
  for (const auto& band : kAgeBands) {
    const double share = band.share * (band.from >= 65 ? factor : younger_scale);
    if (u < share) return random.between(band.from, band.to);
    u -= share;
  }
  return random.between(30, 50);  // rounding left over
}

std::string synthetic_reservnummer(std::size_t serial) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%08zu", serial);
  const std::string text =
      "SYN" + std::string(digits) + std::to_string(core::luhn_check_digit(digits));
  // Parsed, not just formatted: what is stored is exactly what the parser accepts.
  return core::PersonIdentifier::try_parse_local_reservnummer(
             text, core::LocalReservnummerIssuer::nara_synthetic)
      .value()
      .canonical();
}

struct Identity {
  std::string identifier;
  std::string kind;
  std::string system;
  sys_days birth;
  bool female = false;
};

}  // namespace

double annual_mortality(int age) {
  if (age < 45) return 0.0008;
  if (age < 65) return 0.004;
  if (age < 75) return 0.015;
  if (age < 85) return 0.045;
  if (age < 95) return 0.14;
  return 0.30;
}

Population seed_population(store::Transaction& tx, const County& county, const Window& window,
                           const std::filesystem::path& shared_dir, std::size_t inhabitants,
                           std::uint64_t seed, IdSource& ids, const std::string& now_text,
                           RowCounts& counts) {
  const auto& seeds = demo::municipalities();
  const auto places = load_demo_places(shared_dir);

  // Skatteverket's test personnummer by age on the population day, each age's list shuffled by
  // the seed: "used first where their age fits".
  std::array<std::vector<core::PersonIdentifier>, 101> test_by_age;
  for (auto& id : load_test_identities(shared_dir, kDemoPopulationDay)) {
    if (!id.birth_date() || id.kind() != core::PersonIdentifierKind::personnummer) continue;
    const int age = age_on(*id.birth_date(), kDemoPopulationDay);
    if (age < 0 || age > 100) continue;
    test_by_age[static_cast<std::size_t>(age)].push_back(std::move(id));
  }
  for (std::size_t age = 0; age < test_by_age.size(); ++age) {
    Random order(seed, kPopulationOrder, age);
    auto& list = test_by_age[age];
    for (std::size_t i = list.size(); i > 1; --i) std::swap(list[i - 1], list[order.below(i)]);
  }
  int total_weight = 0;
  for (const auto& m : seeds) total_weight += m.resident_weight;

  Population out;
  out.residents.reserve(inhabitants);
  std::vector<Identity> identities;
  identities.reserve(inhabitants);
  std::size_t next_serial = 1;
  const int first_day = static_cast<int>(window.first_day.time_since_epoch().count());
  const int last_day = static_cast<int>(window.reference_day.time_since_epoch().count()) - 1;
  const auto window_length = window.end - window.start;
  for (std::size_t i = 0; i < inhabitants; ++i) {
    Random random(seed, kResident, i);
    Resident r;
    r.id = ids.next();
    int pick = static_cast<int>(random.below(static_cast<std::size_t>(total_weight)));
    for (std::size_t m = 0; m < seeds.size(); ++m) {
      if (pick < seeds[m].resident_weight) {
        r.municipality = static_cast<int>(m);
        break;
      }
      pick -= seeds[m].resident_weight;
    }
    r.age = draw_age(random, elderly_factor(seeds[static_cast<std::size_t>(r.municipality)].code));
    Identity identity;
    auto& test_list = test_by_age[static_cast<std::size_t>(r.age)];
    if (!test_list.empty()) {
      const auto id = std::move(test_list.back());
      test_list.pop_back();
      identity = {id.canonical(), "personnummer", std::string(id.system_oid().value_or("")),
                  sys_days(*id.birth_date()), id.legal_sex() == core::LegalSex::female};
      ++out.from_test_list;
    } else {
      // The latest birthday that gives this age on the population day, less up to 363 days.
      const auto latest = sys_days((kDemoPopulationDay.year() - std::chrono::years(r.age)) /
                                   kDemoPopulationDay.month() / kDemoPopulationDay.day());
      const double female_share = r.age >= 85 ? 0.63 : r.age >= 65 ? 0.52 : 0.49;
      identity = {synthetic_reservnummer(next_serial++), "local_reservnummer",
                  "urn:nara:synthetic-county:reservnummer", latest - days(random.between(0, 363)),
                  random.chance(female_share)};
      ++out.synthetic;
    }
    // A child born after the reference day would be born in the future: keep it to yesterday.
    identity.birth = std::min(identity.birth, window.reference_day - days(1));
    r.birth = identity.birth;
    r.female = identity.female;
    r.protected_identity = random.chance(0.004);

    const auto& m = county.municipalities[static_cast<std::size_t>(r.municipality)];
    // Listed at the health centre of their own locality if there is one, else the main one.
    if (random.chance(0.97)) r.health_centre = 0;
    const auto& locality_names = seeds[static_cast<std::size_t>(r.municipality)].localities;
    const std::string locality =
        std::string(random.chance(0.5) ? locality_names.front() : random.pick(locality_names));
    if (r.health_centre == 0) {
      for (std::size_t h = 0; h < m.health_centres.size(); ++h) {
        if (m.health_centres[h]->locality == locality) r.health_centre = static_cast<int>(h);
      }
      const int birth_day = static_cast<int>(r.birth.time_since_epoch().count());
      r.listed_from = std::max(birth_day, first_day - random.between(0, 3650));
    }

    draw_frailty(r, random);
    const double frail = r.most_ill ? 1.0 : std::min(1.0, r.frailty / 4.0);
    // About a quarter of the decisions in force during the three years are new in them, the rest
    // older: people in care die and others take their place, so the caseload stays about level
    // instead of growing across the window.
    const auto decision_day = [&] {
      return random.chance(0.25) ? random.between(first_day, last_day - 30)
                                 : first_day - random.between(30, 1500);
    };
    if (r.age >= 65) {
      const double home_care = r.age >= 85 ? 0.40 : r.age >= 75 ? 0.15 : 0.03;
      const double home_health = r.age >= 85 ? 0.30 : r.age >= 75 ? 0.10 : 0.02;
      const double residential = r.age >= 85 ? 0.12 : r.age >= 75 ? 0.03 : 0.0;
      if (random.chance(r.most_ill ? 0.15 : residential * (0.5 + frail))) {
        r.residential_care_from = decision_day();
        r.home_health_care_from = r.residential_care_from;  // SÄBO care is the municipality's HSL
      } else {
        if (random.chance(r.most_ill ? 0.8 : home_care * (0.6 + frail)))
          r.home_care_from = decision_day();
        if (random.chance(r.most_ill ? 0.85 : home_health * (0.6 + frail)))
          r.home_health_care_from = decision_day();
      }
      r.home_care_group = static_cast<int>(random.below(m.home_care.size()));
    }
    const double dying =
        annual_mortality(r.age) * (r.most_ill ? 2.5 : std::clamp(0.6 + 0.4 * r.frailty, 0.6, 2.0));
    if (random.chance(1.0 - std::pow(1.0 - std::min(dying, 0.6), 3.0))) {
      r.died_at = window.start + scaled(window_length, random.uniform());
    }
    identities.push_back(std::move(identity));
    out.residents.push_back(std::move(r));
  }

  // The demo citizen `invanare`: the first Kramfors resident aged 80 or more, as in the classic
  // county; alive, not protected, and without history of their own (their story is the
  // walkthrough's).
  const auto kramfors = static_cast<int>(
      std::find_if(seeds.begin(), seeds.end(), [](const auto& m) { return m.code == "2282"; }) -
      seeds.begin());
  Resident* citizen = nullptr;
  for (auto& r : out.residents) {
    if (r.municipality == kramfors && r.age >= 80 && !r.protected_identity && !r.most_ill &&
        r.health_centre >= 0) {
      citizen = &r;
      break;
    }
  }
  if (!citizen) {
    throw std::runtime_error(
        "demo: too few inhabitants for a Kramfors resident aged 80+; use a "
        "larger --scale");
  }
  citizen->citizen = true;
  citizen->died_at.reset();
  // The proactive list of the demo logins dsk.kramfors and hsl.kramfors is never empty: at least
  // eight of the mest sjuka äldre are listed at Hälsocentral Kramfors with municipal home health
  // care, the oldest Kramfors residents being made so when chance gave fewer.
  std::vector<Resident*> kramfors_old;
  int kramfors_most_ill = 0;
  for (auto& r : out.residents) {
    if (r.municipality != kramfors || r.citizen || r.health_centre != 0 || r.age < 75) continue;
    if (r.most_ill && r.home_health_care_from != kNever && !r.died_at) ++kramfors_most_ill;
    if (!r.most_ill || r.home_health_care_from == kNever || r.died_at) kramfors_old.push_back(&r);
  }
  std::stable_sort(kramfors_old.begin(), kramfors_old.end(),
                   [](const Resident* a, const Resident* b) { return a->birth < b->birth; });
  for (auto* r : kramfors_old) {
    if (kramfors_most_ill >= 8) break;
    r->most_ill = true;
    r->frailty = std::max(r->frailty, 5.0);
    r->died_at.reset();
    if (r->home_health_care_from == kNever) r->home_health_care_from = first_day - 200;
    ++kramfors_most_ill;
  }

  BulkInserter persons(tx, "persons",
                       {"id",          "identifier",        "identifier_kind", "identifier_system",
                        "given_name",  "family_name",       "search_key",      "birth_date",
                        "legal_sex",   "municipality_code", "street_address",  "postal_code",
                        "locality",    "latitude",          "longitude",       "protected_identity",
                        "deceased_on", "version",           "created_at",      "updated_at"});
  BulkInserter relations(
      tx, "care_relations",
      {"id", "person_id", "unit_id", "origin", "source_id", "started_at", "ended_at"});
  relations.after(persons);
  for (std::size_t i = 0; i < out.residents.size(); ++i) {
    const auto& r = out.residents[i];
    const auto& identity = identities[i];
    const auto& seed_m = seeds[static_cast<std::size_t>(r.municipality)];
    const auto& m = county.municipalities[static_cast<std::size_t>(r.municipality)];
    // Names and addresses from their own stream: the choice of who lives here does not move them.
    Random random(seed, kResident, inhabitants + i);
    const auto& given = r.female ? demo::female_given_names() : demo::male_given_names();
    const std::string given_name(random.pick(given));
    const std::string family_name(random.pick(demo::family_names()));
    const std::string locality(random.chance(0.5) ? seed_m.localities.front()
                                                  : random.pick(seed_m.localities));
    std::optional<double> latitude;
    std::optional<double> longitude;
    if (auto it = places.find(locality); it != places.end()) {
      latitude = it->second.latitude + (random.uniform() * 4000.0 - 2000.0) / 111'000.0;
      longitude = it->second.longitude + (random.uniform() * 8000.0 - 4000.0) / 111'000.0;
    }
    const std::optional<std::string> deceased_on =
        r.died_at ? std::optional(db_date(std::chrono::floor<days>(*r.died_at))) : std::nullopt;
    persons.add(r.id, identity.identifier, identity.kind, identity.system, given_name, family_name,
                store::search_key(family_name + " " + given_name), db_date(r.birth),
                std::string(r.female ? "female" : "male"), std::string(seed_m.code),
                std::string(random.pick(demo::street_names())) + " " +
                    std::to_string(random.between(1, 60)),
                std::string(seed_m.postal_prefix) + std::to_string(random.between(1, 9)) + " " +
                    std::to_string(random.between(10, 99)),
                locality, latitude ? store::Value{*latitude} : store::Value{nullptr},
                longitude ? store::Value{*longitude} : store::Value{nullptr},
                std::int64_t{r.protected_identity ? 1 : 0}, nullable(deceased_on), std::int64_t{1},
                now_text, now_text);
    if (r.citizen) out.citizen_name = given_name + " " + family_name;

    // Relations end when the person dies; a decision starts on its day, at office hours.
    const store::Value ended =
        r.died_at ? store::Value{db_time(*r.died_at)} : store::Value{nullptr};
    const auto relate = [&](const CountyUnit& unit, const char* origin, int from_day) {
      if (from_day == kNever) return;
      const auto started = instant_of_day(from_day) + std::chrono::hours(9);
      if (r.died_at && started >= *r.died_at) return;
      relations.add(ids.next(), r.id, unit.id, std::string(origin), nullptr, db_time(started),
                    ended);
    };
    if (r.health_centre >= 0)
      relate(*m.health_centres[static_cast<std::size_t>(r.health_centre)], "listing",
             r.listed_from);
    if (r.home_care_group >= 0)
      relate(*m.home_care[static_cast<std::size_t>(r.home_care_group)], "home_care_decision",
             r.home_care_from);
    relate(*m.home_health_care, "home_health_care_decision", r.home_health_care_from);
    // Särskilt boende is a SoL decision like home care; the relation's unit says which.
    relate(*m.residential_care[i % m.residential_care.size()], "home_care_decision",
           r.residential_care_from);
  }
  persons.flush();
  relations.flush();
  counts["persons"] += persons.rows();
  counts["care_relations"] += relations.rows();
  return out;
}

}  // namespace nara::app::synthetic
