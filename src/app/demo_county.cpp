#include "app/demo_county.hpp"

#include <date/date.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "app/demo_data.hpp"
#include "app/demo_episodes.hpp"
#include "app/demo_planning.hpp"
#include "app/demo_sip.hpp"
#include "core/identifiers.hpp"
#include "core/password.hpp"
#include "core/random.hpp"
#include "core/stockholm_time.hpp"
#include "domain/registry/model.hpp"
#include "store/access_repository.hpp"
#include "store/registry_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::app {

using namespace domain::registry;
using domain::access::Role;

std::map<std::string, DemoPlace> load_demo_places(const std::filesystem::path& shared_dir) {
  std::ifstream in(shared_dir / "data/geo/svenska-stader.csv");
  if (!in)
    throw std::runtime_error("demo: cannot read data/geo/svenska-stader.csv under " +
                             shared_dir.string());
  std::map<std::string, DemoPlace> places;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    if (cells.size() != 5 || cells[2] != "Västernorrland") continue;
    places[cells[0]] = DemoPlace{std::stod(cells[3]), std::stod(cells[4])};
  }
  return places;
}

std::vector<core::PersonIdentifier> load_test_identities(const std::filesystem::path& shared_dir,
                                                         std::chrono::year_month_day today) {
  std::ifstream in(shared_dir / "data/personnummer/skatteverket-testpersonnummer.txt");
  if (!in)
    throw std::runtime_error("demo: cannot read Skatteverket's test personnummer under " +
                             shared_dir.string());
  std::vector<core::PersonIdentifier> out;
  std::string line;
  while (std::getline(in, line)) {
    auto parsed = core::PersonIdentifier::try_parse(line, today);
    if (parsed) out.push_back(std::move(parsed).value());
  }
  return out;
}

int age_on(std::chrono::year_month_day birth, std::chrono::year_month_day day) {
  int age = static_cast<int>(day.year()) - static_cast<int>(birth.year());
  if (day.month() < birth.month() || (day.month() == birth.month() && day.day() < birth.day()))
    --age;
  return age;
}

namespace {

constexpr std::string_view kRegionOrganisationNumber = "232100-0206";

std::string ascii_slug(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size()) {
      const auto n = static_cast<unsigned char>(text[++i]);
      if (n == 0xA5 || n == 0xA4 || n == 0x85 || n == 0x84)
        out.push_back('a');  // å ä Å Ä
      else if (n == 0xB6 || n == 0x96)
        out.push_back('o');  // ö Ö
      else if (n == 0xA9 || n == 0x89)
        out.push_back('e');  // é É
      continue;
    }
    if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

std::string organisation_number_with_check(std::string_view nine_digits) {
  const int check = core::luhn_check_digit(nine_digits);
  std::string digits(nine_digits);
  digits.push_back(static_cast<char>('0' + check));
  return digits.substr(0, 6) + "-" + digits.substr(6);
}

std::string hsa_prefix(std::string_view organisation_number) {
  std::string digits;
  for (char c : organisation_number) {
    if (c != '-') digits.push_back(c);
  }
  return "SE" + digits + "-";
}

class Seeder {
 public:
  Seeder(store::Transaction& tx, const core::Clock& clock, std::map<std::string, DemoPlace> places,
         std::string password_hash)
      : tx_(tx),
        repo_(tx),
        now_(store::to_db_time(clock.now())),
        places_(std::move(places)),
        password_hash_(std::move(password_hash)) {}

  Principal principal(PrincipalKind kind, std::string name, std::string org, std::string area) {
    Principal p{core::new_uuid(), kind, std::move(name), std::move(org), std::move(area), stamp()};
    repo_.insert_principal(p);
    return p;
  }

  CareProvider provider(std::string name, const std::string& org, std::vector<std::string> owners) {
    CareProvider p{core::new_uuid(),  std::move(name), hsa_prefix(org) + "VG1", org,
                   std::move(owners), stamp()};
    repo_.insert_care_provider(p);
    return p;
  }

  Unit unit(const CareProvider& provider, std::string name, UnitKind kind,
            std::string_view municipality_code, std::string_view locality,
            std::optional<std::string> parent = std::nullopt, bool psychiatric_care = false) {
    Unit u;
    u.psychiatric_care = psychiatric_care;
    u.id = core::new_uuid();
    u.care_provider_id = provider.id;
    u.parent_unit_id = std::move(parent);
    u.hsa_id = hsa_prefix(provider.organisation_number) + "E" + std::to_string(++unit_counter_);
    u.name = std::move(name);
    u.kind = kind;
    u.municipality_code = std::string(municipality_code);
    u.locality = std::string(locality);
    if (auto it = places_.find(std::string(locality)); it != places_.end()) {
      u.latitude = it->second.latitude;
      u.longitude = it->second.longitude;
    }
    u.stamp = stamp();
    repo_.insert_unit(u);
    units_.push_back(u);
    return u;
  }

