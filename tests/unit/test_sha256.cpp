#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>

#include "mstimeline/sha256.hpp"

using mstl::Sha256;
using mstl::sha256_hex;

// Vectors from FIPS 180-4 examples and NIST's SHA-256 test set.
TEST_CASE("sha256 matches the standard test vectors", "[sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 56 bytes: the padding needs a second block.
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("the CPU's SHA extensions and the portable code give the same digests", "[sha256]") {
  using mstl::Sha256Code;
  if (!mstl::sha256_hardware()) WARN("this CPU has no SHA extensions: only the portable code was compared");
  // Every length up to four blocks and more (the padding's one and two blocks
  // at each offset), and bytes of every value, from a fixed generator.
  std::string bytes;
  std::uint32_t state = 12345;
  for (std::size_t size = 0; size <= 300; ++size) {
    INFO("size " << size);
    CHECK(sha256_hex(bytes, Sha256Code::best) == sha256_hex(bytes, Sha256Code::portable));
    state = state * 1664525u + 1013904223u;
    bytes += static_cast<char>(state >> 24);
  }
  const std::string million(1000000, 'a');
  for (auto code : {Sha256Code::best, Sha256Code::portable}) {
    CHECK(sha256_hex("abc", code) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex(million, code) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }
}

#if defined(__x86_64__)
TEST_CASE("on a CPU with SHA extensions, they are used", "[sha256]") {
  // /proc/cpuinfo lists "sha_ni" among the flags when the CPU has them.
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string text((std::istreambuf_iterator<char>(cpuinfo)), std::istreambuf_iterator<char>());
  if (text.empty()) return;  // no /proc: nothing to compare with
  const bool listed = text.find(" sha_ni") != std::string::npos;
  CHECK(mstl::sha256_hardware() == listed);
}
#endif

TEST_CASE("a digest given a piece at a time is the digest of the whole", "[sha256]") {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += static_cast<char>('a' + (i * 7) % 26);
  for (std::size_t piece : {1, 3, 55, 56, 63, 64, 65, 128, 1000, 5000}) {
    INFO(piece);
    Sha256 hash;
    for (std::size_t at = 0; at < text.size(); at += piece) hash.update(std::string_view(text).substr(at, piece));
    CHECK(hash.hex() == sha256_hex(text));
  }
  Sha256 empty;
  CHECK(empty.hex() == sha256_hex(""));
  empty.update("abc");
  CHECK(empty.hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(empty.hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // asked twice, the same
}
