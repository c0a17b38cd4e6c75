// /api/v1/persons: the person registry (invånare/patient/brukare).
#include "api/json_codec.hpp"
#include "api/routes.hpp"
#include "api/support.hpp"

namespace nara::api {

using domain::registry::Person;

namespace {

constexpr const char* kPersonSchema = R"({"type":"object","additionalProperties":false,
"required":["identifier","givenName","familyName"],"properties":{
"identifier":{"type":"string","description":"Personnummer, samordningsnummer or reservnummer in any written form"},
"identifierSystem":{"type":"string","description":"OID or FHIR system URI; required for a local reservnummer"},
"givenName":{"type":"string","maxLength":100},"familyName":{"type":"string","maxLength":100},
"municipalityCode":{"type":"string","pattern":"^[0-9]{4}$"},
"address":{"type":"object","properties":{"street":{"type":"string"},"postalCode":{"type":"string"},"locality":{"type":"string"}}},
"latitude":{"type":"number"},"longitude":{"type":"number"},"protectedIdentity":{"type":"boolean"},
"deceasedOn":{"type":"string","format":"date"}}})";

constexpr const char* kPersonPatchSchema =
    R"({"type":"object","additionalProperties":false,"properties":{
"givenName":{"type":"string"},"familyName":{"type":"string"},"municipalityCode":{"type":["string","null"]},
"address":{"type":["object","null"]},"latitude":{"type":["number","null"]},"longitude":{"type":["number","null"]},
"protectedIdentity":{"type":"boolean"},"deceasedOn":{"type":["string","null"],"format":"date"}}})";

// Reads the changeable fields; `creating` demands the required ones.
void read_person_fields(http::ObjectReader& reader, Person& p, bool creating) {
  if (creating || reader.has("givenName")) p.given_name = reader.required_string("givenName", 100);
  if (creating || reader.has("familyName"))
    p.family_name = reader.required_string("familyName", 100);
  if (reader.has("municipalityCode"))
    p.municipality_code = reader.optional_string("municipalityCode", 4);
  if (reader.has("address")) {
    p.address = {};
    if (const auto* a = reader.optional_object("address")) {
      http::ObjectReader address(*a, "address");
      p.address.street = address.optional_string("street", 200);
      p.address.postal_code = address.optional_string("postalCode", 10);
      p.address.locality = address.optional_string("locality", 100);
      address.finish();
    }
  }
  if (reader.has("latitude")) p.latitude = reader.optional_number("latitude", -90, 90);
  if (reader.has("longitude")) p.longitude = reader.optional_number("longitude", -180, 180);
  if (reader.has("protectedIdentity"))
    p.protected_identity = reader.optional_bool("protectedIdentity").value_or(false);
  if (reader.has("deceasedOn")) p.deceased_on = reader.optional_string("deceasedOn", 10);
}

}  // namespace

void add_person_routes(http::Router& router, Services& services) {
  auto& registry = services.registry;

  router.add({http::Method::get,
              "/api/v1/persons",
              http::Access::assignment,
              [&registry](http::Context& c) {
                store::PersonFilter filter;
                filter.name_prefix = query_text(c.request, "name", 100);
                filter.municipality_code = query_text(c.request, "municipalityCode", 4);
                const auto page = registry.list_persons(c.who(), filter, page_request(c.request));
                return page_response(page,
                                     [&](const Person& p) { return person_json(p, c.who()); });
              },
              {"List persons (name prefix, folkbokföringskommun), paged by cursor",
               "Persons",
               "",
               "",
               200,
               {"name", "municipalityCode", "limit", "cursor"}}});

  router.add(
      {http::Method::post,
       "/api/v1/persons/search",
       http::Access::assignment,
       [&registry](http::Context& c) {
         // POST keeps the personnummer out of URLs, proxies' logs and browser history.
         const auto body = body_object(c.request);
         http::ObjectReader reader(body);
         const auto identifier = reader.required_string("identifier", 40);
         reader.finish();
         const Person p = registry.find_person_by_identifier(c.who(), identifier);
         return json_with_etag(person_json(p, c.who()), p.stamp.version);
       },
       {"Find a person by personnummer, samordningsnummer or reservnummer", "Persons",
        R"({"type":"object","required":["identifier"],"properties":{"identifier":{"type":"string"}}})"}});

  router.add({http::Method::post,
              "/api/v1/persons",
              http::Access::assignment,
              [&registry](http::Context& c) {
                const auto body = body_object(c.request);
                http::ObjectReader reader(body);
                service::NewPerson input;
                input.identifier = reader.required_string("identifier", 40);
                input.identifier_system = reader.optional_string("identifierSystem", 100);
                read_person_fields(reader, input.details, true);
                reader.finish();
                const Person p = registry.create_person(c.who(), std::move(input));
                http::Response r = json_with_etag(person_json(p, c.who()), p.stamp.version, 201);
                r.set_header("Location", "/api/v1/persons/" + p.id);
                return r;
              },
              {"Register a person", "Persons", kPersonSchema, "", 201}});

  router.add({http::Method::get,
              "/api/v1/persons/{id}",
              http::Access::assignment,
              [&registry](http::Context& c) {
                const Person p = registry.get_person(c.who(), c.param("id"));
                return json_with_etag(person_json(p, c.who()), p.stamp.version);
              },
              {"Read a person", "Persons"}});

  router.add({http::Method::patch,
              "/api/v1/persons/{id}",
              http::Access::assignment,
              [&registry](http::Context& c) {
                const auto version = if_match_version(c.request);
                const auto body = body_object(c.request);
                // Validate the whole body before loading anything: bad input changes nothing.
                Person scratch;
                {
                  http::ObjectReader reader(body);
                  read_person_fields(reader, scratch, false);
                  reader.finish();
                }
                const Person p =
                    registry.update_person(c.who(), c.param("id"), version, [&](Person& target) {
                      http::ObjectReader reader(body);
                      read_person_fields(reader, target, false);
                      reader.finish();
                    });
                return json_with_etag(person_json(p, c.who()), p.stamp.version);
              },
              {"Correct a person's details (merge patch, If-Match required)", "Persons",
               kPersonPatchSchema},
              true});
}

}  // namespace nara::api
