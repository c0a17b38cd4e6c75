#include "domain/planning/repair.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace nara::domain::planning::detail {

namespace {
constexpr double kInfinite = std::numeric_limits<double>::infinity();
constexpr double kEpsilon = 1e-9;
constexpr std::size_t kPairShortlist = 8;  // per side; pairs are combined from these
constexpr std::size_t kPairAttempts = 4;   // combinations tried when one deadlocks
constexpr std::size_t kMinimumNeighbourRoutes = 4;
}  // namespace

Repair::Repair(const Prepared& prepared, Evaluator& evaluator)
    : prepared_(prepared),
      evaluator_(evaluator),
      route_mark_(prepared.instance.caregivers.size(), 0),
      twin_mark_(prepared.instance.caregivers.size(), 0) {}

void Repair::candidate_routes(const Solution& s, std::size_t visit) const {
  routes_.clear();
  ++stamp_;
  std::size_t working = 0;
  if (prepared_.granular) {
    for (std::size_t w : prepared_.neighbours[visit]) {
      const std::size_t r = s.route_of[w];
      if (r == kNone || route_mark_[r] == stamp_ || !prepared_.may(visit, r)) continue;
      route_mark_[r] = stamp_;
      routes_.push_back(r);
      ++working;
    }
  }
  const bool all = !prepared_.granular || working < kMinimumNeighbourRoutes;
  for (std::size_t r : prepared_.eligible[visit]) {
    if (route_mark_[r] == stamp_) continue;
    if (s.routes[r].empty()) {
      const std::size_t twin = prepared_.idle_twin[r];
      if (twin_mark_[twin] == stamp_) continue;
      twin_mark_[twin] = stamp_;
    } else if (!all) {
      continue;
    }
    route_mark_[r] = stamp_;
    routes_.push_back(r);
  }
}

double Repair::ready_at(const Solution& s, std::size_t route, std::size_t position,
                        std::size_t visit) const {
  const Instance& inst = prepared_.instance;
  const Caregiver& c = inst.caregivers[route];
  const Visit& v = inst.visits[visit];
  if (position == 0) {
    return std::max(c.shift_start + inst.travel(c.start_location, v.location), v.earliest);
  }
  const std::size_t prev = s.routes[route][position - 1];
  const Visit& p = inst.visits[prev];
  return std::max(s.start[prev] + p.duration + inst.travel(p.location, v.location), v.earliest);
}

double Repair::position_cost(const Solution& s, std::size_t r, std::size_t position,
                             std::size_t visit, double start, double cutoff) const {
  const Instance& inst = prepared_.instance;
  const ObjectiveWeights& w = inst.weights;
  const Caregiver& c = inst.caregivers[r];
  const Visit& v = inst.visits[visit];
  const auto& route = s.routes[r];
  const RouteStats& st = s.stats[r];
  if (st.load + v.demand > c.capacity + kEpsilon) return kInfinite;
  const double late = start - v.latest;
  if (late > kEpsilon && v.latest_is_hard) return kInfinite;

  const std::size_t prev_loc =
      position == 0 ? c.start_location : inst.visits[route[position - 1]].location;
  const std::size_t next_loc =
      position == route.size() ? c.end_location : inst.visits[route[position]].location;
  const double old_leg = route.empty() ? 0.0 : inst.travel(prev_loc, next_loc);
  double cost =
      w.travel * (inst.travel(prev_loc, v.location) + inst.travel(v.location, next_loc) - old_leg);

  if (prepared_.tracks_continuity()) {
    const std::size_t key = v.person * s.routes.size() + r;
    if (s.person_caregiver_visits[key] == 0 && !prepared_.known_caregiver[key]) {
      cost += w.continuity;
    }
  }
  if (prepared_.time_costs_free && st.linked_visits == 0 && c.break_duration == 0.0) {
    // Only hard limits depend on time: one look at the next visit's latest start suffices.
    const double leave = start + v.duration + inst.travel(v.location, next_loc);
    const double limit =
        position == route.size() ? st.latest_return : s.latest_start[route[position]];
    if (route.empty()) {
      return leave <= c.shift_end + c.max_overtime + kEpsilon ? cost : kInfinite;
    }
    return leave <= limit + kEpsilon ? cost : kInfinite;
  }
  double tardiness = v.latest_is_hard ? 0.0 : std::max(0.0, late);
  if (cost + w.total_tardiness * tardiness >= cutoff) return kInfinite;
  double worst = tardiness;
  double end = start + v.duration;
  std::size_t at = v.location;
  bool absorbed = false;
  for (std::size_t k = position; k < route.size(); ++k) {
    const std::size_t u = route[k];
    const Visit& next = inst.visits[u];
    if (k == st.break_before && st.has_break) {  // the break moves with the visits before it
      const double break_start = std::max(end, c.break_earliest);
      if (break_start > c.break_latest + kEpsilon) return kInfinite;
      end = break_start + c.break_duration;
    }
    const double arrival = end + inst.travel(at, next.location);
    if (arrival <= s.start[u] + kEpsilon) {
      absorbed = true;
      break;
    }
    const double new_late = arrival - next.latest;
    if (next.latest_is_hard) {
      if (new_late > kEpsilon) return kInfinite;
    } else {
      tardiness += std::max(0.0, new_late) - std::max(0.0, s.start[u] - next.latest);
      worst = std::max(worst, new_late);
      if (cost + w.total_tardiness * tardiness >= cutoff) return kInfinite;
    }
    end = arrival + next.duration;
    at = next.location;
  }
  if (!absorbed && st.has_break && st.break_before == route.size() &&
      std::max(end, c.break_earliest) > c.break_latest + kEpsilon) {
    return kInfinite;
  }
  if (!absorbed) {
    const double old_base =
        route.empty()
            ? c.shift_start
            : st.last_end + inst.travel(inst.visits[route.back()].location, c.end_location);
    const double new_return =
        (route.empty() ? 0.0 : st.return_time - old_base) + end + inst.travel(at, c.end_location);
    const double old_overtime = std::max(0.0, st.return_time - c.shift_end);
    const double new_overtime = std::max(0.0, new_return - c.shift_end);
    if (new_overtime > c.max_overtime + kEpsilon) return kInfinite;
    cost += w.overtime * (new_overtime - old_overtime);
  }
  cost += w.total_tardiness * tardiness +
          w.max_tardiness * std::max(0.0, worst - s.objective.max_tardiness);
  return cost;
}

