#pragma once
// Internal to the FHIR import's reading (import_bundle.cpp, import_resources.cpp): the elements of
// one JSON object of a resource, read as FHIR R4 data types, each fault recorded with its
// FHIRPath. Not for use elsewhere.
#include <boost/json.hpp>
#include <chrono>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "interop/fhir/import_bundle.hpp"

namespace nara::interop::fhir::import::detail {

// Collects a bundle's faults: invalid R4 (400) or valid R4 that Nära cannot take (422).
class Faults {
 public:
  static constexpr std::size_t kMaxErrors = 100;
  explicit Faults(Bundle& bundle) : bundle_(bundle) {}
  void invalid(std::string expression, std::string rule, std::string detail);
  void unprocessable(std::string expression, std::string rule, std::string detail);
  void warn(std::string expression, std::string rule, std::string detail);

 private:
  void add(std::string expression, std::string rule, std::string detail, int status);
  Bundle& bundle_;
};

class Element {
 public:
  Element(const boost::json::object& object, std::string path, Faults& faults)
      : object_(object), path_(std::move(path)), faults_(faults) {}

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string at(std::string_view name) const {
    return path_ + "." + std::string(name);
  }
  [[nodiscard]] bool has(std::string_view name) const { return object_.contains(name); }
  Faults& faults() { return faults_; }

  // Primitives. Absent: nothing. A wrong JSON type, an empty string or a value outside the
  // type's form is recorded as invalid and also gives nothing.
  std::optional<std::string> string(std::string_view name);
  std::optional<std::string> uri(std::string_view name);
  // A code; when `allowed` is given, one of them (a required binding).
  std::optional<std::string> code(std::string_view name,
                                  std::initializer_list<std::string_view> allowed = {});
  std::optional<bool> boolean(std::string_view name);
  std::optional<std::string> date(std::string_view name);  // as sent, checked
  std::optional<DateTime> date_time(std::string_view name);
  std::vector<std::string> strings(std::string_view name);

  // Complex types: the object, or each object of the array, with its path.
  std::optional<Element> object(std::string_view name);
  std::vector<Element> objects(std::string_view name);

  std::optional<Reference> reference(std::string_view name);
  std::optional<Coding> coding();  // this element as a Coding
  // The first coding of a CodeableConcept with both system and code, all of them checked.
  std::optional<Coding> first_coding(std::string_view name);
  // Every Coding of a CodeableConcept, checked: of the element `name`, or of this element.
  std::vector<Coding> codings(std::string_view name);
  std::vector<Coding> concept_codings();
  // Period: start and end, end not before start (R4 per-1).
  std::pair<std::optional<DateTime>, std::optional<DateTime>> period(std::string_view name);
  // How many of the names are present (a choice type [x] allows one).
  [[nodiscard]] int count_present(std::initializer_list<std::string_view> names) const;

 private:
  const boost::json::value* value(std::string_view name);
  std::optional<std::string_view> text(std::string_view name);

  const boost::json::object& object_;
  std::string path_;
  Faults& faults_;
};

// The resources the import keeps (import_resources.cpp): each adds what it read to `bundle`, with
// the keys it is known by (its identifiers, then the entry's fullUrl).
void read_patient(Element& resource, const Entry& entry, std::chrono::year_month_day today,
                  Bundle& bundle);
void read_organization(Element& resource, const Entry& entry, Bundle& bundle);
void read_practitioner(Element& resource, const Entry& entry, Bundle& bundle);
void read_encounter(Element& resource, const Entry& entry, Bundle& bundle);
void read_condition(Element& resource, const Entry& entry, Bundle& bundle);

}  // namespace nara::interop::fhir::import::detail
