#include "service/liability_service.hpp"

#include <algorithm>

#include "core/problem.hpp"
#include "core/random.hpp"
#include "core/stockholm_time.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "store/access_repository.hpp"
#include "store/registry_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::access::AuditAction;
using domain::access::Role;
using domain::discharge::AgreementTerms;
using domain::discharge::format_iso_date;
using domain::discharge::LocalDate;
using domain::registry::UnitKind;

namespace {

constexpr const char* kAgreementColumns =
    "id, name, municipality_code, valid_from, valid_to, offset_days, noon_rule, count_day0, "
    "count_discharge_day, model, average_threshold_days, source, replaces_id, created_by, "
    "created_at, ended_at, psychiatric_offset_days";

std::optional<bool> optional_flag(const store::Row& row, std::size_t i) {
  if (row.is_null(i)) return std::nullopt;
  return row.int64(i) != 0;
}

std::optional<int> optional_int(const store::Row& row, std::size_t i) {
  if (row.is_null(i)) return std::nullopt;
  return static_cast<int>(row.int64(i));
}

LocalDate stored_date(const std::string& text) {
  const auto date = domain::discharge::parse_iso_date(text);
  if (!date) throw store::DatabaseError("invalid stored date: " + text);
  return *date;
}

store::Value flag_value(const std::optional<bool>& b) {
  return b ? store::Value{static_cast<std::int64_t>(*b ? 1 : 0)} : store::Value{nullptr};
}

store::Value int_value(const std::optional<int>& i) {
  return i ? store::Value{static_cast<std::int64_t>(*i)} : store::Value{nullptr};
}

std::vector<AgreementRecord> load_agreement_records(store::Transaction& tx,
                                                    const std::optional<std::string>& id) {
  std::string sql = std::string("SELECT ") + kAgreementColumns + " FROM liability_agreements";
  std::vector<store::Value> params;
  if (id) {
    sql += " WHERE id = ?";
    params.emplace_back(*id);
  }
  sql += " ORDER BY COALESCE(municipality_code, ''), valid_from, id";
  const auto rs = tx.run(sql, params);
  std::vector<AgreementRecord> out;
  std::map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto row = rs.row(i);
    AgreementRecord r;
    auto& t = r.terms;
    t.id = row.text(0);
    t.name = row.text(1);
    t.municipality_code = row.optional_text(2);
    t.valid_from = stored_date(row.text(3));
    if (!row.is_null(4)) t.valid_to = stored_date(row.text(4));
    t.offset_days = optional_int(row, 5);
    t.noon_rule = optional_flag(row, 6);
    t.count_day0 = optional_flag(row, 7);
    t.count_discharge_day = optional_flag(row, 8);
    t.model = domain::discharge::parse_liability_model(row.text(9))
                  .value_or(domain::discharge::LiabilityModel::per_episode);
    t.average_threshold_days = optional_int(row, 10);
    r.source = row.optional_text(11);
    r.replaces_id = row.optional_text(12);
    r.created_by = row.optional_text(13);
    r.created_at = row.text(14);
    r.ended_at = row.optional_text(15);
    t.psychiatric_offset_days = optional_int(row, 16);
    by_id[t.id] = out.size();
    out.push_back(std::move(r));
  }
  std::string amounts_sql =
      "SELECT agreement_id, year, amount_per_day FROM liability_agreement_amounts";
  std::vector<store::Value> amount_params;
  if (id) {
    amounts_sql += " WHERE agreement_id = ?";
    amount_params.emplace_back(*id);
  }
  const auto amounts = tx.run(amounts_sql, amount_params);
  for (std::size_t i = 0; i < amounts.size(); ++i) {
    const auto row = amounts.row(i);
    const auto it = by_id.find(row.text(0));
    if (it == by_id.end()) continue;
    out[it->second].terms.amount_per_day_by_year[static_cast<int>(row.int64(1))] = row.int64(2);
  }
  return out;
}

void require_reader(const domain::access::Actor& actor) {
  if (actor.role != Role::county_administrator && actor.role != Role::unit_manager) {
    forbidden("Överenskommelser om betalningsansvar visas för chefer och länsadministratörer.");
  }
}

void require_administrator(const domain::access::Actor& actor) {
  if (actor.role != Role::county_administrator) {
    forbidden("Överenskommelser om betalningsansvar förvaltas av länsadministratören.");
  }
}

LocalDate today(const core::Clock& clock) {
  return core::stockholm::local_date(clock.now());
}

bool before(LocalDate a, LocalDate b) {
  return std::chrono::sys_days(a) < std::chrono::sys_days(b);
}

