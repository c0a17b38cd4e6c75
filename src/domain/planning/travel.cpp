#include "domain/planning/travel.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace nara::domain::planning {

namespace {
constexpr double kEarthRadiusKm = 6371.0088;  // IUGG mean radius

double radians(double degrees) noexcept {
  return degrees * std::numbers::pi / 180.0;
}

double speed_kmh(AreaType area, const RoadAssumptions& roads) noexcept {
  return area == AreaType::kTown ? roads.town_speed_kmh : roads.rural_speed_kmh;
}
}  // namespace

double haversine_km(const GeoPoint& a, const GeoPoint& b) noexcept {
  const double dlat = radians(b.latitude - a.latitude);
  const double dlon = radians(b.longitude - a.longitude);
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(radians(a.latitude)) * std::cos(radians(b.latitude)) *
                       std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

double estimated_minutes(const GeoPoint& a, const GeoPoint& b,
                         const RoadAssumptions& roads) noexcept {
  const double road_km = haversine_km(a, b) * roads.detour_factor;
  const double hours =
      0.5 * road_km / speed_kmh(a.area, roads) + 0.5 * road_km / speed_kmh(b.area, roads);
  return hours * 60.0;
}

TravelMatrix estimated_travel(const std::vector<GeoPoint>& points, const RoadAssumptions& roads) {
  TravelMatrix matrix(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    for (std::size_t j = 0; j < points.size(); ++j) {
      matrix.set(i, j, i == j ? 0.0 : estimated_minutes(points[i], points[j], roads));
    }
  }
  return matrix;
}

}  // namespace nara::domain::planning
