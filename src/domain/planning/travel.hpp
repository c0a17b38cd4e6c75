#pragma once
// Travel times when no road-network matrix is given: great-circle distance times a detour
// factor, driven at a speed that depends on the kind of area (town streets are slower than
// rural roads). Good enough to plan a day; a real matrix replaces it when the county has one.
#include <cstddef>
#include <vector>

#include "domain/planning/model.hpp"

namespace nara::domain::planning {

enum class AreaType { kTown, kRural };

struct GeoPoint {
  double latitude = 0.0;   // degrees
  double longitude = 0.0;  // degrees
  AreaType area = AreaType::kTown;
};

struct RoadAssumptions {
  double detour_factor = 1.3;  // road distance over straight-line distance
  double town_speed_kmh = 30.0;
  double rural_speed_kmh = 60.0;
};

[[nodiscard]] double haversine_km(const GeoPoint& a, const GeoPoint& b) noexcept;

// Minutes from a to b: half the way is driven at the speed of each end's area, so the matrix is
// symmetric and a trip between two towns never goes at rural speed.
[[nodiscard]] double estimated_minutes(const GeoPoint& a, const GeoPoint& b,
                                       const RoadAssumptions& roads) noexcept;

[[nodiscard]] TravelMatrix estimated_travel(const std::vector<GeoPoint>& points,
                                            const RoadAssumptions& roads);

}  // namespace nara::domain::planning