bool overlaps(const AgreementTerms& a, const AgreementTerms& b) {
  const auto a_end = a.valid_to ? std::chrono::sys_days(*a.valid_to) : std::chrono::sys_days::max();
  const auto b_end = b.valid_to ? std::chrono::sys_days(*b.valid_to) : std::chrono::sys_days::max();
  return std::chrono::sys_days(a.valid_from) <= b_end &&
         std::chrono::sys_days(b.valid_from) <= a_end;
}

bool is_municipality(store::Transaction& tx, const std::string& code) {
  return !tx.query("SELECT 1 FROM principals WHERE kind = 'municipality' AND area_code = ?", code)
              .empty();
}

// The episode, when the actor's unit takes part in the person's care; 404 otherwise.
store::EpisodeRecord episode_in_care(store::Transaction& tx, const domain::access::Actor& actor,
                                     const std::string& episode_id) {
  auto record = store::EpisodeRepository(tx).find(episode_id);
  if (!record || !actor.unit_id ||
      !store::AccessRepository(tx).has_active_relation(*actor.unit_id, record->person_id))
    not_found();
  return std::move(*record);
}

bool ward_staff_of(const domain::access::Actor& actor, const store::EpisodeRecord& record) {
  return (actor.role == Role::ward_nurse || actor.role == Role::physician) &&
         actor.unit_id == record.episode.ward_unit_id;
}

std::optional<UnitKind> unit_kind(store::Transaction& tx, const domain::access::Actor& actor) {
  const auto unit = store::RegistryRepository(tx).find_unit(*actor.unit_id);
  return unit ? std::optional<UnitKind>(unit->kind) : std::nullopt;
}

}  // namespace

domain::discharge::LiabilityAgreement LiabilityTerms::for_municipality(
    const std::string& municipality_code, LocalDate date) const {
  return domain::discharge::effective_agreement(
      domain::discharge::agreement_in_force(agreements, municipality_code, date),
      statutory_amounts);
}

LiabilityTerms load_liability_terms(store::Transaction& tx) {
  LiabilityTerms terms;
  for (auto& r : load_agreement_records(tx, std::nullopt))
    terms.agreements.push_back(std::move(r.terms));
  const auto rs = tx.query("SELECT year, amount_per_day FROM statutory_liability_amounts");
  for (std::size_t i = 0; i < rs.size(); ++i)
    terms.statutory_amounts[static_cast<int>(rs.row(i).int64(0))] = rs.row(i).int64(1);
  return terms;
}

std::vector<RegionNotReadyRecord> load_region_not_ready(store::Transaction& tx,
                                                        const std::string& episode_id) {
  const auto rs = tx.query(
      "SELECT id, from_date, to_date, reason, recorded_by, unit_id, recorded_at FROM "
      "episode_region_not_ready WHERE episode_id = ? ORDER BY from_date, recorded_at, id",
      episode_id);
  std::vector<RegionNotReadyRecord> out;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto row = rs.row(i);
    out.push_back({row.text(0), episode_id, stored_date(row.text(1)), stored_date(row.text(2)),
                   row.text(3), row.optional_text(4), row.optional_text(5), row.text(6)});
  }
  return out;
}

std::optional<PlacingMunicipality> load_placing_municipality(store::Transaction& tx,
                                                             const std::string& episode_id) {
  const auto rs = tx.query(
      "SELECT municipality_code, decision_reference, recorded_by, recorded_at FROM "
      "episode_placing_municipality WHERE episode_id = ?",
      episode_id);
  const auto row = rs.first();
  if (!row) return std::nullopt;
  return PlacingMunicipality{row->text(0), row->optional_text(1), row->optional_text(2),
                             row->text(3)};
}

domain::discharge::LiabilityFacts episode_liability_facts(store::Transaction& tx,
                                                          const store::EpisodeRecord& record,
                                                          core::Instant now) {
  auto facts = domain::discharge::liability_facts(record.episode, now);
  // The ward the patient is in (or left from) decides: a transfer from a somatic to a
  // psychiatric ward makes the whole stay's count psychiatric, as the episode is one stay.
  const auto ward =
      tx.query("SELECT psychiatric_care FROM units WHERE id = ?", record.episode.ward_unit_id);
  if (!ward.empty() && ward.row(0).boolean(0))
    facts.care_setting = domain::discharge::CareSetting::psychiatric;
  for (const auto& r : load_region_not_ready(tx, record.id))
    facts.region_not_ready.emplace_back(r.from, r.to);
  return facts;
}

