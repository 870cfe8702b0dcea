#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "mstimeline/word_list.hpp"

using mstl::WordList;

TEST_CASE("a word list holds its words sorted by bytes, each once", "[word_list]") {
  WordList w(std::vector<std::string>{"openai", "10", "microsoft", "openai", "Zeta", "\xC3\xA9t\xC3\xA9"});
  CHECK(w.strings() == std::vector<std::string>{"10", "Zeta", "microsoft", "openai", "\xC3\xA9t\xC3\xA9"});
  CHECK(w.size() == 5);
  CHECK_FALSE(w.empty());
  std::vector<std::string_view> views(w.begin(), w.end());
  REQUIRE(views.size() == 5);
  CHECK(views[2] == "microsoft");
  // The same words in any order are the same list.
  CHECK(w == WordList(std::set<std::string>{"\xC3\xA9t\xC3\xA9", "Zeta", "openai", "microsoft", "10"}));
  CHECK_FALSE(w == WordList(std::vector<std::string>{"10", "Zeta", "microsoft", "openai"}));
}

TEST_CASE("an empty word list has no words, and clear empties one", "[word_list]") {
  WordList none;
  CHECK(none.empty());
  CHECK(none.size() == 0);
  CHECK(none.begin() == none.end());
  CHECK(none == WordList(std::vector<std::string>{}));
  WordList one(std::vector<std::string>{"kata"});
  CHECK(one.size() == 1);
  CHECK(*one.begin() == "kata");
  CHECK(++one.begin() == one.end());
  one.clear();
  CHECK(one.empty());
  CHECK(one == none);
}

TEST_CASE("a word list refuses empty words and words with line breaks", "[word_list]") {
  CHECK(WordList::acceptable("kata"));
  CHECK_FALSE(WordList::acceptable(""));
  CHECK_FALSE(WordList::acceptable("dua\nkata"));
  CHECK_THROWS_AS(WordList(std::vector<std::string>{"kata", ""}), std::invalid_argument);
  CHECK_THROWS_AS(WordList(std::vector<std::string>{"dua\nkata"}), std::invalid_argument);
}
