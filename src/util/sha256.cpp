#include "mstimeline/sha256.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define MSTL_SHA256_X86 1
#endif

namespace mstl {
namespace {

constexpr std::array<std::uint32_t, 64> k_round = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

void compress(std::array<std::uint32_t, 8>& h, const unsigned char* block) {
  std::array<std::uint32_t, 64> w{};
  for (int i = 0; i < 16; ++i)
    w[i] = std::uint32_t(block[4 * i]) << 24 | std::uint32_t(block[4 * i + 1]) << 16 |
           std::uint32_t(block[4 * i + 2]) << 8 | std::uint32_t(block[4 * i + 3]);
  for (int i = 16; i < 64; ++i) {
    std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  auto [a, b, c, d, e, f, g, hh] = h;
  for (int i = 0; i < 64; ++i) {
    std::uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k_round[i] + w[i];
    std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    hh = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  const std::array<std::uint32_t, 8> add = {a, b, c, d, e, f, g, hh};
  for (int i = 0; i < 8; ++i) h[i] += add[i];
}

void compress_portable(std::array<std::uint32_t, 8>& h, const unsigned char* data, std::size_t blocks) {
  for (; blocks > 0; --blocks, data += 64) compress(h, data);
}

#ifdef MSTL_SHA256_X86
// The same rounds with the x86 SHA extensions (Intel's SHA-NI): four rounds a
// step, two by each sha256rnds2, the message schedule by sha256msg1/msg2. The
// state is kept as ABEF and CDGH, the order those instructions take.
#define MSTL_SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))

// Rounds 4g to 4g+3 of a block; w[g % 4] holds their message words. A template,
// so that the 16 steps are unrolled with every index a constant.
template <int G>
MSTL_SHA_TARGET inline void sha_step(__m128i& state0, __m128i& state1, __m128i (&w)[4], const unsigned char* data) {
  if constexpr (G < 4) {
    const __m128i big_endian = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    w[G] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * G)), big_endian);
  }
  const __m128i msg = _mm_add_epi32(w[G % 4], _mm_loadu_si128(reinterpret_cast<const __m128i*>(&k_round[4 * G])));
  state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
  if constexpr (G >= 3 && G < 15) {  // the words of step G+1, from steps G-3 (msg1 done), G-1 and G
    const __m128i next = _mm_add_epi32(w[(G + 1) % 4], _mm_alignr_epi8(w[G % 4], w[(G + 3) % 4], 4));
    w[(G + 1) % 4] = _mm_sha256msg2_epu32(next, w[G % 4]);
  }
  state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
  if constexpr (G >= 1 && G < 13) w[(G + 3) % 4] = _mm_sha256msg1_epu32(w[(G + 3) % 4], w[G % 4]);  // toward step G+3
}

template <int... G>
MSTL_SHA_TARGET inline void sha_block(__m128i& state0, __m128i& state1, const unsigned char* data,
                                      std::integer_sequence<int, G...>) {
  __m128i w[4];
  (sha_step<G>(state0, state1, w, data), ...);
}

MSTL_SHA_TARGET void compress_x86(std::array<std::uint32_t, 8>& h, const unsigned char* data, std::size_t blocks) {
  __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(&h[0])), 0xB1);     // CDAB
  __m128i state1 = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(&h[4])), 0x1B);  // EFGH
  __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);                                                    // ABEF
  state1 = _mm_blend_epi16(state1, tmp, 0xF0);                                                         // CDGH
  for (; blocks > 0; --blocks, data += 64) {
    const __m128i abef = state0, cdgh = state1;
    sha_block(state0, state1, data, std::make_integer_sequence<int, 16>());
    state0 = _mm_add_epi32(state0, abef);
    state1 = _mm_add_epi32(state1, cdgh);
  }
  tmp = _mm_shuffle_epi32(state0, 0x1B);                                                    // FEBA
  state1 = _mm_shuffle_epi32(state1, 0xB1);                                                 // DCHG
  _mm_storeu_si128(reinterpret_cast<__m128i*>(&h[0]), _mm_blend_epi16(tmp, state1, 0xF0));  // DCBA
  _mm_storeu_si128(reinterpret_cast<__m128i*>(&h[4]), _mm_alignr_epi8(state1, tmp, 8));     // HGFE
}

bool cpu_has_sha() {
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
  const bool ssse3 = c & (1u << 9), sse41 = c & (1u << 19);
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
  return ssse3 && sse41 && (b & (1u << 29));  // leaf 7, EBX bit 29: SHA
}
#endif

using Compress = void (*)(std::array<std::uint32_t, 8>&, const unsigned char*, std::size_t);

Compress compress_for(Sha256Code code) {
#ifdef MSTL_SHA256_X86
  static const bool has_sha = cpu_has_sha();
  if (code != Sha256Code::portable && has_sha) return compress_x86;
#else
  (void)code;
#endif
  return compress_portable;
}

}  // namespace

bool sha256_hardware() {
#ifdef MSTL_SHA256_X86
  return compress_for(Sha256Code::best) == compress_x86;
#else
  return false;
#endif
}

std::string sha256_hex(std::string_view bytes) { return sha256_hex(bytes, Sha256Code::best); }

namespace {
constexpr std::array<std::uint32_t, 8> k_initial = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

// Pads the last `rest` bytes (fewer than 64) of a message of `total` bytes and writes the digest.
std::string finish(std::array<std::uint32_t, 8>& h, Compress blocks_of, const unsigned char* rest_data,
                   std::size_t rest, std::uint64_t total) {
  // Padding: 0x80, zeros, then the length in bits, big-endian, in one or two blocks.
  std::array<unsigned char, 128> tail{};
  for (std::size_t i = 0; i < rest; ++i) tail[i] = rest_data[i];
  tail[rest] = 0x80;
  std::size_t tail_len = rest < 56 ? 64 : 128;
  std::uint64_t bits = total * 8;
  for (int i = 0; i < 8; ++i) tail[tail_len - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
  blocks_of(h, tail.data(), tail_len / 64);

  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (std::uint32_t word : h)
    for (int shift = 28; shift >= 0; shift -= 4) out += k_hex[(word >> shift) & 0xF];
  return out;
}
}  // namespace

std::string sha256_hex(std::string_view bytes, Sha256Code code) {
  const Compress blocks_of = compress_for(code);
  std::array<std::uint32_t, 8> h = k_initial;
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t full = bytes.size() / 64 * 64;
  blocks_of(h, data, full / 64);
  return finish(h, blocks_of, data + full, bytes.size() - full, bytes.size());
}

Sha256::Sha256() : m_state(k_initial) {}

void Sha256::update(std::string_view bytes) {
  const Compress blocks_of = compress_for(Sha256Code::best);
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t size = bytes.size();
  m_total += size;
  if (m_have > 0) {  // fill the held block first
    std::size_t take = std::min<std::size_t>(64 - m_have, size);
    std::copy_n(data, take, m_block.data() + m_have);
    m_have += take;
    data += take;
    size -= take;
    if (m_have < 64) return;
    blocks_of(m_state, m_block.data(), 1);
    m_have = 0;
  }
  blocks_of(m_state, data, size / 64);
  m_have = size % 64;
  std::copy_n(data + size / 64 * 64, m_have, m_block.data());
}

std::string Sha256::hex() const {
  std::array<std::uint32_t, 8> h = m_state;
  return finish(h, compress_for(Sha256Code::best), m_block.data(), m_have, m_total);
}

}  // namespace mstl