std::string episode_liable_municipality(store::Transaction& tx,
                                        const store::EpisodeRecord& record) {
  const auto person = tx.query("SELECT COALESCE(municipality_code, '') FROM persons WHERE id = ?",
                               record.person_id);
  const std::string folkbokforing = person.empty() ? std::string() : person.row(0).text(0);
  const auto placing = load_placing_municipality(tx, record.id);
  return domain::discharge::liable_municipality(
      folkbokforing,
      placing ? std::optional<std::string>(placing->municipality_code) : std::nullopt);
}

domain::discharge::LiabilityAgreement episode_agreement(const LiabilityTerms& terms,
                                                        const std::string& liable_municipality,
                                                        const domain::discharge::Episode& episode,
                                                        core::Instant now) {
  const auto date = core::stockholm::local_date(
      episode.ready_periods.empty() ? now : episode.ready_periods.front().sent);
  return terms.for_municipality(liable_municipality, date);
}

AgreementList LiabilityService::list(const domain::access::Actor& actor) {
  require_reader(actor);
  return ctx_.db.read([&](store::Transaction& tx) {
    AgreementList out;
    const auto rs = tx.query(
        "SELECT year, amount_per_day, source, confidence FROM statutory_liability_amounts ORDER "
        "BY year");
    for (std::size_t i = 0; i < rs.size(); ++i) {
      const auto row = rs.row(i);
      out.statutory_amounts.push_back(
          {static_cast<int>(row.int64(0)), row.int64(1), row.text(2), row.text(3)});
    }
    out.agreements = load_agreement_records(tx, std::nullopt);
    return out;
  });
}

AgreementRecord LiabilityService::get(const domain::access::Actor& actor, const std::string& id) {
  require_reader(actor);
  auto found = ctx_.db.read(
      [&](store::Transaction& tx) { return load_agreement_records(tx, std::string(id)); });
  if (found.empty()) not_found();
  return std::move(found.front());
}

AgreementRecord LiabilityService::create(const domain::access::Actor& actor, AgreementInput input) {
  require_administrator(actor);
  auto& t = input.terms;
  t.id = core::new_uuid();
  const auto now_text = store::to_db_time(ctx_.clock.now());
  const LocalDate now_date = today(ctx_.clock);
  ctx_.db.write([&](store::Transaction& tx) {
    if (t.municipality_code && !is_municipality(tx, *t.municipality_code)) {
      core::throw_field_error("municipalityCode", "reference",
                              "Ingen kommun i regionen har den kommunkoden.");
    }
    auto existing = load_agreement_records(tx, std::nullopt);
    if (input.replaces_id) {
      auto old = std::find_if(existing.begin(), existing.end(), [&](const AgreementRecord& r) {
        return r.terms.id == *input.replaces_id;
      });
      if (old == existing.end()) {
        core::throw_field_error("replacesId", "reference", "Överenskommelsen finns inte.");
      }
      if (old->terms.municipality_code != t.municipality_code) {
        core::throw_field_error("replacesId", "scope",
                                "En överenskommelse ersätts av en för samma kommun (eller hela "
                                "regionen).");
      }
      if (!before(old->terms.valid_from, t.valid_from)) {
        core::throw_field_error("validFrom", "after_replaced",
                                "Den nya överenskommelsen ska börja efter den den ersätter.");
      }
      // Months already passed keep the agreement valid then.
      if (!before(now_date, old->terms.valid_from) && before(t.valid_from, now_date)) {
        core::throw_field_error("validFrom", "not_in_past",
                                "En överenskommelse som gäller ersätts tidigast från i dag.");
      }
      const LocalDate old_end = core::stockholm::add_calendar_days(t.valid_from, -1);
      if (old->terms.valid_to && before(*old->terms.valid_to, old_end)) {
        core::throw_field_error("replacesId", "already_ended",
                                "Överenskommelsen har redan upphört före den nya börjar.");
      }
      if (!old->terms.valid_to || before(old_end, *old->terms.valid_to)) {
        old->terms.valid_to = old_end;
        tx.query(
            "UPDATE liability_agreements SET valid_to = ?, ended_by = ?, ended_at = ? WHERE id = "
            "?",
            format_iso_date(old_end),
            store::optional_value(actor.user_id.empty() ? std::nullopt
                                                        : std::optional(actor.user_id)),
            now_text, old->terms.id);
      }
    }
    for (const auto& other : existing) {
      if (other.terms.municipality_code == t.municipality_code && overlaps(other.terms, t)) {
        conflict("validFrom", "agreement.overlap",
                 "Giltighetstiden överlappar överenskommelsen \"" + other.terms.name +
                     "\". Avsluta eller ersätt den först.");
      }
    }
    tx.query(
        "INSERT INTO liability_agreements (id, name, municipality_code, valid_from, valid_to, "
        "offset_days, noon_rule, count_day0, count_discharge_day, model, average_threshold_days, "
        "source, replaces_id, created_by, created_at, psychiatric_offset_days) VALUES (?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        t.id, t.name, store::optional_value(t.municipality_code), format_iso_date(t.valid_from),
        t.valid_to ? store::Value{format_iso_date(*t.valid_to)} : store::Value{nullptr},
        int_value(t.offset_days), flag_value(t.noon_rule), flag_value(t.count_day0),
        flag_value(t.count_discharge_day), std::string(domain::discharge::to_string(t.model)),
        int_value(t.average_threshold_days), store::optional_value(input.source),
        store::optional_value(input.replaces_id),
        store::optional_value(actor.user_id.empty() ? std::nullopt : std::optional(actor.user_id)),
        now_text, int_value(t.psychiatric_offset_days));
    for (const auto& [year, amount] : t.amount_per_day_by_year) {
      tx.query(
          "INSERT INTO liability_agreement_amounts (agreement_id, year, amount_per_day) VALUES "
          "(?, ?, ?)",
          t.id, static_cast<std::int64_t>(year), static_cast<std::int64_t>(amount));
    }
    auto e = audit_entry(actor, ctx_.clock, AuditAction::create, "liability_agreement", t.id,
                         std::nullopt);
    e.outcome = input.replaces_id ? "allowed: replaces " + *input.replaces_id : "allowed";
    AuditLog::record_in(tx, {e});
  });
  return get(actor, t.id);
}

