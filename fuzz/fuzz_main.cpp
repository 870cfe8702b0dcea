// A libFuzzer driver for one target of targets.hpp, chosen at build time
// (MSTL_FUZZ_TARGET); data/ comes from MSTL_DATA_DIR or the source tree.
#include <cstdlib>

#include "targets.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* dir = std::getenv("MSTL_DATA_DIR");
  mstl::fuzz::set_data_dir(dir ? dir : MSTL_SOURCE_DATA_DIR);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mstl::fuzz::MSTL_FUZZ_TARGET(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
