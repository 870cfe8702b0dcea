// build_timeline: mentions from every source merged into events
// (timeline.hpp, docs/events.md).
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <queue>
#include <unordered_map>
#include <unordered_set>
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

// Weighted overlap of two mentions' words: shared weight over the lighter
// mention's weight, 0..1.
double agreement_score(std::size_t a, std::size_t b, const WordTable& t, const std::vector<double>& total) {
  double denominator = std::min(total[a], total[b]);
  if (denominator <= 0) return 0;
  double shared = 0;
  const auto &x = t.of[a], &y = t.of[b];
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
  std::set_intersection(t.of[a].begin(), t.of[a].end(), t.of[b].begin(), t.of[b].end(), std::back_inserter(shared));
  std::stable_sort(shared.begin(), shared.end(), [&](auto x, auto y) { return t.idf[x] > t.idf[y]; });
  if (shared.size() > 6) shared.resize(6);
  std::vector<std::string> out;
  for (auto x : shared) out.push_back(t.words[x]);
  return out;
}

// Calendar units: days inside months inside years inside everything. A
// period's unit is the smallest one holding it whole; units nest, which is
// what lets the merge look only where a compatible date can be.
using Unit = std::uint64_t;
constexpr Unit k_everything = Unit{3} << 32;

namespace chr = std::chrono;

Unit make_unit(unsigned level, long value) { return (Unit{level} << 32) | static_cast<std::uint32_t>(value + (1L << 31)); }
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

