// The general path on small stories of our own, one class of docs/events.md
// each, in Indonesian and English: a single-subject topic told mostly without
// its name, a date given only in the next sentence, comparison dates,
// local-time asides, the nearest cue governing a date, hypothetical and
// denied verbs, negated catalog triggers, and another action on the
// subject of a catalog event on another date.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "support/support.hpp"

using namespace mstl;
using nlohmann::json;
using test::run_cli;
using test::TempDir;
using test::write_file;

namespace {

const char* k_volcano_topic =
    R"({"name": "Merapi eruption", "sides": [{"name": "Merapi", "aliases": ["Merapi", "Gunung Merapi"]}]})";
const char* k_oil_topic = R"({"name": "Oil price", "sides": [{"name": "Oil price", "aliases": ["harga minyak",
    "minyak mentah", "oil price", "oil prices", "crude oil"]}]})";

json run_json(const std::vector<std::string>& args) {
  auto r = run_cli(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::vector<std::string> dates_of(const json& doc) {
  std::vector<std::string> out;
  for (const auto& e : doc["events"]) out.push_back(e["date"]);
  return out;
}

// (reason, date_text) of each review item, in review order.
std::vector<std::pair<std::string, std::string>> reasons_of(const json& review) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : review["review"]) out.emplace_back(r["reason"], r["date_text"]);
  return out;
}

}  // namespace

TEST_CASE("a single-subject story told mostly without its name, its background and another story left out",
          "[e2e][events]") {
  TempDir dir;
  write_file(dir / "topic.json", k_volcano_topic);
  write_file(dir / "20240312-merapi.txt",
             "Gunung Merapi Meletus Lagi\n"
             "YOGYAKARTA, KOMPAS.com - Gunung Merapi meletus pada Senin (11/3/2024) pagi.\n"
             "Abu vulkanik menutupi tiga kecamatan pada Selasa (12/3/2024).\n"
             "Letusan besar terjadi pada tahun 2010.\n");
  write_file(dir / "20240312-cabai.txt", "Harga cabai naik pada Senin (11/3/2024).\nPedagang mengeluh.\n");
  json doc = run_json({"build", dir.path().string()});
  CHECK(dates_of(doc) == std::vector<std::string>{"2024-03-11", "2024-03-12"});
  CHECK(doc["events"][1]["citations"][0]["quote"] == "Abu vulkanik menutupi tiga kecamatan pada Selasa (12/3/2024).");
  CHECK(doc["events"][0]["title"] == "Gunung Merapi meletus.");  // "Senin (11/3/2024) pagi" stands beside it
  for (const auto& s : doc["sources"]) CHECK(s["published_basis"] == "path");
  json review = run_json({"review", dir.path().string(), "-f", "json"});
  CHECK(reasons_of(review) == std::vector<std::pair<std::string, std::string>>{
                                  {"off-topic", "Senin (11/3/2024)"},  // the chili prices: not about the story
                                  {"off-topic", "tahun 2010"}});       // background, far from publication
}

TEST_CASE("an English single-subject story: its news without the name in, its background out", "[e2e][events]") {
  TempDir dir;
  write_file(dir / "topic.json", R"({"name": "Hurricane Ida", "sides": [{"name": "Ida", "aliases": ["Hurricane Ida",
      "Ida"]}]})");
  write_file(dir / "2021/08/30/ida.txt",
             "Hurricane Ida Makes Landfall\n"
             "NEW ORLEANS (AP) - Hurricane Ida made landfall in Louisiana on Sunday, August 29, 2021.\n"
             "Power was cut to a million homes on Monday, August 30, 2021.\n"
             "A stronger storm struck the city in 2005.\n");
  json doc = run_json({"build", dir.path().string()});
  CHECK(dates_of(doc) == std::vector<std::string>{"2021-08-29", "2021-08-30"});
  CHECK(doc["events"][0]["title"] == "Hurricane Ida made landfall in Louisiana.");
  CHECK(doc["sources"][0]["published"] == "2021-08-30");
  CHECK(doc["sources"][0]["published_basis"] == "path");
  json review = run_json({"review", dir.path().string(), "-f", "json"});
  CHECK(reasons_of(review) == std::vector<std::pair<std::string, std::string>>{{"off-topic", "2005"}});
}

