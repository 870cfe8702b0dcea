#include <catch2/catch.hpp>

#include <algorithm>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mstimeline/renderer.hpp"
#include "support/support.hpp"

using namespace mstl;

namespace {

Timeline sample() {
  Timeline t;
  t.title = "Kemitraan *A* & B";
  SourceInfo s1;
  s1.id = "s1";
  s1.path = "x/s1.txt";
  s1.sha256 = std::string(64, 'a');
  s1.language = "id";
  s1.publisher = "Pub_One";
  SourceInfo s2 = s1;
  s2.id = "s2";
  s2.path = "s2.md";
  s2.publisher.reset();
  s2.published = "2023-02-01";
  s2.published_basis = "manifest";
  t.sources = {s1, s2};
  Citation c1{"s1", 10, 60, "Investasi pada tahun 2019 dan 2021 <besar>.", "tahun 2019"};
  Citation c1b{"s1", 10, 60, "Investasi pada tahun 2019 dan 2021 <besar>.", "2021"};
  Citation c2{"s2", 0, 30, "Diumumkan Rabu (25/1/2023).", "Rabu (25/1/2023)"};
  t.events = {Event{"ev-1", *parse_date_value("2019"), "Investasi pada tahun 2019", "", "", 1, {c1}, {}, {}},
              Event{"ev-2", *parse_date_value("2021"), "Investasi pada tahun 2021", "", "", 1, {c1b}, {}, {}},
              Event{"ev-3",
                    *parse_date_value("2023-01-25"),
                    "Diumumkan Rabu",
                    "agreement",
                    "deal-2023",
                    1,
                    {c2},
                    {"s2@0: catalog event deal-2023 (trigger \"diumumkan\")"},
                    {Conflict{"deal-2023", "2023-01-27",
                              Citation{"s2", 31, 50, "Diteken Jumat (27/1/2023).", "Jumat (27/1/2023)"}}}}};
  t.undated = {Citation{"s1", 61, 80, "Kerja sama diperluas.", ""}};
  return t;
}

std::string render(const char* format, const Timeline& t, const char* locale = "en") {
  const Knowledge& k = test::knowledge();
  return Renderer::create(format, {&k.lexicon(locale), &k.label_set(locale)})->render(t);
}

// The lines of a text, for checks of whole lines.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t at = 0, next; at < text.size(); at = next + 1) {
    next = text.find('\n', at);
    if (next == std::string::npos) next = text.size();
    out.push_back(text.substr(at, next - at));
  }
  return out;
}

}  // namespace

TEST_CASE("renderers are chosen by name and an unknown name is a clear error", "[render]") {
  CHECK(Renderer::names() == std::vector<std::string>{"json", "jsonl", "md", "html", "timelinejs", "csv"});
  CHECK_THROWS_WITH(Renderer::create("yaml", {}),
                    "unknown format \"yaml\" (known: json, jsonl, md, html, timelinejs, csv)");
  CHECK(Renderer::needs_locale("md"));
  CHECK(Renderer::needs_locale("html"));
  CHECK_FALSE(Renderer::needs_locale("csv"));
  CHECK_THROWS_WITH(Renderer::create("md", {}), "the md format needs a lexicon to write dates");
}

TEST_CASE("JSON output follows the schema_version 2 contract, in field order", "[render]") {
  std::string out = render("json", sample());
  auto j = nlohmann::ordered_json::parse(out);
  CHECK(j["schema_version"] == 2);
  CHECK(j["title"] == "Kemitraan *A* & B");
  std::vector<std::string> top;
  for (const auto& [k, v] : j.items()) top.push_back(k);
  CHECK(top == std::vector<std::string>{"schema_version", "title", "documents_read", "sources", "events", "undated"});
  CHECK(j["documents_read"] == 2);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j["sources"][0].items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"id", "path", "sha256", "encoding", "language", "publisher", "url",
                                         "published", "published_basis"});
  CHECK(j["sources"][0]["published_basis"] == "unknown");
  CHECK(j["sources"][1]["published_basis"] == "manifest");
  keys.clear();
  for (const auto& [k, v] : j["events"][0].items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"id", "date", "precision", "title", "kind", "catalog_id", "source_count",
                                         "citations", "merged_because", "conflicts"});
  CHECK(j["events"][0]["kind"].is_null());
  CHECK(j["events"][0]["catalog_id"].is_null());
  CHECK(j["events"][2]["kind"] == "agreement");
  CHECK(j["events"][2]["catalog_id"] == "deal-2023");
  CHECK(j["events"][2]["source_count"] == 1);
  CHECK(j["events"][2]["merged_because"][0] == "s2@0: catalog event deal-2023 (trigger \"diumumkan\")");
  CHECK(j["events"][2]["conflicts"][0]["value"] == "2023-01-27");
  CHECK(j["events"][2]["conflicts"][0]["date_text"] == "Jumat (27/1/2023)");
  CHECK(j["undated"][0]["quote"] == "Kerja sama diperluas.");
  CHECK(j["undated"][0]["date_text"] == "");
  CHECK(j["sources"][1]["publisher"].is_null());
  CHECK(j["sources"][1]["published"] == "2023-02-01");
  const auto& e = j["events"][2];
  CHECK(e["id"] == "ev-3");
  CHECK(e["date"] == "2023-01-25");
  CHECK(e["precision"] == "day");
  CHECK(e["citations"][0]["start"] == 0);
  CHECK(e["citations"][0]["quote"] == "Diumumkan Rabu (25/1/2023).");
  CHECK(e["citations"][0]["date_text"] == "Rabu (25/1/2023)");
  CHECK(out.back() == '\n');
}

