#include "domain/planning/checker.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <utility>

namespace nara::domain::planning {

namespace {

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

bool listed(const std::vector<std::size_t>& list, std::size_t value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

class Checker {
 public:
  Checker(const Instance& instance, const Plan& plan, double tolerance)
      : inst_(instance),
        plan_(plan),
        tol_(tolerance),
        caregiver_of_(instance.visits.size(), kNone),
        start_of_(instance.visits.size(), 0.0) {}

  CheckReport run() {
    check_coverage();
    for (const Route& route : plan_.routes) check_route(route);
    check_links();
    count_unserved();
    count_continuity();
    report_.cost = report_.objective.weighted(inst_.weights);
    return std::move(report_);
  }

 private:
  void fail(std::string rule, std::string detail) {
    report_.violations.push_back({std::move(rule), std::move(detail)});
  }

  const std::string& name(std::size_t visit) const { return inst_.visits[visit].id; }

  void check_coverage() {
    std::vector<bool> has_route(inst_.caregivers.size(), false);
    for (const Route& route : plan_.routes) {
      if (route.caregiver >= inst_.caregivers.size()) {
        fail("route.caregiver", "route for an unknown caregiver");
        continue;
      }
      if (has_route[route.caregiver]) {
        fail("route.duplicate", "two routes for " + inst_.caregivers[route.caregiver].id);
      }
      has_route[route.caregiver] = true;
      for (const ScheduledVisit& sv : route.visits) {
        if (sv.visit >= inst_.visits.size()) {
          fail("visit.unknown", "unknown visit index in a route");
          continue;
        }
        if (caregiver_of_[sv.visit] != kNone) fail("visit.twice", name(sv.visit) + " served twice");
        caregiver_of_[sv.visit] = route.caregiver;
        start_of_[sv.visit] = sv.start;
      }
    }
    std::vector<bool> said_unserved(inst_.visits.size(), false);
    for (std::size_t v : plan_.unserved) {
      if (v >= inst_.visits.size()) {
        fail("visit.unknown", "unknown visit index among the unserved");
        continue;
      }
      if (caregiver_of_[v] != kNone)
        fail("visit.unserved", name(v) + " listed unserved but served");
      said_unserved[v] = true;
    }
    for (std::size_t v = 0; v < inst_.visits.size(); ++v) {
      if (caregiver_of_[v] == kNone && !said_unserved[v]) {
        fail("visit.missing", name(v) + " neither served nor listed unserved");
      }
    }
  }

  void check_eligibility(std::size_t caregiver, std::size_t visit) {
    const Caregiver& c = inst_.caregivers[caregiver];
    const Visit& v = inst_.visits[visit];
    if (!listed(c.skills, v.skill)) fail("skill", c.id + " lacks the skill for " + v.id);
    if (listed(v.excluded_caregivers, caregiver)) fail("excluded", v.id + " excludes " + c.id);
    if (c.principal != v.principal && !listed(c.may_serve_principals, v.principal)) {
      fail("principal", c.id + " may not serve " + v.id + " under the joint agreement");
    }
  }

  void check_route(const Route& route) {
    if (route.caregiver >= inst_.caregivers.size()) return;
    const Caregiver& c = inst_.caregivers[route.caregiver];
    const auto travel = [&](std::size_t from, std::size_t to) { return inst_.travel(from, to); };
    if (route.visits.empty()) {
      if (route.has_break) fail("break.unneeded", c.id + " takes a break without working");
      return;
    }
    if (route.departure + tol_ < c.shift_start) fail("shift.start", c.id + " leaves too early");
    // Walk the gaps between consecutive stops; the break must fit inside exactly one of them.
    bool break_placed = false;
    double free_from = route.departure;
    std::size_t at = c.start_location;
    double load = 0.0;
    const auto gap = [&](std::size_t to_location, double arrive_by, const std::string& what) {
      const double leg = travel(at, to_location);
      report_.objective.travel += leg;
      double earliest_arrival = free_from + leg;
      if (route.has_break && !break_placed && route.break_start + tol_ >= free_from &&
          route.break_start <= arrive_by + tol_) {
        break_placed = true;
        earliest_arrival = route.break_start + c.break_duration + leg;
      }
      if (earliest_arrival > arrive_by + tol_) {
        fail("travel", c.id + " cannot reach " + what + " in time (" + number(earliest_arrival) +
                           " > " + number(arrive_by) + ")");
      }
    };
    for (const ScheduledVisit& sv : route.visits) {
      if (sv.visit >= inst_.visits.size()) continue;
      const Visit& v = inst_.visits[sv.visit];
      check_eligibility(route.caregiver, sv.visit);
      gap(v.location, sv.start, v.id);
      if (sv.start + tol_ < v.earliest) fail("window.early", v.id + " starts before its window");
      const double late = sv.start - v.latest;
      if (late > tol_) {
        if (v.latest_is_hard) {
          fail("window.hard", v.id + " starts " + number(late) + " min after its hard window");
        } else {
          report_.objective.total_tardiness += late;
          report_.objective.max_tardiness = std::max(report_.objective.max_tardiness, late);
        }
      }
      load += v.demand;
      free_from = sv.start + v.duration;
      at = v.location;
    }
    gap(c.end_location, route.return_time, "the end location");
    if (load > c.capacity + tol_) fail("capacity", c.id + " carries " + number(load));
    const bool owes_break = c.break_duration > 0.0 && route.return_time > c.break_earliest;
    if (owes_break && !route.has_break) fail("break.missing", c.id + " has no break");
    if (route.has_break) {
      if (!break_placed) fail("break.overlap", c.id + "'s break overlaps a visit or a trip");
      if (route.break_start + tol_ < c.break_earliest ||
          route.break_start > c.break_latest + tol_) {
        fail("break.window", c.id + "'s break starts outside its window");
      }
    }
    const double overtime = std::max(0.0, route.return_time - c.shift_end);
    report_.objective.overtime += overtime;
    if (overtime > c.max_overtime + tol_) {
      fail("shift.end", c.id + " returns " + number(overtime) + " min after the shift");
    }
  }

  void check_links() {
    for (const VisitLink& l : inst_.links) {
      const bool a = caregiver_of_[l.first] != kNone;
      const bool b = caregiver_of_[l.second] != kNone;
      if (a != b) {
        fail("link.partial", name(l.first) + " and " + name(l.second) + " are half served");
        continue;
      }
      if (!a) continue;
      if (caregiver_of_[l.first] == caregiver_of_[l.second]) {
        fail("link.same", name(l.first) + " and " + name(l.second) + " need two caregivers");
      }
      const double gap = start_of_[l.second] - start_of_[l.first];
      if (gap + tol_ < l.min_gap || gap > l.max_gap + tol_) {
        fail("link.gap", name(l.first) + " and " + name(l.second) + " are " + number(gap) +
                             " min apart, allowed [" + number(l.min_gap) + ", " +
                             number(l.max_gap) + "]");
      }
    }
  }

  void count_unserved() {
    for (std::size_t v = 0; v < inst_.visits.size(); ++v) {
      if (caregiver_of_[v] != kNone) continue;
      ++report_.objective.unserved_visits;
      const auto& by_priority = inst_.weights.unserved_by_priority;
      if (by_priority.empty()) continue;
      const int priority = inst_.visits[v].priority;
      const std::size_t index =
          std::min(by_priority.size() - 1, static_cast<std::size_t>(std::max(0, priority)));
      report_.objective.unserved_penalty += by_priority[index];
    }
  }

  // Each person counts the caregivers they meet that are neither in their history nor wished for.
  void count_continuity() {
    std::set<std::pair<std::size_t, std::size_t>> met;
    for (std::size_t v = 0; v < inst_.visits.size(); ++v) {
      if (caregiver_of_[v] != kNone) met.emplace(inst_.visits[v].person, caregiver_of_[v]);
    }
    for (const auto& [person, caregiver] : met) {
      const Person& p = inst_.persons[person];
      if (!listed(p.history, caregiver) && !listed(p.preferred, caregiver)) {
        report_.objective.new_caregivers += 1.0;
      }
    }
  }

  const Instance& inst_;
  const Plan& plan_;
  double tol_;
  std::vector<std::size_t> caregiver_of_;
  std::vector<double> start_of_;
  CheckReport report_;
};

}  // namespace

CheckReport check_plan(const Instance& instance, const Plan& plan, double tolerance) {
  return Checker(instance, plan, tolerance).run();
}

}  // namespace nara::domain::planning
