// End-to-end: every output format, --check, filters, locales, colors, help.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/support.hpp"

using namespace mstl;
using nlohmann::json;
using test::run_cli;
using test::TempDir;

namespace {

const std::vector<std::string> k_formats = {"json", "jsonl", "md", "html", "timelinejs", "csv"};

std::vector<std::string> event_ids(const std::string& out) {
  std::vector<std::string> ids;
  json doc = json::parse(out);
  for (const auto& e : doc["events"]) ids.push_back(e["id"]);
  return ids;
}

}  // namespace

TEST_CASE("every format renders data/ with nothing on stderr, the same bytes whatever TZ, locale and order",
          "[e2e][formats]") {
  TempDir backward;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(test::repo_data_dir() / "articles"))
    files.push_back(entry.path().filename().string());
  std::sort(files.rbegin(), files.rend());
  for (const auto& f : files)
    test::write_file(backward / ("articles/" + f), test::read_file(test::repo_data_dir() / "articles" / f));
  for (const char* f : {"sources.json", "topic.json", "catalog.json"})
    test::write_file(backward / f, test::read_file(test::repo_data_dir() / f));
  for (const auto& format : k_formats) {
    INFO(format);
    auto a = run_cli({"build", "data/", "-f", format}, {}, {"TZ=UTC", "LC_ALL=C"});
    REQUIRE(a.exit_code == 0);
    CHECK(a.err.empty());
    CHECK(a.out.size() > 1000);
    auto b = run_cli({"build", backward.path().string(), "-f", format}, {},
                     {"TZ=Pacific/Kiritimati", "LC_ALL=tr_TR.UTF-8", "LANG=tr_TR.UTF-8"});
    REQUIRE(b.exit_code == 0);
    CHECK(a.out == b.out);
  }
}

TEST_CASE("check mode: 0 when the file is current, 1 and a diff when not, and it never writes", "[e2e][check]") {
  TempDir dir;
  std::string file = (dir / "timeline.md").string();
  REQUIRE(run_cli({"build", "data/", "-f", "md", "-o", file}).exit_code == 0);
  std::string current = test::read_file(file);

  auto same = run_cli({"build", "data/", "-f", "md", "-o", file, "--check"});
  CHECK(same.exit_code == 0);
  CHECK(same.out.empty());
  CHECK(same.err.empty());

  std::string stale = current;
  stale.replace(stale.find("5 sources"), 9, "4 sources");
  test::write_file(file, stale);
  auto differs = run_cli({"build", "data/", "-f", "md", "-o", file, "--check"});
  CHECK(differs.exit_code == 1);
  CHECK(differs.out.empty());
  CHECK(differs.err == "mstimeline: " + file +
                           ": out of date; run the same command without --check to update it\n"
                           "--- " +
                           file + "\n+++ " + file +
                           " (new)\n"
                           "@@ -1,6 +1,6 @@\n"
                           " # Microsoft–OpenAI partnership\n"
                           " \n"
                           "-4 sources · 11 events · July 22, 2019 – January 21, 2025\n"
                           "+5 sources · 11 events · July 22, 2019 – January 21, 2025\n"
                           " \n"
                           " Quotes under the events are shortened where long (…); the number before each links to the "
                           "whole quote under Sources.\n"
                           " \n");
  CHECK(test::read_file(file) == stale);  // untouched
  // -q: the line that names the file, no diff, the same exit code.
  auto quiet = run_cli({"-q", "build", "data/", "-f", "md", "-o", file, "--check"});
  CHECK(quiet.exit_code == 1);
  CHECK(quiet.out.empty());
  CHECK(quiet.err == "mstimeline: " + file + ": out of date; run the same command without --check to update it\n");

  std::string missing = (dir / "none.json").string();
  auto absent = run_cli({"build", "data/", "-o", missing, "--check"});
  CHECK(absent.exit_code == 1);
  CHECK(absent.err.rfind("mstimeline: " + missing +
                             ": missing; run the same command without --check to write it\n"
                             "--- /dev/null\n+++ " +
                             missing + "\n@@ -0,0 +1,",
                         0) == 0);
  CHECK_FALSE(std::filesystem::exists(missing));
  auto absent_quiet = run_cli({"--quiet", "build", "data/", "-o", missing, "--check"});
  CHECK(absent_quiet.exit_code == 1);
  CHECK(absent_quiet.err == "mstimeline: " + missing + ": missing; run the same command without --check to write it\n");
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), {}) == 1);  // no temporary left

  auto no_file = run_cli({"build", "data/", "--check"});
  CHECK(no_file.exit_code == 2);
  CHECK(no_file.err == "mstimeline: error: --check needs -o FILE, the file to compare the output with\n");
}