void Repair::candidates(const Solution& s, std::size_t visit, std::size_t keep,
                        std::mt19937_64& rng, double blink, std::vector<Candidate>& out) const {
  out.clear();
  // Blinks need one coin per position; a xorshift seeded from the search's generator keeps them
  // cheap and still reproducible.
  std::uint64_t state = rng() | 1U;
  const auto coin = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return static_cast<double>(state >> 11) * 0x1.0p-53;
  };
  const auto by_cost = [](const Candidate& a, const Candidate& b) { return a.cost < b.cost; };
  candidate_routes(s, visit);
  for (std::size_t r : routes_) {
    for (std::size_t p = 0; p <= s.routes[r].size(); ++p) {
      if (blink > 0.0 && coin() < blink) continue;
      const double cutoff = out.size() < keep ? kInfinite : out.back().cost;
      const double ready = ready_at(s, r, p, visit);
      const double cost = position_cost(s, r, p, visit, ready, cutoff);
      if (cost >= cutoff) continue;
      const Candidate found{r, p, ready, cost};
      if (out.size() == keep) out.pop_back();
      out.insert(std::upper_bound(out.begin(), out.end(), found, by_cost), found);
    }
  }
}

void Repair::refresh(Solution& s, std::size_t route) {
  evaluator_.evaluate_route(s, route);
}

void Repair::insert_single(Solution& s, std::size_t visit, std::mt19937_64& rng, double blink) {
  candidates(s, visit, 1, rng, blink, first_);
  if (first_.empty()) return;
  const auto best = first_.begin();
  const Instance& inst = prepared_.instance;
  if (best->cost >= unserved_weight(inst.weights, inst.visits[visit].priority)) return;
  s.insert(visit, best->route, best->position);
  refresh(s, best->route);
}

void Repair::insert_pair(Solution& s, std::size_t link, std::mt19937_64& rng, double blink) {
  const Instance& inst = prepared_.instance;
  const VisitLink& l = inst.links[link];
  candidates(s, l.first, kPairShortlist, rng, blink, first_);
  candidates(s, l.second, kPairShortlist, rng, blink, second_);
  struct Combination {
    std::size_t a, b;
    double cost;
  };
  std::vector<Combination> combinations;
  for (std::size_t i = 0; i < first_.size(); ++i) {
    for (std::size_t j = 0; j < second_.size(); ++j) {
      const Candidate& a = first_[i];
      const Candidate& b = second_[j];
      if (a.route == b.route) continue;
      const double start_a = std::max(a.ready, b.ready - l.max_gap);
      const double start_b = std::max(b.ready, start_a + l.min_gap);
      const double cost = position_cost(s, a.route, a.position, l.first, start_a) +
                          position_cost(s, b.route, b.position, l.second, start_b);
      if (cost < kInfinite) combinations.push_back({i, j, cost});
    }
  }
  std::sort(combinations.begin(), combinations.end(),
            [](const Combination& x, const Combination& y) { return x.cost < y.cost; });
  const double give_up = unserved_weight(inst.weights, inst.visits[l.first].priority) +
                         unserved_weight(inst.weights, inst.visits[l.second].priority);
  for (std::size_t k = 0; k < std::min(kPairAttempts, combinations.size()); ++k) {
    if (combinations[k].cost >= give_up) return;
    const Candidate& a = first_[combinations[k].a];
    const Candidate& b = second_[combinations[k].b];
    s.insert(l.first, a.route, a.position);
    s.insert(l.second, b.route, b.position);
    evaluator_.evaluate(s);
    if (!s.deadlock) return;
    s.remove(l.first);
    s.remove(l.second);
    evaluator_.evaluate(s);
  }
}

void Repair::insert_all(Solution& s, const std::vector<std::size_t>& pending, std::mt19937_64& rng,
                        double blink) {
  for (std::size_t v : pending) {
    if (s.served(v)) continue;
    const std::size_t partner = prepared_.partner[v];
    if (partner == kNone) {
      insert_single(s, v, rng, blink);
    } else if (!s.served(partner)) {
      insert_pair(s, prepared_.link[v], rng, blink);
    }
  }
}

}  // namespace nara::domain::planning::detail