TEST_CASE("JSON and HTML list the sources cited, by a citation, a conflict or an undated entry, and count all read",
          "[render]") {
  Timeline t = sample();
  // s3 cited by a conflict only, s4 by an undated entry only, s5 not at all.
  for (const char* id : {"s3", "s4", "s5"}) {
    SourceInfo s = t.sources[1];
    s.id = id;
    t.sources.push_back(s);
  }
  t.events[0].conflicts.push_back(Conflict{"", "2020", Citation{"s3", 0, 5, "Tahun", "2020"}});
  t.undated.push_back(Citation{"s4", 0, 5, "Rapat", ""});
  auto ids = [](const nlohmann::json& j) {
    std::vector<std::string> out;
    for (const auto& s : j["sources"]) out.push_back(s["id"]);
    return out;
  };
  auto cited = nlohmann::json::parse(render("json", t));
  CHECK(cited["documents_read"] == 5);
  CHECK(ids(cited) == std::vector<std::string>{"s1", "s2", "s3", "s4"});
  const Knowledge& k = test::knowledge();
  RenderOptions options{&k.lexicon("en"), &k.label_set("en")};
  options.all_sources = true;
  auto all = nlohmann::json::parse(Renderer::create("json", options)->render(t));
  CHECK(all["documents_read"] == 5);
  CHECK(ids(all) == std::vector<std::string>{"s1", "s2", "s3", "s4", "s5"});
  // The page for people lists the same four and counts the fifth.
  std::string html = render("html", t);
  for (const char* id : {"s1", "s2", "s3", "s4"})
    CHECK(html.find(fmt::format("<dt id=\"src-{0}\"><code>{0}</code></dt>", id)) != std::string::npos);
  CHECK(html.find("id=\"src-s5\"") == std::string::npos);
  CHECK(html.find("</dl>\n<p class=\"note\">1 more source was read but not cited.</p>\n</section>") !=
        std::string::npos);
}

TEST_CASE("JSON is laid out as one indented dump of the whole document, though written an event at a time",
          "[render]") {
  Timeline multiline = sample();
  multiline.events[0].citations[0].quote = "Baris satu\r\nbaris \"dua\"\t\xE2\x80\xA6";
  Timeline empty;
  empty.title = "Kosong";
  for (const Timeline& t : {sample(), multiline, empty}) {
    std::string out = render("json", t);
    CHECK(out == nlohmann::ordered_json::parse(out).dump(2) + "\n");
  }
  CHECK(render("json", empty) ==
        "{\n  \"schema_version\": 2,\n  \"title\": \"Kosong\",\n  \"documents_read\": 0,\n  \"sources\": [],\n"
        "  \"events\": [],\n"
        "  \"undated\": []\n}\n");
}

