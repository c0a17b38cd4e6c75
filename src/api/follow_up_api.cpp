// /api/v1/indicators, /api/v1/follow-up and /api/v1/proactive-list (issue 19): follow-up against
// målbild 2030 per county, municipality and unit, the drill-down to the facts behind a value, and
// the proactive list of the most ill elderly with its actions. The shapes are in docs/follow-up.md.
#include <cmath>
#include <cstdio>
#include <sstream>

#include "api/routes.hpp"
#include "api/support.hpp"
#include "core/problem.hpp"
#include "core/stockholm_time.hpp"
#include "domain/discharge/liability.hpp"

namespace nara::api {

using domain::indicators::Level;
using domain::indicators::Month;

namespace {

std::string month_text(Month month) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u", static_cast<int>(month.year()),
                static_cast<unsigned>(month.month()));
  return buffer;
}

// YYYY-MM; a 400 naming `name` for anything else.
std::optional<Month> month_param(const http::Request& request, const std::string& name) {
  const auto text = query_text(request, name, 7);
  if (!text) return std::nullopt;
  int y = 0;
  unsigned m = 0;
  if (text->size() != 7 || (*text)[4] != '-' ||
      std::sscanf(text->c_str(), "%4d-%2u", &y, &m) != 2 || m < 1 || m > 12 || y < 1990 || y > 2100)
    core::throw_field_error(name, "format", "Ange månaden som ÅÅÅÅ-MM, t.ex. 2026-11.", 400);
  return std::chrono::year{y} / std::chrono::month{m};
}

// The period asked for: both ends or the last twelve months; reversed or over ten years is 400.
std::pair<Month, Month> period(const http::Request& request, const core::Clock& clock) {
  auto from = month_param(request, "from");
  auto to = month_param(request, "to");
  const auto today = core::stockholm::local_date(clock.now());
  if (!to) to = today.year() / today.month();
  if (!from) from = *to - std::chrono::months(11);
  if (*from > *to)
    core::throw_field_error("from", "after_to", "Perioden börjar efter att den slutar.", 400);
  if (*to - *from >= std::chrono::months(120))
    core::throw_field_error("to", "too_long", "Perioden får vara högst tio år.", 400);
  return {*from, *to};
}

service::FollowUpScope scope(const http::Request& request) {
  service::FollowUpScope s;
  s.municipality = query_text(request, "municipality", 4);
  if (s.municipality && s.municipality->empty()) s.municipality.reset();
  s.unit = query_text(request, "unit", 64);
  if (s.unit && s.unit->empty()) s.unit.reset();
  return s;
}

boost::json::object texts(std::string_view sv, std::string_view en) {
  return {{"sv", sv}, {"en", en}};
}

boost::json::object definition_json(const domain::indicators::Definition& d) {
  return {{"id", d.id},
          {"version", d.version},
          {"name", texts(d.name_sv, d.name_en)},
          {"numerator", texts(d.numerator_sv, d.numerator_en)},
          {"denominator", texts(d.denominator_sv, d.denominator_en)},
          {"unit", domain::indicators::to_string(d.unit)},
          {"population", texts(d.population_sv, d.population_en)},
          {"period", texts(d.period_sv, d.period_en)},
          {"source", d.source},
          {"higherIsBetter", d.higher_is_better},
          {"unitLevel", domain::indicators::to_string(d.unit_level)},
          {"notes", texts(d.notes_sv, d.notes_en)}};
}

boost::json::value number_or_null(bool suppressed, std::optional<double> value) {
  if (suppressed || !value) return nullptr;
  return *value;
}