TEST_CASE("csv with --csv-safe: formula cells get a quote mark, and other formats refuse the option",
          "[e2e][formats]") {
  TempDir dir;
  test::write_file(dir / "a.txt", "=HYPERLINK(\"http://x\") Kesepakatan diumumkan 10 Maret 2023.\n");
  auto plain = run_cli({"build", dir.path().string(), "--no-topic", "-f", "csv"});
  auto safe = run_cli({"build", dir.path().string(), "--no-topic", "-f", "csv", "--csv-safe"});
  REQUIRE(plain.exit_code == 0);
  REQUIRE(safe.exit_code == 0);
  INFO(plain.out);
  CHECK(plain.out.find(",\"=HYPERLINK(\"\"http://x\"\") Kesepakatan diumumkan 10 Maret 2023.\"\r\n") !=
        std::string::npos);
  CHECK(safe.out.find(",\"'=HYPERLINK(\"\"http://x\"\") Kesepakatan diumumkan 10 Maret 2023.\"\r\n") !=
        std::string::npos);
  auto md = run_cli({"build", "data/", "-f", "md", "--csv-safe"});
  CHECK(md.exit_code == 2);
  CHECK(md.err == "mstimeline: error: --csv-safe applies to -f csv, not -f md\n");
}

TEST_CASE("json lists the cited sources, --all-sources every one read, the same events either way", "[e2e][formats]") {
  TempDir dir;
  test::write_file(dir / "a.txt", "Microsoft dan OpenAI meresmikan laboratorium bersama pada 5 Agustus 2024.\n");
  test::write_file(dir / "b.txt", "Pertamina menaikkan harga BBM pada 6 Agustus 2024.\n");
  auto some = run_cli({"build", dir.path().string(), "--topic", "data/topic.json", "--no-catalog"});
  auto all = run_cli({"build", dir.path().string(), "--topic", "data/topic.json", "--no-catalog", "--all-sources"});
  REQUIRE(some.exit_code == 0);
  REQUIRE(all.exit_code == 0);
  json a = json::parse(some.out), b = json::parse(all.out);
  CHECK(a["documents_read"] == 2);
  CHECK(b["documents_read"] == 2);
  REQUIRE(a["sources"].size() == 1);
  CHECK(a["sources"][0]["id"] == "a");
  REQUIRE(b["sources"].size() == 2);
  CHECK(b["sources"][1]["id"] == "b");
  CHECK(b["sources"][1]["published_basis"] == "inferred");
  CHECK(a["events"] == b["events"]);
  auto md = run_cli({"build", dir.path().string(), "-f", "md", "--all-sources"});
  CHECK(md.exit_code == 2);
  CHECK(md.err == "mstimeline: error: --all-sources applies to -f json, not -f md\n");
}

TEST_CASE("filters: --since, --until, --kind, --min-sources", "[e2e][filter]") {
  auto r = run_cli({"build", "data/", "--since", "2023-11", "--until", "2024"});
  REQUIRE(r.exit_code == 0);
  // ev-22f1…: Nadella's interview "pekan lalu", ev-8d78…: Ignite "minggu lalu", ev-a86a…: the share price
  // falling "pada hari yang sama" (004).
  CHECK(event_ids(r.out) == std::vector<std::string>{"ev-22f1ce820bcf", "ev-8d783c3e1623", "openai-board-ousts-altman",
                                                     "ev-a86a3db970d7", "ms-hires-altman-brockman",
                                                     "ms-hires-inflection-leaders", "openai-oracle-capacity"});
  // The sources the events left cite; all five were read.
  CHECK(json::parse(r.out)["sources"].size() == 3);
  CHECK(json::parse(r.out)["documents_read"] == 5);
  CHECK(json::parse(r.out)["undated"].empty());
  auto kinds = run_cli({"build", "data/", "--kind", "new,personnel"});
  CHECK(event_ids(kinds.out) == std::vector<std::string>{"ev-22f1ce820bcf", "ev-8d783c3e1623", "ev-a86a3db970d7",
                                                         "ms-hires-altman-brockman", "ms-hires-inflection-leaders"});
  auto two = run_cli({"build", "data/", "--min-sources", "2", "-f", "jsonl"});
  REQUIRE(two.exit_code == 0);
  CHECK(json::parse(two.out)["id"] == "ms-openai-2023-extension");
  CHECK(std::count(two.out.begin(), two.out.end(), '\n') == 1);
  auto day = run_cli({"build", "data/", "--since", "2025-01-21", "-f", "csv"});
  CHECK(std::count(day.out.begin(), day.out.end(), '\n') == 3);  // the header and the Stargate event's two citations
  CHECK(day.out.find("\r\nstargate-right-of-first-refusal,2025-01-21,day,") != std::string::npos);
  CHECK(day.out.find("\r\nopenai-oracle-capacity") == std::string::npos);
}

