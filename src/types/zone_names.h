// Zone names as Spark prints them for the datetime pattern letters 'z'..'zzz' (short:
// PST, CEST) and 'zzzz' (long: Pacific Standard Time): java.time's English names, written
// per metazone (all zones of a metazone share names) for the commonly used zones. Kept to
// a compact table instead of ICU so that startup stays fast.
#pragma once

#include <string>
#include <string_view>

namespace sluice::types {

// Appends the name java.time prints for zone `zone_id` (after java's SHORT_IDS: PST is
// America/Los_Angeles, EST is -05:00) at an instant with offset `offset_seconds`, daylight
// when `daylight`. An offset id prints as java's ZoneOffset id (+05:30, Z), a prefixed one
// as its normalized id (UTC+05:00); a zone without a name here as GMT+03:00 (or GMT).
void AppendZoneName(std::string* out, std::string_view zone_id, int offset_seconds, bool daylight,
                    bool long_form);

}  // namespace sluice::types