boost::json::object series_json(const service::NamedSeries& named) {
  boost::json::array months;
  for (const auto& [month, cell] : named.series.months) {
    const bool hidden = cell.suppressed;
    months.push_back(
        {{"month", month_text(month)},
         {"value", number_or_null(hidden, cell.value)},
         {"numerator", number_or_null(hidden, cell.numerator)},
         {"denominator", number_or_null(hidden, cell.denominator)},
         {"count", hidden ? boost::json::value(nullptr) : boost::json::value(cell.count)},
         {"suppressed", hidden}});
  }
  return {{"indicator", named.series.indicator_id},
          {"level", domain::indicators::to_string(named.series.level)},
          {"key", named.series.key},
          {"name", named.name},
          {"months", std::move(months)}};
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(";\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// A number the way a Swedish spreadsheet reads it: decimal comma, up to four decimals.
std::string csv_number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.4f", value);
  std::string text(buffer);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  for (char& c : text)
    if (c == '.') c = ',';
  return text;
}

http::Response csv_response(const std::string& id, const service::FollowUpValues& values) {
  std::ostringstream csv;
  csv << "indikator;nivå;nyckel;namn;månad;värde;täljare;nämnare;antal\n";
  for (const auto& named : values.series) {
    for (const auto& [month, cell] : named.series.months) {
      csv << named.series.indicator_id << ';' << domain::indicators::to_string(named.series.level)
          << ';' << csv_field(named.series.key) << ';' << csv_field(named.name) << ';'
          << month_text(month) << ';';
      if (cell.suppressed) {
        csv << "<5;<5;<5;<5\n";
        continue;
      }
      csv << (cell.value ? csv_number(*cell.value) : "") << ';' << csv_number(cell.numerator) << ';'
          << csv_number(cell.denominator) << ';' << cell.count << '\n';
    }
  }
  http::Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = csv.str();
  r.set_header("Content-Disposition", "attachment; filename=\"" + id + "-" +
                                          month_text(values.from) + "-" + month_text(values.to) +
                                          ".csv\"");
  return r;
}

bool wants_csv(const http::Request& request) {
  if (request.query_param("format").value_or("") == "csv") return true;
  const auto accept = request.header("accept").value_or("");
  return accept.find("text/csv") != std::string::npos &&
         accept.find("application/json") == std::string::npos;
}

boost::json::object action_json(const service::ProactiveAction& a) {
  return {
      {"id", a.id},
      {"personId", a.person_id},
      {"unitId", a.unit_id},
      {"unitName", a.unit_name},
      {"kind", service::to_string(a.kind)},
      {"note", optional_json(a.note)},
      {"nextReviewOn", optional_json(a.next_review_on)},
      {"riskScore", a.risk_score ? boost::json::value(*a.risk_score) : boost::json::value(nullptr)},
      {"byName", a.recorded_by_name},
      {"at", a.recorded_at}};
}

boost::json::array text_pairs(const std::vector<std::string>& sv,
                              const std::vector<std::string>& en) {
  boost::json::array out;
  for (std::size_t i = 0; i < sv.size(); ++i)
    out.push_back(texts(sv[i], i < en.size() ? en[i] : sv[i]));
  return out;
}

boost::json::object row_json(const service::ProactiveListRow& row) {
  const auto& a = row.assessment;
  boost::json::array factors;
  for (const auto& f : a.risk.factors)
    factors.push_back({{"letter", std::string(1, f.letter)},
                       {"points", f.points},
                       {"maxPoints", f.max_points},
                       {"explanation", texts(f.explanation_sv, f.explanation_en)}});
  boost::json::array conditions;
  for (const auto& c : a.risk.charlson_conditions) conditions.push_back(boost::json::value(c));
  boost::json::array criteria;
  for (const auto& c : a.frailty.criteria)
    criteria.push_back(
        {{"id", c.id},
         {"text", texts(c.text_sv, c.text_en)},
         {"met", c.met},
         {"known", c.known},
         {"value", c.value ? boost::json::value(*c.value) : boost::json::value(nullptr)}});
  return {{"person",
           {{"id", row.person.id},
            {"name", row.person.name},
            {"personnummer", row.person.identifier},
            {"age",
             row.person.age ? boost::json::value(*row.person.age) : boost::json::value(nullptr)}}},
          {"risk",
           {{"total", a.risk.total},
            {"band", a.risk.band},
            {"indexEpisodeId", optional_json(a.risk.index_episode_id)},
            {"factors", std::move(factors)},
            {"charlsonConditions", std::move(conditions)}}},
          {"frailty",
           {{"mostIll", a.frailty.most_ill},
            {"extensiveCare", a.frailty.extensive_care},
            {"extensiveSocialCare", a.frailty.extensive_social_care},
            {"criteria", std::move(criteria)}}},
          {"reasons", text_pairs(a.reasons_sv, a.reasons_en)},
          {"gaps", text_pairs(a.gaps_sv, a.gaps_en)},
          {"lastAction", row.last_action ? boost::json::value(action_json(*row.last_action))
                                         : boost::json::value(nullptr)},
          {"reviewPending", a.review_pending}};
}

}  // namespace

