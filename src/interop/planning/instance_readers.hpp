#pragma once
// Readers for the public benchmark formats, turned into the planner's model. Throw
// std::runtime_error with the reason when a file does not follow its format.
#include <string>
#include <string_view>

#include "domain/planning/model.hpp"

namespace nara::interop::planning {

// The home-health-care JSON of iolab-uniud/hhcrsp (Mankowska et al. 2014 instances): patients
// with one or two services, caregivers with abilities, one central office, a distance matrix.
// Objective as in the literature: (travel + total tardiness + maximum tardiness) / 3.
[[nodiscard]] domain::planning::Instance read_mankowska_json(std::string_view text,
                                                             std::string name = {});

enum class DistanceRounding {
  kExact,           // Euclidean distance as a double (Solomon literature values)
  kTruncateDecimal  // DIMACS convention: truncated to one decimal (Gehring-Homberger BKS)
};

// VRPLIB VRPTW (NODE_COORD, DEMAND, TIME_WINDOW, SERVICE_TIME sections, VEHICLES, CAPACITY).
[[nodiscard]] domain::planning::Instance read_vrplib_vrptw(
    std::string_view text, DistanceRounding rounding = DistanceRounding::kTruncateDecimal);

// The original Solomon / Gehring-Homberger text layout (VEHICLE / CUSTOMER blocks).
[[nodiscard]] domain::planning::Instance read_solomon_vrptw(
    std::string_view text, DistanceRounding rounding = DistanceRounding::kExact);

}  // namespace nara::interop::planning
