#include <catch2/catch.hpp>

#include "mstimeline/manifest.hpp"

using namespace mstl;

namespace {
Expected<Manifest> manifest_from(const std::string& text) {
  auto doc = parse_json("sources.json", text);
  REQUIRE(doc.ok());
  return parse_manifest(doc.value());
}
}  // namespace

TEST_CASE("a manifest gives a title and per-file metadata", "[manifest]") {
  auto m = manifest_from(R"({"title": "T", "sources": {"a/x.txt": {"publisher": "P", "url": null,
                            "published": "2023-01-25", "language": "id"}}})");
  REQUIRE(m.ok());
  CHECK(m.value().title == "T");
  const SourceMeta& meta = m.value().sources.at("a/x.txt");
  CHECK(meta.publisher == "P");
  CHECK_FALSE(meta.url);
  CHECK(meta.published == "2023-01-25");
  CHECK(meta.language == "id");
}

TEST_CASE("manifest errors are path:line:col with the offending line", "[manifest]") {
  CHECK(manifest_from("{\"sources\": {\"x.txt\": {\"publsher\": \"P\"}}}").error().to_string() ==
        "sources.json:1:24: unknown key \"publsher\" (expected publisher, url, published, language)\n"
        "  {\"sources\": {\"x.txt\": {\"publsher\": \"P\"}}}\n" +
            std::string(2 + 23, ' ') + "^");
  CHECK(manifest_from("{\"sources\": {\"x.txt\": {\n  \"published\": \"2023-02-30\"}}}").error().to_string() ==
        "sources.json:2:16: \"published\" must be a calendar date YYYY-MM-DD, not \"2023-02-30\"\n"
        "    \"published\": \"2023-02-30\"}}}\n" +
            std::string(2 + 15, ' ') + "^");
  CHECK(manifest_from(R"({"sources": {"x.txt": {"language": "Indonesian"}}})").error().message ==
        "\"language\" must be a two-letter lowercase code, not \"Indonesian\"");
  CHECK(manifest_from(R"({"sources": {"x.txt": {"url": 3}}})").error().message == "\"url\" must be a string or null");
  CHECK(manifest_from(R"({"titel": "x"})").error().message == "unknown key \"titel\" (expected title, sources)");
}

TEST_CASE("a manifest language must have a lexicon", "[manifest]") {
  auto doc = parse_json("sources.json", "{\"sources\": {\"a.txt\": {\"language\": \"xx\"}}}");
  REQUIRE(doc.ok());
  CHECK(parse_manifest(doc.value(), {"en", "id"}).error().to_string() ==
        "sources.json:1:36: no lexicon for language \"xx\" (available: en, id)\n"
        "  {\"sources\": {\"a.txt\": {\"language\": \"xx\"}}}\n" +
            std::string(2 + 35, ' ') + "^");
}

TEST_CASE("manifest paths must stay inside the input folder", "[manifest]") {
  for (const char* bad : {"../x.txt", "/etc/passwd", "a/../../x.txt", "a//b.txt", "./x.txt"}) {
    auto m = manifest_from(std::string(R"({"sources": {")") + bad + R"(": {}}})");
    REQUIRE_FALSE(m.ok());
    CHECK(m.error().message ==
          std::string("source path \"") + bad + "\" must be relative and stay inside the input folder");
  }
}

TEST_CASE("an unpadded published date is read as the calendar date it names", "[manifest]") {
  auto m = manifest_from(R"({"sources": {"a.txt": {"published": "2013-12-4"}, "b.txt": {"published": "2014-1-15"}}})");
  REQUIRE(m.ok());
  CHECK(m.value().sources.at("a.txt").published == "2013-12-04");
  CHECK(m.value().sources.at("b.txt").published == "2014-01-15");
  CHECK(manifest_from(R"({"sources": {"a.txt": {"published": "2013-2-30"}}})").error().message ==
        "\"published\" must be a calendar date YYYY-MM-DD, not \"2013-2-30\"");
  CHECK(manifest_from(R"({"sources": {"a.txt": {"published": "13-12-4"}}})").error().message ==
        "\"published\" must be a calendar date YYYY-MM-DD, not \"13-12-4\"");
}

TEST_CASE("check_manifest lists every problem of a manifest in the order of the file", "[manifest]") {
  auto doc = parse_json("sources.json", R"({"title": 3, "sources": {
  "b.txt": {"published": "2023-13-01", "lang": "id"},
  "a.txt": {"language": "xx"}}})");
  REQUIRE(doc.ok());
  std::vector<Diagnostic> problems;
  check_manifest(doc.value(), {"en", "id"}, problems);
  std::vector<std::string> got;
  for (const auto& p : problems)
    got.push_back(std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + p.message);
  CHECK(got == std::vector<std::string>{
                   "1:11: \"title\" must be a string or null",
                   "2:26: \"published\" must be a calendar date YYYY-MM-DD, not \"2023-13-01\"",
                   "2:40: unknown key \"lang\" (expected publisher, url, published, language)",
                   "3:25: no lexicon for language \"xx\" (available: en, id)",
               });
}
