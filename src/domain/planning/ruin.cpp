#include "domain/planning/ruin.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace nara::domain::planning::detail {

namespace {
constexpr std::size_t kMaxStringLength = 10;
// Randomised greedy selection (Ropke & Pisinger 2006): the rank is drawn as size * u^p, so the
// best candidates are likely but not certain.
constexpr double kSelectionPower = 4.0;

std::size_t skewed_rank(std::size_t size, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const double u = std::pow(unit(rng), kSelectionPower);
  return std::min(size - 1, static_cast<std::size_t>(u * static_cast<double>(size)));
}
}  // namespace

void Ruin::take(Solution& s, std::size_t visit, std::vector<std::size_t>& removed) const {
  if (!s.served(visit)) return;
  s.remove(visit);
  removed.push_back(visit);
  const std::size_t partner = prepared_.partner[visit];
  if (partner != kNone && s.served(partner)) {
    s.remove(partner);
    removed.push_back(partner);
  }
}

std::size_t Ruin::random_served(const Solution& s, std::mt19937_64& rng) {
  scratch_.clear();
  for (std::size_t v = 0; v < s.route_of.size(); ++v) {
    if (s.served(v)) scratch_.push_back(v);
  }
  if (scratch_.empty()) return kNone;
  return scratch_[std::uniform_int_distribution<std::size_t>(0, scratch_.size() - 1)(rng)];
}

void Ruin::apply(RuinKind kind, Solution& s, std::size_t count, std::mt19937_64& rng,
                 std::vector<std::size_t>& removed) {
  switch (kind) {
    case RuinKind::kRandom:
      random(s, count, rng, removed);
      break;
    case RuinKind::kStrings:
      strings(s, count, rng, removed);
      break;
    case RuinKind::kRelated:
      related(s, count, rng, removed);
      break;
    case RuinKind::kWorst:
    case RuinKind::kCount:
      worst(s, count, rng, removed);
      break;
  }
}

void Ruin::random(Solution& s, std::size_t count, std::mt19937_64& rng,
                  std::vector<std::size_t>& out) {
  scratch_.clear();
  for (std::size_t v = 0; v < s.route_of.size(); ++v) {
    if (s.served(v)) scratch_.push_back(v);
  }
  std::shuffle(scratch_.begin(), scratch_.end(), rng);
  const std::vector<std::size_t> order = scratch_;
  for (std::size_t v : order) {
    if (out.size() >= count) break;
    take(s, v, out);
  }
}

// Removes short strings of consecutive visits from several routes near one seed visit: the
// slack this creates lets the greedy re-insertion rebuild a whole neighbourhood (SISR).
void Ruin::strings(Solution& s, std::size_t count, std::mt19937_64& rng,
                   std::vector<std::size_t>& out) {
  const std::size_t seed = random_served(s, rng);
  if (seed == kNone) return;
  std::vector<std::size_t> ruined_routes;
  std::vector<std::size_t> around{seed};
  around.insert(around.end(), prepared_.neighbours[seed].begin(), prepared_.neighbours[seed].end());
  const std::size_t average = std::max<std::size_t>(1, count / 3);
  for (std::size_t v : around) {
    if (out.size() >= count) break;
    if (!s.served(v)) continue;
    const std::size_t r = s.route_of[v];
    if (std::find(ruined_routes.begin(), ruined_routes.end(), r) != ruined_routes.end()) continue;
    ruined_routes.push_back(r);
    const std::size_t size = s.routes[r].size();
    const std::size_t max_length = std::min({size, kMaxStringLength, 2 * average});
    const std::size_t length = std::uniform_int_distribution<std::size_t>(1, max_length)(rng);
    const std::size_t position = s.position_of[v];
    const std::size_t lowest = position + 1 >= length ? position + 1 - length : 0;
    const std::size_t highest = std::min(position, size - length);
    const std::size_t first = std::uniform_int_distribution<std::size_t>(lowest, highest)(rng);
    const std::vector<std::size_t> string(
        s.routes[r].begin() + static_cast<std::ptrdiff_t>(first),
        s.routes[r].begin() + static_cast<std::ptrdiff_t>(first + length));
    for (std::size_t u : string) take(s, u, out);
  }
}

void Ruin::related(Solution& s, std::size_t count, std::mt19937_64& rng,
                   std::vector<std::size_t>& out) {
  const std::size_t seed = random_served(s, rng);
  if (seed == kNone) return;
  take(s, seed, out);
  // Related = close in space and in time: the neighbours of the seed ranked by both.
  const Instance& inst = prepared_.instance;
  scratch_ = prepared_.neighbours[seed];
  const Visit& origin = inst.visits[seed];
  const auto relatedness = [&](std::size_t v) {
    const Visit& x = inst.visits[v];
    return inst.travel(origin.location, x.location) + std::abs(x.earliest - origin.earliest);
  };
  std::sort(scratch_.begin(), scratch_.end(), [&](std::size_t a, std::size_t b) {
    return relatedness(a) != relatedness(b) ? relatedness(a) < relatedness(b) : a < b;
  });
  std::vector<std::size_t> candidates = scratch_;
  while (out.size() < count && !candidates.empty()) {
    const std::size_t rank = skewed_rank(candidates.size(), rng);
    take(s, candidates[rank], out);
    candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(rank));
  }
}

// Removes visits whose removal saves the most: detour plus lateness.
void Ruin::worst(Solution& s, std::size_t count, std::mt19937_64& rng,
                 std::vector<std::size_t>& out) {
  const Instance& inst = prepared_.instance;
  scratch_.clear();
  score_.assign(s.route_of.size(), 0.0);
  for (std::size_t r = 0; r < s.routes.size(); ++r) {
    const auto& route = s.routes[r];
    const Caregiver& c = inst.caregivers[r];
    for (std::size_t i = 0; i < route.size(); ++i) {
      const std::size_t prev = i == 0 ? c.start_location : inst.visits[route[i - 1]].location;
      const std::size_t next =
          i + 1 == route.size() ? c.end_location : inst.visits[route[i + 1]].location;
      const Visit& v = inst.visits[route[i]];
      const double detour =
          inst.travel(prev, v.location) + inst.travel(v.location, next) - inst.travel(prev, next);
      score_[route[i]] = inst.weights.travel * detour +
                         inst.weights.total_tardiness * std::max(0.0, s.start[route[i]] - v.latest);
      scratch_.push_back(route[i]);
    }
  }
  std::sort(scratch_.begin(), scratch_.end(), [&](std::size_t a, std::size_t b) {
    return score_[a] != score_[b] ? score_[a] > score_[b] : a < b;
  });
  std::vector<std::size_t> candidates = scratch_;
  while (out.size() < count && !candidates.empty()) {
    const std::size_t rank = skewed_rank(candidates.size(), rng);
    take(s, candidates[rank], out);
    candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(rank));
  }
}

}  // namespace nara::domain::planning::detail
