// SHA-256 (FIPS 180-4) of a byte string, as lowercase hex.
//
// Sources are identified in the output by the hash of their exact bytes, so a
// reader can tell whether the file a citation points into is the one cited.
//
//   sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#pragma once

#include <string>
#include <string_view>

namespace mstl {

std::string sha256_hex(std::string_view bytes);

}  // namespace mstl
