// build_timeline: mentions from every source merged into events
// (timeline.hpp, docs/events.md).
#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <queue>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>
#if defined(__GLIBC__)
#include <malloc.h>  // malloc_trim
#endif

#include <fmt/format.h>

#include "mstimeline/dateline.hpp"
#include "mstimeline/error.hpp"
#include "mstimeline/merge_reason.hpp"
#include "mstimeline/merge_rule.hpp"
#include "mstimeline/parallel.hpp"
#include "mstimeline/sha256.hpp"
#include "mstimeline/text.hpp"
#include "mstimeline/timeline.hpp"

namespace mstl {
namespace {

using merge_rule::k_candidate_threshold;

// An aside in parentheses this close after a title's date is removed with it.
constexpr std::size_t k_aside_reach = 24;
// A headline drops a reporting frame of at most this many clauses, with
// clauses of this many words or fewer after it (a date: "Rabu (25/1/2023)"),
// when this many words stay.
constexpr std::size_t k_max_frame_clauses = 4;
constexpr std::size_t k_short_clause_words = 3;
constexpr std::size_t k_min_headline_words = 3;
// A closing frame runs to the end of the sentence in this many words or
// fewer ("kata Bambang, di Jakarta, Selasa (16/12/2014)."); a longer clause
// after a frame word is what was said ("Maduro, Senin, mengatakan ...").
constexpr std::size_t k_max_closing_frame_words = 10;

bool citation_before(const Citation& a, const Citation& b) {
  return std::tie(a.source, a.start, a.end, a.date_text) < std::tie(b.source, b.start, b.end, b.date_text);
}

struct UnionFind {
  std::vector<std::uint32_t> parent;  // mentions are numbered in 32 bits (the merge index's limit)
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  std::uint32_t find(std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);  // the earlier mention stays the root
  }
};

// Salient words of the new-event mentions as ids numbered in word order, so
// an id-sorted list sums in the same order as the sorted words it stands for.
struct WordTable {
  std::vector<std::string> words;  // by id
  std::vector<double> idf;         // by id
  std::vector<std::uint32_t> ids;  // every mention's words' ids, ascending, one mention after the other
  std::vector<std::size_t> start;  // by mention: where its ids start; one past the last at the end
  std::span<const std::uint32_t> of(std::size_t m) const { return {ids.data() + start[m], ids.data() + start[m + 1]}; }
};

// Rarity weights of salient words over all new-event mentions: a word in
// every mention says nothing about which event a mention reports.
//
// Built on up to `jobs` threads (at most k_word_parts), each numbering the
// words of one stretch of the mentions; the ids are then renumbered in word
// order, so they do not depend on the number of threads.
constexpr std::size_t k_word_parts = 8;  // each part holds its own table of distinct words
// The citations and reasons move into their events this many at a time, on
// at most k_fill_parts threads: a memory-bound step that more would not speed.
constexpr std::size_t k_fill_slice = 1 << 16;
constexpr std::size_t k_fill_parts = 8;

WordTable word_table(const std::vector<Mention*>& mentions, std::size_t jobs) {
  WordTable t;
  t.start.assign(mentions.size() + 1, 0);  // counts first, then where each mention's words start
  parallel_for(
      mentions.size(), jobs, [&](std::size_t m, NoScratch&) { t.start[m + 1] = mentions[m]->salient.size(); }, 1 << 12);
  std::partial_sum(t.start.begin(), t.start.end(), t.start.begin());
  t.ids.resize(t.start.back());
  auto too_many = [] { return Error("too many distinct words to merge (over 4 billion)"); };
  // Stretches of about as many words each; a part's words numbered as they
  // first come, counted, then listed in word order.
  std::size_t parts = std::clamp<std::size_t>(jobs, 1, k_word_parts);
  std::vector<std::size_t> bound{0};
  for (std::size_t p = 1; p < parts; ++p)
    bound.push_back(static_cast<std::size_t>(
        std::lower_bound(t.start.begin(), t.start.end() - 1, t.ids.size() / parts * p) - t.start.begin()));
  bound.push_back(mentions.size());
  struct Part {
    std::vector<std::string_view> seen;  // by number; views into the mentions' words
    std::vector<std::size_t> df;         // by number
    std::vector<std::uint32_t> sorted;   // numbers in word order
    std::vector<std::uint32_t> id;       // by number: the id in word order over all parts
  };
  std::vector<Part> numbered(parts);
  parallel_for(
      parts, jobs,
      [&](std::size_t p, NoScratch&) {
        Part& part = numbered[p];
        std::unordered_map<std::string_view, std::uint32_t> number;
        for (std::size_t m = bound[p]; m < bound[p + 1]; ++m) {
          std::size_t at = t.start[m];
          for (std::string_view w : mentions[m]->salient) {
            auto [it, added] = number.try_emplace(w, static_cast<std::uint32_t>(part.seen.size()));
            if (added) {
              // More distinct words than ids: the same error however the words fall into parts.
              if (part.seen.size() >= UINT32_MAX) throw too_many();
              part.seen.push_back(w);
              part.df.push_back(0);
            }
            ++part.df[it->second];
            t.ids[at++] = it->second;
          }
        }
        part.sorted.resize(part.seen.size());
        std::iota(part.sorted.begin(), part.sorted.end(), 0u);
        std::sort(part.sorted.begin(), part.sorted.end(),
                  [&](std::uint32_t a, std::uint32_t b) { return part.seen[a] < part.seen[b]; });
        part.id.resize(part.seen.size());
      },
      1);
  // Then renumbered in word order, the parts' lists merged: a mention's ids
  // ascend as its sorted words do.
  std::vector<std::size_t> next(parts, 0);
  std::vector<std::size_t> df;
  while (true) {
    std::optional<std::string_view> least;
    for (std::size_t p = 0; p < parts; ++p)
      if (next[p] < numbered[p].sorted.size()) {
        std::string_view w = numbered[p].seen[numbered[p].sorted[next[p]]];
        if (!least || w < *least) least = w;
      }
    if (!least) break;
    if (t.words.size() >= UINT32_MAX) throw too_many();
    auto id = static_cast<std::uint32_t>(t.words.size());
    t.words.emplace_back(*least);
    df.push_back(0);
    for (std::size_t p = 0; p < parts; ++p) {
      Part& part = numbered[p];
      if (next[p] == part.sorted.size()) continue;
      std::uint32_t k = part.sorted[next[p]];
      if (part.seen[k] != *least) continue;
      part.id[k] = id;
      df.back() += part.df[k];
      ++next[p];
    }
  }
  double n = static_cast<double>(mentions.size());
  t.idf.reserve(df.size());
  for (std::size_t d : df) t.idf.push_back(std::log((n + 1.0) / static_cast<double>(d)) + 1.0);
  parallel_for(
      parts, jobs,
      [&](std::size_t p, NoScratch&) {
        const Part& part = numbered[p];
        for (std::size_t at = t.start[bound[p]]; at < t.start[bound[p + 1]]; ++at) t.ids[at] = part.id[t.ids[at]];
      },
      1);
  return t;
}

double weight_of(std::span<const std::uint32_t> ids, const WordTable& t) {
  double w = 0;
  for (auto x : ids) w += t.idf[x];
  return w;
}

// Weighted overlap of two mentions' words: shared weight over the lighter
// mention's weight, 0..1.
double agreement_score(std::size_t a, std::size_t b, const WordTable& t, const std::vector<double>& total) {
  double denominator = std::min(total[a], total[b]);
  if (denominator <= 0) return 0;
  double shared = 0;
  auto x = t.of(a), y = t.of(b);
  for (std::size_t i = 0, k = 0; i < x.size() && k < y.size();) {  // both ascending: the order of the words
    if (x[i] < y[k]) {
      ++i;
    } else if (y[k] < x[i]) {
      ++k;
    } else {
      shared += t.idf[x[i]];
      ++i;
      ++k;
    }
  }
  return shared / denominator;
}

// The words two mentions share, heaviest first, at most six.
std::vector<std::string> shared_words(std::size_t a, std::size_t b, const WordTable& t) {
  std::vector<std::uint32_t> shared;
  auto of_a = t.of(a), of_b = t.of(b);
  std::set_intersection(of_a.begin(), of_a.end(), of_b.begin(), of_b.end(), std::back_inserter(shared));
  std::stable_sort(shared.begin(), shared.end(), [&](auto x, auto y) { return t.idf[x] > t.idf[y]; });
  if (shared.size() > 6) shared.resize(6);
  std::vector<std::string> out;
  for (auto x : shared) out.push_back(t.words[x]);
  return out;
}

// Finds, for items numbered 0, 1, 2, ... as they come, the first item equal
// to each: an open-addressing hash table of item numbers, at most 3/4 full,
// each slot with 32 bits of its item's hash (no node per item).
template <class Same>
class FirstEqual {
 public:
  FirstEqual(std::size_t n, Same same)
      : m_slots(std::bit_ceil(std::max<std::size_t>(n + n / 3 + 1, 16))), m_same(same) {}
  // The first item given that equals `item`, whose hash is `hash`; else
  // `item`, which is added. At most n items.
  std::uint32_t operator()(std::uint32_t item, std::uint64_t hash) {
    hash ^= hash >> 31;
    hash *= 0x9E3779B97F4A7C15ull;
    auto tag = static_cast<std::uint32_t>(hash >> 32);
    std::size_t mask = m_slots.size() - 1;
    for (std::size_t at = static_cast<std::size_t>(hash) & mask;; at = (at + 1) & mask) {
      Slot& slot = m_slots[at];
      if (slot.item == 0) {
        slot = {item + 1, tag};
        return item;
      }
      if (slot.tag == tag && m_same(slot.item - 1, item)) return slot.item - 1;
    }
  }

