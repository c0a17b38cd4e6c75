#pragma once
// Removal operators (the "ruin" half of ruin-and-recreate). Each removes about `count` visits
// from the solution and appends them to `removed`; a linked visit always leaves with its partner,
// so a double-staffed visit is never half planned.
#include <cstddef>
#include <random>
#include <vector>

#include "domain/planning/solution.hpp"

namespace nara::domain::planning::detail {

enum class RuinKind { kRandom, kStrings, kRelated, kWorst, kCount };

class Ruin {
 public:
  explicit Ruin(const Prepared& prepared) : prepared_(prepared) {}
  void apply(RuinKind kind, Solution& s, std::size_t count, std::mt19937_64& rng,
             std::vector<std::size_t>& removed);

 private:
  void take(Solution& s, std::size_t visit, std::vector<std::size_t>& removed) const;
  [[nodiscard]] std::size_t random_served(const Solution& s, std::mt19937_64& rng);
  void random(Solution& s, std::size_t count, std::mt19937_64& rng, std::vector<std::size_t>& out);
  void strings(Solution& s, std::size_t count, std::mt19937_64& rng, std::vector<std::size_t>& out);
  void related(Solution& s, std::size_t count, std::mt19937_64& rng, std::vector<std::size_t>& out);
  void worst(Solution& s, std::size_t count, std::mt19937_64& rng, std::vector<std::size_t>& out);

  const Prepared& prepared_;
  std::vector<std::size_t> scratch_;
  std::vector<double> score_;
};

}  // namespace nara::domain::planning::detail
