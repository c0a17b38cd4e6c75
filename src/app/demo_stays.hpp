#pragma once
// The synthetic county's inpatient stays (issue 19 point 6): episodes through every end state with
// their diagnoses, ready periods, events and notices, at the rates of domain-rules §1.6 and §4.3.
// Internal to the generator (demo_history.cpp).
#include <vector>

#include "app/demo_synthetic.hpp"

namespace nara::app::synthetic {

class StayWriter {
 public:
  StayWriter(store::Transaction& tx, const County& county, const Window& window, std::uint64_t seed,
             IdSource& ids);

  // Writes the stays of resident `index` within the window and returns them in time order.
  std::vector<StayOutline> write(const Resident& resident, std::size_t index);
  void finish(RowCounts& counts);
  // Rows that name an episode (a SIP started at discharge) are written after it.
  BulkInserter& episodes() { return episodes_; }

 private:
  struct Stay;
  void write_stay(const Resident& resident, const Stay& stay);

  const County& county_;
  Window window_;
  std::uint64_t seed_;
  IdSource& ids_;
  std::size_t episodes_written_ = 0;
  BulkInserter episodes_;
  BulkInserter diagnoses_;
  BulkInserter ready_periods_;
  BulkInserter events_;
  BulkInserter notices_;
  BulkInserter relations_;
};

}  // namespace nara::app::synthetic
