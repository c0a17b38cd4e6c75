#include <boost/json.hpp>
#include <map>
#include <stdexcept>
#include <string>

#include "interop/planning/instance_readers.hpp"

namespace nara::interop::planning {

namespace json = boost::json;
using domain::planning::Caregiver;
using domain::planning::Instance;
using domain::planning::Person;
using domain::planning::TravelMatrix;
using domain::planning::Visit;
using domain::planning::VisitLink;

namespace {

double as_number(const json::value& v) {
  if (v.is_double()) return v.get_double();
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  throw std::runtime_error("expected a number");
}

const json::array& array_at(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_array())
    throw std::runtime_error(std::string("missing array: ") + key);
  return v->get_array();
}

std::string string_at(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string())
    throw std::runtime_error(std::string("missing text: ") + key);
  return std::string(v->get_string());
}

}  // namespace

Instance read_mankowska_json(std::string_view text, std::string name) {
  json::value root;
  try {
    root = json::parse(text);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("not JSON: ") + e.what());
  }
  if (!root.is_object()) throw std::runtime_error("the instance must be a JSON object");
  const json::object& doc = root.get_object();
  Instance inst;
  inst.name = std::move(name);
  inst.principals = {"default"};

  std::map<std::string, std::size_t> skill_index;
  for (const json::value& s : array_at(doc, "services")) {
    const std::string id = string_at(s.as_object(), "id");
    skill_index.emplace(id, inst.skills.size());
    inst.skills.push_back(id);
  }
  const auto skill = [&](const std::string& id) {
    const auto found = skill_index.find(id);
    if (found == skill_index.end()) throw std::runtime_error("unknown service: " + id);
    return found->second;
  };

  const json::array& offices = array_at(doc, "central_offices");
  if (offices.size() != 1) throw std::runtime_error("exactly one central office is supported");
  const json::array& patients = array_at(doc, "patients");
  const json::array& distances = array_at(doc, "distances");
  const std::size_t locations = patients.size() + 1;  // the office first, then the patients
  if (distances.size() != locations) throw std::runtime_error("distance matrix has wrong size");
  inst.travel = TravelMatrix(locations);
  for (std::size_t i = 0; i < locations; ++i) {
    const json::array& row = distances[i].as_array();
    if (row.size() != locations) throw std::runtime_error("distance matrix row has wrong size");
    for (std::size_t j = 0; j < locations; ++j) inst.travel.set(i, j, as_number(row[j]));
  }

  for (std::size_t p = 0; p < patients.size(); ++p) {
    const json::object& patient = patients[p].as_object();
    Person person;
    person.id = string_at(patient, "id");
    inst.persons.push_back(person);
    const json::array& window = array_at(patient, "time_window");
    if (window.size() != 2) throw std::runtime_error(person.id + ": time_window needs two values");
    const json::array& required = array_at(patient, "required_caregivers");
    if (required.empty() || required.size() > 2) {
      throw std::runtime_error(person.id + ": one or two required caregivers supported");
    }
    const std::size_t first_visit = inst.visits.size();
    for (const json::value& r : required) {
      const json::object& need = r.as_object();
      Visit v;
      v.person = p;
      v.location = p + 1;
      v.earliest = as_number(window[0]);
      v.latest = as_number(window[1]);
      v.skill = skill(string_at(need, "service"));
      v.id = required.size() == 1 ? person.id : person.id + "/" + inst.skills[v.skill];
      v.duration = as_number(need.at("duration"));
      inst.visits.push_back(std::move(v));
    }
    if (required.size() == 2) {
      VisitLink link{first_visit, first_visit + 1, 0.0, 0.0};
      if (const json::value* sync = patient.if_contains("synchronization")) {
        const std::string type = string_at(sync->as_object(), "type");
        if (type == "sequential") {
          const json::array& gap = array_at(sync->as_object(), "distance");
          if (gap.size() != 2) throw std::runtime_error(person.id + ": distance needs two values");
          link.min_gap = as_number(gap[0]);
          link.max_gap = as_number(gap[1]);
        } else if (type != "simultaneous") {
          throw std::runtime_error(person.id + ": unknown synchronization " + type);
        }
      }
      inst.links.push_back(link);
    }
  }

  for (const json::value& c : array_at(doc, "caregivers")) {
    const json::object& o = c.as_object();
    Caregiver caregiver;
    caregiver.id = string_at(o, "id");
    for (const json::value& a : array_at(o, "abilities")) {
      caregiver.skills.push_back(skill(std::string(a.as_string())));
    }
    inst.caregivers.push_back(std::move(caregiver));
  }

  inst.weights.travel = 1.0 / 3.0;
  inst.weights.total_tardiness = 1.0 / 3.0;
  inst.weights.max_tardiness = 1.0 / 3.0;
  inst.weights.overtime = 0.0;
  inst.weights.continuity = 0.0;
  inst.weights.unserved_by_priority = {1.0e5};
  return inst;
}

}  // namespace nara::interop::planning
