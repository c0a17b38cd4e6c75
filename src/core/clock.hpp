#pragma once
// Time as an injected dependency. Nothing in Nära reads the system clock directly: services take
// a Clock, so tests pin time with FixedClock and the demo county can fast-forward with
// OffsetClock. Instants are UTC with microsecond resolution (what PostgreSQL timestamptz keeps).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/parse_result.hpp"

namespace nara::core {

using Instant = std::chrono::sys_time<std::chrono::microseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual Instant now() const = 0;

 protected:
  Clock() = default;
  Clock(const Clock&) = default;
  Clock& operator=(const Clock&) = default;
};

// The operating system's UTC clock, truncated to microseconds.
class SystemClock final : public Clock {
 public:
  [[nodiscard]] Instant now() const override;
};

// Stands still until told to move. Thread-safe, so a test can move time while a worker reads it.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant start) noexcept : micros_since_epoch_(to_micros(start)) {}
  [[nodiscard]] Instant now() const override;
  void set(Instant instant) noexcept;
  void advance(std::chrono::microseconds by) noexcept;

 private:
  static std::int64_t to_micros(Instant instant) noexcept {
    return instant.time_since_epoch().count();
  }
  std::atomic<std::int64_t> micros_since_epoch_;
};

// System time plus an adjustable offset: time keeps running, but the demo can jump ahead (for
// instance to see a payment liability start) without touching the machine's clock. Thread-safe.
class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(
      std::chrono::microseconds offset = std::chrono::microseconds::zero()) noexcept
      : offset_micros_(offset.count()) {}
  [[nodiscard]] Instant now() const override;
  [[nodiscard]] std::chrono::microseconds offset() const noexcept;
  void set_offset(std::chrono::microseconds offset) noexcept;
  void advance(std::chrono::microseconds by) noexcept;
  // Sets the offset so that now() reads `target` at this moment and runs on from there.
  void jump_to(Instant target) noexcept;

 private:
  std::atomic<std::int64_t> offset_micros_;
};

// ISO 8601 / RFC 3339 in UTC: "2026-11-23T14:05:00Z". Fractional seconds are written only when
// non-zero, and then always as six digits ("2026-11-23T14:05:00.250000Z"): whole seconds stay
// readable in the API and nothing below a microsecond exists to lose. Because the length varies,
// do not sort these strings; store and compare Instants (or their microsecond counts) instead.
[[nodiscard]] std::string format_iso8601(Instant instant);

// Strict RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS[.f{1,6}](Z|±HH:MM), upper-case T and Z, no
// surrounding whitespace, a real calendar date, seconds 00–59 (no leap second). Offsets are
// applied, so "2026-11-23T15:05:00+01:00" is the same instant as "2026-11-23T14:05:00Z".
// Rule ids: datetime.format, datetime.date, datetime.time, datetime.offset, datetime.precision.
[[nodiscard]] ParseResult<Instant> try_parse_iso8601(std::string_view text);
[[nodiscard]] Instant parse_iso8601(std::string_view text, std::string_view field);

}  // namespace nara::core
