// TimeZone: the session time zone (spark.sql.session.timeZone) that turns wall-clock
// readings into instants and back, from the system tz database via cctz. Accepts
// region ids (America/Toronto), UTC/Z/GMT, and fixed offsets (+05:30, UTC-4, GMT+1).
// Immutable after Load: thread-safe to share.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"

namespace sluice::types {

class TimeZone {
 public:
  static Result<TimeZone> Load(const std::string& name);
  // Whether `id` names a zone of the tz database as java.time's ZoneId.of takes it without
  // SHORT_IDS (America/New_York, EST5EDT): not an offset, not an abbreviation such as PST.
  // What java's zone parsers (VV, z) accept as an id.
  static bool IsRegionId(const std::string& id);
  static TimeZone Utc();
  // The machine's zone (TZ, then /etc/timezone, then /etc/localtime), as Spark defaults
  // to the JVM's zone; looked up once per process.
  static TimeZone System();

  const std::string& name() const { return name_; }
  // The id the rules come from: name() after java.time's SHORT_IDS (PST is
  // America/Los_Angeles, EST is -05:00), which java.time formats and names.
  const std::string& rules_id() const;
  // Wall-clock micros (as if UTC) to the instant; a time in a DST gap moves forward and an
  // ambiguous time takes the earlier offset, as java.time does.
  int64_t LocalToUtc(int64_t local_micros) const;
  int64_t UtcToLocal(int64_t utc_micros) const;
  // Offset from UTC in seconds at an instant.
  int OffsetSecondsAt(int64_t utc_micros) const;
  // Whether daylight saving time is in effect at an instant, as java.time says: the larger
  // of a zone's two seasonal offsets is the daylight one, also where tzdata marks the
  // smaller as DST (Ireland's winter, Morocco's Ramadan). Before the first rule: false.
  bool IsDaylightAt(int64_t utc_micros) const;

 private:
  struct Impl;
  TimeZone(std::string name, std::shared_ptr<const Impl> impl);
  static TimeZone LoadSystem();
  std::string name_;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace sluice::types
