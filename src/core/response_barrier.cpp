#include "core/response_barrier.hpp"

namespace nara::core {

void Completion::finish(const std::exception_ptr& error) {
  std::function<void(std::exception_ptr)> then;
  {
    const std::lock_guard lock(mutex_);
    done_ = true;
    error_ = error;
    then.swap(then_);
  }
  finished_.notify_all();
  if (then) then(error);
}

void Completion::on_finish(std::function<void(std::exception_ptr)> then) {
  std::exception_ptr error;
  {
    const std::lock_guard lock(mutex_);
    if (!done_) {
      then_ = std::move(then);
      return;
    }
    error = error_;
  }
  then(error);
}

void Completion::wait() {
  std::unique_lock lock(mutex_);
  finished_.wait(lock, [this] { return done_; });
  if (error_) std::rethrow_exception(error_);
}

namespace {
thread_local ResponseBarrier* current_barrier = nullptr;
}

ResponseBarrier* ResponseBarrier::current() {
  return current_barrier;
}

ResponseBarrier::Scope::Scope(ResponseBarrier& barrier) : previous_(current_barrier) {
  current_barrier = &barrier;
}

ResponseBarrier::Scope::~Scope() {
  current_barrier = previous_;
}

}  // namespace nara::core
