#pragma once
// The shared HL7 v2 sample messages (../shared/data/hl7v2), read as bytes.
#include <fstream>
#include <sstream>
#include <string>

namespace nara::interop::hl7v2::test {

inline std::string read_sample(const std::string& name) {
  std::ifstream in(std::string(NARA_SHARED_DIR) + "/data/hl7v2/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace nara::interop::hl7v2::test
