#include "types/zone_names.h"

#include <unordered_map>

namespace sluice::types {
namespace {

struct ZoneNames {
  const char* short_standard;
  const char* short_daylight;
  const char* long_standard;
  const char* long_daylight;
};

// One metazone: its names and the zone ids that use them (space-separated). Names are
// java.time's (JDK 17, English: CLDR, with the JDK's own short names where CLDR has none).
struct Metazone {
  ZoneNames names;
  const char* zones;
};

constexpr Metazone kMetazones[] = {
    // North America.
    {{"PST", "PDT", "Pacific Standard Time", "Pacific Daylight Time"},
     "America/Los_Angeles America/Tijuana America/Vancouver America/Ensenada "
     "Canada/Pacific Mexico/BajaNorte US/Pacific PST8PDT"},
    {{"MST", "MDT", "Mountain Standard Time", "Mountain Daylight Time"},
     "America/Denver America/Boise America/Edmonton America/Phoenix America/Creston "
     "America/Dawson_Creek America/Fort_Nelson America/Cambridge_Bay America/Inuvik "
     "America/Yellowknife America/Ciudad_Juarez America/Shiprock "
     "America/Whitehorse America/Dawson Canada/Mountain Canada/Yukon US/Arizona US/Mountain "
     "Navajo MST7MDT"},
    {{"CST", "CDT", "Central Standard Time", "Central Daylight Time"},
     "America/Chicago America/Ojinaga America/Winnipeg America/Regina America/Swift_Current "
     "America/Mexico_City America/Monterrey America/Merida America/Matamoros "
     "America/Bahia_Banderas America/Chihuahua America/Indiana/Knox America/Indiana/Tell_City "
     "America/Knox_IN America/Menominee America/North_Dakota/Beulah "
     "America/North_Dakota/Center America/North_Dakota/New_Salem America/Rainy_River "
     "America/Rankin_Inlet America/Resolute America/Belize America/Costa_Rica "
     "America/El_Salvador America/Guatemala America/Tegucigalpa America/Managua "
     "Canada/Central Canada/Saskatchewan Mexico/General US/Central US/Indiana-Starke CST6CDT"},
    {{"EST", "EDT", "Eastern Standard Time", "Eastern Daylight Time"},
     "America/New_York America/Detroit America/Toronto America/Montreal America/Nassau "
     "America/Nipigon America/Thunder_Bay America/Iqaluit America/Pangnirtung "
     "America/Indiana/Indianapolis America/Indianapolis America/Fort_Wayne "
     "America/Indiana/Marengo America/Indiana/Petersburg America/Indiana/Vevay "
     "America/Indiana/Vincennes America/Indiana/Winamac America/Kentucky/Louisville "
     "America/Kentucky/Monticello America/Louisville America/Cancun America/Jamaica "
     "America/Panama America/Cayman America/Coral_Harbour America/Atikokan "
     "America/Port-au-Prince America/Grand_Turk Canada/Eastern Jamaica US/East-Indiana "
     "US/Eastern US/Michigan EST5EDT"},
    {{"AST", "ADT", "Atlantic Standard Time", "Atlantic Daylight Time"},
     "America/Halifax America/Glace_Bay America/Goose_Bay America/Moncton America/Thule "
     "America/Puerto_Rico America/Barbados America/Martinique America/Santo_Domingo "
     "America/Anguilla America/Antigua America/Aruba America/Curacao America/Dominica "
     "America/Grenada America/Guadeloupe America/Montserrat America/Port_of_Spain "
     "America/St_Kitts America/St_Lucia America/St_Thomas America/St_Vincent "
     "America/Tortola America/Virgin America/Blanc-Sablon America/Kralendijk "
     "America/Lower_Princes America/Marigot America/St_Barthelemy Atlantic/Bermuda "
     "Canada/Atlantic"},
    {{"NST", "NDT", "Newfoundland Standard Time", "Newfoundland Daylight Time"},
     "America/St_Johns Canada/Newfoundland"},
    {{"AKST", "AKDT", "Alaska Standard Time", "Alaska Daylight Time"},
     "America/Anchorage America/Juneau America/Metlakatla America/Nome America/Sitka "
     "America/Yakutat US/Alaska"},
    {{"HST", "HDT", "Hawaii-Aleutian Standard Time", "Hawaii-Aleutian Daylight Time"},
     "Pacific/Honolulu US/Hawaii"},
    {{"HAST", "HADT", "Hawaii-Aleutian Standard Time", "Hawaii-Aleutian Daylight Time"},
     "America/Adak America/Atka US/Aleutian Pacific/Johnston"},
    // Europe, Africa and the UTC/GMT ids.
    {{"UTC", "UTC", "Coordinated Universal Time", "Coordinated Universal Time"},
     "UTC Etc/UTC Etc/UCT UCT Etc/Universal Universal Etc/Zulu Zulu"},
    {{"GMT", "GMT", "Greenwich Mean Time", "Greenwich Mean Time"},
     "GMT Etc/GMT Etc/GMT0 Etc/GMT+0 Etc/GMT-0 GMT0 Etc/Greenwich Greenwich Africa/Abidjan "
     "Africa/Accra Africa/Bamako Africa/Banjul Africa/Bissau Africa/Conakry Africa/Dakar "
     "Africa/Freetown Africa/Lome Africa/Monrovia Africa/Nouakchott Africa/Ouagadougou "
     "Africa/Sao_Tome Atlantic/Reykjavik Atlantic/St_Helena America/Danmarkshavn Iceland "
     "Africa/Timbuktu"},
    {{"GMT", "BST", "Greenwich Mean Time", "British Summer Time"},
     "Europe/London Europe/Belfast Europe/Guernsey Europe/Isle_of_Man Europe/Jersey GB "
     "GB-Eire"},
    {{"GMT", "IST", "Greenwich Mean Time", "Irish Standard Time"}, "Europe/Dublin Eire"},
    {{"WET", "WEST", "Western European Standard Time", "Western European Summer Time"},
     "Europe/Lisbon Atlantic/Canary Atlantic/Faroe Atlantic/Faeroe Atlantic/Madeira Portugal"},
    {{"CET", "CEST", "Central European Standard Time", "Central European Summer Time"},
     "Europe/Paris Europe/Berlin Europe/Amsterdam Europe/Andorra Europe/Belgrade "
     "Europe/Bratislava Europe/Brussels Europe/Budapest Europe/Busingen Europe/Copenhagen "
     "Europe/Gibraltar Europe/Ljubljana Europe/Luxembourg Europe/Madrid Europe/Malta "
     "Europe/Monaco Europe/Oslo Europe/Podgorica Europe/Prague Europe/Rome Europe/San_Marino "
     "Europe/Sarajevo Europe/Skopje Europe/Stockholm Europe/Tirane Europe/Vaduz "
     "Europe/Vatican Europe/Vienna Europe/Warsaw Europe/Zagreb Europe/Zurich Africa/Algiers "
     "Africa/Ceuta Africa/Tunis Arctic/Longyearbyen Atlantic/Jan_Mayen Poland"},
    {{"EET", "EEST", "Eastern European Standard Time", "Eastern European Summer Time"},
     "Europe/Athens Europe/Bucharest Europe/Chisinau Europe/Helsinki Europe/Kiev Europe/Kyiv "
     "Europe/Mariehamn Europe/Riga Europe/Sofia Europe/Tallinn Europe/Uzhgorod "
     "Europe/Vilnius Europe/Zaporozhye Europe/Kaliningrad Europe/Nicosia Europe/Tiraspol "
     "Asia/Beirut Asia/Nicosia Asia/Gaza Asia/Hebron Africa/Cairo "
     "Africa/Tripoli Egypt Libya"},
    // The POSIX-style ids keep the JDK's older long names.
    {{"WET", "WEST", "Western European Time", "Western European Summer Time"}, "WET"},
    {{"CET", "CEST", "Central European Time", "Central European Summer Time"}, "CET"},
    {{"MET", "MEST", "Middle Europe Time", "Middle Europe Summer Time"}, "MET"},
    {{"EET", "EEST", "Eastern European Time", "Eastern European Summer Time"},
     "EET Asia/Famagusta"},
    {{"MSK", "MSD", "Moscow Standard Time", "Moscow Summer Time"},
     "Europe/Moscow Europe/Simferopol Europe/Minsk W-SU"},
    {{"MSK", "MSD", "Moscow Standard Time", "Moscow Daylight Time"}, "Europe/Kirov"},
    {{"MSK", "MSD", "Volgograd Standard Time", "Volgograd Summer Time"}, "Europe/Volgograd"},
    {{"TRT", "TRST", "Turkey Time", "Turkey Summer Time"}, "Europe/Istanbul Asia/Istanbul Turkey"},
    {{"WAT", "WAST", "West Africa Standard Time", "West Africa Summer Time"},
     "Africa/Lagos Africa/Bangui Africa/Brazzaville Africa/Douala Africa/Kinshasa "
     "Africa/Libreville Africa/Luanda Africa/Malabo Africa/Niamey Africa/Porto-Novo "
     "Africa/Ndjamena"},
    {{"CAT", "CAST", "Central Africa Time", "Central Africa Summer Time"},
     "Africa/Maputo Africa/Harare Africa/Lusaka Africa/Blantyre Africa/Bujumbura "
     "Africa/Gaborone Africa/Kigali Africa/Lubumbashi"},
    {{"EAT", "EAST", "East Africa Time", "East Africa Summer Time"},
     "Africa/Nairobi Africa/Addis_Ababa Africa/Asmara Africa/Asmera Africa/Dar_es_Salaam "
     "Africa/Djibouti "
     "Africa/Kampala Africa/Mogadishu Indian/Antananarivo Indian/Comoro Indian/Mayotte"},
    {{"SAST", "SAST", "South Africa Standard Time", "South Africa Summer Time"},
     "Africa/Johannesburg Africa/Maseru Africa/Mbabane"},
    // Asia.
    {{"IST", "IDT", "Israel Standard Time", "Israel Daylight Time"},
     "Asia/Jerusalem Asia/Tel_Aviv Israel"},
    {{"IRST", "IRDT", "Iran Standard Time", "Iran Daylight Time"}, "Asia/Tehran Iran"},
    {{"AST", "ADT", "Arabian Standard Time", "Arabian Daylight Time"},
     "Asia/Riyadh Asia/Baghdad Asia/Kuwait Asia/Qatar Asia/Bahrain Asia/Aden"},
    {{"GST", "GDT", "Gulf Standard Time", "Gulf Daylight Time"}, "Asia/Dubai Asia/Muscat"},
    {{"PKT", "PKST", "Pakistan Standard Time", "Pakistan Summer Time"}, "Asia/Karachi"},
    {{"IST", "IDT", "India Standard Time", "India Daylight Time"}, "Asia/Kolkata Asia/Calcutta"},
    {{"BDT", "BDST", "Bangladesh Standard Time", "Bangladesh Summer Time"},
     "Asia/Dhaka Asia/Dacca"},
    {{"NPT", "NPST", "Nepal Time", "Nepal Summer Time"}, "Asia/Kathmandu Asia/Katmandu"},
    {{"ICT", "ICST", "Indochina Time", "Indochina Summer Time"},
     "Asia/Bangkok Asia/Ho_Chi_Minh Asia/Saigon Asia/Phnom_Penh Asia/Vientiane"},
    {{"WIB", "WIST", "Western Indonesia Time", "Western Indonesia Summer Time"},
     "Asia/Jakarta Asia/Pontianak"},
    {{"SGT", "SGST", "Singapore Standard Time", "Singapore Summer Time"},
     "Asia/Singapore Singapore"},
    {{"MYT", "MYST", "Malaysia Time", "Malaysia Summer Time"}, "Asia/Kuala_Lumpur Asia/Kuching"},
    {{"CST", "CDT", "China Standard Time", "China Daylight Time"},
     "Asia/Shanghai Asia/Chongqing Asia/Chungking Asia/Harbin Asia/Macau Asia/Macao PRC"},
    {{"HKT", "HKST", "Hong Kong Standard Time", "Hong Kong Summer Time"},
     "Asia/Hong_Kong Hongkong"},
    {{"CST", "CDT", "Taipei Standard Time", "Taipei Daylight Time"}, "Asia/Taipei"},
    {{"PST", "PDT", "Philippine Standard Time", "Philippine Summer Time"}, "Asia/Manila"},
    {{"KST", "KDT", "Korean Standard Time", "Korean Daylight Time"}, "Asia/Seoul ROK"},
    {{"JST", "JDT", "Japan Standard Time", "Japan Daylight Time"}, "Asia/Tokyo Japan"},
    // Australia and New Zealand.
    {{"AEST", "AEDT", "Australian Eastern Standard Time", "Australian Eastern Daylight Time"},
     "Australia/Sydney Australia/Melbourne Australia/Brisbane Australia/Hobart "
     "Australia/Currie Australia/Lindeman Australia/ACT Australia/Canberra Australia/NSW "
     "Australia/Victoria Australia/Queensland Australia/Tasmania"},
    {{"ACST", "ACDT", "Australian Central Standard Time", "Australian Central Daylight Time"},
     "Australia/Adelaide Australia/Darwin Australia/Broken_Hill Australia/Yancowinna "
     "Australia/North Australia/South"},
    {{"AWST", "AWDT", "Australian Western Standard Time", "Australian Western Daylight Time"},
     "Australia/Perth Australia/West"},
    {{"NZST", "NZDT", "New Zealand Standard Time", "New Zealand Daylight Time"},
     "Pacific/Auckland NZ Antarctica/McMurdo Antarctica/South_Pole"},
    // South America.
    {{"BRT", "BRST", "Brasilia Standard Time", "Brasilia Summer Time"},
     "America/Sao_Paulo America/Araguaina America/Bahia America/Belem America/Fortaleza "
     "America/Maceio America/Recife America/Santarem Brazil/East"},
    {{"ART", "ARST", "Argentina Standard Time", "Argentina Summer Time"},
     "America/Argentina/Buenos_Aires America/Buenos_Aires America/Argentina/Cordoba "
     "America/Cordoba America/Argentina/Catamarca America/Argentina/Jujuy "
     "America/Argentina/La_Rioja America/Argentina/Mendoza America/Argentina/Rio_Gallegos "
     "America/Argentina/Salta America/Argentina/San_Juan America/Argentina/Tucuman "
     "America/Argentina/Ushuaia"},
    {{"CLT", "CLST", "Chile Standard Time", "Chile Summer Time"},
     "America/Santiago Chile/Continental"},
    {{"COT", "COST", "Colombia Standard Time", "Colombia Summer Time"}, "America/Bogota"},
    {{"PET", "PEST", "Peru Standard Time", "Peru Summer Time"}, "America/Lima"},
    {{"VET", "VEST", "Venezuela Time", "Venezuela Summer Time"}, "America/Caracas"},
    {{"UYT", "UYST", "Uruguay Standard Time", "Uruguay Summer Time"}, "America/Montevideo"},
    // Zones of one metazone each, mostly without daylight time today (JDK 17's names; the
    // daylight ones are those it prints for past summers).
    {{"ART", "ARST", "Argentina Standard Time", "Argentina Summer Time"},
     "America/Argentina/ComodRivadavia America/Argentina/San_Luis America/Catamarca "
     "America/Jujuy America/Mendoza America/Rosario"},
    {{"PYT", "PYST", "Paraguay Standard Time", "Paraguay Summer Time"}, "America/Asuncion"},
    {{"AMT", "AMST", "Amazon Standard Time", "Amazon Summer Time"},
     "America/Boa_Vista America/Campo_Grande America/Cuiaba America/Manaus "
     "America/Porto_Velho Brazil/West"},
    {{"GFT", "GFST", "French Guiana Time", "French Guiana Summer Time"}, "America/Cayenne"},
    {{"ACT", "ACST", "Acre Standard Time", "Acre Summer Time"},
     "America/Eirunepe America/Porto_Acre America/Rio_Branco Brazil/Acre"},
    {{"WGT", "WGST", "West Greenland Standard Time", "West Greenland Summer Time"},
     "America/Godthab America/Nuuk"},
    {{"ECT", "ECST", "Ecuador Time", "Ecuador Summer Time"}, "America/Guayaquil"},
    {{"GYT", "GYST", "Guyana Time", "Guyana Summer Time"}, "America/Guyana"},
    {{"CST", "CDT", "Cuba Standard Time", "Cuba Daylight Time"}, "America/Havana Cuba"},
    {{"MST", "MDT", "Mexican Pacific Standard Time", "Mexican Pacific Daylight Time"},
     "America/Hermosillo America/Mazatlan Mexico/BajaSur"},
    {{"BOT", "BOST", "Bolivia Time", "Bolivia Summer Time"}, "America/La_Paz"},
    {{"PMST", "PMDT", "St. Pierre & Miquelon Standard Time", "St. Pierre & Miquelon Daylight Time"},
     "America/Miquelon"},
    {{"FNT", "FNST", "Fernando de Noronha Standard Time", "Fernando de Noronha Summer Time"},
     "America/Noronha Brazil/DeNoronha"},
    {{"SRT", "SRST", "Suriname Time", "Suriname Summer Time"}, "America/Paramaribo"},
    {{"PST", "PDT", "Northwest Mexico Standard Time", "Northwest Mexico Daylight Time"},
     "America/Santa_Isabel"},
    {{"EGT", "EGST", "East Greenland Standard Time", "East Greenland Summer Time"},
     "America/Scoresbysund"},
    {{"DAVT", "DAVST", "Davis Time", "Davis Summer Time"}, "Antarctica/Davis"},
    {{"AEST", "AEDT", "Australian Eastern Standard Time", "Australian Eastern Daylight Time"},
     "Antarctica/Macquarie"},
    {{"MAWT", "MAWST", "Mawson Time", "Mawson Summer Time"}, "Antarctica/Mawson"},
    {{"CLT", "CLST", "Chile Time", "Chile Summer Time"}, "Antarctica/Palmer"},
    {{"ROTT", "ROTST", "Rothera Time", "Rothera Summer Time"}, "Antarctica/Rothera"},
    {{"SYOT", "SYOST", "Syowa Time", "Syowa Summer Time"}, "Antarctica/Syowa"},
    {{"VOST", "VOSST", "Vostok Time", "Vostok Summer Time"}, "Antarctica/Vostok"},
    {{"ALMT", "ALMST", "East Kazakhstan Time", "Alma-Ata Summer Time"}, "Asia/Almaty"},
    {{"EET", "EEST", "Eastern European Standard Time", "Eastern European Summer Time"},
     "Asia/Amman Asia/Damascus"},
    {{"ANAT", "ANAST", "Anadyr Standard Time", "Anadyr Summer Time"}, "Asia/Anadyr"},
    {{"AQTT", "AQTST", "West Kazakhstan Time", "Aqtau Summer Time"}, "Asia/Aqtau"},
    {{"AQTT", "AQTST", "West Kazakhstan Time", "Aqtobe Summer Time"}, "Asia/Aqtobe"},
    {{"TMT", "TMST", "Turkmenistan Standard Time", "Turkmenistan Summer Time"},
     "Asia/Ashgabat Asia/Ashkhabad"},
    {{"AZT", "AZST", "Azerbaijan Standard Time", "Azerbaijan Summer Time"}, "Asia/Baku"},
    {{"KGT", "KGST", "Kyrgyzstan Time", "Kirgizstan Summer Time"}, "Asia/Bishkek"},
    {{"BNT", "BNST", "Brunei Darussalam Time", "Brunei Summer Time"}, "Asia/Brunei"},
    {{"YAKT", "YAKST", "Yakutsk Standard Time", "Yakutsk Summer Time"},
     "Asia/Chita Asia/Khandyga Asia/Yakutsk"},
    {{"CHOT", "CHOST", "Ulaanbaatar Standard Time", "Ulaanbaatar Summer Time"}, "Asia/Choibalsan"},
    {{"IST", "IDT", "India Standard Time", "India Daylight Time"}, "Asia/Colombo"},
    {{"TLT", "TLST", "East Timor Time", "Timor-Leste Summer Time"}, "Asia/Dili"},
    {{"TJT", "TJST", "Tajikistan Time", "Tajikistan Summer Time"}, "Asia/Dushanbe"},
    {{"HOVT", "HOVST", "Hovd Standard Time", "Hovd Summer Time"}, "Asia/Hovd"},
    {{"IRKT", "IRKST", "Irkutsk Standard Time", "Irkutsk Summer Time"}, "Asia/Irkutsk"},
    {{"WIT", "EIST", "Eastern Indonesia Time", "East Indonesia Summer Time"}, "Asia/Jayapura"},
    {{"AFT", "AFST", "Afghanistan Time", "Afghanistan Summer Time"}, "Asia/Kabul"},
    {{"PETT", "PETST", "Petropavlovsk-Kamchatski Standard Time",
      "Petropavlovsk-Kamchatski Summer Time"},
     "Asia/Kamchatka"},
    {{"XJT", "XJDT", "Xinjiang Standard Time", "Xinjiang Daylight Time"},
     "Asia/Kashgar Asia/Urumqi"},
    {{"KRAT", "KRAST", "Krasnoyarsk Standard Time", "Krasnoyarsk Summer Time"},
     "Asia/Krasnoyarsk Asia/Novokuznetsk"},
    {{"MAGT", "MAGST", "Magadan Standard Time", "Magadan Summer Time"}, "Asia/Magadan"},
    {{"WITA", "CIST", "Central Indonesia Time", "Central Indonesia Summer Time"},
     "Asia/Makassar Asia/Ujung_Pandang"},
    {{"NOVT", "NOVST", "Novosibirsk Standard Time", "Novosibirsk Summer Time"}, "Asia/Novosibirsk"},
    {{"OMST", "OMSST", "Omsk Standard Time", "Omsk Summer Time"}, "Asia/Omsk"},
    {{"ORAT", "ORAST", "West Kazakhstan Time", "Oral Summer Time"}, "Asia/Oral"},
    {{"KST", "KDT", "Korean Standard Time", "Korean Daylight Time"}, "Asia/Pyongyang"},
    {{"QOST", "QOSST", "East Kazakhstan Time", "Kostanay Summer Time"}, "Asia/Qostanay"},
    {{"QYZT", "QYZST", "West Kazakhstan Time", "Qyzylorda Summer Time"}, "Asia/Qyzylorda"},
    {{"MMT", "MMST", "Myanmar Time", "Myanmar Summer Time"}, "Asia/Rangoon Asia/Yangon"},
    {{"SAKT", "SAKST", "Sakhalin Standard Time", "Sakhalin Summer Time"}, "Asia/Sakhalin"},
    {{"UZT", "UZST", "Uzbekistan Standard Time", "Uzbekistan Summer Time"},
     "Asia/Samarkand Asia/Tashkent"},
    {{"SRET", "SREDT", "Srednekolymsk Time", "Srednekolymsk Daylight Time"}, "Asia/Srednekolymsk"},
    {{"GET", "GEST", "Georgia Standard Time", "Georgia Summer Time"}, "Asia/Tbilisi"},
    {{"BTT", "BTST", "Bhutan Time", "Bhutan Summer Time"}, "Asia/Thimbu Asia/Thimphu"},
    {{"ULAT", "ULAST", "Ulaanbaatar Standard Time", "Ulaanbaatar Summer Time"},
     "Asia/Ulaanbaatar Asia/Ulan_Bator"},
    {{"VLAT", "VLAST", "Vladivostok Standard Time", "Vladivostok Summer Time"},
     "Asia/Ust-Nera Asia/Vladivostok"},
    {{"YEKT", "YEKST", "Yekaterinburg Standard Time", "Yekaterinburg Summer Time"},
     "Asia/Yekaterinburg"},
    {{"AMT", "AMST", "Armenia Standard Time", "Armenia Summer Time"}, "Asia/Yerevan"},
    {{"AZOT", "AZOST", "Azores Standard Time", "Azores Summer Time"}, "Atlantic/Azores"},
    {{"CVT", "CVST", "Cape Verde Standard Time", "Cape Verde Summer Time"}, "Atlantic/Cape_Verde"},
    {{"GST", "GDT", "South Georgia Time", "South Georgia Daylight Time"}, "Atlantic/South_Georgia"},
    {{"FKT", "FKST", "Falkland Islands Standard Time", "Falkland Islands Summer Time"},
     "Atlantic/Stanley"},
    {{"ACWST", "ACWDT", "Australian Central Western Standard Time",
      "Australian Central Western Daylight Time"},
     "Australia/Eucla"},
    {{"LHST", "LHDT", "Lord Howe Standard Time", "Lord Howe Daylight Time"},
     "Australia/LHI Australia/Lord_Howe"},
    {{"EAST", "EASST", "Easter Island Standard Time", "Easter Island Summer Time"},
     "Chile/EasterIsland Pacific/Easter"},
    {{"SAMT", "SAMST", "Samara Standard Time", "Samara Summer Time"}, "Europe/Samara"},
    {{"IOT", "IOST", "Indian Ocean Time", "Indian Ocean Territory Summer Time"}, "Indian/Chagos"},
    {{"CXT", "CXST", "Christmas Island Time", "Christmas Island Summer Time"}, "Indian/Christmas"},
    {{"CCT", "CCST", "Cocos Islands Time", "Cocos Islands Summer Time"}, "Indian/Cocos"},
    {{"TFT", "TFST", "French Southern & Antarctic Time",
      "French Southern & Antarctic Lands Summer Time"},
     "Indian/Kerguelen"},
    {{"SCT", "SCST", "Seychelles Time", "Seychelles Summer Time"}, "Indian/Mahe"},
    {{"MVT", "MVST", "Maldives Time", "Maldives Summer Time"}, "Indian/Maldives"},
    {{"MUT", "MUST", "Mauritius Standard Time", "Mauritius Summer Time"}, "Indian/Mauritius"},
    {{"MHT", "MHST", "Marshall Islands Time", "Marshall Islands Summer Time"},
     "Kwajalein Pacific/Kwajalein Pacific/Majuro"},
    {{"CHAST", "CHADT", "Chatham Standard Time", "Chatham Daylight Time"},
     "NZ-CHAT Pacific/Chatham"},
    {{"WSST", "WSDT", "Apia Standard Time", "Apia Daylight Time"}, "Pacific/Apia"},
    {{"BST", "BST", "Bougainville Standard Time", "Bougainville Daylight Time"},
     "Pacific/Bougainville"},
    {{"CHUT", "CHUST", "Chuuk Time", "Chuuk Summer Time"},
     "Pacific/Chuuk Pacific/Truk Pacific/Yap"},
    {{"VUT", "VUST", "Vanuatu Standard Time", "Vanuatu Summer Time"}, "Pacific/Efate"},
    {{"PHOT", "PHOST", "Phoenix Islands Time", "Phoenix Is. Summer Time"}, "Pacific/Enderbury"},
    {{"TKT", "TKST", "Tokelau Time", "Tokelau Summer Time"}, "Pacific/Fakaofo"},
    {{"FJT", "FJST", "Fiji Standard Time", "Fiji Summer Time"}, "Pacific/Fiji"},
    {{"TVT", "TVST", "Tuvalu Time", "Tuvalu Summer Time"}, "Pacific/Funafuti"},
    {{"GALT", "GALST", "Galapagos Time", "Galapagos Summer Time"}, "Pacific/Galapagos"},
    {{"GAMT", "GAMST", "Gambier Time", "Gambier Summer Time"}, "Pacific/Gambier"},
    {{"SBT", "SBST", "Solomon Islands Time", "Solomon Is. Summer Time"}, "Pacific/Guadalcanal"},
    {{"ChST", "ChDT", "Chamorro Standard Time", "Chamorro Daylight Time"},
     "Pacific/Guam Pacific/Saipan"},
    {{"LINT", "LINST", "Line Islands Time", "Line Is. Summer Time"}, "Pacific/Kiritimati"},
    {{"KOST", "KOSST", "Kosrae Time", "Kosrae Summer Time"}, "Pacific/Kosrae"},
    {{"MART", "MARST", "Marquesas Time", "Marquesas Summer Time"}, "Pacific/Marquesas"},
    {{"SST", "SDT", "Samoa Standard Time", "Samoa Daylight Time"},
     "Pacific/Midway Pacific/Pago_Pago Pacific/Samoa US/Samoa"},
    {{"NRT", "NRST", "Nauru Time", "Nauru Summer Time"}, "Pacific/Nauru"},
    {{"NUT", "NUST", "Niue Time", "Niue Summer Time"}, "Pacific/Niue"},
    {{"NFT", "NFST", "Norfolk Island Standard Time", "Norfolk Island Daylight Time"},
     "Pacific/Norfolk"},
    {{"NCT", "NCST", "New Caledonia Standard Time", "New Caledonia Summer Time"}, "Pacific/Noumea"},
    {{"PWT", "PWST", "Palau Time", "Palau Summer Time"}, "Pacific/Palau"},
    {{"PST", "PDT", "Pitcairn Time", "Pitcairn Daylight Time"}, "Pacific/Pitcairn"},
    {{"PONT", "PONST", "Ponape Time", "Pohnpei Summer Time"}, "Pacific/Pohnpei Pacific/Ponape"},
    {{"PGT", "PGST", "Papua New Guinea Time", "Papua New Guinea Summer Time"},
     "Pacific/Port_Moresby"},
    {{"CKT", "CKHST", "Cook Islands Standard Time", "Cook Islands Half Summer Time"},
     "Pacific/Rarotonga"},
    {{"TAHT", "TAHST", "Tahiti Time", "Tahiti Summer Time"}, "Pacific/Tahiti"},
    {{"GILT", "GILST", "Gilbert Islands Time", "Gilbert Is. Summer Time"}, "Pacific/Tarawa"},
    {{"TOT", "TOST", "Tonga Standard Time", "Tonga Summer Time"}, "Pacific/Tongatapu"},
    {{"WAKT", "WAKST", "Wake Island Time", "Wake Summer Time"}, "Pacific/Wake"},
    {{"WFT", "WFST", "Wallis & Futuna Time", "Wallis & Futuna Summer Time"}, "Pacific/Wallis"},
};

// Zone id to names, built on first use (not at startup).
const ZoneNames* FindNames(std::string_view zone_id) {
  static const auto* const kByZone = [] {
    auto* map = new std::unordered_map<std::string_view, const ZoneNames*>();
    for (const Metazone& metazone : kMetazones) {
      std::string_view zones = metazone.zones;
      while (!zones.empty()) {
        const size_t end = std::min(zones.find(' '), zones.size());
        map->emplace(zones.substr(0, end), &metazone.names);
        zones.remove_prefix(std::min(end + 1, zones.size()));
      }
    }
    return map;
  }();
  const auto it = kByZone->find(zone_id);
  return it == kByZone->end() ? nullptr : it->second;
}

void AppendTwoDigits(std::string* out, int v) {
  out->push_back(static_cast<char>('0' + v / 10));
  out->push_back(static_cast<char>('0' + v % 10));
}

// java's ZoneOffset id without the "Z" for zero: +05:30, -07:52:58.
void AppendOffsetId(std::string* out, int offset_seconds) {
  const int a = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  out->push_back(offset_seconds < 0 ? '-' : '+');
  AppendTwoDigits(out, a / 3600);
  out->push_back(':');
  AppendTwoDigits(out, a / 60 % 60);
  if (a % 60 != 0) {
    out->push_back(':');
    AppendTwoDigits(out, a % 60);
  }
}

// The prefix of an id such as UTC+05:00 or GMT-3 (UTC, GMT, UT), or empty.
std::string_view OffsetPrefix(std::string_view zone_id) {
  for (std::string_view prefix : {"UTC", "GMT", "UT"}) {
    if (zone_id.size() > prefix.size() && zone_id.substr(0, prefix.size()) == prefix &&
        (zone_id[prefix.size()] == '+' || zone_id[prefix.size()] == '-')) {
      return prefix;
    }
  }
  return {};
}

}  // namespace

void AppendZoneName(std::string* out, std::string_view zone_id, int offset_seconds, bool daylight,
                    bool long_form) {
  // java.time prints a ZoneOffset's id, whatever the letter count.
  if (zone_id == "Z" || (!zone_id.empty() && (zone_id[0] == '+' || zone_id[0] == '-'))) {
    if (offset_seconds == 0)
      out->push_back('Z');
    else
      AppendOffsetId(out, offset_seconds);
    return;
  }
  // UTC+5 is the region "UTC+05:00", which has no name; UTC+0 is "UTC", which has.
  const std::string_view prefix = OffsetPrefix(zone_id);
  if (!prefix.empty()) {
    if (offset_seconds != 0) {
      out->append(prefix);
      AppendOffsetId(out, offset_seconds);
      return;
    }
    zone_id = prefix;
  }
  if (const ZoneNames* names = FindNames(zone_id)) {
    out->append(long_form ? (daylight ? names->long_daylight : names->long_standard)
                          : (daylight ? names->short_daylight : names->short_standard));
    return;
  }
  if (zone_id == "UT") {
    out->append(zone_id);
    return;
  }
  // java's fallback for a zone without names (Etc/GMT+3 and the like): GMT-03:00.
  out->append("GMT");
  if (offset_seconds != 0) AppendOffsetId(out, offset_seconds);
}

}  // namespace sluice::types