TEST_CASE("filters: --top, the N events with the most sources, after the other filters, in date order",
          "[e2e][filter]") {
  auto all = run_cli({"build", "data/"});
  REQUIRE(all.exit_code == 0);
  json everything = json::parse(all.out);
  const std::size_t events = everything["events"].size();
  REQUIRE(events > 6);
  REQUIRE_FALSE(everything["undated"].empty());
  auto r = run_cli({"build", "data/", "--top", "3"});
  REQUIRE(r.exit_code == 0);
  // Two sources, then one source with 6 and 4 citations.
  CHECK(event_ids(r.out) ==
        std::vector<std::string>{"ms-openai-2023-extension", "openai-board-ousts-altman", "ms-hires-altman-brockman"});
  json doc = json::parse(r.out);
  CHECK(doc["sources"] == everything["sources"]);  // --top ranks events only
  CHECK(doc["undated"] == everything["undated"]);
  // A tie at the cut (one source, 2 citations each): the earlier, 2024-03-19, not 2025-01-21.
  auto four = run_cli({"build", "data/", "--top", "4"});
  CHECK(event_ids(four.out) == std::vector<std::string>{"ms-openai-2023-extension", "openai-board-ousts-altman",
                                                        "ms-hires-altman-brockman", "ms-hires-inflection-leaders"});
  // One source and one citation each: 2019-07-22 is earlier than 2021, 2023-W46 and 2024-06-11.
  auto six = run_cli({"build", "data/", "--top", "6", "-f", "jsonl"});
  REQUIRE(six.exit_code == 0);
  std::vector<std::string> lines;
  for (std::size_t at = 0, nl; (nl = six.out.find('\n', at)) != std::string::npos; at = nl + 1)
    lines.push_back(json::parse(six.out.substr(at, nl - at))["id"]);
  CHECK(lines == std::vector<std::string>{"ms-openai-2019-investment", "ms-openai-2023-extension",
                                          "openai-board-ousts-altman", "ms-hires-altman-brockman",
                                          "ms-hires-inflection-leaders", "stargate-right-of-first-refusal"});
  CHECK(run_cli({"build", "data/", "--top", std::to_string(events)}).out == all.out);
  CHECK(json::parse(run_cli({"build", "data/", "--top", std::to_string(events - 1)}).out)["events"].size() ==
        events - 1);
  CHECK(run_cli({"build", "data/", "--top", "1000"}).out == all.out);
  // The same for any -j, and through extract and merge.
  CHECK(run_cli({"build", "data/", "--top", "4", "-j", "1"}).out == four.out);
  CHECK(run_cli({"build", "data/", "--top", "4", "-j", "3"}).out == four.out);
  TempDir dir;
  std::string part = (dir / "part.jsonl").string();
  REQUIRE(run_cli({"extract", "data/", "-o", part}).exit_code == 0);
  auto merged = run_cli({"merge", part, "--top", "4"});
  REQUIRE(merged.exit_code == 0);
  CHECK(merged.out == four.out);

  // After the other filters: the most reported of the events they keep; the filters then drop undated.
  auto since = run_cli({"build", "data/", "--since", "2023-11", "--top", "2"});
  REQUIRE(since.exit_code == 0);
  CHECK(event_ids(since.out) == std::vector<std::string>{"openai-board-ousts-altman", "ms-hires-altman-brockman"});
  CHECK(json::parse(since.out)["undated"].empty());
  auto kind = run_cli({"build", "data/", "--top", "1", "--kind", "infrastructure"});  // 2 citations against 1
  CHECK(event_ids(kind.out) == std::vector<std::string>{"stargate-right-of-first-refusal"});
  auto two = run_cli({"build", "data/", "--min-sources", "2", "--top", "5"});
  CHECK(event_ids(two.out) == std::vector<std::string>{"ms-openai-2023-extension"});
  auto window = run_cli({"merge", part, "--since", "2023", "--until", "2024", "--kind", "new,personnel,leadership",
                         "--top", "2", "-f", "csv"});
  REQUIRE(window.exit_code == 0);
  CHECK(window.out.find("\r\nopenai-board-ousts-altman,") != std::string::npos);
  CHECK(window.out.find("\r\nms-hires-altman-brockman,") != std::string::npos);
  CHECK(std::count(window.out.begin(), window.out.end(), '\n') == 11);  // the header and 6 + 4 citations
  auto md = run_cli({"build", "data/", "--top", "3", "-f", "md"});
  CHECK(md.out.find(" · 3 events · ") != std::string::npos);

  for (const char* command : {"build", "merge"}) {
    INFO(command);
    auto help = run_cli({command, "--help"});
    CHECK(help.out.find("--top N") != std::string::npos);
    CHECK(help.out.find("undated sentences and sources are left as they are") != std::string::npos);
  }
}