TEST_CASE("JSON of events citing thousands of sentences, formatted in parts on several threads, is the same dump",
          "[render]") {
  // Events large enough to be cut in parts: many citations and reasons, many
  // citations and no reason, no citation and many reasons, and sizes at the
  // edges of a part, between small ones.
  Timeline t = sample();
  const Event base = t.events[2];
  std::vector<std::pair<std::size_t, std::size_t>> sizes = {{5000, 3000}, {2049, 0}, {0, 1500}, {1024, 1}, {1025, 0}};
  for (std::size_t k = 0; k < sizes.size(); ++k) {
    Event e = base;
    e.id = "big-" + std::to_string(k);
    e.citations.clear();
    e.merged_because.clear();
    for (std::size_t i = 0; i < sizes[k].first; ++i)
      e.citations.push_back(Citation{"s" + std::to_string(i % 2 + 1), i * 10, i * 10 + 9,
                                     "Kalimat \"" + std::to_string(i) + "\"\n" + std::string(i % 7, 'x'), "2023"});
    for (std::size_t i = 0; i < sizes[k].second; ++i) e.merged_because.push_back("alasan " + std::to_string(i));
    t.events.push_back(std::move(e));
    t.events.push_back(base);
  }
  const Knowledge& k = test::knowledge();
  std::string one;
  for (std::size_t jobs : {1, 2, 3}) {
    RenderOptions options{&k.lexicon("en"), &k.label_set("en")};
    options.jobs = jobs;
    std::string out = Renderer::create("json", options)->render(t);
    auto tree = nlohmann::ordered_json::parse(out);
    CHECK(out == tree.dump(2) + "\n");
    REQUIRE(tree["events"].size() == t.events.size());
    for (std::size_t e = 0; e < t.events.size(); ++e) {
      const auto& json = tree["events"][e];
      CHECK(json["id"] == t.events[e].id);
      REQUIRE(json["citations"].size() == t.events[e].citations.size());
      REQUIRE(json["merged_because"].size() == t.events[e].merged_because.size());
      for (std::size_t c = 0; c < t.events[e].citations.size(); ++c) {
        CHECK(json["citations"][c]["quote"] == t.events[e].citations[c].quote);
        CHECK(json["citations"][c]["start"] == t.events[e].citations[c].start);
      }
      for (std::size_t r = 0; r < t.events[e].merged_because.size(); ++r)
        CHECK(json["merged_because"][r] == t.events[e].merged_because[r]);
      CHECK(json["conflicts"].size() == t.events[e].conflicts.size());
    }
    if (jobs == 1) one = out;
    CHECK(out == one);
  }
}

TEST_CASE("Markdown: title, summary, years, written dates, quotes under events, linked numbers, sources", "[render]") {
  // Read line by line: one number per distinct quote, each a link to the
  // whole quote under its source, markup in source text escaped.
  CHECK(render("md", sample()) ==
        "# Kemitraan \\*A\\* \\& B\n"
        "\n"
        "2 sources · 3 events · 2019 – January 25, 2023\n"
        "\n"
        "Quotes under the events are shortened where long (…); the number before each links to the whole quote "
        "under Sources.\n"
        "\n"
        "## At a glance\n"
        "\n"
        "```mermaid\n"
        "timeline\n"
        "    title Kemitraan *A* & B\n"
        "    section 2019\n"
        "        2019 : Investasi pada tahun 2019\n"
        "    section 2021\n"
        "        2021 : Investasi pada tahun 2021\n"
        "    section 2023\n"
        "        January 25, 2023 : Diumumkan Rabu\n"
        "```\n"
        "\n"
        "## 2019\n"
        "\n"
        "### 2019 — Investasi pada tahun 2019\n"
        "\n"
        "*1 source*\n"
        "\n"
        "- [\\[1\\]](#q1) “Investasi pada tahun 2019 dan 2021 \\<besar\\>.” — [Pub\\_One](#src-s1), dated by “tahun "
        "2019”\n"
        "\n"
        "## 2021\n"
        "\n"
        "### 2021 — Investasi pada tahun 2021\n"
        "\n"
        "*1 source*\n"
        "\n"
        "- [\\[1\\]](#q1) “Investasi pada tahun 2019 dan 2021 \\<besar\\>.” — [Pub\\_One](#src-s1), dated by “2021”\n"
        "\n"
        "## 2023\n"
        "\n"
        "### January 25, 2023 — Diumumkan Rabu\n"
        "\n"
        "*agreement · catalog `deal-2023` · 1 source*\n"
        "\n"
        "- [\\[2\\]](#q2) “Diumumkan Rabu (25/1/2023).” — [unknown publisher, February 1, 2023](#src-s2), dated by "
        "“Rabu (25/1/2023)”\n"
        "- **Conflict:** [`s2`](#src-s2) bytes 31–50 says “Jumat (27/1/2023)” (2023-01-27)\n"
        "\n"
        "## Undated\n"
        "\n"
        "On-topic sentences that report an event but hold no date and match no catalog event:\n"
        "\n"
        "- “Kerja sama diperluas.” — [Pub\\_One](#src-s1), bytes 61–80\n"
        "\n"
        "## Sources\n"
        "\n"
        "### <a id=\"src-s1\"></a>s1\n"
        "\n"
        "- Publisher: Pub\\_One\n"
        "- File: `x/s1.txt` (sha256 `" +
            std::string(64, 'a') +
            "`)\n"
            "- Language: id; published: unknown\n"
            "\n"
            "Quotes cited:\n"
            "\n"
            "- <a id=\"q1\"></a>\\[1\\] bytes 10–60: “Investasi pada tahun 2019 dan 2021 \\<besar\\>.”\n"
            "\n"
            "### <a id=\"src-s2\"></a>s2\n"
            "\n"
            "- Publisher: unknown\n"
            "- File: `s2.md` (sha256 `" +
            std::string(64, 'a') +
            "`)\n"
            "- Language: id; published: 2023-02-01 (from the manifest)\n"
            "\n"
            "Quotes cited:\n"
            "\n"
            "- <a id=\"q2\"></a>\\[2\\] bytes 0–30: “Diumumkan Rabu (25/1/2023).”\n");
}

