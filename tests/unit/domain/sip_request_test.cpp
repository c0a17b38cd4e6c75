// Issue 5 point 4: requests between organisations — sent, received, accepted, declined with a
// reason, done; withdrawn by the sender; due dates.
#include <gtest/gtest.h>

#include "domain/requests/request.hpp"

namespace nara::domain::requests {
namespace {

core::Instant at(const char* text) {
  return core::parse_iso8601(text, "test");
}

Request sent() {
  Request r;
  r.sent_at = at("2026-03-02T09:00:00+01:00");
  r.due_at = at("2026-03-04T16:00:00+01:00");
  return r;
}

Event ev(EventKind kind, const char* when, std::optional<std::string> reason = std::nullopt) {
  return Event{kind, at(when), std::move(reason)};
}

TEST(Request, ReceiptAcceptanceAndCompletion) {
  Request r = sent();
  ASSERT_FALSE(apply(r, ev(EventKind::receive, "2026-03-02T10:00:00+01:00")));
  EXPECT_EQ(r.state, RequestState::received);
  EXPECT_EQ(apply(r, ev(EventKind::receive, "2026-03-02T10:05:00+01:00"))->rule,
            "request.not_sent");
  EXPECT_EQ(apply(r, ev(EventKind::complete, "2026-03-02T10:05:00+01:00"))->rule,
            "request.not_accepted");
  ASSERT_FALSE(apply(r, ev(EventKind::accept, "2026-03-02T11:00:00+01:00")));
  EXPECT_EQ(r.state, RequestState::accepted);
  EXPECT_EQ(r.received_at, at("2026-03-02T10:00:00+01:00"));  // the first receipt stays
  EXPECT_EQ(apply(r, ev(EventKind::cancel, "2026-03-02T12:00:00+01:00"))->rule, "request.answered");
  ASSERT_FALSE(apply(r, ev(EventKind::complete, "2026-03-03T11:00:00+01:00")));
  EXPECT_EQ(r.state, RequestState::done);
  EXPECT_FALSE(r.open());
}

TEST(Request, AcceptingUnreceivedRequestIsAlsoItsReceipt) {
  Request r = sent();
  ASSERT_FALSE(apply(r, ev(EventKind::accept, "2026-03-02T11:00:00+01:00")));
  EXPECT_EQ(r.received_at, at("2026-03-02T11:00:00+01:00"));
}

TEST(Request, DeclineNeedsAReason) {
  Request r = sent();
  auto refused = apply(r, ev(EventKind::decline, "2026-03-02T11:00:00+01:00"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->rule, "request.decline_reason");
  EXPECT_EQ(refused->field, "reason");
  EXPECT_EQ(apply(r, ev(EventKind::decline, "2026-03-02T11:00:00+01:00", "Nej"))->rule,
            "request.decline_reason");
  EXPECT_EQ(r.state, RequestState::sent);  // refusals change nothing
  ASSERT_FALSE(apply(r, ev(EventKind::decline, "2026-03-02T11:00:00+01:00",
                           "Personen är inskriven i hemsjukvård i annan kommun.")));
  EXPECT_EQ(r.state, RequestState::declined);
  EXPECT_TRUE(r.decline_reason);
  EXPECT_EQ(apply(r, ev(EventKind::accept, "2026-03-02T12:00:00+01:00"))->rule, "request.answered");
}

TEST(Request, SenderWithdrawsOnlyUnansweredRequests) {
  Request r = sent();
  ASSERT_FALSE(apply(r, ev(EventKind::cancel, "2026-03-02T09:30:00+01:00")));
  EXPECT_EQ(r.state, RequestState::cancelled);
  EXPECT_EQ(side_of(EventKind::cancel), Side::sender);
  EXPECT_EQ(side_of(EventKind::accept), Side::recipient);
  EXPECT_EQ(apply(r, ev(EventKind::receive, "2026-03-02T10:00:00+01:00"))->rule,
            "request.not_sent");
}

TEST(Request, NoEventBeforeTheRequestWasSent) {
  Request r = sent();
  EXPECT_EQ(apply(r, ev(EventKind::receive, "2026-03-01T10:00:00+01:00"))->rule,
            "request.before_sent");
}

TEST(Request, OverdueUntilDoneDeclinedOrWithdrawn) {
  Request r = sent();
  EXPECT_FALSE(overdue(r, at("2026-03-04T16:00:00+01:00")));
  EXPECT_TRUE(overdue(r, at("2026-03-04T16:00:01+01:00")));
  ASSERT_FALSE(apply(r, ev(EventKind::accept, "2026-03-04T17:00:00+01:00")));
  EXPECT_TRUE(overdue(r, at("2026-03-05T09:00:00+01:00")));  // accepted is not yet done
  ASSERT_FALSE(apply(r, ev(EventKind::complete, "2026-03-05T10:00:00+01:00")));
  EXPECT_FALSE(overdue(r, at("2026-03-06T09:00:00+01:00")));
  Request no_due = sent();
  no_due.due_at.reset();
  EXPECT_FALSE(overdue(no_due, at("2030-01-01T00:00:00Z")));
}

TEST(Request, TypesAndStatesRoundTrip) {
  for (const auto& t : request_types()) EXPECT_EQ(find_request_type(t.code), &t);
  EXPECT_EQ(find_request_type("nonsense"), nullptr);
  for (auto s : {RequestState::sent, RequestState::received, RequestState::accepted,
                 RequestState::declined, RequestState::done, RequestState::cancelled}) {
    EXPECT_EQ(parse_request_state(to_string(s)), s);
  }
}

}  // namespace
}  // namespace nara::domain::requests
