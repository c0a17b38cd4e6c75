// POST /api/v1/hl7/v2: HL7 v2 ADT over HTTP, for senders without MLLP. The body
// is one message (ER7, Content-Type application/hl7-v2); the answer is its ACK,
// also when the ACK is AE or AR — the ACK is the outcome, as over MLLP. Only a
// system account (role integration) may send.
//
// /api/v1/hl7/ward-codes and /api/v1/hl7/held-messages (issue 20 point 5): the
// county administrator's table of the hospitals' own ward codes, and the
// messages held because their code was not in it, to be processed again
// ("Bearbeta igen") or discarded.
#include <memory>

#include "api/routes.hpp"
#include "api/support.hpp"
#include "core/problem.hpp"
#include "service/authorization.hpp"
#include "service/hl7_ward_code_service.hpp"

namespace nara::api {

namespace {

namespace json = boost::json;
namespace hl7 = interop::hl7v2;

boost::json::object ward_code_json(const service::WardCode& c) {
  return {{"id", c.id},
          {"facility", c.facility},
          {"pointOfCare", c.point_of_care},
          {"unitId", c.unit_id},
          {"unitName", c.unit_name},
          {"unitHsaId", c.unit_hsa_id},
          {"note", optional_json(c.note)},
          {"version", c.version},
          {"createdAt", c.created_at},
          {"updatedAt", c.updated_at}};
}

boost::json::object held_json(const service::HeldMessage& m) {
  return {{"id", m.id},
          {"state", service::to_string(m.state)},
          {"sender", m.sender},
          {"controlId", m.control_id},
          {"triggerEvent", m.trigger_event},
          {"facility", m.facility},
          {"pointOfCare", m.point_of_care},
          {"mapped", m.mapped},
          {"receivedAt", m.received_at},
          {"lastAttemptAt", m.last_attempt_at},
          {"attempts", m.attempts},
          {"ackCode", m.ack_code},
          {"errorCode", m.error_code},
          {"reason", m.reason},
          {"processedAt", optional_json(m.processed_at)},
          {"processedBy", optional_json(m.processed_by)}};
}

// A code as a hospital sends it, as the administrator types it: spaces at the
// ends are not part of it (a message's are trimmed the same way), control
// characters never are.
std::optional<std::string> code_field(http::ObjectReader& r, const std::string& name,
                                      bool required) {
  auto text = required ? std::optional<std::string>(r.required_string(name, 100))
                       : r.optional_string(name, 100);
  if (!text) return std::nullopt;
  const auto first = text->find_first_not_of(' ');
  if (first == std::string::npos) {
    if (!required) r.add_error(name, "required", "Fältet får inte vara tomt.");
    return std::nullopt;
  }
  *text = text->substr(first, text->find_last_not_of(' ') - first + 1);
  for (const char ch : *text) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) {
      r.add_error(name, "format",
                  "Koden får inte innehålla tabbar, radbrytningar eller andra "
                  "styrtecken.");
      return std::nullopt;
    }
  }
  return text;
}

// POST and PATCH bodies: what is present, validated; PATCH leaves the rest as
// it is.
struct WardCodeBody {
  std::optional<std::string> facility;
  std::optional<std::string> point_of_care;
  std::optional<std::string> unit_id;
  std::optional<std::optional<std::string>> note;  // present; null clears it
};

WardCodeBody read_ward_code(const http::Request& request, bool creating) {
  const auto body = body_object(request);
  http::ObjectReader r(body);
  WardCodeBody in;
  if (creating || r.has("facility")) in.facility = code_field(r, "facility", creating);
  if (creating || r.has("pointOfCare")) in.point_of_care = code_field(r, "pointOfCare", creating);
  if (creating || r.has("unitId")) {
    const auto unit = r.required_string("unitId", 64);
    if (!unit.empty()) in.unit_id = unit;
  }
  if (r.has("note")) {
    // Built in place: GCC 12 at -O2 sees a copied optional<string> as maybe uninitialised.
    auto& note = in.note.emplace();
    if (auto text = r.optional_string("note", 500);
        text && text->find_first_not_of(" \t\r\n") != std::string::npos) {
      note = std::move(text);
    }
  }
  r.finish();
  return in;
}

std::optional<service::HeldState> held_state_param(const http::Request& request) {
  const auto text = query_text(request, "state", 20);
  if (!text) return service::HeldState::open;
  if (*text == "all") return std::nullopt;
  const auto state = service::parse_held_state(*text);
  if (!state) {
    core::throw_field_error("state", "enum", "Ska vara open, processed, discarded eller all.", 400);
  }
  return state;
}

std::size_t held_limit(const http::Request& request) {
  const auto text = request.query_param("limit");
  if (!text) return 200;
  const auto n = parse_count(*text);
  if (!n || *n < 1 || *n > 1000) {
    core::throw_field_error("limit", "integer.range",
                            "limit ska vara ett heltal mellan 1 och 1000.", 400);
  }
  return *n;
}

constexpr const char* kWardCodeSchema =
    R"({"type":"object","required":["facility","pointOfCare","unitId"],"properties":{
