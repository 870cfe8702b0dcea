// The event layer end to end on fixtures of our own (tests/fixtures/events/):
// new events, relative dates through a dateline, cross-source merges,
// off-topic traps and English, all through the general path with the
// shipped topic profile and catalog.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "support/support.hpp"

using namespace mstl;
using nlohmann::json;
using test::run_cli;

namespace {

json build(const std::string& fixture) {
  auto r = run_cli(
      {"build", "tests/fixtures/events/" + fixture, "--topic", "data/topic.json", "--catalog", "data/catalog.json"});
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::vector<std::string> event_dates(const json& doc) {
  std::vector<std::string> out;
  for (const auto& e : doc["events"]) out.push_back(e["date"]);
  return out;
}

}  // namespace

TEST_CASE("an event the catalog does not know comes out dated and cited, the dateline dating the article",
          "[e2e][events]") {
  json doc = build("new_event");
  CHECK(doc["sources"][0]["published"] == "2024-03-14");
  CHECK(doc["sources"][0]["published_basis"] == "dateline");
  REQUIRE(event_dates(doc) == std::vector<std::string>{"2024-03-12"});  // not the dateline's own date
  const json& e = doc["events"][0];
  CHECK(e["catalog_id"].is_null());
  CHECK(e["kind"].is_null());
  CHECK(e["citations"][0]["date_text"] == "12 Maret 2024");
  CHECK(e["title"].get<std::string>().find("pusat riset bersama") != std::string::npos);
  for (const auto& c : e["citations"]) CHECK(c["quote"].get<std::string>().find("Baca juga") == std::string::npos);
}

TEST_CASE("relative dates resolve through the dateline's date", "[e2e][events]") {
  json doc = build("dateline");
  REQUIRE(event_dates(doc) == std::vector<std::string>{"2023-01-24"});  // "Kemarin", the day before 25/1/2023
  CHECK(doc["events"][0]["citations"][0]["date_text"] == "Kemarin");
}

TEST_CASE("a dateline after a title line dates the article, in both languages, and is no event", "[e2e][events]") {
  json doc = build("title_dateline");
  REQUIRE(doc["sources"].size() == 2);
  CHECK(doc["sources"][0]["published"] == "2024-03-05");
  CHECK(doc["sources"][0]["published_basis"] == "dateline");
  CHECK(doc["sources"][1]["published"] == "2024-03-13");
  CHECK(doc["sources"][1]["published_basis"] == "dateline");
  // "yesterday" and "kemarin" resolve through the dateline; its own date is no event.
  REQUIRE(event_dates(doc) == std::vector<std::string>{"2024-03-04", "2024-03-12"});
  CHECK(doc["events"][0]["citations"][0]["date_text"] == "yesterday");
  CHECK(doc["events"][1]["citations"][0]["date_text"] == "kemarin");
}

TEST_CASE("one event reported by two sources merges with the reason, a different event on that day does not",
          "[e2e][events]") {
  json doc = build("merge");
  REQUIRE(doc["events"].size() == 2);
  const json* lab = nullptr;
  for (const auto& e : doc["events"])
    if (e["source_count"] == 2) lab = &e;
  REQUIRE(lab != nullptr);
  CHECK((*lab)["citations"].size() == 2);
  CHECK((*lab)["citations"][0]["source"] == "a");
  CHECK((*lab)["citations"][1]["source"] == "b");
  REQUIRE((*lab)["merged_because"].size() == 1);
  std::string why = (*lab)["merged_because"][0];
  CHECK(why.rfind("a@0 and b@0: dates 2024-08-05 and 2024-08-05 agree; shared words ", 0) == 0);
  CHECK(why.find("laboratorium") != std::string::npos);
}

TEST_CASE("off-topic traps: one side only, or a competitor's deal, make no event", "[e2e][events]") {
  json doc = build("traps");
  CHECK(doc["events"].empty());
  CHECK(doc["undated"].empty());
  auto review = run_cli({"review", "tests/fixtures/events/traps", "--topic", "data/topic.json", "--catalog",
                         "data/catalog.json", "--format", "json"});
  REQUIRE(review.exit_code == 0);
  json items = json::parse(review.out)["review"];
  std::size_t off_topic = 0;
  for (const auto& i : items) off_topic += i["reason"] == "off-topic" ? 1 : 0;
  CHECK(off_topic == 4);  // every dated sentence of the three articles, listed for the curator
}

TEST_CASE("English: a new phrasing of a catalogued event links to it, a new event is dated", "[e2e][events]") {
  json doc = build("english");
  CHECK(doc["sources"][0]["language"] == "en");
  CHECK(doc["sources"][0]["published"] == "2023-01-23");
  REQUIRE(doc["events"].size() == 2);
  CHECK(doc["events"][0]["date"] == "2023-01-20");
  CHECK(doc["events"][0]["catalog_id"].is_null());
  CHECK(doc["events"][1]["id"] == "ms-openai-2023-extension");
  CHECK(doc["events"][1]["merged_because"][0] ==
        "a@0: catalog event ms-openai-2023-extension (trigger \"multiyear multibillion\")");
}

TEST_CASE("without a topic profile every dated sentence is kept", "[e2e][events]") {
  auto r = run_cli({"build", "tests/fixtures/events/traps", "--no-topic", "--no-catalog"});
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(r.out)["events"].size() == 4);
}

