#include "denver_generator.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <iterator>
#include <memory>
#include <string_view>
#include <utility>

#include "split_mix64.h"
#include "types/civil_date.h"
#include "types/datetime_format.h"

namespace sluice::cli {
namespace {

// A release covers the six years (2014-2019 for 2020-01-01) before its date.
constexpr int64_t kWindowDays = 2191;
// Rows sit on a timeline of slots from 2000-01-01, so an id names the same row in every
// release that covers its day.
constexpr int64_t kTimelineStartDay = 10957;

struct Weighted {
  const char* value;
  int weight;
};

template <size_t N>
const char* Pick(SplitMix64& rng, const char* const (&values)[N]) {
  return values[rng.Below(N)];
}

// The index of an element chosen with its weight's chance.
template <typename T, size_t N, typename WeightOf>
size_t PickIndex(SplitMix64& rng, const T (&values)[N], WeightOf weight_of) {
  uint64_t total = 0;
  for (const T& v : values) total += weight_of(v);
  uint64_t r = rng.Below(total);
  size_t i = 0;
  while (r >= weight_of(values[i])) r -= weight_of(values[i++]);
  return i;
}

template <typename T, size_t N>
const T& PickWeighted(SplitMix64& rng, const T (&values)[N]) {
  return values[PickIndex(rng, values, [](const T& v) -> uint64_t { return v.weight; })];
}

// An hour of the day with the chance its weight gives.
int PickHour(SplitMix64& rng, const int (&weights)[24]) {
  return static_cast<int>(PickIndex(rng, weights, [](int w) -> uint64_t { return w; }));
}

__attribute__((format(printf, 1, 2))) std::string Format(const char* format, ...) {
  char text[256];
  va_list args;
  va_start(args, format);
  std::vsnprintf(text, sizeof(text), format, args);
  va_end(args);
  return text;
}

// One CSV line, ended when destroyed: fields holding a separator, a quote or a line break
// are quoted, quotes doubled (RFC 4180, as the city's files are written).
class CsvLine {
 public:
  explicit CsvLine(std::string* out) : out_(out) {}
  ~CsvLine() { out_->push_back('\n'); }
  CsvLine& operator<<(std::string_view value) {
    if (!first_) out_->push_back(',');
    first_ = false;
    if (value.find_first_of(",\"\n") == std::string_view::npos) {
      out_->append(value);
      return *this;
    }
    out_->push_back('"');
    for (char c : value) {
      if (c == '"') out_->push_back('"');
      out_->push_back(c);
    }
    out_->push_back('"');
    return *this;
  }

