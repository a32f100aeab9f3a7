#include "formats/source_listing.h"

namespace sluice::formats {

bool ApplyListingOption(const std::string& key, const std::string& value, ListingOptions* out) {
  if (key == "basepath") {
    out->base_path = value;
  } else if (key == "recursivefilelookup") {
    out->recursive_file_lookup = value == "true";
  } else if (key == "pathglobfilter") {
    out->path_glob_filter = value;
  } else {
    return false;
  }
  return true;
}

}  // namespace sluice::formats
