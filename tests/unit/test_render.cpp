#include <catch2/catch.hpp>

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
              Event{"ev-3", *parse_date_value("2023-01-25"), "Diumumkan Rabu", "agreement", "deal-2023", 1, {c2},
                    {"s2@0: catalog event deal-2023 (trigger \"diumumkan\")"},
                    {Conflict{"deal-2023", "2023-01-27", Citation{"s2", 31, 50, "Diteken Jumat (27/1/2023).",
                                                                  "Jumat (27/1/2023)"}}}}};
  t.undated = {Citation{"s1", 61, 80, "Kerja sama diperluas.", ""}};
  return t;
}

std::string render(const char* format, const Timeline& t) {
  return Renderer::create(format, {&test::knowledge().lexicon("en")})->render(t);
}

}  // namespace

TEST_CASE("renderers are chosen by name and an unknown name is a clear error", "[render]") {
  CHECK(Renderer::names() == std::vector<std::string>{"json", "md"});
  CHECK_THROWS_WITH(Renderer::create("yaml", {}), "unknown format \"yaml\" (known: json, md)");
}

TEST_CASE("JSON output follows the schema_version 1 contract, in field order", "[render]") {
  std::string out = render("json", sample());
  auto j = nlohmann::ordered_json::parse(out);
  CHECK(j["schema_version"] == 1);
  CHECK(j["title"] == "Kemitraan *A* & B");
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

TEST_CASE("Markdown: title, summary, years, written dates, numbered citations, sources", "[render]") {
  // Read line by line: one number per distinct quote, markup in source text escaped.
  CHECK(render("md", sample()) ==
        "# Kemitraan \\*A\\* \\& B\n"
        "\n"
        "2 sources · 3 events · 2019 – January 25, 2023\n"
        "\n"
        "## 2019\n"
        "\n"
        "### 2019 — Investasi pada tahun 2019\n"
        "\n"
        "*1 source*\n"
        "\n"
        "- [1] Pub\\_One (`s1`), dated by “tahun 2019”\n"
        "\n"
        "## 2021\n"
        "\n"
        "### 2021 — Investasi pada tahun 2021\n"
        "\n"
        "*1 source*\n"
        "\n"
        "- [1] Pub\\_One (`s1`), dated by “2021”\n"
        "\n"
        "## 2023\n"
        "\n"
        "### January 25, 2023 — Diumumkan Rabu\n"
        "\n"
        "*agreement · catalog `deal-2023` · 1 source*\n"
        "\n"
        "- [2] unknown publisher (`s2`), dated by “Rabu (25/1/2023)”\n"
        "- Conflict: `s2` bytes 31–50 says “Jumat (27/1/2023)” (2023-01-27)\n"
        "\n"
        "## Undated\n"
        "\n"
        "On-topic sentences that report an event but hold no date and match no catalog event:\n"
        "\n"
        "- Pub\\_One (`s1`), bytes 61–80: “Kerja sama diperluas.”\n"
        "\n"
        "## Sources\n"
        "\n"
        "### s1\n"
        "\n"
        "- Publisher: Pub\\_One\n"
        "- File: `x/s1.txt` (sha256 `" + std::string(64, 'a') + "`)\n"
        "- Language: id; published: unknown\n"
        "\n"
        "Quotes cited:\n"
        "\n"
        "- [1] bytes 10–60: “Investasi pada tahun 2019 dan 2021 \\<besar\\>.”\n"
        "\n"
        "### s2\n"
        "\n"
        "- Publisher: unknown\n"
        "- File: `s2.md` (sha256 `" + std::string(64, 'a') + "`)\n"
        "- Language: id; published: 2023-02-01 (manifest)\n"
        "\n"
        "Quotes cited:\n"
        "\n"
        "- [2] bytes 0–30: “Diumumkan Rabu (25/1/2023).”\n");
}

TEST_CASE("an empty timeline renders in every format", "[render]") {
  Timeline t;
  t.title = "Kosong";
  CHECK(render("md", t) == "# Kosong\n\n0 sources · 0 events\n\n## Sources\n");
  CHECK(nlohmann::json::parse(render("json", t))["events"].empty());
}
