#include <catch2/catch.hpp>

#include "mstimeline/json_doc.hpp"

using mstl::parse_json;

TEST_CASE("a JSON syntax error names line and column with a caret", "[json]") {
  auto doc = parse_json("lex.json", "{\n  \"a\": 1,\n  \"b\": ]\n}");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.error().to_string() ==
        "lex.json:3:8: invalid JSON: syntax error while parsing value - unexpected ']'; expected '[', '{', or a "
        "literal\n    \"b\": ]\n" +
            std::string(2 + 7, ' ') + "^");
}

TEST_CASE("a number too large for a double is a located error, not an escaped exception", "[json][robust]") {
  auto doc = parse_json("cat.json", "{\"events\": [\n  {\"id\": \"x\", \"date\": 1e999}]}");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.error().to_string() ==
        "cat.json:2:23: number out of range: 1e999\n    {\"id\": \"x\", \"date\": 1e999}]}\n" + std::string(2 + 22, ' ') + "^");
}

TEST_CASE("error_at points at the value a JSON pointer names", "[json]") {
  auto doc = parse_json("x.json", "{\"months\": [\n  {\"name\": \"Jan\"},\n  [\"oops\"]\n], \"a/b\": 2}");
  REQUIRE(doc.ok());
  CHECK(doc.value().error_at("/months/1", "bad").to_string() ==
        "x.json:3:3: bad\n    [\"oops\"]\n" + std::string(2 + 2, ' ') + "^");
  CHECK(doc.value().error_at("/months/1/0", "bad").line == 3);
  CHECK(doc.value().error_at("/months/1/0", "bad").column == 4);
  CHECK(doc.value().error_at("/a~1b", "slash key").line == 4);
  CHECK(doc.value().error_at("/a~1b", "slash key").column == 11);
  CHECK(doc.value().error_at_key("/a~1b", "slash key").column == 4);
  // A pointer that does not exist falls back to its nearest existing parent.
  CHECK(doc.value().error_at("/months/7/name", "gone").line == 1);
  CHECK(doc.value().error_at("/months/7/name", "gone").column == 12);
}

TEST_CASE("strings with escaped quotes do not confuse the position index", "[json]") {
  auto doc = parse_json("y.json", R"({"k": "say \"hi\"", "n": [1, 2]})");
  REQUIRE(doc.ok());
  CHECK(doc.value().error_at("/n/1", "two").column == 30);
}

TEST_CASE("an unreadable JSON file is a diagnostic without position", "[json]") {
  auto doc = mstl::read_json_file("/nonexistent/dir/x.json");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.error().to_string() == "/nonexistent/dir/x.json: cannot open file: No such file or directory");
  CHECK(mstl::read_json_file("/tmp").error().to_string() == "/tmp: is a directory, not a JSON file");
}

TEST_CASE("a key repeated within one object is an error at the repeat", "[json]") {
  auto doc = parse_json("m.json", "{\"a\": {\"x\": 1,\n \"x\": 2}, \"b\": {\"x\": 3}}");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.error().to_string() ==
        "m.json:2:2: duplicate key \"x\": each key may appear once in an object\n   \"x\": 2}, \"b\": {\"x\": 3}}\n" +
            std::string(2 + 1, ' ') + "^");
}
