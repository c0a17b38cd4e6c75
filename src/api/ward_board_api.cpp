// GET /api/v1/episodes?ward=: the ward's discharge board (Lag 2017:612), in its own file so the
// episode API's commands and this read model can change independently.
#include "api/routes.hpp"
#include "api/support.hpp"
#include "core/problem.hpp"

namespace nara::api {

namespace {

boost::json::value iso(const std::optional<core::Instant>& at) {
  return at ? boost::json::value(core::format_iso8601(*at)) : nullptr;
}

}  // namespace

void add_ward_board_routes(http::Router& router, Services& services) {
  auto& boards = services.ward_boards;
  const auto& clock = services.clock;
  router.add(
      {http::Method::get,
       "/api/v1/episodes",
       http::Access::assignment,
       [&boards, &clock](http::Context& c) {
         const auto board = boards.for_ward(c.who(), query_text(c.request, "ward", 64),
                                            episode_state_param(c.request));
         const auto now = clock.now();
         boost::json::array episodes;
         for (const auto& e : board.episodes) {
           // The summary the board sorts and colours by: open clocks, how many are overdue, and
           // the next one due; the full clocks follow for the detail.
           boost::json::array clocks;
           std::int64_t open = 0;
           std::int64_t overdue = 0;
           const domain::discharge::StatutoryClock* next = nullptr;
           for (const auto& k : e.clocks) {
             clocks.push_back(boost::json::object{{"kind", domain::discharge::to_string(k.kind)},
                                                  {"due", core::format_iso8601(k.due)},
                                                  {"metAt", iso(k.met_at)},
                                                  {"breached", k.breached},
                                                  {"rule", k.rule}});
             if (k.met_at) continue;
             ++open;
             if (k.due < now) ++overdue;
             if (!next || k.due < next->due) next = &k;
           }
           episodes.push_back(boost::json::object{
               {"id", e.episode_id},
               {"personId", e.person_id},
               {"personName", e.person_name},
               {"state", domain::discharge::to_string(e.state)},
               {"admittedAt", core::format_iso8601(e.admitted_at)},
               {"plannedDischarge", iso(e.planned_discharge)},
               {"dischargedAt", iso(e.discharged_at)},
               {"version", e.version},
               {"clockSummary",
                boost::json::object{
                    {"open", open},
                    {"overdue", overdue},
                    {"nextKind", next ? boost::json::value(domain::discharge::to_string(next->kind))
                                      : boost::json::value(nullptr)},
                    {"nextDue", next ? boost::json::value(core::format_iso8601(next->due))
                                     : boost::json::value(nullptr)},
                    {"secondsLeft",
                     next ? boost::json::value(
                                std::chrono::duration_cast<std::chrono::seconds>(next->due - now)
                                    .count())
                          : boost::json::value(nullptr)}}},
               {"clocks", std::move(clocks)}});
         }
         return json_response(boost::json::object{{"wardUnitId", board.ward_unit_id},
                                                  {"wardName", board.ward_name},
                                                  {"episodes", std::move(episodes)}});
       },
       {"Your ward's discharge board: active episodes and those discharged within 48 hours, with "
        "state, planned discharge and statutory clocks",
        "Discharge",
        "",
        "",
        200,
        {"ward", "state"}}});
}

}  // namespace nara::api