TEST_CASE("a citation whose date contradicts its catalog event says so in every format for people", "[render]") {
  // The linker cites such a sentence without a date expression and lists it
  // among the event's conflicts: it is dated, but not undated in the text.
  Timeline t = sample();
  Event& e = t.events[2];
  Citation c = e.conflicts[0].citation;
  c.date_text.clear();
  e.citations.push_back(c);
  auto md = lines_of(render("md", t));
  CHECK(std::count(md.begin(), md.end(),
                   "- [\\[3\\]](#q3) “Diteken Jumat (27/1/2023).” — [unknown publisher, February 1, 2023](#src-s2), "
                   "dated “Jumat "
                   "(27/1/2023)” in the text, not the event's date (see Conflict)") == 1);
  auto id = lines_of(render("md", t, "id"));
  CHECK(std::count(id.begin(), id.end(),
                   "- [\\[3\\]](#q3) “Diteken Jumat (27/1/2023).” — [penerbit tidak diketahui, 1 Februari "
                   "2023](#src-s2), bertanggal “Jumat "
                   "(27/1/2023)” dalam teks, bukan tanggal peristiwa (lihat Konflik)") == 1);
  auto html = lines_of(render("html", t));
  CHECK(std::count(html.begin(), html.end(),
                   "<li value=\"3\"><blockquote>Diteken Jumat (27/1/2023).</blockquote><p class=\"cite\">— unknown "
                   "publisher (<a href=\"#src-s2\"><code>s2</code></a>), bytes 31–50, dated “Jumat (27/1/2023)” in the "
                   "text, not the event&#39;s date (see Conflict)</p></li>") == 1);
  // The entry with no date in the text keeps its label.
  CHECK(std::count(html.begin(), html.end(),
                   "<li><blockquote>Kerja sama diperluas.</blockquote><p class=\"cite\">— Pub_One (<a "
                   "href=\"#src-s1\"><code>s1</code></a>), bytes 61–80, undated in the text</p></li>") == 1);
  CHECK(render("timelinejs", t).find("dated “Jumat (27/1/2023)” in the text, not the event&#39;s date") !=
        std::string::npos);
}

TEST_CASE("Markdown in Indonesian: labels and dates from the id locale", "[render]") {
  std::string md = render("md", sample(), "id");
  CHECK(md.find("2 sumber · 3 peristiwa · 2019 – 25 Januari 2023\n") != std::string::npos);
  CHECK(md.find("\nKutipan di bawah peristiwa dipendekkan bila panjang (…)") != std::string::npos);
  CHECK(md.find("## Sekilas\n") != std::string::npos);
  CHECK(md.find("### 25 Januari 2023 — Diumumkan Rabu\n") != std::string::npos);
  CHECK(md.find("*perjanjian · katalog `deal-2023` · 1 sumber*\n") != std::string::npos);
  CHECK(md.find("— [Pub\\_One](#src-s1), bertanggal “tahun 2019”\n") != std::string::npos);
  CHECK(md.find("- **Konflik:** [`s2`](#src-s2) bita 31–50 menyebut “Jumat (27/1/2023)” (2023-01-27)\n") !=
        std::string::npos);
  CHECK(md.find("## Tanpa tanggal\n") != std::string::npos);
  CHECK(md.find("- Bahasa: id; terbit: 2023-02-01 (menurut manifes)\n") != std::string::npos);
  CHECK(md.find("[penerbit tidak diketahui, 1 Februari 2023](#src-s2)") != std::string::npos);
  CHECK(md.find("source") == std::string::npos);
}

