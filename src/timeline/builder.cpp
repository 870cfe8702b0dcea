// build_timeline: mentions from every source merged into events
// (timeline.hpp, docs/events.md).
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
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

// Rarity weights of salient words over all new-event mentions: a word in
// every mention says nothing about which event a mention reports.
std::map<std::string, double> idf_weights(const std::vector<Mention>& mentions) {
  std::map<std::string, std::size_t> df;
  for (const auto& m : mentions)
    for (const auto& w : m.salient) ++df[w];
  std::map<std::string, double> idf;
  double n = static_cast<double>(mentions.size());
  for (const auto& [w, count] : df) idf[w] = std::log((n + 1.0) / static_cast<double>(count)) + 1.0;
  return idf;
}

struct Agreement {
  double score = 0;
  std::vector<std::string> shared;  // heaviest first
};

Agreement agreement(const Mention& a, const Mention& b, const std::map<std::string, double>& idf) {
  auto weight = [&](const std::vector<std::string>& words) {
    double w = 0;
    for (const auto& x : words) w += idf.at(x);
    return w;
  };
  Agreement out;
  std::set_intersection(a.salient.begin(), a.salient.end(), b.salient.begin(), b.salient.end(),
                        std::back_inserter(out.shared));
  double denominator = std::min(weight(a.salient), weight(b.salient));
  if (denominator <= 0) return out;
  out.score = weight(out.shared) / denominator;
  std::stable_sort(out.shared.begin(), out.shared.end(),
                   [&](const std::string& x, const std::string& y) { return idf.at(x) > idf.at(y); });
  if (out.shared.size() > 6) out.shared.resize(6);
  return out;
}

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
  auto idf = idf_weights(fresh);
  UnionFind groups(fresh.size());
  std::map<std::size_t, std::vector<std::string>> reasons;  // by the later mention's index
  for (std::size_t j = 0; j < fresh.size(); ++j) {
    for (std::size_t i = 0; i < j; ++i) {
      if (!compatible(fresh[i].date, fresh[j].date)) continue;
      bool same_sentence = text::fold_spaces(fresh[i].citation.quote) == text::fold_spaces(fresh[j].citation.quote);
      Agreement a = agreement(fresh[i], fresh[j], idf);
      if (!same_sentence && a.score < k_merge_threshold) continue;
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
      break;  // joined to the earliest agreeing mention; the rest follows through it
    }
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
