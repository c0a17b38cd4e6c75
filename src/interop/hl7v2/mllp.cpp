#include "interop/hl7v2/mllp.hpp"

namespace nara::interop::hl7v2 {

std::string mllp_frame(std::string_view message) {
  std::string out;
  out.reserve(message.size() + 3);
  out.push_back(kStartBlock);
  out.append(message);
  out.push_back(kEndBlock);
  out.push_back(kCarriageReturn);
  return out;
}

std::vector<std::string> MllpDecoder::feed(std::string_view bytes) {
  std::vector<std::string> done;
  for (char c : bytes) {
    if (error_) break;
    if (!in_frame_) {
      if (c == kStartBlock) {
        in_frame_ = true;
        buffer_.clear();
      } else if (c != '\r' && c != '\n') {
        error_ = "bytes outside an MLLP frame";
      }
      continue;
    }
    if (saw_end_block_) {
      saw_end_block_ = false;
      if (c != kCarriageReturn) {
        error_ = "end block not followed by a carriage return";
        continue;
      }
      done.push_back(std::move(buffer_));
      buffer_.clear();
      in_frame_ = false;
      continue;
    }
    if (c == kEndBlock) {
      saw_end_block_ = true;
      continue;
    }
    if (c == kStartBlock) {
      error_ = "a new frame started before the last one ended";
      continue;
    }
    if (buffer_.size() >= max_) {
      error_ = "message larger than " + std::to_string(max_) + " bytes";
      continue;
    }
    buffer_.push_back(c);
  }
  return done;
}

}  // namespace nara::interop::hl7v2
