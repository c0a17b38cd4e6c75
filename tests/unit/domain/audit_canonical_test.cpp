// The canonical text an audit entry's hash is taken over (HSLF-FS 2016:40 4 kap. 9 §): a list
// entry's persons are covered, and every entry written before lists existed keeps its text, so
// `nara audit verify` still passes on an old log.
#include <gtest/gtest.h>

#include "domain/access/audit.hpp"

namespace nara::domain::access {
namespace {

AuditEntry ordinary_read() {
  AuditEntry e;
  e.seq = 42;
  e.prev_hash = "ab";
  e.at = "2026-11-24T08:00:00.000000Z";
  e.user_id = "u1";
  e.role = "district_nurse";
  e.unit_id = "unit-7";
  e.care_provider_id = "cp";
  e.person_id = "p1";
  e.action = AuditAction::read;
  e.object_type = "person";
  e.object_id = "p1";
  e.outcome = "PDL 4:1";
  e.flagged = true;
  e.request_id = "r-9";
  return e;
}

AuditEntry list_read(std::vector<std::string> persons) {
  AuditEntry e = ordinary_read();
  e.person_id.reset();
  e.object_type = "worklist";
  e.object_id = "unit-7";
  e.listed_person_ids = std::move(persons);
  return e;
}

TEST(AuditCanonicalText, HSLF_FS_2016_40_4_9_AnEntryWithoutAListKeepsItsTextByteForByte) {
  // Written out by hand as the text was before list entries: 19 fields, absent ones as "-;".
  const std::string before =
      "2:42;2:ab;27:2026-11-24T08:00:00.000000Z;2:u1;-;-;14:district_nurse;6:unit-7;-;2:cp;2:p1;"
      "4:read;6:person;2:p1;7:PDL 4:1;-;1:1;1:0;3:r-9;";
  EXPECT_EQ(canonical_text(ordinary_read()), before);
  AuditEntry bare;
  EXPECT_EQ(canonical_text(bare), "1:0;0:;0:;-;-;-;-;-;-;-;-;4:read;0:;-;7:allowed;-;1:0;1:0;-;");
}

TEST(AuditCanonicalText, HSLF_FS_2016_40_4_9_AListEntryCoversEveryPersonSortedOnce) {
  const std::string text = canonical_text(list_read({"p2", "p10", "p1"}));
  const std::string head =
      "2:42;2:ab;27:2026-11-24T08:00:00.000000Z;2:u1;-;-;14:district_nurse;6:unit-7;-;2:cp;-;"
      "4:read;8:worklist;6:unit-7;7:PDL 4:1;-;1:1;1:0;3:r-9;";
  EXPECT_EQ(text, head + "1:3;2:p1;3:p10;2:p2;");
  // The order a caller built the list in, and repeats, do not change what is hashed.
  EXPECT_EQ(canonical_text(list_read({"p1", "p10", "p2", "p1"})), text);
  // Another person in the list, or one fewer, is another text.
  EXPECT_NE(canonical_text(list_read({"p1", "p10", "p3"})), text);
  EXPECT_NE(canonical_text(list_read({"p1", "p10"})), text);
}

TEST(AuditCanonicalText, HSLF_FS_2016_40_4_9_AListOfOneIsNotAnOrdinaryEntryForThatPerson) {
  AuditEntry single = ordinary_read();
  single.person_id.reset();
  single.listed_person_ids = {"p1"};
  AuditEntry ordinary = ordinary_read();
  EXPECT_NE(canonical_text(single), canonical_text(ordinary));
  // Nor can ids be shifted between the list's fields: each is length-prefixed and counted.
  EXPECT_NE(canonical_text(list_read({"a;1:b"})), canonical_text(list_read({"a", "b"})));
}

TEST(AuditCanonicalText, CanonicalPersonListSortsByBytesAndDropsRepeats) {
  EXPECT_EQ(canonical_person_list({"b", "a", "B", "b", "å"}),
            (std::vector<std::string>{"B", "a", "b", "å"}));
  EXPECT_TRUE(canonical_person_list({}).empty());
}

}  // namespace
}  // namespace nara::domain::access
