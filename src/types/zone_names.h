// Zone names as Spark prints them for the datetime pattern letters 'z'..'zzz' (short:
// PST, CEST) and 'zzzz' (long: Pacific Standard Time): java.time's English names, written
// per metazone (all zones of a metazone share names) for the zones of the tz database that
// Java names, but for a few with odd or non-ASCII names (Africa/Casablanca, Africa/Windhoek,
// Africa/Khartoum, Africa/Juba, Antarctica/Troll, Antarctica/Casey,
// Antarctica/DumontDUrville, Indian/Reunion) or with only a long name (Asia/Tomsk, Asia/Barnaul,
// Asia/Atyrau, Europe/Astrakhan, Europe/Saratov, Europe/Ulyanovsk, America/Punta_Arenas,
// Pacific/Kanton): they print their GMT offset. A static table instead of ICU, so that
// startup stays fast.
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

// The zone java.time's parser gives for the zone name that starts `text`, compared without
// case, the longest that matches: PST and Pacific Standard Time are America/Los_Angeles, CST
// America/Chicago, IST Africa/Abidjan. Short names (and generic ones: PT) are those of
// 'z'..'zzz', long names (Pacific Time) those of 'zzzz'. Knows the names AppendZoneName
// prints; empty when none starts `text`, else `*length` is the name's length.
std::string_view FindZoneByName(std::string_view text, bool long_form, size_t* length);

}  // namespace sluice::types
