// Issue 7 point 5: POST /api/v1/planning/solve and the demo county's stored joint day, on SQLite
// and PostgreSQL.
#include <algorithm>
#include <map>
#include <set>

#include "harness.hpp"
#include "store/audit_repository.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

namespace json = boost::json;

int minutes(std::string_view clock) {
  return std::stoi(std::string(clock.substr(0, 2))) * 60 + std::stoi(std::string(clock.substr(3)));
}

json::object place(double latitude, double longitude) {
  return {{"latitude", latitude}, {"longitude", longitude}};
}

// Two nurses of two principals around Kramfors, five visits, one of them double-staffed.
json::object small_day() {
  json::array caregivers{
      json::object{
          {"id", "dsk-1"},
          {"name", "Distriktssköterska"},
          {"skills", json::array{"sårvård", "provtagning", "läkemedel"}},
          {"principal", "region"},
          {"mayServePrincipals", json::array{"kramfors"}},
          {"shiftStart", "08:00"},
          {"shiftEnd", "16:00"},
          {"break",
           json::object{{"earliest", "11:00"}, {"latest", "13:00"}, {"durationMinutes", 30}}},
          {"start", place(62.93, 17.78)}},
      json::object{{"id", "hsl-1"},
                   {"skills", json::array{"sårvård", "läkemedel"}},
                   {"principal", "kramfors"},
                   {"mayServePrincipals", json::array{"region"}},
                   {"shiftStart", "07:30"},
                   {"shiftEnd", "16:00"},
                   {"start", place(62.93, 17.79)},
                   {"end", place(62.93, 17.79)}}};
  const auto visit = [](const char* id, const char* person, double lat, double lon,
                        const char* earliest, const char* latest, int duration, const char* skill,
                        const char* principal) {
    return json::object{{"id", id},
                        {"personId", person},
                        {"latitude", lat},
                        {"longitude", lon},
                        {"earliest", earliest},
                        {"latest", latest},
                        {"hardWindow", true},
                        {"durationMinutes", duration},
                        {"skill", skill},
                        {"principal", principal}};
  };
  json::array visits{visit("v1", "p1", 62.95, 17.80, "08:00", "09:00", 20, "provtagning", "region"),
                     visit("v2", "p2", 62.90, 17.70, "09:00", "12:00", 30, "sårvård", "kramfors"),
                     visit("v3", "p3", 62.97, 17.85, "07:45", "08:30", 15, "läkemedel", "kramfors"),
                     visit("v4", "p1", 62.95, 17.80, "13:00", "15:00", 30, "sårvård", "region")};
  auto together = visit("v5", "p4", 62.92, 17.75, "10:00", "11:30", 45, "sårvård", "kramfors");
  together["doubleStaffed"] = true;
  together["priority"] = 0;
  visits.push_back(together);
  json::array persons{json::object{{"id", "p1"}, {"history", json::array{"dsk-1"}}},
                      json::object{{"id", "p2"}, {"preferredCaregivers", json::array{"hsl-1"}}}};
  return {{"date", "2026-11-17"},     {"timeLimitSeconds", 1}, {"maxIterations", 2000}, {"seed", 3},
          {"caregivers", caregivers}, {"persons", persons},    {"visits", visits}};
}

class PlanningTest : public EngineTest {
 protected:
  std::int64_t plan_reads(const std::string& plan_id, const std::string& username) {
    return server().instance->database().read([&](store::Transaction& tx) {
      return tx
          .query(
              "SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.user_id WHERE "
              "a.object_type = 'visit_plan' AND a.object_id = ? AND u.username = ? AND "
              "a.action = 'read'",
              plan_id, username)
          .row(0)
          .int64(0);
    });
  }
  // A nurse of a unit that has no part in the demo day.
  std::string outside_nurse() {
    return server().instance->database().read([](store::Transaction& tx) {
      return tx
          .query(
              "SELECT u.username FROM users u JOIN assignments a ON a.user_id = u.id WHERE "
              "a.role = 'home_health_care_nurse' AND NOT EXISTS (SELECT 1 FROM visit_plan_units v "
              "WHERE v.unit_id = a.unit_id) ORDER BY u.username LIMIT 1")
          .row(0)
          .text(0);
    });
  }
  std::string demo_plan_id(Client& client) {
    const Reply list = client.get("/api/v1/planning/plans");
    EXPECT_EQ(list.status, 200) << list.body;
    const auto& items = list.json().at("items").as_array();
    if (items.empty()) return {};
    return std::string(items.front().at("id").as_string());
  }
};

