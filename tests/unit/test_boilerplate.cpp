#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "mstimeline/boilerplate.hpp"
#include "support/support.hpp"

using namespace mstl;

namespace {
std::vector<std::string> lines_of(std::string_view text, const Boilerplate& rules) {
  std::vector<std::string> out;
  for (const auto& s : content_lines(text, rules)) out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}
}  // namespace

TEST_CASE("the shipped rules drop the seeds' boilerplate and keep article text", "[boilerplate]") {
  const Boilerplate& rules = test::knowledge().boilerplate;
  for (const char* line : {"Advertisement", "  Lihat Asli ", "(Dio/Isk)", "336-280", "TL;DR",
                           "Baca juga: OpenAI Luncurkan AI", "Dikutip dari: TechCrunch",
                           "Microsoft dan OpenAI: Pasang Surut Kolaborasi - the picture via: geekwire - pibitek.biz"})
    CHECK(rules.matches(line));
  for (const char* line : {"Microsoft mengumumkan investasi pada 2019.", "Tim menang 2-1.", "(Reuters)"})
    CHECK_FALSE(rules.matches(line));
}

TEST_CASE("content lines skip boilerplate, blank lines and repeats, with byte offsets", "[boilerplate]") {
  const Boilerplate& rules = test::knowledge().boilerplate;
  std::string text = "Satu.\r\nAdvertisement\n\nDua  kali.\nSatu.\nDua kali.\n";
  CHECK(lines_of(text, rules) == std::vector<std::string>{"Satu.", "Dua  kali."});
  auto spans = content_lines(text, rules);
  CHECK(spans[1].begin == 22);
}

TEST_CASE("content lines: blank means only spaces and tabs and CRs, and repeats differ only in runs of them",
          "[boilerplate]") {
  Boilerplate none;  // no rules: only blank lines and repeats go
  std::string text = " \t \r\n\f\n\v\n\t\n a \t b\n\ta b \r\na  b\nab\n\f\n a\tb";
  CHECK(lines_of(text, none) == std::vector<std::string>{"\f", "\v", " a \t b", "ab"});
  // A last line without a line end counts like any other.
  CHECK(lines_of("x\ny", none) == std::vector<std::string>{"x", "y"});
  CHECK(lines_of("x\n x ", none) == std::vector<std::string>{"x"});
  CHECK(lines_of("", none).empty());
  CHECK(lines_of(" \t\r", none).empty());
}

TEST_CASE("a boilerplate pattern that does not compile is reported at its position", "[boilerplate]") {
  auto doc = parse_json("b.json", "{\"patterns\": [\"(unclosed\"]}");
  REQUIRE(doc.ok());
  Boilerplate rules;
  auto e = parse_boilerplate(doc.value(), rules);
  REQUIRE(e);
  CHECK(e->to_string() ==
        "b.json:1:15: not a valid regular expression (RE2 syntax): missing ): (unclosed\n"
        "  {\"patterns\": [\"(unclosed\"]}\n"
        "                ^");
  // ECMAScript features RE2 does not have are refused when loaded, not when a line is matched.
  auto back = parse_json("b.json", "{\"patterns\": [\"x\", \"(a)\\\\1\"]}");
  REQUIRE(back.ok());
  Boilerplate fresh;
  auto e3 = parse_boilerplate(back.value(), fresh);
  REQUIRE(e3);
  CHECK(e3->to_string() ==
        "b.json:1:20: not a valid regular expression (RE2 syntax): invalid escape sequence: \\1\n"
        "  {\"patterns\": [\"x\", \"(a)\\\\1\"]}\n"
        "                     ^");
  auto key = parse_json("b.json", "{\"line\": []}");
  REQUIRE(key.ok());
  auto e2 = parse_boilerplate(key.value(), rules);
  REQUIRE(e2);
  CHECK(e2->to_string() ==
        "b.json:1:2: unknown key \"line\" (expected lines, prefixes, contains, patterns)\n"
        "  {\"line\": []}\n"
        "   ^");
}

TEST_CASE("patterns run in time linear in the line: long lines that crashed the backtracking matcher",
          "[boilerplate][robust]") {
  const Boilerplate& rules = test::knowledge().boilerplate;
  // "Editor", 33,000 spaces, "x": the shipped editor pattern once overflowed the stack on it.
  CHECK_FALSE(rules.matches("Editor" + std::string(33000, ' ') + "x"));
  CHECK(rules.matches("Editor:  Dio"));
  auto doc = parse_json("b.json", R"({"patterns": [".*Sponsored.*", "(a|b)*c"]})");
  REQUIRE(doc.ok());
  Boilerplate curator;
  REQUIRE_FALSE(parse_boilerplate(doc.value(), curator));
  CHECK(curator.matches("Sponsored by Acme"));
  CHECK(curator.matches(std::string(100, 'a') + "c"));
  std::string huge = std::string(10'000'000, 'a') + " Sponsored " + std::string(10'000'000, 'b');
  auto rule = curator.rule_matching(huge);
  REQUIRE(rule);
  CHECK(curator.describe(*rule) == "pattern \".*Sponsored.*\"");
  CHECK_FALSE(curator.rule_matching(std::string(10'000'000, 'a') + "b"));
}