TEST_CASE("Markdown: a long quote is shortened under its event at a word, whole under its source", "[render]") {
  Timeline t = sample();
  t.undated.clear();
  t.events.resize(1);
  // 30 words of 7 bytes ("kata01 " …): 210 bytes, over the 200 shown whole.
  std::string quote;
  for (int i = 1; i <= 30; ++i) quote += fmt::format("kata{:02} ", i);
  quote.pop_back();
  quote[6] = ',';  // "kata01,kata02": no space, still one word for the cut
  t.events[0].citations[0].quote = quote;
  std::string md = render("md", t);
  // Cut at the last space at or before byte 160: after "kata23" (bytes 154–160).
  CHECK(md.find(
            "- [\\[1\\]](#q1) “kata01,kata02 kata03 kata04 kata05 kata06 kata07 kata08 kata09 kata10 kata11 kata12 "
            "kata13 kata14 kata15 kata16 kata17 kata18 kata19 kata20 kata21 kata22 kata23…” — [Pub\\_One](#src-s1)") !=
        std::string::npos);
  CHECK(md.find("- <a id=\"q1\"></a>\\[1\\] bytes 10–60: “" + quote + "”\n") != std::string::npos);
  // A quote with no space near the cut is cut between UTF-8 characters.
  std::string wide;
  for (int i = 0; i < 70; ++i) wide += "語";  // 3 bytes each: 210 bytes
  t.events[0].citations[0].quote = wide;
  md = render("md", t);
  std::string shown;
  for (int i = 0; i < 53; ++i) shown += "語";  // 159 bytes, the last whole character before byte 160
  CHECK(md.find("“" + shown + "…”") != std::string::npos);
}

TEST_CASE("md and html show the first quotes of an event and count the rest, the data formats hold them all",
          "[render]") {
  // ev-3 cites s2 once; 12 more citations follow, of s1 then, past the cap, of s3 only.
  Timeline t = sample();
  SourceInfo s3 = t.sources[1];
  s3.id = "s3";
  t.sources.push_back(s3);
  Event& e = t.events[2];
  for (std::size_t i = 0; i < 12; ++i)
    e.citations.push_back(
        Citation{i < 3 ? "s1" : "s3", 100 + i * 10, 105 + i * 10, "Kutipan " + std::to_string(i), ""});
  const Knowledge& k = test::knowledge();
  auto render_with = [&](const char* format, std::size_t quotes) {
    RenderOptions options{&k.lexicon("en"), &k.label_set("en")};
    options.quotes = quotes;
    return Renderer::create(format, options)->render(t);
  };
  auto count = [](const std::vector<std::string>& lines, const std::string& line) {
    return std::count(lines.begin(), lines.end(), line);
  };
  auto md = lines_of(render_with("md", 4));
  // ev-3 shows its citation of s2 and three of s1, then the count of the nine others.
  CHECK(count(md, "- *and 9 more quotes (all of them in -f json)*") == 1);
  CHECK(count(md, "- [\\[5\\]](#q5) “Kutipan 2” — [Pub\\_One](#src-s1), undated in the text") == 1);
  CHECK(std::none_of(md.begin(), md.end(),
                     [](const std::string& l) { return l.find("Kutipan 3") != std::string::npos; }));
  // s3 is cited only past the cap: counted, not listed.
  CHECK(count(md, "1 more source is cited only by quotes not shown above.") == 1);
  CHECK(count(md, "### <a id=\"src-s3\"></a>s3") == 0);
  // One quote: "and 1 more quote".
  CHECK(count(lines_of(render_with("md", 12)), "- *and 1 more quote (all of them in -f json)*") == 1);
  // 0 shows every quote; so does a cap at or above the count.
  for (std::size_t quotes : {std::size_t{0}, std::size_t{13}}) {
    auto all = lines_of(render_with("md", quotes));
    CHECK(std::none_of(all.begin(), all.end(),
                       [](const std::string& l) { return l.find("more quote") != std::string::npos; }));
    CHECK(count(all, "### <a id=\"src-s3\"></a>s3") == 1);
  }
  std::string html = render_with("html", 4);
  CHECK(html.find("<li class=\"more\">and 9 more quotes (all of them in -f json)</li>\n</ol>") != std::string::npos);
  CHECK(html.find("Kutipan 3") == std::string::npos);
  for (const char* data : {"json", "jsonl", "csv", "timelinejs"})
    CHECK(render_with(data, 4).find("Kutipan 11") != std::string::npos);
}

TEST_CASE("Markdown lists only the sources it cites, and counts the others in one line", "[render]") {
  Timeline t = sample();
  t.undated.clear();
  t.events.resize(2);  // both cite s1 only
  SourceInfo s3 = t.sources[1];
  s3.id = "s3 (b)";
  t.sources.push_back(s3);
  std::string md = render("md", t);
  CHECK(md.find("### <a id=\"src-s1\"></a>s1\n") != std::string::npos);
  CHECK(md.find("src-s2") == std::string::npos);
  CHECK(md.find("s3") == std::string::npos);
  std::string last = "\n\n2 more sources were read but not cited.\n";
  CHECK(md.substr(md.size() - last.size()) == last);
  t.sources.resize(2);
  md = render("md", t, "id");
  last = "\n\n1 sumber lain dibaca tetapi tidak dikutip.\n";
  CHECK(md.substr(md.size() - last.size()) == last);
  // An id that is not a plain name is percent-encoded alike in the anchor and the links to it.
  t.events.resize(1);
  t.events[0].citations[0].source = "s3 (b)";
  t.sources.push_back(s3);
  md = render("md", t);
  CHECK(md.find("](#src-s3%20%28b%29), dated by") != std::string::npos);
  CHECK(md.find("### <a id=\"src-s3%20%28b%29\"></a>s3 (b)\n") != std::string::npos);
}

