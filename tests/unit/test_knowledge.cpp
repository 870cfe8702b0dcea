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

TEST_CASE("the extraction fingerprint changes with the lexicon and boilerplate files, not with the labels", "[knowledge]") {
  TempDir dir;
  std::filesystem::copy(test::repo_data_dir() / "lexicon", dir / "lexicon");
  std::filesystem::copy(test::repo_data_dir() / "boilerplate", dir / "boilerplate");
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
  CHECK(lexicon_edit != same);
  CHECK(boilerplate_edit != same);
  CHECK(boilerplate_edit != lexicon_edit);
}
