// build_timeline: mentions from every source merged into events
// (timeline.hpp, docs/events.md).
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <queue>
#include <unordered_map>
#include <set>

#include <fmt/format.h>

#include "mstimeline/sha256.hpp"
#include "mstimeline/text.hpp"
#include "mstimeline/timeline.hpp"

namespace mstl {
namespace {

// Two new-event mentions are one event when their dates are compatible and
// their words agree at least this much (weighted overlap, 0..1).
constexpr double k_merge_threshold = 0.5;
// A merge below this is made but listed for review as weak.
constexpr double k_strong_merge = 0.7;

bool citation_before(const Citation& a, const Citation& b) {
  return std::tie(a.source, a.start, a.end, a.date_text) < std::tie(b.source, b.start, b.end, b.date_text);
}

bool mention_before(const Mention& a, const Mention& b) {
  if (date_value_before(a.date, b.date)) return true;
  if (date_value_before(b.date, a.date)) return false;
  return citation_before(a.citation, b.citation);
}

bool compatible(const DateValue& a, const DateValue& b) {
  return period_contains(a.period, b.period) || period_contains(b.period, a.period);
}

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) {
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
  std::vector<std::vector<std::uint32_t>> of;  // by mention: its words' ids, ascending
};

// Rarity weights of salient words over all new-event mentions: a word in
// every mention says nothing about which event a mention reports.
WordTable word_table(const std::vector<Mention>& mentions) {
  std::map<std::string, std::size_t> df;
  for (const auto& m : mentions)
    for (const auto& w : m.salient) ++df[w];
  WordTable t;
  std::unordered_map<std::string_view, std::uint32_t> id;
  double n = static_cast<double>(mentions.size());
  for (const auto& [w, count] : df) {
    id.emplace(w, static_cast<std::uint32_t>(t.words.size()));
    t.words.push_back(w);
    t.idf.push_back(std::log((n + 1.0) / static_cast<double>(count)) + 1.0);
  }
  t.of.reserve(mentions.size());
  for (const auto& m : mentions) {
    std::vector<std::uint32_t> ids;
    ids.reserve(m.salient.size());
    for (const auto& w : m.salient) ids.push_back(id.at(w));
    t.of.push_back(std::move(ids));  // ascending: `salient` is sorted
  }
  return t;
}

double weight_of(const std::vector<std::uint32_t>& ids, const WordTable& t) {
  double w = 0;
  for (auto x : ids) w += t.idf[x];
  return w;
}

struct Agreement {
  double score = 0;
  std::vector<std::string> shared;  // heaviest first
};

Agreement agreement(std::size_t a, std::size_t b, const WordTable& t, const std::vector<double>& total) {
  Agreement out;
  std::vector<std::uint32_t> shared;
  std::set_intersection(t.of[a].begin(), t.of[a].end(), t.of[b].begin(), t.of[b].end(), std::back_inserter(shared));
  double denominator = std::min(total[a], total[b]);
  if (denominator <= 0) return out;
  out.score = weight_of(shared, t) / denominator;
  std::stable_sort(shared.begin(), shared.end(), [&](auto x, auto y) { return t.idf[x] > t.idf[y]; });
  if (shared.size() > 6) shared.resize(6);
  for (auto x : shared) out.shared.push_back(t.words[x]);
  return out;
}

// The smallest calendar unit (day, month, year, or everything) holding a
// period whole. Two compatible periods (one inside the other) have nested
// units, which is what lets the merge look only where a match can be.
using Unit = std::uint64_t;
constexpr Unit k_everything = Unit{3} << 32;

Unit make_unit(unsigned level, long value) { return (Unit{level} << 32) | static_cast<std::uint32_t>(value + (1L << 31)); }

Unit unit_of(const Period& p) {
  namespace chr = std::chrono;
  chr::year_month_day first(p.start), last(p.end - chr::days(1));
  if (p.end - p.start == chr::days(1)) return make_unit(0, p.start.time_since_epoch().count());
  if (first.year() != last.year()) return k_everything;
  long year = static_cast<int>(first.year());
  if (first.month() == last.month()) return make_unit(1, year * 12 + static_cast<long>(static_cast<unsigned>(first.month())) - 1);
  return make_unit(2, year);
}

// The units strictly holding `u`, innermost first.
std::vector<Unit> units_above(Unit u) {
  namespace chr = std::chrono;
  std::vector<Unit> out;
  unsigned level = static_cast<unsigned>(u >> 32);
  long value = static_cast<long>(static_cast<std::uint32_t>(u)) - (1L << 31);
  if (level == 0) {
    chr::year_month_day d{chr::sys_days(chr::days(value))};
    long year = static_cast<int>(d.year());
    out.push_back(make_unit(1, year * 12 + static_cast<long>(static_cast<unsigned>(d.month())) - 1));
    out.push_back(make_unit(2, year));
  } else if (level == 1) {
    long year = value >= 0 ? value / 12 : (value - 11) / 12;
    out.push_back(make_unit(2, year));
  }
  if (level < 3) out.push_back(k_everything);
  return out;
}

// Where earlier mentions are found by word: `at` lists mentions whose unit is
// exactly the key's, `within` those whose unit lies inside it; `all` is
// keyed by every word of a mention, `prefix` by its heaviest words only.
enum class Posting : std::uint8_t { all_at, all_within, prefix_at, prefix_within };

struct PostingKey {
  Unit unit;
  std::uint32_t word;
  Posting kind;
  bool operator==(const PostingKey&) const = default;
};

struct PostingHash {
  std::size_t operator()(const PostingKey& k) const {
    std::uint64_t h = k.unit * 0x9E3779B97F4A7C15ull ^ (std::uint64_t{k.word} << 2 | static_cast<std::uint64_t>(k.kind));
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return static_cast<std::size_t>(h ^ (h >> 32));
  }
};

// The heaviest words of a mention, just enough that any mention sharing none
// of them shares less than `threshold` of this one's weight (prefix
// filtering). A small margin keeps rounding on the side of more candidates.
std::vector<std::uint32_t> heavy_prefix(const std::vector<std::uint32_t>& ids, double total, double threshold,
                                        const WordTable& t) {
  std::vector<std::uint32_t> order = ids;
  std::stable_sort(order.begin(), order.end(), [&](auto x, auto y) { return t.idf[x] > t.idf[y]; });
  double rest = total;
  double floor = threshold * total * (1 - 1e-9);
  std::size_t k = 0;
  while (k < order.size() && rest >= floor) rest -= t.idf[order[k++]];
  order.resize(k);
  return order;
}

// Earlier new-event mentions that may join mention `j`: all those that could
// pass the threshold, or repeat its sentence, met in ascending order.
class MergeIndex {
 public:
  MergeIndex(const WordTable& words, const std::vector<double>& total) : m_words(words), m_total(total) {}