TEST_CASE("Mermaid lines encode the characters Mermaid cannot take literally", "[render]") {
  Timeline t = sample();
  t.title = "A: B; C #1 100%";
  t.events.resize(1);
  t.events[0].title = "Rapat: hasil; <b>#2</b>\nbaris dua";
  std::string md = render("md", t);
  CHECK(md.find("    title A#58; B#59; C #35;1 100#37;\n") != std::string::npos);
  CHECK(md.find("        2019 : Rapat#58; hasil#59; #60;b#62;#35;2#60;/b#62; baris dua\n") != std::string::npos);
}

TEST_CASE("JSON Lines: one self-contained event per line, with the sources it cites", "[render]") {
  std::string out = render("jsonl", sample());
  std::vector<nlohmann::ordered_json> lines;
  std::size_t start = 0;
  for (std::size_t nl = out.find('\n'); nl != std::string::npos; start = nl + 1, nl = out.find('\n', start))
    lines.push_back(nlohmann::ordered_json::parse(out.substr(start, nl - start)));
  REQUIRE(start == out.size());
  REQUIRE(lines.size() == 3);
  for (std::size_t i = 0, at = 0; i < lines.size(); at = out.find('\n', at) + 1, ++i)  // laid out as dump() lays it out
    CHECK(out.substr(at, out.find('\n', at) - at) == lines[i].dump());
  CHECK(lines[0].begin().key() == "schema_version");
  CHECK(lines[0]["id"] == "ev-1");
  CHECK(lines[0]["timeline"] == "Kemitraan *A* & B");
  REQUIRE(lines[0]["sources"].size() == 1);
  CHECK(lines[0]["sources"][0]["path"] == "x/s1.txt");
  CHECK(lines[0]["sources"][0]["publisher"] == "Pub_One");
  CHECK(lines[2]["sources"][0]["id"] == "s2");
  CHECK(lines[2]["conflicts"][0]["value"] == "2023-01-27");
}

TEST_CASE("CSV: RFC 4180, one row per citation, CRLF, quoted only where needed", "[render]") {
  Timeline t = sample();
  t.events[0].citations[0].quote = "Kata \"dia\", lalu\nbaris.";
  CHECK(render("csv", t) ==
        "event_id,date,precision,title,kind,catalog_id,source_count,source,path,publisher,url,start,end,date_text,"
        "quote\r\n"
        "ev-1,2019,year,Investasi pada tahun 2019,,,1,s1,x/s1.txt,Pub_One,,10,60,tahun 2019,\"Kata \"\"dia\"\", "
        "lalu\nbaris.\"\r\n"
        "ev-2,2021,year,Investasi pada tahun 2021,,,1,s1,x/s1.txt,Pub_One,,10,60,2021,Investasi pada tahun 2019 dan "
        "2021 <besar>.\r\n"
        "ev-3,2023-01-25,day,Diumumkan Rabu,agreement,deal-2023,1,s2,s2.md,,,0,30,Rabu (25/1/2023),Diumumkan Rabu "
        "(25/1/2023).\r\n");
}

TEST_CASE("CSV with csv_safe: a cell a spreadsheet could run as a formula gets a quote mark, in quotes", "[render]") {
  Timeline t = sample();
  t.events.resize(1);
  const Knowledge& k = test::knowledge();
  RenderOptions options{&k.lexicon("en"), &k.label_set("en")};
  options.csv_safe = true;
  auto safe = Renderer::create("csv", options);
  const std::string head =
      "event_id,date,precision,title,kind,catalog_id,source_count,source,path,publisher,url,start,end,date_text,"
      "quote\r\n"
      "ev-1,2019,year,Investasi pada tahun 2019,,,1,s1,x/s1.txt,Pub_One,,10,60,tahun 2019,";
  const std::pair<std::string, std::string> cells[] = {
      {"=HYPERLINK(\"http://x\",\"klik\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\""},
      {"+62 21 555", "\"'+62 21 555\""},
      {"-5% saja", "\"'-5% saja\""},
      {"@SUM(A1)", "\"'@SUM(A1)\""},
      {"\tTAB", "\"'\tTAB\""},
      {"\r\nbaris", "\"'\r\nbaris\""},
      {"Harga =5", "Harga =5"},  // only the first character counts
      {"", ""},
  };
  for (const auto& [quote, cell] : cells) {
    t.events[0].citations[0].quote = quote;
    CHECK(safe->render(t) == head + cell + "\r\n");
  }
  // Without it, the cell is the exact text.
  t.events[0].citations[0].quote = "=1+1";
  CHECK(render("csv", t) == head + "=1+1\r\n");
}