// The units strictly holding `u`, innermost first.
std::vector<Unit> units_above(Unit u) {
  std::vector<Unit> out;
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
// more than `limit` pieces.
std::vector<Unit> pieces_of(const Period& p, std::size_t limit) {
  std::vector<Unit> out;
  for (chr::sys_days d = p.start; d < p.end;) {
    if (out.size() == limit) return {};
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
  return out;
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
  bool operator==(const PostingKey&) const = default;
};

struct PostingHash {
  std::size_t operator()(const PostingKey& k) const {
    std::uint64_t h = k.where * 0x9E3779B97F4A7C15ull ^ (std::uint64_t{k.word} << 3 | static_cast<std::uint64_t>(k.kind));
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
class MergeIndex {
 public:
  // Past this many pieces (a period of centuries) every class holding a word
  // is a candidate and the date check does the rest.
  static constexpr std::size_t k_max_pieces = 400;

  MergeIndex(const WordTable& words, const std::vector<double>& total) : m_words(words), m_total(total) {}

  // The earliest i < j (all inserted) with a compatible period that repeats
  // sentence `sentence` or for which `agrees(i)` holds.
  template <class Agrees>
  std::optional<std::size_t> earliest(std::size_t j, const Period& period, std::uint32_t sentence, Agrees agrees) {
    auto compatible = [&](const Period& p) { return period_contains(p, period) || period_contains(period, p); };
    std::vector<Unit> pieces = pieces_of(period, k_max_pieces);
    if (pieces.empty()) pieces.push_back(k_everything);
    std::set<Unit> above;
    for (Unit piece : pieces)
      for (Unit u : units_above(piece)) above.insert(u);
    for (Unit u : pieces) above.erase(u);
    std::vector<std::uint64_t> periods;  // compatible periods registered at the units above the pieces
    for (Unit u : above)
      if (auto it = m_periods.find(u); it != m_periods.end())
        for (const Period& p : it->second)
          if (compatible(p)) periods.push_back(period_key(p));
    auto add = [&](std::uint64_t where, std::uint32_t w, Posting kind) {
      auto it = m_postings.find({where, w, kind});
      if (it != m_postings.end()) m_lists.push_back(&it->second);
    };
    auto look = [&](const std::vector<std::uint32_t>& words, Posting within, Posting at) {
      for (auto w : words) {
        for (Unit piece : pieces) add(piece, w, within);
        for (auto p : periods) add(p, w, at);
      }
    };
    // The earliest compatible mention repeating the sentence.
    std::optional<std::size_t> repeat;
    m_lists.clear();
    look({sentence}, Posting::sentence_within, Posting::sentence_at);
    ascending(m_repeats, [&](const Class& k) {
      if (!compatible(k.period)) return false;
      repeat = k.first;
      return true;
    });
    // The earliest compatible mention whose words agree, if before it.
    std::optional<std::size_t> agreeing;
    m_lists.clear();
    m_prefix = heavy_prefix(m_words.of[j], m_total[j], k_merge_threshold, m_words);  // insert(j) reuses it
    m_prefix_of = j;
    look(m_prefix, Posting::all_within,
         Posting::all_at);                                             // as heavy: they hold a heavy word of j
    look(m_words.of[j], Posting::prefix_within, Posting::prefix_at);  // lighter: j holds a heavy word of theirs
    ascending(m_classes, [&](const Class& k) {
      if (repeat && k.first > *repeat) return true;
      if (!compatible(k.period) || !agrees(k.first)) return false;
      agreeing = k.first;
      return true;
    });
    return agreeing ? agreeing : repeat;
  }

  void insert(std::size_t j, const Period& period, std::uint32_t sentence) {
    auto index = static_cast<std::uint32_t>(j);
    Unit unit = unit_of(period);
    std::vector<Unit> above = units_above(unit);
    bool day = is_day(unit);  // a day is its own unit: found `within`, never `at`
    if (!day && m_registered.insert(period_key(period)).second) m_periods[unit].push_back(period);
    auto post = [&](std::uint32_t c, const std::vector<std::uint32_t>& ws, Posting within, Posting at) {
      for (auto w : ws) {
        if (!day) m_postings[{period_key(period), w, at}].push_back(c);
        m_postings[{unit, w, within}].push_back(c);
        for (Unit u : above) m_postings[{u, w, within}].push_back(c);
      }
    };
    auto [r, new_repeat] =
        m_repeat_ids.try_emplace({sentence, period_key(period)}, static_cast<std::uint32_t>(m_repeats.size()));
    if (new_repeat) {
      m_repeats.push_back({index, period});
      post(r->second, {sentence}, Posting::sentence_within, Posting::sentence_at);
    }
    std::uint32_t words =
        m_word_sets.try_emplace(m_words.of[j], static_cast<std::uint32_t>(m_word_sets.size())).first->second;
    auto [it, new_class] =
        m_class_ids.try_emplace({words, period_key(period)}, static_cast<std::uint32_t>(m_classes.size()));
    if (!new_class) return;  // its class is indexed already
    m_classes.push_back({index, period});
    post(it->second, m_words.of[j], Posting::all_within, Posting::all_at);
    if (m_prefix_of != j) m_prefix = heavy_prefix(m_words.of[j], m_total[j], k_merge_threshold, m_words);
    post(it->second, m_prefix, Posting::prefix_within,
         Posting::prefix_at);
  }

 private:
  struct Class {
    std::uint32_t first;  // its earliest mention
    Period period;
  };

  // Visits the classes of m_lists (ascending lists of ids into `classes`) in
  // ascending order, each once, until `stop` returns true: a k-way merge.
  template <class Stop>
  void ascending(const std::vector<Class>& classes, Stop stop) {
    using Head = std::pair<std::uint32_t, std::size_t>;  // class, list
    std::vector<std::size_t> pos(m_lists.size(), 0);
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heap;
    for (std::size_t l = 0; l < m_lists.size(); ++l) heap.push({(*m_lists[l])[0], l});
    std::int64_t last = -1;
    while (!heap.empty()) {
      auto [c, l] = heap.top();
      heap.pop();
      if (++pos[l] < m_lists[l]->size()) heap.push({(*m_lists[l])[pos[l]], l});
      if (static_cast<std::int64_t>(c) == last) continue;
      last = c;
      if (stop(classes[c])) return;
    }
  }
  struct VectorHash {
    std::size_t operator()(const std::vector<std::uint32_t>& v) const {
      std::uint64_t h = 0xcbf29ce484222325ull;
      for (auto x : v) h = (h ^ x) * 0x100000001b3ull;
      return static_cast<std::size_t>(h);
    }
  };
  struct PairHash {
    std::size_t operator()(const std::pair<std::uint32_t, std::uint64_t>& p) const {
      return PostingHash{}({p.second, p.first, Posting::all_at});
    }
  };

  const WordTable& m_words;
  const std::vector<double>& m_total;
  std::unordered_map<std::vector<std::uint32_t>, std::uint32_t, VectorHash> m_word_sets;
  std::unordered_map<std::pair<std::uint32_t, std::uint64_t>, std::uint32_t, PairHash> m_class_ids;
  std::vector<Class> m_classes;  // mentions by word set and period
  std::unordered_map<std::pair<std::uint32_t, std::uint64_t>, std::uint32_t, PairHash> m_repeat_ids;
  std::vector<Class> m_repeats;  // mentions by sentence and period
  std::unordered_map<PostingKey, std::vector<std::uint32_t>, PostingHash> m_postings;  // class ids, ascending
  std::unordered_map<Unit, std::vector<Period>> m_periods;  // distinct periods other than days, by unit
  std::unordered_set<std::uint64_t> m_registered;           // period_key of each
  std::vector<const std::vector<std::uint32_t>*> m_lists;
  std::vector<std::uint32_t> m_prefix;  // heavy_prefix of mention m_prefix_of
  std::size_t m_prefix_of = SIZE_MAX;
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
  records.clear();  // only moved-from shells are left
  records.shrink_to_fit();
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
  for (auto& m : fresh) std::vector<std::string>().swap(m.salient);  // the table holds them as ids now
  std::vector<double> total;
  total.reserve(fresh.size());
  for (std::size_t i = 0; i < fresh.size(); ++i) total.push_back(weight_of(words.of[i], words));
  // Each distinct sentence (white space folded) gets an id: a mention repeating
  // an earlier one's sentence joins it whatever their words.
  std::vector<std::uint32_t> sentence_of;
  {
    std::unordered_map<std::string, std::uint32_t> ids;
    sentence_of.reserve(fresh.size());
    for (const auto& m : fresh)
      sentence_of.push_back(
          ids.try_emplace(text::fold_spaces(m.citation.quote), static_cast<std::uint32_t>(ids.size())).first->second);
  }
  MergeIndex index(words, total);
  UnionFind groups(fresh.size());
  std::map<std::size_t, std::vector<std::string>> reasons;  // by the later mention's index
  for (std::size_t j = 0; j < fresh.size(); ++j) {
    // Joined to the earliest agreeing mention; the rest follows through it.
    auto found = index.earliest(j, fresh[j].date.period, sentence_of[j],
                                [&](std::size_t i) { return agreement_score(i, j, words, total) >= k_merge_threshold; });
    if (found) {
      std::size_t i = *found;
      bool same_sentence = sentence_of[i] == sentence_of[j];
      double score = same_sentence ? 0 : agreement_score(i, j, words, total);
      std::string why =
          same_sentence ? fmt::format("{}@{} repeats {}@{} word for word", fresh[j].citation.source,
                                      fresh[j].citation.start, fresh[i].citation.source, fresh[i].citation.start)
                        : fmt::format("{}@{} and {}@{}: dates {} and {} agree; shared words {} (score {:.2f})",
                                      fresh[i].citation.source, fresh[i].citation.start, fresh[j].citation.source,
                                      fresh[j].citation.start, fresh[i].date.value, fresh[j].date.value,
                                      fmt::join(shared_words(i, j, words), ", "), score);
      if (!same_sentence && score < k_strong_merge) timeline.review.push_back({"weak-merge", why, fresh[j].citation});
      groups.unite(i, j);
      reasons[j].push_back(why);
    }
    index.insert(j, fresh[j].date.period, sentence_of[j]);
  }
  std::map<std::size_t, Event> by_group;
  for (std::size_t i = 0; i < fresh.size(); ++i) {
    Event& e = by_group[groups.find(i)];
    if (e.citations.empty() || fresh[i].date.precision > e.date.precision) e.date = fresh[i].date;
    for (auto& r : reasons[i]) e.merged_because.push_back(std::move(r));
    e.citations.push_back(std::move(fresh[i].citation));
  }
  std::vector<Mention>().swap(fresh);
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
