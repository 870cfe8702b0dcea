#include <catch2/catch.hpp>

#include "mstimeline/labels.hpp"
#include "support/support.hpp"

using namespace mstl;

namespace {

// A labels file with every key, one of them replaced.
std::string labels_json(const std::string& key = "", const std::string& raw_value = "") {
  std::string out = "{\n  \"language\": \"xx\",\n  \"labels\": {\n";
  bool first = true;
  for (const auto& k : label_keys()) {
    std::string value = k.key == key ? raw_value : "\"" + std::string(k.key) + "\"";
    out += (first ? "    \"" : ",\n    \"") + std::string(k.key) + "\": " + value;
    first = false;
  }
  return out + "\n  }\n}\n";
}

Expected<Labels> parse(const std::string& text) { return parse_labels(parse_json("xx.json", text).take(), "xx"); }

}  // namespace

TEST_CASE("the shipped labels files are complete and fill their templates", "[labels]") {
  const Knowledge& k = test::knowledge();
  REQUIRE(k.labels.size() == 2);
  const Labels& en = k.label_set("en");
  CHECK(en.count("sources", 1) == "1 source");
  CHECK(en.count("sources", 3) == "3 sources");
  CHECK(en.fill("bytes", {{"start", "10"}, {"end", "20"}}) == "bytes 10–20");
  CHECK(en.kind("") == "new event");
  CHECK(en.kind("investment") == "investment");
  const Labels& id = k.label_set("id");
  CHECK(id.count("events", 2) == "2 peristiwa");
  CHECK(id.kind("leadership") == "kepemimpinan");
  CHECK_THROWS_WITH(k.label_set("fr"), "no locale \"fr\" (available: en, id)");
}

TEST_CASE("fill_template replaces known placeholders and keeps everything else", "[labels]") {
  CHECK(fill_template("{a} and {b} {c} {", {{"a", "1"}, {"b", "{a}"}}) == "1 and {a} {c} {");
}

TEST_CASE("labels files are validated with positions", "[labels]") {
  REQUIRE(parse(labels_json()).ok());
  auto unknown_placeholder = parse(labels_json("sources_one", "\"{count} source\""));
  REQUIRE_FALSE(unknown_placeholder.ok());
  CHECK(unknown_placeholder.error().to_string() ==
        "xx.json:4:20: unknown placeholder in \"{count} source\" (this label may use: {n})\n"
        "      \"sources_one\": \"{count} source\",\n"
        "                     ^");
  auto none_allowed = parse(labels_json("catalog", "\"catalog {id}\""));
  REQUIRE_FALSE(none_allowed.ok());
  CHECK(none_allowed.error().message == "unknown placeholder in \"catalog {id}\" (this label may use: none)");
  auto empty = parse(labels_json("conflict", "\"\""));
  CHECK(empty.error().message == "expected a non-empty string");
  std::string text = labels_json();
  text.replace(text.find("\"at_a_glance\""), 13, "\"at_a_glimpse\"");
  auto renamed = parse(text);
  REQUIRE_FALSE(renamed.ok());
  CHECK(renamed.error().message == "unknown label \"at_a_glimpse\" (docs/labels.md lists them)");
  CHECK(renamed.error().line == 8);
  std::string missing = labels_json();
  const std::string conflict_line = ",\n    \"conflict\": \"conflict\"";
  missing.replace(missing.find(conflict_line), conflict_line.size(), "");
  CHECK(parse(missing).error().message == "missing label \"conflict\"");
  auto wrong_language = parse_labels(parse_json("xx.json", labels_json()).take(), "yy");
  CHECK(wrong_language.error().message == "\"language\" must be \"yy\", the file's name");
}
