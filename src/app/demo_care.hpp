#pragma once
// The synthetic county's care outside hospital (issue 19 point 6): named contacts, SIPs with
// their follow-ups and meetings, requests between units, contacts held by home care, home health
// care and health centres, hours of home care, and a few decisions on the proactive list.
// Internal to the generator (demo_history.cpp); SIPs are in demo_care_sip.cpp.
#include <vector>

#include "app/demo_synthetic.hpp"

namespace nara::app::synthetic {

class CareWriter {
 public:
  // `episodes`: where the stays are written, so a SIP naming one is written after it.
  CareWriter(store::Transaction& tx, const County& county, const Window& window, std::uint64_t seed,
             IdSource& ids, BulkInserter& episodes);

  // Writes everything but the stays for resident `index`, whose stays `stays` already are.
  void write(const Resident& resident, std::size_t index, const std::vector<StayOutline>& stays);
  void finish(RowCounts& counts);

 private:
  struct Period {
    core::Instant from;
    core::Instant until;
  };
  // The part of [from_day, death) from the window's start to `end`; none when empty.
  std::optional<Period> in_window(const Resident& r, int from_day, core::Instant end) const;
  const MunicipalityUnits& municipality(const Resident& r) const {
    return county_.municipalities[static_cast<std::size_t>(r.municipality)];
  }
  const CountyUnit* health_centre(const Resident& r) const;

  void write_named_contacts(const Resident& r, Random& random,
                            const std::vector<StayOutline>& stays);
  void write_sips(const Resident& r, Random& random, const std::vector<StayOutline>& stays);
  void write_sip(const Resident& r, Random& random, core::Instant created,
                 const CountyUnit& initiator, const StayOutline* stay);
  void write_requests(const Resident& r, Random& random, const std::vector<StayOutline>& stays);
  void write_request(const Resident& r, Random& random, core::Instant sent, const char* type,
                     const CountyUnit& from, const CountyUnit& to);
  void write_contacts(const Resident& r, Random& random, const std::vector<StayOutline>& stays);
  void write_contact_series(const Resident& r, Random& random,
                            const std::vector<StayOutline>& stays, const CountyUnit& unit,
                            const Period& period, double per_week);
  void write_home_care_hours(const Resident& r, Random& random);
  void write_proactive_action(const Resident& r, Random& random,
                              const std::vector<StayOutline>& stays);

  const County& county_;
  Window window_;
  std::uint64_t seed_;
  IdSource& ids_;
  BulkInserter named_contacts_;
  BulkInserter plans_;
  BulkInserter plan_versions_;
  BulkInserter meetings_;
  BulkInserter requests_;
  BulkInserter request_events_;
  BulkInserter contacts_;
  BulkInserter home_care_hours_;
  BulkInserter actions_;
  BulkInserter relations_;
};

// A member of staff of `unit` for `role`, else anyone there; empty when the unit has no staff.
std::string staff_of(const CountyUnit& unit, std::string_view role, Random& random);

}  // namespace nara::app::synthetic
