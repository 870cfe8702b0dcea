// The curator's validators end to end: `catalog check` and `check DIR` list
// every problem in one run, and build refuses what they refuse, from the same
// loaders.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "support/support.hpp"

using namespace mstl;
using test::run_cli;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

// The first line of each diagnostic on stderr (`path:line:col: error: ...`), and whether every one came with
// its line and caret (three lines each) or alone (a problem without a position).
std::vector<std::string> located_lines(const std::string& err) {
  std::vector<std::string> out;
  std::istringstream in(err);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("  ", 0) != 0) out.push_back(line);  // the quoted line and the caret are indented
  return out;
}

// Writes a small folder a build can read: one article, and the files given.
void write_folder(const fs::path& dir) {
  test::write_file(dir / "a.txt", "Microsoft mengumumkan investasi di OpenAI pada 22 Juli 2019.\n");
}

}  // namespace

TEST_CASE("catalog check lists the fifteen mistakes of a bad catalog in one run", "[e2e][check][catalog]") {
  const std::string file = "tests/fixtures/check/bad_catalog/catalog.json";
  auto r = run_cli({"catalog", "check", file});  // with the topic.json beside it, for the actors
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  const std::string at = file + ":";
  CHECK(located_lines(r.err) ==
        std::vector<std::string>{
            at + "3:3: error: unknown key \"version\" (expected events, comment)",
            at + "6:5: error: event is missing \"kind\"",
            at + "7:12: error: \"id\" must be lowercase letters, digits and '-'",
            at + "8:35: error: \"2023-02-30\" is not a calendar date (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn or "
                 "YYYY-Wnn)",
            at + "9:46: error: unknown kind \"merger\" (expected one of: investment, agreement, leadership, personnel, "
                 "regulation, product, infrastructure, legal, corporate, other)",
            at + "10:75: error: \"EN\" is not a language code",
            at + "11:90: error: no lexicon for language \"fr\" (available: en, id)",
            at + "12:78: error: a title must be a non-empty string",
            at + "13:100: error: \"actors\" must be a non-empty array of names",
            at + "14:121: error: actor \"Google\" is not a side's name or alias in the topic profile; add it to a "
                 "side's aliases or correct it",
            at + "15:153: error: trigger \"dan pada\" has only words of the id lexicon's function_words, which are in "
                 "nearly every sentence; give a phrase with a word of the event",
            at + "16:152: error: trigger \"x\" is a single character, which is in nearly every sentence; give a phrase "
                 "with a word of the event",
            at + "17:152: error: no lexicon for language \"xx\" (available: en, id)",
            at + "18:167: error: \"requires_date\" must be true or false",
            at + "19:12: error: duplicate event id \"ok-2019\"",
        });
  // Each with its line and a caret, as every error is shown.
  std::size_t lines = 0;
  for (char c : r.err) lines += c == '\n';
  CHECK(lines == 15 * 3);
  CHECK(r.err.find("    \"version\": 2,\n    ^\n") != std::string::npos);

  // Without the topic profile the actor is not checked: the other fourteen remain.
  auto no_topic = run_cli({"catalog", "check", file, "--no-topic"});
  CHECK(no_topic.exit_code == 2);
  CHECK(located_lines(no_topic.err).size() == 14);
  CHECK(no_topic.err.find("\"Google\"") == std::string::npos);
}

TEST_CASE("build refuses a catalog that catalog check refuses, at the first problem", "[e2e][check][catalog]") {
  TempDir dir;
  write_folder(dir.path());
  test::write_file(
      dir / "catalog.json",
      "{\"events\": [{\"id\": \"common\", \"date\": \"2019-07-22\", \"kind\": \"investment\", "
      "\"title\": {\"en\": \"Common\"}, \"actors\": [\"Microsoft\"],\n"
      "  \"triggers\": {\"id\": [\"investasi\", \"dan  Pada\", \"di\"], \"en\": [\"the investment\"]}}]}\n");
  const std::string message =
      (dir / "catalog.json").string() +
      ":2:36: error: trigger \"dan pada\" has only words of the id lexicon's function_words, which are in nearly "
      "every sentence; give a phrase with a word of the event (and 1 more problem: `mstimeline catalog check` lists "
      "every one)\n"
      "    \"triggers\": {\"id\": [\"investasi\", \"dan  Pada\", \"di\"], \"en\": [\"the investment\"]}}]}\n"
      "                                     ^\n";
  for (const char* command : {"build", "extract", "review"}) {
    auto r = run_cli({command, dir.path().string()});
    CAPTURE(command);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == message);
  }
  // --no-catalog reads no catalog, so nothing is refused.
  CHECK(run_cli({"build", dir.path().string(), "--no-catalog"}).exit_code == 0);
  // With a word of the event the same catalog builds.
  test::write_file(dir / "catalog.json",
                   "{\"events\": [{\"id\": \"common\", \"date\": \"2019-07-22\", \"kind\": \"investment\", "
                   "\"title\": {\"en\": \"Common\"}, \"actors\": [\"Microsoft\"], "
                   "\"triggers\": {\"id\": [\"dan investasi\"], \"en\": [\"the investment\"]}}]}\n");
  CHECK(run_cli({"build", dir.path().string()}).exit_code == 0);
}

