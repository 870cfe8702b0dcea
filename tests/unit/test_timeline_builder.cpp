#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <random>
#include <set>

#include <fmt/format.h>

#include "mstimeline/merge_rule.hpp"
#include "mstimeline/sha256.hpp"
#include "mstimeline/timeline.hpp"
#include "support/support.hpp"

using namespace mstl;

namespace {

Article article(const std::string& id, const std::string& bytes, std::size_t text_begin = 0) {
  Article a;
  a.info.id = id;
  a.info.path = id + ".txt";
  a.info.sha256 = sha256_hex(bytes);
  a.bytes = bytes;
  a.decoding.text_begin = text_begin;
  return a;
}

std::vector<std::string> dates(const Timeline& t) {
  std::vector<std::string> out;
  for (const auto& e : t.events) out.push_back(e.date.value);
  return out;
}

}  // namespace

TEST_CASE("each dated sentence becomes a mention citing the sentence's bytes", "[timeline]") {
  std::string bytes =
      "\xEF\xBB\xBFJudul tanpa tanggal\r\nPerjanjian ini menyusul investasi pada tahun 2019 dan 2021.\r\n"
      "Advertisement\r\nAltspaceVR ditutup pada 10 Maret 2023.\r\n";
  DocumentRecord r = extract_document(article("a", bytes, 3), test::knowledge());
  CHECK(r.source.language == "id");
  REQUIRE(r.mentions.size() == 3);
  for (const auto& m : r.mentions) {
    INFO(m.citation.quote);
    CHECK(bytes.substr(m.citation.start, m.citation.end - m.citation.start) == m.citation.quote);
  }
  CHECK(r.mentions[0].date.value == "2019");
  CHECK(r.mentions[0].citation.quote == "Perjanjian ini menyusul investasi pada tahun 2019 dan 2021.");
  CHECK(r.mentions[0].citation.start == bytes.find("Perjanjian"));
  CHECK(r.mentions[0].citation.date_text == "tahun 2019");
  CHECK(r.mentions[1].date.value == "2021");
  CHECK(r.mentions[1].citation.date_text == "2021");
  CHECK(r.mentions[2].date.value == "2023-03-10");
}

TEST_CASE("a sentence repeated within an article is cited once", "[timeline]") {
  std::string s = "Kemitraan diperpanjang pada 10 Maret 2023.\n";
  DocumentRecord r = extract_document(article("a", s + "Lain.\n" + s), test::knowledge());
  REQUIRE(r.mentions.size() == 1);
  CHECK(r.mentions[0].citation.start == 0);
}

TEST_CASE("the same dated sentence in two sources is one event with both citations", "[timeline]") {
  std::string s = "Microsoft berinvestasi pada tahun 2019.\n";
  auto a = extract_document(article("b", "Pembuka.\n" + s), test::knowledge());
  auto b = extract_document(article("a", s), test::knowledge());
  EventKnowledge events;
  events.date_links = {"pada"};
  Timeline t = build_timeline("T", {a, b}, events);
  REQUIRE(t.events.size() == 1);
  REQUIRE(t.events[0].citations.size() == 2);
  CHECK(t.events[0].citations[0].source == "a");  // ordered by source id
  CHECK(t.events[0].citations[1].source == "b");
  CHECK(t.events[0].citations[1].start == 9);
  CHECK(t.events[0].title == "Microsoft berinvestasi.");  // the date stands beside the title
  CHECK(t.events[0].source_count == 1);                   // a copied sentence is not an independent source
  REQUIRE(t.events[0].merged_because.size() == 1);
  CHECK(t.events[0].merged_because[0] == "b@9 repeats a@0 word for word");
}

TEST_CASE("events are ordered by period start, coarser first, and ids do not depend on input order", "[timeline]") {
  std::string text =
      "Kesepakatan diteken Rabu (25/1/2023).\nKerja sama diumumkan Januari 2023.\nTarget berlaku tahun 2023.\n"
      "Investasi awal pada 2019.\n";
  auto one = extract_document(article("x", text), test::knowledge());
  auto two = extract_document(article("y", "Sejak 2019 kerja sama berjalan.\n"), test::knowledge());
  Timeline forward = build_timeline("T", {one, two});
  Timeline backward = build_timeline("T", {two, one});
  CHECK(dates(forward) == std::vector<std::string>{"2019", "2019", "2023", "2023-01", "2023-01-25"});
  REQUIRE(forward.events.size() == backward.events.size());
  for (std::size_t i = 0; i < forward.events.size(); ++i) CHECK(forward.events[i].id == backward.events[i].id);
  CHECK(forward.events[0].id < forward.events[1].id);  // equal dates: by id
  CHECK(forward.sources[0].id == "x");
  CHECK(backward.sources[0].id == "x");
}