 private:
  struct Slot {
    std::uint32_t item = 0;  // 1 + the item, 0 when empty
    std::uint32_t tag = 0;
  };
  std::vector<Slot> m_slots;
  Same m_same;
};

// For items 0, 1, 2, ..., the first item equal to each (the item itself when
// it is the first of its kind), on `jobs` threads: each takes the items whose
// hash falls to it, in order, so the result is the same for any number.
template <class HashOf, class Same>
std::vector<std::uint32_t> first_equals(std::size_t n, std::size_t jobs, HashOf hash_of, Same same) {
  std::vector<std::uint32_t> first(n);
  std::size_t shards = std::clamp<std::size_t>(jobs, 1, 256);
  if (shards == 1) {
    FirstEqual table(n, same);
    for (std::uint32_t j = 0; j < n; ++j) first[j] = table(j, hash_of(j));
    return first;
  }
  std::vector<std::uint8_t> shard(n);  // by item
  parallel_for(
      n, jobs,
      [&](std::size_t j, NoScratch&) {
        std::uint64_t h = hash_of(static_cast<std::uint32_t>(j)) * 0xC2B2AE3D27D4EB4Full;
        shard[j] = static_cast<std::uint8_t>((h >> 40) % shards);
      },
      1 << 14);
  std::vector<std::size_t> size(shards, 0);
  for (auto s : shard) ++size[s];
  parallel_for(
      shards, jobs,
      [&](std::size_t s, NoScratch&) {
        FirstEqual table(size[s], same);
        for (std::uint32_t j = 0; j < n; ++j)
          if (shard[j] == s) first[j] = table(j, hash_of(j));
      },
      1);
  return first;
}

// Calendar units: days inside months inside years inside everything. A
// period's unit is the smallest one holding it whole; units nest, which is
// what lets the merge look only where a compatible date can be.
using Unit = std::uint64_t;
constexpr Unit k_everything = Unit{3} << 32;

namespace chr = std::chrono;

Unit make_unit(unsigned level, long value) {
  return (Unit{level} << 32) | static_cast<std::uint32_t>(value + (1L << 31));
}
Unit day_unit(chr::sys_days d) { return make_unit(0, d.time_since_epoch().count()); }
Unit month_unit(chr::year_month_day d) {
  return make_unit(1, static_cast<long>(static_cast<int>(d.year())) * 12 + static_cast<unsigned>(d.month()) - 1);
}
Unit year_unit(chr::year_month_day d) { return make_unit(2, static_cast<int>(d.year())); }
bool is_day(Unit u) { return (u >> 32) == 0; }

Unit unit_of(const Period& p) {
  chr::year_month_day first(p.start), last(p.end - chr::days(1));
  if (p.end - p.start == chr::days(1)) return day_unit(p.start);
  if (first.year() != last.year()) return k_everything;
  if (first.month() == last.month()) return month_unit(first);
  return year_unit(first);
}

// At most three units, without a heap allocation.
struct FewUnits {
  std::array<Unit, 3> units{};
  std::size_t n = 0;
  void push_back(Unit u) { units[n++] = u; }
  const Unit* begin() const { return units.data(); }
  const Unit* end() const { return units.data() + n; }
};

// The units strictly holding `u`, innermost first.
FewUnits units_above(Unit u) {
  FewUnits out;
  unsigned level = static_cast<unsigned>(u >> 32);
  long value = static_cast<long>(static_cast<std::uint32_t>(u)) - (1L << 31);
  if (level == 0) {
    chr::year_month_day d{chr::sys_days(chr::days(value))};
    out.push_back(month_unit(d));
    out.push_back(year_unit(d));
  } else if (level == 1) {
    long year = value >= 0 ? value / 12 : (value - 11) / 12;
    out.push_back(make_unit(2, year));
  }
  if (level < 3) out.push_back(k_everything);
  return out;
}

// A period cut into the largest whole units it holds ("2023-Q1" -> January,
// February, March; "2023-W48" -> seven days). Empty when that would take
// more than `limit` pieces. Into `out`, reusing its storage.
void pieces_of(const Period& p, std::size_t limit, std::vector<Unit>& out) {
  out.clear();
  for (chr::sys_days d = p.start; d < p.end;) {
    if (out.size() == limit) {
      out.clear();
      return;
    }
    chr::year_month_day ymd(d);
    chr::sys_days next_month = chr::sys_days(chr::year_month_day(ymd.year() / ymd.month() / 1) + chr::months(1));
    chr::sys_days next_year = chr::sys_days((ymd.year() + chr::years(1)) / chr::January / 1);
    if (ymd.month() == chr::January && ymd.day() == chr::day(1) && next_year <= p.end) {
      out.push_back(year_unit(ymd));
      d = next_year;
    } else if (ymd.day() == chr::day(1) && next_month <= p.end) {
      out.push_back(month_unit(ymd));
      d = next_month;
    } else {
      out.push_back(day_unit(d));
      d += chr::days(1);
    }
  }
}

std::uint64_t period_key(const Period& p) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(p.start.time_since_epoch().count())) << 32) |
         static_cast<std::uint32_t>((p.end - p.start).count());
}

// Where earlier mentions are found by word: `within` lists the mentions whose
// unit lies inside the key's unit, `at` those with exactly the key's period;
// `all` is keyed by every word of a mention, `prefix` by its heaviest only,
// `sentence` by its sentence's id in place of a word.
enum class Posting : std::uint8_t { all_at, all_within, prefix_at, prefix_within, sentence_at, sentence_within };

struct PostingKey {
  std::uint64_t where;  // a unit (within) or a period_key (at)
  std::uint32_t word;
  Posting kind;
  auto operator<=>(const PostingKey&) const = default;
};

// The heaviest words of a mention, just enough that any mention sharing none
// of them shares less than `threshold` of this one's weight (prefix
// filtering). A small margin keeps rounding on the side of more candidates.
// Into `order`, reusing its storage; heaviest first, ties in their order in
// `ids`. Most mentions have a handful of words: those are sorted in place,
// without the buffer std::stable_sort asks for.
void heavy_prefix(std::span<const std::uint32_t> ids, double total, double threshold, const WordTable& t,
                  std::vector<std::uint32_t>& order) {
  order.assign(ids.begin(), ids.end());
  auto heavier = [&](std::uint32_t x, std::uint32_t y) { return t.idf[x] > t.idf[y]; };
  if (order.size() > 32) {
    std::stable_sort(order.begin(), order.end(), heavier);
  } else {
    for (std::size_t i = 1; i < order.size(); ++i) {  // insertion sort: stable
      std::uint32_t w = order[i];
      std::size_t k = i;
      for (; k > 0 && heavier(w, order[k - 1]); --k) order[k] = order[k - 1];
      order[k] = w;
    }
  }
  double rest = total;
  double floor = threshold * total * (1 - 1e-9);
  std::size_t k = 0;
  while (k < order.size() && rest >= floor) rest -= t.idf[order[k++]];
  order.resize(k);
}

