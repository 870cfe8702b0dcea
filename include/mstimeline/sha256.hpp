// SHA-256 (FIPS 180-4) of a byte string, as lowercase hex.
//
// Sources are identified in the output by the hash of their exact bytes, so a
// reader can tell whether the file a citation points into is the one cited.
//
//   sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace mstl {

std::string sha256_hex(std::string_view bytes);

// The same digest of bytes given a piece at a time: after update(a) and update(b), hex() is
// sha256_hex(a + b). hex() may be asked at any point and leaves the state as it is.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  std::string hex() const;

 private:
  std::array<std::uint32_t, 8> m_state;
  std::array<unsigned char, 64> m_block{};  // bytes not yet compressed, fewer than 64
  std::size_t m_have = 0;
  std::uint64_t m_total = 0;
};

// Which code computes it: `best` is the x86 SHA extensions when the CPU has
// them (checked once, by cpuid), else `portable`, plain C++; both give the same
// digest. Only the tests ask for one by name.
enum class Sha256Code { best, portable };
std::string sha256_hex(std::string_view bytes, Sha256Code code);
// Whether `best` is the CPU's SHA extensions on this machine.
bool sha256_hardware();

}  // namespace mstl