TEST_CASE("an undated event sentence takes the date of the next sentence that refers back to it", "[e2e][events]") {
  TempDir dir;
  write_file(dir / "id.txt",
             "Microsoft resmi mengakuisisi saham baru OpenAI. Kesepakatan itu ditandatangani pada Senin (3/3/2025).\n");
  write_file(dir / "en.txt", "Microsoft acquired a new stake in OpenAI. The agreement was signed on March 4, 2025.\n");
  json doc = run_json({"build", dir.path().string(), "--topic", "data/topic.json", "--no-catalog"});
  REQUIRE(dates_of(doc) == std::vector<std::string>{"2025-03-03", "2025-03-04"});
  CHECK(doc["events"][0]["citations"][0]["quote"] ==
        "Microsoft resmi mengakuisisi saham baru OpenAI. Kesepakatan itu ditandatangani pada Senin (3/3/2025).");
  CHECK(doc["events"][0]["citations"][0]["start"] == 0);
  CHECK(doc["events"][1]["citations"][0]["quote"] ==
        "Microsoft acquired a new stake in OpenAI. The agreement was signed on March 4, 2025.");
  CHECK(doc["undated"].empty());
}

TEST_CASE("a comparison date and a local-time aside date no event", "[e2e][events]") {
  TempDir dir;
  write_file(dir / "topic.json", k_oil_topic);
  write_file(dir / "20141212-id.txt",
             "Harga minyak turun ke 60 dollar AS pada Kamis (11/12/2014) waktu setempat (Jumat pagi WIB), terendah "
             "sejak Juli 2009.\n");
  write_file(dir / "20141212-en.txt",
             "Oil prices fell to $60 on Wednesday, December 10, 2014, the lowest since July 2009.\n");
  json doc = run_json({"build", dir.path().string()});
  CHECK(dates_of(doc) == std::vector<std::string>{"2014-12-10", "2014-12-11"});
  json review = run_json({"review", dir.path().string(), "-f", "json"});
  CHECK(reasons_of(review) == std::vector<std::pair<std::string, std::string>>{{"comparison", "July 2009"},
                                                                               {"comparison", "Juli 2009"},
                                                                               {"restatement", "Jumat pagi"}});
}

TEST_CASE("a negated trigger neither links nor makes an event, another action on another date is its own",
          "[e2e][events]") {
  TempDir dir;
  write_file(dir / "a.txt",
             "Microsoft tidak memperpanjang kemitraan dengan OpenAI, kata analis pada 2 Februari 2023.\n\n"
             "Microsoft mengakhiri perpanjangan kemitraan dengan OpenAI pada 5 Mei 2024.\n");
  json doc = run_json({"build", dir.path().string(), "--topic", "data/topic.json", "--catalog", "data/catalog.json"});
  for (const auto& e : doc["events"]) {
    CHECK(e["catalog_id"].is_null());
    CHECK(e["conflicts"].empty());
  }
  // The denial is no event either: its verb is framed by "tidak".
  CHECK(dates_of(doc) == std::vector<std::string>{"2024-05-05"});
  json review = run_json(
      {"review", dir.path().string(), "-f", "json", "--topic", "data/topic.json", "--catalog", "data/catalog.json"});
  CHECK(reasons_of(review) == std::vector<std::pair<std::string, std::string>>{{"not-an-event", "2 Februari 2023"}});
}

