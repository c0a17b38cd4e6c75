#pragma once
// The parts the synthetic county's generator (`nara demo --scale`) shares between its files: a
// seeded random stream per purpose and person, deterministic record ids, multi-row inserts, the
// county's units and staff as the classic seeding made them, and the residents in memory.
// Internal to src/app; demo_history.hpp is the interface.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace nara::app::synthetic {

// xoshiro256** (Blackman & Vigna), seeded through splitmix64 from (seed, purpose, index): each
// person and purpose has its own stream, so changing how one table is generated does not move
// every later draw, and the output does not depend on the order streams are used in. Written
// out rather than std::*_distribution, whose results differ between standard libraries.
class Random {
 public:
  Random(std::uint64_t seed, std::uint64_t purpose, std::uint64_t index);
  std::uint64_t next();
  double uniform();                  // [0, 1)
  std::size_t below(std::size_t n);  // [0, n)
  int between(int low, int high);    // [low, high]
  bool chance(double p) { return uniform() < p; }
  double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }
  double normal();
  double lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }

 private:
  std::array<std::uint64_t, 4> s_{};
};

// Streams by purpose: a new purpose gets a new number, never a reused one.
enum Purpose : std::uint64_t {
  kPopulationOrder = 1,
  kResident = 2,
  kStays = 3,
  kCare = 4,
  kContacts = 5,
  kSips = 6,
  kUnitTraits = 7,
  kClassicResident = 8,  // the classic demo's residents as the history sees them
};

// Ids shaped like the UUID v7 Nära uses everywhere, but counted instead of drawn: the same seed
// gives the same ids, and ids grow in insertion order, so every primary key index is appended to
// rather than split at random (the difference between seconds and minutes at 250 000 people).
class IdSource {
 public:
  explicit IdSource(std::uint64_t seed);
  std::string next();

 private:
  std::uint64_t prefix_ms_;
  std::uint32_t seed_bits_;
  std::uint64_t counter_ = 0;
};

// Buffers rows for one table and writes them many to a statement: one prepared multi-row INSERT
// per table, so PostgreSQL is not one round trip per row and SQLite not one step per row.
class BulkInserter {
 public:
  BulkInserter(store::Transaction& tx, std::string table, std::vector<std::string> columns);
  ~BulkInserter() = default;
  BulkInserter(const BulkInserter&) = delete;
  BulkInserter& operator=(const BulkInserter&) = delete;

  // Values of one row, in the column order given.
  template <class... Args>
  void add(Args&&... values) {
    static_assert(sizeof...(Args) > 0);
    (buffer_.emplace_back(std::forward<Args>(values)), ...);
    ++rows_buffered_;
    ++rows_written_;
    if (rows_buffered_ == rows_per_statement_) flush();
  }
  void flush();
  // Rows here refer to rows of `parent` (a foreign key): its buffer is written first, whenever
  // this one is. PostgreSQL checks foreign keys per statement, so order is all that keeps them.
  void after(BulkInserter& parent) { parents_.push_back(&parent); }
  [[nodiscard]] std::size_t rows() const { return rows_written_; }
  [[nodiscard]] const std::string& table() const { return table_; }

 private:
  std::string statement(std::size_t rows) const;

  store::Transaction& tx_;
  std::string table_;
  std::vector<std::string> columns_;
  std::size_t rows_per_statement_;
  std::string full_statement_;
  std::vector<store::Value> buffer_;
  std::vector<BulkInserter*> parents_;
  std::size_t rows_buffered_ = 0;
  std::size_t rows_written_ = 0;
};

store::Value nullable(const std::optional<std::string>& text);

// Fixed-width UTC text as store::to_db_time writes it.
std::string db_time(core::Instant at);
std::string db_date(std::chrono::sys_days day);  // YYYY-MM-DD

// ---- The county the classic seeding made ----

struct StaffMember {
  std::string user_id;
  std::string role;
};

struct CountyUnit {
  std::string id;
  std::string hsa_id;
  std::string name;
  std::string kind;
  std::string municipality_code;
  std::string locality;
  std::vector<StaffMember> staff;  // by username
  double continuity = 0.5;         // how often a person meets their own caregiver here (0–1)
  int caregivers = 10;             // how many staff take turns with a person here

  // The members of staff of `role`, user ids in username order.
  [[nodiscard]] std::vector<std::string> users_in(std::string_view role) const;
};

struct Ward {
  const CountyUnit* unit = nullptr;
  std::string hospital_locality;
  std::string name;  // e.g. "Medicinavdelning 1"
};

struct MunicipalityUnits {
  std::string code;
  std::string name;
  std::vector<const CountyUnit*> health_centres;
  const CountyUnit* home_health_care = nullptr;
  std::vector<const CountyUnit*> home_care;
  std::vector<const CountyUnit*> residential_care;
  const CountyUnit* social_office = nullptr;
  std::string hospital;  // locality of the hospital its residents are taken to
};

struct County {
  std::vector<CountyUnit> units;  // stable addresses: filled once, never grown after
  std::vector<MunicipalityUnits> municipalities;  // in demo::municipalities() order
  std::vector<Ward> wards;
  std::string region_office_id;
  std::string citizen_person_id;  // set once the residents are chosen

  // A ward of `hospital` whose name starts with one of `names`, in that order of preference; any
  // somatic ward of the hospital otherwise.
  [[nodiscard]] const Ward& ward(const std::string& hospital,
                                 const std::vector<std::string_view>& names) const;
};