void add_follow_up_routes(http::Router& router, Services& services) {
  auto& follow_up = services.follow_up;
  const auto& clock = services.clock;
  router.add(
      {http::Method::get,
       "/api/v1/indicators",
       http::Access::assignment,
       [&follow_up](http::Context& c) {
         const auto cat = follow_up.catalogue(c.who());
         boost::json::array indicators;
         for (const auto& d : cat.catalogue->definitions) indicators.push_back(definition_json(d));
         boost::json::array municipalities;
         for (const auto& [code, name] : cat.municipalities)
           municipalities.push_back({{"code", code}, {"name", name}});
         boost::json::array units;
         for (const auto& u : cat.units)
           units.push_back({{"id", u.id},
                            {"name", u.name},
                            {"kind", u.kind},
                            {"municipalityCode", u.municipality_code}});
         return json_response(boost::json::object{
             {"catalogueVersion", cat.catalogue->version},
             {"countyName", cat.county_name},
             {"indicators", std::move(indicators)},
             {"municipalities", std::move(municipalities)},
             {"units", std::move(units)},
             {"defaultPeriod",
              {{"from", month_text(cat.default_from)}, {"to", month_text(cat.default_to)}}}});
       },
       {"The follow-up indicators' catalogue (målbild 2030; unit managers and county "
        "administrators), with the municipalities and units to filter by",
        "Follow-up"}});
  router.add({http::Method::get,
              "/api/v1/follow-up",
              http::Access::assignment,
              [&follow_up, &clock](http::Context& c) {
                const auto [from, to] = period(c.request, clock);
                const auto values = follow_up.values(c.who(), from, to, scope(c.request), {});
                boost::json::array series;
                for (const auto& s : values.series) series.push_back(series_json(s));
                return json_response(boost::json::object{
                    {"from", month_text(values.from)},
                    {"to", month_text(values.to)},
                    {"catalogueVersion", domain::indicators::catalogue().version},
                    {"series", std::move(series)}});
              },
              {"Every indicator per month for the county and each municipality, or for one "
               "municipality or unit; small cells as suppressed outside the reader's own unit",
               "Follow-up",
               "",
               "",
               200,
               {"from", "to", "municipality", "unit"}}});
  router.add({http::Method::get,
              "/api/v1/indicators/{id}",
              http::Access::assignment,
              [&follow_up, &clock](http::Context& c) {
                const auto [from, to] = period(c.request, clock);
                const std::string id = c.param("id");
                const auto values = follow_up.values(c.who(), from, to, scope(c.request), {id});
                if (wants_csv(c.request)) return csv_response(id, values);
                boost::json::array series;
                for (const auto& s : values.series) series.push_back(series_json(s));
                return json_response(boost::json::object{
                    {"indicator", definition_json(*domain::indicators::find_definition(id))},
                    {"from", month_text(values.from)},
                    {"to", month_text(values.to)},
                    {"series", std::move(series)}});
              },
              {"One indicator per month, as JSON or (Accept: text/csv or format=csv) as CSV",
               "Follow-up",
               "",
               "",
               200,
               {"from", "to", "municipality", "unit", "format"}}});
  router.add({http::Method::get,
              "/api/v1/indicators/{id}/facts",
              http::Access::assignment,
              [&follow_up](http::Context& c) {
                const auto level_text = query_text(c.request, "level", 20).value_or("");
                Level level = Level::unit;
                if (level_text == "municipality")
                  level = Level::municipality;
                else if (level_text != "unit")
                  core::throw_field_error("level", "enum", "Ange municipality eller unit.", 400);
                const auto key = query_text(c.request, "key", 64);
                if (!key || key->empty())
                  core::throw_field_error("key", "required", "Ange kommunkod eller enhet.", 400);
                const auto month = month_param(c.request, "month");
                if (!month) core::throw_field_error("month", "required", "Ange månaden.", 400);
                const auto drill = follow_up.facts(c.who(), c.param("id"), level, *key, *month);
                boost::json::array items;
                for (const auto& i : drill.items)
                  items.push_back({{"id", i.id},
                                   {"kind", i.kind},
                                   {"personId", i.person_id},
                                   {"personName", i.person_name},
                                   {"personnummer", i.person_identifier},
                                   {"unitName", i.unit_name},
                                   {"start", i.start},
                                   {"end", optional_json(i.end)},
                                   {"detail", i.detail}});
                return json_response(boost::json::object{{"indicator", drill.indicator_id},
                                                         {"month", month_text(drill.month)},
                                                         {"kind", drill.kind},
                                                         {"items", std::move(items)},
                                                         {"hidden", drill.hidden}});
              },
              {"The episodes, SIPs or requests behind one value, those of the reader's own unit "
               "(unit managers); one audit entry names every person listed",
               "Follow-up",
               "",
               "",
               200,
               {"level", "key", "month"}}});
  router.add(
      {http::Method::get,
       "/api/v1/proactive-list",
       http::Access::assignment,
       [&follow_up](http::Context& c) {
         int limit = 100;
         if (const auto text = query_text(c.request, "limit", 8)) {
           const auto parsed = parse_count(*text);
           if (!parsed || *parsed < 1 || *parsed > 1000)
             core::throw_field_error("limit", "range", "Ange ett antal mellan 1 och 1000.", 400);
           limit = static_cast<int>(*parsed);
         }
         const auto list =
             follow_up.proactive_list(c.who(), query_text(c.request, "unit", 64), limit);
         boost::json::array rows;
         for (const auto& row : list.rows) rows.push_back(row_json(row));
         const auto& k = list.criteria;
         return json_response(
             boost::json::object{{"unit", {{"id", list.unit_id}, {"name", list.unit_name}}},
                                 {"referenceDate", list.reference_date},
                                 {"criteria",
                                  {{"minAge", k.min_age},
                                   {"minAdmissions12m", k.min_admissions_12m},
                                   {"minInpatientDays12m", k.min_inpatient_days_12m},
                                   {"minDiagnosisGroups12m", k.min_diagnosis_groups_12m},
                                   {"minSpecialistVisits12m", k.min_specialist_visits_12m},
                                   {"minHomeCareHoursMonth", k.min_home_care_hours_month},
                                   {"minCareCriteria", k.min_care_criteria},
                                   {"requireBoth", k.require_both}}},
                                 {"minLace", list.min_lace},
                                 {"totalActive", list.total_active},
                                 {"totalReviewPending", list.total_review_pending},
                                 {"rows", std::move(rows)}});
       },
       {"The reader's unit's Proaktiv lista: persons 65+ in its care ranked by readmission risk "
        "(LACE) and the mest sjuka äldre criteria, with reasons, gaps and the latest action; "
        "logged as one entry naming every person listed",
        "Follow-up",
        "",
        "",
        200,
        {"unit", "limit"}}});
  router.add(
      {http::Method::post,
       "/api/v1/proactive-list/actions",
       http::Access::assignment,
       [&follow_up](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         service::ActionInput in;
         in.person_id = r.required_string("personId", 64);
         const auto kind = r.required_string("kind", 40);
         if (const auto k = service::parse_action_kind(kind))
           in.kind = *k;
         else if (!kind.empty())
           r.add_error("kind", "enum",
                       "Ska vara offer_sip, appoint_named_contact, plan_home_visit eller "
                       "assessed_no_action.");
         in.note = r.optional_string("note", 2000);
         if (const auto text = r.optional_string("nextReviewOn", 10); text && !text->empty()) {
           in.next_review_on = domain::discharge::parse_iso_date(*text);
           if (!in.next_review_on)
             r.add_error("nextReviewOn", "format", "Ange datumet som ÅÅÅÅ-MM-DD.");
         }
         r.finish();
         return json_response(action_json(follow_up.record_action(c.who(), in)), 201);
       },
       {"Record an action for a person on the reader's proactive list: offer a SIP, appoint a "
        "named contact, plan a home visit, or assessed with no action until a review date",
        "Follow-up",
        R"({"type":"object","required":["personId","kind"],"properties":{"personId":{"type":"string"},"kind":{"enum":["offer_sip","appoint_named_contact","plan_home_visit","assessed_no_action"]},"note":{"type":"string","maxLength":2000},"nextReviewOn":{"type":"string","format":"date"}}})",
        "", 201}});
  router.add(
      {http::Method::get,
       "/api/v1/persons/{id}/proactive-actions",
       http::Access::assignment,
       [&follow_up](http::Context& c) {
         boost::json::array items;
         for (const auto& a : follow_up.person_actions(c.who(), c.param("id")))
           items.push_back(action_json(a));
         return json_response(boost::json::object{{"items", std::move(items)}});
       },
       {"The proactive-list actions recorded for a person, newest first, as far as the sharing "
        "rules let the reader see them",
        "Follow-up"}});
}

}  // namespace nara::api
