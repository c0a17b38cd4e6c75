#pragma once
// Small hand-made planning days for the tests: points on a line, so travel times are obvious.
#include <cmath>
#include <string>
#include <vector>

#include "domain/planning/model.hpp"

namespace nara::domain::planning::testing {

// Locations at the given positions on a line; travel time = distance.
inline TravelMatrix line_matrix(const std::vector<double>& positions) {
  TravelMatrix m(positions.size());
  for (std::size_t i = 0; i < positions.size(); ++i) {
    for (std::size_t j = 0; j < positions.size(); ++j) {
      m.set(i, j, std::abs(positions[i] - positions[j]));
    }
  }
  return m;
}

inline Visit visit(std::string id, std::size_t location, double earliest, double latest,
                   double duration, std::size_t skill = 0) {
  Visit v;
  v.id = std::move(id);
  v.location = location;
  v.earliest = earliest;
  v.latest = latest;
  v.duration = duration;
  v.skill = skill;
  return v;
}

inline Caregiver caregiver(std::string id, std::vector<std::size_t> skills) {
  Caregiver c;
  c.id = std::move(id);
  c.skills = std::move(skills);
  return c;
}

// One person per visit unless the test says otherwise.
inline void add_persons(Instance& inst) {
  inst.persons.clear();
  for (std::size_t v = 0; v < inst.visits.size(); ++v) {
    inst.visits[v].person = v;
    inst.persons.push_back(Person{"person-" + inst.visits[v].id, {}, {}});
  }
}

inline Instance base_instance(std::vector<double> positions) {
  Instance inst;
  inst.name = "test";
  inst.skills = {"nurse", "carer"};
  inst.principals = {"region", "municipality"};
  inst.travel = line_matrix(positions);
  inst.weights.travel = 1.0;
  inst.weights.total_tardiness = 1.0;
  inst.weights.max_tardiness = 0.0;
  inst.weights.overtime = 1.0;
  inst.weights.continuity = 0.0;
  inst.weights.unserved_by_priority = {1000.0, 100.0};
  return inst;
}

}  // namespace nara::domain::planning::testing