TEST_CASE("HTML: merge reasons in the page's words, each place a link to its source", "[render]") {
  Timeline t = sample();
  t.events.resize(1);
  t.events[0].merged_because = {
      "s2@0: catalog event deal-2023 (trigger \"diumumkan\")",
      "s1@9 repeats s2@0 word for word",
      "s1@9 and s1@40: one source tells of day 2023-01-25 twice",
      "s1@9 and s2@0: dates 2023-01 and 2023-01-25 agree; shared words dolar, lewat (score 0.83)",
      "alasan <lain>",
  };
  std::string en = render("html", t), id = render("html", t, "id");
  const std::string s1 = "<a href=\"#src-s1\"><code>s1</code></a>", s2 = "<a href=\"#src-s2\"><code>s2</code></a>";
  CHECK(en.find("<ul class=\"why\" title=\"Why these citations are one event\">\n"
                "<li>" +
                s2 +
                " at byte 0 names the catalog event <code>deal-2023</code> (trigger “diumumkan”)</li>\n"
                "<li>" +
                s1 + " at byte 9 repeats " + s2 +
                " at byte 0 word for word</li>\n"
                "<li>" +
                s1 + " at byte 9 and " + s1 +
                " at byte 40: one source tells of January 25, 2023 twice</li>\n"
                "<li>" +
                s1 + " at byte 9 and " + s2 +
                " at byte 0: the dates January 2023 and January 25, 2023 agree, "
                "and they share the words dolar, lewat (score 0.83)</li>\n"
                "<li>alasan &lt;lain&gt;</li>\n</ul>\n") != std::string::npos);
  CHECK(id.find("<li>" + s2 +
                " pada bita 0 menyebut peristiwa katalog <code>deal-2023</code> (pemicu “diumumkan”)</li>\n"
                "<li>" +
                s1 + " pada bita 9 mengulang " + s2 +
                " pada bita 0 kata demi kata</li>\n"
                "<li>" +
                s1 + " pada bita 9 dan " + s1 +
                " pada bita 40: satu sumber menceritakan 25 Januari 2023 dua "
                "kali</li>\n"
                "<li>" +
                s1 + " pada bita 9 dan " + s2 +
                " pada bita 0: tanggal Januari 2023 dan 25 Januari 2023 cocok, "
                "dan keduanya memakai kata dolar, lewat (skor 0.83)</li>\n") != std::string::npos);
  CHECK(id.find("catalog event") == std::string::npos);
}

TEST_CASE("TimelineJS: date parts per precision, ranges for weeks, groups by kind, ids as unique_id", "[render]") {
  Timeline t = sample();
  t.events[1].date = *parse_date_value("2023-W46");
  auto j = nlohmann::json::parse(render("timelinejs", t));
  CHECK(j["title"]["text"]["headline"] == "Kemitraan *A* &amp; B");
  REQUIRE(j["events"].size() == 3);
  CHECK(j["events"][0]["unique_id"] == "ev-1");
  CHECK(j["events"][0]["start_date"] == nlohmann::json{{"year", 2019}});
  CHECK_FALSE(j["events"][0].contains("end_date"));
  CHECK(j["events"][1]["start_date"] == nlohmann::json{{"year", 2023}, {"month", 11}, {"day", 13}});
  CHECK(j["events"][1]["end_date"] == nlohmann::json{{"year", 2023}, {"month", 11}, {"day", 19}});
  CHECK(j["events"][1]["display_date"] == "week 46 of 2023");
  CHECK(j["events"][2]["start_date"] == nlohmann::json{{"year", 2023}, {"month", 1}, {"day", 25}});
  CHECK(j["events"][0]["group"] == "new event");
  CHECK(j["events"][2]["group"] == "agreement");
  CHECK(j["events"][1]["text"]["text"] ==
        "<blockquote>Investasi pada tahun 2019 dan 2021 &lt;besar&gt;.</blockquote>"
        "<p>— Pub_One (s1), bytes 10–60, dated by “2021”</p>");
}

