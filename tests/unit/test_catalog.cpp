#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "mstimeline/catalog.hpp"
#include "mstimeline/text.hpp"
#include "mstimeline/topic.hpp"
#include "support/support.hpp"

using namespace mstl;

namespace {

const char* k_event =
    R"({"id": "a", "date": "2019-07-22", "kind": "investment", "title": {"en": "A"}, "actors": ["Microsoft"],
 "triggers": {"id": ["investasi"]}})";

std::string error_of(const std::string& text) {
  auto doc = parse_json("c.json", text);
  REQUIRE(doc.ok());
  auto catalog = parse_catalog(doc.value());
  REQUIRE_FALSE(catalog.ok());
  return catalog.error().to_string();
}

}  // namespace

TEST_CASE("the shipped catalog loads", "[catalog]") {
  auto doc = read_json_file((test::source_dir() / "data/catalog.json").string());
  REQUIRE(doc.ok());
  auto catalog = parse_catalog(doc.value());
  REQUIRE(catalog.ok());
  CHECK(catalog.value().events.size() >= 12);
}

TEST_CASE("told which trigger words a sentence holds, triggers match exactly as when searched word by word",
          "[catalog]") {
  auto doc = read_json_file((test::source_dir() / "data/catalog.json").string());
  REQUIRE(doc.ok());
  Catalog catalog = parse_catalog(doc.value()).take();
  // Every line of the seed articles, folded, and a few made to hold the triggers' words out of order or inside
  // other words.
  std::vector<std::string> sentences = {"openai microsoft investasi 10 miliar dolar", "keluar kembali altman",
                                        "usd 100 miliar", "menginvestasikan 1 miliar dolar ke openai", ""};
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "data/articles")) {
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) sentences.push_back(text::fold_spaces(text::fold_case(line)));
  }
  std::size_t matched = 0, skipped = 0;
  NeedleHits words;
  for (const auto& s : sentences) {
    catalog.trigger_words.find_in(s, words);
    for (const auto& e : catalog.events)
      for (const auto& [lang, triggers] : e.triggers) {
        INFO(e.id << " " << lang << ": " << s);
        CHECK(trigger_weight(triggers, s, words) == trigger_weight(triggers, s));
        for (const auto& t : triggers) {
          REQUIRE(t.word_ids.size() == t.words.size());
          bool exact = trigger_matches(t, s);
          CHECK(trigger_matches(t, s, words) == exact);
          matched += exact;
          for (std::size_t k = 0; k < t.words.size(); ++k) skipped += !words.has(t.word_ids[k]);
        }
      }
  }
  CHECK(matched > 50);    // the comparison saw matches (86 of them),
  CHECK(skipped > 1000);  // and triggers the words let it skip
}

TEST_CASE("catalog errors name their position", "[catalog]") {
  CHECK(error_of(std::string("{\"events\": [") + k_event + ", " + k_event + "]}") ==
        "c.json:2:45: duplicate event id \"a\"\n"
        "   \"triggers\": {\"id\": [\"investasi\"]}}, {\"id\": \"a\", \"date\": \"2019-07-22\", \"kind\": "
        "\"investment\", \"title\": {\"en\": \"A\"}, \"actors\": [\"Microsoft\"],\n"
        "                                              ^");
  CHECK(error_of("{\"events\": [{\"id\": \"a\"}]}") ==
        "c.json:1:13: event is missing \"date\" (and 4 more problems: "
        "`mstimeline catalog check` lists every one)\n"
        "  {\"events\": [{\"id\": \"a\"}]}\n"
        "              ^");
  std::string kind = std::string(k_event);
  kind.replace(kind.find("\"investment\""), 12, "\"merger\"");
  CHECK(error_of("{\"events\": [" + kind + "]}") ==
        "c.json:1:55: unknown kind \"merger\" (expected one of: investment, agreement, leadership, personnel, "
        "regulation, product, infrastructure, legal, corporate, other)\n"
        "  {\"events\": [{\"id\": \"a\", \"date\": \"2019-07-22\", \"kind\": \"merger\", \"title\": {\"en\": \"A\"}, "
        "\"actors\": [\"Microsoft\"],\n"
        "                                                        ^");
  CHECK(error_of("{\"events\": [], \"extra\": 1}") ==
        "c.json:1:16: unknown key \"extra\" (expected events, comment)\n"
        "  {\"events\": [], \"extra\": 1}\n"
        "                 ^");
}

TEST_CASE("triggers match in order, long words inside words, short ones whole", "[catalog]") {
  auto trigger = [](std::vector<std::string> words) {
    Trigger t;
    t.words = std::move(words);
    for (const auto& w : t.words) t.weight += w.size();
    return t;
  };
  CHECK(trigger_matches(trigger({"investasi"}), "microsoft menginvestasikan dana"));
  CHECK(trigger_matches(trigger({"altman", "bergabung"}), "sam altman telah bergabung"));
  CHECK_FALSE(trigger_matches(trigger({"altman", "kembali"}), "kembalinya altman sebagai ceo"));
  CHECK(trigger_matches(trigger({"10", "miliar"}), "usd 10 miliar"));
  CHECK_FALSE(trigger_matches(trigger({"10", "miliar"}), "usd 100 miliar"));
  CHECK(trigger_weight({trigger({"oracle"}), trigger({"kesepakatan", "oracle"})}, "kesepakatan dengan oracle") == 17);
  NeedleSet set({"investasi"});
  NeedleHits none;
  set.find_in("tidak ada", none);
  Trigger by_hand = trigger({"altman", "bergabung"});
  by_hand.word_ids = {0, 7};  // "bergabung" outside the set: searched for; "altman" as id 0: not held
  CHECK_FALSE(trigger_matches(by_hand, "sam altman telah bergabung", none));
  by_hand.word_ids = {7, 8};
  CHECK(trigger_matches(by_hand, "sam altman telah bergabung", none));
  CHECK(contains_stem("microsoft signed a deal", "sign"));
  CHECK_FALSE(contains_stem("a new design", "sign"));
}

