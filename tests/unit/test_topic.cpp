#include <catch2/catch.hpp>

#include "mstimeline/catalog.hpp"
#include "mstimeline/topic.hpp"
#include "support/support.hpp"

using namespace mstl;

namespace {
Expected<TopicProfile> topic_from(const std::string& text) {
  auto doc = parse_json("t.json", text);
  REQUIRE(doc.ok());
  return parse_topic(doc.value());
}
}  // namespace

TEST_CASE("sides are found by whole-word aliases, case-insensitively", "[topic]") {
  auto t = topic_from(R"({"name": "T", "sides": [{"name": "Microsoft", "aliases": ["Microsoft", "Sam"]},
                                                 {"name": "OpenAI", "aliases": ["OpenAI", "Sam Altman"]}]})");
  REQUIRE(t.ok());
  const TopicProfile& p = t.value();
  CHECK(p.sides_named("microsoft dan openai") == 3u);
  CHECK(p.sides_named("openai's board") == 2u);
  CHECK(p.sides_named("altmann dan samsung") == 0u);
  CHECK(p.sides_named("sam altman") == 3u);
  CHECK(p.sides_named("samsung dan openai") == 2u);  // "sam" held as bytes, not as a word
  CHECK(p.sides_named("") == 0u);
  TopicProfile by_hand = p;  // aliases with ids outside the set, or none, are searched for each
  by_hand.sides[0].alias_ids = {999, 999};
  by_hand.sides[1].aliases.push_back("brockman");
  CHECK(by_hand.sides_named("microsoft dan openai") == 3u);
  CHECK(by_hand.sides_named("greg brockman") == 2u);
  CHECK(by_hand.sides_named("samsung") == 0u);
  CHECK(p.side_of("sam altman") == 1);
  CHECK(p.side_of("Nobody") == -1);
  CHECK(p.context_sentences == 1);
}

TEST_CASE("topic profile errors name their position", "[topic]") {
  auto missing = topic_from(R"({"name": "T"})");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().to_string() ==
        "t.json:1:1: the profile needs a non-empty array \"sides\"\n"
        "  {\"name\": \"T\"}\n"
        "  ^");
  auto alias = topic_from(R"({"name": "T", "sides": [{"name": "A", "aliases": ["a", 3]}]})");
  REQUIRE_FALSE(alias.ok());
  CHECK(alias.error().to_string() ==
        "t.json:1:56: an alias must be a non-empty string\n"
        "  {\"name\": \"T\", \"sides\": [{\"name\": \"A\", \"aliases\": [\"a\", 3]}]}\n"
        "                                                         ^");
  auto key = topic_from(R"({"name": "T", "sides": [{"name": "A", "aliases": ["a"]}], "rule": 1})");
  REQUIRE_FALSE(key.ok());
  CHECK(key.error().to_string().rfind("t.json:1:59: unknown key \"rule\"\n", 0) == 0);
}

TEST_CASE("aliases match at Unicode word boundaries, next to any punctuation", "[topic]") {
  auto t = topic_from(R"({"name": "T", "sides": [{"name": "OpenAI", "aliases": ["OpenAI"]}],
                         "document_mentions": 3, "narrative_days": 10})");
  REQUIRE(t.ok());
  const TopicProfile& p = t.value();
  CHECK(p.sides_named("\xE2\x80\x9C"
                      "openai\xE2\x80\x9D berkata") == 1u);          // “openai”
  CHECK(p.sides_named("kata\xC2\xA0openai\xC2\xA0hari ini") == 1u);  // no-break spaces
  CHECK(p.sides_named("\xC3\xA9openai") == 0u);                      // "éopenai": a letter before
  CHECK(p.sides_named("openai\xC3\xA9") == 0u);
  CHECK(p.sides_named("openai\xD9\xA3") == 0u);  // an Arabic-Indic digit after it
  CHECK(p.document_mentions == 3);
  CHECK(p.narrative_days == 10);
  CHECK(p.alias_tokens == std::set<std::string, std::less<>>{"openai"});
  CHECK(contains_stem("\xE2\x80\x9Cturun\xE2\x80\x9D", "naik") == false);
  CHECK(contains_stem("\xE2\x80\x9Cnaik", "naik"));
  CHECK_FALSE(contains_stem("\xC3\xA9naik", "naik"));
}

TEST_CASE("a topic's document_mentions and narrative_days are bounded", "[topic]") {
  CHECK(topic_from(R"({"name": "T", "sides": [{"name": "A", "aliases": ["a"]}], "document_mentions": 0})")
            .error()
            .message == "\"document_mentions\" must be an integer from 1 to 100");
  CHECK(topic_from(R"({"name": "T", "sides": [{"name": "A", "aliases": ["a"]}], "narrative_days": -1})")
            .error()
            .message == "\"narrative_days\" must be an integer from 0 to 3660");
}

TEST_CASE("check_topic lists every problem of a profile in the order of the file", "[topic]") {
  auto doc = parse_json("t.json", R"({"sides": [{"name": "A", "aliases": ["", "a"], "alias": 1},
 {"aliases": ["b"]}], "context_sentences": 9, "typo": true})");
  REQUIRE(doc.ok());
  std::vector<Diagnostic> problems;
  check_topic(doc.value(), problems);
  std::vector<std::string> got;
  for (const auto& p : problems)
    got.push_back(std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + p.message);
  CHECK(got == std::vector<std::string>{
                   "1:1: the profile needs a non-empty string \"name\"",
                   "1:38: an alias must be a non-empty string",
                   "1:48: unknown key \"alias\"",
                   "2:2: a side needs a non-empty string \"name\"",
                   "2:44: \"context_sentences\" must be an integer from 0 to 5",
                   "2:47: unknown key \"typo\"",
               });
  // parse_topic, which build reads the profile with, stops at the first.
  auto first = parse_topic(doc.value());
  REQUIRE_FALSE(first.ok());
  CHECK(first.error().message == "the profile needs a non-empty string \"name\"");
}