 private:
  std::string* out_;
  bool first_ = true;
};

// Seconds since the epoch as yyyy-MM-dd HH:mm:ss, or as MM/dd/yyyy [hh:mm:ss a].
std::string IsoTimestamp(int64_t seconds) {
  const types::CivilDate d = types::CivilFromDays(seconds / 86400);
  const int64_t s = seconds % 86400;
  return Format("%04lld-%02d-%02d %02lld:%02lld:%02lld", static_cast<long long>(d.year), d.month,
                d.day, static_cast<long long>(s / 3600), static_cast<long long>(s / 60 % 60),
                static_cast<long long>(s % 60));
}
std::string UsDate(int64_t seconds) {
  const types::CivilDate d = types::CivilFromDays(seconds / 86400);
  return Format("%02d/%02d/%04lld", d.month, d.day, static_cast<long long>(d.year));
}
std::string UsTimestamp(int64_t seconds) {
  const int64_t s = seconds % 86400, hour = s / 3600;
  return UsDate(seconds) + Format(" %02lld:%02lld:%02lld %s",
                                  static_cast<long long>(hour % 12 == 0 ? 12 : hour % 12),
                                  static_cast<long long>(s / 60 % 60),
                                  static_cast<long long>(s % 60), hour < 12 ? "AM" : "PM");
}

struct Neighborhood {
  const char* id;    // as the accidents file spells it
  const char* name;  // as the 311 file spells it
};
constexpr Neighborhood kNeighborhoods[] = {
    {"five-points", "Five Points"},
    {"capitol-hill", "Capitol Hill"},
    {"baker", "Baker"},
    {"stapleton", "Stapleton"},
    {"lincoln-park", "Lincoln Park"},
    {"hampden-south", "Hampden South"},
    {"cbd", "CBD"},
    {"montbello", "Montbello"},
    {"highland", "Highland"},
    {"westwood", "Westwood"},
    {"northeast-park-hill", "Northeast Park Hill"},
    {"globeville", "Globeville"},
    {"congress-park", "Congress Park"},
    {"speer", "Speer"},
    {"cherry-creek", "Cherry Creek"},
    {"elyria-swansea", "Elyria Swansea"},
    {"washington-park-west", "Washington Park West"},
    {"north-capitol-hill", "North Capitol Hill"},
    {"gateway-green-valley-ranch", "Gateway - Green Valley Ranch"},
    {"union-station", "Union Station"},
    {"west-colfax", "West Colfax"},
    {"jefferson-park", "Jefferson Park"},
    {"barnum", "Barnum"},
    {"civic-center", "Civic Center"},
    {"harvey-park", "Harvey Park"},
    {"virginia-village", "Virginia Village"},
    {"mar-lee", "Mar Lee"},
    {"university", "University"},
    {"cheesman-park", "Cheesman Park"},
    {"athmar-park", "Athmar Park"},
    {"villa-park", "Villa Park"},
    {"dia", "DIA"},
    {"east-colfax", "East Colfax"},
    {"sloan-lake", "Sloan Lake"},
    {"overland", "Overland"},
    {"belcaro", "Belcaro"},
    {"auraria", "Auraria"},
    {"sunnyside", "Sunnyside"},
    {"city-park", "City Park"},
    {"ruby-hill", "Ruby Hill"},
};
constexpr size_t kNeighborhoodCount = std::size(kNeighborhoods);

// Some neighborhoods see much more than others: the smaller of two uniform picks.
size_t PickNeighborhood(SplitMix64& rng) {
  const uint64_t a = rng.Below(kNeighborhoodCount), b = rng.Below(kNeighborhoodCount);
  return a < b ? a : b;
}

// A point inside the neighborhood: longitude, latitude.
std::pair<double, double> NeighborhoodPoint(size_t neighborhood, SplitMix64& rng) {
  const double lon = -105.08 + 0.36 * static_cast<double>(MixHash(neighborhood, 1) % 1000) / 1000;
  const double lat = 39.62 + 0.2 * static_cast<double>(MixHash(neighborhood, 2) % 1000) / 1000;
  return {lon + static_cast<double>(rng.Below(200001)) / 10000000 - 0.01,
          lat + static_cast<double>(rng.Below(200001)) / 10000000 - 0.01};
}

constexpr const char* kStreets[] = {
    "E COLFAX AVE", "S COLORADO BLVD",   "N FEDERAL BLVD", "LEETSDALE DR",
    "SPEER BLVD",   "I25 HWYNB",         "E EVANS AVE",    "W ALAMEDA AVE",
    "N BROADWAY",   "PENA BLVD",         "15TH ST",        "E 17TH AVE",
    "N QUEBEC ST",  "S UNIVERSITY BLVD", "W 38TH AVE",     "N SHERIDAN BLVD"};

// Writes `head`, then the release's rows, each appended by append(slot, day, rng, &text).
// The rows sit on slots of a timeline: `rows` rows per window on average, a slot holding a
// row with its month's chance in percent (the seasonality). Each row has its own rng, so a
// row is the same in every release that covers its day.
template <typename AppendFn>
Status WriteRows(io::FileSystem& fs, const std::string& path, std::string head, uint64_t seed,
                 uint64_t salt, uint64_t rows, const int (&month_percent)[12], int64_t release_day,
                 AppendFn append) {
  SLUICE_ASSIGN_OR_RAISE(auto file, fs.OpenWrite(path));
  std::string text = std::move(head);
  int64_t percent_sum = 0;
  for (int p : month_percent) percent_sum += p;
  const int64_t slots = std::max<int64_t>(1, static_cast<int64_t>(rows) * 1200 / percent_sum);
  // The slots whose day, kTimelineStartDay + slot * kWindowDays / slots, is in the window.
  auto first_slot = [&](int64_t day) {
    return ((day - kTimelineStartDay) * slots + kWindowDays - 1) / kWindowDays;
  };
  const int64_t end = first_slot(release_day);
  for (int64_t slot = first_slot(release_day - kWindowDays); slot < end; ++slot) {
    const int64_t day = kTimelineStartDay + slot * kWindowDays / slots;
    SplitMix64 rng(MixHash(seed * 8 + salt, static_cast<uint64_t>(slot)));
    if (static_cast<int>(rng.Below(100)) >= month_percent[types::CivilFromDays(day).month - 1])
      continue;
    append(slot, day, rng, &text);
    if (text.size() >= (4 << 20)) {
      SLUICE_RETURN_NOT_OK(file->Append(text));
      text.clear();
    }
  }
  SLUICE_RETURN_NOT_OK(file->Append(text));
  return file->Close();
}

// ---- Traffic accidents ----

constexpr int kAccidentMonthPercent[12] = {100, 95, 85, 75, 70, 65, 65, 70, 75, 85, 95, 100};
constexpr int kAccidentHourWeights[24] = {3, 2, 2, 1, 1,  2,  4, 8, 9, 6, 5, 6,
                                          7, 7, 8, 9, 10, 10, 8, 6, 5, 4, 4, 3};

struct Offense {
  int code;
  int extension;
  const char* top_offense;
  int weight;
};
constexpr Offense kOffenses[] = {{5441, 0, "TRAF - ACCIDENT", 800},
                                 {5401, 0, "TRAF - ACCIDENT - HIT & RUN", 140},
                                 {5420, 0, "TRAF - ACCIDENT - DUI/DUID", 40},
                                 {5441, 1, "TRAF - ACCIDENT - SBI", 15},
                                 {5441, 2, "TRAF - ACCIDENT - FATAL", 5}};

constexpr Weighted kDryMonths[] = {
    {"DRY", 84}, {"WET", 12}, {"MUDDY", 1}, {"FOREIGN MATERIAL", 1}, {"", 2}};
constexpr Weighted kWinterMonths[] = {{"DRY", 55}, {"WET", 12},   {"SNOWY", 14},
                                      {"ICY", 10}, {"SLUSHY", 5}, {"FOREIGN MATERIAL", 1},
                                      {"", 3}};
constexpr const char* kHarmfulEvents[] = {
    "FRONT TO REAR", "BROADSIDE",    "SIDESWIPE-SAME DIRECTION",     "PARKED MOTOR VEHICLE",
    "APPROACH TURN", "FIXED OBJECT", "SIDESWIPE-OPPOSITE DIRECTION", "OVERTURNING",
    "HEAD-ON",       "CURB"};
constexpr const char* kRoadLocations[] = {"NON-INTERSECTION", "AT INTERSECTION",
                                          "INTERSECTION RELATED", "DRIVEWAY ACCESS RELATED",
                                          "PARKING LOT"};
constexpr const char* kRoadDescriptions[] = {"NON-JUNCTION", "AT INTERSECTION", "ALLEY RELATED",
                                             "RAMP"};
constexpr const char* kRoadContours[] = {"STRAIGHT-LEVEL", "STRAIGHT-GRADE", "CURVE-LEVEL",
                                         "HILLCREST"};
constexpr const char* kVehicleTypes[] = {"PASSENGER CAR/VAN", "SUV", "PICKUP TRUCK/UTILITY VAN",
                                         "MOTORCYCLE",        "BUS", "BICYCLE",
                                         "MEDIUM/HEAVY TRUCK"};
constexpr const char* kDirections[] = {"NORTHBOUND", "SOUTHBOUND", "EASTBOUND", "WESTBOUND"};
constexpr const char* kMovements[] = {"GOING STRAIGHT", "MAKING LEFT TURN", "MAKING RIGHT TURN",
                                      "BACKING",        "SLOWING",          "STOPPED IN TRAFFIC",
                                      "CHANGING LANES"};
constexpr const char* kDriverActions[] = {
    "NO CONTRIBUTING ACTION", "CARELESS DRIVING", "FOLLOWED TOO CLOSELY",
    "FAILED TO YIELD ROW",    "SPEEDING",         "RAN RED LIGHT"};
constexpr const char* kHumanFactors[] = {"NO APPARENT CONTRIBUTING FACTOR", "DISTRACTED-CELL PHONE",
                                         "DISTRACTED-OTHER", "ASLEEP OR FATIGUED",
                                         "DRIVER INEXPERIENCE"};
constexpr const char* kVictimModes[] = {"DRIVER", "PASSENGER", "PEDESTRIAN", "BICYCLIST",
                                        "MOTORCYCLIST"};

constexpr const char* kAccidentsHeader =
    "OBJECTID_1,INCIDENT_ID,OFFENSE_ID,OFFENSE_CODE,OFFENSE_CODE_EXTENSION,"
    "TOP_TRAFFIC_ACCIDENT_OFFENSE,FIRST_OCCURRENCE_DATE,LAST_OCCURRENCE_DATE,REPORTED_DATE,"
    "INCIDENT_ADDRESS,GEO_X,GEO_Y,GEO_LON,GEO_LAT,DISTRICT_ID,PRECINCT_ID,NEIGHBORHOOD_ID,"
    "BICYCLE_IND,PEDESTRIAN_IND,HARMFUL_EVENT_SEQ_1,HARMFUL_EVENT_SEQ_2,HARMFUL_EVENT_SEQ_3,"
    "ROAD_LOCATION,ROAD_DESCRIPTION,ROAD_CONTOUR,ROAD_CONDITION,LIGHT_CONDITION,"
    "TU1_VEHICLE_TYPE,TU1_TRAVEL_DIRECTION,TU1_VEHICLE_MOVEMENT,TU1_DRIVER_ACTION,"
    "TU1_DRIVER_HUMANCONTRIBFACTOR,TU1_PEDESTRIAN_ACTION,TU2_VEHICLE_TYPE,TU2_TRAVEL_DIRECTION,"
    "TU2_VEHICLE_MOVEMENT,TU2_DRIVER_ACTION,TU2_DRIVER_HUMANCONTRIBFACTOR,TU2_PEDESTRIAN_ACTION,"
    "SERIOUSLY_INJURED,FATALITIES,FATALITY_MODE_1,FATALITY_MODE_2,SERIOUSLY_INJURED_MODE_1,"
    "SERIOUSLY_INJURED_MODE_2\n";

// One accident (an incident with one offense). OBJECTID_1 is the row's number in the file,
// as in the city's files: it changes between releases and is no key; OFFENSE_ID is.
void AppendAccident(uint64_t object_id, int64_t slot, int64_t day, SplitMix64& rng,
                    std::string* out) {
  const types::CivilDate date = types::CivilFromDays(day);
  const Offense* offense = &PickWeighted(rng, kOffenses);
  // The city prints incident ids as floating-point numbers: 2019000012345.0.
  const int64_t incident_id = date.year * 1000000000 + slot;
  const int64_t first = day * 86400 + PickHour(rng, kAccidentHourWeights) * 3600 +
                        static_cast<int64_t>(rng.Below(3600));
  const bool has_last = rng.Below(100) < 15;
  const int64_t last = first + static_cast<int64_t>(rng.Below(3600));
  const int64_t reported = first + static_cast<int64_t>(rng.Below(7200));
  std::string address =
      rng.Below(2) == 0
          ? Format("%d BLOCK %s", static_cast<int>(rng.Below(50) + 1) * 100, Pick(rng, kStreets))
          : Format("%s / %s", Pick(rng, kStreets), Pick(rng, kStreets));
  const size_t hood = PickNeighborhood(rng);
  const bool located = rng.Below(100) != 0;  // 1% without a location
  const auto [lon, lat] = NeighborhoodPoint(hood, rng);
  const int district = static_cast<int>(hood % 7) + 1;
  const bool bicycle = rng.Below(100) < 2, pedestrian = rng.Below(100) < 3;
  const int hour = static_cast<int>(first % 86400 / 3600);
  const bool winter = date.month <= 3 || date.month >= 11;
  const char* road =
      winter ? PickWeighted(rng, kWinterMonths).value : PickWeighted(rng, kDryMonths).value;
  const char* light = hour >= 7 && hour <= 17   ? "DAY LIGHT"
                      : hour == 6 || hour == 18 ? "DAWN OR DUSK"
                      : rng.Below(5) != 0       ? "DARK-LIGHTED"
                                                : "DARK-UNLIGHTED";
  const int injured =
      offense->extension == 1 ? 1 + static_cast<int>(rng.Below(2)) : (rng.Below(100) < 2 ? 1 : 0);
  const int fatalities = offense->extension == 2 ? 1 : 0;
  const bool second_unit = rng.Below(100) < 70;

  CsvLine line(out);
  line << std::to_string(object_id) << Format("%lld.0", static_cast<long long>(incident_id))
       << std::to_string(incident_id * 1000000 + offense->code * 100 + offense->extension)
       << std::to_string(offense->code) << std::to_string(offense->extension)
       << offense->top_offense << IsoTimestamp(first) << (has_last ? IsoTimestamp(last) : "")
       << IsoTimestamp(reported) << address
       << (located ? Format("%.1f", 3140000 + (lon + 105.0) * 276000) : "")
       << (located ? Format("%.1f", 1698000 + (lat - 39.75) * 364000) : "")
       << (located ? Format("%.7f", lon) : "") << (located ? Format("%.7f", lat) : "")
       << std::to_string(district) << std::to_string(district * 100 + 10 + hood % 9)
       << (located ? kNeighborhoods[hood].id : "") << (bicycle ? "1" : "0")
       << (pedestrian ? "1" : "0") << Pick(rng, kHarmfulEvents)
       << (rng.Below(100) < 40 ? Pick(rng, kHarmfulEvents) : "")
       << (rng.Below(100) < 10 ? Pick(rng, kHarmfulEvents) : "") << Pick(rng, kRoadLocations)
       << Pick(rng, kRoadDescriptions) << Pick(rng, kRoadContours) << road << light;
  for (int unit = 1; unit <= 2; ++unit) {
    if (unit == 2 && !second_unit) {
      for (int k = 0; k < 6; ++k) line << "";
      continue;
    }
    line << (unit == 1 && bicycle ? "BICYCLE" : Pick(rng, kVehicleTypes)) << Pick(rng, kDirections)
         << Pick(rng, kMovements) << Pick(rng, kDriverActions) << Pick(rng, kHumanFactors)
         << (unit == 1 && pedestrian ? "CROSSING AT INTERSECTION" : "");
  }
  line << std::to_string(injured) << std::to_string(fatalities)
       << (fatalities > 0 ? Pick(rng, kVictimModes) : "") << ""
       << (injured > 0 ? Pick(rng, kVictimModes) : "")
       << (injured > 1 ? Pick(rng, kVictimModes) : "");
}

// ---- 311 service requests ----

constexpr int kRequestMonthPercent[12] = {70, 70, 80, 90, 95, 100, 100, 95, 90, 85, 75, 70};
constexpr int kRequestHourWeights[24] = {1, 1, 1, 1, 1, 1, 2, 5, 9, 10, 10, 9,
                                         8, 9, 9, 8, 7, 5, 4, 3, 2, 2,  1,  1};

// What a request is about, who handles it, and how long that takes (hours, typical).
// Summaries are Latin-1 text, as the city's export: \xe9 is é, \xe7 ç, \xf1 ñ.
struct RequestKind {
  const char* agency;
  const char* division;
  const char* major_area;
  const char* type;
  const char* topic;
  int typical_hours;
  int weight;
  const char* summaries[2];
};
constexpr RequestKind kRequestKinds[] = {
    {"Public Works",
     "Street Maintenance",
     "Streets",
     "Pothole",
     "Pothole Repair",
     72,
     18,
     {"Pothole in front of the caf\xe9", "Deep pothole, right lane"}},
    {"Public Works",
     "Solid Waste Management",
     "Trash",
     "Missed Trash Pickup",
     "Trash",
     30,
     20,
     {"Trash, recycling not picked up", "Compost cart missed"}},
    {"Public Works",
     "Street Maintenance",
     "Snow",
     "Snow Removal",
     "Snow on Street",
     20,
     8,
     {"Street not plowed",
      "Ice on the Pe\xf1"
      "a Blvd ramp"}},
    {"Community Planning and Development",
     "Neighborhood Inspection",
     "Property",
     "Graffiti",
     "Graffiti Removal",
     100,
     12,
     {"Graffiti on the fa\xe7"
      "ade",
      "Tags on a fence"}},
    {"Denver Police Department",
     "Non-Emergency",
     "Vehicles",
     "Abandoned Vehicle",
     "Abandoned Vehicle",
     150,
     8,
     {"Abandoned car with a \"for sale\" sign", "Van parked 3 weeks"}},
    {"Parks and Recreation",
     "Forestry",
     "Parks",
     "Tree Maintenance",
     "Tree Limb Down",
     200,
     6,
     {"Limb down on the sidewalk", "Dead tree near the caf\xe9 patio"}},
    {"Excise and Licenses",
     "Nuisance",
     "Noise",
     "Noise Complaint",
     "Loud Music",
     48,
     8,
     {"Loud music, late at night",
      "Fiesta at the cr\xe8me br\xfbl\xe9"
      "e stand"}},
    {"311",
     "Information",
     "General",
     "Information Request",
     "General Question",
     1,
     15,
     {"Hours of the DMV", "Where to recycle electronics"}},
    {"Public Works",
     "Traffic Operations",
     "Streets",
     "Street Light Out",
     "Street Light Repair",
     96,
     5,
     {"Street light out", "Flickering light at the corner"}}};
constexpr Weighted kSources[] = {{"Phone", 45}, {"Web", 20},    {"PocketGov", 15},
                                 {"Email", 12}, {"Walk-In", 3}, {"Social Media", 5}};

constexpr const char* kRequestsHeader =
    "Case Summary,Case Status,Case Source,Case Created Date,Case Created dttm,Case Closed Date,"
    "Case Closed dttm,Case Number,First Call Resolution,Customer Zip Code,Incident Address 1,"
    "Incident Intersection 1,Incident Intersection 2,Incident Zip Code,Longitude,Latitude,"
    "Agency,Division,Major Area,Type,Topic,Council District,Police District,Neighborhood\n";

void AppendRequest(int64_t slot, int64_t day, SplitMix64& rng, std::string* out) {
  const RequestKind* kind = &PickWeighted(rng, kRequestKinds);
  const int64_t created = day * 86400 + PickHour(rng, kRequestHourWeights) * 3600 +
                          static_cast<int64_t>(rng.Below(3600));
  const bool open = rng.Below(100) < 4;
  // Skewed durations: most cases close well before the typical time, a few take far longer.
  const uint64_t u = rng.Below(1000);
  const int64_t closed =
      created + kind->typical_hours * 36 * static_cast<int64_t>(5 + u * u * 3 / 10000);
  const bool at_intersection = rng.Below(100) < 30;
  const size_t hood = PickNeighborhood(rng);
  const bool located = rng.Below(100) >= 3;
  const auto [lon, lat] = NeighborhoodPoint(hood, rng);

  CsvLine line(out);
  line << kind->summaries[rng.Below(2)] << (open ? "Open" : "Closed")
       << PickWeighted(rng, kSources).value << UsDate(created) << UsTimestamp(created)
       << (open ? "" : UsDate(closed)) << (open ? "" : UsTimestamp(closed))
       << std::to_string(slot + 1) << (kind->typical_hours == 1 || rng.Below(10) == 0 ? "Y" : "N")
       << (rng.Below(100) < 8 ? std::string()
                              : Format("802%02d", 1 + static_cast<int>(rng.Below(39))))
       << (at_intersection
               ? std::string()
               : Format("%d %s", static_cast<int>(rng.Below(9000)) + 100, Pick(rng, kStreets)))
       << (at_intersection ? Pick(rng, kStreets) : "")
       << (at_intersection ? Pick(rng, kStreets) : "")
       << Format("802%02d", 1 + static_cast<int>(hood % 39)) << (located ? Format("%.7f", lon) : "")
       << (located ? Format("%.7f", lat) : "") << kind->agency << kind->division << kind->major_area
       << kind->type << kind->topic << std::to_string(hood % 13 + 1) << std::to_string(hood % 6 + 1)
       << (located ? kNeighborhoods[hood].name : "");
}

}  // namespace

Status GenerateDenver(io::FileSystem& fs, const std::string& out_dir,
                      const DenverGeneratorOptions& options) {
  if (options.release_day < kTimelineStartDay + kWindowDays)
    return Status::Invalid("--release must be 2006-01-01 or later");
  SLUICE_RETURN_NOT_OK(fs.CreateDirs(out_dir));
  uint64_t object_id = 0;
  SLUICE_RETURN_NOT_OK(WriteRows(fs, out_dir + "/traffic_accidents.csv", kAccidentsHeader,
                                 options.seed, 1, options.accidents, kAccidentMonthPercent,
                                 options.release_day,
                                 [&](int64_t slot, int64_t day, SplitMix64& rng, std::string* out) {
                                   AppendAccident(++object_id, slot, day, rng, out);
                                 }));
  return WriteRows(fs, out_dir + "/311_service_requests.csv",
                   "# Denver 311 service requests, release " +
                       types::FormatDate(options.release_day) + "\n" + kRequestsHeader,
                   options.seed, 2, options.requests, kRequestMonthPercent, options.release_day,
                   AppendRequest);
}

}  // namespace sluice::cli
