#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <thread>

#include "mstimeline/record.hpp"
#include "support/support.hpp"

using namespace mstl;

namespace {

DocumentRecord sample() {
  DocumentRecord r;
  r.source.id = "a/x.txt";
  r.source.path = "a/x.txt";
  r.source.sha256 = std::string(64, 'b');
  r.source.language = "id";
  r.source.publisher = "Pub";
  r.source.published = "2023-01-25";
  r.source.published_basis = "inferred";
  Citation c{"a/x.txt", 5, 20, "Kutipan \"satu\".\n", "tahun 2019"};
  r.mentions.push_back(
      Mention{*parse_date_value("2023-W46"), "", "", c, WordList(std::vector<std::string>{"satu", "kutipan"})});
  r.mentions.push_back(Mention{*parse_date_value("2019"), "cat-1", "investasi", c, {}});
  r.conflicts.push_back(Conflict{"cat-1", "2020", c});
  r.undated.push_back(Citation{"a/x.txt", 30, 40, "Tanpa tanggal.", ""});
  r.dropped.push_back(ReviewItem{ReviewReason::off_topic, "names no side", c});
  return r;
}

}  // namespace

TEST_CASE("a document survives the part format unchanged", "[record]") {
  DocumentRecord r = sample();
  PartHeader h;
  h.title = "Judul";
  h.catalog = nlohmann::json::parse(R"({"events": []})");
  std::string text = header_line(h) + document_line(r);
  auto part = parse_part("p.jsonl", text);
  REQUIRE(part.ok());
  REQUIRE(part.value().headers.size() == 1);
  CHECK(part.value().headers[0].title == "Judul");
  CHECK(part.value().headers[0].topic.is_null());
  CHECK(part.value().headers[0].catalog == h.catalog);
  REQUIRE(part.value().documents.size() == 1);
  const DocumentRecord& back = part.value().documents[0];
  CHECK(document_line(back) == document_line(r));  // every field, by the writer's own account
  // One compact line, laid out as nlohmann's dump() lays out the same object.
  std::string line = document_line(r);
  CHECK(line == nlohmann::ordered_json::parse(line).dump() + "\n");
  CHECK(line.find(
            "\"citation\":{\"source\":\"a/x.txt\",\"start\":5,\"end\":20,\"quote\":\"Kutipan \\\"satu\\\".\\n\",") !=
        std::string::npos);
  CHECK(back.source.publisher == "Pub");
  CHECK_FALSE(back.source.url);
  CHECK(back.mentions[0].date.precision == Precision::week);
  CHECK(back.mentions[0].citation.quote == "Kutipan \"satu\".\n");
  CHECK(back.mentions[0].salient.strings() == std::vector<std::string>{"kutipan", "satu"});
  CHECK(back.mentions[1].catalog_id == "cat-1");
  CHECK(back.conflicts[0].value == "2020");
  CHECK(back.undated[0].start == 30);
  CHECK(back.dropped[0].reason == ReviewReason::off_topic);
}

TEST_CASE("broken parts are errors at their line and column", "[record]") {
  std::string good = header_line({}) + document_line(sample());
  auto garbage = parse_part("p.jsonl", good + "{\"type\": \"document\", \"version\": 1,\n");
  REQUIRE_FALSE(garbage.ok());
  CHECK(garbage.error().line == 3);
  auto version = parse_part("p.jsonl", "{\"type\": \"header\", \"version\": 2}\n");
  CHECK(version.error().to_string() ==
        "p.jsonl:1:31: unsupported version (this mstimeline reads version 1)\n"
        "  {\"type\": \"header\", \"version\": 2}\n"
        "  " +
            std::string(30, ' ') + "^");
  std::string doc = document_line(sample());
  std::string bad_date = doc;
  bad_date.replace(bad_date.find("\"2023-W46\""), 10, "\"2023-W60\"");
  auto date = parse_part("p.jsonl", "\n" + bad_date);
  REQUIRE_FALSE(date.ok());
  CHECK(date.error().line == 2);
  CHECK(date.error().message == "\"2023-W60\" is not a calendar TIMEX3 date");
  std::string no_quote = doc;
  no_quote.replace(no_quote.find("\"quote\""), 7, "\"quota\"");
  CHECK(parse_part("p.jsonl", no_quote).error().message == "missing \"quote\"");
  std::string negative = doc;
  negative.replace(negative.find("\"start\":5"), 9, "\"start\":-5");
  CHECK(parse_part("p.jsonl", negative).error().message == "\"start\" has the wrong type");
  CHECK(parse_part("p.jsonl", "{\"type\": \"poem\", \"version\": 1}").error().message ==
        "unknown type \"poem\" (expected \"header\", \"document\" or \"end\")");
  CHECK(parse_part("p.jsonl", "[1, 2]").error().message == "expected a JSON object per line");
  for (std::string word : {"\"\"", "\"a\\nb\"", "3"}) {
    std::string bad_word = doc;
    bad_word.replace(bad_word.find("\"satu\""), 6, word);
    CHECK(parse_part("p.jsonl", bad_word).error().message ==
          "\"salient\" must hold non-empty strings without line breaks");
  }
}