AgreementRecord LiabilityService::end(const domain::access::Actor& actor, const std::string& id,
                                      LocalDate valid_to) {
  require_administrator(actor);
  const auto now_text = store::to_db_time(ctx_.clock.now());
  const LocalDate now_date = today(ctx_.clock);
  ctx_.db.write([&](store::Transaction& tx) {
    auto found = load_agreement_records(tx, id);
    if (found.empty()) not_found();
    const auto& r = found.front();
    if (r.ended_at) {
      conflict("validTo", "agreement.ended",
               "Överenskommelsen är redan avslutad; en ny ersätter den.");
    }
    if (r.terms.valid_to && before(*r.terms.valid_to, valid_to)) {
      core::throw_field_error("validTo", "not_later",
                              "En överenskommelse kan avslutas tidigare, inte förlängas.");
    }
    const bool in_force = !before(now_date, r.terms.valid_from);
    if (in_force && before(valid_to, now_date)) {
      core::throw_field_error(
          "validTo", "not_in_past",
          "Dagar som redan gått behåller överenskommelsen: avsluta den tidigast i dag.");
    }
    // One not yet in force may end the day before it begins, i.e. never apply.
    if (before(valid_to, core::stockholm::add_calendar_days(r.terms.valid_from, -1))) {
      core::throw_field_error("validTo", "before_valid_from",
                              "Slutdatumet ligger före överenskommelsens början.");
    }
    tx.query(
        "UPDATE liability_agreements SET valid_to = ?, ended_by = ?, ended_at = ? WHERE id = ?",
        format_iso_date(valid_to),
        store::optional_value(actor.user_id.empty() ? std::nullopt : std::optional(actor.user_id)),
        now_text, id);
    auto e = audit_entry(actor, ctx_.clock, AuditAction::update, "liability_agreement", id,
                         std::nullopt);
    e.outcome = "allowed: ended " + format_iso_date(valid_to);
    AuditLog::record_in(tx, {e});
  });
  return get(actor, id);
}

StatutoryAmount LiabilityService::add_statutory_amount(const domain::access::Actor& actor,
                                                       StatutoryAmount amount) {
  require_administrator(actor);
  ctx_.db.write([&](store::Transaction& tx) {
    if (!tx.query("SELECT 1 FROM statutory_liability_amounts WHERE year = ?",
                  static_cast<std::int64_t>(amount.year))
             .empty()) {
      conflict("year", "amount.known",
               "Beloppet för året finns redan och ändras inte (det kan redan vara fakturerat).");
    }
    tx.query(
        "INSERT INTO statutory_liability_amounts (year, amount_per_day, source, confidence) "
        "VALUES (?, ?, ?, ?)",
        static_cast<std::int64_t>(amount.year), static_cast<std::int64_t>(amount.amount_per_day),
        amount.source, amount.confidence);
    auto e = audit_entry(actor, ctx_.clock, AuditAction::create, "statutory_liability_amount",
                         std::to_string(amount.year), std::nullopt);
    e.outcome = "allowed";
    AuditLog::record_in(tx, {e});
  });
  return amount;
}

