#include "domain/planning/solver.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>

#include "domain/planning/repair.hpp"
#include "domain/planning/ruin.hpp"
#include "domain/planning/solution.hpp"

namespace nara::domain::planning {

namespace {
using detail::Evaluator;
using detail::Prepared;
using detail::Repair;
using detail::Ruin;
using detail::RuinKind;
using detail::Solution;

constexpr double kBlinkRate = 0.01;
constexpr std::size_t kSegment = 100;  // iterations between operator weight updates
constexpr double kReaction = 0.2;
// Scores of Ropke & Pisinger (2006): new best, improved current, accepted worse.
constexpr double kScoreBest = 33.0;
constexpr double kScoreBetter = 9.0;
constexpr double kScoreAccepted = 13.0;
constexpr std::size_t kRuinKinds = static_cast<std::size_t>(RuinKind::kCount);

// Better = feasible before infeasible, then cheaper.
bool better(const Solution& a, const Solution& b) {
  if (a.feasible() != b.feasible()) return a.feasible();
  return a.cost < b.cost;
}

enum class InsertionOrder { kRandom, kEarliestFirst, kTightestFirst, kLongestFirst };

void order_pending(const Instance& inst, std::vector<std::size_t>& pending, InsertionOrder order,
                   std::mt19937_64& rng) {
  std::shuffle(pending.begin(), pending.end(), rng);
  const auto by = [&](auto key) {
    std::stable_sort(pending.begin(), pending.end(),
                     [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  };
  switch (order) {
    case InsertionOrder::kRandom:
      break;
    case InsertionOrder::kEarliestFirst:
      by([&](std::size_t v) { return inst.visits[v].earliest; });
      break;
    case InsertionOrder::kTightestFirst:
      by([&](std::size_t v) { return inst.visits[v].latest - inst.visits[v].earliest; });
      break;
    case InsertionOrder::kLongestFirst:
      by([&](std::size_t v) { return -inst.visits[v].duration; });
      break;
  }
}

struct SearchOutcome {
  Solution best;
  std::uint64_t iterations = 0;
};

class Search {
 public:
  Search(const Prepared& prepared, const SolverOptions& options, std::uint64_t seed)
      : prepared_(prepared),
        options_(options),
        rng_(seed),
        evaluator_(prepared),
        repair_(prepared, evaluator_),
        ruin_(prepared) {}

  SearchOutcome run() {
    const Instance& inst = prepared_.instance;
    Solution current(prepared_);
    evaluator_.evaluate(current);
    std::vector<std::size_t> pending(inst.visits.size());
    std::iota(pending.begin(), pending.end(), 0);
    order_pending(inst, pending, InsertionOrder::kEarliestFirst, rng_);
    repair_.insert_all(current, pending, rng_, 0.0);
    evaluator_.evaluate(current);
    Solution best = current;
    Solution candidate = current;

    const std::size_t n = inst.visits.size();
    const double per_visit =
        std::isfinite(current.cost) && n > 0 ? current.cost / static_cast<double>(n) : 1.0;
    const double start_temperature = std::max(1e-9, options_.start_temperature * per_visit);
    const double end_temperature = std::max(1e-12, options_.end_temperature * per_visit);
    const std::size_t max_removed = std::max<std::size_t>(
        1, std::min({options_.max_removed, n, std::max<std::size_t>(4, n / 4)}));

    std::array<double, kRuinKinds> weight{};
    weight.fill(1.0);
    std::array<double, kRuinKinds> score{};
    std::array<std::size_t, kRuinKinds> used{};
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<std::size_t> removed;
    std::uint64_t iteration = 0;
    if (n == 0) return {best, 0};
    for (;; ++iteration) {
      const double progress = this->progress(iteration);
      if (progress >= 1.0) break;
      const double temperature =
          start_temperature * std::pow(end_temperature / start_temperature, progress);

      const std::size_t kind = pick(weight, unit(rng_));
      candidate = current;
      removed.clear();
      const std::size_t count = std::uniform_int_distribution<std::size_t>(1, max_removed)(rng_);
      ruin_.apply(static_cast<RuinKind>(kind), candidate, count, rng_, removed);
      // Unserved visits get another chance every iteration.
      for (std::size_t v = 0; v < n; ++v) {
        if (!candidate.served(v) && std::find(removed.begin(), removed.end(), v) == removed.end()) {
          removed.push_back(v);
        }
      }
      evaluator_.evaluate(candidate);
      const auto order =
          static_cast<InsertionOrder>(std::uniform_int_distribution<int>(0, 3)(rng_));
      order_pending(inst, removed, order, rng_);
      repair_.insert_all(candidate, removed, rng_, kBlinkRate);
      evaluator_.evaluate(candidate);

      ++used[kind];
      const double threshold = current.cost - temperature * std::log(std::max(1e-300, unit(rng_)));
      if (better(candidate, best)) {
        score[kind] += kScoreBest;
        best = candidate;
        std::swap(current, candidate);
      } else if (candidate.cost < threshold) {
        score[kind] += candidate.cost < current.cost ? kScoreBetter : kScoreAccepted;
        std::swap(current, candidate);
      }
      if ((iteration + 1) % kSegment == 0) {
        for (std::size_t k = 0; k < kRuinKinds; ++k) {
          if (used[k] == 0) continue;
          weight[k] = (1.0 - kReaction) * weight[k] +
                      kReaction * std::max(0.05, score[k] / static_cast<double>(used[k]));
          score[k] = 0.0;
          used[k] = 0;
        }
      }
    }
    if (!best.feasible()) evaluator_.make_feasible(best);
    return {best, iteration};
  }

 private:
  double progress(std::uint64_t iteration) const {
    double p = 0.0;
    if (options_.max_iterations > 0) {
      p = static_cast<double>(iteration) / static_cast<double>(options_.max_iterations);
    }
    if (options_.elapsed_seconds && options_.time_limit_seconds > 0.0) {
      p = std::max(p, options_.elapsed_seconds() / options_.time_limit_seconds);
    }
    return p;
  }

  static std::size_t pick(const std::array<double, kRuinKinds>& weight, double u) {
    const double sum = std::accumulate(weight.begin(), weight.end(), 0.0);
    double acc = 0.0;
    for (std::size_t k = 0; k < kRuinKinds; ++k) {
      acc += weight[k] / sum;
      if (u < acc) return k;
    }
    return kRuinKinds - 1;
  }

  const Prepared& prepared_;
  const SolverOptions& options_;
  std::mt19937_64 rng_;
  Evaluator evaluator_;
  Repair repair_;
  Ruin ruin_;
};

}  // namespace

SolverResult solve(const Instance& instance, const SolverOptions& options) {
  const auto problems = validate(instance);
  if (!problems.empty()) throw std::invalid_argument("invalid planning instance: " + problems[0]);
  const bool timed = options.elapsed_seconds && options.time_limit_seconds > 0.0;
  if (!timed && options.max_iterations == 0) {
    throw std::invalid_argument("the solver needs a time limit with a time source, or iterations");
  }
  Prepared prepared(instance);
  prepared.granular = options.granular;
  const unsigned threads = std::max(1U, options.threads);
  std::vector<std::optional<SearchOutcome>> outcomes(threads);
  const auto work = [&](unsigned t) {
    // Derived seeds keep every thread's search reproducible on its own.
    Search search(prepared, options, options.seed + 0x9E3779B97F4A7C15ULL * t);
    outcomes[t] = search.run();
  };
  if (threads == 1) {
    work(0);
  } else {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
  }
  std::size_t winner = 0;
  std::uint64_t iterations = 0;
  for (std::size_t t = 0; t < outcomes.size(); ++t) {
    iterations += outcomes[t]->iterations;
    if (better(outcomes[t]->best, outcomes[winner]->best)) winner = t;
  }
  SolverResult result;
  result.plan = detail::to_plan(prepared, outcomes[winner]->best);
  result.feasible = outcomes[winner]->best.feasible();
  result.iterations = iterations;
  return result;
}

}  // namespace nara::domain::planning