TEST_CASE("bad option values are clear errors with exit 2, before any work", "[e2e][filter]") {
  auto month = run_cli({"build", "data/", "--since", "2023-13"});
  CHECK(month.exit_code == 2);
  CHECK(month.err ==
        "mstimeline: error: --since: \"2023-13\" is not a date (expected a TIMEX3 date such as 2023, "
        "2023-H2, 2023-Q4, 2023-11, 2023-W46 or 2023-11-17)\n");
  auto order = run_cli({"build", "data/", "--since", "2024", "--until", "2023"});
  CHECK(order.exit_code == 2);
  CHECK(order.err == "mstimeline: error: --until 2023 ends before --since 2024 starts: no event can match\n");
  auto kind = run_cli({"build", "data/", "--kind", "gossip"});
  CHECK(kind.exit_code == 2);
  CHECK(kind.err.rfind("mstimeline: error: --kind: gossip not in {investment,", 0) == 0);
  auto sources = run_cli({"build", "data/", "--min-sources", "0"});
  CHECK(sources.exit_code == 2);
  auto top = run_cli({"build", "data/", "--top", "0"});
  CHECK(top.exit_code == 2);
  CHECK(top.err.rfind("mstimeline: error: --top: 0 keeps no event; N must be 1 or more\n", 0) == 0);
  auto merge_top = run_cli({"merge", "no-such-part.jsonl", "--top", "0"});  // refused before any part is read
  CHECK(merge_top.exit_code == 2);
  CHECK(merge_top.err.rfind("mstimeline: error: --top: 0 keeps no event; N must be 1 or more\n", 0) == 0);
  for (const char* bad : {"-1", "three", ""}) {
    INFO(bad);
    auto r = run_cli({"build", "data/", "--top", bad});
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("mstimeline: error: --top: ", 0) == 0);
  }
  auto locale = run_cli({"build", "data/", "-f", "html", "--locale", "fr"});
  CHECK(locale.exit_code == 2);
  CHECK(locale.err == "mstimeline: error: no locale \"fr\" (available: en, id)\n");
  auto format = run_cli({"build", "data/", "-f", "yaml"});
  CHECK(format.exit_code == 2);
  CHECK(format.err.rfind("mstimeline: error: --format: yaml not in {json,jsonl,md,html,timelinejs,csv}", 0) == 0);
}

TEST_CASE("the id locale writes md and html in Indonesian", "[e2e][locale]") {
  auto md = run_cli({"build", "data/", "-f", "md", "--locale", "id"});
  REQUIRE(md.exit_code == 0);
  CHECK(md.out.find("5 sumber · 11 peristiwa · 22 Juli 2019 – 21 Januari 2025\n") != std::string::npos);
  CHECK(md.out.find("### 23 Januari 2023 — ") != std::string::npos);
  auto html = run_cli({"build", "data/", "-f", "html", "--locale", "id"});
  CHECK(html.out.find("<time datetime=\"2023-11-17\">17 November 2023</time>") != std::string::npos);
  CHECK(html.out.find("<h2>Sumber</h2>") != std::string::npos);
}

