#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "mstimeline/record.hpp"
#include "mstimeline/record_parser.hpp"
#include "support/support.hpp"

using namespace mstl;

namespace {

// The part extract writes for data/ (its topic profile and catalog).
const std::string& data_part() {
  static const std::string part = [] {
    test::TempDir dir;
    auto r = test::run_cli({"extract", "data/", "-q", "-o", (dir / "p.jsonl").string()});
    REQUIRE(r.exit_code == 0);
    return test::read_file(dir / "p.jsonl");
  }();
  return part;
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    std::string_view line = take_line(text);
    if (line.ends_with('\n')) line.remove_suffix(1);
    lines.emplace_back(line);
  }
  return lines;
}

// What parse_part makes of `text`, through the direct reader or the full one:
// the error, or the records as extract would write them.
std::string outcome(const std::string& text, LineReader how) {
  auto part = parse_part("p.jsonl", text, 1, how);
  if (!part) return "error: " + part.error().to_string();
  std::string out;
  for (const auto& d : part.value().documents) out += document_line(d);
  return out;
}

// The line, read directly, as extract writes it ("declined" when it is not read).
std::string direct(std::string_view line) {
  auto r = read_document_line(line);
  return r ? document_line(*r) : "declined";
}

std::string full(std::string_view line) { return outcome(std::string(line) + "\n", LineReader::full); }

DocumentRecord sample() {
  DocumentRecord r;
  r.source.id = r.source.path = "a/x.txt";
  r.source.sha256 = std::string(64, 'b');
  r.source.encoding = "utf-8";
  r.source.language = "id";
  r.source.publisher = "Pub";
  r.source.published_basis = "inferred";
  Citation c{"a/x.txt", 5, 20, "Kutipan.", "2019"};
  r.mentions.push_back(Mention{*parse_date_value("2019"), "cat", "investasi", c, WordList(std::vector{"satu"})});
  r.conflicts.push_back(Conflict{"cat", "2020", c});
  r.undated.push_back(c);
  r.dropped.push_back(ReviewItem{ReviewReason::off_topic, "names no side", c});
  return r;
}

