// NeedleSet: which of many short byte strings occur in a text, in one pass.
//
// The catalog's trigger words are looked for in every sentence of an archive;
// searching for each word in turn costs a scan of the sentence per word. A
// NeedleSet reads the sentence once and says which needles occur anywhere in
// it, as bytes, with no regard to word boundaries: a needle that does not
// occur cannot match under any stricter rule, so callers use it to skip the
// exact check, never in place of it.
//
//   NeedleSet set({"investasi", "ke", "1"});
//   NeedleHits hits;
//   set.find_in("menginvestasikan 10 miliar", hits);
//   hits.has(0) == true, hits.has(1) == false, hits.has(2) == true
//
// Immutable once made: safe to share between threads, each with its own hits.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mstl {

class NeedleHits {
 public:
  // Whether needle `id` occurred; false for an id past the set's.
  bool has(std::size_t id) const { return id < size_ && ((bits_[id / 64] >> (id % 64)) & 1); }
  // The number of needles of the set that filled it: ids from 0 to size() - 1.
  std::size_t size() const { return size_; }

 private:
  friend class NeedleSet;
  std::vector<std::uint64_t> bits_;
  std::size_t size_ = 0;
};

class NeedleSet {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  NeedleSet() = default;
  // Needle i gets id i; an empty needle never occurs, a repeated one shares
  // the id of its first place.
  explicit NeedleSet(const std::vector<std::string>& needles);

  std::size_t size() const { return needles_.size(); }
  // The id of `needle`, or npos when it is not in the set.
  std::size_t id_of(std::string_view needle) const;
  // The ids of `needles`, in order, as the 32-bit ids callers keep beside
  // their words (a needle not in the set gets 0xFFFFFFFF, past every id).
  std::vector<std::uint32_t> ids_of(const std::vector<std::string>& needles) const;

  // Sets in `hits` exactly the needles that occur in `text`.
  void find_in(std::string_view text, NeedleHits& hits) const;

 private:
  std::vector<std::string> needles_;
  std::unordered_map<std::string, std::uint32_t> ids_;  // needle -> the id of its first place
  std::array<std::uint32_t, 256> single_{};             // one-byte needle per byte: its id + 1, or 0
  std::array<std::uint64_t, 1024> pair_bits_{};         // the 65,536 first byte pairs: does a longer needle start so
  std::vector<std::uint32_t> pair_start_;               // per pair, where its ids begin in pair_ids_ (65,537 entries)
  std::vector<std::uint32_t> pair_ids_;                 // ids of needles of two bytes or more, grouped by first pair
};

}  // namespace mstl
