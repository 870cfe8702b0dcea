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
        "cat.json:2:23: number out of range: 1e999\n    {\"id\": \"x\", \"date\": 1e999}]}\n" +
            std::string(2 + 22, ' ') + "^");
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

TEST_CASE("arrays and objects nested deeper than the limit are an error at the bracket that goes over",
          "[json][robust]") {
  std::string deep = std::string(mstl::k_max_json_depth + 1, '[') + std::string(mstl::k_max_json_depth + 1, ']');
  auto doc = parse_json("d.json", deep);
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.error().to_string() ==
        "d.json:1:65: nesting deeper than 64\n  " + deep + "\n" + std::string(2 + 64, ' ') + "^");
  // At the limit it parses, and every value is found.
  std::string ok = "{\"a\":\n" + std::string(63, '[') + "7" + std::string(63, ']') + "}";
  auto fine = parse_json("d.json", ok);
  REQUIRE(fine.ok());
  std::string pointer = "/a";
  for (int i = 0; i < 62; ++i) pointer += "/0";
  CHECK(fine.value().error_at(pointer + "/0", "seven").column == 64);
  // Brackets inside strings do not count; objects count like arrays.
  CHECK(parse_json("s.json", "{\"k\": \"" + std::string(1000, '[') + "\"}").ok());
  std::string objects;
  for (int i = 0; i < 65; ++i) objects += "{\"k\":";
  auto deep_objects = parse_json("o.json", "\n" + objects + "1" + std::string(65, '}'));
  REQUIRE_FALSE(deep_objects.ok());
  CHECK(deep_objects.error().line == 2);
  CHECK(deep_objects.error().column == 64 * 5 + 1);
}

TEST_CASE("200 KB of nested brackets, valid or not, is refused at once without recursion", "[json][robust]") {
  for (const std::string& text : {std::string(200000, '['), std::string(100000, '[') + std::string(100000, ']'),
                                  "[" + std::string(100000, '{') + "\"k\":"}) {
    auto doc = parse_json("big.json", text);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.error().line == 1);
    CHECK(doc.error().column == 65);
    CHECK(doc.error().message == "nesting deeper than 64");
  }
}

TEST_CASE("the position index is linear: a wide, deep document indexes every value", "[json][robust]") {
  // 20,000 arrays nested 50 deep side by side (about 2 MB): one node per value.
  std::string one = std::string(50, '[') + "1" + std::string(50, ']');
  std::string text = "[";
  for (int i = 0; i < 20000; ++i) text += (i ? "," : "") + one;
  text += "]";
  auto doc = parse_json("wide.json", text);
  REQUIRE(doc.ok());
  CHECK(doc.value().positions.nodes.size() == 1 + 20000 * 51);
  std::string pointer = "/19999";
  for (int i = 0; i < 50; ++i) pointer += "/0";
  CHECK(doc.value().error_at(pointer, "last").column == 1 + 19999 * 102 + 50 + 1);
}

TEST_CASE("a UTF-8 byte-order mark is dropped: positions are as an editor shows them and keys are still checked",
          "[json][robust]") {
  const std::string bom = "\xEF\xBB\xBF";
  auto dup = parse_json("b.json", bom + "{\"a\": 1,\n \"a\": 2}");
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error().to_string() ==
        "b.json:2:2: duplicate key \"a\": each key may appear once in an object\n   \"a\": 2}\n   ^");
  auto syntax = parse_json("b.json", bom + "{\"a\": ]}");
  REQUIRE_FALSE(syntax.ok());
  CHECK(syntax.error().to_string() ==
        "b.json:1:7: invalid JSON: syntax error while parsing value - unexpected ']'; expected '[', '{', or a "
        "literal\n  {\"a\": ]}\n        ^");
  auto doc = parse_json("b.json", bom + "{\"a\": [1, 2]}");
  REQUIRE(doc.ok());
  CHECK(doc.value().error_at("/a/1", "two").column == 11);
  CHECK(doc.value().error_at_key("/a", "key").column == 2);
  CHECK(doc.value().json.at("a").size() == 2);
}

TEST_CASE("a member name is compared unescaped: an escaped repeat is still a duplicate", "[json][robust]") {
  auto doc = parse_json("e.json", R"({"name": 1, "\u006eame": 2})");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.error().to_string() ==
        "e.json:1:13: duplicate key \"\\u006eame\" (that is \"name\"): each key may appear once in an object\n"
        "  {\"name\": 1, \"\\u006eame\": 2}\n" +
            std::string(2 + 12, ' ') + "^");
  // Surrogate pairs and short escapes are resolved as nlohmann::json resolves them.
  auto pair = parse_json("e.json", R"({"\ud83d\ude00": 1, "😀": 2})");
  REQUIRE_FALSE(pair.ok());
  CHECK(pair.error().column == 21);
  CHECK_FALSE(parse_json("e.json", R"({"a\/b": 1, "a/b": 2})").ok());
  CHECK(parse_json("e.json", R"({"a\\b": 1, "a/b": 2, "ab": {"ab": 3}})").ok());
  // Escaped names are found by their value: the pointer of "a/b" is /a~1b.
  auto found = parse_json("e.json", R"({"x": 0, "a\/b": [5]})");
  REQUIRE(found.ok());
  CHECK(found.value().error_at("/a~1b/0", "five").column == 19);
  CHECK(found.value().error_at_key("/a~1b", "key").column == 10);
}
