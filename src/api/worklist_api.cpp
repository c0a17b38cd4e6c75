// /api/v1/worklist, /api/v1/reports/payment-liability and /api/v1/reports/deadline-compliance: the
// discharge chain's work per unit, the municipalities' payment liability per month and how the
// statutory deadlines were kept per month (Lag 2017:612).
#include <date/date.h>

#include <cmath>
#include <sstream>

#include "api/routes.hpp"
#include "api/support.hpp"
#include "core/problem.hpp"

namespace nara::api {

namespace {

std::chrono::year_month month_param(const http::Request& request) {
  const auto text = query_text(request, "month", 7);
  int y = 0;
  unsigned m = 0;
  if (!text || text->size() != 7 || std::sscanf(text->c_str(), "%4d-%2u", &y, &m) != 2 ||
      (*text)[4] != '-' || m < 1 || m > 12 || y < 2018 || y > 2100) {
    core::throw_field_error("month", "format", "Ange månaden som ÅÅÅÅ-MM, t.ex. 2026-11.");
  }
  return std::chrono::year{y} / std::chrono::month{m};
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(";\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

boost::json::value share_json(const domain::discharge::ComplianceCounts& c,
                              domain::discharge::ClockOutcome outcome) {
  const auto share = c.share(outcome);
  return share ? boost::json::value(*share) : boost::json::value(nullptr);
}

// A share as a Swedish percentage with one decimal ("87,5"), empty when nothing was due.
std::string share_csv(const domain::discharge::ComplianceCounts& c,
                      domain::discharge::ClockOutcome outcome) {
  const auto share = c.share(outcome);
  if (!share) return "";
  const long tenths = std::lround(*share * 1000.0);
  return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10);
}

http::Response compliance_response(const service::ComplianceReport& report, bool csv_format) {
  using domain::discharge::ClockOutcome;
  const std::string month_text = date::format("%Y-%m", std::chrono::sys_days(report.month / 1));
  if (csv_format) {
    std::ostringstream csv;
    csv << "frist;regel;ansvarig enhet;i tid;sent;ej uppfyllt, försenat;ej förfallet;andel i "
           "tid (%)\n";
    for (const auto& l : report.lines) {
      csv << domain::discharge::to_string(l.kind) << ';' << csv_field(l.rule) << ';'
          << csv_field(l.unit_name) << ';' << l.counts.met_in_time << ';' << l.counts.met_late
          << ';' << l.counts.open_overdue << ';' << l.counts.open_not_due << ';'
          << share_csv(l.counts, ClockOutcome::met_in_time) << '\n';
    }
    http::Response r;
    r.content_type = "text/csv; charset=utf-8";
    r.body = csv.str();
    r.set_header("Content-Disposition",
                 "attachment; filename=\"tidsfrister-" + month_text + ".csv\"");
    return r;
  }
  boost::json::array lines;
  for (const auto& l : report.lines) {
    lines.push_back(boost::json::object{
        {"kind", domain::discharge::to_string(l.kind)},
        {"rule", l.rule},
        {"unitId", l.unit_id.empty() ? boost::json::value(nullptr) : boost::json::value(l.unit_id)},
        {"unitName",
         l.unit_name.empty() ? boost::json::value(nullptr) : boost::json::value(l.unit_name)},
        {"metInTime", l.counts.met_in_time},
        {"metLate", l.counts.met_late},
        {"openOverdue", l.counts.open_overdue},
        {"openNotDue", l.counts.open_not_due},
        {"due", l.counts.due()},
        {"shareInTime", share_json(l.counts, ClockOutcome::met_in_time)},
        {"shareLate", share_json(l.counts, ClockOutcome::met_late)},
        {"shareOverdue", share_json(l.counts, ClockOutcome::open_overdue)}});
  }
  return json_response(boost::json::object{{"month", month_text}, {"lines", std::move(lines)}});
}

}  // namespace

void add_worklist_routes(http::Router& router, Services& services) {
  auto& worklists = services.worklists;
  auto& reports = services.liability_reports;
  const auto& clock = services.clock;
  router.add(
      {http::Method::get,
       "/api/v1/worklist",
       http::Access::assignment,
       [&worklists, &clock](http::Context& c) {
         service::WorklistFilter filter;
         filter.ward_unit_id = query_text(c.request, "ward", 64);
         filter.municipality_code = query_text(c.request, "municipality", 4);
         filter.state = episode_state_param(c.request);
         filter.overdue_only = c.request.query_param("overdue").value_or("") == "true";
         const auto list = worklists.for_unit(c.who(), filter);
         const auto now = clock.now();
         boost::json::array items;
         std::int64_t overdue = 0;
         for (const auto& e : list.items) {
           if (e.overdue) ++overdue;
           items.push_back(boost::json::object{
               {"kind", e.kind},
               {"due", core::format_iso8601(e.due)},
               {"overdue", e.overdue},
               {"secondsLeft",
                std::chrono::duration_cast<std::chrono::seconds>(e.due - now).count()},
               {"rule", e.rule},
               {"episodeId", e.episode_id},
               {"episodeState", e.episode_state},
               {"personId", e.person_id},
               {"personName", e.person_name},
               {"municipalityCode", optional_json(e.municipality_code)},
               {"wardUnitId", e.ward_unit_id},
               {"wardName", e.ward_name},
               {"noticeId", optional_json(e.notice_id)},
               {"noticeKind", optional_json(e.notice_kind)}});
         }
         return json_response(boost::json::object{{"party", service::to_string(list.party)},
                                                  {"overdue", overdue},
                                                  {"items", std::move(items)}});
       },
       {"Your unit's worklist: statutory clocks due and overdue, the municipality's liability "
        "start, notices to acknowledge; sorted by due time",
        "Discharge",
        "",
        "",
        200,
        {"ward", "municipality", "state", "overdue"}}});
  router.add(
      {http::Method::get,
       "/api/v1/reports/payment-liability",
       http::Access::assignment,
       [&reports](http::Context& c) {
         const auto month = month_param(c.request);
         const auto report =
             reports.monthly(c.who(), month, query_text(c.request, "municipality", 4));
         const std::string month_text = date::format("%Y-%m", std::chrono::sys_days(month / 1));
         if (c.request.query_param("format").value_or("") == "csv") {
           std::ostringstream csv;
           csv << "kommunkod;kommun;vårdtillfälle;avdelning;vård;datum;debiteras;belopp;skäl\n";
           for (const auto& m : report.municipalities) {
             for (const auto& e : m.episodes) {
               // Somatic and psychiatric care start liability by different rules (5 kap. 4 §,
               // prop. 2017/18:12), so the invoice line says which applied.
               const char* care = e.care_setting == domain::discharge::CareSetting::psychiatric
                                      ? "psykiatrisk"
                                      : "somatisk";
               if (e.ready_days) {
                 // Monthly-average model: one line per episode with its ready days.
                 csv << m.municipality_code << ';' << csv_field(m.municipality_name) << ';'
                     << e.episode_id << ';' << csv_field(e.ward_name) << ';' << care << ";;"
                     << (e.counted_in_average ? "i snittet" : "nej") << ";;"
                     << csv_field(std::to_string(*e.ready_days) + " utskrivningsklara dygn. " +
                                  e.reason)
                     << '\n';
               }
               for (const auto& d : e.days) {
                 csv << m.municipality_code << ';' << csv_field(m.municipality_name) << ';'
                     << e.episode_id << ';' << csv_field(e.ward_name) << ';' << care << ';'
                     << date::format("%F", std::chrono::sys_days(d.date)) << ';'
                     << (d.status == domain::discharge::DayStatus::liable ? "ja" : "nej") << ';'
                     << d.amount << ';' << csv_field(d.reason) << '\n';
               }
             }
           }
           http::Response r;
           r.content_type = "text/csv; charset=utf-8";
           r.body = csv.str();
           r.set_header("Content-Disposition",
                        "attachment; filename=\"betalningsansvar-" + month_text + ".csv\"");
           return r;
         }
         boost::json::array municipalities;
         for (const auto& m : report.municipalities) {
           boost::json::array episodes;
           for (const auto& e : m.episodes) {
             boost::json::array days;
             for (const auto& d : e.days) {
               days.push_back(
                   boost::json::object{{"date", date::format("%F", std::chrono::sys_days(d.date))},
                                       {"liable", d.status == domain::discharge::DayStatus::liable},
                                       {"amount", d.amount},
                                       {"reason", d.reason}});
             }
             boost::json::object episode{
                 {"episodeId", e.episode_id},
                 {"wardName", e.ward_name},
                 {"agreement", e.agreement},
                 {"placingMunicipality", e.placed},
                 {"careSetting", domain::discharge::to_string(e.care_setting)},
                 {"liableDays", e.liable_days},
                 {"amount", e.amount},
                 {"days", std::move(days)}};
             if (e.ready_days) {
               episode["readyDays"] = *e.ready_days;
               episode["countedInAverage"] = e.counted_in_average;
               episode["reason"] = e.reason;
             }
             episodes.push_back(std::move(episode));
           }
           boost::json::array problems;
           for (const auto& p : m.problems) problems.emplace_back(p);
           boost::json::value average = nullptr;
           if (m.average) {
             average = boost::json::object{{"thresholdDays", m.average->threshold_days},
                                           {"episodesCounted", m.average->episodes_counted},
                                           {"readyDays", m.average->ready_days},
                                           {"allowedDays", m.average->allowed_days},
                                           {"amountPerDay", m.average->amount_per_day}};
           }
           municipalities.push_back(
               boost::json::object{{"municipalityCode", m.municipality_code},
                                   {"municipalityName", m.municipality_name},
                                   {"model", domain::discharge::to_string(m.model)},
                                   {"agreementId", optional_json(m.agreement_id)},
                                   {"agreement", m.agreement},
                                   {"liableDays", m.liable_days},
                                   {"amount", m.amount},
                                   {"average", std::move(average)},
                                   {"episodes", std::move(episodes)},
                                   {"problems", std::move(problems)}});
         }
         return json_response(boost::json::object{{"month", month_text},
                                                  {"agreement", report.agreement},
                                                  {"municipalities", std::move(municipalities)}});
       },
       {"The municipalities' payment liability for a month (5 kap.): liable days and amount per "
        "municipality, and each episode's days with the reason; format=csv for a spreadsheet",
        "Discharge",
        "",
        "",
        200,
        {"month", "municipality", "format"}}});
  router.add(
      {http::Method::get,
       "/api/v1/reports/deadline-compliance",
       http::Access::assignment,
       [&reports](http::Context& c) {
         const auto month = month_param(c.request);
         const auto report =
             reports.deadline_compliance(c.who(), month, query_text(c.request, "unit", 64));
         return compliance_response(report, c.request.query_param("format").value_or("") == "csv");
       },
       {"How the statutory deadlines due in a month were kept (2 kap. 1, 3 och 5 §§, 3 kap. 2 §, "
        "4 kap. 3 §): per clock kind and responsible unit met in time, met late, not met and "
        "overdue, not yet due, with shares of those due; counts only. format=csv for a "
        "spreadsheet",
        "Discharge",
        "",
        "",
        200,
        {"month", "unit", "format"}}});
}

}  // namespace nara::api
