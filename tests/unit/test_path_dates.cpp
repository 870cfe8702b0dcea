#include <catch2/catch.hpp>

#include "mstimeline/path_dates.hpp"
#include "support/support.hpp"

using namespace mstl;

namespace {

// Rules from one file's text, or its error.
Expected<PathDates> rules_from(const std::string& text) {
  auto doc = parse_json("path_dates.json", text);
  REQUIRE(doc.ok());
  PathDates rules;
  if (auto e = parse_path_dates(doc.value(), rules)) return *e;
  return rules;
}

// One pattern, with its example, in a file accepting 1900 to 2100.
PathDates one(const std::string& pattern, const std::string& example) {
  auto rules = rules_from(R"({"years": {"min": 1900, "max": 2100}, "patterns": [{"pattern": ")" + pattern +
                          R"(", "example": ")" + example + R"("}]})");
  INFO((rules.ok() ? std::string() : rules.error().to_string()));
  REQUIRE(rules.ok());
  return rules.value();
}

std::string message_of(const std::string& text) {
  auto rules = rules_from(text);
  REQUIRE_FALSE(rules.ok());
  return rules.error().message;
}

// A file whose only pattern is `pattern`, with a harmless example.
std::string pattern_file(const std::string& pattern) {
  return R"({"years": {"min": 1900, "max": 2100}, "patterns": [{"pattern": ")" + pattern +
         R"(", "example": "20141128-x.txt"}]})";
}

const std::string k_no_date = "(none)";

std::string date_of(std::string_view path, const PathDates& rules) {
  return date_from_path(path, rules).value_or(k_no_date);
}

}  // namespace

TEST_CASE("the shipped patterns read each documented layout", "[path_dates]") {
  const PathDates& rules = test::knowledge().path_dates;
  REQUIRE(rules.patterns.size() == 5);
  CHECK(date_of("20141128-080819926.txt", rules) == "2014-11-28");
  CHECK(date_of("2014-11-28_story.md", rules) == "2014-11-28");
  CHECK(date_of("2014-11-28.txt", rules) == "2014-11-28");
  CHECK(date_of("news_20141128.txt", rules) == "2014-11-28");
  CHECK(date_of("kompas_tekno_20141128_v2.txt", rules) == "2014-11-28");
  CHECK(date_of("2014/11/28/story.txt", rules) == "2014-11-28");
  CHECK(date_of("2014/1128/x.txt", rules) == "2014-11-28");
  CHECK(date_of("archive/2014/11/28/story.txt", rules) == "2014-11-28");
  CHECK(date_of("archive/2014-11-28/story.txt", rules) == "2014-11-28");
  // The sample articles' names hold no date.
  for (const char* path : {"articles/000_40745a8f02a1e1be.txt", "articles/001_9862e06ff9b01b8b.txt", "story.txt",
                           "2014/story.txt", "2014/11/story.txt"})
    CHECK(date_of(path, rules) == k_no_date);
}

TEST_CASE("the first pattern in order wins, each tried from the file name outwards", "[path_dates]") {
  const PathDates& rules = test::knowledge().path_dates;
  // The file name's pattern comes before the folders'.
  CHECK(date_of("2014/11/28/20141127-0808.txt", rules) == "2014-11-27");
  // One pattern: the file name before the folder above it.
  CHECK(date_of("2013-01-02/2014-11-28_x.txt", rules) == "2014-11-28");
  CHECK(date_of("2013-01-02/x/y.txt", rules) == "2013-01-02");
  // Two files' patterns: the first file's first.
  auto rules_of = [](const char* first, const char* second) {
    PathDates both;
    for (const char* pattern : {first, second}) {
      auto doc = parse_json("p.json", R"({"years": {"min": 1900, "max": 2100}, "patterns": [{"pattern": ")" +
                                          std::string(pattern) + R"(", "example": "2014/11/28/20141127-1.txt"}]})");
      REQUIRE(doc.ok());
      REQUIRE_FALSE(parse_path_dates(doc.value(), both));
    }
    return both;
  };
  CHECK(date_of("2014/11/28/20141127-1.txt", rules_of("{yyyy}/{mm}/{dd}/", "{yyyy}{mm}{dd}-")) == "2014-11-28");
  CHECK(date_of("2014/11/28/20141127-1.txt", rules_of("{yyyy}{mm}{dd}-", "{yyyy}/{mm}/{dd}/")) == "2014-11-27");
}