  // Calls `visit(i)` for candidate i < j in ascending order until it returns true.
  template <class Visit>
  void candidates(std::size_t j, const Period& period, const std::string& folded, Visit visit) {
    Unit unit = unit_of(period);
    std::vector<Unit> above = units_above(unit);
    std::vector<std::uint32_t> prefix = heavy_prefix(m_words.of[j], m_total[j], k_merge_threshold, m_words);
    m_lists.clear();
    auto add = [&](Unit u, std::uint32_t w, Posting p) {
      auto it = m_postings.find({u, w, p});
      if (it != m_postings.end()) m_lists.push_back(&it->second);
    };
    for (auto w : prefix) {  // mentions at least as heavy: they hold a heavy word of j
      add(unit, w, Posting::all_within);
      for (Unit u : above) add(u, w, Posting::all_at);
    }
    for (auto w : m_words.of[j]) {  // lighter mentions: j holds a heavy word of theirs
      add(unit, w, Posting::prefix_within);
      for (Unit u : above) add(u, w, Posting::prefix_at);
    }
    if (auto it = m_same.find(folded); it != m_same.end()) m_lists.push_back(&it->second);
    // k-way merge of ascending lists, each candidate once.
    using Head = std::pair<std::uint32_t, std::size_t>;  // value, list
    std::vector<std::size_t> pos(m_lists.size(), 0);
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heap;
    for (std::size_t l = 0; l < m_lists.size(); ++l) heap.push({(*m_lists[l])[0], l});
    std::int64_t last = -1;
    while (!heap.empty()) {
      auto [value, l] = heap.top();
      heap.pop();
      if (++pos[l] < m_lists[l]->size()) heap.push({(*m_lists[l])[pos[l]], l});
      if (static_cast<std::int64_t>(value) == last) continue;
      last = value;
      if (visit(static_cast<std::size_t>(value))) return;
    }
  }

