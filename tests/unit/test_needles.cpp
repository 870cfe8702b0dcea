#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "mstimeline/needles.hpp"

using namespace mstl;

namespace {

std::vector<bool> found(const NeedleSet& set, std::string_view text) {
  NeedleHits hits;
  set.find_in(text, hits);
  std::vector<bool> out;
  for (std::size_t i = 0; i < set.size(); ++i) out.push_back(hits.has(i));
  return out;
}

}  // namespace

TEST_CASE("a needle set finds which needles occur, anywhere, in one pass", "[needles]") {
  NeedleSet set({"investasi", "ke", "1", "miliar", "ai"});
  CHECK(found(set, "menginvestasikan 10 miliar") == std::vector<bool>{true, false, true, true, false});
  CHECK(found(set, "kembali ke openai") == std::vector<bool>{false, true, false, false, true});
  CHECK(found(set, "") == std::vector<bool>{false, false, false, false, false});
  CHECK(found(set, "k") == std::vector<bool>{false, false, false, false, false});      // a pair's first byte at the end
  CHECK(found(set, "miliar") == std::vector<bool>{false, false, false, true, false});  // a needle that is the text
  CHECK(found(set, "milia") == std::vector<bool>{false, false, false, false, false});  // cut short at the end
  CHECK(found(set, "investas") == std::vector<bool>{false, false, false, false, false});
}

TEST_CASE("a needle set gives a repeated needle the id of its first place, and never finds an empty one", "[needles]") {
  NeedleSet set({"ke", "", "ke", "kem", "\xC3\xA9t\xC3\xA9"});
  CHECK(set.size() == 5);
  CHECK(set.id_of("ke") == 0);
  CHECK(set.id_of("kem") == 3);
  CHECK(set.id_of("") == 1);
  CHECK(set.id_of("k") == NeedleSet::npos);
  CHECK(set.ids_of({"kem", "ke", "k", ""}) == std::vector<std::uint32_t>{3, 0, 0xFFFFFFFFu, 1});
  CHECK(found(set, "kembali, \xC3\xA9t\xC3\xA9") == std::vector<bool>{true, false, false, true, true});
  NeedleSet copy = set;  // a copy answers the same
  CHECK(copy.id_of("kem") == 3);
  CHECK(found(copy, "ke") == std::vector<bool>{true, false, false, false, false});
  NeedleSet none;
  CHECK(found(none, "anything").empty());
  NeedleHits hits;
  set.find_in("kembali", hits);
  CHECK(hits.size() == 5);
  CHECK_FALSE(hits.has(5));  // an id past the set's
  CHECK_FALSE(hits.has(640));
}

TEST_CASE("a needle set agrees with a search for each needle over random texts", "[needles]") {
  // Few letters, so that needles overlap, share first pairs and occur often.
  std::mt19937 random(20261123);
  auto text_of = [&](std::size_t max) {
    std::string s(random() % (max + 1), ' ');
    for (char& c : s) c = "ab 1\xC3"[random() % 5];
    return s;
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> needles;
    for (int i = 0; i < 40; ++i) needles.push_back(text_of(4));
    NeedleSet set(needles);
    for (int t = 0; t < 20; ++t) {
      std::string text = text_of(24);
      std::vector<bool> expected;  // a repeated needle is found under its first id only
      for (std::size_t i = 0; i < needles.size(); ++i)
        expected.push_back(set.id_of(needles[i]) == i && !needles[i].empty() &&
                           text.find(needles[i]) != std::string::npos);
      INFO("text \"" << text << "\"");
      CHECK(found(set, text) == expected);
    }
  }
}
