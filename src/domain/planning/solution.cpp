#include "domain/planning/solution.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace nara::domain::planning::detail {

namespace {
constexpr std::size_t kNeighbourCount = 40;
}

Prepared::Prepared(const Instance& inst)
    : instance(inst),
      partner(inst.visits.size(), kNone),
      link(link_of_visits(inst)),
      eligible(inst.visits.size()),
      neighbours(inst.visits.size()) {
  const std::size_t n = inst.visits.size();
  for (const VisitLink& l : inst.links) {
    partner[l.first] = l.second;
    partner[l.second] = l.first;
  }
  const std::size_t m = inst.caregivers.size();
  may_serve_flag.assign(n * m, 0);
  for (std::size_t v = 0; v < n; ++v) {
    for (std::size_t c = 0; c < m; ++c) {
      if (!may_serve(inst, c, v)) continue;
      eligible[v].push_back(c);
      may_serve_flag[v * m + c] = 1;
    }
  }
  find_idle_twins();
  time_costs_free = inst.weights.total_tardiness == 0.0 && inst.weights.max_tardiness == 0.0 &&
                    inst.weights.overtime == 0.0;
  std::vector<std::size_t> order(n);
  for (std::size_t v = 0; v < n; ++v) {
    std::iota(order.begin(), order.end(), 0);
    const std::size_t from = inst.visits[v].location;
    const auto distance = [&](std::size_t w) { return inst.travel(from, inst.visits[w].location); };
    const std::size_t keep = std::min(kNeighbourCount + 1, n);
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
                      [&](std::size_t a, std::size_t b) {
                        return distance(a) != distance(b) ? distance(a) < distance(b) : a < b;
                      });
    for (std::size_t i = 0; i < keep; ++i) {
      if (order[i] != v) neighbours[v].push_back(order[i]);
    }
  }
  if (tracks_continuity()) {
    known_caregiver.assign(inst.persons.size() * m, 0);
    for (std::size_t p = 0; p < inst.persons.size(); ++p) {
      for (std::size_t c : inst.persons[p].history) known_caregiver[p * m + c] = 1;
      for (std::size_t c : inst.persons[p].preferred) known_caregiver[p * m + c] = 1;
    }
  }
}

void Prepared::find_idle_twins() {
  const std::size_t m = instance.caregivers.size();
  std::vector<std::uint8_t> named(m, 0);
  for (const Visit& v : instance.visits) {
    for (std::size_t c : v.excluded_caregivers) named[c] = 1;
  }
  for (const Person& p : instance.persons) {
    for (std::size_t c : p.history) named[c] = 1;
    for (std::size_t c : p.preferred) named[c] = 1;
  }
  const auto same = [&](const Caregiver& a, const Caregiver& b) {
    return a.skills == b.skills && a.principal == b.principal &&
           a.may_serve_principals == b.may_serve_principals &&
           a.start_location == b.start_location && a.end_location == b.end_location &&
           a.shift_start == b.shift_start && a.shift_end == b.shift_end &&
           a.max_overtime == b.max_overtime && a.break_earliest == b.break_earliest &&
           a.break_latest == b.break_latest && a.break_duration == b.break_duration &&
           a.capacity == b.capacity;
  };
  idle_twin.resize(m);
  std::vector<std::size_t> representatives;
  for (std::size_t c = 0; c < m; ++c) {
    idle_twin[c] = c;
    if (named[c]) continue;
    for (std::size_t r : representatives) {
      if (same(instance.caregivers[r], instance.caregivers[c])) {
        idle_twin[c] = r;
        break;
      }
    }
    if (idle_twin[c] == c) representatives.push_back(c);
  }
}

Solution::Solution(const Prepared& prepared)
    : routes(prepared.instance.caregivers.size()),
      route_of(prepared.instance.visits.size(), kNone),
      position_of(prepared.instance.visits.size(), kNone),
      start(prepared.instance.visits.size(), 0.0),
      latest_start(prepared.instance.visits.size(), kOpenEnd),
      stats(prepared.instance.caregivers.size()),
      prepared_(&prepared) {
  if (prepared.tracks_continuity()) {
    person_caregiver_visits.assign(
        prepared.instance.persons.size() * prepared.instance.caregivers.size(), 0);
  }
}

void Solution::renumber(std::size_t route) {
  for (std::size_t i = 0; i < routes[route].size(); ++i) position_of[routes[route][i]] = i;
}

void Solution::insert(std::size_t visit, std::size_t route, std::size_t position) {
  auto& r = routes[route];
  r.insert(r.begin() + static_cast<std::ptrdiff_t>(position), visit);
  route_of[visit] = route;
  renumber(route);
  const Visit& v = prepared_->instance.visits[visit];
  stats[route].load += v.demand;
  if (prepared_->partner[visit] != kNone) ++stats[route].linked_visits;
  if (!person_caregiver_visits.empty()) {
    ++person_caregiver_visits[v.person * routes.size() + route];
  }
}