  void insert(std::size_t j, const Period& period, std::string folded) {
    auto index = static_cast<std::uint32_t>(j);
    Unit unit = unit_of(period);
    std::vector<Unit> above = units_above(unit);
    bool day = (unit >> 32) == 0;  // nothing lies strictly inside a day: `at` keys of days are never asked
    for (auto w : m_words.of[j]) {
      if (!day) m_postings[{unit, w, Posting::all_at}].push_back(index);
      m_postings[{unit, w, Posting::all_within}].push_back(index);
      for (Unit u : above) m_postings[{u, w, Posting::all_within}].push_back(index);
    }
    for (auto w : heavy_prefix(m_words.of[j], m_total[j], k_merge_threshold, m_words)) {
      if (!day) m_postings[{unit, w, Posting::prefix_at}].push_back(index);
      m_postings[{unit, w, Posting::prefix_within}].push_back(index);
      for (Unit u : above) m_postings[{u, w, Posting::prefix_within}].push_back(index);
    }
    m_same[std::move(folded)].push_back(index);
  }

 private:
  const WordTable& m_words;
  const std::vector<double>& m_total;
  std::unordered_map<PostingKey, std::vector<std::uint32_t>, PostingHash> m_postings;
  std::unordered_map<std::string, std::vector<std::uint32_t>> m_same;  // by folded sentence
  std::vector<const std::vector<std::uint32_t>*> m_lists;
};

// Citations in order, each sentence once. A sentence repeated word for word
// by another source (syndicated or copied text) stays cited but adds no
// independent source.
void finish_citations(Event& e) {
  std::sort(e.citations.begin(), e.citations.end(), citation_before);
  std::vector<Citation> kept;
  std::set<std::pair<std::string, std::size_t>> places;
  for (auto& c : e.citations)
    if (places.insert({c.source, c.start}).second) kept.push_back(std::move(c));  // several dates: cited once
  e.citations = std::move(kept);
  std::set<std::string> quotes, sources;
  for (const auto& c : e.citations)
    if (quotes.insert(text::fold_spaces(c.quote)).second) sources.insert(c.source);
  e.source_count = sources.size();
}

std::string new_event_id(const DateValue& date, const Citation& first) {
  return "ev-" + sha256_hex(date.value + "\n" + text::fold_spaces(first.quote)).substr(0, 12);
}

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

Timeline build_timeline(std::string title, std::vector<DocumentRecord> records, const EventKnowledge& events) {
  Timeline timeline;
  timeline.title = std::move(title);
  std::vector<Mention> catalogued, fresh;
  std::vector<Conflict> conflicts;
  for (auto& record : records) {
    for (auto& m : record.mentions) (m.catalog_id.empty() ? fresh : catalogued).push_back(std::move(m));
    for (auto& c : record.conflicts) conflicts.push_back(std::move(c));
    for (auto& u : record.undated) timeline.undated.push_back(std::move(u));
    for (auto& d : record.dropped) timeline.review.push_back(std::move(d));
    timeline.sources.push_back(std::move(record.source));
  }
  for (const auto& u : timeline.undated) timeline.review.push_back({"undated", "on topic, reports an event, no date and no catalog link", u});

  // Catalog events: one per catalog id, dated by the catalog, refined by the
  // text when every text date is finer and they agree.
  std::map<std::string, Event> by_catalog;
  std::map<std::string, std::set<std::string>> finer_dates;  // text dates finer than the catalog's, by catalog id
  std::map<std::string, DateValue> finer_value;
  // In citation order, so each event's reasons read in source and byte order.
  std::stable_sort(catalogued.begin(), catalogued.end(), [](const Mention& a, const Mention& b) {
    return std::tie(a.citation.source, a.citation.start, a.citation.end, a.citation.date_text, a.trigger) <
           std::tie(b.citation.source, b.citation.start, b.citation.end, b.citation.date_text, b.trigger);
  });
  for (auto& m : catalogued) {
    Event& e = by_catalog[m.catalog_id];
    if (e.id.empty()) {
      e.id = m.catalog_id;
      e.catalog_id = m.catalog_id;
    }
    e.merged_because.push_back(fmt::format("{}@{}: catalog event {} (trigger \"{}\")", m.citation.source,
                                           m.citation.start, m.catalog_id, m.trigger));
    if (!m.citation.date_text.empty()) {
      finer_dates[m.catalog_id].insert(m.date.value);
      finer_value[m.date.value] = m.date;
    }
    e.citations.push_back(std::move(m.citation));
  }
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
    if (finer.size() == 1 && finer_value[*finer.begin()].precision > ce->date.precision) e.date = finer_value[*finer.begin()];
    for (auto& c : conflicts)
      if (c.catalog_id == id) e.conflicts.push_back(c);
    finish_citations(e);
    timeline.events.push_back(std::move(e));
  }

