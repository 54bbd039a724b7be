// Clock: the app's notion of time, behind an interface so tests and headless scripts
// can advance it (idle lock, next-measurement dates).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kt {

class Clock {
  public:
    virtual ~Clock() = default;
    /// Wall-clock time in seconds since the Unix epoch (UTC), for records.
    virtual std::int64_t now_utc() const = 0;
    /// Seconds since an arbitrary start that also advance during suspend, for timers.
    virtual double monotonic() const = 0;
};

/// The real clock: CLOCK_REALTIME and CLOCK_BOOTTIME (counts suspended time, so an
/// idle lock cannot miss a closed lid).
class SystemClock final : public Clock {
  public:
    std::int64_t now_utc() const override;
    double monotonic() const override;
};

/// A clock that runs on from the system clock plus an offset that tests move forward. Frozen,
/// it stands still except when advanced: headless scripts repeat exactly on a busy machine.
class OffsetClock final : public Clock {
  public:
    explicit OffsetClock(const Clock& base) : m_base(base) {}
    void advance(double seconds) { m_offset += seconds; }
    /// The device's date and time are set (by hand or by the network): only the wall clock
    /// moves, by `seconds` (negative: backwards); timers keep running on.
    void jump_wall(double seconds) { m_wall_offset += seconds; }
    void freeze() {
        m_frozen_utc = m_base.now_utc();
        m_frozen_mono = m_base.monotonic();
        m_frozen = true;
    }
    std::int64_t now_utc() const override {
        return (m_frozen ? m_frozen_utc : m_base.now_utc()) +
               static_cast<std::int64_t>(m_offset + m_wall_offset);
    }
    double monotonic() const override {
        return (m_frozen ? m_frozen_mono : m_base.monotonic()) + m_offset;
    }

  private:
    const Clock& m_base;
    double m_offset = 0.0;
    double m_wall_offset = 0.0;
    bool m_frozen = false;
    std::int64_t m_frozen_utc = 0;
    double m_frozen_mono = 0.0;
};

/// "2026-11-24" for a UTC epoch second, in the local time zone.
struct CivilDate {
    int year = 0, month = 0, day = 0;
};
CivilDate local_date(std::int64_t epoch_seconds);

/// The calendar date written exactly as "YYYY-MM-DD" (ten characters, digits and dashes), or
/// nothing when the text is anything else or names a day that does not exist ("1958-02-31").
std::optional<CivilDate> parse_iso_date(std::string_view text);

}  // namespace kt
