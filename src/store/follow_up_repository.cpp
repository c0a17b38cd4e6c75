#include "store/follow_up_repository.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <tuple>
#include <unordered_map>

#include "core/stockholm_time.hpp"
#include "store/follow_up_rows.hpp"
#include "store/time_codec.hpp"

namespace nara::store {

using domain::indicators::ActionFact;
using domain::indicators::ContactFact;
using domain::indicators::Month;
using domain::indicators::NamedContactFact;
using domain::indicators::PopulationCohort;
using domain::indicators::Profession;
using domain::indicators::RelationFact;
using domain::indicators::RequestFact;
using domain::indicators::SipFact;

using namespace follow_up_rows;

namespace {

// A readmission is looked for up to 30 days after a discharge in the period (domain-rules §4.3).
constexpr auto kReadmissionMargin = std::chrono::days(31);
// Continuity counts contacts over the 12 months up to each month's end (domain-rules §4.3 [M]).
constexpr auto kContinuityMargin = std::chrono::days(366);
// How long before the period the notices and ready periods of its stays are looked for: a stay
// counted in the period and admitted longer before it than this (a few in psychiatric care) would
// lose its ready periods and the health centre of its admission notice.
constexpr auto kLongestStay = std::chrono::days(400);

Profession profession_of(const std::string& text) {
  if (text == "physician") return Profession::physician;
  if (text == "nurse") return Profession::nurse;
  if (text == "home_care") return Profession::home_care;
  if (text == "therapist") return Profession::therapist;
  return Profession::other;
}

// The episodes of a period: admitted before its end (and the readmission margin), not discharged
// or ended before it began. Nearly every stay of a three-year history is in a three-year period,
// so the table is scanned: written as `x IS NULL OR x >= ?`, SQLite walked episodes_by_discharge
// and fetched each of the 100 000 rows by rowid from all over the table (0.8 s at 250 000
// inhabitants against 0.2 s for the scan); COALESCE says the same and is no index range.
constexpr const char* kEpisodesInPeriod =
    "e.state <> 'cancelled' AND e.admitted_at < ? AND COALESCE(e.discharged_at, ?) >= ? AND "
    "COALESCE(e.ended_at, ?) >= ?";

// For maps keyed by text that are looked up with a view.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};

std::optional<core::Instant> instant(const RowView& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return from_db_time(r.text(i));
}

AdmissionKind admission_kind_of(std::optional<std::string_view> text) {
  if (text == "acute") return AdmissionKind::acute;
  if (text == "planned") return AdmissionKind::planned;
  return AdmissionKind::unknown;
}

// Whole years from a "YYYY-MM-DD" birth date to `day`; 0 when the birth date is not known.
int age_on(std::optional<std::string_view> birth, std::chrono::year_month_day day) {
  return birth ? follow_up_rows::age_on(std::string(*birth), day) : 0;
}

// The positions of stays by id, for joining their periods and notices in memory: open addressing
// over the ids' hashes, without a node per stay (a std::unordered_map of a county's 100 000 stays
// was a tenth of the read, most of it cache misses).
class EpisodeIndex {
 public:
  explicit EpisodeIndex(const std::vector<FollowUpEpisode>& episodes) : episodes_(episodes) {
    std::size_t size = 16;
    while (size < 2 * episodes.size()) size *= 2;
    slots_.assign(size, 0);
    mask_ = size - 1;
    for (std::size_t i = 0; i < episodes.size(); ++i) {
      const std::size_t hash = std::hash<std::string_view>{}(episodes[i].fact.id);
      std::size_t slot = hash & mask_;
      while (slots_[slot] != 0) slot = (slot + 1) & mask_;
      slots_[slot] = tag(hash) | (i + 1);
    }
  }

  // The position of the stay with this id, if it is one of them.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view id) const {
    const std::size_t hash = std::hash<std::string_view>{}(id);
    for (std::size_t slot = hash & mask_; slots_[slot] != 0; slot = (slot + 1) & mask_) {
      if ((slots_[slot] & kTagMask) != tag(hash)) continue;
      const std::size_t at = (slots_[slot] & ~kTagMask) - 1;
      if (episodes_[at].fact.id == id) return at;
    }
    return std::nullopt;
  }