TEST_CASE("a pattern starts at a path component and its digits touch no other digit", "[path_dates]") {
  PathDates compact = one("{yyyy}{mm}{dd}", "20141128.txt");
  CHECK(date_of("20141128.txt", compact) == "2014-11-28");
  CHECK(date_of("20141128-080819926.txt", compact) == "2014-11-28");
  CHECK(date_of("a/20141128/b.txt", compact) == "2014-11-28");
  CHECK(date_of("201411281.txt", compact) == k_no_date);  // nine digits: not half of them
  CHECK(date_of("120141128.txt", compact) == k_no_date);
  CHECK(date_of("x20141128.txt", compact) == k_no_date);  // not at a component's start
  CHECK(date_of("2014112.txt", compact) == k_no_date);    // too few
  CHECK(date_of("", compact) == k_no_date);

  PathDates after = one("*_{yyyy}{mm}{dd}", "news_20141128.txt");
  CHECK(date_of("news_201411281.txt", after) == k_no_date);
  CHECK(date_of("news_1_20141128.txt", after) == "2014-11-28");
  CHECK(date_of("news_20141128_20150101.txt", after) == "2014-11-28");  // `*` takes as little as it can
  CHECK(date_of("news_20140230_20150101.txt", after) == "2015-01-01");  // ...but a date must be real
  CHECK(date_of("a_b/c.txt", after) == k_no_date);
  CHECK(date_of("x_2014/1128.txt", after) == k_no_date);  // `*` never crosses a `/`

  PathDates split = one("{yyyy}-{mm}-{dd}", "2014-11-28.txt");
  CHECK(date_of("2014-11-28a.txt", split) == "2014-11-28");  // what follows does not matter, but a digit
  CHECK(date_of("2014-11-281.txt", split) == k_no_date);
  CHECK(date_of("2014-1-28.txt", split) == k_no_date);
  CHECK(date_of("12014-11-28.txt", split) == k_no_date);
}

TEST_CASE("letters of a pattern match in either ASCII case, other characters only themselves", "[path_dates]") {
  PathDates rules = one("News_{yyyy}{mm}{dd}.txt", "news_20141128.txt");
  CHECK(date_of("NEWS_20141128.TXT", rules) == "2014-11-28");
  CHECK(date_of("news-20141128.txt", rules) == k_no_date);
  CHECK(date_of("news_20141128.md", rules) == k_no_date);
}

TEST_CASE("fields may stand in any order and across folders", "[path_dates]") {
  CHECK(date_of("28.11.2014.txt", one("{dd}.{mm}.{yyyy}", "28.11.2014.txt")) == "2014-11-28");
  CHECK(date_of("x/2014/11/28/y.txt", one("{yyyy}/{mm}/{dd}/", "2014/11/28/a.txt")) == "2014-11-28");
  CHECK(date_of("2014/11/28.txt", one("{yyyy}/{mm}/{dd}/", "2014/11/28/a.txt")) == k_no_date);
  CHECK(date_of("2014/x/1128.txt", one("{yyyy}/*/{mm}{dd}", "2014/x/1128.txt")) == "2014-11-28");
  CHECK(date_of("2014/x/y/1128.txt", one("{yyyy}/*/{mm}{dd}", "2014/x/1128.txt")) == k_no_date);
}

TEST_CASE("impossible dates and years outside the file's bounds give no date", "[path_dates]") {
  const PathDates& rules = test::knowledge().path_dates;
  CHECK(date_of("20140230-1.txt", rules) == k_no_date);
  CHECK(date_of("20141301-1.txt", rules) == k_no_date);
  CHECK(date_of("20141100-1.txt", rules) == k_no_date);
  CHECK(date_of("2014/11/31/x.txt", rules) == k_no_date);
  CHECK(date_of("20150229-1.txt", rules) == k_no_date);
  CHECK(date_of("20160229-1.txt", rules) == "2016-02-29");
  CHECK(date_of("18991231-1.txt", rules) == k_no_date);
  CHECK(date_of("19000101-1.txt", rules) == "1900-01-01");
  CHECK(date_of("21001231-1.txt", rules) == "2100-12-31");
  CHECK(date_of("21010101-1.txt", rules) == k_no_date);
  // An impossible date in the file name leaves the folders to try.
  CHECK(date_of("2014/11/28/20140230-1.txt", rules) == "2014-11-28");
}