TEST_CASE("a rule drops a line only up to the limit, and a longer line is kept and warned about",
          "[boilerplate][robust]") {
  const Boilerplate& rules = test::knowledge().boilerplate;
  std::string article = "Baca juga: " + std::string(k_max_boilerplate_line - 11, 'x');  // exactly at the limit
  CHECK(article.size() == k_max_boilerplate_line);
  CHECK(rules.matches(article));
  CHECK(rules.matches("  " + article + " \r"));  // trimmed first
  article += "y";
  CHECK_FALSE(rules.matches(article));
  // An article without line breaks, starting with a boilerplate phrase, loses nothing.
  std::string text =
      "Advertisement\nBaca juga: Harga minyak naik\n  " + article + "\n" + "Also read: " + std::string(500, 'z') + "\n";
  CHECK(lines_of(text, rules) == std::vector<std::string>{"  " + article, "Also read: " + std::string(500, 'z')});
  auto warning = long_boilerplate_lines("a.txt", text, rules);
  REQUIRE(warning);
  CHECK(warning->to_string("warning") ==
        "a.txt:3:3: warning: boilerplate rule prefix \"baca juga:\" matches this line of 401 bytes, longer than "
        "the 400 bytes a boilerplate line may have; the line is kept as article text (and 1 more such line)\n"
        "    Baca juga: " +
            std::string(49, 'x') +
            "\xE2\x80\xA6\n"
            "    ^");
  // Short boilerplate lines are no warning, and neither is a long line that a `lines` rule names whole.
  CHECK_FALSE(long_boilerplate_lines("a.txt", "Advertisement\nBaca juga: x\n" + std::string(1000, 'q'), rules));
  auto doc = parse_json("b.json", "{\"lines\": [\"" + std::string(500, 'w') + "\"], \"contains\": [\"sponsored\"]}");
  REQUIRE(doc.ok());
  Boilerplate whole;
  REQUIRE_FALSE(parse_boilerplate(doc.value(), whole));
  CHECK(whole.matches(std::string(500, 'W')));
  CHECK(lines_of(std::string(500, 'w') + "\nok", whole) == std::vector<std::string>{"ok"});
  CHECK_FALSE(long_boilerplate_lines("a.txt", std::string(500, 'w'), whole));
  auto contains =
      long_boilerplate_lines("a.txt", "x\n" + std::string(300, 'a') + " SPONSORED " + std::string(300, 'b'), whole);
  REQUIRE(contains);
  CHECK(contains->line == 2);
  CHECK(contains->message ==
        "boilerplate rule contains \"sponsored\" matches this line of 611 bytes, longer than the "
        "400 bytes a boilerplate line may have; the line is kept as article text");
}

TEST_CASE("a boilerplate rule that would drop nearly every line is refused, each at its position", "[boilerplate]") {
  auto doc = parse_json(
      "b.json",
      "{\"patterns\": [\".*\", \"(Iklan)?\", \".+\", \"\\\\S.*\", \"[^\\\\n]{1,400}\", \"Iklan( [0-9]+)?\"],\n"
      " \"prefixes\": [\" x \"], \"contains\": [\"  \", \"ab\"], \"lines\": [\"a\"]}");
  REQUIRE(doc.ok());
  Boilerplate rules;
  std::vector<Diagnostic> problems;
  check_boilerplate(doc.value(), rules, problems);
  std::vector<std::string> messages;
  for (const auto& p : problems) messages.push_back(fmt::format("{}:{}: {}", p.line, p.column, p.message));
  const std::string any =
      "matches any line (it matches a line of every printable character), so it would drop every "
      "line of up to 400 bytes; match only the boilerplate's own text";
  const std::string empty =
      "matches the empty string: nothing in it is required, so it can match lines that hold "
      "anything; make some of it required";
  CHECK(messages == std::vector<std::string>{
                        "1:15: pattern \".*\" " + empty,
                        "1:21: pattern \"(Iklan)?\" " + empty,
                        "1:33: pattern \".+\" " + any,
                        "1:39: pattern \"\\S.*\" " + any,
                        "1:48: pattern \"[^\\n]{1,400}\" " + any,
                        "2:15: \" x \" has 1 character besides spaces, so it is in nearly every line; give more of the "
                        "text it stands for",
                        "2:36: \"  \" has 0 characters besides spaces, so it is in nearly every line; give more of the "
                        "text it stands for",
                    });
  // What is left are the sound rules: a one-letter `lines` entry names a whole line, so it stays.
  CHECK(rules.pattern_texts == std::vector<std::string>{"Iklan( [0-9]+)?"});
  CHECK(rules.contains == std::vector<std::string>{"ab"});
  CHECK(rules.lines == std::vector<std::string>{"a"});
  // parse_boilerplate, which the knowledge loader runs, stops at the first of the same problems.
  Boilerplate first;
  auto e = parse_boilerplate(doc.value(), first);
  REQUIRE(e);
  CHECK(e->message == "pattern \".*\" " + empty);
}

TEST_CASE("the shipped boilerplate rules pass the same checks", "[boilerplate]") {
  auto doc = read_json_file((test::source_dir() / "data/boilerplate/common.json").string());
  REQUIRE(doc.ok());
  Boilerplate rules;
  std::vector<Diagnostic> problems;
  check_boilerplate(doc.value(), rules, problems);
  CHECK(problems.empty());
  CHECK_FALSE(rules.pattern_texts.empty());
}
