#include <catch2/catch.hpp>

#include <random>

#include <nlohmann/json.hpp>

#include "mstimeline/json_writer.hpp"

using mstl::JsonWriter;
using ordered_json = nlohmann::ordered_json;

namespace {

// The tree written through JsonWriter, member by member.
void write(JsonWriter& w, const ordered_json& j) {
  switch (j.type()) {
    case ordered_json::value_t::object:
      w.begin_object();
      for (const auto& [k, v] : j.items()) {
        w.key(k);
        write(w, v);
      }
      w.end_object();
      break;
    case ordered_json::value_t::array:
      w.begin_array();
      for (const auto& v : j) write(w, v);
      w.end_array();
      break;
    case ordered_json::value_t::string:
      w.string(j.get_ref<const std::string&>());
      break;
    case ordered_json::value_t::number_unsigned:
      w.number(j.get<std::uint64_t>());
      break;
    case ordered_json::value_t::number_integer:
      w.number(j.get<std::int64_t>());
      break;
    case ordered_json::value_t::boolean:
      w.boolean(j.get<bool>());
      break;
    default:
      w.null();
  }
}

std::string written(const ordered_json& j, int indent) {
  std::string out = "prefix ";  // appended to, not replaced
  JsonWriter w(out, indent);
  write(w, j);
  return out;
}

std::string dumped(const ordered_json& j, int indent) {
  return "prefix " + j.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

// Strings of the bytes JSON writers get wrong: quotes, backslashes, every
// control byte, DEL, 2- to 4-byte UTF-8, and ill-formed sequences.
std::string random_string(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {"a",
                                                  "Z",
                                                  " ",
                                                  "\"",
                                                  "\\",
                                                  "/",
                                                  "\x7f",
                                                  "\xc3\xa9",
                                                  "\xe2\x80\x93",
                                                  "\xf0\x9f\x98\x80",
                                                  "\xff",
                                                  "\x80",
                                                  "\xc0\x80",
                                                  "\xed\xa0\x80",
                                                  "\xe2\x80",
                                                  "\xf4\x90\x80\x80",
                                                  "u00",
                                                  "\\u0041"};
  std::string s;
  std::size_t n = rng() % 8;
  for (std::size_t i = 0; i < n; ++i) {
    if (rng() % 4 == 0)
      s += static_cast<char>(rng() % 0x20);  // a control byte, NUL included
    else
      s += pieces[rng() % pieces.size()];
  }
  return s;
}

ordered_json random_tree(std::mt19937& rng, int depth) {
  switch (rng() % (depth > 3 ? 5 : 7)) {
    case 0:
      return random_string(rng);
    case 1:
      return rng() % 2 ? ordered_json(std::uint64_t{rng()} * rng()) : ordered_json(-std::int64_t(rng()));
    case 2:
      return rng() % 2 == 0;
    case 3:
      return nullptr;
    case 4:
      return ordered_json(random_string(rng));
    case 5: {
      ordered_json a = ordered_json::array();
      for (std::size_t i = 0, n = rng() % 4; i < n; ++i) a.push_back(random_tree(rng, depth + 1));
      return a;
    }
    default: {
      ordered_json o = ordered_json::object();
      for (std::size_t i = 0, n = rng() % 4; i < n; ++i) o[random_string(rng)] = random_tree(rng, depth + 1);
      return o;
    }
  }
}

}  // namespace

TEST_CASE("JsonWriter writes what nlohmann's dump writes, compact and indented", "[json_writer]") {
  ordered_json j = ordered_json::parse(R"({
    "id": "e1", "n": 3, "neg": -12, "big": 18446744073709551615, "small": -9223372036854775808,
    "yes": true, "no": false, "none": null, "empty_object": {}, "empty_array": [],
    "nested": {"a": [1, [2, []], {"b": {}}], "c": "d"}, "list": ["x", "y"]
  })");
  for (int indent : {-1, 0, 1, 2, 4}) {
    INFO("indent " << indent);
    CHECK(written(j, indent) == dumped(j, indent));
  }
  CHECK(written(j, -1).substr(0, 31) == R"(prefix {"id":"e1","n":3,"neg":-)");
  CHECK(written(ordered_json::parse(R"({"a":[1,{}]})"), 2) == "prefix {\n  \"a\": [\n    1,\n    {}\n  ]\n}");
  // Values at the top level, and empty containers there.
  for (const char* text : {"[]", "{}", "\"s\"", "0", "null", "[[]]", "[{}]"})
    CHECK(written(ordered_json::parse(text), 2) == dumped(ordered_json::parse(text), 2));
}

