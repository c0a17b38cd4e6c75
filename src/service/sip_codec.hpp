#pragma once
// The JSON form of a SIP plan's content and of a catalogue version's service types: how they are
// stored (one document per version, so history is exact) and how the API shows them.
#include <boost/json.hpp>

#include "domain/responsibility/catalogue.hpp"
#include "domain/sip/plan.hpp"

namespace nara::service {

boost::json::object plan_to_json(const domain::sip::Plan& plan);
// Reads what plan_to_json wrote (stored data; throws std::runtime_error on a broken document).
domain::sip::Plan plan_from_json(const boost::json::object& json);

boost::json::array services_to_json(const std::vector<domain::responsibility::ServiceType>& s);
std::vector<domain::responsibility::ServiceType> services_from_json(const boost::json::array& json);

std::string_view principal_code(domain::registry::PrincipalKind kind);
std::optional<domain::registry::PrincipalKind> parse_principal(std::string_view text);

// YYYY-MM-DD.
std::string format_date(std::chrono::year_month_day day);

}  // namespace nara::service