RegionNotReadyRecord LiabilityService::record_region_not_ready(const domain::access::Actor& actor,
                                                               const std::string& episode_id,
                                                               LocalDate from, LocalDate to,
                                                               const std::string& reason) {
  const auto now = ctx_.clock.now();
  return ctx_.db.write([&](store::Transaction& tx) {
    const auto record = episode_in_care(tx, actor, episode_id);
    // The ward knows what it waits for; the health centre knows what it has in place.
    if (!ward_staff_of(actor, record) && unit_kind(tx, actor) != UnitKind::health_centre) {
      forbidden(
          "Att regionens öppna vård inte var på plats (5 kap. 5 §) registreras av avdelningen "
          "eller vårdcentralen.");
    }
    if (before(from, core::stockholm::local_date(record.episode.admitted_at))) {
      core::throw_field_error("from", "before_admission",
                              "Perioden kan inte börja före inskrivningen.");
    }
    if (record.episode.discharged_at &&
        before(core::stockholm::local_date(*record.episode.discharged_at), to)) {
      core::throw_field_error("to", "after_discharge",
                              "Perioden kan inte sluta efter utskrivningen.");
    }
    RegionNotReadyRecord r{core::new_uuid(),
                           episode_id,
                           from,
                           to,
                           reason,
                           actor.user_id.empty() ? std::nullopt : std::optional(actor.user_id),
                           actor.unit_id,
                           store::to_db_time(now)};
    tx.query(
        "INSERT INTO episode_region_not_ready (id, episode_id, from_date, to_date, reason, "
        "recorded_by, unit_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        r.id, episode_id, format_iso_date(from), format_iso_date(to), reason,
        store::optional_value(r.recorded_by), store::optional_value(r.unit_id), r.recorded_at);
    auto e = audit_entry(actor, ctx_.clock, AuditAction::update, "inpatient_episode", episode_id,
                         record.person_id);
    e.outcome = "allowed: region_not_ready " + format_iso_date(from) + ".." + format_iso_date(to) +
                " (5 kap. 5 §)";
    AuditLog::record_in(tx, {e});
    return r;
  });
}

std::optional<PlacingMunicipality> LiabilityService::set_placing_municipality(
    const domain::access::Actor& actor, const std::string& episode_id,
    const std::optional<std::string>& municipality_code,
    const std::optional<std::string>& decision_reference) {
  const auto now_text = store::to_db_time(ctx_.clock.now());
  return ctx_.db.write([&](store::Transaction& tx) -> std::optional<PlacingMunicipality> {
    const auto record = episode_in_care(tx, actor, episode_id);
    const auto kind = unit_kind(tx, actor);
    const bool municipal_staff = kind == UnitKind::home_health_care ||
                                 kind == UnitKind::home_care || kind == UnitKind::administration ||
                                 kind == UnitKind::residential_care;
    if (!ward_staff_of(actor, record) && !municipal_staff) {
      forbidden(
          "Placeringskommunen (5 kap. 2 §) registreras av avdelningen eller kommunens personal.");
    }
    if (municipality_code && !is_municipality(tx, *municipality_code)) {
      core::throw_field_error("municipalityCode", "reference",
                              "Ingen kommun i regionen har den kommunkoden.");
    }
    tx.query("DELETE FROM episode_placing_municipality WHERE episode_id = ?", episode_id);
    std::optional<PlacingMunicipality> out;
    if (municipality_code) {
      out = PlacingMunicipality{*municipality_code, decision_reference,
                                actor.user_id.empty() ? std::nullopt : std::optional(actor.user_id),
                                now_text};
      tx.query(
          "INSERT INTO episode_placing_municipality (episode_id, municipality_code, "
          "decision_reference, recorded_by, unit_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
          episode_id, *municipality_code, store::optional_value(decision_reference),
          store::optional_value(out->recorded_by), store::optional_value(actor.unit_id), now_text);
    }
    auto e = audit_entry(actor, ctx_.clock, AuditAction::update, "inpatient_episode", episode_id,
                         record.person_id);
    e.outcome =
        "allowed: placing_municipality " + municipality_code.value_or("removed") + " (5 kap. 2 §)";
    AuditLog::record_in(tx, {e});
    return out;
  });
}

}  // namespace nara::service
