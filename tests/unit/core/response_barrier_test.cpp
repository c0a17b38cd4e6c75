// Completion and ResponseBarrier: how a request's audit commit is handed from the audit log to
// the HTTP server, which must not send the response before the commit has finished.
#include "core/response_barrier.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

namespace nara::core {
namespace {

TEST(Completion, ContinuationRunsWhenFinished) {
  Completion c;
  int calls = 0;
  c.on_finish([&](std::exception_ptr e) {
    EXPECT_FALSE(e);
    ++calls;
  });
  EXPECT_EQ(calls, 0);  // not before the work has finished
  c.finish(nullptr);
  EXPECT_EQ(calls, 1);
}

TEST(Completion, ContinuationAfterFinishRunsAtOnceWithTheError) {
  Completion c;
  c.finish(std::make_exception_ptr(std::runtime_error("disk full")));
  bool failed = false;
  c.on_finish([&](std::exception_ptr e) { failed = static_cast<bool>(e); });
  EXPECT_TRUE(failed);
}

TEST(Completion, WaitBlocksUntilFinishedAndRethrows) {
  Completion ok;
  std::thread t([&] { ok.finish(nullptr); });
  EXPECT_NO_THROW(ok.wait());
  t.join();
  Completion bad;
  bad.finish(std::make_exception_ptr(std::runtime_error("disk full")));
  EXPECT_THROW(bad.wait(), std::runtime_error);
}

TEST(ResponseBarrier, CurrentOnlyInsideTheScopeAndOnlyOnThisThread) {
  EXPECT_EQ(ResponseBarrier::current(), nullptr);
  ResponseBarrier barrier;
  {
    const ResponseBarrier::Scope scope(barrier);
    EXPECT_EQ(ResponseBarrier::current(), &barrier);
    ResponseBarrier* other_thread = &barrier;
    std::thread([&] { other_thread = ResponseBarrier::current(); }).join();
    EXPECT_EQ(other_thread, nullptr);
    barrier.add(std::make_shared<Completion>());
  }
  EXPECT_EQ(ResponseBarrier::current(), nullptr);
  EXPECT_EQ(barrier.take().size(), 1U);
  EXPECT_TRUE(barrier.take().empty());
}

}  // namespace
}  // namespace nara::core
