#pragma once
// Work a request has started that must finish before its response may leave: the audit log's
// group commit of a read's entries. Handlers run synchronously on the HTTP server's I/O threads;
// if each blocked its thread until the commit, a batch could never hold more entries than there
// are I/O threads (4 on two cores), and every read would pay for a commit and two thread
// switches of its own. Instead the server installs a barrier around the handler call, the audit
// log registers the pending commit with it, and the server waits for the commit without holding
// a thread, then sends the response — or a 500 if the commit failed. Without a barrier (command
// line, tests) the caller simply blocks.
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace nara::core {

// One piece of pending work; finished exactly once, from any thread.
class Completion {
 public:
  void finish(const std::exception_ptr& error);
  // Runs `then` once finished: at once if already finished, else on the finishing thread.
  void on_finish(std::function<void(std::exception_ptr)> then);
  // Blocks until finished and rethrows its error.
  void wait();

 private:
  std::mutex mutex_;
  std::condition_variable finished_;
  bool done_ = false;
  std::exception_ptr error_;
  std::function<void(std::exception_ptr)> then_;
};

class ResponseBarrier {
 public:
  // The barrier of the request being handled on this thread, or nullptr.
  static ResponseBarrier* current();

  // Makes `barrier` current on this thread for the scope's lifetime.
  class Scope {
   public:
    explicit Scope(ResponseBarrier& barrier);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    ResponseBarrier* previous_;
  };

  void add(std::shared_ptr<Completion> work) { pending_.push_back(std::move(work)); }
  // Everything added so far; leaves the barrier empty.
  std::vector<std::shared_ptr<Completion>> take() {
    std::vector<std::shared_ptr<Completion>> out;
    out.swap(pending_);
    return out;
  }

 private:
  std::vector<std::shared_ptr<Completion>> pending_;
};

}  // namespace nara::core