  User user(std::string username, std::string display_name, const std::string& hsa_org,
            std::optional<std::string> person_id = std::nullopt) {
    User u;
    u.id = core::new_uuid();
    u.username = std::move(username);
    u.display_name = std::move(display_name);
    if (!person_id) u.hsa_id = hsa_prefix(hsa_org) + "P" + std::to_string(++staff_counter_);
    u.person_id = std::move(person_id);
    u.stamp = stamp();
    repo_.insert_user(u, password_hash_);
    ++users_;
    return u;
  }

  void assign(const User& user, const std::optional<Unit>& unit, Role role,
              bool protected_address_access = false) {
    Assignment a;
    a.id = core::new_uuid();
    a.user_id = user.id;
    if (unit) a.unit_id = unit->id;
    a.role = role;
    a.protected_address_access = protected_address_access;
    a.title = std::string(domain::access::swedish_title(role));
    a.stamp = stamp();
    repo_.insert_assignment(a);
  }

  // A named member of staff with one assignment; names are generated, marked as demo.
  User staff(const std::string& username, const Unit& unit, Role role, const std::string& org,
             bool protected_address_access = false) {
    const auto& given =
        staff_counter_ % 2 == 0 ? demo::female_given_names() : demo::male_given_names();
    const auto& family = demo::family_names();
    const std::string name = std::string(given[staff_counter_ % given.size()]) + " " +
                             std::string(family[(staff_counter_ * 7) % family.size()]);
    User u = user(username, name, org);
    assign(u, unit, role, protected_address_access);
    return u;
  }

  void relate(const std::string& person_id, const Unit& unit, const std::string& origin) {
    store::AccessRepository(tx_).insert_care_relation(
        store::CareRelationRow{core::new_uuid(), person_id, unit.id, unit.name, origin,
                               std::nullopt, std::nullopt, now_, std::nullopt},
        std::nullopt);
    ++relations_;
  }

  store::RegistryRepository& repo() { return repo_; }
  std::size_t relations() const { return relations_; }
  void add_relations(std::size_t written_elsewhere) { relations_ += written_elsewhere; }
  const std::string& now() const { return now_; }
  const std::map<std::string, DemoPlace>& places() const { return places_; }
  std::size_t users() const { return users_; }
  std::size_t units() const { return units_.size(); }
  Stamp stamp() const { return Stamp{1, now_, now_}; }

 private:
  store::Transaction& tx_;
  store::RegistryRepository repo_;
  std::string now_;
  std::map<std::string, DemoPlace> places_;
  std::string password_hash_;
  std::vector<Unit> units_;
  int unit_counter_ = 0;
  std::size_t staff_counter_ = 0;
  std::size_t users_ = 0;
  std::size_t relations_ = 0;
};

}  // namespace

