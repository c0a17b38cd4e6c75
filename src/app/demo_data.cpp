#include "app/demo_data.hpp"

namespace nara::app::demo {

const std::vector<MunicipalitySeed>& municipalities() {
  static const std::vector<MunicipalitySeed> list{
      {"Sundsvall",
       "Sundsvalls kommun",
       "2281",
       "212000-2411",
       "85",
       99,
       {"Sundsvall", "Matfors", "Kvissleby", "Stöde", "Indal", "Liden", "Selånger", "Kovland"}},
      {"Ånge", "Ånge kommun", "2260", "212000-2387", "84", 9, {"Ånge", "Fränsta", "Torpshammar"}},
      {"Timrå",
       "Timrå kommun",
       "2262",
       "212000-2395",
       "86",
       18,
       {"Timrå", "Söråker", "Bergeforsen", "Stavreviken"}},
      {"Härnösand",
       "Härnösands kommun",
       "2280",
       "212000-2403",
       "87",
       25,
       {"Härnösand", "Älandsbro", "Ramvik"}},
      {"Kramfors",
       "Kramfors kommun",
       "2282",
       "212000-2429",
       "87",
       18,
       {"Kramfors", "Bollstabruk", "Docksta", "Nordingrå", "Ullånger", "Herrskog", "Klockestrand"}},
      {"Sollefteå",
       "Sollefteå kommun",
       "2283",
       "212000-2437",
       "88",
       19,
       {"Sollefteå", "Långsele", "Junsele", "Näsåker", "Ramsele"}},
      {"Örnsköldsvik",
       "Örnsköldsviks kommun",
       "2284",
       "212000-2445",
       "89",
       56,
       {"Örnsköldsvik", "Bjästa", "Husum", "Gideå", "Bredbyn", "Köpmanholmen", "Mellansel"}},
  };
  return list;
}

const std::vector<HospitalSeed>& hospitals() {
  static const std::vector<HospitalSeed> list{{"Sundsvall", "Sundsvalls sjukhus"},
                                              {"Sollefteå", "Sollefteå sjukhus"},
                                              {"Örnsköldsvik", "Örnsköldsviks sjukhus"}};
  return list;
}

const std::vector<WardSeed>& wards() {
  static const std::vector<WardSeed> list{
      {"Sundsvall", "Medicinavdelning 1"},      {"Sundsvall", "Medicinavdelning 2"},
      {"Sundsvall", "Geriatrisk avdelning"},    {"Sundsvall", "Ortopedavdelning"},
      {"Sundsvall", "Kirurgavdelning"},         {"Sundsvall", "Kardiologavdelning"},
      {"Sollefteå", "Medicinavdelning"},        {"Sollefteå", "Rehabiliteringsavdelning"},
      {"Örnsköldsvik", "Medicinavdelning"},     {"Örnsköldsvik", "Ortopedavdelning"},
      {"Örnsköldsvik", "Geriatrisk avdelning"}, {"Sundsvall", "Psykiatrisk avdelning 1", true},
  };
  return list;
}

const std::vector<std::string_view>& female_given_names() {
  static const std::vector<std::string_view> list{
      "Anna",   "Eva",      "Maria",   "Karin",     "Kristina", "Lena",  "Kerstin", "Elisabeth",
      "Ingrid", "Birgitta", "Marie",   "Margareta", "Linnéa",   "Sara",  "Elsa",    "Astrid",
      "Maja",   "Ebba",     "Alice",   "Wilma",     "Greta",    "Signe", "Märta",   "Inga",
      "Sonja",  "Britt",    "Gunilla", "Ulla",      "Agneta",   "Åsa"};
  return list;
}

const std::vector<std::string_view>& male_given_names() {
  static const std::vector<std::string_view> list{
      "Lars",  "Anders", "Johan",  "Per",    "Erik",    "Karl",   "Nils",  "Mikael",
      "Jan",   "Hans",   "Olof",   "Gunnar", "Sven",    "Bertil", "Åke",   "Lennart",
      "Göran", "Stig",   "Oskar",  "Elias",  "William", "Hugo",   "Lucas", "Axel",
      "Ture",  "Sixten", "Ingvar", "Rune",   "Tord",    "Björn"};
  return list;
}

const std::vector<std::string_view>& family_names() {
  static const std::vector<std::string_view> list{
      "Andersson", "Johansson", "Karlsson",   "Nilsson",    "Eriksson",  "Larsson",  "Olsson",
      "Persson",   "Svensson",  "Gustafsson", "Pettersson", "Jonsson",   "Jansson",  "Hansson",
      "Bengtsson", "Jönsson",   "Lindberg",   "Jakobsson",  "Magnusson", "Olofsson", "Lindström",
      "Lindqvist", "Lindgren",  "Berg",       "Axelsson",   "Bergström", "Lundberg", "Lundgren",
      "Sjöberg",   "Åström",    "Näslund",    "Norberg",    "Sundström", "Hägglund", "Öberg",
      "Westin",    "Nordin",    "Högberg",    "Forsberg",   "Wikström"};
  return list;
}

const std::vector<std::string_view>& street_names() {
  static const std::vector<std::string_view> list{
      "Storgatan",  "Kyrkogatan", "Skolgatan", "Järnvägsgatan", "Nygatan",
      "Björkvägen", "Tallvägen",  "Granvägen", "Älvvägen",      "Bruksgatan",
      "Sjövägen",   "Ängsvägen",  "Hamngatan", "Strandvägen",   "Backvägen",
      "Skogsvägen", "Byvägen",    "Furuvägen", "Parkvägen",     "Kvarnvägen"};
  return list;
}

}  // namespace nara::app::demo
