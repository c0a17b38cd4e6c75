#include <cctype>
#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "interop/planning/instance_readers.hpp"

namespace nara::interop::planning {

using domain::planning::Caregiver;
using domain::planning::Instance;
using domain::planning::Person;
using domain::planning::TravelMatrix;
using domain::planning::Visit;

namespace {

struct Node {
  double x = 0.0, y = 0.0, demand = 0.0, ready = 0.0, due = 0.0, service = 0.0;
};

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

// A plain vehicle routing instance as a one-principal, one-skill planning day: customers are
// visits with hard windows, vehicles are caregivers who must be back before the depot closes.
Instance build(std::string name, const std::vector<Node>& nodes, std::size_t depot,
               std::size_t vehicles, double capacity, DistanceRounding rounding) {
  if (nodes.empty() || depot >= nodes.size()) throw std::runtime_error("no depot");
  Instance inst;
  inst.name = std::move(name);
  inst.skills = {"visit"};
  inst.principals = {"default"};
  inst.travel = TravelMatrix(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    for (std::size_t j = 0; j < nodes.size(); ++j) {
      double d = std::hypot(nodes[i].x - nodes[j].x, nodes[i].y - nodes[j].y);
      if (rounding == DistanceRounding::kTruncateDecimal) d = std::floor(d * 10.0) / 10.0;
      inst.travel.set(i, j, d);
    }
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (i == depot) continue;
    Visit v;
    v.id = std::to_string(i);
    v.person = inst.persons.size();
    v.location = i;
    v.earliest = nodes[i].ready;
    v.latest = nodes[i].due;
    v.latest_is_hard = true;
    v.duration = nodes[i].service;
    v.demand = nodes[i].demand;
    inst.persons.push_back(Person{v.id, {}, {}});
    inst.visits.push_back(std::move(v));
  }
  for (std::size_t k = 0; k < vehicles; ++k) {
    Caregiver c;
    c.id = "v" + std::to_string(k + 1);
    c.skills = {0};
    c.start_location = depot;
    c.end_location = depot;
    c.shift_start = nodes[depot].ready;
    c.shift_end = nodes[depot].due;
    c.max_overtime = 0.0;
    c.capacity = capacity;
    inst.caregivers.push_back(std::move(c));
  }
  inst.weights.travel = 1.0;
  inst.weights.total_tardiness = 0.0;
  inst.weights.max_tardiness = 0.0;
  inst.weights.overtime = 0.0;
  inst.weights.unserved_by_priority = {1.0e6};
  return inst;
}

}  // namespace

Instance read_vrplib_vrptw(std::string_view text, DistanceRounding rounding) {
  std::istringstream in{std::string(text)};
  std::map<std::string, std::string> header;
  std::map<std::size_t, Node> nodes;
  std::vector<std::size_t> depots;
  std::string line, section;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty()) continue;
    if (line == "EOF") break;
    if (line.find("_SECTION") != std::string::npos) {
      section = line.substr(0, line.find("_SECTION"));
      continue;
    }
    const auto colon = line.find(':');
    if (colon != std::string::npos && std::isalpha(static_cast<unsigned char>(line[0]))) {
      header[trim(line.substr(0, colon))] = trim(line.substr(colon + 1));
      section.clear();
      continue;
    }
    std::istringstream row(line);
    long long id = 0;
    if (!(row >> id)) throw std::runtime_error("unreadable line: " + line);
    if (section == "DEPOT") {
      if (id > 0) depots.push_back(static_cast<std::size_t>(id));
      continue;
    }
    Node& node = nodes[static_cast<std::size_t>(id)];
    bool ok = true;
    if (section == "NODE_COORD") {
      ok = static_cast<bool>(row >> node.x >> node.y);
    } else if (section == "DEMAND") {
      ok = static_cast<bool>(row >> node.demand);
    } else if (section == "TIME_WINDOW") {
      ok = static_cast<bool>(row >> node.ready >> node.due);
    } else if (section == "SERVICE_TIME") {
      ok = static_cast<bool>(row >> node.service);
    }
    if (!ok) throw std::runtime_error("unreadable " + section + " line: " + line);
  }
  if (header.count("TYPE") != 0 && header["TYPE"] != "VRPTW" && header["TYPE"] != "CVRPTW") {
    throw std::runtime_error("not a VRPTW instance: " + header["TYPE"]);
  }
  if (header.count("EDGE_WEIGHT_TYPE") != 0 && header["EDGE_WEIGHT_TYPE"] != "EUC_2D") {
    throw std::runtime_error("only EUC_2D distances are supported");
  }
  if (nodes.empty()) throw std::runtime_error("no NODE_COORD_SECTION");
  std::vector<Node> ordered;
  std::size_t expected = 1;
  for (const auto& [id, node] : nodes) {
    if (id != expected++) throw std::runtime_error("node ids must run 1, 2, 3...");
    ordered.push_back(node);
  }
  if (header.count("SERVICE_TIME") != 0) {
    const double service = std::stod(header["SERVICE_TIME"]);
    for (std::size_t i = 0; i < ordered.size(); ++i) ordered[i].service = service;
  }
  const std::size_t depot = depots.empty() ? 0 : depots.front() - 1;
  ordered[depot].service = 0.0;
  const std::size_t vehicles =
      header.count("VEHICLES") != 0 ? std::stoul(header["VEHICLES"]) : ordered.size() - 1;
  const double capacity =
      header.count("CAPACITY") != 0 ? std::stod(header["CAPACITY"]) : domain::planning::kOpenEnd;
  return build(header.count("NAME") != 0 ? header["NAME"] : "", ordered, depot, vehicles, capacity,
               rounding);
}

Instance read_solomon_vrptw(std::string_view text, DistanceRounding rounding) {
  std::istringstream in{std::string(text)};
  std::string name, line;
  std::getline(in, name);
  name = trim(name);
  std::size_t vehicles = 0;
  double capacity = 0.0;
  std::vector<Node> nodes;
  bool vehicle_block = false;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty()) continue;
    if (line.rfind("VEHICLE", 0) == 0) {
      vehicle_block = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(line[0]))) continue;  // column titles
    std::istringstream row(line);
    if (vehicle_block) {
      if (!(row >> vehicles >> capacity)) throw std::runtime_error("unreadable vehicle line");
      vehicle_block = false;
      continue;
    }
    long long id = 0;
    Node node;
    if (!(row >> id >> node.x >> node.y >> node.demand >> node.ready >> node.due >> node.service)) {
      throw std::runtime_error("unreadable customer line: " + line);
    }
    if (id != static_cast<long long>(nodes.size())) {
      throw std::runtime_error("customer numbers must run 0, 1, 2...");
    }
    nodes.push_back(node);
  }
  if (vehicles == 0) throw std::runtime_error("no VEHICLE block");
  return build(name, nodes, 0, vehicles, capacity, rounding);
}

}  // namespace nara::interop::planning