 private:
  // A slot is 0 (empty) or the hash's upper half with the position + 1 below it.
  static constexpr std::uint64_t kTagMask = 0xffffffff00000000ULL;
  static std::uint64_t tag(std::size_t hash) { return static_cast<std::uint64_t>(hash) & kTagMask; }

  const std::vector<FollowUpEpisode>& episodes_;
  std::vector<std::uint64_t> slots_;
  std::size_t mask_ = 0;
};

}  // namespace

// The last birth date of a person who is `min_age` on `today` ("YYYY-MM-DD", text order is date
// order), for the age limit in SQL. A 29 February birthday counts from 1 March in common years.
std::string latest_birth_date(std::chrono::year_month_day today, int min_age) {
  const auto year = today.year() - std::chrono::years(min_age);
  std::chrono::year_month_day day{year / today.month() / today.day()};
  if (!day.ok()) day = std::chrono::year_month_day{year / today.month() / std::chrono::last};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

std::vector<PopulationCohort> FollowUpRepository::population() {
  // Inhabitants by birth month and month of death: a few thousand groups for a whole county,
  // counted here as GROUP BY municipality_code, substr(birth_date, 1, 7), substr(deceased_on, 1,
  // 7) would, from the rows of the index that holds the three columns: grouping 250 000 persons
  // in SQL sorted them (0.09 s on SQLite), reading them is a third of that.
  struct Group {
    std::string municipality;
    std::string born;                 // YYYY-MM, or shorter as stored
    std::optional<std::string> died;  // likewise
    long count = 0;
  };
  std::vector<Group> groups;
  std::unordered_map<std::string, std::size_t, TextHash, std::equal_to<>> index;
  std::string key;
  tx_.each(
      "SELECT municipality_code, birth_date, deceased_on FROM persons "
      "WHERE municipality_code IS NOT NULL AND birth_date IS NOT NULL",
      parameters(), [&](const RowView& r) {
        const auto municipality = r.text(0);
        const auto born = r.text(1).substr(0, 7);
        const auto died = r.optional_text(2);
        key.assign(municipality).push_back('\0');
        key.append(born).push_back(died ? 'd' : '-');
        if (died) key.append(died->substr(0, 7));
        auto it = index.find(std::string_view(key));
        if (it == index.end()) {
          it = index.emplace(key, groups.size()).first;
          groups.push_back({std::string(municipality), std::string(born),
                            died ? std::optional<std::string>(died->substr(0, 7)) : std::nullopt,
                            0});
        }
        ++groups[it->second].count;
      });
  // In the order GROUP BY gave them (a missing death first).
  std::sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
    return std::tie(a.municipality, a.born, a.died) < std::tie(b.municipality, b.born, b.died);
  });
  std::vector<PopulationCohort> out;
  out.reserve(groups.size());
  for (auto& g : groups) {
    const auto born = month_of(g.born);
    if (!born) continue;
    out.push_back({std::move(g.municipality), *born, month_of(g.died), g.count});
  }
  return out;
}