TEST_P(PlanningTest, Issue7_SolveReturnsACheckedPlanPerCaregiver) {
  Client nurse = server().client();
  ASSERT_EQ(nurse.sign_in("dsk.kramfors").status, 201);
  const Reply r = nurse.post("/api/v1/planning/solve", small_day());
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& plan = r.json().as_object();
  EXPECT_TRUE(plan.at("feasible").as_bool());
  EXPECT_EQ(plan.at("date"), "2026-11-17");
  EXPECT_TRUE(plan.at("unserved").as_array().empty()) << r.body;
  const std::map<std::string, std::pair<int, int>> windows{{"v1", {480, 540}},
                                                           {"v2", {540, 720}},
                                                           {"v3", {465, 510}},
                                                           {"v4", {780, 900}},
                                                           {"v5", {600, 690}}};
  std::map<std::string, int> served;
  std::map<std::string, std::vector<int>> starts;
  std::set<std::string> v5_caregivers;
  for (const auto& c : plan.at("caregivers").as_array()) {
    int previous_end = 0;
    for (const auto& v : c.at("visits").as_array()) {
      const std::string id(v.at("visitId").as_string());
      ++served[id];
      const int start = minutes(v.at("start").as_string());
      EXPECT_GE(start, windows.at(id).first) << id;
      EXPECT_LE(start, windows.at(id).second) << id;
      EXPECT_LE(minutes(v.at("arrival").as_string()), start) << id;
      EXPECT_GE(start, previous_end) << id;
      previous_end = minutes(v.at("end").as_string());
      starts[id].push_back(start);
      if (id == "v5") {
        v5_caregivers.insert(std::string(c.at("caregiverId").as_string()));
        EXPECT_TRUE(v.at("doubleStaffed").as_bool());
        EXPECT_TRUE(v.as_object().contains("withCaregiverId"));
      }
    }
  }
  for (const auto& [id, window] : windows) EXPECT_EQ(served[id], id == "v5" ? 2 : 1) << id;
  ASSERT_EQ(starts["v5"].size(), 2U);
  EXPECT_EQ(starts["v5"][0], starts["v5"][1]);  // both caregivers start together
  EXPECT_EQ(v5_caregivers.size(), 2U);
  const auto& continuity = plan.at("continuity").as_object();
  EXPECT_GE(continuity.at("score").to_number<double>(), 0.0);
  EXPECT_LE(continuity.at("score").to_number<double>(), 1.0);
  EXPECT_EQ(continuity.at("persons").as_array().size(), 4U);
  EXPECT_TRUE(plan.at("objective").as_object().contains("travelMinutes"));
}

TEST_P(PlanningTest, Issue7_VisitsNoOneMayDoAreUnservedWithAReason) {
  Client nurse = server().client();
  ASSERT_EQ(nurse.sign_in("hsl.kramfors").status, 201);
  auto day = small_day();
  day["visits"].as_array().push_back(json::object{{"id", "v9"},
                                                  {"personId", "p9"},
                                                  {"latitude", 62.9},
                                                  {"longitude", 17.8},
                                                  {"earliest", "09:00"},
                                                  {"latest", "10:00"},
                                                  {"durationMinutes", 30},
                                                  {"skill", "dialys"},
                                                  {"principal", "region"}});
  const Reply r = nurse.post("/api/v1/planning/solve", day);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& unserved = r.json().at("unserved").as_array();
  ASSERT_EQ(unserved.size(), 1U);
  EXPECT_EQ(unserved[0].at("visitId"), "v9");
  EXPECT_EQ(unserved[0].at("reason"), "no_qualified_caregiver");
}