TEST_CASE("salient words read back sorted and each once, whatever order a part gives them", "[record]") {
  std::string doc = document_line(sample());
  doc.replace(doc.find("[\"kutipan\",\"satu\"]"), 18, "[\"satu\",\"kutipan\",\"satu\"]");
  auto part = parse_part("p.jsonl", doc);
  REQUIRE(part.ok());
  CHECK(part.value().documents[0].mentions[0].salient.strings() == std::vector<std::string>{"kutipan", "satu"});
}

TEST_CASE("a part's fingerprints: where --reuse finds them, checked when read, optional", "[record]") {
  PartHeader h;
  h.extraction = std::string(64, 'e');
  std::string input(64, '0');
  input.replace(0, 6, "abc123");
  std::string header = header_line(h), with = document_line(sample(), input), without = document_line(sample());
  // --reuse finds a document's fingerprint, and a header, by how their lines start, without parsing them.
  CHECK(with.rfind(std::string(k_document_line_start) + input + "\",\"source\":{", 0) == 0);
  CHECK(header.rfind(k_header_line_start, 0) == 0);
  CHECK(with.find(k_line_type, 1) == std::string::npos);  // how --reuse tells a whole line
  CHECK(without.rfind("{\"type\":\"document\",\"version\":1,\"source\":{", 0) == 0);
  CHECK(with.substr(with.find(",\"source\":")) == without.substr(without.find(",\"source\":")));
  auto part = parse_part("p.jsonl", header + with + without);
  REQUIRE(part.ok());
  CHECK(part.value().headers[0].extraction == h.extraction);
  REQUIRE(part.value().documents.size() == 2);
  CHECK(document_line(part.value().documents[0]) == without);   // a merge keeps no fingerprint
  auto old = parse_part("p.jsonl", header_line({}) + without);  // parts written before them
  REQUIRE(old.ok());
  CHECK_FALSE(old.value().headers[0].extraction);
  CHECK(header_line({}).find("extraction") == std::string::npos);

  std::string upper = document_line(sample(), std::string(64, 'A'));
  auto bad = parse_part("p.jsonl", header_line({}) + upper);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().line == 2);
  CHECK(bad.error().column == upper.find("\"AAAA") + 1);
  CHECK(bad.error().message == "\"input\" must be a SHA-256 in lowercase hex");
  std::string short_one = header_line({}) +
                          "{\"type\":\"header\",\"version\":1,\"title\":null,\"topic\":null,"
                          "\"catalog\":null,\"extraction\":\"abc\"}\n";
  CHECK(parse_part("p.jsonl", short_one).error().to_string() ==
        "p.jsonl:2:84: \"extraction\" must be a SHA-256 in lowercase hex\n"
        "  {\"type\":\"header\",\"version\":1,\"title\":null,\"topic\":null,\"catalog\":null,\"extraction\":\"abc\"}\n"
        "  " +
            std::string(83, ' ') + "^");
}