TEST_CASE("a new event's headline leaves out the dateline, its date with its link word and the aside after it",
          "[timeline]") {
  const std::vector<std::string> links = {"on", "pada", "sejak"};  // sorted, as date_links_of gives them
  const std::vector<std::string> frames = {"according to", "dikutip", "kata", "menyebutkan", "said"};
  CHECK(headline_from_citation("NEW YORK, KOMPAS.com - Harga minyak turun pada Selasa (18/11/2014) waktu setempat "
                               "(Rabu pagi WIB), karena keraguan.",
                               "Selasa (18/11/2014)", links, frames) == "Harga minyak turun, karena keraguan.");
  CHECK(headline_from_citation("EIA pada Selasa memangkas proyeksi harga.", "Selasa", links, frames) ==
        "EIA memangkas proyeksi harga.");
  CHECK(headline_from_citation("Pada 5 Agustus 2024, OpenAI meresmikan laboratorium.", "5 Agustus 2024", links,
                               frames) == "OpenAI meresmikan laboratorium.");
  // "said" is no link word: it stays.
  CHECK(headline_from_citation("President Bill Clinton said Thursday that he had ordered the strikes.", "Thursday",
                               links, frames) == "President Bill Clinton said that he had ordered the strikes.");
  CHECK(headline_from_citation("Oil fell on Monday.", "Monday", links, frames) == "Oil fell.");
  CHECK(headline_from_citation("Oil fell on Monday.", "", links, frames) == "Oil fell on Monday.");
  CHECK(headline_from_citation("Markets - a long sentence with a dash in the middle of many words - went on.", "",
                               links, frames) ==
        "Markets - a long sentence with a dash in the middle of many words - went on.");
  CHECK(headline_from_citation("Selasa (18/11/2014)", "Selasa (18/11/2014)", links, frames) == "Selasa (18/11/2014)");
  // A thousands dot is no site's dot: no dateline here.
  CHECK(headline_from_citation("Harga Premium Rp 6.500 - naik menjadi Rp 8.500.", "", links, frames) ==
        "Harga Premium Rp 6.500 - naik menjadi Rp 8.500.");
  CHECK(headline_from_citation("Lingkup.id - OpenAI berjanji.", "", links, frames) == "OpenAI berjanji.");
}

TEST_CASE("a new event's headline leaves out the reporting frame it opens or closes with", "[timeline]") {
  const std::vector<std::string> links = {"pada"};
  const std::vector<std::string> frames = {"according to", "dikutip", "kata", "menyebutkan", "said"};
  // Opening clauses with a frame, and the short one after them (a date).
  CHECK(headline_from_citation("Microsoft menyebutkan, seperti dikutip dari laman resminya, Rabu (25/1/2023), "
                               "perjanjian ini menyusul investasi pada 2019.",
                               "2019", links, frames) == "Perjanjian ini menyusul investasi.");
  CHECK(headline_from_citation("According to the EIA, crude stocks rose by 2.6 million barrels.", "", links, frames) ==
        "Crude stocks rose by 2.6 million barrels.");
  // A closing frame after a quotation.
  CHECK(headline_from_citation("\"Harga minyak akan kami hitung ulang,\" kata Sudirman, Selasa (2/12/2014).",
                               "Selasa (2/12/2014)", links, frames) == "Harga minyak akan kami hitung ulang.");
  CHECK(headline_from_citation("Harga minyak turun, kata analis, karena pasokan berlimpah.", "", links, frames) ==
        "Harga minyak turun.");
  // Not a frame: the first clause holds none and the last opens with none, or too little would stay.
  CHECK(headline_from_citation("Harga minyak turun, seperti dikutip banyak media.", "", links, frames) ==
        "Harga minyak turun, seperti dikutip banyak media.");
  CHECK(headline_from_citation("Harga minyak turun, karena pasokan berlimpah.", "", links, frames) ==
        "Harga minyak turun, karena pasokan berlimpah.");
  CHECK(headline_from_citation("Sudirman said, twice.", "", links, frames) == "Sudirman said, twice.");
  // After a frame word, a long clause is what was said.
  CHECK(headline_from_citation("Presiden Nicolas Maduro, Senin, kata sumber itu akan ada pertemuan OPEC dan produsen "
                               "non-OPEC untuk mengatasi penurunan harga.",
                               "Senin", links, frames) ==
        "Presiden Nicolas Maduro, kata sumber itu akan ada pertemuan OPEC dan produsen non-OPEC untuk mengatasi "
        "penurunan harga.");
  // A date removed before the stop takes its comma along.
  CHECK(headline_from_citation("Menteri Ali Al-Naimi mengatakan kepada wartawan, Rabu.", "Rabu", links, frames) ==
        "Menteri Ali Al-Naimi mengatakan kepada wartawan.");
}