TEST_CASE("check DIR lists every problem of every file a build of DIR reads", "[e2e][check]") {
  TempDir dir;
  const fs::path in = dir / "in", data = dir / "data";
  fs::create_directories(in);
  fs::create_directories(data);
  fs::copy(test::repo_data_dir() / "lexicon", data / "lexicon", fs::copy_options::recursive);
  test::write_file(data / "boilerplate/rules.json", "{\"patterns\": [\".*\", \"Iklan\"], \"contains\": [\"a\"]}\n");
  test::write_file(in / "topic.json",
                   "{\"name\": \"\", \"sides\": [{\"name\": \"A\", \"aliases\": []}], \"narrative_days\": -1}\n");
  test::write_file(in / "catalog.json", "{\"events\": [{\"id\": \"x\"}], \"version\": 1}\n");
  test::write_file(in / "sources.json",
                   "{\"sources\": {\"../a.txt\": {\"language\": \"fr\", \"published\": \"2023-02-30\"}}, "
                   "\"titel\": \"x\"}\n");
  test::write_file(in / ".mstimelineignore", "*\n");
  write_folder(in);
  auto r = run_cli({"--data-dir", data.string(), "check", in.string()});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  const std::string rules = (data / "boilerplate/rules.json").string() + ":1:",
                    topic = (in / "topic.json").string() + ":1:", catalog = (in / "catalog.json").string() + ":1:",
                    sources = (in / "sources.json").string() + ":1:";
  CHECK(located_lines(r.err) ==
        std::vector<std::string>{
            rules + "15: error: pattern \".*\" matches the empty string: nothing in it is required, so it can match "
                    "lines that hold anything; make some of it required",
            rules + "44: error: \"a\" has 1 character besides spaces, so it is in nearly every line; give more of the "
                    "text it stands for",
            topic + "10: error: the profile needs a non-empty string \"name\"",
            topic + "49: error: a side needs a non-empty array \"aliases\"",
            topic + "73: error: \"narrative_days\" must be an integer from 0 to 3660",
            catalog + "13: error: event is missing \"date\"",
            catalog + "13: error: event is missing \"kind\"",
            catalog + "13: error: event is missing \"title\"",
            catalog + "13: error: event is missing \"actors\"",
            catalog + "13: error: event is missing \"triggers\"",
            catalog + "27: error: unknown key \"version\" (expected events, comment)",
            sources + "14: error: source path \"../a.txt\" must be relative and stay inside the input folder",
            sources + "39: error: no lexicon for language \"fr\" (available: en, id)",
            sources + "58: error: \"published\" must be a calendar date YYYY-MM-DD, not \"2023-02-30\"",
            sources + "74: error: unknown key \"titel\" (expected title, sources)",
            in.string() + ": error: no article file (.txt or .md) would be read; see the patterns of .mstimelineignore",
        });

  // A sound folder: what was checked, exit 0.
  auto ok = run_cli({"check", "data/"});
  CHECK(ok.exit_code == 0);
  CHECK(ok.err.empty());
  CHECK(ok.out.rfind("data/: ok, ", 0) == 0);
  CHECK(ok.out.find("topic.json, catalog.json, sources.json") != std::string::npos);
  // Not a folder: a usage error.
  auto file = run_cli({"check", "data/catalog.json"});
  CHECK(file.exit_code == 2);
  CHECK(file.err == "mstimeline: error: data/catalog.json: not a folder; give the folder a build would read\n");
}