TEST_CASE("a written date whose weekday is not its own is a misprint: reviewed, never an event", "[e2e][events]") {
  TempDir dir;
  write_file(dir / "topic.json", k_oil_topic);
  write_file(dir / "20141225-id.txt",
             "Harga minyak turun pada Rabu (14/12/2014).\n\nHarga minyak naik pada Selasa (23/12/2014).\n");
  write_file(dir / "20141225-en.txt", "Oil prices fell on Wednesday, December 14, 2014.\n");
  json doc = run_json({"build", dir.path().string()});
  CHECK(dates_of(doc) == std::vector<std::string>{"2014-12-23"});
  json review = run_json({"review", dir.path().string(), "-f", "json"});
  CHECK(reasons_of(review) == std::vector<std::pair<std::string, std::string>>{
                                  {"misprint", "Wednesday, December 14, 2014"}, {"misprint", "Rabu (14/12/2014)"}});
}

TEST_CASE("a catalog event told in other words links by a compatible date and shared content words", "[e2e][events]") {
  TempDir dir;
  // None of the extension's triggers, but its month, its actors and three of its words.
  write_file(dir / "id.txt",
             "Microsoft menambah suntikan dana ke OpenAI lewat kucuran miliaran dolar pada Januari 2023.\n");
  // The same words on another date: another action, no link.
  write_file(dir / "other.txt", "Microsoft menarik kucuran miliaran dolar dari OpenAI pada Mei 2024.\n");
  json doc = run_json({"build", dir.path().string(), "--topic", "data/topic.json", "--catalog", "data/catalog.json"});
  REQUIRE(doc["events"].size() == 2);
  const json& linked = doc["events"][0];
  CHECK(linked["catalog_id"] == "ms-openai-2023-extension");
  CHECK(linked["date"] == "2023-01-23");
  CHECK(linked["merged_because"] ==
        json::array({"id@0: catalog event ms-openai-2023-extension (trigger \"(date and words: dolar, lewat, "
                     "miliaran)\")"}));
  CHECK(doc["events"][1]["catalog_id"].is_null());
  CHECK(doc["events"][1]["date"] == "2024-05");
}

TEST_CASE("a future cue makes a plan of the date in its clause, not of one farther on", "[e2e][events]") {
  TempDir dir;
  write_file(dir / "topic.json", k_oil_topic);
  const std::string text =
      "Kartel itu tidak akan bergerak untuk memperkuat harga minyak dunia meskipun harga minyak anjlok "
      "hampir 50 persen sejak Juni.\n\nPara menteri akan bertemu membahas harga minyak pada 27 November.\n";
  write_file(dir / "20141225-id.txt", text);
  json doc = run_json({"build", dir.path().string()});
  CHECK(dates_of(doc) == std::vector<std::string>{"2014-06"});
  json review = run_json({"review", dir.path().string(), "-f", "json"});
  CHECK(reasons_of(review) == std::vector<std::pair<std::string, std::string>>{{"future", "27 November"}});
  // Plain review shows the plan too, under its own heading, exactly (the text format is read by people).
  const std::string plan = "Para menteri akan bertemu membahas harga minyak pada 27 November.";
  const std::size_t start = text.find(plan);
  auto r = run_cli({"review", dir.path().string()});
  REQUIRE(r.exit_code == 0);
  const json& e = doc["events"][0];
  CHECK(r.out == fmt::format(R"X(== Events kept, as build publishes them (events: 1)
2014-06 {} (1 source, 1 citation)
    {}

== On-topic sentences reporting an event, with no date and no catalog event (undated: 0)

== Text dates that contradict their catalog event (conflict: 0)

== Mentions merged on weak evidence (weak-merge: 0)

== Dated sentences left out as off topic (off-topic: 0)

== Dated on-topic sentences with no verb or event word (not-an-event: 0)

== Dates after the source's publication date (plans, deadlines) (after-publication: 0)

== Plans: dates after a future cue ("akan", "will") (future: 1)
20141225-id:{}-{} [27 November] a plan or a condition: a future cue before the date
    {}

== Dates that bound something ("hingga 2030") (limit: 0)

== Hypotheticals: dates after a condition cue ("jika", "if") (condition: 0)

== Days something was said, in sentences another date dates ("kata X, Selasa") (statement: 0)

== The same instant told again in local time ("(Rabu pagi WIB)") (restatement: 0)

== Points of comparison ("terendah sejak Juli 2009") (comparison: 0)

== Dates that name a thing or a period ("pengiriman Januari", "selama November") (reference: 0)

== Dates whose weekday is not theirs ("Rabu (14/12/2014)", a Sunday): not trusted (misprint: 0)

== The period a source is written in ("tahun ini", "2014" in a 2014 article) (current-period: 0)

== Lists, tables and text without sentence ends: too many dates or bytes for one sentence (list: 0)

)X",
                             e["id"].get<std::string>(), e["title"].get<std::string>(), start, start + plan.size(),
                             plan));
  // And in JSON, exactly: the item, then the event kept.
  auto j = run_cli({"review", dir.path().string(), "-f", "json"});
  CHECK(j.out == fmt::format(R"({{
  "review": [
    {{
      "reason": "future",
      "detail": "a plan or a condition: a future cue before the date",
      "source": "20141225-id",
      "start": {},
      "end": {},
      "quote": "{}",
      "date_text": "27 November"
    }}
  ],
  "events": [
    {{
      "id": "{}",
      "date": "2014-06",
      "title": "{}",
      "kind": null,
      "sources": 1,
      "citations": 1
    }}
  ]
}}
)",
                             start, start + plan.size(), plan, e["id"].get<std::string>(),
                             e["title"].get<std::string>()));
}

