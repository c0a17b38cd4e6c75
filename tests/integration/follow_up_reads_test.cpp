// Issue 19 point 7: the follow-up's reads, made cheap for a county, still read what they read
// before, on SQLite and PostgreSQL: the stays in admission order with the health centre their
// clocks belong to, and a continuity rollup that is made anew after any change to the contacts
// (an insert, an update, a delete) and only then.
#include <date/date.h>

#include "core/random.hpp"
#include "core/stockholm_time.hpp"
#include "harness.hpp"
#include "service/follow_up_service.hpp"
#include "store/database.hpp"
#include "store/follow_up_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::test {
namespace {

class FollowUpReadsTest : public EngineTest {};

std::string month_text(std::chrono::year_month month) {
  return date::format("%Y-%m", std::chrono::sys_days(month / 1));
}

core::Instant instant_at(std::chrono::year_month month, unsigned day, int hour) {
  return core::stockholm::start_of_day(month / std::chrono::day{day}) + std::chrono::hours(hour);
}

std::string at(std::chrono::year_month month, unsigned day, int hour) {
  return store::to_db_time(instant_at(month, day, hour));
}

// The month `months` after the clock's (a month no demo data reaches).
std::chrono::year_month month_after(const Server& s, int months) {
  const auto today = core::stockholm::local_date(s.clock->now());
  return today.year() / today.month() + std::chrono::months(months);
}

std::string one(Server& s, const std::string& sql, const std::string& arg = {}) {
  return s.instance->database().read([&](store::Transaction& tx) {
    const auto rs = arg.empty() ? tx.query(sql) : tx.query(sql, arg);
    return rs.empty() || rs.row(0).is_null(0) ? std::string() : rs.row(0).text(0);
  });
}

// An admitted stay written straight to the store, with its admission notices (recipient, hour
// sent on `day`).
void insert_stay(store::Transaction& tx, const std::string& id, const std::string& person,
                 const std::string& ward, std::chrono::year_month month, unsigned day,
                 const std::vector<std::pair<std::string, int>>& notices) {
  const std::string admitted = at(month, day, 8);
  tx.query(
      "INSERT INTO inpatient_episodes (id, person_id, ward_unit_id, state, admitted_at, "
      "admission_kind, version, created_at, updated_at) VALUES (?, ?, ?, 'admitted', ?, "
      "'acute', 1, ?, ?)",
      id, person, ward, admitted, admitted, admitted);
  for (const auto& [unit, hour] : notices)
    tx.query(
        "INSERT INTO notices (id, episode_id, kind, from_unit_id, to_unit_id, sent_at) VALUES "
        "(?, ?, 'admission_notice', ?, ?, ?)",
        core::new_uuid(), id, ward, unit, at(month, day, hour));
}

TEST_P(FollowUpReadsTest, Issue19_StaysComeInAdmissionOrderWithTheFirstHealthCentreNotified) {
  auto fresh = fresh_server(GetParam(), true);
  const auto month = month_after(*fresh, 3);
  auto& db = fresh->instance->database();
  const std::string ward =
      one(*fresh, "SELECT id FROM units WHERE name = 'Sundsvalls sjukhus, Medicinavdelning 1'");
  const std::string first_centre =
      one(*fresh, "SELECT MIN(id) FROM units WHERE kind = 'health_centre'");
  const std::string second_centre = one(
      *fresh, "SELECT MIN(id) FROM units WHERE kind = 'health_centre' AND id > ?", first_centre);
  const std::string home_care = one(*fresh, "SELECT MIN(id) FROM units WHERE kind = 'home_care'");
  const std::string person = one(*fresh,
                                 "SELECT id FROM persons WHERE municipality_code = '2282' AND "
                                 "birth_date < '1955-01-01' AND deceased_on IS NULL ORDER BY id "
                                 "LIMIT 1");
  ASSERT_FALSE(ward.empty());
  ASSERT_FALSE(second_centre.empty());
  ASSERT_FALSE(home_care.empty());
  ASSERT_FALSE(person.empty());
  // Two stays admitted at the same instant (written in the opposite order of their ids) after one
  // admitted the day before; the earlier stay's notices go first to home care (no health centre),
  // then to both health centres at once, then to the first one again.
  const std::string prefix = "stay-" + core::new_uuid();
  const std::string earlier = prefix + "-c";
  const std::string tied_first = prefix + "-a";
  const std::string tied_second = prefix + "-b";
  db.write([&](store::Transaction& tx) {
    insert_stay(tx, tied_second, person, ward, month, 3, {{second_centre, 12}});
    insert_stay(tx, tied_first, person, ward, month, 3,
                {{home_care, 9}, {second_centre, 10}, {first_centre, 10}, {first_centre, 11}});
    insert_stay(tx, earlier, person, ward, month, 2, {});
  });

  const auto episodes = db.read([&](store::Transaction& tx) {
    return store::FollowUpRepository(tx).episodes(instant_at(month, 1, 0),
                                                  instant_at(month + std::chrono::months(1), 1, 0));
  });
  std::vector<const store::FollowUpEpisode*> ours;
  for (std::size_t i = 0; i < episodes.size(); ++i) {
    if (i > 0) {
      const auto& before = episodes[i - 1].fact;
      const auto& here = episodes[i].fact;
      EXPECT_TRUE(before.episode.admitted_at < here.episode.admitted_at ||
                  (before.episode.admitted_at == here.episode.admitted_at && before.id < here.id))
          << before.id << " before " << here.id;
    }
    if (episodes[i].fact.id.starts_with(prefix)) ours.push_back(&episodes[i]);
  }
  ASSERT_EQ(ours.size(), 3U);
  EXPECT_EQ(ours[0]->fact.id, earlier);
  EXPECT_EQ(ours[1]->fact.id, tied_first);
  EXPECT_EQ(ours[2]->fact.id, tied_second);
  EXPECT_EQ(ours[0]->fact.health_centre_unit_id, "");
  EXPECT_EQ(ours[1]->fact.health_centre_unit_id, first_centre);
  EXPECT_EQ(ours[2]->fact.health_centre_unit_id, second_centre);
  for (const auto* stay : ours) {
    EXPECT_EQ(stay->folkbokforing_code, "2282");
    EXPECT_EQ(stay->fact.municipality_code, "2282");
    EXPECT_GE(stay->fact.age_at_admission, 65);
    EXPECT_EQ(stay->fact.admission_kind, domain::indicators::AdmissionKind::acute);
    EXPECT_EQ(stay->fact.ward_unit_id, ward);
    EXPECT_EQ(stay->fact.person_id, person);
  }
}

// Contacts written straight to the store, as the home care systems' reports would arrive; their
// ids, in the order given.
std::vector<std::string> insert_contacts(Server& s, const std::string& person,
                                         const std::string& unit, std::chrono::year_month month,
                                         const std::vector<std::string>& caregivers) {
  std::vector<std::string> ids;
  s.instance->database().write([&](store::Transaction& tx) {
    unsigned day = 2;
    for (const auto& caregiver : caregivers) {
      ids.push_back(core::new_uuid());
      tx.query(
          "INSERT INTO care_contacts (id, person_id, unit_id, caregiver_key, profession, kind, at, "
          "source, recorded_at) VALUES (?, ?, ?, ?, 'home_care', 'home_visit', ?, 'import', ?)",
          ids.back(), person, unit, caregiver, at(month, day, 9),
          store::to_db_time(s.clock->now()));
      day += 2;
    }
  });
  return ids;
}

TEST_P(FollowUpReadsTest, Issue19_TheContinuityRollupIsMadeAnewAfterEveryChangeToTheContacts) {
  auto fresh = fresh_server(GetParam(), true);
  auto& db = fresh->instance->database();
  const auto month = month_after(*fresh, 2);
  const std::string m = month_text(month);
  const std::string unit =
      one(*fresh, "SELECT id FROM units WHERE name = 'Hemtjänst Kramfors centrum'");
  const std::string manager = one(*fresh,
                                  "SELECT us.username FROM users us JOIN assignments a ON "
                                  "a.user_id = us.id WHERE a.unit_id = ? AND a.role = "
                                  "'unit_manager' ORDER BY us.username LIMIT 1",
                                  unit);
  const std::string person = one(*fresh,
                                 "SELECT c.person_id FROM care_relations c WHERE c.unit_id = ? "
                                 "ORDER BY c.person_id LIMIT 1",
                                 unit);
  ASSERT_FALSE(manager.empty());
  ASSERT_FALSE(person.empty());
  const auto now = [&] { return fresh->clock->now(); };
  service::refresh_continuity_rollup(db, now());
  EXPECT_FALSE(service::refresh_continuity_rollup(db, now()));  // nothing changed since

  const auto ids = insert_contacts(*fresh, person, unit, month, {"cg-a", "cg-a", "cg-a", "cg-a"});
  fresh->clock->set(core::stockholm::start_of_day((month + std::chrono::months(1)) / 1));
  EXPECT_TRUE(service::refresh_continuity_rollup(db, now()));
  EXPECT_FALSE(service::refresh_continuity_rollup(db, now()));

  Client chef = fresh->client();
  ASSERT_EQ(chef.sign_in(manager).status, 201);
  const std::string path =
      "/api/v1/indicators/continuity_coc?from=" + m + "&to=" + m + "&unit=" + unit;
  // The unit's COC for the month; none when no person has enough contacts (then the unit has no
  // tally and no series).
  const auto coc = [&]() -> std::optional<double> {
    const Reply r = chef.get(path);
    EXPECT_EQ(r.status, 200) << r.body;
    for (const auto& s : r.json().at("series").as_array()) {
      if (s.at("level").as_string() != "unit" || s.at("key").as_string() != unit) continue;
      for (const auto& c : s.at("months").as_array()) {
        if (c.at("month").as_string() != m) continue;
        if (c.at("value").is_null()) return std::nullopt;
        return c.at("value").to_number<double>();
      }
    }
    return std::nullopt;
  };
  EXPECT_EQ(coc(), 1.0);  // four visits by one caregiver (domain-rules §4.3)

  // An update keeps the newest recorded_at and the count: it must still make the rollup anew.
  // Two of the four by another caregiver: COC (4 + 4 − 4) / (4 · 3) = 1/3.
  db.write([&](store::Transaction& tx) {
    tx.query("UPDATE care_contacts SET caregiver_key = 'cg-b' WHERE id = ? OR id = ?", ids[2],
             ids[3]);
  });
  const auto third = coc();
  ASSERT_TRUE(third.has_value());
  EXPECT_NEAR(*third, 1.0 / 3.0, 1e-12);
  EXPECT_FALSE(service::refresh_continuity_rollup(db, now()));  // the follow-up made it

  // A delete: two contacts left, fewer than the three continuity needs, so no value.
  db.write([&](store::Transaction& tx) {
    tx.query("DELETE FROM care_contacts WHERE id = ? OR id = ?", ids[2], ids[3]);
  });
  EXPECT_EQ(coc(), std::nullopt);
}

INSTANTIATE_TEST_SUITE_P(Engines, FollowUpReadsTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
