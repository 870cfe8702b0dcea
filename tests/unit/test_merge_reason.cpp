#include <catch2/catch.hpp>

#include "mstimeline/merge_reason.hpp"

using namespace mstl;

TEST_CASE("merge reasons: the four machine strings, read back", "[merge_reason]") {
  std::string trigger = trigger_reason("000_ab", 391, "ms-2019", "investasi (date and words: a, b)");
  CHECK(trigger == "000_ab@391: catalog event ms-2019 (trigger \"investasi (date and words: a, b)\")");
  auto r = parse_merge_reason(trigger);
  REQUIRE(r);
  CHECK(r->kind == MergeReason::Kind::trigger);
  CHECK(r->source == "000_ab");
  CHECK(r->start == 391);
  CHECK(r->catalog_id == "ms-2019");
  CHECK(r->trigger == "investasi (date and words: a, b)");

  std::string repeats = repeats_reason("b", 9, "a", 0);
  CHECK(repeats == "b@9 repeats a@0 word for word");
  r = parse_merge_reason(repeats);
  REQUIRE(r);
  CHECK(r->kind == MergeReason::Kind::repeats);
  CHECK((r->source == "b" && r->start == 9 && r->other == "a" && r->other_start == 0));

  std::string day = same_day_reason("a", 5, "a", 70, "2023-11-20");
  CHECK(day == "a@5 and a@70: one source tells of day 2023-11-20 twice");
  r = parse_merge_reason(day);
  REQUIRE(r);
  CHECK(r->kind == MergeReason::Kind::same_day);
  CHECK((r->source == "a" && r->start == 5 && r->other == "a" && r->other_start == 70 && r->date == "2023-11-20"));

  std::string words = words_reason("x@y", 1, "z", 2, "2023-11", "2023-11-20", "dolar, lewat", 0.8349);
  CHECK(words == "x@y@1 and z@2: dates 2023-11 and 2023-11-20 agree; shared words dolar, lewat (score 0.83)");
  r = parse_merge_reason(words);
  REQUIRE(r);
  CHECK(r->kind == MergeReason::Kind::words);
  CHECK((r->source == "x@y" && r->start == 1 && r->other == "z" && r->other_start == 2));
  CHECK((r->date == "2023-11" && r->other_date == "2023-11-20" && r->words == "dolar, lewat" && r->score == "0.83"));
}

TEST_CASE("merge reasons: other strings are not read as one", "[merge_reason]") {
  for (const char* s :
       {"", "alasan 3", "a@ repeats b@0 word for word", "a@1 repeats b@x word for word",
        "a@1: catalog event e (trigger \"t\"", "a@1 and b@2: dates 2023 agree; shared words x (score 1)",
        "a@1 and b@2: one source tells of day 2023-01-01"}) {
    INFO(s);
    CHECK_FALSE(parse_merge_reason(s));
  }
  // An id that makes the string readable two ways is read only as the way that writes it back.
  std::string odd = repeats_reason("a and b@1", 2, "c", 3);
  auto r = parse_merge_reason(odd);
  REQUIRE(r);
  CHECK(r->source == "a and b@1");
}
