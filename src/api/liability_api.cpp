// /api/v1/liability-agreements, /api/v1/liability-amounts and the episode's liability facts
// (5 kap. 2 and 5 §§): kommunens betalningsansvar as data (Lag 2017:612; issue 4 point 3).
#include <algorithm>

#include "api/routes.hpp"
#include "api/support.hpp"
#include "core/problem.hpp"

namespace nara::api {

using domain::discharge::format_iso_date;
using domain::discharge::LocalDate;

namespace {

std::optional<LocalDate> date_field(http::ObjectReader& r, const std::string& name, bool required) {
  const auto text = required ? std::optional<std::string>(r.required_string(name, 10))
                             : r.optional_string(name, 10);
  if (!text || text->empty()) return std::nullopt;
  const auto date = domain::discharge::parse_iso_date(*text);
  if (!date) r.add_error(name, "format", "Ange datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-01-01.");
  return date;
}

bool is_area_code(const std::string& code) {
  return code.size() == 4 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

boost::json::value optional_json(const std::optional<int>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}
boost::json::value optional_json(const std::optional<bool>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::object agreement_json(const service::AgreementRecord& r) {
  const auto& t = r.terms;
  boost::json::object amounts;
  for (const auto& [year, amount] : t.amount_per_day_by_year)
    amounts[std::to_string(year)] = amount;
  return {{"id", t.id},
          {"name", t.name},
          {"municipalityCode", api::optional_json(t.municipality_code)},
          {"validFrom", format_iso_date(t.valid_from)},
          {"validTo", t.valid_to ? boost::json::value(format_iso_date(*t.valid_to))
                                 : boost::json::value(nullptr)},
          {"offsetDays", optional_json(t.offset_days)},
          {"noonRule", optional_json(t.noon_rule)},
          {"countDay0", optional_json(t.count_day0)},
          {"countDischargeDay", optional_json(t.count_discharge_day)},
          {"model", domain::discharge::to_string(t.model)},
          {"averageThresholdDays", optional_json(t.average_threshold_days)},
          {"psychiatricOffsetDays", optional_json(t.psychiatric_offset_days)},
          {"amountPerDayByYear", std::move(amounts)},
          {"source", api::optional_json(r.source)},
          {"replacesId", api::optional_json(r.replaces_id)},
          {"createdAt", r.created_at},
          {"endedAt", api::optional_json(r.ended_at)}};
}

service::AgreementInput read_agreement(const http::Request& request) {
  const auto body = body_object(request);
  http::ObjectReader r(body);
  service::AgreementInput in;
  auto& t = in.terms;
  t.name = r.required_string("name", 200);
  // Absent or null: the agreement is the whole region's.
  t.municipality_code = r.optional_string("municipalityCode", 4);
  if (t.municipality_code && !is_area_code(*t.municipality_code)) {
    r.add_error("municipalityCode", "format", "Kommunkoden är fyra siffror, t.ex. 2282.");
  }
  const auto from = date_field(r, "validFrom", true);
  if (from) t.valid_from = *from;
  t.valid_to = date_field(r, "validTo", false);
  if (from && t.valid_to &&
      std::chrono::sys_days(*t.valid_to) < std::chrono::sys_days(t.valid_from)) {
    r.add_error("validTo", "before_valid_from", "Slutdatumet ligger före startdatumet.");
  }
  if (const auto v = r.optional_int("offsetDays", 0, 60)) t.offset_days = static_cast<int>(*v);
  if (const auto v = r.optional_int("psychiatricOffsetDays", 0, 60))
    t.psychiatric_offset_days = static_cast<int>(*v);
  t.noon_rule = r.optional_bool("noonRule");
  t.count_day0 = r.optional_bool("countDay0");
  t.count_discharge_day = r.optional_bool("countDischargeDay");
  const auto model = r.required_string("model", 20);
  if (const auto m = domain::discharge::parse_liability_model(model)) {
    t.model = *m;
  } else if (!model.empty()) {
    r.add_error("model", "enum", "Ska vara per_episode eller monthly_average.");
  }
  if (const auto v = r.optional_int("averageThresholdDays", 0, 60))
    t.average_threshold_days = static_cast<int>(*v);
  if (t.model == domain::discharge::LiabilityModel::monthly_average && !t.average_threshold_days &&
      !r.has("averageThresholdDays")) {
    r.add_error("averageThresholdDays", "required",
                "Snittmodellen behöver antalet dagar kommunen i snitt får använda.");
  }
  if (t.model == domain::discharge::LiabilityModel::monthly_average && t.psychiatric_offset_days) {
    r.add_error("psychiatricOffsetDays", "not_applicable",
                "Gäller bara modellen per vårdtillfälle; snittmodellen räknar alla vårdtillfällen "
                "lika.");
  }
  if (t.model == domain::discharge::LiabilityModel::per_episode && t.average_threshold_days) {
    r.add_error("averageThresholdDays", "not_applicable", "Gäller bara snittmodellen.");
  }
  if (const auto* amounts = r.optional_object("amountPerDayByYear")) {
    for (const auto& [key, value] : *amounts) {
      const std::string field = "amountPerDayByYear/" + std::string(key);
      const std::string year_text(key);
      if (year_text.size() != 4 || !std::all_of(year_text.begin(), year_text.end(),
                                                [](char c) { return c >= '0' && c <= '9'; })) {
        r.add_error(field, "format", "Året skrivs med fyra siffror.");
        continue;
      }
      const int year = std::stoi(year_text);
      if (year < 2018 || year > 2100) {
        r.add_error(field, "range", "Året ska vara 2018–2100 (lagen gäller från 2018).");
        continue;
      }
      if (!value.is_int64() || value.as_int64() < 1 || value.as_int64() > 1'000'000) {
        r.add_error(field, "range", "Beloppet per vårddygn är ett heltal 1–1 000 000 kr.");
        continue;
      }
      t.amount_per_day_by_year[year] = value.as_int64();
    }
  }
  in.source = r.optional_string("source", 500);
  in.replaces_id = r.optional_string("replacesId", 64);
  r.finish();
  return in;
}

constexpr const char* kAgreementSchema =
    R"({"type":"object","required":["name","validFrom","model"],"properties":{"name":{"type":"string","maxLength":200},
"municipalityCode":{"type":["string","null"],"pattern":"^[0-9]{4}$"},"validFrom":{"type":"string","format":"date"},
"validTo":{"type":"string","format":"date"},"offsetDays":{"type":"integer","minimum":0,"maximum":60},"psychiatricOffsetDays":{"type":"integer","minimum":0,"maximum":60},
"noonRule":{"type":"boolean"},"countDay0":{"type":"boolean"},"countDischargeDay":{"type":"boolean"},
"model":{"enum":["per_episode","monthly_average"]},"averageThresholdDays":{"type":"integer","minimum":0,"maximum":60},
"amountPerDayByYear":{"type":"object","additionalProperties":{"type":"integer","minimum":1}},
"source":{"type":"string"},"replacesId":{"type":"string"}}})";

}  // namespace

