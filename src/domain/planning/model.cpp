#include "domain/planning/model.hpp"

#include <algorithm>
#include <string>

namespace nara::domain::planning {

namespace {
bool contains(const std::vector<std::size_t>& list, std::size_t value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}
}  // namespace

bool may_serve(const Instance& instance, std::size_t caregiver, std::size_t visit) {
  const Caregiver& c = instance.caregivers[caregiver];
  const Visit& v = instance.visits[visit];
  if (!contains(c.skills, v.skill)) return false;
  if (contains(v.excluded_caregivers, caregiver)) return false;
  return c.principal == v.principal || contains(c.may_serve_principals, v.principal);
}

bool break_required(const Caregiver& caregiver, double return_time) noexcept {
  return caregiver.break_duration > 0.0 && return_time > caregiver.break_earliest;
}

std::vector<std::size_t> link_of_visits(const Instance& instance) {
  std::vector<std::size_t> link(instance.visits.size(), kNone);
  for (std::size_t l = 0; l < instance.links.size(); ++l) {
    link[instance.links[l].first] = l;
    link[instance.links[l].second] = l;
  }
  return link;
}

std::vector<std::string> validate(const Instance& instance) {
  std::vector<std::string> problems;
  const std::size_t locations = instance.travel.size();
  const auto say = [&problems](const std::string& what) { problems.push_back(what); };
  for (const Visit& v : instance.visits) {
    if (v.location >= locations) say("visit " + v.id + ": location outside the travel matrix");
    if (v.person >= instance.persons.size()) say("visit " + v.id + ": unknown person");
    if (v.skill >= instance.skills.size()) say("visit " + v.id + ": unknown skill");
    if (v.principal >= instance.principals.size()) say("visit " + v.id + ": unknown principal");
    if (v.earliest > v.latest) say("visit " + v.id + ": window ends before it starts");
    if (v.duration < 0.0) say("visit " + v.id + ": negative duration");
    for (std::size_t c : v.excluded_caregivers) {
      if (c >= instance.caregivers.size()) say("visit " + v.id + ": unknown excluded caregiver");
    }
  }
  for (const Caregiver& c : instance.caregivers) {
    if (c.start_location >= locations || c.end_location >= locations) {
      say("caregiver " + c.id + ": start or end outside the travel matrix");
    }
    if (c.principal >= instance.principals.size()) say("caregiver " + c.id + ": unknown principal");
    for (std::size_t s : c.skills) {
      if (s >= instance.skills.size()) say("caregiver " + c.id + ": unknown skill");
    }
    if (c.shift_end < c.shift_start) say("caregiver " + c.id + ": shift ends before it starts");
    if (c.break_duration > 0.0 && c.break_latest < c.break_earliest) {
      say("caregiver " + c.id + ": break window ends before it starts");
    }
  }
  for (const Person& p : instance.persons) {
    for (std::size_t c : p.history) {
      if (c >= instance.caregivers.size()) say("person " + p.id + ": unknown caregiver in history");
    }
    for (std::size_t c : p.preferred) {
      if (c >= instance.caregivers.size()) say("person " + p.id + ": unknown preferred caregiver");
    }
  }
  std::vector<int> in_links(instance.visits.size(), 0);
  for (const VisitLink& l : instance.links) {
    if (l.first >= instance.visits.size() || l.second >= instance.visits.size()) {
      say("link: unknown visit");
      continue;
    }
    if (l.first == l.second) say("link: a visit linked to itself: " + instance.visits[l.first].id);
    if (l.min_gap > l.max_gap) say("link: minimum gap above maximum gap");
    ++in_links[l.first];
    ++in_links[l.second];
  }
  for (std::size_t v = 0; v < in_links.size(); ++v) {
    if (in_links[v] > 1) say("visit " + instance.visits[v].id + ": in more than one link");
  }
  return problems;
}

}  // namespace nara::domain::planning