TEST_P(PlanningTest, Issue7_InvalidInstancesNameTheField) {
  Client nurse = server().client();
  ASSERT_EQ(nurse.sign_in("dsk.kramfors").status, 201);
  const auto expect_field = [&](json::object body, const std::string& field) {
    const Reply r = nurse.post("/api/v1/planning/solve", body);
    EXPECT_EQ(r.status, 422) << field << ": " << r.body;
    EXPECT_TRUE(r.is_problem());
    const auto fields = r.problem_fields();
    EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end())
        << field << ": " << r.body;
  };
  auto bad_time = small_day();
  bad_time["visits"].as_array()[1].as_object()["earliest"] = "9.30";
  expect_field(bad_time, "visits/1/earliest");
  auto no_caregivers = small_day();
  no_caregivers.erase("caregivers");
  no_caregivers.erase("persons");  // their history names caregivers
  expect_field(no_caregivers, "caregivers");
  auto too_long = small_day();
  too_long["timeLimitSeconds"] = 300;
  expect_field(too_long, "timeLimitSeconds");
  auto unknown = small_day();
  unknown["caregivers"].as_array()[0].as_object()["favouriteColour"] = "blå";
  expect_field(unknown, "caregivers/0/favouriteColour");
  auto unknown_caregiver = small_day();
  unknown_caregiver["persons"].as_array()[0].as_object()["history"] = json::array{"nobody"};
  expect_field(unknown_caregiver, "persons/0/history");
  auto reversed = small_day();
  reversed["visits"].as_array()[0].as_object()["latest"] = "07:00";
  expect_field(reversed, "visits/0/latest");
  auto duplicate = small_day();
  duplicate["visits"].as_array()[1].as_object()["id"] = "v1";
  expect_field(duplicate, "visits/1/id");
}

TEST_P(PlanningTest, Issue7_OnlyStaffWhoPlanVisitsMaySolve) {
  for (const char* user : {"lakare.kramfors", "hemtjanst.kramfors", "avd.ssk"}) {
    Client c = server().client();
    ASSERT_EQ(c.sign_in(user).status, 201) << user;
    const Reply r = c.post("/api/v1/planning/solve", small_day());
    EXPECT_EQ(r.status, 403) << user << ": " << r.body;
  }
  Client manager = server().client();
  ASSERT_EQ(manager.sign_in("chef.hsl.kramfors").status, 201);
  EXPECT_EQ(manager.post("/api/v1/planning/solve", small_day()).status, 200);
}

TEST_P(PlanningTest, Issue7_TheDemoDayIsReadByParticipatingUnitsAndEachReadIsAudited) {
  Client nurse = server().client();
  ASSERT_EQ(nurse.sign_in("hsl.kramfors").status, 201);
  const std::string id = demo_plan_id(nurse);
  ASSERT_FALSE(id.empty());
  const std::int64_t before = plan_reads(id, "hsl.kramfors");
  const Reply r = nurse.get("/api/v1/planning/plans/" + id);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& plan = r.json().as_object();
  EXPECT_TRUE(plan.at("feasible").as_bool());
  EXPECT_NE(plan.at("title").as_string().find("Kramfors"), json::string::npos);
  const auto& persons = plan.at("continuity").at("persons").as_array();
  ASSERT_GE(persons.size(), 10U);
  std::set<std::string> principals;
  std::size_t visits = 0;
  bool double_staffed = false;
  for (const auto& c : plan.at("caregivers").as_array()) {
    EXPECT_TRUE(c.as_object().contains("name"));
    for (const auto& v : c.at("visits").as_array()) {
      ++visits;
      principals.insert(std::string(v.at("principal").as_string()));
      if (v.at("doubleStaffed").as_bool()) double_staffed = true;
      EXPECT_LE(minutes(v.at("arrival").as_string()), minutes(v.at("start").as_string()));
    }
  }
  EXPECT_GE(visits, 20U);
  EXPECT_TRUE(principals.count("Region Västernorrland"));
  EXPECT_TRUE(principals.count("Kramfors kommun"));
  EXPECT_TRUE(principals.count("Sollefteå kommun"));
  EXPECT_TRUE(double_staffed);
  // One list entry per read of the plan, naming every person in it (PDL 4:3).
  EXPECT_EQ(plan_reads(id, "hsl.kramfors"), before + 1);
  const auto listed = server().instance->database().read([&](store::Transaction& tx) {
    const auto seq = tx.query(
                           "SELECT MAX(seq) FROM audit_log WHERE object_type = 'visit_plan' AND "
                           "object_id = ? AND action = 'read'",
                           id)
                         .row(0)
                         .int64(0);
    return store::AuditRepository(tx).range(seq - 1, 1).at(0).listed_person_ids;
  });
  for (const auto& p : persons) {
    const std::string person(p.at("personId").as_string());
    EXPECT_TRUE(std::binary_search(listed.begin(), listed.end(), person)) << person;
  }

  // The region's district nurse in Kramfors takes part as well, and can narrow by day.
  Client district = server().client();
  ASSERT_EQ(district.sign_in("dsk.kramfors").status, 201);
  const std::string date(plan.at("date").as_string());
  const Reply by_day = district.get("/api/v1/planning/plans?date=" + date);
  ASSERT_EQ(by_day.status, 200) << by_day.body;
  ASSERT_FALSE(by_day.json().at("items").as_array().empty());
  EXPECT_EQ(std::string(by_day.json().at("items").as_array()[0].at("date").as_string()), date);
  EXPECT_EQ(district.get("/api/v1/planning/plans/" + id).status, 200);
  EXPECT_EQ(district.get("/api/v1/planning/plans?date=17-11-2026").status, 400);
}