std::vector<FollowUpEpisode> FollowUpRepository::episodes(core::Instant from, core::Instant to) {
  const std::string until = to_db_time(to + kReadmissionMargin);
  const std::string since = to_db_time(from);
  // Each row is made into its fact as it is read (Transaction::each): a ResultSet of the 100 000
  // stays of a county was a string per cell, 2.5 million allocations.
  // Collected in a deque: a growing vector moved every stay read so far at each doubling.
  std::deque<FollowUpEpisode> read;
  tx_.each(
      std::string(
          "SELECT e.id, e.person_id, e.ward_unit_id, e.state, e.admitted_at, e.needs_assessed_at, "
          "e.needs_social_services, e.needs_municipal_health_care, e.needs_region_outpatient, "
          "e.admission_notice_sent_at, e.planned_discharge, e.first_acknowledged_at, "
          "e.named_contact_appointed_at, e.sip_invitation_sent_at, e.information_transferred_at, "
          "e.discharged_at, e.ended_at, e.needs_outpatient_compulsory_care, e.admission_kind, "
          "COALESCE(p.municipality_code, ''), p.birth_date, pm.municipality_code, "
          "w.psychiatric_care, e.origin FROM inpatient_episodes e JOIN persons p ON p.id = "
          "e.person_id "
          "JOIN units w ON w.id = e.ward_unit_id "
          "LEFT JOIN episode_placing_municipality pm ON pm.episode_id = e.id WHERE ") +
          kEpisodesInPeriod,
      parameters(until, since, since, since, since), [&](const RowView& r) {
        FollowUpEpisode item;
        auto& f = item.fact;
        f.id = r.text(0);
        f.person_id = r.text(1);
        f.ward_unit_id = r.text(2);
        auto& e = f.episode;
        e.ward_unit_id = f.ward_unit_id;
        e.state = domain::discharge::parse_episode_state(r.text(3)).value_or(
            domain::discharge::EpisodeState::admitted);
        e.admitted_at = from_db_time(r.text(4));
        e.needs_assessed_at = instant(r, 5);
        e.needs = {r.boolean(6), r.boolean(7), r.boolean(8),
                   r.is_null(17)
                       ? domain::discharge::OutpatientCompulsoryCare::none
                       : domain::discharge::parse_outpatient_compulsory_care(r.text(17))
                             .value_or(domain::discharge::OutpatientCompulsoryCare::none)};
        e.admission_notice_sent_at = instant(r, 9);
        e.planned_discharge = instant(r, 10);
        e.first_acknowledged_at = instant(r, 11);
        e.named_contact_appointed_at = instant(r, 12);
        e.sip_invitation_sent_at = instant(r, 13);
        e.information_transferred_at = instant(r, 14);
        e.discharged_at = instant(r, 15);
        e.ended_at = instant(r, 16);
        f.admission_kind = admission_kind_of(r.optional_text(18));
        item.folkbokforing_code = r.text(19);
        f.age_at_admission =
            age_on(r.optional_text(20), core::stockholm::local_date(e.admitted_at));
        f.municipality_code = domain::discharge::liable_municipality(
            item.folkbokforing_code,
            r.is_null(21) ? std::nullopt : std::optional<std::string>(r.text(21)));
        item.psychiatric_ward = r.boolean(22);
        f.imported = r.text(23) == "fhir_import";
        read.push_back(std::move(item));
      });
  if (read.empty()) return {};
  // In admission order, as ORDER BY e.admitted_at, e.id gave them (instants are stored as
  // fixed-width text, so text order is time order), sorted on the two keys here instead of by the
  // engine on the wide rows.
  struct Key {
    core::Instant admitted_at;
    std::uint32_t index;
  };
  std::vector<Key> order;
  order.reserve(read.size());
  for (std::uint32_t i = 0; i < read.size(); ++i)
    order.push_back({read[i].fact.episode.admitted_at, i});
  std::sort(order.begin(), order.end(), [&](const Key& a, const Key& b) {
    return a.admitted_at != b.admitted_at ? a.admitted_at < b.admitted_at
                                          : read[a.index].fact.id < read[b.index].fact.id;
  });
  std::vector<FollowUpEpisode> out;
  out.reserve(read.size());
  for (const auto& key : order) out.push_back(std::move(read[key.index]));
  const EpisodeIndex index(out);
  const auto find = [&](std::string_view id) -> FollowUpEpisode* {
    const auto at = index.find(id);
    return at ? &out[*at] : nullptr;
  };

  // The periods and notices of the period's episodes are read by their own instants (a stay is
  // at most a few months) and joined to the episodes in memory, instead of repeating the
  // episodes' filter in a join for each. The stays' diagnoses are not read: no indicator counts
  // them (the proactive list reads them per unit).
  const std::string notices_since = to_db_time(from - kLongestStay);
  tx_.each(
      "SELECT episode_id, sent_at, withdrawn_at FROM episode_ready_periods WHERE sent_at >= ? "
      "ORDER BY episode_id, seq",
      parameters(notices_since), [&](const RowView& r) {
        if (auto* item = find(r.text(0)))
          item->fact.episode.ready_periods.push_back({from_db_time(r.text(1)), instant(r, 2)});
      });
  // The health centre whose clocks these are: the first one the admission notice went to (the
  // earliest sent, then the lowest unit id), found here rather than by sorting in SQL; the
  // notices are read from the index that holds these columns (migration 0022).
  std::vector<core::Instant> centre_sent(out.size());
  tx_.each(
      "SELECT n.episode_id, n.sent_at, n.to_unit_id FROM notices n "
      "JOIN units u ON u.id = n.to_unit_id "
      "WHERE n.kind = 'admission_notice' AND n.sent_at >= ? AND u.kind = 'health_centre'",
      parameters(notices_since), [&](const RowView& r) {
        const auto at = index.find(r.text(0));
        if (!at) return;
        const auto sent = from_db_time(r.text(1));
        const auto unit = r.text(2);
        auto& centre = out[*at].fact.health_centre_unit_id;
        auto& first = centre_sent[*at];
        if (centre.empty() || sent < first || (sent == first && unit < centre)) {
          centre = unit;
          first = sent;
        }
      });
  tx_.each(
      "SELECT x.episode_id, x.from_date, x.to_date FROM episode_region_not_ready x "
      "JOIN inpatient_episodes e ON e.id = x.episode_id WHERE e.admitted_at >= ? "
      "ORDER BY x.episode_id, x.from_date",
      parameters(notices_since), [&](const RowView& r) {
        if (auto* item = find(r.text(0)))
          item->region_not_ready.emplace_back(stored_date(r.text(1)), stored_date(r.text(2)));
      });
  return out;
}

