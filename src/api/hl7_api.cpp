// POST /api/v1/hl7/v2: HL7 v2 ADT over HTTP, for senders without MLLP. The body is one message
// (ER7, Content-Type application/hl7-v2); the answer is its ACK, also when the ACK is AE or AR —
// the ACK is the outcome, as over MLLP. Only a system account (role integration) may send.
#include "api/routes.hpp"
#include "api/support.hpp"
#include "core/problem.hpp"
#include "service/authorization.hpp"

namespace nara::api {

void add_hl7_routes(http::Router& router, Services& services) {
  auto& ingest = services.hl7;
  router.add(
      {http::Method::post,
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
         r.set_header("X-HL7-Ack-Code", result.code == interop::hl7v2::AckCode::accept  ? "AA"
                                        : result.code == interop::hl7v2::AckCode::error ? "AE"
                                                                                        : "AR");
         return r;
       },
       {"Send one HL7 v2 ADT message (A01, A02, A03, A08, A11, A13, A16); answers its ACK (AA, "
        "AE or AR with the reason). A resent control id is acknowledged without a second effect",
        "Discharge"}});
}

}  // namespace nara::api