TEST_CASE("HTML: one self-contained page, text escaped, an item per event", "[render]") {
  std::string html = render("html", sample(), "id");
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"id\">\n", 0) == 0);
  CHECK(html.find("content=\"default-src 'none'; style-src 'unsafe-inline'\"") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(html.find("<title>Kemitraan *A* &amp; B</title>") != std::string::npos);
  CHECK(html.find("<blockquote>Investasi pada tahun 2019 dan 2021 &lt;besar&gt;.</blockquote>") != std::string::npos);
  CHECK(html.find("<li class=\"event\" id=\"ev-3\">\n<time datetime=\"2023-01-25\">25 Januari 2023</time>\n"
                  "<h3>Diumumkan Rabu</h3>\n") != std::string::npos);
  CHECK(html.find("<p class=\"conflict\">Konflik: s2 bita 31–50 menyebut “Jumat (27/1/2023)” (2023-01-27)</p>") !=
        std::string::npos);
  CHECK(html.find("<section id=\"undated\">\n<h2>Tanpa tanggal</h2>") != std::string::npos);
  std::size_t events = 0;
  for (std::size_t at = html.find("<li class=\"event\""); at != std::string::npos;
       at = html.find("<li class=\"event\"", at + 1))
    ++events;
  CHECK(events == 3);
  CHECK(html.substr(html.size() - 8) == "</html>\n");
}

TEST_CASE("every format hands a large timeline to the sink in pieces of bounded size", "[render]") {
  // Several megabytes in every format, none of it to be held whole: 20,000
  // events of one citation each, then one event citing 20,000 sentences of
  // one source (one Markdown source section lists them all).
  Timeline many = sample(), one = sample();
  const Event base = many.events[0];
  Event big = base;
  big.id = "ev-big";
  big.citations.clear();
  for (int i = 0; i < 20000; ++i) {
    Citation c = base.citations[0];
    c.start = 100 + static_cast<std::size_t>(i) * 300;
    c.end = c.start + 200;
    c.quote = "Kalimat " + std::to_string(i) + " " + std::string(190, 'k');
    Event e = base;
    e.id = "ev-n" + std::to_string(i);
    e.citations = {c};
    many.events.push_back(std::move(e));
    big.citations.push_back(c);
    big.merged_because.push_back("alasan " + std::to_string(i));
  }
  one.events.push_back(std::move(big));
  const Knowledge& k = test::knowledge();
  for (const Timeline* t : {&many, &one}) {
    for (const char* format : {"json", "jsonl", "csv", "md", "html", "timelinejs"}) {
      INFO(format << (t == &one ? ", one large event" : ", many events"));
      RenderOptions options{&k.lexicon("en"), &k.label_set("en")};
      options.quotes = 0;  // every quote, as --quotes 0
      auto r = Renderer::create(format, options);
      std::vector<std::size_t> sizes;
      std::string joined;
      r->render_to(*t, [&](std::string_view piece) {
        sizes.push_back(piece.size());
        joined += piece;
      });
      CHECK(joined.size() > 4'000'000);
      CHECK(std::count(sizes.begin(), sizes.end(), 0u) == 0);
      std::string_view f = format;
      if (f == "json" || f == "timelinejs")  // laid out as one dump of the whole document
        CHECK(joined == nlohmann::ordered_json::parse(joined).dump(2) + "\n");
      if (t == &one && f == "jsonl") {
        CHECK(sizes.size() == 1);  // a line, an event: JSON Lines hands on whole lines
        continue;
      }
      if (t == &one && f == "timelinejs") {
        CHECK(sizes.size() <= 2);  // an event's citations are one JSON string, its "text"
        continue;
      }
      CHECK(sizes.size() >= 3);
      // About 1 MiB a piece, and at most a line past it; JSON hands on whole
      // formatted blocks (up to 8,192 lines of citations and reasons).
      std::size_t most = f == "json" ? (4u << 20) : (1u << 20) + 4096;
      CHECK(*std::max_element(sizes.begin(), sizes.end()) < most);
    }
  }
}

TEST_CASE("an empty timeline renders in every format", "[render]") {
  Timeline t;
  t.title = "Kosong";
  CHECK(render("md", t) == "# Kosong\n\n0 sources · 0 events\n\n## Sources\n");
  CHECK(nlohmann::json::parse(render("json", t))["events"].empty());
  CHECK(render("jsonl", t).empty());
  CHECK(render("csv", t) ==
        "event_id,date,precision,title,kind,catalog_id,source_count,source,path,publisher,url,start,end,date_text,"
        "quote\r\n");
  CHECK(nlohmann::json::parse(render("timelinejs", t))["events"].empty());
  std::string html = render("html", t);
  CHECK(html.find("<main>\n<section id=\"sources\">") != std::string::npos);
}