std::vector<SipFact> FollowUpRepository::sips(core::Instant from, core::Instant to) {
  // A follow-up due in the period may belong to a SIP started years before: every SIP started
  // before the period's end and not closed before it began.
  // The person's municipality and birth date are looked up by id for each of the few thousand
  // SIPs: as a join, PostgreSQL hashed all of a county's persons for them (0.08 s against 0.03 s).
  const auto rs = tx_.query(
      "SELECT c.id, c.person_id, "
      "COALESCE((SELECT p.municipality_code FROM persons p WHERE p.id = c.person_id), ''), "
      "c.initiated_by_unit_id, (SELECT p.birth_date FROM persons p WHERE p.id = c.person_id), "
      "c.created_at, c.content FROM coordinated_plans c WHERE c.kind = 'sip' AND c.created_at < ? "
      "AND (c.state <> 'closed' OR c.updated_at >= ?) ORDER BY c.created_at, c.id",
      to_db_time(to), to_db_time(from));
  std::vector<SipFact> out;
  out.reserve(rs.size());
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto r = rs.row(i);
    SipFact s;
    s.id = r.text(0);
    s.person_id = r.text(1);
    s.municipality_code = r.text(2);
    s.initiated_by_unit_id = r.text(3);
    s.created_at = from_db_time(r.text(5));
    s.age_at_start = age_on(r.optional_text(4), core::stockholm::local_date(s.created_at));
    boost::system::error_code ec;
    const auto content = boost::json::parse(r.text(6), ec);
    if (!ec && content.is_object()) {
      const auto& o = content.as_object();
      if (const auto* a = o.if_contains("activatedAt"); a && a->is_string())
        s.activated_at = from_db_time(std::string_view(a->as_string()));
      if (const auto* ps = o.if_contains("participants"); ps && ps->is_array()) {
        for (const auto& p : ps->as_array()) {
          const auto* kind = p.is_object() ? p.as_object().if_contains("kind") : nullptr;
          if (kind && kind->is_string() && kind->as_string() == "person") s.person_took_part = true;
        }
      }
      if (const auto* fs = o.if_contains("followUps"); fs && fs->is_array()) {
        for (const auto& f : fs->as_array()) {
          if (!f.is_object()) continue;
          const auto* due = f.as_object().if_contains("dueDate");
          if (!due || !due->is_string() || due->as_string().size() < 10) continue;
          SipFact::FollowUp follow_up{stored_date(std::string_view(due->as_string())), {}};
          if (const auto* held = f.as_object().if_contains("heldAt"); held && held->is_string())
            follow_up.held_at = from_db_time(std::string_view(held->as_string()));
          s.follow_ups.push_back(follow_up);
        }
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<RequestFact> FollowUpRepository::requests(core::Instant from, core::Instant to) {
  std::vector<RequestFact> out;
  tx_.each(
      "SELECT r.id, r.to_unit_id, u.municipality_code, r.sent_at, r.due_at, "
      "CASE WHEN r.accepted_at IS NULL THEN r.declined_at WHEN r.declined_at IS NULL THEN "
      "r.accepted_at WHEN r.accepted_at < r.declined_at THEN r.accepted_at ELSE r.declined_at END, "
      "r.state FROM care_requests r JOIN units u ON u.id = r.to_unit_id "
      "WHERE r.due_at >= ? AND r.due_at < ?",
      parameters(to_db_time(from), to_db_time(to)), [&](const RowView& r) {
        out.push_back({std::string(r.text(0)), std::string(r.text(1)), std::string(r.text(2)),
                       from_db_time(r.text(3)), instant(r, 4), instant(r, 5),
                       r.text(6) == "cancelled"});
      });
  // In the order ORDER BY r.due_at, r.id gave, sorted here: PostgreSQL's sort of the 48 000 wide
  // rows spilled to disk (60 ms of its 110).
  std::sort(out.begin(), out.end(), [](const RequestFact& a, const RequestFact& b) {
    return a.due_at != b.due_at ? a.due_at < b.due_at : a.id < b.id;
  });
  return out;
}

std::vector<ContactFact> FollowUpRepository::contacts(core::Instant from, core::Instant to) {
  // Grouped per caregiver and month in SQL: a county's millions of contacts arrive as the far
  // fewer (person, unit, caregiver, month) counts that continuity is computed from.
  const auto rs = tx_.query(
      "SELECT c.person_id, c.unit_id, u.municipality_code, c.caregiver_key, c.profession, "
      "MIN(c.at), COUNT(*) FROM care_contacts c JOIN units u ON u.id = c.unit_id "
      "WHERE c.at >= ? AND c.at < ? "
      "GROUP BY c.person_id, c.unit_id, u.municipality_code, c.caregiver_key, c.profession, "
      "substr(c.at, 1, 7)",
      to_db_time(from - kContinuityMargin), to_db_time(to));
  std::vector<ContactFact> out;
  out.reserve(rs.size());
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto r = rs.row(i);
    ContactFact c{r.text(0),
                  r.text(1),
                  r.text(2),
                  r.text(3),
                  profession_of(r.text(4)),
                  from_db_time(r.text(5)),
                  static_cast<int>(r.int64(6))};
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<ContactFact> FollowUpRepository::all_contacts() {
  const auto rs = tx_.query(
      "SELECT c.person_id, c.unit_id, u.municipality_code, c.caregiver_key, c.profession, c.at "
      "FROM care_contacts c JOIN units u ON u.id = c.unit_id");
  std::vector<ContactFact> out;
  out.reserve(rs.size());
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto r = rs.row(i);
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), profession_of(r.text(4)),
                   from_db_time(r.text(5)), 1});
  }
  return out;
}