TEST_CASE("titles are folded and cut at a word boundary", "[timeline]") {
  CHECK(title_from_sentence("  Satu\r\n dua   tiga ") == "Satu dua tiga");
  CHECK(title_from_sentence("alpha beta, gamma delta", 12) == "alpha beta…");
  CHECK(title_from_sentence("Jum’at Jum’at Jum’at", 9) == "Jum’at…");
}

namespace {

// The merge rule (merge_rule.hpp) applied the plain way: every new-event
// mention is compared with every earlier one (dates in order), and joins the
// first whose date is compatible and whose sentence is the same or whose
// rarity-weighted shared words reach the rule's threshold; failing that, the
// first of its source on the same day; and it joins that one's event only
// when its date is compatible with every date the event holds.
std::set<std::set<std::size_t>> pairwise_groups(std::vector<Mention> ms) {
  std::map<std::string, std::size_t> df;
  for (const auto& m : ms)
    for (auto w : m.salient) ++df[std::string(w)];
  auto idf = [&](const std::string& w) {
    return std::log((static_cast<double>(ms.size()) + 1.0) / static_cast<double>(df[w])) + 1.0;
  };
  auto weight = [&](const std::vector<std::string>& words) {
    double sum = 0;
    for (const auto& w : words) sum += idf(w);
    return sum;
  };
  auto words_of = [](const Mention& m) {
    std::vector<std::string> out;
    for (auto w : m.salient) out.emplace_back(w);
    return out;
  };
  std::stable_sort(ms.begin(), ms.end(), [](const Mention& a, const Mention& b) {
    if (date_value_before(a.date, b.date)) return true;
    if (date_value_before(b.date, a.date)) return false;
    return std::tie(a.citation.source, a.citation.start) < std::tie(b.citation.source, b.citation.start);
  });
  std::vector<std::size_t> root(ms.size());
  for (std::size_t j = 0; j < ms.size(); ++j) {
    root[j] = j;
    std::optional<std::size_t> candidate;
    for (std::size_t i = 0; i < j && !candidate; ++i) {
      if (!merge_rule::dates_compatible(ms[i].date.period, ms[j].date.period)) continue;
      std::vector<std::string> a = words_of(ms[i]), b = words_of(ms[j]), shared;
      std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
      double lighter = std::min(weight(a), weight(b));
      bool agree =
          lighter > 0 && merge_rule::words_agree(weight(shared) / lighter, ms[i].date.value == ms[j].date.value);
      if (ms[i].citation.quote == ms[j].citation.quote || agree) candidate = i;
    }
    // Else the source's first mention of the same day, if any.
    for (std::size_t i = 0; i < j && !candidate; ++i) {
      if (ms[i].citation.source != ms[j].citation.source || ms[i].date.value != ms[j].date.value) continue;
      std::vector<std::string> a = words_of(ms[i]), b = words_of(ms[j]), shared;
      std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
      double lighter = std::min(weight(a), weight(b));
      if (merge_rule::same_source_day(true, ms[i].date, ms[j].date, lighter > 0 ? weight(shared) / lighter : 0))
        candidate = i;
      break;  // the source's first mention of the day, whether it qualifies or not
    }
    // It joins only when its date is compatible with every date of that event.
    bool fits = candidate.has_value();
    for (std::size_t k = 0; k < j && fits; ++k)
      if (root[k] == root[*candidate]) fits = merge_rule::dates_compatible(ms[k].date.period, ms[j].date.period);
    if (fits) root[j] = root[*candidate];
  }
  std::map<std::size_t, std::set<std::size_t>> groups;
  for (std::size_t j = 0; j < ms.size(); ++j) groups[root[j]].insert(ms[j].citation.start);
  std::set<std::set<std::size_t>> out;
  for (auto& [r, g] : groups) out.insert(g);
  return out;
}

}  // namespace

