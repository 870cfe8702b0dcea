// `mstimeline dates`: JSON Lines of every expression, offsets into the input bytes.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/support.hpp"

using namespace mstl;
using nlohmann::json;

TEST_CASE("dates prints one JSON object per expression with offsets into the file", "[e2e][dates]") {
  test::TempDir dir;
  std::string bytes = "\xEF\xBB\xBFRapat digelar kemarin pagi, tiga tahun setelah kerja sama dimulai pada 2020.\n";
  test::write_file(dir / "a.txt", bytes);
  auto r = test::run_cli({"dates", "--dct", "2023-11-20", (dir / "a.txt").string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out ==
        "{\"text\":\"kemarin pagi\",\"start\":17,\"end\":29,\"type\":\"TIME\",\"value\":\"2023-11-19TMO\","
        "\"anchor\":\"2023-11-20\"}\n"
        "{\"text\":\"tiga tahun\",\"start\":31,\"end\":41,\"type\":\"DURATION\",\"value\":\"P3Y\",\"anchor\":null}\n"
        "{\"text\":\"2020\",\"start\":74,\"end\":78,\"type\":\"DATE\",\"value\":\"2020\",\"anchor\":null}\n");
  CHECK(bytes.substr(17, 12) == "kemarin pagi");  // offsets count the byte-order mark
}

TEST_CASE("dates shows the mod and keeps unknown parts without --dct", "[e2e][dates]") {
  test::TempDir dir;
  test::write_file(dir / "in.txt", "Target dikejar hingga awal bulan ini.");
  auto r = test::run_cli({"dates", "--lang", "id", (dir / "in.txt").string()});
  REQUIRE(r.exit_code == 0);
  json j = json::parse(r.out);
  CHECK(j["value"] == "XXXX-XX");
  CHECK(j["mod"] == "START");
  CHECK(j["anchor"].is_null());
}

TEST_CASE("dates refuses a bad --dct, an unknown language and a binary file with exit 2", "[e2e][dates]") {
  test::TempDir dir;
  test::write_file(dir / "a.txt", "pada 2019");
  auto dct = test::run_cli({"dates", "--dct", "2023-02-30", (dir / "a.txt").string()});
  CHECK(dct.exit_code == 2);
  CHECK(dct.err == "mstimeline: error: --dct: \"2023-02-30\" is not a calendar date YYYY-MM-DD\n");
  auto lang = test::run_cli({"dates", "--lang", "fr", (dir / "a.txt").string()});
  CHECK(lang.exit_code == 2);
  CHECK(lang.err == "mstimeline: error: no lexicon for language \"fr\" (available: en, id)\n");
  test::write_file(dir / "bad.txt", std::string("pada \0 2019", 11));
  auto bad = test::run_cli({"dates", (dir / "bad.txt").string()});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err == (dir / "bad.txt").string() + ": error: binary file (a NUL byte at byte offset 5); skipped\n");
}