std::vector<domain::indicators::ContinuityTally> FollowUpRepository::continuity_tallies(
    core::Instant from, core::Instant to) {
  const auto month_text = [](core::Instant at) {
    return to_db_time(at).substr(0, 7);  // UTC month: a Stockholm month starts before it ends
  };
  const auto rs = tx_.query(
      "SELECT c.unit_id, u.municipality_code, c.month, c.coc_sum, c.coc_persons, c.upc_sum, "
      "c.upc_persons FROM continuity_unit_months c JOIN units u ON u.id = c.unit_id "
      "WHERE c.month >= ? AND c.month <= ? ORDER BY c.unit_id, c.month",
      month_text(from), month_text(to));
  std::vector<domain::indicators::ContinuityTally> out;
  out.reserve(rs.size());
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto r = rs.row(i);
    const auto month = month_of(r.optional_text(2));
    if (!month) continue;
    out.push_back({r.text(0), r.text(1), *month, r.real(3), r.int64(4), r.real(5), r.int64(6)});
  }
  return out;
}

std::string FollowUpRepository::contacts_watermark() {
  // Counted up by the contacts' triggers (migration 0022) in the transaction that changed them.
  const auto changes =
      tx_.query("SELECT changes FROM follow_up_sources WHERE name = 'care_contacts'");
  if (!changes.empty()) return "changes:" + changes.row(0).text(0);
  // Without the counter (its row deleted by hand) the contacts themselves say what they are.
  const auto rs = tx_.query("SELECT MAX(recorded_at), COUNT(*) FROM care_contacts");
  const auto r = rs.row(0);
  return r.optional_text(0).value_or("") + "|" + std::to_string(r.int64(1));
}

std::string FollowUpRepository::rollup_watermark(const std::string& name) {
  const auto rs = tx_.query("SELECT source_watermark FROM follow_up_rollups WHERE name = ?", name);
  return rs.empty() ? std::string() : rs.row(0).text(0);
}

