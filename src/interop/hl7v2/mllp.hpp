#pragma once
// MLLP framing (HL7 v2 over TCP): <VT> message <FS><CR>. A decoder fed arbitrary chunks of bytes
// returns whole messages, refuses oversized frames and garbage between frames.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nara::interop::hl7v2 {

inline constexpr char kStartBlock = '\x0b';
inline constexpr char kEndBlock = '\x1c';
inline constexpr char kCarriageReturn = '\x0d';

std::string mllp_frame(std::string_view message);

class MllpDecoder {
 public:
  explicit MllpDecoder(std::size_t max_message_bytes = std::size_t{1024} * 1024)
      : max_(max_message_bytes) {}

  // Appends bytes; returns the messages completed by them. Sets error() on a protocol violation,
  // after which the connection should be closed.
  std::vector<std::string> feed(std::string_view bytes);
  [[nodiscard]] const std::optional<std::string>& error() const { return error_; }

 private:
  std::size_t max_;
  std::string buffer_;
  bool in_frame_ = false;
  bool saw_end_block_ = false;
  std::optional<std::string> error_;
};

}  // namespace nara::interop::hl7v2