"facility":{"type":"string","minLength":1,"maxLength":100,"description":"PV1-3.4 facility (its namespace id), else MSH-4 sending facility"},
"pointOfCare":{"type":"string","minLength":1,"maxLength":100,"description":"PV1-3.1 point of care: the hospital's own ward code"},
"unitId":{"type":"string","description":"A Nära unit of kind hospital_ward"},"note":{"type":["string","null"],"maxLength":500}}})";
constexpr const char* kWardCodeResponse =
    R"({"type":"object","properties":{"id":{"type":"string"},"facility":{"type":"string"},
"pointOfCare":{"type":"string"},"unitId":{"type":"string"},"unitName":{"type":"string"},"unitHsaId":{"type":"string"},
"note":{"type":["string","null"]},"version":{"type":"integer"},"createdAt":{"type":"string","format":"date-time"},
"updatedAt":{"type":"string","format":"date-time"}}})";
constexpr const char* kHeldMessage =
    R"({"type":"object","properties":{"id":{"type":"string"},"state":{"enum":["open","processed","discarded"]},
"sender":{"type":"string","description":"MSH-3^MSH-4"},"controlId":{"type":"string","description":"MSH-10"},
"triggerEvent":{"type":"string"},"facility":{"type":"string"},"pointOfCare":{"type":"string"},
"mapped":{"type":"boolean","description":"The code is in the table now"},"receivedAt":{"type":"string","format":"date-time"},
"lastAttemptAt":{"type":"string","format":"date-time"},"attempts":{"type":"integer"},"ackCode":{"enum":["AA","AE","AR"]},
"errorCode":{"type":"integer","description":"ERR-3 of the last attempt, HL7 table 0357, 0 when accepted"},
"reason":{"type":"string"},"processedAt":{"type":["string","null"]},"processedBy":{"type":["string","null"]}}})";
std::string list_of(const char* item_schema, const std::string& extra = {}) {
  return std::string(R"({"type":"object","properties":{)") + extra +
         R"("items":{"type":"array","items":)" + item_schema + "}}}";
}
std::string reprocess_response() {
  return std::string(R"({"type":"object","properties":{"heldMessage":)") + kHeldMessage +
         R"(,"results":{"type":"array","items":{"type":"object","properties":{"heldMessageId":{"type":"string"},
"ackCode":{"enum":["AA","AE","AR"]},"errorCode":{"type":["integer","null"]},"reason":{"type":"string"}}}}}})";
}
constexpr const char* kWardCodePatchSchema =
    R"({"type":"object","properties":{"facility":{"type":"string","minLength":1,"maxLength":100},
"pointOfCare":{"type":"string","minLength":1,"maxLength":100},"unitId":{"type":"string"},"note":{"type":["string","null"],"maxLength":500}}})";

void add_ward_code_routes(http::Router& router,
                          const std::shared_ptr<service::Hl7WardCodeService>& codes) {
  router.add({http::Method::get,
              "/api/v1/hl7/ward-codes",
              http::Access::assignment,
              [codes](http::Context& c) {
                json::array items;
                for (const auto& code : codes->list(c.who())) items.push_back(ward_code_json(code));
                return json_response(json::object{{"items", std::move(items)}});
              },
              {"The hospitals' own ward codes (PV1-3.1 with its facility) "
               "mapped to Nära's wards "
               "(county administrator)",
               "HL7 v2", "", list_of(kWardCodeResponse)}});
  router.add({http::Method::get,
              "/api/v1/hl7/ward-codes/{id}",
              http::Access::assignment,
              [codes](http::Context& c) {
                const auto code = codes->get(c.who(), c.param("id"));
                return json_with_etag(ward_code_json(code), code.version);
              },
              {"One ward code mapping", "HL7 v2", "", kWardCodeResponse}});
  router.add({http::Method::post,
              "/api/v1/hl7/ward-codes",
              http::Access::assignment,
              [codes](http::Context& c) {
                auto body = read_ward_code(c.request, true);
                const service::WardCodeInput in{
                    body.facility.value_or(""), body.point_of_care.value_or(""),
                    body.unit_id.value_or(""), body.note.value_or(std::nullopt)};
                const auto created = codes->create(c.who(), in);
                auto res = json_with_etag(ward_code_json(created), created.version, 201);
                res.set_header("Location", "/api/v1/hl7/ward-codes/" + created.id);
                return res;
              },
              {"Map a hospital's ward code to a Nära ward (county administrator). 409 "
               "when the facility "
               "maps the code already",
               "HL7 v2", kWardCodeSchema, kWardCodeResponse, 201}});
  router.add({http::Method::patch,
              "/api/v1/hl7/ward-codes/{id}",
              http::Access::assignment,
              [codes](http::Context& c) {
                const auto version = if_match_version(c.request);
                const auto body = read_ward_code(c.request, false);
                const auto changed =
                    codes->update(c.who(), c.param("id"), version, [&](service::WardCodeInput& in) {
                      if (body.facility) in.facility = *body.facility;
                      if (body.point_of_care) in.point_of_care = *body.point_of_care;
                      if (body.unit_id) in.unit_id = *body.unit_id;
                      if (body.note) in.note = *body.note;
                    });
                return json_with_etag(ward_code_json(changed), changed.version);
              },
              {"Change a ward code mapping (If-Match); 409 when the facility "
               "maps the code "
               "already",
               "HL7 v2", kWardCodePatchSchema, kWardCodeResponse},
              true});
  router.add({http::Method::del,
              "/api/v1/hl7/ward-codes/{id}",
              http::Access::assignment,
              [codes](http::Context& c) {
                codes->remove(c.who(), c.param("id"));
                return no_content();
              },
              {"Remove a ward code mapping; later messages with the code are "
               "held again",
               "HL7 v2", "", "", 204}});
}