// Reads the units and staff of the classic county (a few hundred rows) and gives every unit its
// continuity and caregiver pool, drawn from the seed.
County load_county(store::Transaction& tx, std::uint64_t seed);

// ---- Residents ----

inline constexpr int kNever = std::numeric_limits<int>::max();

struct Resident {
  std::string id;
  int municipality = 0;    // index into County::municipalities
  int health_centre = -1;  // index into its health centres; -1: not listed
  int home_care_group = -1;
  std::chrono::sys_days birth;
  int age = 0;  // on kDemoPopulationDay
  bool female = false;
  bool protected_identity = false;
  bool citizen = false;   // the demo citizen: no history of their own (docs/web.md walkthrough)
  bool most_ill = false;  // of the mest sjuka äldre: frequent stays, many diagnoses
  double frailty = 1;     // multiplies the rate of stays
  std::optional<core::Instant> died_at;
  // Days (since the epoch) a municipal decision took effect; kNever: none.
  int home_care_from = kNever;
  int home_health_care_from = kNever;
  int residential_care_from = kNever;
  int listed_from = kNever;
  // Nothing of theirs is written from here on, when earlier than the window's end: the classic
  // demo's living discharge chain (demo_episodes.cpp) admits them within the last two weeks, and
  // their history must lie before it.
  std::optional<core::Instant> history_end;
};

// The period the history covers: [start, end), end being local midnight of the reference day.
struct Window {
  core::Instant start;
  core::Instant end;
  std::chrono::sys_days first_day;
  std::chrono::sys_days reference_day;
  // Everything written is finished by the end: no request left unanswered or undone, no SIP
  // meeting still to come or follow-up left unheld in a plan still open. The classic demo's
  // history is so, since today's open work there is the living chain's (demo_episodes.cpp,
  // demo_sip.cpp) and the worklists must show just that; the synthetic county's is not.
  bool settled = false;
};

// The 36 months before the clock's local day, ending at its local midnight: what happens today
// is the living discharge chain's (demo_episodes.cpp), not history.
Window history_window(const core::Clock& clock);

// Where a resident's history ends: the window's end, or their own history_end when earlier.
inline core::Instant history_end_of(const Resident& r, const Window& window) {
  return r.history_end ? std::min(*r.history_end, window.end) : window.end;
}

// Annual probability of dying at `age` (SCB life tables, rounded).
double annual_mortality(int age);

// A duration times a factor, kept in whole microseconds (Instant's resolution).
inline std::chrono::microseconds scaled(std::chrono::microseconds d, double factor) {
  return std::chrono::microseconds(
      static_cast<std::int64_t>(static_cast<double>(d.count()) * factor));
}

inline int day_number(core::Instant at) {
  return static_cast<int>(std::chrono::floor<std::chrono::days>(at).time_since_epoch().count());
}
inline core::Instant instant_of_day(int day) {
  return core::Instant{std::chrono::sys_days{std::chrono::days{day}}};
}

}  // namespace nara::app::synthetic

namespace nara::app::synthetic {

// ---- The generator's steps (demo_population.cpp, demo_stays.cpp, demo_care.cpp) ----

// How many rows each table got, by table name.
using RowCounts = std::map<std::string, std::size_t>;
// "table rows, table rows, …" for the seeding summary.
std::string table_counts(const RowCounts& counts);

// Frailty multiplies the rate of stays (lognormal, mean 1); the mest sjuka äldre are a small group
// with several stays a year (Socialstyrelsen 2011: about 2–5 % of those 65+). Draws both for `r`.
void draw_frailty(Resident& r, Random& random);

struct Population {
  std::vector<Resident> residents;
  std::size_t from_test_list = 0;  // persons with a Skatteverket test personnummer
  std::size_t synthetic = 0;       // persons with a nara_synthetic reservnummer
  std::string citizen_name;
};

// Chooses `inhabitants` residents with a Västernorrland-like age structure and writes them with
// their listing and municipal decisions (care_relations).
Population seed_population(store::Transaction& tx, const County& county, const Window& window,
                           const std::filesystem::path& shared_dir, std::size_t inhabitants,
                           std::uint64_t seed, IdSource& ids, const std::string& now_text,
                           RowCounts& counts);

// One resident's stays as the indicators need them (demo_stays.cpp), kept for the rest of the
// history: SIPs follow invitations, named contacts follow appointments, contacts pause in hospital.
struct StayOutline {
  std::string episode_id;
  core::Instant admitted_at;
  core::Instant ended_at;  // discharge, death or cancellation
  bool discharged = false;
  bool cancelled = false;
  bool region_outpatient = false;
  bool municipal_health_care = false;
  bool social_services = false;
  std::optional<core::Instant> sip_invited_at;
  std::optional<core::Instant> named_contact_at;
  std::string named_contact_user_id;
  std::string ward_id;
};

class StayWriter;
class CareWriter;

// The demo's made-up amounts per vårddygn 2024–2026, a region-wide local agreement (the statutory
// amounts of those years were not retrieved, domain-rules §1.4, so liability showed 0 kr): only
// the demo paths write it, never seed_demo_county as the tests call it. Does nothing if a
// region-wide agreement covers any of those years. Returns whether it wrote it.
bool write_demo_liability_agreement(store::Transaction& tx, const std::string& now_text);

}  // namespace nara::app::synthetic
