#pragma once
// Loggkontroll (PDL 4:3, HSLF-FS 2016:40 4:9 p.5–6): systematic and recurring checks of the
// accesses made in a care provider's name, with the reviewer's documented outcome.
#include <optional>
#include <string>
#include <vector>

#include "domain/access/actor.hpp"
#include "service/context.hpp"

namespace nara::service {

struct ReviewItem {
  std::int64_t seq = 0;
  std::string at;
  std::string action;
  std::string outcome;
  std::vector<std::string>
      reasons;  // emergency_access, without_relation, protected_identity, sample
  std::optional<std::string> user_id;
  std::optional<std::string> user_name;
  std::optional<std::string> unit_name;
  std::optional<std::string> person_id;  // for a list entry, one of the persons it names
  std::optional<std::string> person_name;
  std::string object_type;  // "person", or a list that showed them ("worklist", "ward_board")
  std::optional<std::string> purpose;
  std::optional<std::string> review_outcome;
  std::optional<std::string> review_note;
};

struct ReviewSelection {
  std::string from;  // ISO 8601 instants, inclusive from, exclusive to
  std::string to;
  std::size_t sample_size = 20;
};

class LogReviewService {
 public:
  explicit LogReviewService(ServiceContext context) : ctx_(context) {}

  std::vector<ReviewItem> selection(const domain::access::Actor& actor,
                                    const ReviewSelection& selection);
  void record_outcome(const domain::access::Actor& actor, std::int64_t seq,
                      const std::string& outcome, const std::optional<std::string>& note);

 private:
  ServiceContext ctx_;
};

}  // namespace nara::service
