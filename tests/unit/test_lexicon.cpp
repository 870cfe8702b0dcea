#include <catch2/catch.hpp>

#include "mstimeline/lexicon.hpp"
#include "mstimeline/timex.hpp"
#include "support/support.hpp"

using namespace mstl;

namespace {
// A valid minimal lexicon with one key replaced by `patch` (a "key": value pair).
std::string lexicon_text(const std::string& patch = "") {
  std::string months, weekdays;
  for (int i = 1; i <= 12; ++i)
    months += (i > 1 ? ", " : "") + std::string("{\"name\": \"M") + std::to_string(i) + "\", \"variants\": [\"m" +
              std::to_string(i) + "\"]}";
  for (int i = 1; i <= 7; ++i)
    weekdays += (i > 1 ? ", " : "") + std::string("{\"name\": \"D") + std::to_string(i) + "\", \"variants\": []}";
  return "{\"language\": \"xx\", \"name\": \"Test\",\n \"months\": [" + months + "],\n \"weekdays\": [" + weekdays +
         "]" + (patch.empty() ? "" : ",\n " + patch) + "\n}";
}

Expected<Lexicon> lexicon_from(const std::string& text, const std::string& language = "xx") {
  auto doc = parse_json("lexicon/xx.json", text);
  REQUIRE(doc.ok());
  return parse_lexicon(doc.value(), language);
}
}  // namespace

TEST_CASE("the shipped lexicons load and know their words", "[lexicon]") {
  const Lexicon& id = test::knowledge().lexicon("id");
  CHECK(id.month_of("maret") == 3);
  CHECK(id.month_of("nopember") == 11);
  CHECK(id.month_of("agt") == 8);
  CHECK(id.month_of("pebruari") == 2);
  CHECK(id.weekday_of("jum'at") == 5);
  CHECK(id.weekday_of("ahad") == 7);
  CHECK(id.month_of("senin") == 0);
  const Lexicon& en = test::knowledge().lexicon("en");
  CHECK(en.month_of("sept") == 9);
  CHECK(en.month_names[0] == "January");
}

TEST_CASE("a minimal lexicon is valid", "[lexicon]") {
  auto lex = lexicon_from(lexicon_text());
  REQUIRE(lex.ok());
  CHECK(lex.value().month_of("m12") == 12);
  CHECK(lex.value().month_of("M12") == 0);  // lookups take folded text
}

TEST_CASE("lexicon schema errors are path:line:col, verbatim", "[lexicon]") {
  CHECK(lexicon_from(lexicon_text(), "id").error().to_string() ==
        "lexicon/xx.json:1:14: \"language\" is \"xx\" but the file is named id.json\n"
        "  {\"language\": \"xx\", \"name\": \"Test\",\n" +
            std::string(2 + 13, ' ') + "^");
  CHECK(lexicon_from(lexicon_text("\"year_cues\": [\"pada\", 3]")).error().to_string() ==
        "lexicon/xx.json:4:24: an entry must be a string\n"
        "   \"year_cues\": [\"pada\", 3]\n" +
            std::string(2 + 23, ' ') + "^");
  CHECK(lexicon_from(lexicon_text("\"year_cues\": [\"\"]")).error().message == "an entry must contain a word");
  CHECK(lexicon_from(lexicon_text("\"units\": {\"hari\": \"fortnight\"}")).error().message ==
        "expected one of day, week, month, quarter, half, year, decade, century, hour, minute, second");
  CHECK(lexicon_from(lexicon_text("\"unit_directions\": {\"position\": \"after\", \"words\": {\"lalu\": -2}}"))
            .error()
            .message == "a direction is -1 (past), 0 (current) or 1 (future)");
  CHECK(lexicon_from(lexicon_text("\"modifiers\": {\"awal\": \"BEGIN\"}")).error().message ==
        "expected one of START, MID, END, APPROX");
  CHECK(lexicon_from(lexicon_text("\"month_names\": []")).error().to_string() ==
        "lexicon/xx.json:4:2: unknown key \"month_names\"\n"
        "   \"month_names\": []\n" +
            std::string(2 + 1, ' ') + "^");
  CHECK(lexicon_from(lexicon_text("\"date_formats\": {\"day\": \"{day} {bulan}\"}")).error().message ==
        "bad date format: argument not found (fields: {year} {month} {day} {week} {quarter} {half})");
  CHECK(lexicon_from(lexicon_text("\"date_formats\": {\"fortnight\": \"{year}\"}")).error().message ==
        "unknown precision \"fortnight\" (year, half, quarter, month, week, day)");
  CHECK(lexicon_from("{\"language\": \"xx\", \"name\": \"T\", \"months\": [], \"weekdays\": []}").error().message ==
        "\"months\" must be an array of 12 entries");
  CHECK(lexicon_from("{\"language\": \"xx\"}").error().message == "missing required key \"name\"");
}

TEST_CASE("a variant may not name two different entries", "[lexicon]") {
  std::string text = lexicon_text();
  text.replace(text.find("[\"m2\"]"), 6, "[\"m1\"]");
  CHECK(lexicon_from(text).error().message == "variant \"m1\" already names entry 1");
}

TEST_CASE("dates are written out with the lexicon's names and patterns", "[lexicon]") {
  const Lexicon& id = test::knowledge().lexicon("id");
  const Lexicon& en = test::knowledge().lexicon("en");
  auto v = [](const char* s) { return *parse_date_value(s); };
  CHECK(write_date(v("2023-01-25"), id) == "25 Januari 2023");
  CHECK(write_date(v("2023-01-25"), en) == "January 25, 2023");
  CHECK(write_date(v("2022-06"), id) == "Juni 2022");
  CHECK(write_date(v("2019"), en) == "2019");
  CHECK(write_date(v("2024-Q1"), en) == "Q1 2024");
  CHECK(write_date(v("2023-H2"), id) == "semester 2 2023");
  CHECK(write_date(v("2023-W46"), en) == "week 46 of 2023");
}