  // New events: mentions with compatible dates whose words agree.
  std::sort(fresh.begin(), fresh.end(), mention_before);
  WordTable words = word_table(fresh);
  std::vector<double> total;
  total.reserve(fresh.size());
  for (std::size_t i = 0; i < fresh.size(); ++i) total.push_back(weight_of(words.of[i], words));
  MergeIndex index(words, total);
  UnionFind groups(fresh.size());
  std::map<std::size_t, std::vector<std::string>> reasons;  // by the later mention's index
  for (std::size_t j = 0; j < fresh.size(); ++j) {
    std::string folded = text::fold_spaces(fresh[j].citation.quote);
    // Joined to the earliest agreeing mention; the rest follows through it.
    index.candidates(j, fresh[j].date.period, folded, [&](std::size_t i) {
      if (!compatible(fresh[i].date, fresh[j].date)) return false;
      bool same_sentence = text::fold_spaces(fresh[i].citation.quote) == folded;
      Agreement a = agreement(i, j, words, total);
      if (!same_sentence && a.score < k_merge_threshold) return false;
      std::string why =
          same_sentence ? fmt::format("{}@{} repeats {}@{} word for word", fresh[j].citation.source,
                                      fresh[j].citation.start, fresh[i].citation.source, fresh[i].citation.start)
                        : fmt::format("{}@{} and {}@{}: dates {} and {} agree; shared words {} (score {:.2f})",
                                      fresh[i].citation.source, fresh[i].citation.start, fresh[j].citation.source,
                                      fresh[j].citation.start, fresh[i].date.value, fresh[j].date.value,
                                      fmt::join(a.shared, ", "), a.score);
      if (!same_sentence && a.score < k_strong_merge)
        timeline.review.push_back({"weak-merge", why, fresh[j].citation});
      groups.unite(i, j);
      reasons[j].push_back(why);
      return true;
    });
    index.insert(j, fresh[j].date.period, std::move(folded));
  }
  std::map<std::size_t, Event> by_group;
  for (std::size_t i = 0; i < fresh.size(); ++i) {
    Event& e = by_group[groups.find(i)];
    if (e.citations.empty() || fresh[i].date.precision > e.date.precision) e.date = fresh[i].date;
    for (auto& r : reasons[i]) e.merged_because.push_back(std::move(r));
    e.citations.push_back(fresh[i].citation);
  }
  for (auto& [root, e] : by_group) {
    finish_citations(e);
    e.id = new_event_id(e.date, e.citations.front());
    e.title = title_from_sentence(e.citations.front().quote);
    timeline.events.push_back(std::move(e));
  }

  std::sort(timeline.events.begin(), timeline.events.end(), [](const Event& a, const Event& b) {
    if (date_value_before(a.date, b.date)) return true;
    if (date_value_before(b.date, a.date)) return false;
    return a.id < b.id;
  });
  std::sort(timeline.sources.begin(), timeline.sources.end(),
            [](const SourceInfo& a, const SourceInfo& b) { return a.id < b.id; });
  std::sort(timeline.undated.begin(), timeline.undated.end(), citation_before);
  std::sort(timeline.review.begin(), timeline.review.end(), [](const ReviewItem& a, const ReviewItem& b) {
    return std::tie(a.reason, a.citation.source, a.citation.start, a.citation.date_text, a.detail) <
           std::tie(b.reason, b.citation.source, b.citation.start, b.citation.date_text, b.detail);
  });
  return timeline;
}

}  // namespace mstl
