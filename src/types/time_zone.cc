#include "types/time_zone.h"

#include <cctz/time_zone.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include "types/civil_date.h"

namespace sluice::types {

struct TimeZone::Impl {
  cctz::time_zone zone;
  std::string rules_id;
};

TimeZone::TimeZone(std::string name, std::shared_ptr<const Impl> impl)
    : name_(std::move(name)), impl_(std::move(impl)) {}

namespace {

// "+05:30", "-4", "+0530" after an optional UTC/GMT prefix; returns false if not an offset.
bool ParseFixedOffset(const std::string& text, int* seconds) {
  std::string s = text;
  for (const char* prefix : {"UTC", "GMT", "UT"}) {
    if (s.rfind(prefix, 0) == 0) {
      s = s.substr(std::char_traits<char>::length(prefix));
      break;
    }
  }
  if (s.empty() || (s[0] != '+' && s[0] != '-')) return false;
  int sign = s[0] == '-' ? -1 : 1;
  std::string digits;
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i] == ':') continue;
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    digits += s[i];
  }
  int hours = 0, minutes = 0, secs = 0;
  if (digits.size() == 1 || digits.size() == 2) {
    hours = std::stoi(digits);
  } else if (digits.size() == 4) {
    hours = std::stoi(digits.substr(0, 2));
    minutes = std::stoi(digits.substr(2, 2));
  } else if (digits.size() == 6) {
    hours = std::stoi(digits.substr(0, 2));
    minutes = std::stoi(digits.substr(2, 2));
    secs = std::stoi(digits.substr(4, 2));
  } else {
    return false;
  }
  if (hours > 18 || minutes > 59 || secs > 59) return false;
  *seconds = sign * (hours * 3600 + minutes * 60 + secs);
  return true;
}

// java.time's ZoneId.SHORT_IDS, which Spark applies to every zone name (PST, CST, IST, ...).
std::string ShortIdTarget(const std::string& name) {
  static const std::pair<const char*, const char*> kShortIds[] = {
      {"ACT", "Australia/Darwin"},
      {"AET", "Australia/Sydney"},
      {"AGT", "America/Argentina/Buenos_Aires"},
      {"ART", "Africa/Cairo"},
      {"AST", "America/Anchorage"},
      {"BET", "America/Sao_Paulo"},
      {"BST", "Asia/Dhaka"},
      {"CAT", "Africa/Harare"},
      {"CNT", "America/St_Johns"},
      {"CST", "America/Chicago"},
      {"CTT", "Asia/Shanghai"},
      {"EAT", "Africa/Addis_Ababa"},
      {"ECT", "Europe/Paris"},
      {"EST", "-05:00"},
      {"HST", "-10:00"},
      {"IET", "America/Indiana/Indianapolis"},
      {"IST", "Asia/Kolkata"},
      {"JST", "Asia/Tokyo"},
      {"MIT", "Pacific/Apia"},
      {"MST", "-07:00"},
      {"NET", "Asia/Yerevan"},
      {"NST", "Pacific/Auckland"},
      {"PLT", "Asia/Karachi"},
      {"PNT", "America/Phoenix"},
      {"PRT", "America/Puerto_Rico"},
      {"PST", "America/Los_Angeles"},
      {"SST", "Pacific/Guadalcanal"},
      {"VST", "Asia/Ho_Chi_Minh"}};
  for (const auto& [id, target] : kShortIds)
    if (name == id) return target;
  return name;
}

}  // namespace

Result<TimeZone> TimeZone::Load(const std::string& name) {
  auto impl = std::make_shared<Impl>();
  impl->rules_id = name;
  if (name == "UTC" || name == "Z" || name == "GMT" || name == "Etc/UTC") {
    impl->zone = cctz::utc_time_zone();
    return TimeZone(name, impl);
  }
  const std::string target = ShortIdTarget(name);
  impl->rules_id = target;
  int offset = 0;
  if (ParseFixedOffset(target, &offset)) {
    impl->zone = cctz::fixed_time_zone(std::chrono::seconds(offset));
    return TimeZone(name, impl);
  }
  if (!cctz::load_time_zone(target, &impl->zone)) {
    return Status::Invalid("unknown time zone '" + name +
                           "': expected a region id such as America/Toronto, UTC, or an offset "
                           "such as +05:30");
  }
  return TimeZone(name, impl);
}