TEST_CASE("new events merge exactly as comparing every pair would, across all date precisions", "[timeline]") {
  // Periods that nest and overlap in every way the calendar units allow: a
  // week across two months, a week across two years, halves, quarters.
  const std::vector<std::string> values = {
      "2023",    "2023-H2", "2023-Q4", "2023-11",    "2023-12",    "2023-W46",   "2023-W48",   "2024-W01",  "2025-W01",
      "2024-12", "2024",    "2025",    "2023-11-17", "2023-11-30", "2023-12-01", "2024-12-30", "2025-01-02"};
  const std::vector<std::string> vocabulary = {"microsoft", "openai",    "investasi", "miliar", "altman",   "dewan",
                                               "azure",     "kemitraan", "10",        "13",     "stargate", "model"};
  for (unsigned seed = 1; seed <= 40; ++seed) {
    std::mt19937 random(seed);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
    // Two sources, so that both the same-date threshold between sources and
    // the rule for one source's day are at work.
    std::vector<DocumentRecord> records(2);
    records[0].source.id = "s";
    records[1].source.id = "t";
    std::vector<Mention> all;
    std::size_t count = 30 + pick(90);
    for (std::size_t k = 0; k < count; ++k) {
      Mention m;
      m.date = *parse_date_value(values[pick(values.size())]);
      std::set<std::string> words;
      for (std::size_t w = pick(6); w > 0; --w) words.insert(vocabulary[pick(vocabulary.size())]);
      m.salient = WordList(words);
      std::size_t r = pick(2);
      m.citation = {records[r].source.id, k * 100, k * 100 + 10,
                    pick(5) == 0 ? "repeated sentence" : "sentence " + std::to_string(k), "date"};
      all.push_back(m);
      records[r].mentions.push_back(std::move(m));
    }
    auto expected = pairwise_groups(all);
    for (std::size_t jobs : {1, 3}) {  // one table, or tables shared out by hash among threads
      Timeline t = build_timeline("T", records, {}, jobs);
      std::set<std::set<std::size_t>> got;
      for (const auto& e : t.events) {
        std::set<std::size_t> starts;
        for (const auto& c : e.citations) starts.insert(c.start);
        got.insert(starts);
      }
      INFO("seed " << seed << ", " << count << " mentions, " << jobs << " threads");
      CHECK(got == expected);
    }
  }
}

TEST_CASE("the merge gives the same events, reasons and review on any number of threads", "[timeline]") {
  const std::vector<std::string> values = {"2023",       "2023-Q4",    "2023-11",    "2023-W46", "2023-11-17",
                                           "2023-11-20", "2024-01-05", "2024-02-11", "2024-W07", "2024-03"};
  std::vector<std::string> vocabulary;
  for (int w = 0; w < 80; ++w) vocabulary.push_back("kata" + std::to_string(w));
  std::mt19937 random(7);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
  std::vector<DocumentRecord> records(6);
  for (std::size_t r = 0; r < records.size(); ++r) {
    records[r].source.id = records[r].source.path = "s" + std::to_string(r);
    for (std::size_t k = 0; k < 400; ++k) {  // several blocks of work per thread
      Mention m;
      m.date = *parse_date_value(values[pick(values.size())]);
      std::set<std::string> words;
      for (std::size_t w = 2 + pick(5); w > 0; --w) words.insert(vocabulary[pick(vocabulary.size())]);
      m.salient = WordList(words);
      m.citation = {records[r].source.id, k * 100, k * 100 + 10, pick(7) == 0 ? "repeated" : "s" + std::to_string(k),
                    "date"};
      records[r].mentions.push_back(std::move(m));
    }
  }
  auto summary = [](const Timeline& t) {
    std::vector<std::string> out;
    for (const auto& e : t.events) {
      out.push_back(e.id + " " + e.date.value + " " + std::to_string(e.citations.size()));
      for (const auto& why : e.merged_because) out.push_back(why);
    }
    for (const auto& r : t.review) out.push_back(std::string(review_reason_name(r.reason)) + " " + r.detail);
    return out;
  };
  Timeline one = build_timeline("T", records, {}, 1);
  REQUIRE(one.events.size() > 10);
  REQUIRE(one.events.size() < 2000);  // mentions did merge
  REQUIRE(std::any_of(one.review.begin(), one.review.end(),
                      [](const ReviewItem& r) { return r.reason == ReviewReason::weak_merge; }));
  for (std::size_t jobs : {2, 3, 8}) {
    INFO(jobs << " threads");
    CHECK(summary(build_timeline("T", records, {}, jobs)) == summary(one));
  }
}

