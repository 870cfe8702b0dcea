#include <catch2/catch.hpp>

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

TEST_CASE("content lines: blank means only spaces and tabs and CRs, and repeats differ only in runs of them", "[boilerplate]") {
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
  CHECK(e->to_string().rfind("b.json:1:15: not a valid regular expression: ", 0) == 0);
  auto key = parse_json("b.json", "{\"line\": []}");
  REQUIRE(key.ok());
  auto e2 = parse_boilerplate(key.value(), rules);
  REQUIRE(e2);
  CHECK(e2->to_string() == "b.json:1:2: unknown key \"line\" (expected lines, prefixes, contains, patterns)\n"
                           "  {\"line\": []}\n"
                           "   ^");
}