TEST_CASE("a part parsed in pieces on several threads reads as in one pass, errors at the same line", "[record]") {
  // Pieces are 1 MiB at least: 6,000 lines of some 700 bytes make four or more.
  std::string text = header_line({});
  std::vector<std::size_t> starts;  // where each line starts
  for (int i = 0; i < 6000; ++i) {
    DocumentRecord r = sample();
    r.source.path = "a/" + std::to_string(i) + ".txt";
    starts.push_back(text.size());
    text += document_line(r);
  }
  REQUIRE(text.size() > 4u << 20);
  auto one = parse_part("p.jsonl", text, 1);
  REQUIRE(one.ok());
  REQUIRE(one.value().documents.size() == 6000);
  for (std::size_t jobs : {2, 3, 0}) {
    auto many = parse_part("p.jsonl", text, jobs);
    REQUIRE(many.ok());
    REQUIRE(many.value().documents.size() == 6000);
    bool same = true;
    for (std::size_t i = 0; i < 6000; ++i)
      same = same && document_line(many.value().documents[i]) == document_line(one.value().documents[i]);
    CHECK(same);
    CHECK(many.value().documents[5999].source.path == "a/5999.txt");
  }
  // Two broken lines in different pieces (the header is line 1): the first is the one named.
  std::string broken = text;
  broken.insert(starts[4999] + 1, "\"oops\" ");  // line 5001
  broken.insert(starts[1999] + 1, "\"oops\" ");  // line 2001
  auto first = parse_part("p.jsonl", broken, 1);
  REQUIRE_FALSE(first.ok());
  CHECK(first.error().line == 2001);
  for (std::size_t jobs : {2, 3}) {
    auto again = parse_part("p.jsonl", broken, jobs);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().to_string() == first.error().to_string());
  }
  broken.erase(starts[1999] + 1, 7);  // only the later one left
  auto later = parse_part("p.jsonl", broken, 3);
  REQUIRE_FALSE(later.ok());
  CHECK(later.error().line == 5001);
  CHECK(later.error().to_string() == parse_part("p.jsonl", broken, 1).error().to_string());
}

TEST_CASE("a part read in blocks of any size reads as in one piece, errors at the same line", "[record]") {
  test::TempDir dir;
  // A header, 300 documents, a blank line, a line far longer than the small blocks, and no final line break.
  std::string text = header_line({});
  for (int i = 0; i < 300; ++i) {
    DocumentRecord r = sample();
    r.source.path = "a/" + std::to_string(i) + ".txt";
    text += document_line(r);
    if (i == 100) text += "\n";
  }
  DocumentRecord long_one = sample();
  long_one.mentions[0].citation.quote = std::string(50000, 'q');
  text += document_line(long_one);
  const std::string lines = text;
  text += end_line(301, sha256_hex(text));
  text.pop_back();
  test::write_file(dir / "p.jsonl", text);
  auto whole = parse_part("p.jsonl", text);
  REQUIRE(whole.ok());
  REQUIRE(whole.value().documents.size() == 301);
  for (std::size_t block : {1, 2, 97, 700, 4096, 65536, 0}) {
    for (std::size_t jobs : {1, 3}) {
      INFO("block " << block << ", " << jobs << " threads");
      Part part = read_part((dir / "p.jsonl").string(), jobs, block);
      CHECK(part.bytes == text.size());
      REQUIRE(part.headers.size() == 1);
      REQUIRE(part.documents.size() == 301);
      bool same = true;
      for (std::size_t i = 0; i < 301; ++i)
        same = same && document_line(part.documents[i]) == document_line(whole.value().documents[i]);
      CHECK(same);
    }
  }
  // From a FIFO written a few bytes at a time: reads come back short, and lines are cut anywhere.
  const auto fifo = dir / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::thread writer([&] {
    std::ofstream out(fifo, std::ios::binary);
    for (std::size_t at = 0; at < text.size(); at += 4099) {
      out.write(text.data() + at, static_cast<std::streamsize>(std::min<std::size_t>(4099, text.size() - at)));
      out.flush();
    }
  });
  Part piped = read_part(fifo.string(), 2, 10000);
  writer.join();
  CHECK(piped.bytes == text.size());
  REQUIRE(piped.documents.size() == 301);
  CHECK(document_line(piped.documents[300]) == document_line(whole.value().documents[300]));
  CHECK(document_line(piped.documents[150]) == document_line(whole.value().documents[150]));

  // A broken line after the long one and the blank line is named at its line, whatever the blocks.
  std::string broken = lines + "{\"type\":\"document\",\"version\":1,\"oops\"}\n";
  broken += end_line(302, sha256_hex(broken));
  test::write_file(dir / "b.jsonl", broken);
  const std::string expected = parse_part((dir / "b.jsonl").string(), broken).error().to_string();
  CHECK(expected.starts_with((dir / "b.jsonl").string() + ":304:"));
  for (std::size_t block : {1, 97, 4096, 0}) {
    INFO("block " << block);
    CHECK_THROWS_WITH(read_part((dir / "b.jsonl").string(), 2, block), expected);
  }
}

