#pragma once
// ADT messages as commands on an inpatient episode (issue 4): A01 admit, A02 transfer, A03
// discharge, A08 update, A11 cancel admit, A13 cancel discharge, A16 pending discharge (sets the
// planned discharge). Pure mapping from a parsed message; the service applies the command.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "interop/hl7v2/message.hpp"

namespace nara::interop::hl7v2 {

enum class AdtAction {
  admit,
  transfer,
  discharge,
  update,
  cancel_admit,
  cancel_discharge,
  pending_discharge
};
std::string_view to_string(AdtAction action);

struct AdtCommand {
  AdtAction action;
  std::string control_id;
  std::string person_identifier;         // PID-3 value
  std::string person_identifier_system;  // PID-3.4.2 (OID) or PID-3.4.1
  std::string family_name;               // PID-5.1.1
  std::string given_name;                // PID-5.2
  std::string visit_number;              // PV1-19.1, the episode's id at the sender
  std::string ward;                      // PV1-3.1 point of care: an HSA-id or the sender's code
  // Whose code PV1-3.1 is: PV1-3.4 facility (HD, its namespace id or else its universal id), else
  // MSH-4 sending facility. A county's one patient administration system serves several
  // hospitals, each with its own ward codes, so the code is read with the facility.
  std::string ward_facility;
  std::string previous_ward;      // PV1-6.1 (A02)
  std::string event_time;         // EVN-2, else MSH-7 (HL7 DTM)
  std::string planned_discharge;  // PV2-9 expected discharge (A16), HL7 DTM
  std::string birth_date;         // PID-7, HL7 DTM (for a reservnummer)
  std::string sender;             // MSH-3.1 "^" MSH-4.1: control ids are unique per sender
  // PV1-4 admission type (HL7 table 0007): "acute" for E (emergency), U (urgent) and A
  // (accident), "planned" for C (elective) and R (routine), empty when not told. Readmission
  // indicators tell unplanned stays apart by it (domain-rules §4.3).
  std::string admission_kind;
  // DG1-3.1 codes coded in ICD-10 (DG1-2 or DG1-3.3 I10, ICD10, ICD-10-SE or its OID), in DG1-15
  // priority order (then message order); other coding systems (I9, SNOMED CT) are left out.
  std::vector<std::string> icd10_diagnoses;
};

struct AdtRejection {
  std::string reason;  // for MSA-3/ERR
  bool reject = true;  // AR (message not accepted) rather than AE (application error)
  AckError error;      // ERR-2 and ERR-3 (HL7 table 0357)
  // A04 register and A05 pre-admit: well-formed events that do not concern an inpatient stay.
  // The ingest acknowledges them AA with a note, or AR by configuration.
  bool not_applicable = false;
};

// The Swedish personnummer OID (domain-rules §5.1): what a Swedish sender puts in PID-3.
inline constexpr std::string_view kPersonnummerOid = "1.2.752.129.2.1.3.1";
inline constexpr std::string_view kSamordningsnummerOid = "1.2.752.129.2.1.3.3";

// HL7 v2 DTM: YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]. Without an offset the time is
// Europe/Stockholm wall-clock time, as a Swedish hospital system sends it. Missing parts are the
// start of the period (a date alone is local midnight). nullopt when it is not a valid DTM.
std::optional<core::Instant> parse_dtm(std::string_view text);

// Maps a parsed ADT message; a message of another type, trigger, processing id (MSH-11 other than
// P) or version (MSH-12 other than 2.x), or without the person, is a rejection naming what is
// missing with its HL7 table 0357 code.
std::variant<AdtCommand, AdtRejection> map_adt(const Message& message);

}  // namespace nara::interop::hl7v2
