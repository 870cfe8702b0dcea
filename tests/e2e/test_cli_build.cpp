// End-to-end: the built binary on real folders, as a user runs it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

#include <re2/re2.h>
#include <nlohmann/json.hpp>

#include "mstimeline/sha256.hpp"
#include "support/support.hpp"

using namespace mstl;
using nlohmann::json;
using test::run_cli;
using test::TempDir;

namespace {

const std::vector<std::string> k_seed_files = {"000_40745a8f02a1e1be.txt", "001_9862e06ff9b01b8b.txt",
                                               "002_9fe720d586508277.txt", "003_80984608eeb6e8ce.txt",
                                               "004_0f2379aef2436a13.txt"};

bool cites(const json& event, const std::string& source) {
  for (const auto& c : event["citations"])
    if (c["source"] == source) return true;
  return false;
}

}  // namespace

TEST_CASE("build data/ emits JSON that meets the contract", "[e2e]") {
  auto r = run_cli({"build", "data/"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  json doc = json::parse(r.out);
  CHECK(doc["schema_version"] == 2);
  CHECK(doc["title"] == "Microsoft–OpenAI partnership");
  CHECK(doc["documents_read"] == 5);
  REQUIRE(doc["sources"].size() == 5);
  for (const auto& s : doc["sources"]) {
    for (const char* key : {"id", "path", "sha256", "encoding", "language", "publisher", "url", "published"})
      CHECK(s.contains(key));
    std::string bytes = test::read_file(test::repo_data_dir() / s["path"].get<std::string>());
    CHECK(s["sha256"] == sha256_hex(bytes));
    CHECK(s["encoding"] == "utf-8");
    CHECK(s["language"] == "id");
  }
  CHECK(doc["sources"][0]["publisher"] == "Liputan6.com");
  REQUIRE_FALSE(doc["events"].empty());
  for (const auto& e : doc["events"]) {
    for (const char* key : {"id", "date", "precision", "title", "citations"}) CHECK(e.contains(key));
    CHECK_FALSE(e["citations"].empty());
  }
}

TEST_CASE("every citation's quote is exactly the source file's bytes at its offsets", "[e2e]") {
  auto r = run_cli({"build", "data/"});
  REQUIRE(r.exit_code == 0);
  json doc = json::parse(r.out);
  std::map<std::string, std::string> bytes_of;
  for (const auto& s : doc["sources"])
    bytes_of[s["id"]] = test::read_file(test::repo_data_dir() / s["path"].get<std::string>());
  std::size_t checked = 0;
  for (const auto& e : doc["events"]) {
    for (const auto& c : e["citations"]) {
      const std::string& bytes = bytes_of.at(c["source"]);
      std::size_t start = c["start"], end = c["end"];
      REQUIRE(start < end);
      REQUIRE(end <= bytes.size());
      CHECK(bytes.substr(start, end - start) == c["quote"].get<std::string>());
      ++checked;
    }
  }
  CHECK(checked >= 10);
}

const json& event_with_id(const json& doc, const std::string& id) {
  for (const auto& e : doc["events"])
    if (e["id"] == id) return e;
  FAIL("no event " << id);
  static json none;
  return none;
}

bool quotes_contain(const json& event, const std::string& text) {
  for (const auto& c : event["citations"])
    if (c["quote"].get<std::string>().find(text) != std::string::npos) return true;
  return false;
}

TEST_CASE("data/: the partnership's milestones, dated and cited from the right articles", "[e2e][events]") {
  json doc = json::parse(run_cli({"build", "data/"}).out);
  const std::string s000 = "000_40745a8f02a1e1be", s001 = "001_9862e06ff9b01b8b", s003 = "003_80984608eeb6e8ce",
                    s004 = "004_0f2379aef2436a13";
  const json& y2019 = event_with_id(doc, "ms-openai-2019-investment");
  CHECK(y2019["date"] == "2019-07-22");
  CHECK(y2019["citations"][0]["source"] == s000);
  CHECK(y2019["citations"][0]["date_text"] == "tahun 2019");
  const json& y2021 = event_with_id(doc, "ms-openai-2021-investment");
  CHECK(y2021["date"] == "2021");
  CHECK(y2021["precision"] == "year");
  CHECK(y2021["citations"][0]["date_text"] == "2021");
  // Mesh, "announced in 2021", is not the 2021 investment.
  CHECK_FALSE(quotes_contain(y2021, "Mesh"));

  const json& extension = event_with_id(doc, "ms-openai-2023-extension");
  CHECK(extension["date"] == "2023-01-23");
  CHECK(cites(extension, s000));
  CHECK(cites(extension, s001));
  CHECK(extension["source_count"] == 2);

  const json& ouster = event_with_id(doc, "openai-board-ousts-altman");
  CHECK(ouster["date"] == "2023-11-17");
  CHECK(cites(ouster, s004));
  CHECK(quotes_contain(ouster, "Emmett Shear"));
  const json& joins = event_with_id(doc, "ms-hires-altman-brockman");
  CHECK(joins["date"] == "2023-11-20");
  CHECK(quotes_contain(joins, "Greg Brockman"));

  const json& oracle = event_with_id(doc, "openai-oracle-capacity");
  CHECK(oracle["date"] == "2024-06-11");
  REQUIRE(oracle["citations"].size() == 1);
  CHECK(oracle["citations"][0]["source"] == s003);
  CHECK(oracle["citations"][0]["date_text"] == "bulan Juni");  // resolved through 003's publication date
  const json& stargate = event_with_id(doc, "stargate-right-of-first-refusal");
  CHECK(stargate["date"] == "2025-01-21");
  CHECK(quotes_contain(stargate, "right of first refusal"));

  // No manifest date, dateline or dated file name in the seeds: 000 and 001
  // are dated from their own text; 002, 003 and 004 state no date of their
  // own, so the latest catalog event each reports anchors them, said as such.
  std::map<std::string, std::pair<std::string, std::string>> published;
  for (const auto& src : doc["sources"]) published[src["id"]] = {src["published"], src["published_basis"]};
  CHECK(published.at(s000) == std::pair<std::string, std::string>{"2023-01-25", "inferred"});
  CHECK(published.at(s001) == std::pair<std::string, std::string>{"2023-01-01", "inferred"});
  CHECK(published.at("002_9fe720d586508277") == std::pair<std::string, std::string>{"2024-03-19", "catalog"});
  CHECK(published.at(s003) == std::pair<std::string, std::string>{"2025-01-21", "catalog"});
  CHECK(published.at(s004) == std::pair<std::string, std::string>{"2023-11-20", "catalog"});
}

TEST_CASE("data/: nothing off topic, nothing from boilerplate, repeated text cited once", "[e2e][events]") {
  json doc = json::parse(run_cli({"build", "data/"}).out);
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<json> all;
  for (const auto& e : doc["events"])
    for (const auto& c : e["citations"]) all.push_back(c);
  for (const auto& c : doc["undated"]) all.push_back(c);
  for (const auto& c : all) {
    std::string q = c["quote"];
    INFO(q);
    for (const char* off_topic : {"AltspaceVR", "Mesh", "PHK", "HoloLens", "Kipman"})
      CHECK(q.find(off_topic) == std::string::npos);
    for (const char* boilerplate : {"Advertisement", "Baca juga", "Lihat Asli", "(Dio/Isk)", "336-280",
                                    "Halaman ini mungkin", "Dikutip dari:", "the picture via"})
      CHECK(q.find(boilerplate) == std::string::npos);
  }
  for (const auto& e : doc["events"]) {
    std::set<std::string> quotes;
    for (const auto& c : e["citations"]) CHECK(quotes.insert(c["quote"].get<std::string>()).second);
  }
  // 004 repeats its whole text: every cited sentence of 004 lies before the second copy.
  std::string text004 = test::read_file(test::source_dir() / "data/articles/004_0f2379aef2436a13.txt");
  std::size_t second_copy = text004.find("Baru saja, dengan dukungan", 1);
  REQUIRE(second_copy != std::string::npos);
  for (const auto& c : all)
    if (c["source"] == "004_0f2379aef2436a13") CHECK(c["end"].get<std::size_t>() <= second_copy);
}

TEST_CASE("the Markdown timeline of data/ is the committed docs/timeline.md", "[e2e]") {
  auto r = run_cli({"build", "data/", "--format", "md"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == test::read_file(test::source_dir() / "docs/timeline.md"));
}

TEST_CASE("output is byte-identical whatever the file order, locale and time zone", "[e2e]") {
  TempDir forward, backward;
  for (const auto& f : k_seed_files)
    test::write_file(forward / ("a/" + f), test::read_file(test::repo_data_dir() / "articles" / f));
  for (auto it = k_seed_files.rbegin(); it != k_seed_files.rend(); ++it)
    test::write_file(backward / ("a/" + *it), test::read_file(test::repo_data_dir() / "articles" / *it));
  auto a = run_cli({"build", forward.path().string(), "--format", "md"});
  auto b = run_cli({"build", backward.path().string(), "--format", "md"}, {},
                   {"TZ=Pacific/Kiritimati", "LC_ALL=C", "LANG=tr_TR.UTF-8"});
  REQUIRE(a.exit_code == 0);
  CHECK(a.out == b.out);
  auto j1 = run_cli({"build", "data/"}, {}, {"TZ=UTC"});
  auto j2 = run_cli({"build", "data/"}, {}, {"TZ=Asia/Jakarta", "LC_ALL=id_ID.UTF-8"});
  CHECK(j1.out == j2.out);
}

TEST_CASE("damaged UTF-8 is repaired with U+FFFD and a warning, and every file is built", "[e2e][robust]") {
  TempDir dir;
  test::write_file(dir / "good.txt", "Microsoft berinvestasi di OpenAI pada tahun 2019.\n");
  // A cut multi-byte sequence in a file that is otherwise UTF-8 ("é" is C3 A9).
  test::write_file(dir / "bad.txt", "Baris caf\xC3\xA9.\nHalo \xC3( pada tahun 2021.\n");
  test::write_file(dir / "bom.md", "\xEF\xBB\xBFKesepakatan diumumkan 10 Maret 2023.\r\n");
  auto r = run_cli({"build", dir.path().string()});
  CHECK(r.exit_code == 0);
  CHECK(r.err == (dir / "bad.txt").string() +
                     ":2:6: warning: invalid UTF-8 byte 0xC3 at byte offset 18; replaced with U+FFFD\n" +
                     "  Halo \xEF\xBF\xBD( pada tahun 2021.\n" + std::string(2 + 5, ' ') + "^\n");
  json doc = json::parse(r.out);
  REQUIRE(doc["sources"].size() == 3);
  CHECK(doc["sources"][0]["id"] == "bad");
  CHECK(doc["sources"][0]["encoding"] == "utf-8");
  CHECK(doc["sources"][1]["id"] == "bom");
  CHECK(doc["sources"][2]["id"] == "good");
  REQUIRE(doc["events"].size() == 3);
  CHECK(doc["events"][0]["date"] == "2019");
  CHECK(doc["events"][1]["date"] == "2021");
  const json& repaired = doc["events"][1]["citations"][0];
  CHECK(repaired["start"] == 13);  // "Halo" in the file
  CHECK(repaired["end"] == 37);
  CHECK(repaired["quote"] == "Halo \xEF\xBF\xBD( pada tahun 2021.");
  CHECK(doc["events"][2]["date"] == "2023-03-10");
  const json& c = doc["events"][2]["citations"][0];
  CHECK(c["start"] == 3);  // after the byte-order mark
  CHECK(c["quote"] == "Kesepakatan diumumkan 10 Maret 2023.");
}

TEST_CASE("output with -o is written whole and an unwritable path fails with exit 2", "[e2e]") {
  TempDir dir;
  auto out = dir / "timeline.md";
  auto r = run_cli({"build", "data/", "-f", "md", "-o", out.string()});
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(test::read_file(out) == test::read_file(test::source_dir() / "docs/timeline.md"));
  auto bad = run_cli({"build", "data/", "-o", (dir / "no/such/dir/t.json").string()});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err == "mstimeline: error: " + (dir / "no/such/dir/t.json").string() +
                       ": cannot create a temporary file beside it: No such file or directory\n");
}

TEST_CASE("usage and input errors exit 2 with a clear message", "[e2e]") {
  auto missing = run_cli({"build", "no-such-dir"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "mstimeline: error: no-such-dir: no such file or directory\n");
  CHECK(missing.out.empty());

  auto format = run_cli({"build", "data/", "--format", "yaml"});
  CHECK(format.exit_code == 2);
  CHECK(format.err.find("--format: yaml not in {json,jsonl,md,html,timelinejs,csv}") != std::string::npos);

  auto nothing = run_cli({});
  CHECK(nothing.exit_code == 2);
  CHECK(nothing.err.rfind("mstimeline: error: A subcommand is required", 0) == 0);

  auto lang = run_cli({"build", "data/", "--lang", "xx"});
  CHECK(lang.exit_code == 2);
  CHECK(lang.err == "mstimeline: error: no lexicon for language \"xx\" (available: en, id)\n");

  TempDir dir;
  test::write_file(dir / "lexicon/id.json", "{\"language\": \"id\",\n  \"name\": 3}");
  auto data = run_cli({"--data-dir", dir.path().string(), "build", "data/"});
  CHECK(data.exit_code == 2);
  CHECK(data.err == (dir / "lexicon/id.json").string() + ":2:11: error: \"name\" must be a non-empty string\n" +
                        "    \"name\": 3}\n" + std::string(2 + 10, ' ') + "^\n");
}

TEST_CASE("version and help exit 0 and help documents exit codes and examples", "[e2e]") {
  auto v = run_cli({"--version"});
  CHECK(v.exit_code == 0);
  CHECK(v.out.rfind("mstimeline 0.", 0) == 0);
  auto h = run_cli({"--help"});
  CHECK(h.exit_code == 0);
  CHECK(h.out.find("2  usage error, or input that cannot be used") != std::string::npos);
  auto bh = run_cli({"build", "--help"});
  CHECK(bh.exit_code == 0);
  CHECK(bh.out.find("mstimeline build data/ -f md -o docs/timeline.md --check") != std::string::npos);
}

TEST_CASE("verbose says what was skipped and quiet silences warnings", "[e2e]") {
  auto v = run_cli({"build", "data/", "-v"});
  CHECK(v.exit_code == 0);
  CHECK(v.err.find("mstimeline: skipped README.md: matches .mstimelineignore\n") != std::string::npos);
  // Then each source's publication date and where it came from, in source order, last.
  CHECK(v.err.substr(v.err.find("mstimeline: articles/")) ==
        "mstimeline: articles/000_40745a8f02a1e1be.txt: published 2023-01-25 (inferred)\n"
        "mstimeline: articles/001_9862e06ff9b01b8b.txt: published 2023-01-01 (inferred)\n"
        "mstimeline: articles/002_9fe720d586508277.txt: published 2024-03-19 (catalog)\n"
        "mstimeline: articles/003_80984608eeb6e8ce.txt: published 2025-01-21 (catalog)\n"
        "mstimeline: articles/004_0f2379aef2436a13.txt: published 2023-11-20 (catalog)\n");
  TempDir dir;
  test::write_file(dir / "bad.txt", "\xFF");
  auto q = run_cli({"build", dir.path().string(), "-q"});
  CHECK(q.exit_code == 0);
  CHECK(q.err.empty());
}

TEST_CASE("an unknown command is named, and -v with -q is a usage error", "[e2e]") {
  auto r = run_cli({"frobnicate"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("mstimeline: error: unknown command \"frobnicate\" (commands: build, dates, catalog, check, "
                    "review, extract, merge)\n",
                    0) == 0);
  auto both = run_cli({"-v", "-q", "build", "data/"});
  CHECK(both.exit_code == 2);
  CHECK(both.err.find("excludes") != std::string::npos);
}

TEST_CASE("empty input and stray manifest entries are warned about", "[e2e]") {
  TempDir dir;
  auto empty = run_cli({"build", dir.path().string()});
  CHECK(empty.exit_code == 0);
  CHECK(empty.err == dir.path().string() + ": warning: no article files (.txt, .md) found\n");
  test::write_file(dir / "a.txt", "Kerja sama diumumkan pada tahun 2019.\n");
  test::write_file(dir / "sources.json", "{\"sources\": {\n  \"b.txt\": {\"publisher\": \"P\"}}}");
  auto stray = run_cli({"build", dir.path().string()});
  CHECK(stray.exit_code == 0);
  CHECK(stray.err == (dir / "sources.json").string() +
                         ":2:3: warning: no article file at this path under the input folder\n"
                         "    \"b.txt\": {\"publisher\": \"P\"}}}\n" +
                         std::string(2 + 2, ' ') + "^\n");
}

TEST_CASE("the output file inside the input folder is not read back as an article", "[e2e]") {
  TempDir dir;
  test::write_file(dir / "a.txt", "Kerja sama diumumkan pada tahun 2019.\n");
  auto out = (dir / "timeline.md").string();
  REQUIRE(run_cli({"build", dir.path().string(), "-f", "md", "-o", out}).exit_code == 0);
  auto again = run_cli({"build", dir.path().string(), "-f", "md", "-o", out});
  CHECK(again.exit_code == 0);
  CHECK(test::read_file(out).find("1 source · 1 event") != std::string::npos);
}

TEST_CASE("files over the size limit are skipped with a warning", "[e2e]") {
  TempDir dir;
  test::write_file(dir / "big.txt", std::string(2 * 1024 * 1024, 'a'));
  test::write_file(dir / "small.txt", "Kerja sama diumumkan pada tahun 2019.\n");
  auto r = run_cli({"build", dir.path().string(), "--max-file-size", "1"});
  CHECK(r.exit_code == 0);
  CHECK(r.err == (dir / "big.txt").string() +
                     ": warning: 2097152 bytes is more than the 1048576-byte limit for an article; skipped "
                     "(--max-file-size)\n");
  CHECK(json::parse(r.out)["sources"].size() == 1);
}

TEST_CASE("names and titles that are not UTF-8 never break the JSON", "[e2e]") {
  TempDir dir;
  test::write_file(dir / "caf\xE9.txt", "Kerja sama diumumkan pada tahun 2019.\n");
  auto r = run_cli({"build", dir.path().string()});
  CHECK(r.exit_code == 0);
  CHECK(r.err == (dir / "caf\\xE9.txt").string() +
                     ": warning: file name is not valid UTF-8; its bytes are shown escaped (\\xHH) in the output\n");
  CHECK(json::parse(r.out)["sources"][0]["path"] == "caf\\xE9.txt");
  auto title = run_cli({"build", dir.path().string(), "--title", "bad\xFF"});
  CHECK(title.exit_code == 2);
  CHECK(title.err == "mstimeline: error: --title: not valid UTF-8\n");
}

TEST_CASE("a short article with no function words is still dated, in either language", "[e2e]") {
  TempDir dir;
  test::write_file(dir / "en.txt", "Microsoft invests billions, January 23, 2023.\n");
  test::write_file(dir / "id.txt", "Microsoft berinvestasi pada January 2023 dan Maret 2024.\n");
  json doc = json::parse(run_cli({"build", dir.path().string()}).out);
  std::vector<std::string> dates;
  for (const auto& e : doc["events"]) dates.push_back(e["date"]);
  CHECK(dates == std::vector<std::string>{"2023-01", "2023-01-23", "2024-03"});
}

namespace {

// The step names of a --timings report, in order, each line checked for its
// form; the total line last, with the peak RSS.
std::vector<std::string> timing_steps(const std::string& err) {
  static const RE2 step(R"(timings: (\S(?:.*\S)?) +\d+\.\d{3} s +\d+\.\d%(?:   (.+))?)");
  static const RE2 total(
      R"(timings: total +\d+\.\d{3} s +peak RSS \d+\.\d MB(?:, restarted for huge pages)?(?:, \d+\.\d MB on huge pages at the end)?)");
  REQUIRE(step.ok());
  REQUIRE(total.ok());
  std::vector<std::string> names;
  std::istringstream lines(err);
  std::string line;
  bool ended = false;
  while (std::getline(lines, line)) {
    CHECK_FALSE(ended);
    std::string name;
    if (RE2::FullMatch(line, step, &name)) {
      names.push_back(name);
    } else {
      CHECK(RE2::FullMatch(line, total));
      ended = true;
    }
  }
  CHECK(ended);
  return names;
}

}  // namespace

TEST_CASE("the timings option prints each step's seconds on stderr and changes no output byte", "[e2e][timings]") {
  auto plain = run_cli({"build", "data/", "-q"});
  auto timed = run_cli({"build", "data/", "-q", "--timings"});
  REQUIRE(plain.exit_code == 0);
  REQUIRE(timed.exit_code == 0);
  CHECK(timed.out == plain.out);
  CHECK(plain.err.empty());
  const std::vector<std::string> merging = {"merge: headers",        "merge: source ids",   "merge: gather",
                                            "merge: catalog events", "merge: sort",         "merge: dates and words",
                                            "merge: citations out",  "merge: sentences",    "merge: links",
                                            "merge: groups",         "merge: citations in", "merge: reasons",
                                            "merge: finish",         "merge: free"};
  std::vector<std::string> expected = {"knowledge", "topic and catalog", "walk",
                                       "manifest",  "extract",           "extract: finish"};
  expected.insert(expected.end(), merging.begin(), merging.end());
  expected.insert(expected.end(), {"print warnings", "render and write"});
  CHECK(timing_steps(timed.err) == expected);
  CHECK(timed.err.find("   5 files\n") != std::string::npos);               // the walk's detail
  CHECK(timed.err.find("   5 files, 26753 bytes, ") != std::string::npos);  // the extraction's: files, bytes, rate

  TempDir dir;
  std::string part = (dir / "part.jsonl").string(), untimed = (dir / "untimed.jsonl").string();
  auto extract = run_cli({"extract", "data/", "--timings", "-o", part});
  REQUIRE(extract.exit_code == 0);
  REQUIRE(run_cli({"extract", "data/", "-o", untimed}).exit_code == 0);
  CHECK(test::read_file(part) == test::read_file(untimed));
  CHECK(timing_steps(extract.err) == std::vector<std::string>{"knowledge", "topic and catalog", "walk", "manifest",
                                                              "extract and write", "extract: finish", "print warnings",
                                                              "commit"});
  auto merged = run_cli({"merge", part, "--timings"});
  REQUIRE(merged.exit_code == 0);
  CHECK(merged.out == plain.out);
  std::vector<std::string> merge_expected = {"knowledge", "read and parse parts"};
  merge_expected.insert(merge_expected.end(), merging.begin(), merging.end());
  merge_expected.push_back("render and write");
  CHECK(timing_steps(merged.err) == merge_expected);
  CHECK(merged.err.find("   1 parts, ") != std::string::npos);
}

TEST_CASE("extract --reuse writes the part a fresh extract writes, extracting again only new and changed files",
          "[e2e][scale]") {
  TempDir dir;
  std::filesystem::copy(test::repo_data_dir(), dir / "in", std::filesystem::copy_options::recursive);
  const std::string in = (dir / "in").string(), old = (dir / "old.jsonl").string();
  const std::string fresh = (dir / "fresh.jsonl").string(), reused = (dir / "reused.jsonl").string();
  REQUIRE(run_cli({"extract", in, "-o", old}).exit_code == 0);
  // A day later: one article has a new paragraph, one has another publisher in the manifest, one is gone, one is new.
  auto articles = dir / "in/articles";
  test::write_file(articles / k_seed_files[0],
                   test::read_file(articles / k_seed_files[0]) +
                       "\nPada 5 Maret 2024, Microsoft dan OpenAI mengumumkan kerja sama baru.\n");
  std::string manifest = test::read_file(dir / "in/sources.json");
  manifest.replace(manifest.find("\"pibitek.biz\""), 13, "\"Pibitek\"");
  std::size_t gone = manifest.find("    \"articles/" + k_seed_files[3]);
  manifest.erase(gone, manifest.find('\n', gone) + 1 - gone);
  test::write_file(dir / "in/sources.json", manifest);
  std::filesystem::remove(articles / k_seed_files[3]);
  test::write_file(articles / "new.txt",
                   "Jakarta - Microsoft dan OpenAI menandatangani perjanjian baru pada 2 Februari 2026.\n");

  REQUIRE(run_cli({"extract", in, "-o", fresh}).exit_code == 0);
  auto again = run_cli({"-v", "extract", in, "--reuse", old, "-o", reused});
  REQUIRE(again.exit_code == 0);
  CHECK(test::read_file(reused) == test::read_file(fresh));
  CHECK(again.err.find("mstimeline: reused 2 of 5 documents from --reuse\n") != std::string::npos);  // 001 and 004
  auto merged = run_cli({"merge", reused});
  REQUIRE(merged.exit_code == 0);
  CHECK(merged.out == run_cli({"build", in}).out);
  CHECK(merged.out.find("Pibitek") != std::string::npos);

  // A reused document is taken from the part as it is (merge trusts parts alike): a quote changed there shows.
  std::string tampered = test::read_file(old);
  std::size_t line = tampered.find("\"path\":\"articles/" + k_seed_files[4] + "\"");
  REQUIRE(line != std::string::npos);
  tampered.insert(tampered.find("\"quote\":\"", line) + 9, "DIUBAH ");
  test::write_file(dir / "tampered.jsonl", tampered);
  auto from_tampered = run_cli({"extract", in, "--reuse", (dir / "tampered.jsonl").string()});
  REQUIRE(from_tampered.exit_code == 0);
  CHECK(from_tampered.out.find("\"quote\":\"DIUBAH ") != std::string::npos);
  CHECK(test::read_file(fresh).find("DIUBAH") == std::string::npos);

  // Other settings: nothing is reused, and the part is the one those settings give.
  for (std::vector<std::string> setting :
       {std::vector<std::string>{"--lang", "id"}, {"--no-catalog"}, {"--no-topic"}}) {
    std::vector<std::string> args = {"extract", in};
    args.insert(args.end(), setting.begin(), setting.end());
    auto plain = run_cli(args);
    args.insert(args.begin(), "-v");
    args.insert(args.end(), {"--reuse", reused});
    auto other = run_cli(args);
    REQUIRE(other.exit_code == 0);
    CHECK(other.out == plain.out);
    CHECK(other.err.find("mstimeline: --reuse " + reused +
                         ": written by other code (mstimeline's version or "
                         "sources, ICU) or with other knowledge files, --lang, topic profile or catalog; its "
                         "documents are extracted again\n"
                         "mstimeline: reused 0 of 5 documents from --reuse\n") != std::string::npos);
  }

  // A part cut short in a line: the whole lines before it are reused, that document is extracted again.
  std::string whole = test::read_file(reused);
  std::size_t cut = whole.find("\"path\":\"articles/" + k_seed_files[4] + "\"");
  test::write_file(dir / "cut.jsonl", whole.substr(0, cut));
  auto from_cut = run_cli({"-v", "extract", in, "--reuse", (dir / "cut.jsonl").string()});
  REQUIRE(from_cut.exit_code == 0);
  CHECK(from_cut.out == test::read_file(fresh));
  CHECK(from_cut.err.find("mstimeline: reused 3 of 5 documents from --reuse\n") != std::string::npos);
  // Cut short, then another part after it: the line run into the next part's header is not copied, and the
  // whole copy of that document further on is.
  test::write_file(dir / "cut-then-whole.jsonl", whole.substr(0, cut) + whole);
  auto from_joined = run_cli({"-v", "extract", in, "--reuse", (dir / "cut-then-whole.jsonl").string()});
  REQUIRE(from_joined.exit_code == 0);
  CHECK(from_joined.out == test::read_file(fresh));
  CHECK(from_joined.err.find("mstimeline: reused 5 of 5 documents from --reuse\n") != std::string::npos);
  // A part on standard input ("-"), as Hadoop's `hdfs dfs -cat` gives it.
  auto from_stdin =
      test::run_program("/bin/sh", {"-c", "exec \"$0\" -v extract \"$1\" --reuse - < \"$2\"", MSTL_BINARY, in, reused});
  REQUIRE(from_stdin.exit_code == 0);
  CHECK(from_stdin.out == test::read_file(fresh));
  CHECK(from_stdin.err.find("mstimeline: reused 5 of 5 documents from --reuse\n") != std::string::npos);
  // What is not a part is refused, with its position where it has one.
  test::write_file(dir / "timeline.json", merged.out);
  auto not_part = run_cli({"extract", in, "--reuse", (dir / "timeline.json").string()});
  CHECK(not_part.exit_code == 2);
  CHECK(not_part.err == "mstimeline: error: " + (dir / "timeline.json").string() +
                            ": no header line; is it a part written by mstimeline extract?\n");
  std::string bad_header = whole;
  bad_header.replace(bad_header.find("\"version\":1"), 11, "\"version\":7");
  test::write_file(dir / "bad.jsonl", bad_header);
  auto bad = run_cli({"extract", in, "--reuse", (dir / "bad.jsonl").string()});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.rfind(
            (dir / "bad.jsonl").string() + ":1:28: error: unsupported version (this mstimeline reads version 1)\n",
            0) == 0);

  // The part read may be the part replaced: it is read as it was until the new one replaces it at the end.
  auto in_place = run_cli({"-v", "extract", in, "--reuse", reused, "-o", reused});
  REQUIRE(in_place.exit_code == 0);
  CHECK(in_place.err.find("mstimeline: reused 5 of 5 documents from --reuse\n") != std::string::npos);
  CHECK(test::read_file(reused) == test::read_file(fresh));
  auto missing = run_cli({"extract", in, "--reuse", (dir / "none.jsonl").string()});
  CHECK(missing.exit_code == 2);
  CHECK(missing.out.empty());
  CHECK(missing.err == (dir / "none.jsonl").string() + ": error: cannot open file: No such file or directory\n");
}
