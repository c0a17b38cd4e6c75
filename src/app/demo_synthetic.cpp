#include "app/demo_synthetic.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "app/demo_data.hpp"
#include "core/stockholm_time.hpp"

namespace nara::app::synthetic {

namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

// SQLite's default limit on host parameters was 999 before 3.32; staying under it keeps the
// statements portable, and ~80 rows a statement already removes nearly all per-row overhead.
constexpr std::size_t kMaxParameters = 990;

}  // namespace

Random::Random(std::uint64_t seed, std::uint64_t purpose, std::uint64_t index) {
  std::uint64_t state = seed ^ (purpose * 0xD1B54A32D192ED03ULL) ^ (index * 0x8CB92BA72F3D8DD7ULL);
  for (auto& word : s_) word = splitmix64(state);
}

std::uint64_t Random::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Random::uniform() {
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

std::size_t Random::below(std::size_t n) {
  return n == 0 ? 0 : static_cast<std::size_t>(next() % n);
}

int Random::between(int low, int high) {
  return low + static_cast<int>(below(static_cast<std::size_t>(high - low + 1)));
}

double Random::normal() {
  // Box–Muller, one value per call: simpler state than caching the pair, and fast enough.
  const double u1 = 1.0 - uniform();
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

IdSource::IdSource(std::uint64_t seed) {
  std::uint64_t state = seed;
  // 2026-11-23T00:00:00Z, the population day, in milliseconds: the ids' time field says when the
  // county's population was fixed, not when it was seeded, so it is the same on every run.
  prefix_ms_ = 1795392000000ULL;
  seed_bits_ = static_cast<std::uint32_t>(splitmix64(state) & 0xFFFU);
}

std::string IdSource::next() {
  ++counter_;
  char text[64];
  std::snprintf(text, sizeof text, "%08llx-%04llx-7%03x-%04llx-%012llx",
                static_cast<unsigned long long>(prefix_ms_ >> 16),
                static_cast<unsigned long long>(prefix_ms_ & 0xFFFFU), seed_bits_,
                static_cast<unsigned long long>(0x8000U | ((counter_ >> 48) & 0x3FFFU)),
                static_cast<unsigned long long>(counter_ & 0xFFFFFFFFFFFFULL));
  return std::string(text, 36);
}

BulkInserter::BulkInserter(store::Transaction& tx, std::string table,
                           std::vector<std::string> columns)
    : tx_(tx),
      table_(std::move(table)),
      columns_(std::move(columns)),
      rows_per_statement_(std::max<std::size_t>(1, kMaxParameters / columns_.size())) {
  full_statement_ = statement(rows_per_statement_);
  buffer_.reserve(rows_per_statement_ * columns_.size());
}

std::string BulkInserter::statement(std::size_t rows) const {
  std::string sql = "INSERT INTO " + table_ + " (";
  std::string one_row = "(";
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0) {
      sql += ", ";
      one_row += ", ";
    }
    sql += columns_[i];
    one_row += "?";
  }
  sql += ") VALUES ";
  one_row += ")";
  for (std::size_t r = 0; r < rows; ++r) {
    if (r > 0) sql += ", ";
    sql += one_row;
  }
  return sql;
}

void BulkInserter::flush() {
  if (rows_buffered_ == 0) return;
  for (auto* parent : parents_) parent->flush();
  if (buffer_.size() != rows_buffered_ * columns_.size())
    throw std::logic_error("demo: a row for " + table_ + " has the wrong number of values");
  // A short last batch gets its own statement text (prepared once: at most one per table).
  const std::string& sql =
      rows_buffered_ == rows_per_statement_ ? full_statement_ : statement(rows_buffered_);
  tx_.run(sql, std::span<const store::Value>(buffer_.data(), buffer_.size()));
  buffer_.clear();
  rows_buffered_ = 0;
}

Window history_window(const core::Clock& clock) {
  const auto today = core::stockholm::local_date(clock.now());
  std::chrono::year_month_day first =
      (today.year() / today.month() - std::chrono::months(36)) / today.day();
  if (!first.ok()) first = (first.year() / first.month()) / std::chrono::last;
  return Window{core::stockholm::start_of_day(first), core::stockholm::start_of_day(today),
                std::chrono::sys_days(first), std::chrono::sys_days(today)};
}

store::Value nullable(const std::optional<std::string>& text) {
  return text ? store::Value{*text} : store::Value{nullptr};
}

std::string db_time(core::Instant at) {
  using namespace std::chrono;
  const auto day = floor<days>(at);
  const year_month_day ymd{day};
  const hh_mm_ss<microseconds> time{at - day};
  char text[32];
  const int n = std::snprintf(
      text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%06dZ", static_cast<int>(ymd.year()),
      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
      static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
      static_cast<int>(time.seconds().count()), static_cast<int>(time.subseconds().count()));
  return std::string(text, static_cast<std::size_t>(n));
}

std::string db_date(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char text[16];
  const int n = std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                              static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return std::string(text, static_cast<std::size_t>(n));
}

std::vector<std::string> CountyUnit::users_in(std::string_view role) const {
  std::vector<std::string> out;
  for (const auto& member : staff) {
    if (member.role == role) out.push_back(member.user_id);
  }
  return out;
}