// The earliest earlier new-event mention a mention joins: one whose date is
// compatible and that repeats its sentence or whose words agree enough.
//
// Mentions with the same words and the same period form a class: for any
// later mention they all agree or all fail, so only a class's first member
// is ever a candidate, and the classes are looked up instead of the mentions.
// Mentions repeating a sentence with the same period form classes likewise.
// A compatible earlier period either lies inside this one, so its unit lies
// inside one of this period's pieces (`within`), or it overlaps a unit that
// holds a piece without lying inside the period; such periods are few and are
// listed per unit, each looked up exactly (`at`).
//
// The index is built once over all mentions: classes are numbered in the
// order of their first mentions and each posting list is ascending, so a
// query for mention j stops at the first class that starts at j or later and
// sees exactly the mentions before j. Queries are then independent of each
// other and run on every core. The lists are held as one array of class ids,
// an array of keys with each list's start and a hash table of key numbers
// (no node per list).
class MergeIndex {
 public:
  // Past this many pieces (a period of centuries) every class holding a word
  // is a candidate and the date check does the rest.
  static constexpr std::size_t k_max_pieces = 400;
  // Each shard walks every class and keeps the postings of its own words:
  // past a few, more shards cost more work than they spread.
  static constexpr std::size_t k_max_shards = 8;

  // What one query needs for itself; one per thread.
  struct Scratch {
    std::vector<std::pair<const std::uint32_t*, const std::uint32_t*>> lists;  // [begin, end) of class ids
    std::vector<Unit> pieces, above;
    std::vector<std::uint64_t> periods;
    std::vector<std::uint32_t> heavy;
  };

  // `period` and `sentence` by mention, in mention order. The lists are
  // built on `jobs` threads, each holding the keys whose word falls to it:
  // the same lists, whatever the number.
  MergeIndex(const WordTable& words, const std::vector<double>& total, const std::vector<Period>& period,
             const std::vector<std::uint32_t>& sentence, std::size_t jobs)
      : m_words(words),
        m_total(total),
        m_period(period),
        m_sentence(sentence),
        m_shards(std::clamp<std::size_t>(jobs, 1, k_max_shards)) {
    number_classes(jobs);
    // Counts and starts are 32 bits: past 4 billion postings in all is an
    // error, not a wrap, whichever shards hold them. Each shard adds its count
    // to the total every k_batch postings, so none runs far past the limit.
    constexpr std::uint64_t k_batch = 1 << 16;
    std::atomic<std::uint64_t> postings_in_all{0};
    auto too_many = [] { return Error("too many words and dates to merge (over 4 billion postings)"); };
    parallel_for(
        m_shards.size(), jobs,
        [&](std::size_t s, NoScratch&) {
          // Keys are numbered as they first come and found by hash (open
          // addressing, at most half full); the first pass also counts each list.
          Shard& shard = m_shards[s];
          std::vector<std::uint32_t> count;
          std::uint64_t postings_here = 0;
          shard.slots.assign(1024, 0);
          postings(s, [&](const PostingKey& k, std::size_t hash, std::uint32_t) {
            if (++postings_here % k_batch == 0 && (postings_in_all += k_batch) > UINT32_MAX) throw too_many();
            std::size_t at = shard.slot_of(k, hash);
            std::uint32_t number = shard.slots[at] - 1;
            if (shard.slots[at] == 0) {
              number = static_cast<std::uint32_t>(shard.keys.size());  // keys are at most the postings
              shard.keys.push_back(k);
              count.push_back(0);
              shard.slots[at] = number + 1;
              if (2 * shard.keys.size() > shard.slots.size()) shard.rehash(2 * shard.slots.size());
            }
            ++count[number];
          });
          postings_in_all += postings_here % k_batch;
          shard.start.assign(shard.keys.size() + 1, 0);
          for (std::size_t p = 0; p < count.size(); ++p) shard.start[p + 1] = shard.start[p] + count[p];
        },
        1);
    if (postings_in_all > UINT32_MAX) throw too_many();
    parallel_for(
        m_shards.size(), jobs,
        [&](std::size_t s, NoScratch&) {
          Shard& shard = m_shards[s];
          shard.ids.resize(shard.start.back());
          postings(s, [&](const PostingKey& k, std::size_t hash, std::uint32_t id) {
            shard.ids[shard.start[shard.position(k, hash)]++] = id;
          });
          // Each start moved to the next list's.
          std::copy_backward(shard.start.begin(), shard.start.end() - 1, shard.start.end());
          shard.start[0] = 0;
        },
        1);
  }
  // The earliest i < j with a compatible period that repeats j's sentence or
  // for which `agrees(i)` holds.
  template <class Agrees>
  std::optional<std::size_t> earliest(std::size_t j, Agrees agrees, Scratch& scratch) const {
    const Period& period = m_period[j];
    auto compatible = [&](const Period& p) { return merge_rule::dates_compatible(p, period); };
    std::vector<Unit>& pieces = scratch.pieces;
    pieces_of(period, k_max_pieces, pieces);
    if (pieces.empty()) pieces.push_back(k_everything);
    std::vector<Unit>& above = scratch.above;  // distinct, ascending, none of them a piece
    above.clear();
    for (Unit piece : pieces)
      for (Unit u : units_above(piece)) above.push_back(u);
    std::sort(above.begin(), above.end());
    above.erase(std::unique(above.begin(), above.end()), above.end());
    std::erase_if(above, [&](Unit u) { return std::find(pieces.begin(), pieces.end(), u) != pieces.end(); });
    // The compatible periods registered at the units above the pieces.
    std::vector<std::uint64_t>& periods = scratch.periods;
    periods.clear();
    for (Unit u : above)
      if (auto it = m_periods.find(u); it != m_periods.end())
        for (const Period& p : it->second)
          if (compatible(p)) periods.push_back(period_key(p));
    auto look = [&](std::span<const std::uint32_t> words, Posting within, Posting at) {
      for (auto w : words) {
        for (Unit piece : pieces) add({piece, w, within}, scratch);
        for (auto p : periods) add({p, w, at}, scratch);
      }
    };
    // The earliest compatible mention repeating the sentence.
    std::optional<std::size_t> repeat;
    scratch.lists.clear();
    look(std::span(&m_sentence[j], 1), Posting::sentence_within, Posting::sentence_at);
    ascending(m_repeats, j, scratch, [&](const Class& k) {
      if (!compatible(k.period)) return false;
      repeat = k.first;
      return true;
    });
    // The earliest compatible mention whose words agree, if before it.
    std::optional<std::size_t> agreeing;
    scratch.lists.clear();
    heavy_prefix(m_words.of(j), m_total[j], k_candidate_threshold, m_words, scratch.heavy);
    look(scratch.heavy, Posting::all_within, Posting::all_at);        // as heavy: they hold a heavy word of j
    look(m_words.of(j), Posting::prefix_within, Posting::prefix_at);  // lighter: j holds a heavy word of theirs
    ascending(m_classes, j, scratch, [&](const Class& k) {
      if (repeat && k.first > *repeat) return true;
      if (!compatible(k.period) || !agrees(k.first)) return false;
      agreeing = k.first;
      return true;
    });
    return agreeing ? agreeing : repeat;
  }

 private:
  struct Class {
    std::uint32_t first;  // its earliest mention
    Period period;
  };

  // The lists of the keys whose word falls to one shard.
  struct Shard {
    std::vector<PostingKey> keys;      // distinct, in the order they first came
    std::vector<std::uint32_t> slots;  // hash table: 1 + an index into keys, 0 for an empty slot
    std::vector<std::uint32_t> start;  // by key: where its list starts in ids; one past the last at the end
    std::vector<std::uint32_t> ids;    // the lists, one after the other

    // The slot holding the key, or the empty slot where it would go.
    std::size_t slot_of(const PostingKey& k, std::size_t hash) const {
      std::size_t mask = slots.size() - 1;
      std::size_t at = hash & mask;
      while (slots[at] != 0 && !(keys[slots[at] - 1] == k)) at = (at + 1) & mask;
      return at;
    }
    // The key's index in keys, SIZE_MAX when it has no list.
    std::size_t position(const PostingKey& k, std::size_t hash) const {
      std::uint32_t s = slots[slot_of(k, hash)];
      return s == 0 ? SIZE_MAX : s - 1;
    }
    void rehash(std::size_t n) {
      slots.assign(n, 0);
      for (std::uint32_t p = 0; p < keys.size(); ++p) slots[slot_of(keys[p], MergeIndex::hash(keys[p]))] = p + 1;
    }
  };

