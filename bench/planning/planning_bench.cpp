// Time per search iteration against the number of visits, on synthetic days shaped like home
// care: 8 visits per caregiver, a third of the persons with a tied second visit, soft windows.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>

#include "domain/planning/solver.hpp"

namespace {

using namespace nara::domain::planning;

Instance synthetic_day(std::size_t persons) {
  std::mt19937_64 rng(persons);
  std::uniform_real_distribution<double> coordinate(0.0, 100.0);
  std::uniform_real_distribution<double> opening(0.0, 480.0);
  std::vector<std::pair<double, double>> points{{50.0, 50.0}};
  Instance inst;
  inst.skills = {"nurse", "carer"};
  inst.principals = {"region", "municipality"};
  inst.weights.max_tardiness = 1.0;
  for (std::size_t p = 0; p < persons; ++p) {
    points.emplace_back(coordinate(rng), coordinate(rng));
    inst.persons.push_back(Person{"p" + std::to_string(p), {}, {}});
    Visit v;
    v.id = inst.persons.back().id;
    v.person = p;
    v.location = p + 1;
    v.earliest = opening(rng);
    v.latest = v.earliest + 120.0;
    v.duration = 15.0;
    v.skill = p % 2;
    v.principal = p % 2;
    inst.visits.push_back(v);
    if (p % 3 == 0) {
      v.id += "-second";
      v.skill = 1 - v.skill;
      inst.visits.push_back(v);
      inst.links.push_back({inst.visits.size() - 2, inst.visits.size() - 1, 0.0, 0.0});
    }
  }
  inst.travel = TravelMatrix(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    for (std::size_t j = 0; j < points.size(); ++j) {
      inst.travel.set(
          i, j, std::hypot(points[i].first - points[j].first, points[i].second - points[j].second));
    }
  }
  for (std::size_t c = 0; c < std::max<std::size_t>(2, inst.visits.size() / 8); ++c) {
    Caregiver g;
    g.id = "c" + std::to_string(c);
    g.skills = c % 3 == 0 ? std::vector<std::size_t>{0, 1} : std::vector<std::size_t>{c % 2};
    g.principal = c % 2;
    g.may_serve_principals = {1 - g.principal};
    inst.caregivers.push_back(g);
  }
  return inst;
}

void BM_SearchIterations(benchmark::State& state) {
  const Instance inst = synthetic_day(static_cast<std::size_t>(state.range(0)));
  SolverOptions options;
  options.max_iterations = 200;
  for (auto _ : state) {
    const SolverResult result = solve(inst, options);
    benchmark::DoNotOptimize(result.plan.cost);
  }
  state.counters["visits"] = static_cast<double>(inst.visits.size());
  state.counters["iterations/s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * 200.0, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SearchIterations)->RangeMultiplier(2)->Range(50, 1600)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
