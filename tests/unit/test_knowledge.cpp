#include <catch2/catch.hpp>

#include "mstimeline/knowledge.hpp"
#include "support/support.hpp"

using namespace mstl;
using test::TempDir;

namespace {
std::string language_of(const std::string& text) {
  return identify_language(text::tokenize(text), test::knowledge()).language;
}
}  // namespace

TEST_CASE("language identification counts each lexicon's function words", "[knowledge]") {
  CHECK(language_of("Microsoft mengatakan bahwa kemitraan dengan OpenAI akan diperpanjang.") == "id");
  CHECK(language_of("Microsoft said that the partnership with OpenAI will be extended.") == "en");
  CHECK(language_of("Sejak 2019 kerja sama berjalan.") == "id");  // no evidence: the fallback lexicon
  CHECK(language_of("") == "id");
  CHECK(identify_language(text::tokenize("Sejak 2019 kerja sama berjalan."), test::knowledge()).evidence == 0);
  CHECK(identify_language(text::tokenize("Kerja sama itu dan yang lain."), test::knowledge()).evidence == 3);
}

TEST_CASE("the knowledge bundle loads every lexicon of the data directory", "[knowledge]") {
  const Knowledge& k = test::knowledge();
  CHECK(k.lexicons.size() == 2);
  CHECK(k.lexicon("id").fallback);
  CHECK_FALSE(k.lexicon("en").fallback);
  CHECK_THROWS_WITH(k.lexicon("fr"), "no lexicon for language \"fr\" (available: en, id)");
}

TEST_CASE("knowledge errors name the file and position", "[knowledge]") {
  TempDir dir;
  CHECK_THROWS_WITH(load_knowledge(dir.path()),
                    (dir / "lexicon").string() +
                        ": no lexicon directory; is the data directory right? (--data-dir, MSTIMELINE_DATA)");
  std::string en = test::read_file(test::repo_data_dir() / "lexicon/en.json");
  std::string id = test::read_file(test::repo_data_dir() / "lexicon/id.json");
  en.replace(en.find("\"name\": \"English\","), 18, "\"name\": \"English\", \"fallback\": true,");
  test::write_file(dir / "lexicon/en.json", en);
  test::write_file(dir / "lexicon/id.json", id);
  try {
    load_knowledge(dir.path());
    FAIL("a second fallback lexicon was accepted");
  } catch (const Error& e) {
    REQUIRE(e.diagnostic());
    CHECK(e.diagnostic()->path == (dir / "lexicon/id.json").string());
    CHECK(e.diagnostic()->line == 5);
    CHECK(e.diagnostic()->message == "\"fallback\" is already set by en.json");
  }
}

TEST_CASE("the extraction fingerprint changes with the lexicon, boilerplate and path dates files, not with the labels",
          "[knowledge]") {
  TempDir dir;
  std::filesystem::copy(test::repo_data_dir() / "lexicon", dir / "lexicon");
  std::filesystem::copy(test::repo_data_dir() / "boilerplate", dir / "boilerplate");
  std::filesystem::copy(test::repo_data_dir() / "path_dates", dir / "path_dates");
  std::filesystem::copy(test::repo_data_dir() / "labels", dir / "labels");
  const std::string same = load_knowledge(dir.path()).extraction_fingerprint;
  CHECK(same.size() == 64);
  CHECK(same == test::knowledge().extraction_fingerprint);  // the files, not the folder's path
  CHECK(load_knowledge(dir.path()).extraction_fingerprint == same);

  // Labels only render: another byte there leaves it as it is.
  test::write_file(dir / "labels/en.json", test::read_file(dir / "labels/en.json") + "\n");
  CHECK(load_knowledge(dir.path()).extraction_fingerprint == same);

  std::string id = test::read_file(dir / "lexicon/id.json");
  test::write_file(dir / "lexicon/id.json", id + "\n");  // one more byte, the same rules
  std::string lexicon_edit = load_knowledge(dir.path()).extraction_fingerprint;
  test::write_file(dir / "lexicon/id.json", id);
  CHECK(load_knowledge(dir.path()).extraction_fingerprint == same);

  std::string rules = test::read_file(dir / "boilerplate/common.json");
  test::write_file(dir / "boilerplate/common.json", rules + " ");
  std::string boilerplate_edit = load_knowledge(dir.path()).extraction_fingerprint;
  test::write_file(dir / "boilerplate/common.json", rules);
  CHECK(load_knowledge(dir.path()).extraction_fingerprint == same);

  test::write_file(dir / "path_dates/common.json", test::read_file(dir / "path_dates/common.json") + " ");
  std::string path_dates_edit = load_knowledge(dir.path()).extraction_fingerprint;
  CHECK(lexicon_edit != same);
  CHECK(boilerplate_edit != same);
  CHECK(boilerplate_edit != lexicon_edit);
  CHECK(path_dates_edit != same);
  CHECK(path_dates_edit != boilerplate_edit);
}

TEST_CASE("path dates are loaded with the knowledge, and an invalid file stops the load", "[knowledge][path_dates]") {
  CHECK(test::knowledge().path_dates.patterns.size() == 5);
  TempDir dir;
  std::filesystem::copy(test::repo_data_dir() / "lexicon", dir / "lexicon");
  CHECK(load_knowledge(dir.path()).path_dates.patterns.empty());  // optional: no folder, no path dates
  test::write_file(dir / "path_dates/site.json", "{\"years\": {\"min\": 1900, \"max\": 2100},\n \"patterns\": 3}");
  try {
    load_knowledge(dir.path());
    FAIL("an invalid path dates file was accepted");
  } catch (const Error& e) {
    REQUIRE(e.diagnostic());
    CHECK(e.diagnostic()->path == (dir / "path_dates/site.json").string());
    CHECK(e.diagnostic()->line == 2);
    CHECK(e.diagnostic()->message == "\"patterns\" must be an array of objects");
  }
}