  // Classes of word set and period, and of sentence and period, numbered in
  // the order of their first mentions; the distinct periods other than days,
  // by unit.
  void number_classes(std::size_t jobs) {
    std::size_t n = m_period.size();
    auto key_of = [this](std::uint32_t m) { return period_key(m_period[m]); };
    auto pair_hash = [](std::uint64_t a, std::uint64_t b) { return (a * 0x9E3779B97F4A7C15ull) ^ b; };
    {
      std::unordered_set<std::uint64_t> registered;
      for (std::uint32_t j = 0; j < n; ++j) {
        const Period& period = m_period[j];
        Unit unit = unit_of(period);
        if (!is_day(unit) && registered.insert(period_key(period)).second) m_periods[unit].push_back(period);
      }
    }
    std::vector<std::uint32_t> first = first_equals(
        n, jobs, [&](std::uint32_t j) { return pair_hash(m_sentence[j], key_of(j)); },
        [&](std::uint32_t a, std::uint32_t b) { return m_sentence[a] == m_sentence[b] && key_of(a) == key_of(b); });
    for (std::uint32_t j = 0; j < n; ++j)
      if (first[j] == j) m_repeats.push_back({j, m_period[j]});
    // A word set is known by its first mention, not by a copy of its words.
    std::vector<std::uint32_t> word_set = first_equals(
        n, jobs,
        [this](std::uint32_t j) {
          std::uint64_t h = 0xcbf29ce484222325ull;
          for (auto x : m_words.of(j)) h = (h ^ x) * 0x100000001b3ull;
          return h;
        },
        [this](std::uint32_t a, std::uint32_t b) { return std::ranges::equal(m_words.of(a), m_words.of(b)); });
    first = first_equals(
        n, jobs, [&](std::uint32_t j) { return pair_hash(word_set[j], key_of(j)); },
        [&](std::uint32_t a, std::uint32_t b) { return word_set[a] == word_set[b] && key_of(a) == key_of(b); });
    for (std::uint32_t j = 0; j < n; ++j)
      if (first[j] == j) m_classes.push_back({j, m_period[j]});
  }

  // Calls emit(key, hash(key), id) for every posting of a shard's keys, ids
  // ascending for each key. The other shards' words are passed over before
  // any key is made of them.
  template <class Emit>
  void postings(std::size_t shard, Emit emit) const {
    auto post = [&](std::uint32_t id, const Period& period, std::span<const std::uint32_t> ws, Posting within,
                    Posting at) {
      Unit unit = unit_of(period);
      FewUnits above = units_above(unit);
      bool day = is_day(unit);  // a day is its own unit: found `within`, never `at`
      for (auto w : ws) {
        if (shard_of(w) != shard) continue;
        auto send = [&](const PostingKey& k) { emit(k, hash(k), id); };
        if (!day) send(PostingKey{period_key(period), w, at});
        send(PostingKey{unit, w, within});
        for (Unit u : above) send(PostingKey{u, w, within});
      }
    };
    for (std::uint32_t r = 0; r < m_repeats.size(); ++r)
      post(r, m_repeats[r].period, std::span(&m_sentence[m_repeats[r].first], 1), Posting::sentence_within,
           Posting::sentence_at);
    std::vector<std::uint32_t> heavy;
    for (std::uint32_t c = 0; c < m_classes.size(); ++c) {
      std::uint32_t first = m_classes[c].first;
      auto words = m_words.of(first);
      if (std::none_of(words.begin(), words.end(), [&](std::uint32_t w) { return shard_of(w) == shard; })) continue;
      post(c, m_classes[c].period, words, Posting::all_within, Posting::all_at);
      heavy_prefix(m_words.of(first), m_total[first], k_candidate_threshold, m_words, heavy);
      post(c, m_classes[c].period, heavy, Posting::prefix_within, Posting::prefix_at);
    }
  }

  static std::size_t hash(const PostingKey& k) {
    std::uint64_t h =
        k.where * 0x9E3779B97F4A7C15ull ^ (std::uint64_t{k.word} << 3 | static_cast<std::uint64_t>(k.kind));
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return static_cast<std::size_t>(h ^ (h >> 32));
  }

  // Which shard holds a key: by its word alone (a sentence id for the
  // sentence postings), so that a shard's postings are found without making
  // the others' keys.
  std::size_t shard_of(std::uint32_t word) const {
    return static_cast<std::size_t>((std::uint64_t{word} * 0x9E3779B97F4A7C15ull) >> 40) % m_shards.size();
  }

  void add(const PostingKey& k, Scratch& scratch) const {
    std::size_t h = hash(k);
    const Shard& shard = m_shards[shard_of(k.word)];
    std::size_t p = shard.position(k, h);
    if (p == SIZE_MAX) return;
    scratch.lists.push_back({shard.ids.data() + shard.start[p], shard.ids.data() + shard.start[p + 1]});
  }

  // Visits the classes of scratch.lists (ascending ids into `classes`) that
  // start before mention j, in ascending order, each once, until `stop`
  // returns true: a k-way merge.
  template <class Stop>
  static void ascending(const std::vector<Class>& classes, std::size_t j, Scratch& scratch, Stop stop) {
    using Head = std::pair<std::uint32_t, std::size_t>;  // class, list
    auto& lists = scratch.lists;
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heap;
    for (std::size_t l = 0; l < lists.size(); ++l) heap.push({*lists[l].first, l});
    std::int64_t last = -1;
    while (!heap.empty()) {
      auto [c, l] = heap.top();
      heap.pop();
      if (classes[c].first >= j) return;  // this class and every later one is not yet there at j
      if (++lists[l].first != lists[l].second) heap.push({*lists[l].first, l});
      if (static_cast<std::int64_t>(c) == last) continue;
      last = c;
      if (stop(classes[c])) return;
    }
  }

  const WordTable& m_words;
  const std::vector<double>& m_total;
  const std::vector<Period>& m_period;
  const std::vector<std::uint32_t>& m_sentence;
  std::vector<Class> m_classes;                             // mentions by word set and period
  std::vector<Class> m_repeats;                             // mentions by sentence and period
  std::unordered_map<Unit, std::vector<Period>> m_periods;  // distinct periods other than days, by unit
  std::vector<Shard> m_shards;
};

// Citations appended in blocks of a few each (a record's), so that each is
// small enough to take the place of what was just freed, and the front can
// be released while the rest is still in use.
class CitationBlocks {
 public:
  void add_block(std::vector<Citation> block) {
    if (block.empty()) return;
    m_first.push_back(m_size);
    m_size += block.size();
    m_blocks.push_back(std::move(block));
  }
  Citation& operator[](std::size_t i) {
    std::size_t b = block_of(i);
    return m_blocks[b][i - m_first[b]];
  }
  // Calls f(i, citation i) for each i in [begin, end), in order.
  template <class F>
  void for_each(std::size_t begin, std::size_t end, F f) {
    if (begin >= end) return;
    for (std::size_t b = block_of(begin), i = begin; i < end; ++b)
      for (std::size_t at = i - m_first[b]; at < m_blocks[b].size() && i < end; ++at, ++i) f(i, m_blocks[b][at]);
  }
  // Frees every block wholly before citation `i`; they must not be used again.
  void release_before(std::size_t i) {
    for (; m_released < m_blocks.size() && m_first[m_released] + m_blocks[m_released].size() <= i; ++m_released)
      std::vector<Citation>().swap(m_blocks[m_released]);
  }

 private:
  std::vector<std::vector<Citation>> m_blocks;
  std::vector<std::size_t> m_first;  // by block: its first citation's number
  std::size_t m_size = 0;
  std::size_t m_released = 0;

  std::size_t block_of(std::size_t i) const {
    return static_cast<std::size_t>(std::upper_bound(m_first.begin(), m_first.end(), i) - m_first.begin()) - 1;
  }
};