TEST_CASE("the cue nearest a date governs it, however long the cue", "[e2e][events]") {
  TempDir dir;
  write_file(dir / "topic.json", k_oil_topic);
  // A long comparison cue ends right before its date; a future word inside a
  // quote is farther from the date than the statement cue after the quote.
  write_file(dir / "20150107-id.txt",
             "Harga minyak mentah merosot ke 47,93 dollar AS, posisi terendah yang terakhir disaksikan pada akhir "
             "April 2009.\n\n"
             "\"Kami menghitung ulang harga minyak dan akan mengumumkannya,\" kata Menteri Sudirman, Selasa "
             "(6/1/2015).\n");
  write_file(dir / "20150107-en.txt", "Crude oil fell to $47.93, a level last seen at the end of April 2009.\n");
  json doc = run_json({"build", dir.path().string()});
  CHECK(dates_of(doc) == std::vector<std::string>{"2015-01-06"});
  CHECK(doc["events"][0]["citations"][0]["date_text"] == "Selasa (6/1/2015)");
  json review = run_json({"review", dir.path().string(), "-f", "json"});
  CHECK(reasons_of(review) == std::vector<std::pair<std::string, std::string>>{{"comparison", "the end of April 2009"},
                                                                               {"comparison", "akhir April 2009"}});
}

TEST_CASE("a verb framed as a hypothetical or a denial reports no event", "[e2e][events]") {
  TempDir dir;
  write_file(dir / "topic.json", k_oil_topic);
  write_file(dir / "20150107-id.txt",
             "Pada Rabu (7/1/2015), persediaan minyak mentah AS mungkin meningkat 700.000 barel.\n\n"
             "Harga minyak tidak berubah pada Senin (5/1/2015).\n\n"
             "Harga minyak naik pada Selasa (6/1/2015).\n");
  write_file(dir / "20150107-en.txt",
             "On Wednesday, January 7, 2015, crude oil stocks might rise.\n\n"
             "Oil prices did not fall on Monday, January 5, 2015.\n\n"
             "Oil prices rose on Tuesday, January 6, 2015.\n");
  json doc = run_json({"build", dir.path().string()});
  CHECK(dates_of(doc) == std::vector<std::string>{"2015-01-06", "2015-01-06"});  // one per language
  json review = run_json({"review", dir.path().string(), "-f", "json"});
  CHECK(reasons_of(review) ==
        std::vector<std::pair<std::string, std::string>>{{"not-an-event", "Wednesday, January 7, 2015"},
                                                         {"not-an-event", "Monday, January 5, 2015"},
                                                         {"not-an-event", "Rabu (7/1/2015)"},
                                                         {"not-an-event", "Senin (5/1/2015)"}});
}