TEST_CASE("colors only when asked or on a terminal, and never with NO_COLOR in auto", "[e2e][color]") {
  TempDir dir;
  test::write_file(dir / "bad.txt", "Halo \xC3( pada tahun 2021, caf\xC3\xA9.\n");
  auto plain = run_cli({"build", dir.path().string()});
  CHECK(plain.err.find('\x1b') == std::string::npos);
  auto colored = run_cli({"--color", "always", "build", dir.path().string()});
  CHECK(colored.err.rfind("\x1b[1m" + (dir / "bad.txt").string() + ":1:6:\x1b[0m \x1b[1m\x1b[33mwarning:\x1b[0m", 0) ==
        0);
  CHECK(colored.out == plain.out);  // data is never colored
  auto no_color = run_cli({"--color", "auto", "build", dir.path().string()}, {}, {"NO_COLOR=1"});
  CHECK(no_color.err == plain.err);
  auto quiet = run_cli({"-q", "build", dir.path().string()});
  CHECK(quiet.err.empty());
  CHECK(run_cli({"--color", "sometimes", "build", "data/"}).exit_code == 2);
}

TEST_CASE("every command's --help shows examples", "[e2e][help]") {
  for (const auto& args : std::vector<std::vector<std::string>>{{"build", "--help"},
                                                                {"dates", "--help"},
                                                                {"review", "--help"},
                                                                {"catalog", "--help"},
                                                                {"catalog", "check", "--help"}}) {
    INFO(args[0]);
    auto r = run_cli(args);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Example") != std::string::npos);
  }
  auto build = run_cli({"build", "--help"});
  for (const char* word : {"--check", "--since", "--until", "--kind", "--min-sources", "timelinejs", "csv", "jsonl"})
    CHECK(build.out.find(word) != std::string::npos);
  auto top = run_cli({"--help"});
  CHECK(top.out.find("--color") != std::string::npos);
  CHECK(top.out.find("1  --check: the output differs from the file, or the file is missing") != std::string::npos);
}

TEST_CASE("option mistakes found by a first user are clear errors", "[e2e][filter]") {
  auto empty = run_cli({"build", "data/", "--since", ""});
  CHECK(empty.exit_code == 2);
  CHECK(empty.err.rfind("mstimeline: error: --since: \"\" is not a date (expected a TIMEX3 date", 0) == 0);
  CHECK(empty.err.find("Run 'mstimeline build --help' for usage.\n") != std::string::npos);
  auto locale = run_cli({"build", "data/", "--locale", "fr"});  // json uses no labels, but a typo is a typo
  CHECK(locale.exit_code == 2);
  CHECK(locale.err == "mstimeline: error: no locale \"fr\" (available: en, id)\n");
  TempDir dir;
  auto directory = run_cli({"build", "data/", "-f", "md", "-o", dir.path().string(), "--check"});
  CHECK(directory.exit_code == 2);
  CHECK(directory.err == "mstimeline: error: " + dir.path().string() + ": cannot compare: Is a directory\n");
  auto spaced = run_cli({"build", "data/", "--kind", "personnel, leadership"});
  REQUIRE(spaced.exit_code == 0);
  CHECK(event_ids(spaced.out) == std::vector<std::string>{"openai-board-ousts-altman", "ms-hires-altman-brockman",
                                                          "ms-hires-inflection-leaders"});
  auto nested = run_cli({"catalog", "check", "--nope"});
  CHECK(nested.err.find("Run 'mstimeline catalog check --help' for usage.\n") != std::string::npos);
}

TEST_CASE("a data directory without labels still builds json, and says what md lacks", "[e2e][locale]") {
  TempDir dir;
  for (const char* f : {"lexicon/id.json", "lexicon/en.json", "boilerplate/common.json"})
    test::write_file(dir / f, test::read_file(test::repo_data_dir() / f));
  auto json_out = run_cli({"--data-dir", dir.path().string(), "build", "data/"});
  CHECK(json_out.exit_code == 0);
  CHECK(json_out.out == test::read_file(test::source_dir() / "docs/timeline.json"));
  auto md = run_cli({"--data-dir", dir.path().string(), "build", "data/", "-f", "md"});
  CHECK(md.exit_code == 2);
  CHECK(md.err == "mstimeline: error: no locale \"en\": " + dir.path().string() +
                      " holds no labels/<code>.json with a lexicon beside it (docs/labels.md)\n");
}