// Citations in order, each sentence once. A sentence repeated word for word
// by another source (syndicated or copied text) stays cited but adds no
// independent source.
void finish_citations(Event& e) {
  std::sort(e.citations.begin(), e.citations.end(), citation_before);
  // Sorted, one place's citations are side by side: the first stays.
  auto same_place = [](const Citation& a, const Citation& b) { return a.source == b.source && a.start == b.start; };
  e.citations.erase(std::unique(e.citations.begin(), e.citations.end(), same_place), e.citations.end());
  // A source counts when one of its citations is the first with its text.
  std::vector<std::uint64_t> hashes;
  hashes.reserve(e.citations.size());
  for (const auto& c : e.citations) hashes.push_back(text::hash_folding_spaces(c.quote));
  auto hash = [&](std::size_t i) { return static_cast<std::size_t>(hashes[i]); };
  auto same = [&](std::size_t a, std::size_t b) {
    return hashes[a] == hashes[b] && text::same_folding_spaces(e.citations[a].quote, e.citations[b].quote);
  };
  std::unordered_set<std::size_t, decltype(hash), decltype(same)> quotes(e.citations.size(), hash, same);
  std::size_t sources = 0;
  const std::string* last = nullptr;  // the last source counted: citations are in source order
  for (std::size_t i = 0; i < e.citations.size(); ++i) {
    if (!quotes.insert(i).second) continue;
    if (!last || *last != e.citations[i].source) ++sources;
    last = &e.citations[i].source;
  }
  e.source_count = sources;
}

std::string new_event_id(const DateValue& date, const Citation& first) {
  return "ev-" + sha256_hex(date.value + "\n" + text::fold_spaces(first.quote)).substr(0, 12);
}

// The sources, packed while the merge runs: every string of a source end to
// end in chunks of about a megabyte (a 32-bit length before each, all ones
// for an absent one), about a third of the room of SourceInfo objects.
// Unpacked at the end, each chunk freed once read, when the records are gone.
// SourceInfo's nine fields are listed in add() and unpack(): a field added to
// it fails this assertion until it is packed and unpacked too.
static_assert(sizeof(SourceInfo) == 6 * sizeof(std::string) + 3 * sizeof(std::optional<std::string>),
              "SourceInfo has a field PackedSources does not keep");
class PackedSources {
 public:
  void add(const SourceInfo& s) {
    std::size_t need = 9 * sizeof(std::uint32_t);
    for (const std::string* field : {&s.id, &s.path, &s.sha256, &s.encoding, &s.language, &s.published_basis})
      need += field->size();
    for (const std::optional<std::string>* field : {&s.publisher, &s.url, &s.published})
      need += field->value_or("").size();
    // A source starts a chunk when it would not fit in the last one: no chunk grows past its room, and a
    // source larger than a chunk has one of its own.
    if (m_chunks.empty() || m_chunks.back().size() + need > k_chunk) {
      m_chunks.emplace_back().reserve(std::max(k_chunk, need));
      m_first.push_back(m_at.size());
    }
    std::string& out = m_chunks.back();
    m_at.push_back({static_cast<std::uint32_t>(m_chunks.size() - 1), static_cast<std::uint32_t>(out.size())});
    for (const std::string* field : {&s.id, &s.path, &s.sha256, &s.encoding, &s.language}) put(out, *field);
    for (const std::optional<std::string>* field : {&s.publisher, &s.url, &s.published}) put_optional(out, *field);
    put(out, s.published_basis);
  }
  // The id of source i (the first string of each).
  std::string_view id(std::size_t i) const {
    std::size_t at = m_at[i].offset;
    return *get(m_chunks[m_at[i].chunk], at);
  }
  // Every source in the order added, the chunks read on `jobs` threads and
  // each freed once read; the packed copy is gone after.
  std::vector<SourceInfo> unpack(std::size_t jobs) {
    std::vector<SourceInfo> out(m_at.size());
    m_first.push_back(m_at.size());
    parallel_for(
        m_chunks.size(), jobs,
        [&](std::size_t c, NoScratch&) {
          const std::string& chunk = m_chunks[c];
          for (std::size_t i = m_first[c]; i < m_first[c + 1]; ++i) {
            std::size_t at = m_at[i].offset;
            SourceInfo& s = out[i];
            for (std::string* field : {&s.id, &s.path, &s.sha256, &s.encoding, &s.language})
              field->assign(*get(chunk, at));
            for (std::optional<std::string>* field : {&s.publisher, &s.url, &s.published})
              if (auto v = get(chunk, at)) field->emplace(*v);
            s.published_basis.assign(*get(chunk, at));
          }
          std::string().swap(m_chunks[c]);
        },
        1);
    std::vector<std::string>().swap(m_chunks);
    std::vector<std::size_t>().swap(m_first);
    std::vector<Place>().swap(m_at);
    return out;
  }

 private:
  static constexpr std::size_t k_chunk = std::size_t{1} << 20;
  static constexpr std::uint32_t k_absent = UINT32_MAX;
  struct Place {
    std::uint32_t chunk, offset;
  };
  std::vector<std::string> m_chunks;
  std::vector<Place> m_at;           // by source: where it starts
  std::vector<std::size_t> m_first;  // by chunk: the number of its first source

  static void put_length(std::string& out, std::uint32_t n) { out.append(reinterpret_cast<const char*>(&n), sizeof n); }
  static void put(std::string& out, std::string_view v) {
    if (v.size() >= k_absent) throw Error(fmt::format("a source's metadata field of {} bytes is too long", v.size()));
    put_length(out, static_cast<std::uint32_t>(v.size()));
    out += v;
  }
  static void put_optional(std::string& out, const std::optional<std::string>& v) {
    if (v)
      put(out, *v);
    else
      put_length(out, k_absent);
  }
  static std::optional<std::string_view> get(const std::string& chunk, std::size_t& at) {
    std::uint32_t n = 0;
    std::memcpy(&n, chunk.data() + at, sizeof n);
    at += sizeof n;
    if (n == k_absent) return std::nullopt;
    std::string_view v(chunk.data() + at, n);
    at += n;
    return v;
  }
};

}  // namespace

std::string title_from_sentence(std::string_view sentence, std::size_t max_bytes) {
  std::string folded = text::fold_spaces(sentence);
  if (folded.size() <= max_bytes) return folded;
  std::size_t cut = folded.rfind(' ', max_bytes);
  if (cut == std::string::npos || cut == 0) cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(folded[cut]) & 0xC0) == 0x80) --cut;  // whole code points only
  std::string out = folded.substr(0, cut);
  while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':')) out.pop_back();
  return out + "\xE2\x80\xA6";  // …
}

namespace {

// Whether `clause` holds one of `frames` (folded phrases) as whole words.
bool holds_frame(std::string_view clause, const std::vector<std::string>& frames) {
  std::string folded = text::fold_case(clause);
  for (const std::string& f : frames)
    for (std::size_t at = folded.find(f); at != std::string::npos; at = folded.find(f, at + 1))
      if (!text::letter_or_digit_before(folded, at) && !text::letter_or_digit_at(folded, at + f.size())) return true;
  return false;
}

std::size_t words_in(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t k = 0; k < s.size(); ++k) n += s[k] != ' ' && (k == 0 || s[k - 1] == ' ');
  return n;
}

bool quote_mark_at(std::string_view s, std::size_t k) {
  return s.compare(k, 1, "\"") == 0 || s.compare(k, 3, "\xE2\x80\x9C") == 0 || s.compare(k, 3, "\xE2\x80\x9D") == 0;
}

// `s` (spaces folded) without its reporting frame, when at least
// k_min_headline_words stay: the clauses it opens with, when the first holds
// one of `frames`, through the last that holds one and the short ones after
// it ("Microsoft menyebutkan, seperti dikutip dari laman resminya, Rabu
// (25/1/2023), perjanjian ini ..."); and the clause that closes it after a
// comma, opening with one and short ("\"... naik,\" kata Bambang, Selasa
// (25/11/2014).").
void drop_reporting_frame(std::string& s, const std::vector<std::string>& frames) {
  if (frames.empty()) return;
  std::vector<std::size_t> commas;  // the ", " that end clauses
  for (std::size_t at = s.find(", "); at != std::string::npos; at = s.find(", ", at + 1)) commas.push_back(at);
  if (!commas.empty() && holds_frame(std::string_view(s).substr(0, commas[0]), frames)) {
    std::size_t last = 0;
    for (std::size_t c = 1; c < commas.size() && c <= k_max_frame_clauses; ++c) {
      std::string_view clause = std::string_view(s).substr(commas[c - 1] + 2, commas[c] - commas[c - 1] - 2);
      if (!holds_frame(clause, frames) && words_in(clause) > k_short_clause_words) break;
      last = c;
    }
    if (words_in(std::string_view(s).substr(commas[last] + 2)) >= k_min_headline_words) {
      s.erase(0, commas[last] + 2);
      return;
    }
  }
  // A closing frame: a comma, perhaps a closing quotation mark, then a frame phrase.
  for (std::size_t at = s.find(','); at != std::string::npos; at = s.find(',', at + 1)) {
    std::size_t next = at + 1;
    if (next < s.size() && quote_mark_at(s, next)) next += s[next] == '"' ? 1 : 3;
    if (next >= s.size() || s[next] != ' ') continue;
    std::string_view rest = std::string_view(s).substr(next + 1);
    std::size_t word_end = std::min(rest.find(' '), rest.size());
    std::string first = text::fold_case(rest.substr(0, word_end));
    bool opens = std::any_of(frames.begin(), frames.end(), [&](const std::string& f) {
      return f.compare(0, first.size(), first) == 0 && (f.size() == first.size() || f[first.size()] == ' ');
    });
    if (!opens || words_in(std::string_view(s).substr(0, at)) < k_min_headline_words ||
        words_in(rest) > k_max_closing_frame_words)
      continue;
    s.erase(at);
    if (!s.empty() && quote_mark_at(s, 0)) s.erase(0, s[0] == '"' ? 1 : 3);
    s += '.';
    return;
  }
}

}  // namespace