TEST_CASE("JsonWriter escapes strings as dump does, byte by byte", "[json_writer]") {
  std::string out;
  mstl::append_json_string(out, std::string("q\"b\\s/\b\f\n\r\t\x01\x1f\x7f", 14));
  CHECK(out == R"("q\"b\\s/\b\f\n\r\t\u0001\u001f)"
               "\x7f\"");
  for (int c = 0; c < 256; ++c) {
    std::string s(1, static_cast<char>(c)), mine;
    mstl::append_json_string(mine, s);
    INFO("byte " << c);
    CHECK(mine == ordered_json(s).dump(-1, ' ', false, ordered_json::error_handler_t::replace));
  }
  // Well-formed UTF-8 is written as it is, ill-formed bytes as nlohmann replaces them.
  for (std::string s : {"caf\xc3\xa9 \xe2\x80\x93 \xf0\x9f\x98\x80", "a\xffz", "\xc0\x80", "\xed\xa0\x80", "x\xe2\x80",
                        "\xf4\x90\x80\x80", "\xf4\x8f\xbf\xbf"}) {
    std::string mine;
    mstl::append_json_string(mine, s);
    CHECK(mine == ordered_json(s).dump(-1, ' ', false, ordered_json::error_handler_t::replace));
  }
}

TEST_CASE("JsonWriter equals dump over 5,000 random trees", "[json_writer]") {
  std::mt19937 rng(20261124);
  std::size_t ill_formed = 0;
  for (int i = 0; i < 5000; ++i) {
    ordered_json j = random_tree(rng, 0);
    int indent = std::vector<int>{-1, 0, 1, 2, 4}[rng() % 5];
    std::string expected = dumped(j, indent);
    if (expected.find("\xef\xbf\xbd") != std::string::npos) ++ill_formed;
    INFO("tree " << i << " indent " << indent);
    REQUIRE(written(j, indent) == expected);
  }
  CHECK(ill_formed > 100);  // the replacement path is taken, not only the plain one
}

TEST_CASE("JsonWriter writes a value as deep as it sits in a document around it", "[json_writer]") {
  ordered_json doc = ordered_json::parse(R"({"items": [{"a": [1, {"b": []}], "c": {}}, "s"]})");
  std::string dump = doc.dump(2);
  for (std::size_t i = 0; i < 2; ++i) {
    std::string item;
    JsonWriter w(item, 2, 2);  // an item of "items": two levels deep
    write(w, doc["items"][i]);
    CHECK(dump.find("\n    " + item + (i == 0 ? ",\n" : "\n  ]")) != std::string::npos);
  }
  std::string compact;
  JsonWriter c(compact, -1, 3);  // no lines, no indentation
  write(c, doc);
  CHECK(compact == doc.dump());
}

TEST_CASE("JsonWriter's helpers for optional and empty strings", "[json_writer]") {
  std::string out;
  JsonWriter w(out);
  w.begin_array().string_or_null(std::optional<std::string>()).string_or_null(std::optional<std::string>("a"));
  w.string_or_null(std::optional<std::string>("")).nonempty_or_null("").nonempty_or_null("b");
  w.end_array();
  CHECK(out == R"([null,"a","",null,"b"])");
}