const Ward& County::ward(const std::string& hospital,
                         const std::vector<std::string_view>& names) const {
  for (const auto name : names) {
    for (const auto& w : wards) {
      if (w.hospital_locality == hospital && w.name.rfind(name, 0) == 0) return w;
    }
  }
  for (const auto& w : wards) {
    if (w.hospital_locality == hospital && w.name.find("Psykiatri") == std::string::npos) return w;
  }
  throw std::runtime_error("demo: no ward at " + hospital);
}

County load_county(store::Transaction& tx, std::uint64_t seed) {
  County county;
  const auto rows = tx.query(
      "SELECT id, hsa_id, name, kind, municipality_code, COALESCE(locality, '') FROM units "
      "ORDER BY hsa_id");
  county.units.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto r = rows.row(i);
    CountyUnit u{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), {}, 0.5, 10};
    // Continuity differs by unit (domain-rules §4.3: SKR measures it per unit and profession):
    // some home care groups send the same few people, others a rota of twenty.
    Random traits(seed, kUnitTraits, i);
    if (u.kind == "home_care") {
      u.continuity = 0.25 + 0.45 * traits.uniform();
      u.caregivers = traits.between(12, 24);
    } else if (u.kind == "home_health_care") {
      u.continuity = 0.40 + 0.40 * traits.uniform();
      u.caregivers = traits.between(5, 10);
    } else if (u.kind == "health_centre") {
      u.continuity = 0.30 + 0.50 * traits.uniform();
      u.caregivers = traits.between(4, 9);
    }
    county.units.push_back(std::move(u));
  }
  std::map<std::string, CountyUnit*> by_id;
  for (auto& u : county.units) by_id.emplace(u.id, &u);
  const auto staff = tx.query(
      "SELECT a.unit_id, a.user_id, a.role FROM assignments a JOIN users u ON u.id = a.user_id "
      "WHERE a.unit_id IS NOT NULL ORDER BY u.username, a.role");
  for (std::size_t i = 0; i < staff.size(); ++i) {
    const auto r = staff.row(i);
    if (auto it = by_id.find(r.text(0)); it != by_id.end())
      it->second->staff.push_back({r.text(1), r.text(2)});
  }

  for (const auto& seed_m : demo::municipalities()) {
    MunicipalityUnits m;
    m.code = std::string(seed_m.code);
    m.name = std::string(seed_m.name);
    for (const auto& u : county.units) {
      if (u.municipality_code != m.code) continue;
      if (u.kind == "health_centre") m.health_centres.push_back(&u);
      // The joint provider's "trygg hemgång" is a home health care unit too; the municipality's
      // own is the one named after it.
      if (u.kind == "home_health_care" && u.name == "Hemsjukvård " + m.name)
        m.home_health_care = &u;
      if (u.kind == "home_care") m.home_care.push_back(&u);
      if (u.kind == "residential_care") m.residential_care.push_back(&u);
      if (u.kind == "administration" && u.name == "Socialförvaltningen " + m.name)
        m.social_office = &u;
      if (u.kind == "administration" && u.name == "Regionkansliet") county.region_office_id = u.id;
    }
    // Health centres in the order the classic seeding made them: the locality order.
    std::vector<const CountyUnit*> ordered;
    for (const auto locality : seed_m.localities) {
      for (const auto* hc : m.health_centres) {
        if (hc->locality == locality) ordered.push_back(hc);
      }
    }
    m.health_centres = ordered;
    // Where the ambulance goes: Sollefteå sjukhus takes Kramfors too, Örnsköldsvik its own, and
    // Sundsvall the rest.
    m.hospital = m.code == "2283" || m.code == "2282" ? "Sollefteå"
                 : m.code == "2284"                   ? "Örnsköldsvik"
                                                      : "Sundsvall";
    if (m.health_centres.empty() || !m.home_health_care || m.home_care.empty() ||
        m.residential_care.empty() || !m.social_office)
      throw std::runtime_error("demo: the county's units for " + m.name + " are incomplete");
    county.municipalities.push_back(std::move(m));
  }
  for (const auto& w : demo::wards()) {
    const std::string name = std::string(w.hospital_locality) + "s sjukhus, " + std::string(w.name);
    for (const auto& u : county.units) {
      if (u.kind == "hospital_ward" && u.name == name)
        county.wards.push_back({&u, std::string(w.hospital_locality), std::string(w.name)});
    }
  }
  if (county.wards.empty()) throw std::runtime_error("demo: the county has no wards");
  return county;
}

std::string table_counts(const RowCounts& counts) {
  std::string out;
  for (const auto& [table, rows] : counts) {
    if (!out.empty()) out += ", ";
    out += table + " " + std::to_string(rows);
  }
  return out;
}

void draw_frailty(Resident& r, Random& random) {
  r.frailty = std::exp(0.75 * random.normal() - 0.28);
  if ((r.age >= 75 && random.chance(0.05)) || (r.age >= 65 && r.age < 75 && random.chance(0.015))) {
    r.most_ill = true;
    r.frailty = std::max(r.frailty, 3.5 + 2.5 * random.uniform());
  }
}

}  // namespace nara::app::synthetic