std::string headline_from_citation(std::string_view quote, std::string_view date_text,
                                   const std::vector<std::string>& date_links, const std::vector<std::string>& frames,
                                   std::size_t max_bytes) {
  std::string s = text::fold_spaces(quote);
  if (std::size_t dateline = dateline_separator(s);
      dateline != std::string::npos && marked_dateline_head(std::string_view(s.data(), dateline)))
    s.erase(0, s.find(' ', dateline + 1) + 1);
  drop_reporting_frame(s, frames);
  if (std::size_t at = date_text.empty() ? std::string::npos : s.find(date_text); at != std::string::npos) {
    // With the word that links it to its clause ("pada", "sejak", "on"),
    // and an aside in parentheses that follows closely ("waktu setempat
    // (Rabu pagi WIB)"): the date itself is shown beside the title.
    std::size_t end = at + date_text.size();
    std::size_t open = s.find('(', end);
    if (open != std::string::npos && open - end <= k_aside_reach) {
      std::size_t close = s.find(')', open);
      if (close != std::string::npos && close - open <= k_aside_reach) end = close + 1;
    }
    std::size_t word = at >= 2 ? s.rfind(' ', at - 2) : std::string::npos;
    word = word == std::string::npos ? 0 : word + 1;
    bool relating =
        at >= word + 2 && s[at - 1] == ' ' &&
        std::binary_search(date_links.begin(), date_links.end(), text::fold_case(s.substr(word, at - 1 - word)));
    s.erase(relating ? word : at, end - (relating ? word : at));
  }
  std::string out;  // spaces folded again, none before a comma or stop
  for (char c : s) {
    if ((c == ',' || c == '.') && !out.empty() && out.back() == ' ') out.pop_back();
    if (c == '.' && !out.empty() && out.back() == ',') out.pop_back();  // "kepada wartawan, Rabu." without its date
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    if (c == ',' && !out.empty() && out.back() == ',') continue;
    out += c;
  }
  while (!out.empty() && (out.front() == ',' || out.front() == ' ')) out.erase(0, 1);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (!out.empty() && out.front() >= 'a' && out.front() <= 'z')
    out.front() = static_cast<char>(out.front() - 'a' + 'A');
  return title_from_sentence(out.empty() ? quote : out, max_bytes);
}