TEST_CASE("an impossible catalog date is reported at its value", "[catalog][robust]") {
  std::string event = k_event;
  event.replace(event.find("2019-07-22"), 10, "2023-02-30");
  std::string error = error_of("{\"events\": [" + event + "]}");
  CHECK(error.substr(0, error.find('\n')) ==
        "c.json:1:33: \"2023-02-30\" is not a calendar date (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn or YYYY-Wnn)");
}

namespace {

// Every problem of a catalog as "line:col: message", read with the repository's knowledge and `topic`.
std::vector<std::string> problems_of(const std::string& text, const TopicProfile* topic = nullptr) {
  auto doc = parse_json("c.json", text);
  REQUIRE(doc.ok());
  std::vector<Diagnostic> problems;
  check_catalog(doc.value(), CatalogContext{&test::knowledge(), topic}, problems);
  std::vector<std::string> out;
  for (const auto& p : problems)
    out.push_back(std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + p.message);
  return out;
}

}  // namespace

TEST_CASE("check_catalog lists every problem in the order of the file and keeps only sound events", "[catalog]") {
  std::string text = std::string("{\"events\": [\n") + k_event + ",\n" +
                     R"({"id": "B", "date": "2019-13", "kind": "investment", "title": {"en": "B"}, "actors": [],
 "triggers": {"id": ["investasi"]}},
{"id": "c", "date": "2019", "kind": "other", "title": {"en": "C"}, "actors": ["Microsoft"], "triggers": {"id": ["investasi"]}}]})";
  auto doc = parse_json("c.json", text);
  REQUIRE(doc.ok());
  std::vector<Diagnostic> problems;
  Catalog catalog = check_catalog(doc.value(), CatalogContext{}, problems);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].message == "\"id\" must be lowercase letters, digits and '-'");
  CHECK(problems[0].line == 4);
  CHECK(problems[1].message.starts_with("\"2019-13\" is not a calendar date"));
  CHECK(problems[2].message == "\"actors\" must be a non-empty array of names");
  REQUIRE(catalog.events.size() == 2);
  CHECK(catalog.events[0].id == "a");
  CHECK(catalog.events[1].id == "c");
  // parse_catalog, which build, extract and review run, gives the first and how many more there are.
  auto first = parse_catalog(doc.value());
  REQUIRE_FALSE(first.ok());
  CHECK(first.error().message ==
        "\"id\" must be lowercase letters, digits and '-' (and 2 more problems: "
        "`mstimeline catalog check` lists every one)");
}

TEST_CASE("with the knowledge, languages need a lexicon and triggers a word of the event", "[catalog]") {
  std::string head = R"({"events": [{"id": "a", "date": "2019", "kind": "other", "actors": ["Microsoft"], )";
  CHECK(problems_of(head + R"("title": {"en": "A", "fr": "Un"}, "triggers": {"de": ["investition"]}}]})") ==
        std::vector<std::string>{"1:104: no lexicon for language \"fr\" (available: en, id)",
                                 "1:130: no lexicon for language \"de\" (available: en, id)"});
  CHECK(
      problems_of(head + R"("title": {"en": "A"}, "triggers": {"en": ["the", "x", "a x", "invest", "the deal"]}}]})") ==
      std::vector<std::string>{
          "1:125: trigger \"the\" has only words of the en lexicon's function_words, which are in nearly every "
          "sentence; give a phrase with a word of the event",
          "1:132: trigger \"x\" is a single character, which is in nearly every sentence; give a phrase with a "
          "word of the event",
          "1:137: trigger \"a x\" has only single characters and words of the en lexicon's function_words, which "
          "are in nearly every sentence; give a phrase with a word of the event"});
  // Without the knowledge the language codes are only checked for their shape, and a single character still fails.
  auto doc = parse_json("c.json", head + R"("title": {"fr": "Un"}, "triggers": {"de": ["der", "é"]}}]})");
  REQUIRE(doc.ok());
  auto bare = parse_catalog(doc.value());
  REQUIRE_FALSE(bare.ok());
  CHECK(bare.error().message ==
        "trigger \"é\" is a single character, which is in nearly every sentence; give a "
        "phrase with a word of the event");
}

TEST_CASE("with a topic profile, every actor is a side's name or alias", "[catalog]") {
  auto topic_doc = parse_json("t.json", R"({"name": "T", "sides": [{"name": "Microsoft", "aliases": ["Satya Nadella"]},
 {"name": "OpenAI", "aliases": ["OpenAI", "Sam Altman"]}]})");
  REQUIRE(topic_doc.ok());
  auto topic = parse_topic(topic_doc.value());
  REQUIRE(topic.ok());
  std::string text = R"({"events": [{"id": "a", "date": "2019", "kind": "other", "title": {"en": "A"},
 "actors": ["microsoft", "Sam Altman", "Google"], "triggers": {"en": ["invest"]}}]})";
  CHECK(problems_of(text, &topic.value()) ==
        std::vector<std::string>{"2:40: actor \"Google\" is not a side's name or alias in the topic profile; add it "
                                 "to a side's aliases or correct it"});
  CHECK(problems_of(text).empty());  // no topic, no actor check
}