bool TimeZone::IsRegionId(const std::string& id) {
  int offset = 0;
  cctz::time_zone zone;
  return !id.empty() && id != "Z" && id != "localtime" && id.find("..") == std::string::npos &&
         ShortIdTarget(id) == id && !ParseFixedOffset(id, &offset) &&
         cctz::load_time_zone(id, &zone);
}

TimeZone TimeZone::Utc() {
  static const TimeZone utc = *Load("UTC");
  return utc;
}

TimeZone TimeZone::System() {
  static const TimeZone system = LoadSystem();
  return system;
}

TimeZone TimeZone::LoadSystem() {
  const char* tz = std::getenv("TZ");
  std::string name;
  if (tz != nullptr && *tz != '\0') name = tz[0] == ':' ? tz + 1 : tz;
  if (name.empty()) {
    std::ifstream in("/etc/timezone");
    std::getline(in, name);
  }
  if (!name.empty()) {
    auto zone = Load(name);
    if (zone.ok()) return *zone;
  }
  auto impl = std::make_shared<Impl>();
  impl->zone = cctz::local_time_zone();
  impl->rules_id = impl->zone.name();
  return TimeZone(impl->zone.name(), impl);
}

int64_t TimeZone::LocalToUtc(int64_t local_micros) const {
  int64_t secs = FloorDiv(local_micros, kMicrosPerSecond);
  int64_t frac = local_micros - secs * kMicrosPerSecond;
  cctz::civil_second cs = cctz::civil_second(1970, 1, 1, 0, 0, 0) + secs;
  const auto lookup = impl_->zone.lookup(cs);
  // UNIQUE and REPEATED: pre is the first (earlier) instant. SKIPPED: java.time shifts the
  // wall clock forward by the gap, which is what 'pre' (the pre-transition offset) gives.
  auto instant = lookup.pre;
  int64_t utc_secs =
      std::chrono::duration_cast<std::chrono::seconds>(instant.time_since_epoch()).count();
  return utc_secs * kMicrosPerSecond + frac;
}

namespace {

std::chrono::time_point<std::chrono::system_clock, cctz::seconds> SecondsToTimePoint(
    int64_t utc_micros) {
  return std::chrono::time_point_cast<cctz::seconds>(std::chrono::system_clock::from_time_t(0)) +
         cctz::seconds(FloorDiv(utc_micros, kMicrosPerSecond));
}

}  // namespace

const std::string& TimeZone::rules_id() const { return impl_->rules_id; }

int TimeZone::OffsetSecondsAt(int64_t utc_micros) const {
  return impl_->zone.lookup(SecondsToTimePoint(utc_micros)).offset;
}

bool TimeZone::IsDaylightAt(int64_t utc_micros) const {
  const cctz::time_zone& zone = impl_->zone;
  // The last instant of the period before the one holding `tp`, if there is one.
  auto end_of_period_before = [&zone](cctz::time_point<cctz::seconds> tp,
                                      cctz::time_point<cctz::seconds>* end) {
    cctz::time_zone::civil_transition transition;
    if (!zone.prev_transition(tp + cctz::seconds(1), &transition)) return false;
    *end = zone.lookup(transition.to).trans - cctz::seconds(1);
    return true;
  };
  const auto tp = SecondsToTimePoint(utc_micros);
  const auto here = zone.lookup(tp);
  cctz::time_point<cctz::seconds> before_end, earlier_end;
  if (!end_of_period_before(tp, &before_end)) return here.is_dst;
  const auto before = zone.lookup(before_end);
  // A negative saving: tzdata's DST period next to a standard one with a larger offset.
  if (here.is_dst) return before.is_dst || before.offset <= here.offset;
  // This standard period is java's daylight one when it follows such a DST period that
  // itself followed this same offset (a seasonal flip, not a change of standard time).
  if (!before.is_dst || before.offset >= here.offset) return false;
  if (!end_of_period_before(before_end, &earlier_end)) return false;
  const auto earlier = zone.lookup(earlier_end);
  return !earlier.is_dst && earlier.offset == here.offset;
}

int64_t TimeZone::UtcToLocal(int64_t utc_micros) const {
  return utc_micros + static_cast<int64_t>(OffsetSecondsAt(utc_micros)) * kMicrosPerSecond;
}

}  // namespace sluice::types