TEST_CASE("the records of many parts are appended in linear time: the array grows geometrically", "[record]") {
  std::vector<DocumentRecord> all;
  std::size_t growths = 0;
  for (int part = 0; part < 1000; ++part) {
    std::vector<DocumentRecord> more(10, sample());
    more[0].source.path = "p" + std::to_string(part);
    std::size_t capacity = all.capacity();
    append_documents(all, std::move(more));
    growths += all.capacity() != capacity;
  }
  REQUIRE(all.size() == 10000);
  CHECK(all[9990].source.path == "p999");
  CHECK(all[10].source.path == "p1");
  CHECK(growths <= 12);  // 10 → 10,000 by doubling: 10 growths and the first part taken whole
}

TEST_CASE("a part proves each run whole by its end line: the count of documents and the SHA-256", "[record]") {
  DocumentRecord a = sample(), b = sample();
  b.source.path = "b.txt";
  const std::string run = header_line({}) + document_line(a) + document_line(b);
  const std::string part = run + end_line(2, sha256_hex(run));
  CHECK(part.substr(run.size()) == R"({"type":"end","version":1,"documents":2,"sha256":")" + sha256_hex(run) + "\"}\n");
  auto check = [](const std::string& text) -> std::string {
    PartCheck c("p.jsonl");
    if (auto bad = c.lines(text)) return bad->to_string();
    if (auto bad = c.finish()) return bad->to_string();
    return "whole";
  };
  CHECK(check(part) == "whole");
  CHECK(check(part + part) == "whole");  // parts concatenated
  CHECK(check(part + "\n") == "whole");
  CHECK(check(run) ==
        "p.jsonl: incomplete: the run begun at line 1 has no end line (was its extract stopped, or the "
        "part cut short?); extract it again");
  CHECK(check(run + part) ==
        "p.jsonl:4:1: a header line where the run begun at line 1 should have ended: that run is "
        "incomplete (no end line; was its extract stopped?)");
  CHECK(check(header_line({}) + document_line(a) + end_line(2, sha256_hex(run))) ==
        "p.jsonl:3:1: incomplete: the end line counts 2 documents, the run begun at line 1 holds 1");
  CHECK(check(run + end_line(2, std::string(64, '0'))) ==
        "p.jsonl:4:1: the run begun at line 1 does not match its end line's sha256: changed or damaged since extract "
        "wrote it");
  CHECK(check(part + document_line(a)) ==
        "p.jsonl:5:1: a line outside a run (before its header line or after its end line)");
  CHECK(check(end_line(0, sha256_hex(""))) == "p.jsonl:1:1: an end line without a header line before it");
  CHECK(check(run + "{\"type\":\"end\",\"version\":1}\n") ==
        "p.jsonl:4:1: an end line needs \"documents\" (a count) and \"sha256\" (a string)");
  // The full reader takes the end line, and parse_part leaves the checking to read_part.
  auto parsed = parse_part("p.jsonl", part, 1, LineReader::full);
  REQUIRE(parsed.ok());
  CHECK(parsed.value().documents.size() == 2);

  test::TempDir dir;
  test::write_file(dir / "cut.jsonl", run);
  for (std::size_t jobs : {1, 2})
    CHECK_THROWS_WITH(read_part((dir / "cut.jsonl").string(), jobs),
                      (dir / "cut.jsonl").string() +
                          ": incomplete: the run begun at line 1 has no end line (was its extract stopped, or the part "
                          "cut short?); extract it again");
}

TEST_CASE("a line of a part longer than the limit is an error at its line, not memory without end", "[record]") {
  test::TempDir dir;
  std::string text = header_line({}) + std::string(5000, ' ');
  test::write_file(dir / "long.jsonl", text);
  CHECK_THROWS_WITH(
      read_part((dir / "long.jsonl").string(), 1, 512, 1000),
      (dir / "long.jsonl").string() + ":2:1: a line longer than the 1000-byte limit for a line of a part");
  CHECK_THROWS_WITH(read_part("/dev/zero", 1, 4096, 100000),
                    "/dev/zero:1:1: a line longer than the 100000-byte limit for a line of a part");
}