void Solution::remove(std::size_t visit) {
  const std::size_t route = route_of[visit];
  auto& r = routes[route];
  r.erase(r.begin() + static_cast<std::ptrdiff_t>(position_of[visit]));
  route_of[visit] = kNone;
  position_of[visit] = kNone;
  renumber(route);
  const Visit& v = prepared_->instance.visits[visit];
  stats[route].load -= v.demand;
  if (prepared_->partner[visit] != kNone) --stats[route].linked_visits;
  if (!person_caregiver_visits.empty()) {
    --person_caregiver_visits[v.person * routes.size() + route];
  }
}

Evaluator::Evaluator(const Prepared& prepared)
    : prepared_(prepared),
      cursors_(prepared.instance.caregivers.size()),
      ready_(prepared.instance.visits.size(), 0.0),
      waiting_(prepared.instance.visits.size(), 0) {
  if (prepared.tracks_continuity()) seen_stamp_.assign(prepared.known_caregiver.size(), 0);
}

// The break is taken, where the caregiver is, just before the first visit that would otherwise
// start after the break window opens; waiting time before a visit absorbs it when long enough.
double Evaluator::ready_time(std::size_t route, std::size_t visit) {
  const Instance& inst = prepared_.instance;
  const Caregiver& c = inst.caregivers[route];
  const Visit& v = inst.visits[visit];
  Cursor& cur = cursors_[route];
  const double travel = inst.travel(cur.location, v.location);
  double ready = std::max(cur.time + travel, v.earliest);
  if (c.break_duration > 0.0 && !cur.break_taken && ready > c.break_earliest) {
    cur.break_taken = true;
    cur.break_before = cur.position;
    cur.break_start = std::max(cur.time, c.break_earliest);
    cur.time = cur.break_start + c.break_duration;
    ready = std::max(cur.time + travel, v.earliest);
  }
  return ready;
}

void Evaluator::advance(std::size_t route, std::size_t visit, double start) {
  const Visit& v = prepared_.instance.visits[visit];
  Cursor& cur = cursors_[route];
  cur.time = start + v.duration;
  cur.location = v.location;
  ++cur.position;
}

void Evaluator::finish_route(Solution& s, std::size_t route, Cursor cursor) {
  const double time = cursor.time;
  const std::size_t location = cursor.location;
  bool break_taken = cursor.break_taken;
  double break_start = cursor.break_start;
  const Instance& inst = prepared_.instance;
  const Caregiver& c = inst.caregivers[route];
  RouteStats& st = s.stats[route];
  const auto& visits = s.routes[route];
  st.travel = 0.0;
  st.tardiness = 0.0;
  st.max_tardiness = 0.0;
  st.violation = 0.0;
  st.overtime = 0.0;
  st.has_break = false;
  st.break_before = cursor.break_before;
  if (visits.empty()) {
    st.last_end = c.shift_start;
    st.return_time = c.shift_start;
    return;
  }
  std::size_t at = c.start_location;
  for (std::size_t v : visits) {
    const Visit& visit = inst.visits[v];
    st.travel += inst.travel(at, visit.location);
    at = visit.location;
    const double late = s.start[v] - visit.latest;
    if (late > 0.0) {
      if (visit.latest_is_hard) {
        st.violation += late;
      } else {
        st.tardiness += late;
        st.max_tardiness = std::max(st.max_tardiness, late);
      }
    }
  }
  const double back = inst.travel(location, c.end_location);
  st.travel += back;
  st.last_end = time;
  double ret = time + back;
  if (!break_taken && break_required(c, ret)) {
    break_taken = true;
    st.break_before = visits.size();
    break_start = std::max(time, c.break_earliest);
    ret = break_start + c.break_duration + back;
  }
  st.has_break = break_taken;
  st.break_start = break_start;
  if (break_taken && break_start > c.break_latest) st.violation += break_start - c.break_latest;
  st.return_time = ret;
  st.latest_return = c.shift_end + c.max_overtime;
  double latest_end = st.latest_return - back;
  for (std::size_t k = visits.size(); k-- > 0;) {
    const Visit& visit = inst.visits[visits[k]];
    double latest = latest_end - visit.duration;
    if (visit.latest_is_hard) latest = std::min(latest, visit.latest);
    s.latest_start[visits[k]] = latest;
    if (k > 0)
      latest_end = latest - inst.travel(inst.visits[visits[k - 1]].location, visit.location);
  }
  st.overtime = std::max(0.0, ret - c.shift_end);
  st.violation += std::max(0.0, st.overtime - c.max_overtime);
  st.violation += std::max(0.0, st.load - c.capacity);
}