// `line` with the first `from` replaced by `to`.
std::string with(std::string line, std::string_view from, std::string_view to) {
  auto at = line.find(from);
  REQUIRE(at != std::string::npos);
  return line.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("the direct reader reads every document line extract writes, as the full reader does", "[record_parser]") {
  std::vector<std::string> lines = lines_of(data_part());
  REQUIRE(lines.size() == 7);             // the header, the five articles and the end line
  CHECK(direct(lines[0]) == "declined");  // a header is the full reader's
  CHECK(direct(lines[6]) == "declined");  // so is the end line
  lines.pop_back();
  for (std::size_t i = 1; i < lines.size(); ++i) {
    INFO(i);
    std::string read = direct(lines[i]);
    CHECK(read != "declined");
    CHECK(read == full(lines[i]));
    // The line as extract wrote it, but for the "input" fingerprint, which is checked, not kept.
    std::string kept = lines[i];
    kept.erase(kept.find(R"("input":")"), 9 + 64 + 2);  // "input":"<64 hex digits>",
    CHECK(read == kept + "\n");
  }
  CHECK(outcome(data_part(), LineReader::direct) == outcome(data_part(), LineReader::full));
}

TEST_CASE("the direct reader reads any order, white space and escapes the full reader reads", "[record_parser]") {
  std::string line = document_line(sample());
  line.pop_back();
  std::vector<std::string> variants = {
      line,
      with(line, R"({"type":"document","version":1,)", R"({"version":1,"type":"document",)"),  // member order
      with(line, R"("conflicts":)", " \t\r \"conflicts\" :\r "),                               // JSON white space
      " " + line + " \t",
      with(line, R"("publisher":"Pub")", R"("publisher":null)"),
      with(line, R"("quote":"Kutipan.")", R"("quote":"\u004bu\/tip\"an\\\n\t\b\f\r\u00e9\ud83d\ude00\u0000")"),
      with(line, R"("quote":"Kutipan.")", "\"quote\":\"Kutip\xc3\xa9 \xe2\x80\x9c \xf0\x9f\x98\x80 \xef\xbf\xbf\""),
      with(line, R"("start":5)", R"("start":0)"),
      with(line, R"("end":20)", R"("end":18446744073709551615)"),
      with(line, R"({"type":"document","version":1,)",
           R"({"type":"document","version":1,"input":")" + std::string(64, 'f') + "\","),
      with(line, R"("salient":["satu"])", R"("salient":["satu","dua","satu"])"),
      with(line, R"("salient":["satu"])", R"("salient":[])"),
      with(line, R"("conflicts":[{)", R"("conflicts":[ {)"),
  };
  for (const auto& v : variants) {
    INFO(v);
    std::string read = direct(v);
    CHECK(read != "declined");
    CHECK(read == full(v));
  }
}

TEST_CASE("the direct reader holds a string with escapes and multi-byte characters in no more than its JSON text",
          "[record_parser]") {
  // An escape first, a two-byte character in the middle: read piece by piece
  // with no room made for the rest, the quote would hold about twice its size.
  std::string text = "\\\"" + std::string(600, 'a') + "\xc3\xa9" + std::string(600, 'b');  // JSON: \" a… é b…
  std::string line = document_line(sample());
  line.pop_back();
  for (int i = 0; i < 4; ++i) line = with(line, R"("quote":"Kutipan.")", "\"quote\":\"" + text + "\"");  // all four
  auto r = read_document_line(line);
  REQUIRE(r);
  const std::string& quote = r->mentions.at(0).citation.quote;
  CHECK(quote == "\"" + std::string(600, 'a') + "\xc3\xa9" + std::string(600, 'b'));
  CHECK(quote.capacity() <= quote.size() + 15);
  for (const std::string* s :
       {&r->conflicts.at(0).citation.quote, &r->undated.at(0).quote, &r->dropped.at(0).citation.quote}) {
    CHECK(*s == quote);
    CHECK(s->capacity() <= quote.size() + 15);
  }
  // \u escapes (as a part rewritten by another JSON writer may have them)
  // take up to six bytes for one to four: room for what they decode to.
  for (std::string escape : {"\\u0041", "\\u00e9", "\\u65e5", "\\ud83d\\ude00", "\\n"}) {
    INFO(escape);
    std::string escaped = escape + std::string(300, 'a');
    for (int i = 0; i < 3; ++i) escaped += escape + std::string(300, 'b');
    std::string line1 = document_line(sample());
    line1.pop_back();
    auto r1 = read_document_line(with(line1, R"("quote":"Kutipan.")", "\"quote\":\"" + escaped + "\""));
    REQUIRE(r1);
    const std::string& q = r1->mentions.at(0).citation.quote;
    CHECK(q.size() > 1200);
    CHECK(q.capacity() <= q.size() + 15);
  }
}

TEST_CASE("what the direct reader declines, the full reader accepts or names at its line and column",
          "[record_parser]") {
  std::string line = document_line(sample());
  line.pop_back();
  const std::string cut = R"({"type":"document","version":1,)";
  std::vector<std::string> declined = {
      header_line({}).substr(0, header_line({}).size() - 1),
      with(line, cut, R"({"type":"document","version":1.0,)"),  // the full reader takes 1.0 for 1
      with(line, cut, R"({"type":"document","version":2,)"),
      with(line, cut, R"({"type":"document","version":1,"version":1,)"),
      with(line, cut, R"({"type":"document","version":1,"extra":0,)"),
      with(line, cut, R"({"type":"docs","version":1,)"),
      with(line, cut, R"({"ty\u0070e":"document","version":1,)"),
      with(line, cut, R"({"type":"document","version":1,"input":"ABC",)"),
      with(line, cut, R"({"type":"document","version":1,"input":")" + std::string(64, 'A') + "\","),
      with(line, R"("start":5)", R"("start":-0)"),
      with(line, R"("start":5)", R"("start":5.0)"),
      with(line, R"("start":5)", R"("start":5e0)"),
      with(line, R"("start":5)", R"("start":05)"),
      with(line, R"("start":5)", R"("start":"5")"),
      with(line, R"("end":20)", R"("end":18446744073709551616)"),
      with(line, R"("end":20)", R"("end":4)"),
      with(line, R"("date":"2019")", R"("date":"2019-13")"),
      with(line, R"("date":"2019")", R"("date":null)"),
      with(line, R"("publisher":"Pub")", R"("publisher":nul)"),
      with(line, R"("encoding":"utf-8")", R"("encoding":null)"),
      with(line, R"("salient":["satu"])", R"("salient":["sa\ntu"])"),
      with(line, R"("salient":["satu"])", R"("salient":[""])"),
      with(line, R"("salient":["satu"])", R"("salient":[1])"),
      with(line, R"("quote":"Kutipan.")", "\"quote\":\"Kut\tipan.\""),
      with(line, R"("quote":"Kutipan.")", R"("quote":"\ud83d")"),
      with(line, R"("quote":"Kutipan.")", R"("quote":"\ude00")"),
      with(line, R"("quote":"Kutipan.")", R"("quote":"\ud83d\u0041")"),
      with(line, R"("quote":"Kutipan.")", R"("quote":"\x41")"),
      with(line, R"("quote":"Kutipan.")", R"("quote":"\u00g1")"),
      with(line, R"("quote":"Kutipan.")", "\"quote\":\"\xc0\x80\""),          // overlong
      with(line, R"("quote":"Kutipan.")", "\"quote\":\"\xed\xa0\x80\""),      // a surrogate in UTF-8
      with(line, R"("quote":"Kutipan.")", "\"quote\":\"\xf4\x90\x80\x80\""),  // past U+10FFFF
      with(line, R"("quote":"Kutipan.")", "\"quote\":\"\xe2\x80\""),          // cut short
      with(line, R"("quote":"Kutipan.")", "\"quote\":\"\x80\""),
      with(line, R"(,"date_text":"2019"})", "}"),  // a citation without its date_text
      with(line, R"("undated":[)", R"("undated":{)"),
      line + "}",
      line + ",",
      line.substr(0, line.size() - 1),
      "\xef\xbb\xbf" + line,  // a byte order mark
      "",
      "[]",
  };
  for (const auto& v : declined) {
    INFO(v);
    CHECK(direct(v) == "declined");
    // The same outcome through parse_part either way: the full reader's record or its error, verbatim.
    std::string text = header_line({}) + v + "\n";
    CHECK(outcome(text, LineReader::direct) == outcome(text, LineReader::full));
  }
  // Some of them the full reader accepts, so declining must not lose them.
  CHECK(full(with(line, cut, R"({"type":"document","version":1.0,)")) == document_line(sample()));
  CHECK(full(with(line, R"("start":5)", R"("start":-0)")) ==
        document_line(sample()).replace(document_line(sample()).find("\"start\":5"), 9, "\"start\":0"));
  CHECK(full(with(line, cut, R"({"type":"document","version":1,"extra":0,)")) == document_line(sample()));
  CHECK(full(with(line, R"("end":20)", R"("end":4)")).starts_with("error: p.jsonl:1:"));
}

