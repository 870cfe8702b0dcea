// Inputs that once crashed or hung the tagger (tests/regressions/README.md).
#include <catch2/catch.hpp>

#include "mstimeline/tagger.hpp"
#include "support/support.hpp"
#include "targets.hpp"

using namespace mstl;

TEST_CASE("inputs that once crashed or went quadratic are tagged", "[regression][temporal]") {
  Tagger tagger(test::knowledge().lexicon("id"));
  TagContext context;
  context.document_date = parse_date_value("2024-03-14");
  for (const char* name : {"day-chain-dash.txt", "day-chain-sd.txt", "year-run-no-space.txt"}) {
    INFO(name);
    std::string text = test::read_file(test::source_dir() / "tests/regressions/tagger" / name);
    REQUIRE(text.size() > 40000);
    auto found = tagger.tag(text, context);
    for (const auto& t : found) CHECK(t.end <= text.size());
    CHECK(found.size() < text.size());
  }
  // Lists and ranges still stop at their bound: twelve days and the month.
  std::string days = "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 dan 12 Maret 2024";
  CHECK(tagger.tag(days, context).size() == 12);
}

TEST_CASE("phone numbers and bare hours after a cue are not dates or times", "[regression][temporal]") {
  Tagger id(test::knowledge().lexicon("id"));
  Tagger en(test::knowledge().lexicon("en"));
  CHECK(id.tag("Hubungi WhatsApp 0811-1212-1234 atau 021-2019-2023.").empty());
  CHECK(en.tag("The central bank held its rate at 6% on Wednesday.").size() == 1);  // Wednesday only
  CHECK(en.tag("Growth slowed at 5 percent.").empty());
}

TEST_CASE("every kept input runs clean through its fuzz target", "[regression][fuzz]") {
  // tests/regressions/<target>/<file>: inputs that once broke a target (found
  // by a fuzzer or by hand), run through the same code the fuzzer calls.
  mstl::fuzz::set_data_dir(test::source_dir() / "data");
  std::size_t inputs = 0;
  for (const auto& dir : std::filesystem::directory_iterator(test::source_dir() / "tests/regressions")) {
    if (!dir.is_directory()) continue;
    std::string name = dir.path().filename().string();
    auto target = mstl::fuzz::target_named(name);
    INFO("tests/regressions/" << name);
    REQUIRE(target != nullptr);
    for (const auto& file : std::filesystem::directory_iterator(dir.path())) {
      if (file.path().filename() == ".keep") continue;
      INFO(file.path().filename().string());
      target(test::read_file(file.path()));  // aborts on a broken invariant
      ++inputs;
    }
  }
  CHECK(inputs >= 3);
}

TEST_CASE("a look-behind never takes a token of the expression before it", "[regression][temporal]") {
  // Found by fuzz_tagger: "Minggu" is both "week" and "Sunday"; the date
  // rule reached back for a weekday the duration had already taken.
  Tagger tagger(test::knowledge().lexicon("id"));
  TagContext context;
  context.document_date = parse_date_value("2023-11-17");
  auto found = tagger.tag("Selesai dalam 2 Minggu (19/11) lalu.", context);
  REQUIRE(found.size() == 1);
  CHECK(found[0].value == "P2W");
  auto alone = tagger.tag("Rapat pada Minggu (19/11) lalu.", context);
  REQUIRE(alone.size() == 1);
  CHECK(alone[0].value == "2023-11-19");
}
