#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>

#include "types/zone_names.h"

namespace sluice::types {
namespace {

struct NameToZone {
  const char* name;
  const char* zone;
};

// The zone java.time's parser (JDK 17, Locale.US) gives for each name date_format prints
// (zone_names.cc) and for the generic names of those zones (PT, Pacific Time). java.time
// files every zone's names under its metazone's main zone and the last zone listed wins a
// name several metazones share, so some answers look arbitrary (IST: Africa/Abidjan, BST:
// Pacific/Bougainville, ACST: America/Rio_Branco); they are what Spark parses to.
// Short names are those of 'z'..'zzz', long ones those of 'zzzz'.
constexpr NameToZone kShortNames[] = {
    {"ACDT", "Australia/Adelaide"},
    {"ACST", "America/Rio_Branco"},
    {"ACT", "America/Rio_Branco"},
    {"ADT", "America/Halifax"},
    {"AEDT", "Australia/Sydney"},
    {"AEST", "Australia/Sydney"},
    {"AET", "Australia/Sydney"},
    {"AKDT", "America/Juneau"},
    {"AKST", "America/Juneau"},
    {"AKT", "America/Juneau"},
    {"ARST", "America/Argentina/Buenos_Aires"},
    {"ART", "America/Argentina/Buenos_Aires"},
    {"AST", "America/Halifax"},
    {"AT", "America/Halifax"},
    {"AWDT", "Australia/Perth"},
    {"AWST", "Australia/Perth"},
    {"AWT", "Australia/Perth"},
    {"BDST", "Asia/Dhaka"},
    {"BDT", "Asia/Dhaka"},
    {"BRST", "America/Sao_Paulo"},
    {"BRT", "America/Sao_Paulo"},
    {"BST", "Pacific/Bougainville"},
    {"BT", "Pacific/Bougainville"},
    {"CAST", "Africa/Maputo"},
    {"CAT", "Africa/Maputo"},
    {"CDT", "America/Chicago"},
    {"CEST", "Europe/Paris"},
    {"CET", "Europe/Paris"},
    {"CLST", "Antarctica/Palmer"},
    {"CLT", "Antarctica/Palmer"},
    {"COST", "America/Bogota"},
    {"COT", "America/Bogota"},
    {"CST", "America/Chicago"},
    {"CT", "America/Chicago"},
    {"EAST", "Pacific/Easter"},
    {"EAT", "Africa/Nairobi"},
    {"EDT", "America/New_York"},
    {"EEST", "Europe/Bucharest"},
    {"EET", "Europe/Bucharest"},
    {"EST", "America/New_York"},
    {"ET", "America/New_York"},
    {"GDT", "Atlantic/South_Georgia"},
    {"GMT", "GMT"},
    {"GST", "Atlantic/South_Georgia"},
    {"GT", "Atlantic/South_Georgia"},
    {"HADT", "Pacific/Honolulu"},
    {"HAST", "Pacific/Honolulu"},
    {"HAT", "Pacific/Honolulu"},
    {"HDT", "Pacific/Honolulu"},
    {"HKST", "Asia/Hong_Kong"},
    {"HKT", "Asia/Hong_Kong"},
    {"HST", "Pacific/Honolulu"},
    {"ICST", "Asia/Bangkok"},
    {"ICT", "Asia/Bangkok"},
    {"IDT", "Asia/Kolkata"},
    {"IRDT", "Asia/Tehran"},
    {"IRST", "Asia/Tehran"},
    {"IRT", "Asia/Tehran"},
    {"IST", "Africa/Abidjan"},
    {"IT", "Africa/Abidjan"},
    {"JDT", "Asia/Tokyo"},
    {"JST", "Asia/Tokyo"},
    {"JT", "Asia/Tokyo"},
    {"KDT", "Asia/Seoul"},
    {"KST", "Asia/Seoul"},
    {"KT", "Asia/Seoul"},
    {"MDT", "America/Denver"},
    {"MEST", "Europe/Paris"},
    {"MET", "Europe/Paris"},
    {"MSD", "Europe/Moscow"},
    {"MSK", "Europe/Moscow"},
    {"MST", "America/Denver"},
    {"MT", "Europe/Moscow"},
    {"MYST", "Asia/Kuching"},
    {"MYT", "Asia/Kuching"},
    {"NDT", "America/St_Johns"},
    {"NPST", "Asia/Kathmandu"},
    {"NPT", "Asia/Kathmandu"},
    {"NST", "America/St_Johns"},
    {"NT", "America/St_Johns"},
    {"NZDT", "Pacific/Auckland"},
    {"NZST", "Pacific/Auckland"},
    {"NZT", "Pacific/Auckland"},
    {"PDT", "America/Los_Angeles"},
    {"PEST", "America/Lima"},
    {"PET", "America/Lima"},
    {"PKST", "Asia/Karachi"},
    {"PKT", "Asia/Karachi"},
    {"PST", "America/Los_Angeles"},
    {"PT", "America/Los_Angeles"},
    {"SAST", "Africa/Johannesburg"},
    {"SAT", "Africa/Johannesburg"},
    {"SGST", "Asia/Singapore"},
    {"SGT", "Asia/Singapore"},
    {"TRST", "Europe/Istanbul"},
    {"TRT", "Europe/Istanbul"},
    {"UTC", "UTC"},
    {"UYST", "America/Montevideo"},
    {"UYT", "America/Montevideo"},
    {"VEST", "America/Caracas"},
    {"VET", "America/Caracas"},
    {"WAST", "Africa/Lagos"},
    {"WAT", "Africa/Lagos"},
    {"WEST", "Atlantic/Canary"},
    {"WET", "Atlantic/Canary"},
    {"WIB", "Asia/Jakarta"},
    {"WIST", "Asia/Jakarta"},
};

constexpr NameToZone kLongNames[] = {
    {"Alaska Daylight Time", "America/Juneau"},
    {"Alaska Standard Time", "America/Juneau"},
    {"Alaska Time", "America/Juneau"},
    {"Arabian Daylight Time", "Asia/Riyadh"},
    {"Arabian Standard Time", "Asia/Riyadh"},
    {"Arabian Time", "Asia/Riyadh"},
    {"Argentina Standard Time", "America/Argentina/Buenos_Aires"},
    {"Argentina Summer Time", "America/Argentina/Buenos_Aires"},
    {"Argentina Time", "America/Argentina/Buenos_Aires"},
    {"Atlantic Daylight Time", "America/Halifax"},
    {"Atlantic Standard Time", "America/Halifax"},
    {"Atlantic Time", "America/Halifax"},
    {"Australian Central Daylight Time", "Australia/Adelaide"},
    {"Australian Central Standard Time", "Australia/Adelaide"},
    {"Australian Eastern Daylight Time", "Australia/Sydney"},
    {"Australian Eastern Standard Time", "Australia/Sydney"},
    {"Australian Western Daylight Time", "Australia/Perth"},
    {"Australian Western Standard Time", "Australia/Perth"},
    {"Bangladesh Standard Time", "Asia/Dhaka"},
    {"Bangladesh Summer Time", "Asia/Dhaka"},
    {"Bangladesh Time", "Asia/Dhaka"},
    {"Brasilia Standard Time", "America/Sao_Paulo"},
    {"Brasilia Summer Time", "America/Sao_Paulo"},
    {"Brasilia Time", "America/Sao_Paulo"},
    {"British Summer Time", "Africa/Abidjan"},
    {"British Time", "Africa/Abidjan"},
    {"Central Africa Time", "Africa/Maputo"},
    {"Central Australia Time", "Australia/Adelaide"},
    {"Central Daylight Time", "America/Chicago"},
    {"Central European Standard Time", "Europe/Paris"},
    {"Central European Summer Time", "Europe/Paris"},
    {"Central European Time", "Europe/Paris"},
    {"Central Standard Time", "America/Chicago"},
    {"Central Time", "America/Chicago"},
    {"Chile Standard Time", "America/Santiago"},
    {"Chile Summer Time", "Antarctica/Palmer"},
    {"Chile Time", "Antarctica/Palmer"},
    {"China Daylight Time", "Asia/Shanghai"},
    {"China Standard Time", "Asia/Shanghai"},
    {"China Time", "Asia/Shanghai"},
    {"Colombia Standard Time", "America/Bogota"},
    {"Colombia Summer Time", "America/Bogota"},
    {"Colombia Time", "America/Bogota"},
    {"Coordinated Universal Time", "Etc/UTC"},
    {"East Africa Time", "Africa/Nairobi"},
    {"Eastern Africa Time", "Africa/Nairobi"},
    {"Eastern Australia Time", "Australia/Sydney"},
    {"Eastern Daylight Time", "America/New_York"},
    {"Eastern European Standard Time", "Europe/Bucharest"},
    {"Eastern European Summer Time", "Europe/Bucharest"},
    {"Eastern European Time", "Europe/Bucharest"},
    {"Eastern Standard Time", "America/New_York"},
    {"Eastern Time", "America/New_York"},
    {"Greenwich Mean Time", "Africa/Abidjan"},
    {"Gulf Daylight Time", "Asia/Dubai"},
    {"Gulf Standard Time", "Asia/Dubai"},
    {"Gulf Time", "Asia/Dubai"},
    {"Hawaii-Aleutian Daylight Time", "Pacific/Honolulu"},
    {"Hawaii-Aleutian Standard Time", "Pacific/Honolulu"},
    {"Hawaii-Aleutian Time", "Pacific/Honolulu"},
    {"Hong Kong Standard Time", "Asia/Hong_Kong"},
    {"Hong Kong Summer Time", "Asia/Hong_Kong"},
    {"Hong Kong Time", "Asia/Hong_Kong"},
    {"India Daylight Time", "Asia/Kolkata"},
    {"India Standard Time", "Asia/Kolkata"},
    {"India Time", "Asia/Kolkata"},
    {"Indochina Summer Time", "Asia/Bangkok"},
    {"Indochina Time", "Asia/Bangkok"},
    {"Iran Daylight Time", "Asia/Tehran"},
    {"Iran Standard Time", "Asia/Tehran"},
    {"Iran Time", "Asia/Tehran"},
    {"Irish Standard Time", "Africa/Abidjan"},
    {"Irish Time", "Africa/Abidjan"},
    {"Israel Daylight Time", "Asia/Jerusalem"},
    {"Israel Standard Time", "Asia/Jerusalem"},
    {"Israel Time", "Asia/Jerusalem"},
    {"Japan Daylight Time", "Asia/Tokyo"},
    {"Japan Standard Time", "Asia/Tokyo"},
    {"Japan Time", "Asia/Tokyo"},
    {"Korean Daylight Time", "Asia/Seoul"},
    {"Korean Standard Time", "Asia/Seoul"},
    {"Korean Time", "Asia/Seoul"},
    {"Malaysia Summer Time", "Asia/Kuching"},
    {"Malaysia Time", "Asia/Kuching"},
    {"Middle Europe Summer Time", "Europe/Paris"},
    {"Middle Europe Time", "Europe/Paris"},
    {"Moscow Daylight Time", "Europe/Kirov"},
    {"Moscow Standard Time", "Europe/Moscow"},
    {"Moscow Summer Time", "Europe/Moscow"},
    {"Moscow Time", "Europe/Moscow"},
    {"Mountain Daylight Time", "America/Denver"},
    {"Mountain Standard Time", "America/Denver"},
    {"Mountain Time", "America/Denver"},
    {"Nepal Summer Time", "Asia/Kathmandu"},
    {"Nepal Time", "Asia/Kathmandu"},
    {"New Zealand Daylight Time", "Pacific/Auckland"},
    {"New Zealand Standard Time", "Pacific/Auckland"},
    {"New Zealand Time", "Pacific/Auckland"},
    {"Newfoundland Daylight Time", "America/St_Johns"},
    {"Newfoundland Standard Time", "America/St_Johns"},
    {"Newfoundland Time", "America/St_Johns"},
    {"Pacific Daylight Time", "America/Los_Angeles"},
    {"Pacific Standard Time", "America/Los_Angeles"},
    {"Pacific Time", "America/Los_Angeles"},
    {"Pakistan Standard Time", "Asia/Karachi"},
    {"Pakistan Summer Time", "Asia/Karachi"},
    {"Pakistan Time", "Asia/Karachi"},
    {"Peru Standard Time", "America/Lima"},
    {"Peru Summer Time", "America/Lima"},
    {"Peru Time", "America/Lima"},
    {"Philippine Standard Time", "Asia/Manila"},
    {"Philippine Summer Time", "Asia/Manila"},
    {"Philippine Time", "Asia/Manila"},
    {"Singapore Standard Time", "Asia/Singapore"},
    {"Singapore Summer Time", "Asia/Singapore"},
    {"Singapore Time", "Asia/Singapore"},
    {"South Africa Standard Time", "Africa/Johannesburg"},
    {"South Africa Summer Time", "Africa/Johannesburg"},
    {"South Africa Time", "Africa/Johannesburg"},
    {"Taipei Daylight Time", "Asia/Taipei"},
    {"Taipei Standard Time", "Asia/Taipei"},
    {"Taipei Time", "Asia/Taipei"},
    {"Turkey Summer Time", "Europe/Istanbul"},
    {"Turkey Time", "Europe/Istanbul"},
    {"Uruguay Standard Time", "America/Montevideo"},
    {"Uruguay Summer Time", "America/Montevideo"},
    {"Uruguay Time", "America/Montevideo"},
    {"Venezuela Summer Time", "America/Caracas"},
    {"Venezuela Time", "America/Caracas"},
    {"Volgograd Standard Time", "Europe/Volgograd"},
    {"Volgograd Summer Time", "Europe/Volgograd"},
    {"Volgograd Time", "Europe/Volgograd"},
    {"West Africa Standard Time", "Africa/Lagos"},
    {"West Africa Summer Time", "Africa/Lagos"},
    {"West Africa Time", "Africa/Lagos"},
    {"West Indonesia Time", "Asia/Jakarta"},
    {"Western Australia Time", "Australia/Perth"},
    {"Western European Standard Time", "Atlantic/Canary"},
    {"Western European Summer Time", "Atlantic/Canary"},
    {"Western European Time", "Atlantic/Canary"},
    {"Western Indonesia Time", "Asia/Jakarta"},
};

using NameMap = std::unordered_map<std::string, const char*>;

std::string Lower(std::string_view text) {
  std::string s(text);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Lower-cased name to zone, and the longest name's length, built on first use.
struct NameIndex {
  NameMap by_name;
  size_t longest = 0;
};

template <size_t N>
NameIndex BuildIndex(const NameToZone (&names)[N]) {
  NameIndex index;
  for (const NameToZone& entry : names) {
    index.by_name.emplace(Lower(entry.name), entry.zone);
    index.longest = std::max(index.longest, std::char_traits<char>::length(entry.name));
  }
  return index;
}

}  // namespace

std::string_view FindZoneByName(std::string_view text, bool long_form, size_t* length) {
  static const NameIndex* const kShort = new NameIndex(BuildIndex(kShortNames));
  static const NameIndex* const kLong = new NameIndex(BuildIndex(kLongNames));
  const NameIndex& index = long_form ? *kLong : *kShort;
  // Spark parses case-insensitively; the longest name that starts `text` wins, as in
  // java.time's prefix tree.
  const std::string lower = Lower(text.substr(0, std::min(text.size(), index.longest)));
  for (size_t n = lower.size(); n > 0; --n) {
    const auto it = index.by_name.find(lower.substr(0, n));
    if (it != index.by_name.end()) {
      *length = n;
      return it->second;
    }
  }
  return {};
}

}  // namespace sluice::types