TEST_CASE("path dates errors are path:line:col with the offending line", "[path_dates]") {
  CHECK(rules_from("{\"years\": {\"min\": 1900, \"max\": 2100}, \"patterns\": [],\n \"pattern\": []}")
            .error()
            .to_string() ==
        "path_dates.json:2:2: unknown key \"pattern\" (expected comment, years, patterns)\n"
        "   \"pattern\": []}\n" +
            std::string(2 + 1, ' ') + "^");
  CHECK(rules_from("{\"years\": {\"min\": 1900, \"max\": 2100}, \"patterns\": [\n"
                   "  {\"pattern\": \"{yyyy}{mm}{d}\", \"example\": \"x\"}]}")
            .error()
            .to_string() ==
        "path_dates.json:2:15: unknown field \"{d}\" in pattern \"{yyyy}{mm}{d}\" (expected {yyyy}, {mm}, {dd})\n"
        "    {\"pattern\": \"{yyyy}{mm}{d}\", \"example\": \"x\"}]}\n" +
            std::string(2 + 14, ' ') + "^");
  CHECK(rules_from("{\"years\": {\"min\": 1900, \"max\": 2100}, \"patterns\": [\n"
                   "  {\"pattern\": \"{yyyy}{mm}{dd}-\", \"example\": \"20140230-1.txt\"}]}")
            .error()
            .to_string() ==
        "path_dates.json:2:45: the example \"20140230-1.txt\" gives no date by pattern \"{yyyy}{mm}{dd}-\"\n"
        "    {\"pattern\": \"{yyyy}{mm}{dd}-\", \"example\": \"20140230-1.txt\"}]}\n" +
            std::string(2 + 44, ' ') + "^");
}

TEST_CASE("malformed patterns are refused with what is wrong", "[path_dates]") {
  CHECK(message_of(pattern_file("{yyyy}{mm}")) == "pattern \"{yyyy}{mm}\" has no {dd}");
  CHECK(message_of(pattern_file("{yyyy}{mm}{dd}{mm}")) == "{mm} appears twice in pattern \"{yyyy}{mm}{dd}{mm}\"");
  CHECK(message_of(pattern_file("{yy}{mm}{dd}")) ==
        "unknown field \"{yy}\" in pattern \"{yy}{mm}{dd}\" (expected {yyyy}, {mm}, {dd})");
  CHECK(message_of(pattern_file("{yyyy{mm}{dd}")) ==
        "unknown field \"{yyyy{mm}\" in pattern \"{yyyy{mm}{dd}\" (expected {yyyy}, {mm}, {dd})");
  CHECK(message_of(pattern_file("{yyyy}{mm}{dd")) == "pattern \"{yyyy}{mm}{dd\" has a \"{\" without \"}\"");
  CHECK(message_of(pattern_file("{yyyy}}{mm}{dd}")) == "pattern \"{yyyy}}{mm}{dd}\" has a \"}\" without \"{\"");
  CHECK(message_of(pattern_file("/{yyyy}{mm}{dd}")) ==
        "pattern \"/{yyyy}{mm}{dd}\" starts with \"/\"; it starts at a path component");
  CHECK(message_of(pattern_file("{yyyy}//{mm}{dd}")) ==
        "pattern \"{yyyy}//{mm}{dd}\" has an empty path component (\"//\")");
  CHECK(message_of(pattern_file("*_{yyyy}{mm}{dd}*-*")) ==
        "pattern \"*_{yyyy}{mm}{dd}*-*\" has two \"*\" between slashes");
  CHECK(message_of(pattern_file("v1{yyyy}{mm}{dd}")) ==
        "pattern \"v1{yyyy}{mm}{dd}\" has a digit beside a field, which can never match");
  CHECK(message_of(pattern_file("{yyyy}{mm}{dd}0")) ==
        "pattern \"{yyyy}{mm}{dd}0\" has a digit beside a field, which can never match");
  // One `*` in each component is allowed, and so is a digit away from the fields.
  CHECK(rules_from(pattern_file("*/*_{yyyy}{mm}{dd}")).error().message ==
        "the example \"20141128-x.txt\" gives no date by pattern \"*/*_{yyyy}{mm}{dd}\"");
  CHECK(one("v1/{yyyy}{mm}{dd}", "v1/20141128.txt").patterns.size() == 1);
}