TEST_CASE("citations and reasons fill their events alike on any number of threads and across many slices",
          "[timeline]") {
  // Over 65,536 new-event mentions, so the events are filled in more than one
  // slices, with records that straddle them, records with no mention and
  // records whose mentions are all catalog ones in between.
  const std::vector<std::string> values = {"2023",       "2023-Q4", "2023-11",    "2023-W46", "2023-11-17",
                                           "2024-01-05", "2024-02", "2024-03-11", "2022-06",  "2021-09-30"};
  std::vector<std::string> vocabulary;
  for (int w = 0; w < 400; ++w) vocabulary.push_back("kata" + std::to_string(w));
  std::mt19937 random(11);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
  std::vector<DocumentRecord> records(120);
  std::size_t fresh = 0;
  for (std::size_t r = 0; r < records.size(); ++r) {
    records[r].source.id = records[r].source.path = "s" + std::to_string(r);
    std::size_t count = r % 7 == 3 ? 0 : 700 + pick(1400);
    for (std::size_t k = 0; k < count; ++k) {
      Mention m;
      m.date = *parse_date_value(values[pick(values.size())]);
      if (r % 7 == 5) m.catalog_id = "catalogued";
      std::set<std::string> words;
      for (std::size_t w = 2 + pick(3); w > 0; --w) words.insert(vocabulary[pick(vocabulary.size())]);
      m.salient = WordList(words);
      m.citation = {records[r].source.id, k * 50, k * 50 + 20,
                    pick(9) == 0 ? "repeated" : "q" + std::to_string(pick(100000)), "date"};
      if (m.catalog_id.empty()) ++fresh;
      records[r].mentions.push_back(std::move(m));
    }
  }
  REQUIRE(fresh > 65536);  // k_fill_slice
  auto summary = [](const Timeline& t) {
    std::vector<std::string> out;
    for (const auto& e : t.events) {
      out.push_back(e.id + " " + e.date.value);
      for (const auto& c : e.citations) out.push_back(c.source + "@" + std::to_string(c.start) + " " + c.quote);
      for (const auto& why : e.merged_because) out.push_back(why);
    }
    return out;
  };
  Timeline t = build_timeline("T", records, {}, 1);
  std::size_t cited = 0, reasons = 0;
  for (const auto& e : t.events) {
    cited += e.citations.size();
    reasons += e.merged_because.size();
  }
  CHECK(cited == fresh);                      // each new-event mention cited once, in some event
  CHECK(reasons == fresh - t.events.size());  // one reason for each mention but an event's first
  auto one = summary(t);
  for (std::size_t jobs : {2, 9}) {  // 9: more threads than the fill uses
    INFO(jobs << " threads");
    CHECK(summary(build_timeline("T", records, {}, jobs)) == one);
  }
}

TEST_CASE("every source's metadata comes out of the merge as it went in, ordered by id", "[timeline]") {
  // The merge keeps the sources packed in megabyte chunks: 30,000 sources fill about five, one source of
  // 3 MiB needs a chunk of its own, and fields are absent, present but empty, or hold any byte.
  std::vector<SourceInfo> given;
  for (int i = 0; i < 30000; ++i) {
    SourceInfo s;
    s.id = fmt::format("s{:05}", (i * 7919) % 30000);  // not in id order (7919 is prime)
    s.path = "dir/" + s.id + ".txt";
    s.sha256 = sha256_hex(s.id);
    s.language = i % 3 ? "id" : "en";
    if (i % 2) s.publisher = i % 4 == 1 ? "" : "Penerbit \xC3\xA9 " + std::to_string(i);
    if (i % 5 == 0) s.url = "https://example.org/" + std::string(i % 300, 'x');
    if (i % 7 == 0) s.published = "2023-01-25";
    s.published_basis = i % 7 == 0 ? "manifest" : "unknown";
    if (i == 4321) {
      s.url = std::string(3 << 20, 'u');
      s.encoding.clear();
      for (int b = 0; b < 256; ++b) s.encoding += static_cast<char>(b);
    }
    given.push_back(s);
  }
  for (std::size_t jobs : {1, 3}) {
    INFO("jobs " << jobs);
    std::vector<DocumentRecord> records;
    for (const auto& s : given) records.emplace_back().source = s;
    Timeline t = build_timeline("T", std::move(records), {}, jobs);
    std::vector<SourceInfo> want = given;
    std::sort(want.begin(), want.end(), [](const SourceInfo& a, const SourceInfo& b) { return a.id < b.id; });
    REQUIRE(t.sources.size() == want.size());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < want.size(); ++i) {
      const SourceInfo &a = t.sources[i], &b = want[i];
      if (std::tie(a.id, a.path, a.sha256, a.encoding, a.language, a.publisher, a.url, a.published,
                   a.published_basis) != std::tie(b.id, b.path, b.sha256, b.encoding, b.language, b.publisher, b.url,
                                                  b.published, b.published_basis)) {
        if (differ++ < 3) FAIL_CHECK("source " << b.id << " changed in the merge");
      }
    }
    CHECK(differ == 0);
  }
}