void add_held_message_routes(http::Router& router, hl7::AdtIngest& ingest,
                             const std::shared_ptr<service::Hl7WardCodeService>& codes) {
  router.add(
      {http::Method::get,
       "/api/v1/hl7/held-messages",
       http::Access::assignment,
       [codes](http::Context& c) {
         const auto list = codes->held(c.who(), held_state_param(c.request), held_limit(c.request));
         json::array items;
         for (const auto& m : list.items) items.push_back(held_json(m));
         return json_response(json::object{{"items", std::move(items)}, {"open", list.open}});
       },
       {"Messages held because their ward code was not mapped (AE, "
        "ERR-3 103), and the "
        "later messages for their visits (county administrator). Open "
        "ones oldest first",
        "HL7 v2",
        "",
        list_of(kHeldMessage, R"("open":{"type":"integer"},)"),
        200,
        {"state", "limit"}}});
  router.add({http::Method::post,
              "/api/v1/hl7/held-messages/{id}/reprocess",
              http::Access::assignment,
              [&ingest, codes](http::Context& c) {
                const auto outcomes = ingest.reprocess(c.who(), c.param("id"));
                json::array results;
                for (const auto& o : outcomes) {
                  results.push_back(json::object{
                      {"heldMessageId", o.held_id},
                      {"ackCode", hl7::ack_text(o.result.code)},
                      {"errorCode", o.result.error && o.result.code != hl7::AckCode::accept
                                        ? json::value(hl7::number(o.result.error->code))
                                        : json::value(nullptr)},
                      {"reason", o.result.reason}});
                }
                return json_response(json::object{
                    {"heldMessage", held_json(codes->held_message(c.who(), c.param("id")))},
                    {"results", std::move(results)}});
              },
              {"Bearbeta igen: run a held message through the ingest again, as "
               "its sender, then the "
               "later held messages for its visit. A message processed already "
               "is not applied twice",
               "HL7 v2", "", reprocess_response()}});
  router.add({http::Method::post,
              "/api/v1/hl7/held-messages/{id}/discard",
              http::Access::assignment,
              [codes](http::Context& c) {
                return json_response(held_json(codes->discard(c.who(), c.param("id"))));
              },
              {"Close a held message without processing it; its text is removed", "HL7 v2", "",
               kHeldMessage}});
}

}  // namespace

void add_hl7_routes(http::Router& router, Services& services) {
  auto& ingest = services.hl7;
  router.add({http::Method::post,
              "/api/v1/hl7/v2",
              http::Access::assignment,
              [&ingest](http::Context& c) {
                service::require(c.who(), domain::access::Permission::submit_hl7);
                const auto type = c.request.header("content-type").value_or("");
                if (!type.starts_with("application/hl7-v2") &&
                    !type.starts_with("x-application/hl7-v2+er7")) {
                  core::Problem p;
                  p.status = 415;
                  p.type = "https://nara.example/problems/unsupported-media-type";
                  p.title = "Fel innehållstyp";
                  p.detail = "Skicka ett HL7 v2-meddelande som application/hl7-v2.";
                  core::throw_problem(std::move(p));
                }
                auto received = interop::hl7v2::receive(c.request.body, c.who());
                const auto result = ingest.ingest(received);
                http::Response r;
                r.content_type = "application/hl7-v2";
                r.body = result.ack;
                r.set_header("X-HL7-Ack-Code", std::string(hl7::ack_text(result.code)));
                return r;
              },
              {"Send one HL7 v2 ADT message (A01, A02, A03, A08, A11, A13, A16); "
               "answers its ACK (AA, "
               "AE or AR with the reason and its HL7 table 0357 code in ERR-3). A "
               "resent control id is "
               "acknowledged without a second effect; A04 and A05 are acknowledged as "
               "not applicable; a "
               "ward code not mapped is answered AE 103 and held for the county "
               "administrator",
               "Discharge"}});
  // The table's service needs only the database and the clock; it lives as long
  // as the routes.
  const auto codes = std::make_shared<service::Hl7WardCodeService>(
      service::ServiceContext{services.db, services.clock});
  add_ward_code_routes(router, codes);
  add_held_message_routes(router, ingest, codes);
}

}  // namespace nara::api
