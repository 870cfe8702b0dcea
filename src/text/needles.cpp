// NeedleSet (needles.hpp): a bitmap of the byte pairs that start a needle,
// then the needles of that pair compared where the text holds one. Needles of
// one byte are looked up per byte. Plain bytes: no ICU.
#include "mstimeline/needles.hpp"

namespace mstl {

NeedleSet::NeedleSet(const std::vector<std::string>& needles) : needles_(needles) {
  pair_start_.assign(65537, 0);
  std::vector<std::uint32_t> kept;  // ids of the needles indexed by pair: first places, two bytes or more
  for (std::size_t i = 0; i < needles_.size(); ++i) {
    const std::string& n = needles_[i];
    if (!ids_.emplace(n, static_cast<std::uint32_t>(i)).second || n.empty()) continue;
    auto b0 = static_cast<unsigned char>(n[0]);
    if (n.size() == 1) {
      single_[b0] = static_cast<std::uint32_t>(i + 1);
      continue;
    }
    unsigned pair = b0 << 8 | static_cast<unsigned char>(n[1]);
    pair_bits_[pair / 64] |= std::uint64_t{1} << (pair % 64);
    ++pair_start_[pair + 1];
    kept.push_back(static_cast<std::uint32_t>(i));
  }
  for (std::size_t p = 1; p < pair_start_.size(); ++p) pair_start_[p] += pair_start_[p - 1];
  pair_ids_.resize(kept.size());
  std::vector<std::uint32_t> fill(pair_start_.begin(), pair_start_.end() - 1);
  for (std::uint32_t id : kept) {
    const std::string& n = needles_[id];
    unsigned pair = static_cast<unsigned char>(n[0]) << 8 | static_cast<unsigned char>(n[1]);
    pair_ids_[fill[pair]++] = id;
  }
}

std::size_t NeedleSet::id_of(std::string_view needle) const {
  auto it = ids_.find(std::string(needle));
  return it == ids_.end() ? npos : it->second;
}

std::vector<std::uint32_t> NeedleSet::ids_of(const std::vector<std::string>& needles) const {
  std::vector<std::uint32_t> out;
  out.reserve(needles.size());
  for (const auto& n : needles) out.push_back(static_cast<std::uint32_t>(id_of(n)));
  return out;
}

void NeedleSet::find_in(std::string_view text, NeedleHits& hits) const {
  hits.bits_.assign((needles_.size() + 63) / 64, 0);
  hits.size_ = needles_.size();
  if (needles_.empty()) return;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (std::uint32_t one = single_[p[i]]) hits.bits_[(one - 1) / 64] |= std::uint64_t{1} << ((one - 1) % 64);
    if (i + 1 == n) break;
    unsigned pair = p[i] << 8 | p[i + 1];
    if (!((pair_bits_[pair / 64] >> (pair % 64)) & 1)) continue;
    for (std::uint32_t k = pair_start_[pair]; k < pair_start_[pair + 1]; ++k) {
      std::uint32_t id = pair_ids_[k];
      const std::string& needle = needles_[id];
      if (needle.size() > n - i) continue;
      std::size_t at = 2;  // needles are short: a loop, not a call
      while (at < needle.size() && p[i + at] == static_cast<unsigned char>(needle[at])) ++at;
      if (at == needle.size()) hits.bits_[id / 64] |= std::uint64_t{1} << (id % 64);
    }
  }
}

}  // namespace mstl