void FollowUpRepository::replace_continuity(
    const std::vector<domain::indicators::ContinuityTally>& tallies, const std::string& watermark,
    const std::string& now) {
  tx_.query("DELETE FROM continuity_unit_months");
  char month[32];
  for (const auto& t : tallies) {
    std::snprintf(month, sizeof month, "%04d-%02u", static_cast<int>(t.month.year()),
                  static_cast<unsigned>(t.month.month()));
    tx_.query(
        "INSERT INTO continuity_unit_months (unit_id, month, coc_sum, coc_persons, upc_sum, "
        "upc_persons) VALUES (?, ?, ?, ?, ?, ?)",
        t.unit_id, std::string(month), t.coc_sum, static_cast<std::int64_t>(t.coc_persons),
        t.upc_sum, static_cast<std::int64_t>(t.upc_persons));
  }
  tx_.query("DELETE FROM follow_up_rollups WHERE name = 'continuity'");
  tx_.query(
      "INSERT INTO follow_up_rollups (name, source_watermark, computed_at) VALUES "
      "('continuity', ?, ?)",
      watermark, now);
}

std::vector<NamedContactFact> FollowUpRepository::named_contacts(core::Instant from,
                                                                 core::Instant to) {
  std::vector<NamedContactFact> out;
  tx_.each(
      "SELECT person_id, unit_id, valid_from, valid_to FROM named_contacts "
      "WHERE kind = 'fast_vardkontakt' AND valid_from < ? AND (valid_to IS NULL OR valid_to >= ?)",
      parameters(to_db_time(to), to_db_time(from)), [&](const RowView& r) {
        out.push_back({std::string(r.text(0)), std::string(r.text(1)), from_db_time(r.text(2)),
                       instant(r, 3)});
      });
  return out;
}

std::vector<RelationFact> FollowUpRepository::relations(core::Instant from, core::Instant to,
                                                        int min_age) {
  // Only persons who reach `min_age` by the period's last year are ever counted.
  const int last_year = static_cast<int>(core::stockholm::local_date(to).year());
  char latest_birth[32];
  std::snprintf(latest_birth, sizeof latest_birth, "%04d-12-31", last_year - min_age);
  std::vector<RelationFact> out;
  tx_.each(
      "SELECT c.person_id, c.unit_id, u.municipality_code, substr(p.birth_date, 1, 4), "
      "c.started_at, c.ended_at FROM care_relations c JOIN units u ON u.id = c.unit_id "
      "JOIN persons p ON p.id = c.person_id WHERE c.started_at < ? AND "
      "(c.ended_at IS NULL OR c.ended_at >= ?) AND p.birth_date <= ?",
      parameters(to_db_time(to), to_db_time(from), std::string(latest_birth)),
      [&](const RowView& r) {
        out.push_back({std::string(r.text(0)), std::string(r.text(1)), std::string(r.text(2)),
                       r.is_null(3) ? 0 : number(r.text(3)), from_db_time(r.text(4)),
                       instant(r, 5)});
      });
  return out;
}

std::vector<ActionFact> FollowUpRepository::actions(core::Instant from, core::Instant to) {
  const auto rs = tx_.query(
      "SELECT a.person_id, a.unit_id, u.municipality_code, a.kind, a.recorded_at "
      "FROM proactive_actions a JOIN units u ON u.id = a.unit_id "
      "WHERE a.recorded_at >= ? AND a.recorded_at < ?",
      to_db_time(from), to_db_time(to));
  std::vector<ActionFact> out;
  out.reserve(rs.size());
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto r = rs.row(i);
    const auto kind = action_kind_of(r.text(3));
    if (!kind) continue;
    out.push_back({r.text(0), r.text(1), r.text(2), *kind, from_db_time(r.text(4))});
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> FollowUpRepository::municipalities() {
  const auto rs =
      tx_.query("SELECT area_code, name FROM principals WHERE kind = 'municipality' ORDER BY name");
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i < rs.size(); ++i)
    out.emplace_back(rs.row(i).text(0), rs.row(i).text(1));
  return out;
}

std::vector<UnitName> FollowUpRepository::units() {
  const auto rs = tx_.query(
      "SELECT id, name, kind, municipality_code FROM units WHERE kind NOT IN ('hospital', "
      "'administration') ORDER BY name, id");
  std::vector<UnitName> out;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto r = rs.row(i);
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3)});
  }
  return out;
}

}  // namespace nara::store
