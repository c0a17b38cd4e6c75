// The indicator catalogue, version 2026.1 (docs/follow-up.md): what each indicator counts, for
// whom, in which month, and where the definition comes from. A definition whose meaning changes
// gets a new version number and the catalogue a new version, so a stored figure can always be read
// against the definition it was computed with.
#include <array>
#include <stdexcept>

#include "domain/indicators/computation.hpp"
#include "domain/indicators/indicators.hpp"

namespace nara::domain::indicators {

std::string_view to_string(ValueUnit unit) {
  switch (unit) {
    case ValueUnit::share:
      return "share";
    case ValueUnit::per_1000:
      return "per_1000";
    case ValueUnit::days:
      return "days";
    case ValueUnit::sek:
      return "sek";
    case ValueUnit::count:
      return "count";
    case ValueUnit::index:
      return "index";
  }
  return "unknown";
}

std::string_view to_string(UnitLevel level) {
  switch (level) {
    case UnitLevel::none:
      return "none";
    case UnitLevel::ward:
      return "ward";
    case UnitLevel::health_centre:
      return "health_centre";
    case UnitLevel::receiving_unit:
      return "receiving_unit";
    case UnitLevel::contact_unit:
      return "contact_unit";
    case UnitLevel::initiating_unit:
      return "initiating_unit";
    case UnitLevel::relation_unit:
      return "relation_unit";
    case UnitLevel::acting_unit:
      return "acting_unit";
  }
  return "unknown";
}

std::string_view to_string(Level level) {
  switch (level) {
    case Level::county:
      return "county";
    case Level::municipality:
      return "municipality";
    case Level::unit:
      return "unit";
  }
  return "unknown";
}

namespace {

// Shared wording, so the ready-day indicators say the same thing about the same days.
constexpr std::string_view kReadyDaysNoteSv =
    "Dagar som utskrivningsklar = kalenderdagar i Europe/Stockholm från datumet då den gällande "
    "underrättelsen om utskrivningsklar skickades till utskrivningsdatumet: underrättelsens dag "
    "räknas inte, utskrivningsdagen räknas; utskriven samma dag = 0 dagar (SKR räknar dagar som "
    "utskrivningsklar). Återtagen underrättelse: den senaste som gäller. Bara utskrivna "
    "vårdtillfällen.";
constexpr std::string_view kReadyDaysNoteEn =
    "Days ready for discharge = calendar days in Europe/Stockholm from the date the ready notice "
    "in "
    "force was sent to the discharge date: the notice's day does not count, the discharge day "
    "does; "
    "discharged the same day = 0 days (SKR counts days as ready for discharge). A withdrawn "
    "notice: "
    "the latest one in force. Discharged episodes only.";

constexpr std::string_view kClockNoteSv =
    "Klockor som ännu inte löpt ut vid uppgifternas tidpunkt räknas inte; ej uppfyllda klockor som "
    "löpt ut räknas som ej i tid (samma regel som tidsefterlevnaden, issue 6).";
constexpr std::string_view kClockNoteEn =
    "Clocks not yet due when the data was taken are not counted; unmet clocks past due count as "
    "not "
    "in time (the same rule as deadline compliance, issue 6).";

Catalogue build_catalogue() {
  Catalogue c;
  c.version = "2026.1";
  c.definitions = {
      {.id = "ready_days_per_1000_65",
       .version = 1,
       .name_sv = "Dagar som utskrivningsklar per 1 000 invånare 65+",
       .name_en = "Days ready for discharge per 1,000 inhabitants 65+",
       .numerator_sv =
           "Dagar som utskrivningsklar, vårdtillfällen utskrivna i månaden (alla åldrar)",
       .numerator_en = "Days ready for discharge of episodes discharged in the month (all ages)",
       .denominator_sv = "Invånare 65 år och äldre den första dagen i månaden",
       .denominator_en = "Inhabitants aged 65 or more on the first day of the month",
       .unit = ValueUnit::per_1000,
       .population_sv = "Vårdtillfällen i slutenvård, betalningsansvarig kommun",
       .population_en = "Inpatient episodes, by liable municipality",
       .period_sv = "Utskrivningsmånad",
       .period_en = "Month of discharge",
       .source = "SKR/Väntetider i vården, utskrivningsklara patienter (dagar per 1 000 invånare "
                 "65+); Lag (2017:612) 3 kap. 1 §, 5 kap. 2 §; domain-rules §1.6, §4.3",
       .higher_is_better = false,
       .unit_level = UnitLevel::ward,
       .notes_sv = "Se dagar som utskrivningsklar. En avdelnings serie har länets invånare 65+ som "
                   "nämnare, så avdelningarnas värden summerar till länets.",
       .notes_en = "See days ready for discharge. A ward's series has the county's inhabitants 65+ "
                   "as its denominator, so the wards' values add up to the county's."},
      {.id = "ready_days_mean",
       .version = 1,
       .name_sv = "Medelantal dagar som utskrivningsklar",
       .name_en = "Mean days ready for discharge",
       .numerator_sv = "Dagar som utskrivningsklar",
       .numerator_en = "Days ready for discharge",
       .denominator_sv = "Vårdtillfällen utskrivna i månaden med minst 1 dag som utskrivningsklar",
       .denominator_en = "Episodes discharged in the month with at least 1 day ready for discharge",
       .unit = ValueUnit::days,
       .population_sv = "Vårdtillfällen i slutenvård, alla åldrar",
       .population_en = "Inpatient episodes, all ages",
       .period_sv = "Utskrivningsmånad",
       .period_en = "Month of discharge",
       .source = "SKR/Väntetider i vården: medelvårdtid som utskrivningsklar (vårdtillfällen "
                 "avslutade i månaden med ≥ 1 dag); domain-rules §4.3",
       .higher_is_better = false,
       .unit_level = UnitLevel::ward,
       .notes_sv = kReadyDaysNoteSv,
       .notes_en = kReadyDaysNoteEn},
      {.id = "ready_days_median",
       .version = 1,
       .name_sv = "Median dagar som utskrivningsklar",
       .name_en = "Median days ready for discharge",
       .numerator_sv = "Medianen av dagar som utskrivningsklar",
       .numerator_en = "The median of days ready for discharge",
       .denominator_sv = "Vårdtillfällen utskrivna i månaden med minst 1 dag som utskrivningsklar",
       .denominator_en = "Episodes discharged in the month with at least 1 day ready for discharge",
       .unit = ValueUnit::days,
       .population_sv = "Vårdtillfällen i slutenvård, alla åldrar",
       .population_en = "Inpatient episodes, all ages",
       .period_sv = "Utskrivningsmånad",
       .period_en = "Month of discharge",
       .source = "Nära, kompletterar SKR:s medelvärde (få långa vårdtider drar upp medelvärdet); "
                 "domain-rules §4.3",
       .higher_is_better = false,
       .unit_level = UnitLevel::ward,
       .notes_sv = "Vid jämnt antal: medelvärdet av de två mittersta. Täljare och nämnare visas "
                   "inte; antal = vårdtillfällen.",
       .notes_en = "With an even number: the mean of the two middle ones. No numerator or "
                   "denominator is shown; count = episodes."},
      {.id = "discharged_within_offset_share",
       .version = 1,
       .name_sv = "Andel utskrivna innan betalningsansvaret börjar",
       .name_en = "Share discharged before payment liability starts",
       .numerator_sv = "Utskrivna senast den dag betalningsansvaret börjar (5 kap. 4 §)",
       .numerator_en = "Discharged no later than the day payment liability starts (5:4)",
       .denominator_sv = "Vårdtillfällen utskrivna i månaden med en gällande underrättelse om "
                         "utskrivningsklar",
       .denominator_en = "Episodes discharged in the month with a ready notice in force",
       .unit = ValueUnit::share,
       .population_sv = "Vårdtillfällen i slutenvård, alla åldrar",
       .population_en = "Inpatient episodes, all ages",
       .period_sv = "Utskrivningsmånad",
       .period_en = "Month of discharge",
       .source = "Lag (2017:612) 5 kap. 4 §; domain-rules §1.3, §7 p. 4",
       .higher_is_better = true,
       .unit_level = UnitLevel::ward,
       .notes_sv = "I tid: dagar som utskrivningsklar ≤ överenskommelsens dagar (3 enligt lag), "
                   "en dag till om underrättelsen skickades efter kl. 12.00. Utskrivningsdagen är "
                   "inget vårddygn, så utskriven på startdagen är i tid.",
       .notes_en = "In time: days ready ≤ the agreement's days (3 by statute), one more when the "
                   "notice was sent after 12:00. The discharge day is no care day, so discharged "
                   "on the start day is in time."},
      {.id = "liability_days",
       .version = 1,
       .name_sv = "Dagar med kommunalt betalningsansvar",
       .name_en = "Days of municipal payment liability",
       .numerator_sv = "Betalningsansvariga dagar, vårdtillfällen utskrivna i månaden",
       .numerator_en = "Liable days of episodes discharged in the month",
       .denominator_sv = "",
       .denominator_en = "",
       .unit = ValueUnit::days,
       .population_sv = "Vårdtillfällen med betalningsansvar, betalningsansvarig kommun",
       .population_en = "Episodes with payment liability, by liable municipality",
       .period_sv = "Utskrivningsmånad",
       .period_en = "Month of discharge",
       .source = "Lag (2017:612) 5 kap. 1–4 §§; domain-rules §1.3, §7 p. 4–6",
       .higher_is_better = false,
       .unit_level = UnitLevel::ward,
       .notes_sv = "Som betalningsansvaret räknats enligt gällande överenskommelse. Antal = "
                   "vårdtillfällen med minst en ansvarig dag.",
       .notes_en = "As liability was computed under the agreement in force. Count = episodes with "
                   "at least one liable day."},
      {.id = "liability_amount",
       .version = 1,
       .name_sv = "Belopp för kommunalt betalningsansvar",
       .name_en = "Amount of municipal payment liability",
       .numerator_sv = "Belopp (kr), vårdtillfällen utskrivna i månaden",
       .numerator_en = "Amount (SEK) of episodes discharged in the month",
       .denominator_sv = "",
       .denominator_en = "",
       .unit = ValueUnit::sek,
       .population_sv = "Vårdtillfällen med betalningsansvar, betalningsansvarig kommun",
       .population_en = "Episodes with payment liability, by liable municipality",
       .period_sv = "Utskrivningsmånad",
       .period_en = "Month of discharge",
       .source = "Lag (2017:612) 5 kap. 6 §; förordning (2017:617); HSLF-FS; domain-rules §1.4",
       .higher_is_better = false,
       .unit_level = UnitLevel::ward,
       .notes_sv = "Antal = vårdtillfällen med ett belopp.",
       .notes_en = "Count = episodes with an amount."},
      {.id = "admission_notice_24h_share",
       .version = 1,
       .name_sv = "Andel inskrivningsmeddelanden inom 24 timmar",
       .name_en = "Share of admission notices within 24 hours",
       .numerator_sv = "Inskrivningsmeddelande skickat inom 24 timmar",
       .numerator_en = "Admission notice sent within 24 hours",
       .denominator_sv = "Vårdtillfällen inskrivna i månaden där inskrivningsmeddelande krävs",
       .denominator_en = "Episodes admitted in the month that require an admission notice",
       .unit = ValueUnit::share,
       .population_sv = "Vårdtillfällen i slutenvård med bedömt behov av insatser",
       .population_en = "Inpatient episodes with assessed needs",
       .period_sv = "Inskrivningsmånad",
       .period_en = "Month of admission",
       .source = "Lag (2017:612) 2 kap. 1 och 3 §§, 5 kap. 3 § 1; domain-rules §7 p. 1",
       .higher_is_better = true,
       .unit_level = UnitLevel::ward,
       .notes_sv = kClockNoteSv,
       .notes_en = kClockNoteEn},
      {.id = "sip_invitation_3_days_share",
       .version = 1,
       .name_sv = "Andel kallelser till SIP inom 3 dagar",
       .name_en = "Share of SIP invitations within 3 days",
       .numerator_sv = "Kallelse skickad senast tredje dagen efter underrättelsen",
       .numerator_en = "Invitation sent by the third day after the ready notice",
       .denominator_sv = "Vårdtillfällen där SIP krävs, med underrättelse i månaden",
       .denominator_en = "Episodes requiring a SIP with the ready notice in the month",
       .unit = ValueUnit::share,
       .population_sv = "Vårdtillfällen där SIP krävs (4 kap. 1 §)",
       .population_en = "Episodes where a SIP is required (4:1)",
       .period_sv = "Månaden då den gällande underrättelsen skickades",
       .period_en = "Month the ready notice in force was sent",
       .source = "Lag (2017:612) 4 kap. 1 och 3 §§, 5 kap. 3 § 3; domain-rules §7 p. 3",
       .higher_is_better = true,
       .unit_level = UnitLevel::health_centre,
       .notes_sv = kClockNoteSv,
       .notes_en = kClockNoteEn},
      {.id = "named_contact_before_discharge_share",
       .version = 1,
       .name_sv = "Andel med fast vårdkontakt utsedd före utskrivning",
       .name_en = "Share with a named care contact before discharge",
       .numerator_sv = "Fast vårdkontakt utsedd senast vid utskrivningen",
       .numerator_en = "Named contact appointed no later than discharge",
       .denominator_sv = "Vårdtillfällen utskrivna i månaden där en vårdcentral fått "
                         "inskrivningsmeddelande och behöver medverka",
       .denominator_en = "Episodes discharged in the month where a health centre was notified and "
                         "is needed",
       .unit = ValueUnit::share,
       .population_sv = "Vårdtillfällen med behov av regionfinansierad öppen vård",
       .population_en = "Episodes needing regional outpatient care",
       .period_sv = "Utskrivningsmånad",
       .period_en = "Month of discharge",
       .source = "Lag (2017:612) 2 kap. 5 §",
       .higher_is_better = true,
       .unit_level = UnitLevel::health_centre,
       .notes_sv = "",
       .notes_en = ""},
      {.id = "readmission_30d_65",
       .version = 1,
       .name_sv = "Återinskrivning inom 30 dagar, 65+",
       .name_en = "Readmission within 30 days, 65+",
       .numerator_sv = "Ny inskrivning av samma person inom 30 kalenderdagar efter utskrivningen",
       .numerator_en = "A new admission of the same person within 30 calendar days of discharge",
       .denominator_sv = "Vårdtillfällen utskrivna i månaden (levande), 65 år och äldre vid "
                         "inskrivningen",
       .denominator_en = "Episodes discharged alive in the month, aged 65 or more at admission",
       .unit = ValueUnit::share,
       .population_sv = "Personer 65+ i slutenvård",
       .population_en = "Persons 65+ in inpatient care",
       .period_sv = "Indexvårdtillfällets utskrivningsmånad",
       .period_en = "Month of the index stay's discharge",
       .source = "Socialstyrelsen, Öppna jämförelser: återinskrivningar inom 30 dagar (revision "
                 "2014 för mest sjuka äldre); domain-rules §4.3 [verify]",
       .higher_is_better = false,
       .unit_level = UnitLevel::ward,
       .notes_sv = "[M] Dagar = kalenderdagar i Europe/Stockholm från utskrivningsdatum till nya "
                   "inskrivningsdatumet (≤ 30), inskrivningen efter utskrivningen. Makulerade "
                   "inskrivningar räknas inte. Ett indexvårdtillfälle räknas först när dess 30 "
                   "dagar har gått. Ingen diagnosexkludering (Socialstyrelsens lista saknas).",
       .notes_en =
           "[M] Days = calendar days in Europe/Stockholm from the discharge date to the new "
           "admission date (≤ 30), the admission after the discharge. Cancelled "
           "admissions do not count. An index stay counts once its 30 days have passed. "
           "No diagnosis exclusions (Socialstyrelsen's list not retrieved)."},
      {.id = "readmission_30d_unplanned_65",
       .version = 1,
       .name_sv = "Oplanerad återinskrivning inom 30 dagar, 65+",
       .name_en = "Unplanned readmission within 30 days, 65+",
       .numerator_sv = "Ny akut inskrivning av samma person inom 30 kalenderdagar",
       .numerator_en = "A new acute admission of the same person within 30 calendar days",
       .denominator_sv = "Som för återinskrivning inom 30 dagar",
       .denominator_en = "As for readmission within 30 days",
       .unit = ValueUnit::share,
       .population_sv = "Personer 65+ i slutenvård",
       .population_en = "Persons 65+ in inpatient care",
       .period_sv = "Indexvårdtillfällets utskrivningsmånad",
       .period_en = "Month of the index stay's discharge",
       .source = "Socialstyrelsen, oplanerade återinskrivningar inom 30 dagar (2014); "
                 "domain-rules §4.3 [verify]",
       .higher_is_better = false,
       .unit_level = UnitLevel::ward,
       .notes_sv = "Bara inskrivningar markerade akuta räknas; okänt inskrivningssätt räknas inte.",
       .notes_en = "Only admissions marked acute count; an unknown kind does not."},
      {.id = "sips_per_1000_65",
       .version = 1,
       .name_sv = "Påbörjade SIP per 1 000 invånare 65+",
       .name_en = "SIPs started per 1,000 inhabitants 65+",
       .numerator_sv = "SIP påbörjade i månaden för personer 65+",
       .numerator_en = "SIPs started in the month for persons 65+",
       .denominator_sv = "Invånare 65 år och äldre den första dagen i månaden",
       .denominator_en = "Inhabitants aged 65 or more on the first day of the month",
       .unit = ValueUnit::per_1000,
       .population_sv = "Personer 65+ med SIP, folkbokföringskommun",
       .population_en = "Persons 65+ with a SIP, by municipality of residence",
       .period_sv = "Månaden då SIP:en påbörjades",
       .period_en = "Month the SIP was started",
       .source = "HSL (2017:30) 16 kap. 4 §; SoL (2025:400) 10 kap. 8–9 §§; domain-rules §2",
       .higher_is_better = true,
       .unit_level = UnitLevel::initiating_unit,
       .notes_sv = "Inte samordnad vårdplan enligt LPT/LRV. En enhets serie har länets invånare "
                   "65+ som nämnare.",
       .notes_en = "Not the LPT/LRV samordnad vårdplan. A unit's series has the county's "
                   "inhabitants 65+ as its denominator."},
      {.id = "sip_follow_up_on_time_share",
       .version = 1,
       .name_sv = "Andel SIP-uppföljningar i tid",
       .name_en = "Share of SIP follow-ups on time",
       .numerator_sv = "Uppföljningar hållna senast planerat datum",
       .numerator_en = "Follow-ups held no later than the planned date",
       .denominator_sv = "Uppföljningar planerade i månaden",
       .denominator_en = "Follow-ups planned for the month",
       .unit = ValueUnit::share,
       .population_sv = "SIP, alla åldrar",
       .population_en = "SIPs, all ages",
       .period_sv = "Månaden då uppföljningen skulle hållas",
       .period_en = "Month the follow-up was due",
       .source = "domain-rules §2.2 (uppföljning är inte lagreglerad; VGR:s SIP-process)",
       .higher_is_better = true,
       .unit_level = UnitLevel::initiating_unit,
       .notes_sv = "Hållen = datum i Europe/Stockholm ≤ planerat datum. En ohållen uppföljning "
                   "räknas först när dess datum passerat.",
       .notes_en =
           "Held = date in Europe/Stockholm ≤ the planned date. A follow-up not held counts "
           "once its date has passed."},
      {.id = "sip_person_took_part_share",
       .version = 1,
       .name_sv = "Andel SIP där personen deltog",
       .name_en = "Share of SIPs the person took part in",
       .numerator_sv = "SIP där personen är deltagare eller deltog i ett hållet möte",
       .numerator_en = "SIPs with the person as a participant or attending a held meeting",
       .denominator_sv = "SIP påbörjade i månaden",
       .denominator_en = "SIPs started in the month",
       .unit = ValueUnit::share,
       .population_sv = "SIP, alla åldrar",
       .population_en = "SIPs, all ages",
       .period_sv = "Månaden då SIP:en påbörjades",
       .period_en = "Month the SIP was started",
       .source = "HSL (2017:30) 16 kap. 4 § 2 st.; SoL (2025:400) 10 kap. 9 §; domain-rules §2.2",
       .higher_is_better = true,
       .unit_level = UnitLevel::initiating_unit,
       .notes_sv = "",
       .notes_en = ""},
      {.id = "requests_answered_in_time_share",
       .version = 1,
       .name_sv = "Andel begäranden besvarade i tid",
       .name_en = "Share of requests answered in time",
       .numerator_sv = "Besvarade (accepterade eller avböjda) senast svarstiden",
       .numerator_en = "Answered (accepted or declined) by the due time",
       .denominator_sv = "Begäranden med svarstid i månaden, utom återkallade",
       .denominator_en = "Requests due in the month, except cancelled ones",
       .unit = ValueUnit::share,
       .population_sv = "Begäranden om insats mellan enheter",
       .population_en = "Requests between units",
       .period_sv = "Månaden då svaret skulle ha kommit",
       .period_en = "Month the answer was due",
       .source = "Nära (issue 4: begäran om insats med svarstid); domain-rules §7",
       .higher_is_better = true,
       .unit_level = UnitLevel::receiving_unit,
       .notes_sv = "Obesvarade räknas först när svarstiden passerat. Utan svarstid räknas inte.",
       .notes_en =
           "Unanswered ones count once they are past due. Without a due time: not counted."},
      {.id = "continuity_coc",
       .version = 1,
       .name_sv = "Kontinuitet, COC (Bice–Boxerman)",
       .name_en = "Continuity of care, COC (Bice–Boxerman)",
       .numerator_sv = "Summan av personernas COC = (Σ nⱼ² − N) / (N(N − 1))",
       .numerator_en = "The persons' COC summed, COC = (Σ nⱼ² − N) / (N(N − 1))",
       .denominator_sv = "Personer med minst 3 kontakter med enheten de senaste 12 månaderna",
       .denominator_en = "Persons with at least 3 contacts with the unit in the last 12 months",
       .unit = ValueUnit::index,
       .population_sv = "Personer med kontakter (hembesök, besök, telefon, video)",
       .population_en = "Persons with contacts (home visits, visits, phone, video)",
       .period_sv = "12 månader till och med månadens slut",
       .period_en = "12 months up to the month's end",
       .source = "Bice & Boxerman 1977; SKR Primärvårdskvalitet, kontinuitet; domain-rules §4.3",
       .higher_is_better = true,
       .unit_level = UnitLevel::contact_unit,
       .notes_sv = "[M] Per person och enhet, N = kontakter, nⱼ = kontakter med vårdare j; minst 3 "
                   "kontakter (parameter). Värdet är medelvärdet över personerna; en person med "
                   "två enheter räknas i länet en gång per enhet.",
       .notes_en = "[M] Per person and unit, N = contacts, nⱼ = contacts with caregiver j; at "
                   "least 3 contacts (a parameter). The value is the mean over the persons; a "
                   "person with two units counts once per unit in the county."},
      {.id = "continuity_upc",
       .version = 1,
       .name_sv = "Kontinuitet, UPC",
       .name_en = "Continuity of care, UPC",
       .numerator_sv = "Summan av personernas UPC = max nⱼ / N",
       .numerator_en = "The persons' UPC summed, UPC = max nⱼ / N",
       .denominator_sv = "Personer med minst 3 kontakter med enheten de senaste 12 månaderna",
       .denominator_en = "Persons with at least 3 contacts with the unit in the last 12 months",
       .unit = ValueUnit::index,
       .population_sv = "Personer med kontakter (hembesök, besök, telefon, video)",
       .population_en = "Persons with contacts (home visits, visits, phone, video)",
       .period_sv = "12 månader till och med månadens slut",
       .period_en = "12 months up to the month's end",
       .source = "Usual provider of care (standarddefinition) [M]; domain-rules §4.3",
       .higher_is_better = true,
       .unit_level = UnitLevel::contact_unit,
       .notes_sv = "[M] Som COC.",
       .notes_en = "[M] As COC."},
      {.id = "named_contact_share",
       .version = 1,
       .name_sv = "Andel 65+ med fast vårdkontakt",
       .name_en = "Share 65+ with a named care contact",
       .numerator_sv = "Personer med en giltig fast vårdkontakt (någon enhet) vid månadens slut",
       .numerator_en = "Persons with a valid named care contact (any unit) at the month's end",
       .denominator_sv = "Personer som fyller 65 eller mer under året med en aktiv vårdrelation "
                         "vid månadens slut",
       .denominator_en = "Persons turning 65 or more that year with an active care relation at the "
                         "month's end",
       .unit = ValueUnit::share,
       .population_sv = "Personer 65+ i enhetens vård",
       .population_en = "Persons 65+ in the unit's care",
       .period_sv = "Månadens slut",
       .period_en = "The month's end",
       .source = "Lag (2017:612) 2 kap. 5 §; HSL (2017:30) 7 kap. 3 §; Överenskommelse God och "
                 "nära vård 2021–2022 (mål 55 %); domain-rules §4.3",
       .higher_is_better = true,
       .unit_level = UnitLevel::relation_unit,
       .notes_sv = "En person räknas en gång per enhet, kommun och i länet. Okänt födelseår räknas "
                   "inte.",
       .notes_en = "A person counts once per unit, municipality and in the county. An unknown year "
                   "of birth does not count."},
      {.id = "proactive_actions",
       .version = 1,
       .name_sv = "Åtgärder från proaktiv lista",
       .name_en = "Actions from the proactive list",
       .numerator_sv = "Registrerade åtgärder (erbjuden SIP, fast vårdkontakt, planerat hembesök, "
                       "bedömd utan åtgärd)",
       .numerator_en = "Recorded actions (SIP offered, named contact, home visit planned, assessed "
                       "without action)",
       .denominator_sv = "",
       .denominator_en = "",
       .unit = ValueUnit::count,
       .population_sv = "Personer på enheternas proaktiva listor",
       .population_en = "Persons on the units' proactive lists",
       .period_sv = "Månaden då åtgärden registrerades",
       .period_en = "Month the action was recorded",
       .source = "Nära (issue 19 p. 3); domain-rules §4.1",
       .higher_is_better = true,
       .unit_level = UnitLevel::acting_unit,
       .notes_sv = "",
       .notes_en = ""},
  };
  return c;
}

// The ids of detail::Slot, in its order.
constexpr std::array<std::string_view, detail::kSlotCount> kSlotIds = {
    "ready_days_per_1000_65",
    "ready_days_mean",
    "ready_days_median",
    "discharged_within_offset_share",
    "liability_days",
    "liability_amount",
    "admission_notice_24h_share",
    "sip_invitation_3_days_share",
    "named_contact_before_discharge_share",
    "readmission_30d_65",
    "readmission_30d_unplanned_65",
    "sips_per_1000_65",
    "sip_follow_up_on_time_share",
    "sip_person_took_part_share",
    "requests_answered_in_time_share",
    "continuity_coc",
    "continuity_upc",
    "named_contact_share",
    "proactive_actions",
};

// The catalogue and the computation's slots must list the same ids in the same order: a
// definition added to one and not the other fails at first use, not with shifted figures.
const Catalogue& checked_catalogue() {
  static const Catalogue catalogue = [] {
    Catalogue built = build_catalogue();
    bool agree = built.definitions.size() == kSlotIds.size();
    for (size_t i = 0; agree && i < kSlotIds.size(); ++i) {
      agree = built.definitions[i].id == kSlotIds[i];
    }
    if (!agree) throw std::logic_error("indicator catalogue and computation disagree");
    return built;
  }();
  return catalogue;
}

}  // namespace

const Catalogue& catalogue() {
  return checked_catalogue();
}

const Definition* find_definition(std::string_view id) {
  for (const auto& definition : catalogue().definitions) {
    if (definition.id == id) return &definition;
  }
  return nullptr;
}

namespace detail {

std::optional<Slot> slot_of(std::string_view indicator_id) {
  const auto& definitions = catalogue().definitions;
  for (size_t i = 0; i < definitions.size(); ++i) {
    if (definitions[i].id == indicator_id) return static_cast<Slot>(i);
  }
  return std::nullopt;
}

Aggregation aggregation_of(Slot slot) {
  switch (slot) {
    case Slot::ready_days_per_1000_65:
    case Slot::sips_per_1000_65:
      return Aggregation::rate_per_1000;
    case Slot::ready_days_mean:
    case Slot::continuity_coc:
    case Slot::continuity_upc:
      return Aggregation::mean;
    case Slot::ready_days_median:
      return Aggregation::median;
    case Slot::liability_days:
    case Slot::liability_amount:
      return Aggregation::sum;
    case Slot::proactive_actions:
      return Aggregation::count;
    case Slot::discharged_within_offset_share:
    case Slot::admission_notice_24h_share:
    case Slot::sip_invitation_3_days_share:
    case Slot::named_contact_before_discharge_share:
    case Slot::readmission_30d_65:
    case Slot::readmission_30d_unplanned_65:
    case Slot::sip_follow_up_on_time_share:
    case Slot::sip_person_took_part_share:
    case Slot::requests_answered_in_time_share:
    case Slot::named_contact_share:
      return Aggregation::share;
  }
  return Aggregation::share;
}

}  // namespace detail
}  // namespace nara::domain::indicators