Timeline build_timeline(std::string title, std::vector<DocumentRecord> records, const EventKnowledge& events,
                        std::size_t jobs, Timings* timings) {
  auto step = [timings](std::string_view name) {
    if (timings) timings->mark(name);
  };
  Timeline timeline;
  timeline.title = std::move(title);
  // The mentions stay in their records, looked at through pointers, until
  // their citations have moved into the events: no second copy of them all.
  std::vector<Mention*> catalogued;
  std::vector<std::pair<Mention*, std::uint32_t>> fresh_in;  // with the index of its record
  std::vector<Conflict> conflicts;
  {
    // Counted, then listed, each record on its own thread at its own offsets.
    std::vector<std::size_t> fresh_at(records.size() + 1, 0), catalogued_at(records.size() + 1, 0);
    parallel_for(
        records.size(), jobs,
        [&](std::size_t r, NoScratch&) {
          for (const auto& m : records[r].mentions) ++(m.catalog_id.empty() ? fresh_at : catalogued_at)[r + 1];
        },
        64);
    for (std::size_t r = 0; r < records.size(); ++r) {
      fresh_at[r + 1] += fresh_at[r];
      catalogued_at[r + 1] += catalogued_at[r];
    }
    fresh_in.resize(fresh_at.back());
    catalogued.resize(catalogued_at.back());
    parallel_for(
        records.size(), jobs,
        [&](std::size_t r, NoScratch&) {
          std::size_t f = fresh_at[r], c = catalogued_at[r];
          for (auto& m : records[r].mentions)
            if (m.catalog_id.empty())
              fresh_in[f++] = {&m, static_cast<std::uint32_t>(r)};
            else
              catalogued[c++] = &m;
        },
        64);
  }
  // Packed until the merge's finish: next to the records, SourceInfo objects were the merge's peak.
  PackedSources sources;
  for (auto& record : records) {
    for (auto& c : record.conflicts) conflicts.push_back(std::move(c));
    for (auto& u : record.undated) timeline.undated.push_back(std::move(u));
    if (events.review)
      for (auto& d : record.dropped) timeline.review.push_back(std::move(d));
    std::vector<ReviewItem>().swap(record.dropped);
    sources.add(record.source);
    record.source = SourceInfo();
  }
  if (events.review)
    for (const auto& u : timeline.undated)
      timeline.review.push_back({ReviewReason::undated, "on topic, reports an event, no date and no catalog link", u});
  step("merge: gather");

  // Catalog events: one per catalog id, dated by the catalog, refined by the
  // text when every text date is finer and they agree.
  std::map<std::string, Event> by_catalog;
  std::map<std::string, std::set<std::string>> finer_dates;  // text dates finer than the catalog's, by catalog id
  std::map<std::string, DateValue> finer_value;
  // In citation order, so each event's reasons read in source and byte order.
  std::stable_sort(catalogued.begin(), catalogued.end(), [](const Mention* a, const Mention* b) {
    return std::tie(a->citation.source, a->citation.start, a->citation.end, a->citation.date_text, a->trigger) <
           std::tie(b->citation.source, b->citation.start, b->citation.end, b->citation.date_text, b->trigger);
  });
  // Each event's lists made at their final size: grown by doubling, they
  // held up to twice the room, and the records are still all in memory here.
  std::map<std::string_view, std::size_t> cited;
  for (const Mention* pm : catalogued) ++cited[pm->catalog_id];
  for (const auto& [id, n] : cited) {
    Event& e = by_catalog[std::string(id)];
    e.citations.reserve(n);
    e.merged_because.reserve(n);
  }
  for (Mention* pm : catalogued) {
    Mention& m = *pm;
    Event& e = by_catalog[m.catalog_id];
    if (e.id.empty()) {
      e.id = m.catalog_id;
      e.catalog_id = m.catalog_id;
    }
    e.merged_because.push_back(trigger_reason(m.citation.source, m.citation.start, m.catalog_id, m.trigger));
    if (!m.citation.date_text.empty()) {
      finer_dates[m.catalog_id].insert(m.date.value);
      finer_value[m.date.value] = m.date;
    }
    e.citations.push_back(std::move(m.citation));
  }
  std::vector<Mention*>().swap(catalogued);
  for (auto& [id, e] : by_catalog) {
    const CatalogEvent* ce = nullptr;
    if (events.catalog)
      for (const auto& x : events.catalog->events)
        if (x.id == id) ce = &x;
    if (!ce) continue;
    e.kind = ce->kind;
    e.title = ce->title(events.title_language);
    // The text refines the catalog's date when it is finer and all its dates agree.
    e.date = ce->date;
    const auto& finer = finer_dates[id];
    if (finer.size() == 1 && finer_value[*finer.begin()].precision > ce->date.precision)
      e.date = finer_value[*finer.begin()];
    for (auto& c : conflicts)
      if (c.catalog_id == id) e.conflicts.push_back(c);
    timeline.events.push_back(std::move(e));  // its citations are finished with the new events'
  }
  step("merge: catalog events");

  // New events: mentions with compatible dates whose words agree. They are
  // numbered j in date order; fresh_in holds them at k, in record order.
  // Mentions, words and events are numbered in 32 bits.
  if (fresh_in.size() >= UINT32_MAX - timeline.events.size())
    throw Error("too many new-event mentions to merge (over 4 billion)");
  std::vector<std::uint32_t> k_of(fresh_in.size());  // by j
  {
    // Dates, then citations (citation_before): compared on a compact copy,
    // the sources by their rank, the date texts looked at only on a tie.
    std::vector<std::string_view> names;  // each mention's source, consecutive repeats once
    std::vector<std::uint32_t> name_of(fresh_in.size());
    {
      std::vector<std::uint8_t> repeat(fresh_in.size());  // the same source as the mention before
      parallel_for(
          fresh_in.size(), jobs,
          [&](std::size_t k, NoScratch&) {
            repeat[k] = k > 0 && fresh_in[k - 1].first->citation.source == fresh_in[k].first->citation.source;
          },
          1 << 12);
      for (std::uint32_t k = 0; k < fresh_in.size(); ++k) {
        if (!repeat[k]) names.push_back(fresh_in[k].first->citation.source);
        name_of[k] = static_cast<std::uint32_t>(names.size() - 1);
      }
    }
    std::vector<std::string_view> sorted_names = names;
    parallel_sort(sorted_names.begin(), sorted_names.end(), std::less<>(), jobs);
    std::vector<std::uint32_t> rank(names.size());
    parallel_for(
        names.size(), jobs,
        [&](std::size_t i, NoScratch&) {
          rank[i] = static_cast<std::uint32_t>(std::lower_bound(sorted_names.begin(), sorted_names.end(), names[i]) -
                                               sorted_names.begin());
        },
        1 << 10);
    struct Key {
      std::int64_t day;
      int precision;
      std::uint32_t source;
      std::size_t start, end;
      std::uint32_t k;
    };
    std::vector<Key> keys(fresh_in.size());
    parallel_for(
        fresh_in.size(), jobs,
        [&](std::size_t k, NoScratch&) {
          const Mention& m = *fresh_in[k].first;
          keys[k] = {m.date.period.start.time_since_epoch().count(),
                     static_cast<int>(m.date.precision),
                     rank[name_of[k]],
                     m.citation.start,
                     m.citation.end,
                     static_cast<std::uint32_t>(k)};
        },
        1 << 12);
    // Mentions alike in all of that (one date written twice in a sentence)
    // keep their record order: the order is total, whatever the threads.
    parallel_sort(
        keys.begin(), keys.end(),
        [&](const Key& a, const Key& b) {
          auto x = std::tie(a.day, a.precision, a.source, a.start, a.end),
               y = std::tie(b.day, b.precision, b.source, b.start, b.end);
          if (x != y) return x < y;
          int texts = fresh_in[a.k].first->citation.date_text.compare(fresh_in[b.k].first->citation.date_text);
          return texts != 0 ? texts < 0 : a.k < b.k;
        },
        jobs);
    for (std::size_t j = 0; j < keys.size(); ++j) k_of[j] = keys[j].k;
  }
  step("merge: sort");
  // Where each mention is and its date, kept apart from the mentions so that the
  // reasons can be written after the records are gone.
  struct Place {
    std::size_t start;
    std::uint32_t source;  // index into sources, in record order
    std::uint32_t date;    // index into dates
  };
  std::size_t n_fresh = fresh_in.size();
  std::vector<Place> place(n_fresh);
  std::vector<DateValue> dates;  // distinct, in the order of their first mentions
  std::vector<Period> periods(n_fresh);
  {
    auto date_of = [&](std::uint32_t j) -> const DateValue& { return fresh_in[k_of[j]].first->date; };
    std::vector<std::uint64_t> hashes(n_fresh);
    parallel_for(
        n_fresh, jobs,
        [&](std::size_t j, NoScratch&) {
          hashes[j] = std::hash<std::string_view>()(date_of(static_cast<std::uint32_t>(j)).value);
        },
        1 << 12);
    std::vector<std::uint32_t> first = first_equals(
        n_fresh, jobs, [&](std::uint32_t j) { return hashes[j]; },
        [&](std::uint32_t a, std::uint32_t b) {
          return hashes[a] == hashes[b] && date_of(a).value == date_of(b).value;
        });
    std::vector<std::uint64_t>().swap(hashes);
    std::vector<std::uint32_t> date_id(n_fresh);
    for (std::uint32_t j = 0; j < n_fresh; ++j) {
      if (first[j] != j) {
        date_id[j] = date_id[first[j]];
        continue;
      }
      date_id[j] = static_cast<std::uint32_t>(dates.size());
      dates.push_back(date_of(j));
    }
    parallel_for(
        n_fresh, jobs,
        [&](std::size_t j, NoScratch&) {
          const auto& [m, r] = fresh_in[k_of[j]];
          place[j] = {m->citation.start, r, date_id[j]};
          periods[j] = m->date.period;
        },
        1 << 12);
  }
  WordTable words;
  {
    std::vector<Mention*> fresh;  // by j
    fresh.reserve(n_fresh);
    for (std::uint32_t k : k_of) fresh.push_back(fresh_in[k].first);
    words = word_table(fresh, jobs);
    // The table holds them as ids now.
    parallel_for(
        n_fresh, jobs, [&](std::size_t j, NoScratch&) { fresh[j]->salient.clear(); }, 1 << 12);
  }
  std::vector<double> total(n_fresh);
  parallel_for(
      n_fresh, jobs, [&](std::size_t i, NoScratch&) { total[i] = weight_of(words.of(i), words); }, 1 << 12);
  step("merge: dates and words");
  // The citations leave the records in record order, each record released
  // once emptied: from here on a mention is its citation, its place, its date
  // and its words.
  CitationBlocks cites;  // by k
  {
    std::size_t k = 0;
    for (std::size_t r = 0; r < records.size(); ++r) {
      DocumentRecord& record = records[r];
      // Copied, not moved, and on one thread: the copies fill the space the
      // records before freed, and the originals go with their record. (Made
      // on two threads, the copies and frees were slower, not faster.)
      std::size_t end = k;
      while (end < n_fresh && fresh_in[end].second == r) ++end;
      std::vector<Citation> block;
      block.reserve(end - k);
      for (auto& m : record.mentions)
        if (k < end && fresh_in[k].first == &m) block.push_back(fresh_in[k++].first->citation);
      cites.add_block(std::move(block));
      record = DocumentRecord();
    }
    std::vector<DocumentRecord>().swap(records);
    std::vector<std::pair<Mention*, std::uint32_t>>().swap(fresh_in);
  }
#if defined(__GLIBC__)
  malloc_trim(0);  // the freed records lie in small pieces between what stays: hand whole free pages back
#endif
  step("merge: citations out");
  auto cite = [&](std::size_t j) -> const Citation& { return cites[k_of[j]]; };
  // Each distinct sentence (white space folded) gets an id: a mention repeating
  // an earlier one's sentence joins it whatever their words.
  std::vector<std::uint32_t> sentence_of;
  {
    // A sentence is known by its first mention, not by a folded copy of it.
    std::vector<std::uint64_t> hashes(n_fresh);
    parallel_for(n_fresh, jobs,
                 [&](std::size_t m, NoScratch&) { hashes[m] = text::hash_folding_spaces(cite(m).quote); });
    std::vector<std::uint32_t> first = first_equals(
        n_fresh, jobs, [&](std::uint32_t j) { return hashes[j]; },
        [&](std::uint32_t a, std::uint32_t b) {
          return hashes[a] == hashes[b] && text::same_folding_spaces(cite(a).quote, cite(b).quote);
        });
    std::vector<std::uint64_t>().swap(hashes);
    sentence_of.resize(n_fresh);
    std::uint32_t count = 0;
    for (std::uint32_t j = 0; j < n_fresh; ++j) sentence_of[j] = first[j] == j ? count++ : sentence_of[first[j]];
  }
  step("merge: sentences");
  // Each mention joins the earliest agreeing one (its link); the rest follows
  // through it.
  constexpr std::uint32_t k_none = UINT32_MAX;
  std::vector<std::uint32_t> link(n_fresh, k_none);
  auto why = [&](std::size_t i, std::size_t j) {
    const Place &a = place[i], &b = place[j];
    std::string_view a_source = sources.id(a.source), b_source = sources.id(b.source);
    if (sentence_of[i] == sentence_of[j]) return repeats_reason(b_source, b.start, a_source, a.start);
    if (merge_rule::same_source_day(a.source == b.source, dates[a.date], dates[b.date], 1) &&
        !merge_rule::words_agree(agreement_score(i, j, words, total), a.date == b.date))
      return same_day_reason(a_source, a.start, b_source, b.start, dates[a.date].value);
    return words_reason(a_source, a.start, b_source, b.start, dates[a.date].value, dates[b.date].value,
                        fmt::format("{}", fmt::join(shared_words(i, j, words), ", ")),
                        agreement_score(i, j, words, total));
  };
  {
    MergeIndex index(words, total, periods, sentence_of,
                     jobs);  // the largest structure of the merge: gone before the events
    parallel_for<MergeIndex::Scratch>(n_fresh, jobs, [&](std::size_t j, MergeIndex::Scratch& scratch) {
      auto found = index.earliest(
          j,
          [&](std::size_t i) {
            return merge_rule::words_agree(agreement_score(i, j, words, total), place[i].date == place[j].date);
          },
          scratch);
      if (found) link[j] = static_cast<std::uint32_t>(*found);
    });
  }
  // One source telling of one day in several sentences tells of one event (a
  // day's market move, a meeting and its outcome): each such mention without
  // a link joins the source's first mention of that day. Mentions are in date
  // order, then source, so those of one source and day are consecutive.
  for (std::uint32_t j = 1, first = 0; j < n_fresh; ++j) {
    const Place &a = place[first], &b = place[j];
    if (a.date != b.date || a.source != b.source) {
      first = j;
      continue;
    }
    if (link[j] == k_none &&
        merge_rule::same_source_day(true, dates[a.date], dates[b.date], agreement_score(first, j, words, total)))
      link[j] = first;
  }
  step("merge: links");
  std::vector<Period>().swap(periods);
  UnionFind groups(n_fresh);
  // By group root: its finest and coarsest dates (merge_rule::fits_event).
  std::vector<std::uint32_t> finest(n_fresh), coarsest(n_fresh);
  for (std::uint32_t j = 0; j < n_fresh; ++j) finest[j] = coarsest[j] = place[j].date;
  for (std::uint32_t j = 0; j < n_fresh; ++j) {
    if (link[j] == k_none) continue;
    std::uint32_t i = link[j], root = groups.find(i);
    const DateValue& date = dates[place[j].date];
    if (!merge_rule::fits_event(dates[finest[root]], dates[coarsest[root]], date)) {
      link[j] = k_none;  // it would chain through a coarser date
      continue;
    }
    if (merge_rule::finer(date, dates[finest[root]])) finest[root] = place[j].date;
    if (merge_rule::finer(dates[coarsest[root]], date)) coarsest[root] = place[j].date;
    groups.unite(i, j);  // the root stays the earlier mention
    if (events.review && sentence_of[i] != sentence_of[j] && agreement_score(i, j, words, total) < merge_rule::k_strong)
      timeline.review.push_back({ReviewReason::weak_merge, why(i, j), cite(j)});
  }
  // The new events, in the order of their first mentions (each group's root).
  std::size_t first_new = timeline.events.size();
  std::vector<std::uint32_t> event_of(n_fresh);  // by mention: its event's index in timeline.events
  std::vector<std::size_t> sizes;                // citations by new event
  for (std::uint32_t j = 0; j < n_fresh; ++j) {
    std::uint32_t root = groups.find(j);
    if (root == j) {
      event_of[j] = static_cast<std::uint32_t>(timeline.events.size());
      timeline.events.emplace_back();
      sizes.push_back(0);
    } else {
      event_of[j] = event_of[root];  // root < j: already placed
    }
  }
  // An event is dated by its first mention of the finest precision.
  for (std::size_t i = 0; i < n_fresh; ++i) {
    Event& e = timeline.events[event_of[i]];
    const DateValue& date = dates[place[i].date];
    if (sizes[event_of[i] - first_new]++ == 0 || date.precision > e.date.precision) e.date = date;
  }
  step("merge: groups");
  // The citations move into their events a slice at a time, each slice's
  // blocks released once it has moved: the citations are never held twice.
  // Each thread fills its own events (event % parts), so every event's lists
  // are filled in mention order by one thread, whatever the number of threads.
  // The lists are allocated on this thread, in the order the events first
  // come, as they were on one thread: they reuse the space the blocks before
  // them left, which another thread's allocations would not.
  const std::size_t parts = std::clamp<std::size_t>(jobs, 1, k_fill_parts);
  {
    std::vector<std::uint32_t> event_by_k(n_fresh);
    for (std::uint32_t j = 0; j < n_fresh; ++j) event_by_k[k_of[j]] = event_of[j];
    for (std::size_t begin = 0; begin < n_fresh; begin += k_fill_slice) {
      std::size_t end = std::min(n_fresh, begin + k_fill_slice);
      for (std::size_t k = begin; k < end; ++k) {
        auto& citations = timeline.events[event_by_k[k]].citations;
        if (citations.capacity() == 0) citations.reserve(sizes[event_by_k[k] - first_new]);
      }
      parallel_for(
          parts, jobs,
          [&](std::size_t part, NoScratch&) {
            cites.for_each(begin, end, [&](std::size_t k, Citation& c) {
              std::uint32_t event = event_by_k[k];
              if (event % parts == part) timeline.events[event].citations.push_back(std::move(c));
            });
          },
          1);
      cites.release_before(end);
    }
  }
  step("merge: citations in");
  // The reasons last, in the order of the later mention, when the records are
  // gone; written on every thread a slice at a time.
  {
    std::vector<std::string> reasons;
    for (std::size_t begin = 0; begin < n_fresh; begin += k_fill_slice) {
      std::size_t n = std::min(k_fill_slice, n_fresh - begin);
      reasons.assign(n, std::string());
      parallel_for(n, jobs, [&](std::size_t k, NoScratch&) {
        std::size_t j = begin + k;
        if (link[j] != k_none) reasons[k] = why(link[j], j);
      });
      // Each new event has one reason per mention but its first.
      for (std::size_t k = 0; k < n; ++k) {
        Event& e = timeline.events[event_of[begin + k]];
        if (link[begin + k] != k_none && e.merged_because.capacity() == 0)
          e.merged_because.reserve(sizes[event_of[begin + k] - first_new] - 1);
      }
      parallel_for(
          parts, jobs,
          [&](std::size_t part, NoScratch&) {
            for (std::size_t k = 0; k < n; ++k) {
              std::uint32_t event = event_of[begin + k];
              if (link[begin + k] != k_none && event % parts == part)
                timeline.events[event].merged_because.push_back(std::move(reasons[k]));
            }
          },
          1);
    }
  }
  step("merge: reasons");
  // One event at a time: a few events hold most citations.
  parallel_for(
      timeline.events.size(), jobs,
      [&](std::size_t k, NoScratch&) {
        Event& e = timeline.events[k];
        finish_citations(e);
        if (k < first_new) return;
        e.id = new_event_id(e.date, e.citations.front());
        e.title = headline_from_citation(e.citations.front().quote, e.citations.front().date_text, events.date_links,
                                         events.reporting_frames);
      },
      1);

  std::sort(timeline.events.begin(), timeline.events.end(), [](const Event& a, const Event& b) {
    if (date_value_before(a.date, b.date)) return true;
    if (date_value_before(b.date, a.date)) return false;
    return a.id < b.id;
  });
  timeline.sources = sources.unpack(jobs);
#if defined(__GLIBC__)
  malloc_trim(0);  // the chunks, freed among the new strings
#endif
  std::sort(timeline.sources.begin(), timeline.sources.end(),
            [](const SourceInfo& a, const SourceInfo& b) { return a.id < b.id; });
  std::sort(timeline.undated.begin(), timeline.undated.end(), citation_before);
  // By the reason's name, not its place in the table: the JSON's order stays when the table is reordered.
  std::sort(timeline.review.begin(), timeline.review.end(), [](const ReviewItem& a, const ReviewItem& b) {
    return std::tuple(review_reason_name(a.reason), std::string_view(a.citation.source), a.citation.start,
                      std::string_view(a.citation.date_text), std::string_view(a.detail)) <
           std::tuple(review_reason_name(b.reason), std::string_view(b.citation.source), b.citation.start,
                      std::string_view(b.citation.date_text), std::string_view(b.detail));
  });
  step("merge: finish");
  return timeline;
}

}  // namespace mstl