void Evaluator::evaluate(Solution& s) {
  const Instance& inst = prepared_.instance;
  const std::size_t m = s.routes.size();
  worklist_.clear();
  for (std::size_t r = 0; r < m; ++r) {
    cursors_[r] =
        Cursor{0, inst.caregivers[r].shift_start, inst.caregivers[r].start_location, false, 0.0};
    worklist_.push_back(m - 1 - r);  // routes are processed in caregiver order
  }
  while (!worklist_.empty()) {
    const std::size_t r = worklist_.back();
    worklist_.pop_back();
    Cursor& cur = cursors_[r];
    const auto& route = s.routes[r];
    while (cur.position < route.size()) {
      const std::size_t v = route[cur.position];
      const std::size_t w = prepared_.partner[v];
      if (w == kNone) {
        s.start[v] = ready_time(r, v);
        advance(r, v, s.start[v]);
        continue;
      }
      if (!waiting_[w]) {  // park until the partner's caregiver gets there
        ready_[v] = ready_time(r, v);
        waiting_[v] = 1;
        break;
      }
      waiting_[w] = 0;
      const VisitLink& l = inst.links[prepared_.link[v]];
      const double ready_v = ready_time(r, v);
      const double ready_first = l.first == v ? ready_v : ready_[w];
      const double ready_second = l.first == v ? ready_[w] : ready_v;
      const double first = std::max(ready_first, ready_second - l.max_gap);
      const double second = std::max(ready_second, first + l.min_gap);
      s.start[l.first] = first;
      s.start[l.second] = second;
      advance(r, v, s.start[v]);
      const std::size_t other = s.route_of[w];
      advance(other, w, s.start[w]);
      worklist_.push_back(other);
    }
  }
  s.deadlock = false;
  for (std::size_t r = 0; r < m; ++r) {
    const Cursor& cur = cursors_[r];
    if (cur.position < s.routes[r].size()) {
      s.deadlock = true;
      waiting_[s.routes[r][cur.position]] = 0;  // leave the scratch clean for the next call
    }
    finish_route(s, r, cur);
  }
  total(s);
}

void Evaluator::evaluate_route(Solution& s, std::size_t r) {
  if (s.stats[r].linked_visits > 0) {
    evaluate(s);
    return;
  }
  const Caregiver& c = prepared_.instance.caregivers[r];
  cursors_[r] = Cursor{0, c.shift_start, c.start_location, false, 0.0, kNone};
  for (std::size_t v : s.routes[r]) {
    s.start[v] = ready_time(r, v);
    advance(r, v, s.start[v]);
  }
  finish_route(s, r, cursors_[r]);
  total(s);
}

void Evaluator::make_feasible(Solution& s) {
  evaluate(s);
  while (!s.feasible()) {
    for (std::size_t r = 0; r < s.routes.size(); ++r) {
      const bool stuck = s.deadlock && cursors_[r].position < s.routes[r].size();
      if (!stuck && s.stats[r].violation <= 1e-6) continue;
      if (s.routes[r].empty()) continue;
      // A stuck route drops the visit it waits at; a late one its last visit.
      const std::size_t v = stuck ? s.routes[r][cursors_[r].position] : s.routes[r].back();
      const std::size_t partner = prepared_.partner[v];
      s.remove(v);
      if (partner != kNone && s.served(partner)) s.remove(partner);
      break;
    }
    evaluate(s);
  }
}

void Evaluator::total(Solution& s) {
  const Instance& inst = prepared_.instance;
  ObjectiveBreakdown o;
  double violation = 0.0;
  for (const RouteStats& st : s.stats) {
    o.travel += st.travel;
    o.total_tardiness += st.tardiness;
    o.max_tardiness = std::max(o.max_tardiness, st.max_tardiness);
    o.overtime += st.overtime;
    violation += st.violation;
  }
  for (std::size_t v = 0; v < inst.visits.size(); ++v) {
    if (!s.served(v)) {
      o.unserved_penalty += unserved_weight(inst.weights, inst.visits[v].priority);
      ++o.unserved_visits;
    }
  }
  if (prepared_.tracks_continuity()) {
    ++stamp_;
    const std::size_t m = s.routes.size();
    for (std::size_t r = 0; r < m; ++r) {
      for (std::size_t v : s.routes[r]) {
        const std::size_t key = inst.visits[v].person * m + r;
        if (seen_stamp_[key] == stamp_) continue;
        seen_stamp_[key] = stamp_;
        if (!prepared_.known_caregiver[key]) o.new_caregivers += 1.0;
      }
    }
  }
  s.objective = o;
  s.violation = violation;
  s.cost = s.deadlock ? std::numeric_limits<double>::infinity()
                      : o.weighted(inst.weights) + prepared_.penalty * violation;
}

Plan to_plan(const Prepared& prepared, const Solution& s) {
  const Instance& inst = prepared.instance;
  Plan plan;
  for (std::size_t r = 0; r < s.routes.size(); ++r) {
    Route route;
    route.caregiver = r;
    route.departure = inst.caregivers[r].shift_start;
    for (std::size_t v : s.routes[r]) route.visits.push_back({v, s.start[v]});
    route.has_break = s.stats[r].has_break;
    route.break_start = s.stats[r].break_start;
    route.return_time = s.stats[r].return_time;
    plan.routes.push_back(std::move(route));
  }
  for (std::size_t v = 0; v < inst.visits.size(); ++v) {
    if (!s.served(v)) plan.unserved.push_back(v);
  }
  plan.objective = s.objective;
  plan.cost = s.objective.weighted(inst.weights);
  return plan;
}

}  // namespace nara::domain::planning::detail