void add_liability_routes(http::Router& router, Services& services) {
  auto& liability = services.liability;
  router.add({http::Method::get,
              "/api/v1/liability-agreements",
              http::Access::assignment,
              [&liability](http::Context& c) {
                const auto list = liability.list(c.who());
                boost::json::array amounts;
                for (const auto& a : list.statutory_amounts) {
                  amounts.push_back(boost::json::object{{"year", a.year},
                                                        {"amountPerDay", a.amount_per_day},
                                                        {"source", a.source},
                                                        {"confidence", a.confidence}});
                }
                boost::json::array items;
                for (const auto& a : list.agreements) items.push_back(agreement_json(a));
                return json_response(boost::json::object{{"statutoryAmounts", std::move(amounts)},
                                                         {"items", std::move(items)}});
              },
              {"Socialstyrelsen's amounts per vårddygn by year (5 kap. 6 §) and the region's local "
               "agreements on payment liability (4 kap. 5 §) with their validity periods",
               "Discharge"}});
  router.add({http::Method::get,
              "/api/v1/liability-agreements/{id}",
              http::Access::assignment,
              [&liability](http::Context& c) {
                return json_response(agreement_json(liability.get(c.who(), c.param("id"))));
              },
              {"A local agreement on payment liability", "Discharge"}});
  router.add(
      {http::Method::post,
       "/api/v1/liability-agreements",
       http::Access::assignment,
       [&liability](http::Context& c) {
         const auto created = liability.create(c.who(), read_agreement(c.request));
         auto res = json_response(agreement_json(created), 201);
         res.set_header("Location", "/api/v1/liability-agreements/" + created.terms.id);
         return res;
       },
       {"Record a local agreement (county administrator); with replacesId it replaces one, which "
        "then ends the day before. Fields left out are the statute's",
        "Discharge", kAgreementSchema, "", 201}});
  router.add(
      {http::Method::post,
       "/api/v1/liability-agreements/{id}/end",
       http::Access::assignment,
       [&liability](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         const auto valid_to = date_field(r, "validTo", true);
         r.finish();
         if (!valid_to) core::throw_field_error("validTo", "required", "Ange slutdatumet.");
         return json_response(agreement_json(liability.end(c.who(), c.param("id"), *valid_to)));
       },
       {"End a local agreement on a date (county administrator); days already passed keep it",
        "Discharge",
        R"({"type":"object","required":["validTo"],"properties":{"validTo":{"type":"string","format":"date"}}})"}});
  router.add(
      {http::Method::post,
       "/api/v1/liability-amounts",
       http::Access::assignment,
       [&liability](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         service::StatutoryAmount a;
         a.year = static_cast<int>(r.optional_int("year", 2018, 2100).value_or(0));
         if (!r.has("year")) r.add_error("year", "required", "Ange året.");
         a.amount_per_day = r.optional_int("amountPerDay", 1, 1'000'000).value_or(0);
         if (!r.has("amountPerDay")) r.add_error("amountPerDay", "required", "Ange beloppet.");
         a.source = r.required_string("source", 500);
         a.confidence = r.optional_string("confidence", 1).value_or("V");
         if (a.confidence != "V" && a.confidence != "S")
           r.add_error("confidence", "enum", "V (verifierad) eller S (andrahandskälla).");
         r.finish();
         const auto added = liability.add_statutory_amount(c.who(), a);
         return json_response(boost::json::object{{"year", added.year},
                                                  {"amountPerDay", added.amount_per_day},
                                                  {"source", added.source},
                                                  {"confidence", added.confidence}},
                              201);
       },
       {"Add Socialstyrelsen's amount per vårddygn for a year not yet known (county "
        "administrator; 5 kap. 6 §). A known year is never changed",
        "Discharge",
        R"({"type":"object","required":["year","amountPerDay","source"],"properties":{"year":{"type":"integer"},"amountPerDay":{"type":"integer"},"source":{"type":"string"},"confidence":{"enum":["V","S"]}}})",
        "", 201}});
  router.add(
      {http::Method::post,
       "/api/v1/episodes/{id}/region-not-ready",
       http::Access::assignment,
       [&liability](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         const auto from = date_field(r, "from", true);
         const auto to = date_field(r, "to", true);
         const auto reason = r.required_string("reason", 1000);
         if (from && to && std::chrono::sys_days(*to) < std::chrono::sys_days(*from))
           r.add_error("to", "before_from", "Perioden slutar före den börjar.");
         r.finish();
         if (!from || !to) core::throw_field_error("from", "required", "Ange perioden.");
         const auto rec =
             liability.record_region_not_ready(c.who(), c.param("id"), *from, *to, reason);
         return json_response(
             boost::json::object{{"id", rec.id},
                                 {"episodeId", rec.episode_id},
                                 {"from", format_iso_date(rec.from)},
                                 {"to", format_iso_date(rec.to)},
                                 {"reason", rec.reason},
                                 {"recordedBy", api::optional_json(rec.recorded_by)},
                                 {"unitId", api::optional_json(rec.unit_id)},
                                 {"recordedAt", rec.recorded_at}},
             201);
       },
       {"Record that the region's outpatient care did not have its insatser in place, or it was "
        "not clarified, for these days (5 kap. 5 §): no payment liability for them",
        "Discharge",
        R"({"type":"object","required":["from","to","reason"],"properties":{"from":{"type":"string","format":"date"},"to":{"type":"string","format":"date"},"reason":{"type":"string"}}})",
        "", 201}});
  router.add(
      {http::Method::put,
       "/api/v1/episodes/{id}/placing-municipality",
       http::Access::assignment,
       [&liability](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         const auto code = r.required_string("municipalityCode", 4);
         if (!code.empty() && !is_area_code(code))
           r.add_error("municipalityCode", "format", "Kommunkoden är fyra siffror, t.ex. 2282.");
         const auto reference = r.optional_string("decisionReference", 200);
         r.finish();
         const auto placed =
             liability.set_placing_municipality(c.who(), c.param("id"), code, reference);
         return json_response(boost::json::object{
             {"municipalityCode", placed->municipality_code},
             {"decisionReference", api::optional_json(placed->decision_reference)},
             {"recordedBy", api::optional_json(placed->recorded_by)},
             {"recordedAt", placed->recorded_at}});
       },
       {"Record the municipality that placed the person in särskilt boende in another "
        "municipality: it pays (5 kap. 2 §)",
        "Discharge",
        R"({"type":"object","required":["municipalityCode"],"properties":{"municipalityCode":{"type":"string","pattern":"^[0-9]{4}$"},"decisionReference":{"type":"string"}}})"}});
  router.add({http::Method::del,
              "/api/v1/episodes/{id}/placing-municipality",
              http::Access::assignment,
              [&liability](http::Context& c) {
                liability.set_placing_municipality(c.who(), c.param("id"), std::nullopt,
                                                   std::nullopt);
                return no_content();
              },
              {"Remove the placing municipality: the folkbokföring municipality pays (5 kap. 2 §)",
               "Discharge", "", "", 204}});
}

}  // namespace nara::api