TEST_P(PlanningTest, Issue7_OtherUnitsNeitherListNorReadTheDemoDay) {
  Client insider = server().client();
  ASSERT_EQ(insider.sign_in("hsl.kramfors").status, 201);
  const std::string id = demo_plan_id(insider);
  ASSERT_FALSE(id.empty());
  const std::string username = outside_nurse();
  Client outsider = server().client();
  ASSERT_EQ(outsider.sign_in(username).status, 201) << username;
  const Reply list = outsider.get("/api/v1/planning/plans");
  ASSERT_EQ(list.status, 200);
  for (const auto& item : list.json().at("items").as_array())
    EXPECT_NE(std::string(item.at("id").as_string()), id);
  EXPECT_EQ(outsider.get("/api/v1/planning/plans/" + id).status, 404);
  EXPECT_EQ(plan_reads(id, username), 0);
  Client physician = server().client();
  ASSERT_EQ(physician.sign_in("lakare.kramfors").status, 201);
  EXPECT_EQ(physician.get("/api/v1/planning/plans/" + id).status, 403);
}

TEST_P(PlanningTest, Issue7_PDL4_1_ASolvedPlanIsSavedForTheUnitsTakingPartAndEachPersonIsLogged) {
  auto fresh = fresh_server(GetParam(), true);
  struct Ids {
    std::string home_health_care;
    std::vector<std::string> in_care;  // persons in Hälsocentral Kramfors's care
    std::string outside;               // a person who is not
  };
  const Ids ids = fresh->instance->database().read([](store::Transaction& tx) {
    Ids out;
    const auto hc =
        tx.query("SELECT id FROM units WHERE name = 'Hälsocentral Kramfors'").row(0).text(0);
    out.home_health_care =
        tx.query("SELECT id FROM units WHERE name = 'Hemsjukvård Kramfors'").row(0).text(0);
    const auto in_care = tx.query(
        "SELECT DISTINCT person_id FROM care_relations WHERE unit_id = ? AND ended_at IS NULL "
        "ORDER BY person_id LIMIT 4",
        hc);
    for (std::size_t i = 0; i < in_care.size(); ++i) out.in_care.push_back(in_care.row(i).text(0));
    out.outside = tx.query(
                        "SELECT id FROM persons p WHERE NOT EXISTS (SELECT 1 FROM care_relations "
                        "c WHERE c.person_id = p.id AND c.unit_id = ?) ORDER BY id LIMIT 1",
                        hc)
                      .row(0)
                      .text(0);
    return out;
  });
  ASSERT_EQ(ids.in_care.size(), 4U);
  const auto day_for = [&](const std::string& fourth_person) {
    json::object day = small_day();
    auto& caregivers = day["caregivers"].as_array();
    caregivers[1].as_object()["unitId"] = ids.home_health_care;
    const std::map<std::string, std::string> person{{"p1", ids.in_care[0]},
                                                    {"p2", ids.in_care[1]},
                                                    {"p3", ids.in_care[2]},
                                                    {"p4", fourth_person}};
    for (auto& v : day["visits"].as_array()) {
      auto& id = v.as_object()["personId"];
      id = person.at(std::string(id.as_string()));
    }
    for (auto& p : day["persons"].as_array()) {
      auto& id = p.as_object()["id"];
      id = person.at(std::string(id.as_string()));
    }
    day["save"] = json::object{{"title", "Kramfors tisdag, gemensam"}};
    return day;
  };
  const auto plans = [&] { return fresh->count("visit_plans"); };
  const std::int64_t stored_before = plans();
  Client district = fresh->client();
  ASSERT_EQ(district.sign_in("dsk.kramfors").status, 201);

  // A person outside the unit's care: refused before any solving, named by the visit, logged.
  const Reply refused = district.post("/api/v1/planning/solve", day_for(ids.outside));
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.problem_fields(), std::vector<std::string>{"visits/4/personId"});
  EXPECT_EQ(plans(), stored_before);
  const auto denied = fresh->instance->database().read([&](store::Transaction& tx) {
    return tx
        .query(
            "SELECT COUNT(*) FROM audit_log WHERE person_id = ? AND action = 'denied' AND "
            "object_type = 'visit_plan'",
            ids.outside)
        .row(0)
        .int64(0);
  });
  EXPECT_EQ(denied, 1);
  // A caregiver's unit must exist; a saved plan needs its day.
  json::object unknown_unit = day_for(ids.in_care[3]);
  unknown_unit["caregivers"].as_array()[1].as_object()["unitId"] = "no-such-unit";
  const Reply bad_unit = district.post("/api/v1/planning/solve", unknown_unit);
  EXPECT_EQ(bad_unit.status, 422) << bad_unit.body;
  EXPECT_EQ(bad_unit.problem_fields(), std::vector<std::string>{"caregivers/1/unitId"});
  json::object undated = day_for(ids.in_care[3]);
  undated.erase("date");
  EXPECT_EQ(district.post("/api/v1/planning/solve", undated).problem_fields(),
            std::vector<std::string>{"date"});
  json::object untitled = day_for(ids.in_care[3]);
  untitled["save"] = json::object{};
  EXPECT_EQ(district.post("/api/v1/planning/solve", untitled).problem_fields(),
            std::vector<std::string>{"save/title"});
  EXPECT_EQ(plans(), stored_before);

  // Saved: 201 with its address, for the district nurse's unit and home health care.
  const Reply saved = district.post("/api/v1/planning/solve", day_for(ids.in_care[3]));
  ASSERT_EQ(saved.status, 201) << saved.body;
  const std::string id(saved.json().at("id").as_string());
  EXPECT_EQ(saved.header("location"), "/api/v1/planning/plans/" + id);
  EXPECT_EQ(saved.json().at("title"), "Kramfors tisdag, gemensam");
  EXPECT_EQ(plans(), stored_before + 1);
  const auto created = fresh->instance->database().read([&](store::Transaction& tx) {
    return tx
        .query(
            "SELECT COUNT(DISTINCT person_id) FROM audit_log WHERE object_id = ? AND action = "
            "'create' AND object_type = 'visit_plan'",
            id)
        .row(0)
        .int64(0);
  });
  EXPECT_EQ(created, 4);  // one entry per person in the plan (PDL 4:3)
  Client nurse = fresh->client();
  ASSERT_EQ(nurse.sign_in("hsl.kramfors").status, 201);
  const Reply listed = nurse.get("/api/v1/planning/plans?date=2026-11-17");
  ASSERT_EQ(listed.status, 200) << listed.body;
  bool found = false;
  for (const auto& item : listed.json().at("items").as_array())
    found = found || item.at("id").as_string() == id;
  EXPECT_TRUE(found) << listed.body;
  const Reply read = nurse.get("/api/v1/planning/plans/" + id);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json().at("caregivers").as_array().size(), 2U);
  // Without save the same request is answered as before and nothing is stored.
  json::object unsaved = day_for(ids.in_care[3]);
  unsaved.erase("save");
  EXPECT_EQ(district.post("/api/v1/planning/solve", unsaved).status, 200);
  EXPECT_EQ(plans(), stored_before + 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, PlanningTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