TEST_CASE("the file's shape: years, patterns and their entries", "[path_dates]") {
  CHECK(message_of("[]") == "a path dates file must be a JSON object");
  CHECK(message_of(R"({"patterns": []})") == "missing \"years\"");
  CHECK(message_of(R"({"years": [1900, 2100], "patterns": []})") ==
        "\"years\" must be an object {\"min\": YEAR, \"max\": YEAR}");
  CHECK(message_of(R"({"years": {"min": 1900, "max": 2100, "maxi": 1}, "patterns": []})") ==
        "unknown key \"maxi\" (expected min, max)");
  CHECK(message_of(R"({"years": {"min": 1900}, "patterns": []})") == "\"years\" has no \"max\"");
  CHECK(message_of(R"({"years": {"min": 1900.5, "max": 2100}, "patterns": []})") ==
        "\"min\" must be a whole number from 1 to 9999");
  CHECK(message_of(R"({"years": {"min": 1900, "max": 10000}, "patterns": []})") ==
        "\"max\" must be a whole number from 1 to 9999");
  CHECK(message_of(R"({"years": {"min": 0, "max": 2100}, "patterns": []})") ==
        "\"min\" must be a whole number from 1 to 9999");
  CHECK(message_of(R"({"years": {"min": 2100, "max": 1900}, "patterns": []})") ==
        "\"min\" (2100) is after \"max\" (1900)");
  CHECK(message_of(R"({"years": {"min": 1900, "max": 2100}})") == "missing \"patterns\"");
  CHECK(message_of(R"({"years": {"min": 1900, "max": 2100}, "patterns": {}})") ==
        "\"patterns\" must be an array of objects");
  CHECK(message_of(R"({"years": {"min": 1900, "max": 2100}, "patterns": ["{yyyy}{mm}{dd}"]})") ==
        "expected an object {\"pattern\": ..., \"example\": ...}");
  CHECK(message_of(R"({"years": {"min": 1900, "max": 2100}, "patterns": [{"pattern": "{yyyy}{mm}{dd}"}]})") ==
        "missing \"example\"");
  CHECK(message_of(R"({"years": {"min": 1900, "max": 2100}, "patterns": [{"example": "x"}]})") ==
        "missing \"pattern\"");
  CHECK(message_of(R"({"years": {"min": 1900, "max": 2100}, "patterns": [{"pattern": "", "example": "x"}]})") ==
        "\"pattern\" must be a non-empty string");
  CHECK(message_of(R"({"years": {"min": 1900, "max": 2100}, "patterns": [{"pattern": "{yyyy}", "exemple": "x"}]})") ==
        "unknown key \"exemple\" (expected pattern, example, comment)");
  // The bounds apply to the examples too.
  std::string to_2000 = R"({"years": {"min": 1900, "max": 2000},
                            "patterns": [{"pattern": "{yyyy}{mm}{dd}", "example": "20141128"}]})";
  CHECK(message_of(to_2000) == "the example \"20141128\" gives no date by pattern \"{yyyy}{mm}{dd}\"");
}

TEST_CASE("a file with an error adds no pattern", "[path_dates]") {
  auto doc = parse_json("p.json", R"({"years": {"min": 1900, "max": 2100}, "patterns": [
    {"pattern": "{yyyy}{mm}{dd}", "example": "20141128"}, {"pattern": "{yyyy}", "example": "2014"}]})");
  REQUIRE(doc.ok());
  PathDates rules;
  CHECK(parse_path_dates(doc.value(), rules));
  CHECK(rules.patterns.empty());
}