TEST_CASE("review lists undated on-topic sentences, dropped mentions and their reasons", "[e2e][events]") {
  auto r = run_cli({"review", "data/"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("== Events kept, as build publishes them (events: ") == 0);
  CHECK(r.out.find("\n\n== On-topic sentences reporting an event, with no date and no catalog event (undated: ") !=
        std::string::npos);
  CHECK(r.out.find("000_40745a8f02a1e1be:2826-2868 [2017] no side of the topic, or not all of them, in or around it\n"
                   "    AltspaceVR diakuisisi Microsoft pada 2017.\n") != std::string::npos);
  CHECK(r.out.find("[tahun 2030] a deadline or bound, not when something happened") != std::string::npos);
}

TEST_CASE(
    "a clause reports an event by its verb's shape, with no verb it is not an event, and off topic it is off topic",
    "[e2e][events]") {
  test::TempDir dir;
  test::write_file(dir / "a.txt",
                   "Microsoft dan OpenAI bertemu di Jakarta pada 5 Maret 2024.\n\n"
                   "Microsoft dan OpenAI adalah mitra sejak 6 April 2024.\n\n"
                   "Microsoft dan OpenAI mengumumkan kerja sama baru pada 12 Juni 2024.\n\n"
                   "Google diumumkan membeli sebuah startup pada 3 Mei 2024.\n");
  auto r = run_cli({"review", dir.path().string(), "--topic", "data/topic.json", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  json items = json::parse(r.out)["review"];
  REQUIRE(items.size() == 2);
  CHECK(items[0]["reason"] == "not-an-event");  // "adalah" links, it reports nothing
  CHECK(items[0]["date_text"] == "6 April 2024");
  CHECK(items[1]["reason"] == "off-topic");  // "diumumkan" is a verb, but no side is named
  CHECK(items[1]["date_text"] == "3 Mei 2024");
  auto built = run_cli({"build", dir.path().string(), "--topic", "data/topic.json"});
  REQUIRE(built.exit_code == 0);
  json events = json::parse(built.out)["events"];
  REQUIRE(events.size() == 2);
  CHECK(events[0]["date"] == "2024-03-05");  // "bertemu": ber- + a stem, on no list
  CHECK(events[1]["date"] == "2024-06-12");
}

TEST_CASE("catalog check accepts the shipped catalog and reports a broken one at its position", "[e2e][events]") {
  auto ok = run_cli({"catalog", "check", "data/catalog.json"});
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.rfind("data/catalog.json: ok, ", 0) == 0);
  test::TempDir dir;
  std::string bad = (dir.path() / "catalog.json").string();
  test::write_file(bad,
                   "{\"events\": [\n  {\"id\": \"x\", \"date\": \"2023-02-30\", \"kind\": \"investment\",\n"
                   "   \"title\": {\"en\": \"X\"}, \"actors\": [\"A\"], \"triggers\": {\"en\": [\"xray\"]}}\n]}\n");
  auto r = run_cli({"catalog", "check", bad});
  CHECK(r.exit_code == 2);
  CHECK(r.err == bad +
                     ":2:23: error: \"2023-02-30\" is not a calendar date (YYYY, YYYY-MM, "
                     "YYYY-MM-DD, YYYY-Qn, YYYY-Hn or YYYY-Wnn)\n"
                     "    {\"id\": \"x\", \"date\": \"2023-02-30\", \"kind\": \"investment\",\n"
                     "                        ^\n");
}

TEST_CASE("a text date that contradicts its catalog event is kept as a conflict, the catalog date stays",
          "[e2e][events]") {
  json doc = build("conflict");
  REQUIRE(doc["events"].size() == 1);
  const json& e = doc["events"][0];
  CHECK(e["id"] == "ms-openai-2023-extension");
  CHECK(e["date"] == "2023-01-23");
  REQUIRE(e["conflicts"].size() == 1);
  CHECK(e["conflicts"][0]["value"] == "2023-02-02");
  CHECK(e["conflicts"][0]["date_text"] == "2 Februari 2023");
}

namespace {

// (id, date, title, independent sources) of each event: what build publishes, what review lists as kept.
std::vector<std::string> kept(const json& events, const char* sources_key) {
  std::vector<std::string> out;
  for (const auto& e : events)
    out.push_back(fmt::format("{} {} {} {}", e["id"].get<std::string>(), e["date"].get<std::string>(),
                              e["title"].get<std::string>(), e[sources_key].get<std::size_t>()));
  return out;
}

}  // namespace

TEST_CASE("review takes build's input options and keeps the events build publishes with them", "[e2e][events]") {
  test::TempDir dir;
  // A manifest that dates the dateline fixture a year later: "Kemarin" and "bulan Juni" move with it.
  test::write_file(dir / "sources.json",
                   R"({"sources": {"a.txt": {"publisher": "Kompas", "url": null, "published": "2024-03-10"}}})");
  const std::string manifest = (dir / "sources.json").string();
  const std::vector<std::vector<std::string>> runs = {
      {"data/"},
      {"data/", "--no-catalog"},
      {"data/", "--no-topic", "--no-catalog", "-j", "1"},
      {"tests/fixtures/events/traps", "--no-topic", "--no-catalog"},
      {"tests/fixtures/events/conflict", "--catalog", "data/catalog.json", "--topic", "data/topic.json"},
      {"tests/fixtures/events/dateline", "--topic", "data/topic.json", "--catalog", "data/catalog.json"},
      {"tests/fixtures/events/dateline", "--topic", "data/topic.json", "--catalog", "data/catalog.json", "--manifest",
       manifest},
      {"tests/fixtures/events/english", "--lang", "en", "--topic", "data/topic.json", "--no-catalog"},
  };
  std::vector<std::vector<std::string>> seen;
  for (const auto& options : runs) {
    INFO(fmt::format("{}", fmt::join(options, " ")));
    std::vector<std::string> build_args{"build"}, review_args{"review", "-f", "json"};
    build_args.insert(build_args.end(), options.begin(), options.end());
    review_args.insert(review_args.end(), options.begin(), options.end());
    auto b = run_cli(build_args);
    auto r = run_cli(review_args);
    REQUIRE(b.exit_code == 0);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err == b.err);  // the same warnings
    auto published = kept(json::parse(b.out)["events"], "source_count");
    CHECK(kept(json::parse(r.out)["events"], "sources") == published);
    CHECK_FALSE(published.empty());
    seen.push_back(published);
  }
  // Each option changes what is kept, so the equalities above are not of options review ignores.
  CHECK(seen[0] != seen[1]);  // --no-catalog
  CHECK(seen[1] != seen[2]);  // --no-topic
  CHECK(seen[5] != seen[6]);  // --manifest
}

TEST_CASE("review --max-file-size and --strict: a skipped file fails review as it fails build", "[e2e][events]") {
  test::TempDir dir;
  test::write_file(dir / "a.txt", "Microsoft dan OpenAI bertemu pada 5 Maret 2024.\n");
  test::write_file(dir / "big.txt", std::string((1 << 20) + 1, 'a'));  // over --max-file-size 1: skipped, warned
  auto b = run_cli({"build", dir.path().string(), "--max-file-size", "1", "--strict"});
  auto r = run_cli({"review", dir.path().string(), "--max-file-size", "1", "--strict"});
  CHECK(b.exit_code == 2);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == b.err);
  CHECK(r.err.find("--strict: 1 warning; nothing written") != std::string::npos);
}