std::string seed_demo_county(store::Database& db, const core::Clock& clock,
                             const std::filesystem::path& shared_dir, std::size_t residents,
                             const DemoResidentSeeder& seed_residents) {
  const bool present = db.read([](store::Transaction& tx) {
    return !tx.query("SELECT id FROM principals WHERE organisation_number = ?",
                     std::string(kRegionOrganisationNumber))
                .empty();
  });
  if (present) {
    const auto persons = db.read(
        [](store::Transaction& tx) { return store::RegistryRepository(tx).count_persons(); });
    return "Demo county already present (" + std::to_string(persons) +
           " persons); nothing changed.";
  }

  // Who is in the demo county, and their names, follow from ages on a fixed day: with the real
  // date, a resident crossing 18, 65, 75, 80 or 85 moved the age buckets and the random stream
  // (some draws are only made for the old), and every later resident changed name and identity —
  // the demo citizen among them. 2026-11-23 is the day the seed and the e2e's citizen were fixed.
  const std::chrono::year_month_day today = kDemoPopulationDay;
  auto places = load_demo_places(shared_dir);
  // A resident seeder brings its own identities; the classic county takes them from here.
  auto identities = seed_residents ? std::vector<core::PersonIdentifier>{}
                                   : load_test_identities(shared_dir, today);
  // One hash for every demo account: these passwords are published in the README anyway.
  const std::string password_hash = core::hash_password(kDemoPassword);

  // Age mix of a Västernorrland municipality: about a quarter 65 or older (SCB).
  std::array<std::vector<core::PersonIdentifier>, 4> by_age;
  for (auto& id : identities) {
    if (!id.birth_date() || id.kind() != core::PersonIdentifierKind::personnummer) continue;
    const int age = age_on(*id.birth_date(), today);
    if (age < 0 || age > 100) continue;
    by_age[age < 18 ? 0 : age < 65 ? 1 : age < 80 ? 2 : 3].push_back(std::move(id));
  }
  std::mt19937 random(20261123);
  const std::array<double, 4> shares{0.20, 0.55, 0.17, 0.08};
  std::vector<core::PersonIdentifier> chosen;
  for (std::size_t b = 0; b < by_age.size(); ++b) {
    std::shuffle(by_age[b].begin(), by_age[b].end(), random);
    const auto take =
        std::min(by_age[b].size(),
                 static_cast<std::size_t>(std::lround(shares[b] * static_cast<double>(residents))));
    chosen.insert(chosen.end(), by_age[b].begin(),
                  by_age[b].begin() + static_cast<std::ptrdiff_t>(take));
  }
  std::shuffle(chosen.begin(), chosen.end(), random);

  std::size_t persons_written = 0;
  std::size_t users_written = 0;
  std::size_t units_written = 0;
  std::size_t relations_written = 0;
  std::string coordination_prefix;
  db.write([&](store::Transaction& tx) {
    Seeder s(tx, clock, places, password_hash);
    const Principal region = s.principal(PrincipalKind::region, "Region Västernorrland",
                                         std::string(kRegionOrganisationNumber), "22");
    const CareProvider region_provider =
        s.provider("Region Västernorrland, hälso- och sjukvård",
                   std::string(kRegionOrganisationNumber), {region.id});
    const Unit region_office =
        s.unit(region_provider, "Regionkansliet", UnitKind::administration, "2280", "Härnösand");

    std::map<std::string, Unit> hospitals;
    for (const auto& hospital_seed : demo::hospitals()) {
      const auto locality = hospital_seed.locality;
      const auto& m =
          *std::find_if(demo::municipalities().begin(), demo::municipalities().end(),
                        [&](const auto& mm) { return mm.localities.front() == locality; });
      hospitals.emplace(std::string(locality),
                        s.unit(region_provider, std::string(locality) + "s sjukhus",
                               UnitKind::hospital, m.code, locality));
    }
    std::vector<Unit> wards;
    for (const auto& w : demo::wards()) {
      const Unit& hospital = hospitals.at(std::string(w.hospital_locality));
      wards.push_back(s.unit(region_provider,
                             std::string(w.hospital_locality) + "s sjukhus, " + std::string(w.name),
                             UnitKind::hospital_ward, hospital.municipality_code,
                             w.hospital_locality, hospital.id, w.psychiatric_care));
    }

    std::map<std::string, std::vector<Unit>> health_centres;
    std::map<std::string, Unit> home_health_care;
    std::map<std::string, std::vector<Unit>> home_care;
    std::map<std::string, Unit> social_offices;
    std::map<std::string, Principal> municipal_principals;
    const auto org = std::string(kRegionOrganisationNumber);
    for (const auto& m : demo::municipalities()) {
      const Principal p = s.principal(PrincipalKind::municipality, std::string(m.official_name),
                                      std::string(m.organisation_number), std::string(m.code));
      municipal_principals.emplace(std::string(m.code), p);
      const CareProvider social = s.provider(std::string(m.official_name) + ", vård och omsorg",
                                             std::string(m.organisation_number), {p.id});
      const std::string code(m.code);
      social_offices.emplace(code, s.unit(social, "Socialförvaltningen " + std::string(m.name),
                                          UnitKind::administration, m.code, m.localities.front()));
      home_health_care.emplace(
          code, s.unit(social, "Hemsjukvård " + std::string(m.name), UnitKind::home_health_care,
                       m.code, m.localities.front()));
      const std::size_t centres =
          std::min<std::size_t>(m.localities.size(), m.resident_weight > 50 ? 3 : 2);
      for (std::size_t i = 0; i < centres; ++i) {
        health_centres[code].push_back(s.unit(region_provider,
                                              "Hälsocentral " + std::string(m.localities[i]),
                                              UnitKind::health_centre, m.code, m.localities[i]));
      }
      for (std::size_t i = 0; i < std::min<std::size_t>(2, m.localities.size()); ++i) {
        const std::string area =
            i == 0 ? std::string(m.localities[0]) + " centrum" : std::string(m.localities[i]);
        home_care[code].push_back(
            s.unit(social, "Hemtjänst " + area, UnitKind::home_care, m.code, m.localities[i]));
      }
      s.unit(social, std::string(m.localities.front()) + " särskilda boende",
             UnitKind::residential_care, m.code, m.localities.front());
      if (m.localities.size() > 2) {
        s.unit(social, std::string(m.localities[2]) + " äldreboende", UnitKind::residential_care,
               m.code, m.localities[2]);
      }
    }
    // A provider owned jointly by the region and two municipalities (the Norrtälje model). DEMO.
    const CareProvider joint = s.provider(
        "Ådalens gemensamma vård och omsorg (demo)", organisation_number_with_check("222000900"),
        {region.id, municipal_principals.at("2282").id, municipal_principals.at("2283").id});
    s.unit(joint, "Ådalens trygg hemgång (demo)", UnitKind::home_health_care, "2282", "Kramfors");

    // Documented demo logins (README), one or more per role.
    const auto& kramfors_hc = health_centres.at("2282").front();
    const auto& kramfors_hsl = home_health_care.at("2282");
    const User admin = s.user("admin", "Astrid Länsadministratör (demo)", org);
    s.assign(admin, region_office, Role::county_administrator);
    s.staff("avd.ssk", wards.at(0), Role::ward_nurse, org);
    const User physician = s.staff("avd.lakare", wards.at(0), Role::physician, org);
    s.assign(physician, wards.at(2), Role::physician);  // two assignments: choose one at sign-in
    s.staff("dsk.kramfors", kramfors_hc, Role::district_nurse, org);
    s.staff("lakare.kramfors", kramfors_hc, Role::physician, org);
    const std::string kramfors_org(demo::municipalities()[4].organisation_number);
    // She visits patients at home, so the administrator has given her assignment the special
    // authorisation for protected addresses (OSL 22:1); the other demo logins do not have it.
    s.staff("hsl.kramfors", kramfors_hsl, Role::home_health_care_nurse, kramfors_org, true);
    s.staff("hemtjanst.kramfors", home_care.at("2282").front(), Role::home_care_staff,
            kramfors_org);
    s.staff("sip.kramfors", social_offices.at("2282"), Role::sip_coordinator, kramfors_org);
    s.staff("chef.hsl.kramfors", kramfors_hsl, Role::unit_manager, kramfors_org);
    s.staff("logg.region", region_office, Role::log_reviewer, org);
    s.staff("logg.kramfors", social_offices.at("2282"), Role::log_reviewer, kramfors_org);
    // The hospitals' patient administration system: sends ADT through POST /api/v1/hl7/v2.
    const User pas = s.user("hl7.region", "Patientadministrativt system, ADT (demo)", org);
    s.assign(pas, region_office, Role::integration);

    // Everyone else on staff: a few per unit, so every unit's worklist has people behind it.
    for (const auto& ward : wards) {
      const auto slug = ascii_slug(ward.name);
      for (int i = 1; i <= 2; ++i)
        s.staff("ssk." + slug + "." + std::to_string(i), ward, Role::ward_nurse, org);
      s.staff("lak." + slug, ward, Role::physician, org);
      s.staff("chef." + slug, ward, Role::unit_manager, org);
    }
    for (const auto& m : demo::municipalities()) {
      const std::string code(m.code);
      const std::string morg(m.organisation_number);
      for (const auto& hc : health_centres.at(code)) {
        const auto slug = ascii_slug(hc.name);
        s.staff("dsk." + slug, hc, Role::district_nurse, org);
        s.staff("lak." + slug, hc, Role::physician, org);
        s.staff("chef." + slug, hc, Role::unit_manager, org);
      }
      const auto slug = ascii_slug(m.name);
      for (int i = 1; i <= 2; ++i) {
        s.staff("hsl." + slug + "." + std::to_string(i), home_health_care.at(code),
                Role::home_health_care_nurse, morg);
      }
      for (const auto& group : home_care.at(code)) {
        const auto gslug = ascii_slug(group.name);
        for (int i = 1; i <= 2; ++i)
          s.staff(gslug + "." + std::to_string(i), group, Role::home_care_staff, morg);
        s.staff("chef." + gslug, group, Role::unit_manager, morg);
      }
      s.staff("sip." + slug + ".1", social_offices.at(code), Role::sip_coordinator, morg);
    }

    std::string residents_summary;
    if (seed_residents) {
      const DemoResidents written = seed_residents(tx);
      persons_written = written.persons;
      s.add_relations(written.relations);
      residents_summary = written.summary;
      const User citizen = s.user("invanare", written.citizen_name + " (invånare, demo)", org,
                                  written.citizen_person_id);
      s.assign(citizen, std::nullopt, Role::citizen);
    }
    // Residents: only Skatteverket test personnummer; names and addresses are made up.
    int total_weight = 0;
    for (const auto& m : demo::municipalities()) total_weight += m.resident_weight;
    std::optional<std::string> citizen_person;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      const auto& id = chosen[i];
      int pick = static_cast<int>(random() % static_cast<unsigned>(total_weight));
      const auto* m = &demo::municipalities().front();
      for (const auto& mm : demo::municipalities()) {
        if (pick < mm.resident_weight) {
          m = &mm;
          break;
        }
        pick -= mm.resident_weight;
      }
      const bool female = id.legal_sex() == core::LegalSex::female;
      const auto& given = female ? demo::female_given_names() : demo::male_given_names();
      Person p;
      p.id = core::new_uuid();
      p.identifier = id.canonical();
      p.identifier_kind = "personnummer";
      p.identifier_system = std::string(id.system_oid().value_or(""));
      p.given_name = std::string(given[random() % given.size()]);
      p.family_name = std::string(demo::family_names()[random() % demo::family_names().size()]);
      p.birth_date = date::format("%F", std::chrono::sys_days(*id.birth_date()));
      p.legal_sex = female ? "female" : "male";
      p.municipality_code = std::string(m->code);
      const auto locality = random() % 2 == 0 ? m->localities.front()
                                              : m->localities[random() % m->localities.size()];
      p.address.street = std::string(demo::street_names()[random() % demo::street_names().size()]) +
                         " " + std::to_string(1 + random() % 60);
      p.address.postal_code = std::string(m->postal_prefix) + std::to_string(1 + random() % 9) +
                              " " + std::to_string(10 + random() % 90);
      p.address.locality = std::string(locality);
      if (auto it = places.find(std::string(locality)); it != places.end()) {
        // Spread homes around the locality (about ±2 km) so planned visits have real distances.
        p.latitude =
            it->second.latitude + (static_cast<double>(random() % 4000) - 2000.0) / 111'000.0;
        p.longitude =
            it->second.longitude + (static_cast<double>(random() % 8000) - 4000.0) / 111'000.0;
      }
      p.protected_identity = i % 250 == 17;  // a few persons with skyddade personuppgifter
      p.stamp = s.stamp();
      s.repo().insert_person(p);
      ++persons_written;
      // Care relations (PDL 4:1): everyone is listed at a health centre of their municipality,
      // nearer the one in their own locality; some older residents have municipal home health
      // care or home care decisions. Origins are what Nära's services create later on.
      const auto& centres = health_centres.at(std::string(m->code));
      const auto centre = std::find_if(centres.begin(), centres.end(), [&](const Unit& u) {
        return u.locality == p.address.locality;
      });
      s.relate(p.id, centre != centres.end() ? *centre : centres.front(), "listing");
      const int age = age_on(*id.birth_date(), today);
      if (age >= 65 && random() % 100 < (age >= 80 ? 30U : 8U)) {
        s.relate(p.id, home_health_care.at(std::string(m->code)), "home_health_care_decision");
      }
      if (age >= 75 && random() % 100 < (age >= 85 ? 45U : 20U)) {
        const auto& groups = home_care.at(std::string(m->code));
        s.relate(p.id, groups[random() % groups.size()], "home_care_decision");
      }
      if (!citizen_person && m->code == "2282" && age_on(*id.birth_date(), today) >= 80 &&
          !p.protected_identity) {
        citizen_person = p.id;
        const User citizen =
            s.user("invanare", p.given_name + " " + p.family_name + " (invånare, demo)", org, p.id);
        s.assign(citizen, std::nullopt, Role::citizen);
      }
    }
    seed_demo_episodes(tx, clock);
    users_written = s.users();
    if (!residents_summary.empty()) coordination_prefix = residents_summary + " ";
    units_written = s.units();
    relations_written = s.relations();
  });
  const std::string coordination = seed_demo_coordination(db, clock);  // issue 5
  const std::string planning = seed_demo_planning(db, clock);          // issue 7
  return "Seeded the demo county: 8 principals, " + std::to_string(units_written) + " units, " +
         std::to_string(users_written) + " accounts, " + std::to_string(persons_written) +
         " residents, " + std::to_string(relations_written) + " care relations. " +
         coordination_prefix + coordination + " " + planning;
}

}  // namespace nara::app