TEST_CASE("lines changed byte by byte read the same through the direct reader and the full one", "[record_parser]") {
  // Each case changes one to three bytes of a real line (seeded, so the same cases every run) and
  // parses it both ways: the same records, or the same error at the same line and column.
  std::vector<std::string> lines = lines_of(data_part());
  std::string sample_line = document_line(sample());
  sample_line.pop_back();
  lines.push_back(sample_line);
  const std::string_view bytes = "{}[]\",:\\0123456789-.eEnultrfa \t\xc3\xa9\x80\xed\xf0";
  std::mt19937 random(20261124);
  std::size_t direct_reads = 0, cases = 0, differ = 0;
  std::string first_difference;
  for (int round = 0; round < 3000; ++round) {
    std::string line = lines[1 + random() % (lines.size() - 1)];
    // Most changes fall near structure: a position just before or after a quote, colon or bracket.
    int changes = 1 + static_cast<int>(random() % 3);
    for (int c = 0; c < changes; ++c) {
      std::size_t at = random() % line.size();
      if (random() % 2) {
        std::size_t next = line.find_first_of("\":,[]{}\\", at);
        if (next != std::string::npos) at = next + random() % 2;
      }
      at = std::min(at, line.size() - 1);
      switch (random() % 3) {
        case 0:
          line.erase(at, 1);
          break;
        case 1:
          line.insert(at, 1, bytes[random() % bytes.size()]);
          break;
        default:
          line[at] = bytes[random() % bytes.size()];
          break;
      }
      if (line.empty()) line = "{";
    }
    ++cases;
    if (read_document_line(line)) ++direct_reads;
    std::string text = header_line({}) + line + "\n";
    if (outcome(text, LineReader::direct) != outcome(text, LineReader::full)) {
      if (differ++ == 0) first_difference = line;
    }
  }
  INFO(first_difference);
  CHECK(differ == 0);
  CHECK(cases == 3000);
  // Many changed lines are still documents (a changed quote or number): the direct reader must read those.
  CHECK(direct_reads > 300);
}
