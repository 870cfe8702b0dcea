// Hostile and broken input, end to end: each case is a warning naming the
// path (or a clear error and exit 2), and every other file's results stay.
// docs/robustness.md lists every case with the test that proves it.
#include <catch2/catch.hpp>

#include <algorithm>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "support/support.hpp"

using namespace mstl;
using nlohmann::json;
using test::run_cli;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

// UTF-16LE bytes of ASCII or BMP text given as UTF-16 units, with a byte-order mark.
std::string utf16le(const std::u16string& s) {
  std::string out = "\xFF\xFE";
  for (char16_t u : s) {
    out += static_cast<char>(u & 0xFF);
    out += static_cast<char>(u >> 8);
  }
  return out;
}

// The same bytes decoded back, for checking a quote against its file's range.
std::string utf16le_to_utf8(std::string_view bytes) {
  std::string out;
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    char32_t c = static_cast<unsigned char>(bytes[i]) | static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// Windows-1252 to UTF-8 for the bytes these tests use (ASCII, 0x93, 0x94, 0xE9).
std::string cp1252_to_utf8(std::string_view bytes) {
  std::string out;
  for (char b : bytes) {
    switch (static_cast<unsigned char>(b)) {
      case 0x93:
        out += "\xE2\x80\x9C";
        break;
      case 0x94:
        out += "\xE2\x80\x9D";
        break;
      case 0xE9:
        out += "\xC3\xA9";
        break;
      default:
        out += b;
    }
  }
  return out;
}

const json* source_named(const json& doc, const std::string& id) {
  for (const auto& s : doc["sources"])
    if (s["id"] == id) return &s;
  return nullptr;
}

const json* event_dated(const json& doc, const std::string& date) {
  for (const auto& e : doc["events"])
    if (e["date"] == date) return &e;
  return nullptr;
}

}  // namespace

TEST_CASE("UTF-16 and Windows-1252 articles are transcoded, offsets and quotes being the original bytes decoded",
          "[e2e][robust]") {
  TempDir dir;
  std::string u16 =
      utf16le(u"Jakarta - Microsoft dan OpenAI.\nMicrosoft berinvestasi di OpenAI pada tahun 2019 \u2014 resmi.\n");
  test::write_file(dir / "utf16.txt", u16);
  std::string legacy =
      "Jakarta - Microsoft dan OpenAI.\nMicrosoft \x93"
      "berinvestasi\x94 lagi di OpenAI pada 2021, caf\xE9.\n";
  test::write_file(dir / "legacy.txt", legacy);
  auto r = run_cli({"build", dir.path().string()});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  json doc = json::parse(r.out);
  REQUIRE(source_named(doc, "utf16"));
  CHECK((*source_named(doc, "utf16"))["encoding"] == "utf-16le");
  REQUIRE(source_named(doc, "legacy"));
  CHECK((*source_named(doc, "legacy"))["encoding"] == "windows-1252");

  const json* e2019 = event_dated(doc, "2019");
  REQUIRE(e2019);
  const json& c16 = (*e2019)["citations"][0];
  std::size_t s16 = c16["start"], e16 = c16["end"];
  CHECK(c16["quote"] == "Microsoft berinvestasi di OpenAI pada tahun 2019 \xE2\x80\x94 resmi.");
  CHECK(utf16le_to_utf8(std::string_view(u16).substr(s16, e16 - s16)) == c16["quote"]);
  CHECK(s16 % 2 == 0);

  const json* e2021 = event_dated(doc, "2021");
  REQUIRE(e2021);
  const json& c1252 = (*e2021)["citations"][0];
  std::size_t s1252 = c1252["start"], e1252 = c1252["end"];
  CHECK(c1252["quote"] ==
        "Microsoft \xE2\x80\x9C"
        "berinvestasi\xE2\x80\x9D lagi di OpenAI pada 2021, caf\xC3\xA9.");
  CHECK(cp1252_to_utf8(std::string_view(legacy).substr(s1252, e1252 - s1252)) == c1252["quote"]);
}

TEST_CASE("binary, empty, unreadable and looping files are warnings while the good file is built", "[e2e][robust]") {
  TempDir dir;
  test::write_file(dir / "good.txt", "Microsoft berinvestasi di OpenAI pada tahun 2019.\n");
  test::write_file(dir / "image.txt", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10", 20));
  test::write_file(dir / "empty.md", "");
  test::write_file(dir / "blank.txt", " \n\r\n\t\n");
  fs::create_symlink("/proc/self/mem", dir / "unreadable.txt");  // opens as root too; every read fails
  // A regular file of mode 0200 that even root cannot open for reading (the kernel's sysctl files check
  // their mode for root too): the build's own open fails, not a read.
  REQUIRE(fs::exists("/proc/sys/vm/drop_caches"));
  fs::create_symlink("/proc/sys/vm/drop_caches", dir / "denied.txt");
  fs::create_symlink("nowhere.txt", dir / "dangling.txt");
  fs::create_symlink("loop-b.txt", dir / "loop-a.txt");
  fs::create_symlink("loop-a.txt", dir / "loop-b.txt");
  fs::create_symlink(".", dir / "self");  // a directory loop: never followed
  auto r = run_cli({"build", dir.path().string()});
  CHECK(r.exit_code == 0);
  std::string d = dir.path().string();
  CHECK(r.err == d + "/blank.txt: warning: no text, only white space\n" + d +
                     "/dangling.txt: warning: cannot follow symbolic link: No such file or directory\n" + d +
                     "/denied.txt: warning: cannot open file: Permission denied\n" + d +
                     "/empty.md: warning: empty file\n" + d +
                     "/image.txt: warning: binary file (a NUL byte at byte offset 8); skipped\n" + d +
                     "/loop-a.txt: warning: cannot follow symbolic link: Too many levels of symbolic links\n" + d +
                     "/loop-b.txt: warning: cannot follow symbolic link: Too many levels of symbolic links\n" + d +
                     "/unreadable.txt: warning: cannot read file: Input/output error\n");
  json doc = json::parse(r.out);
  REQUIRE(doc["events"].size() == 1);
  CHECK(doc["events"][0]["date"] == "2019");
  CHECK(doc["events"][0]["citations"][0]["source"] == "good");
  // blank and empty are read, but nothing in them is cited.
  CHECK(doc["documents_read"] == 3);
  REQUIRE(doc["sources"].size() == 1);
  CHECK(doc["sources"][0]["id"] == "good");
}

TEST_CASE("an unreadable file that is the output or too large is still a note or the size warning", "[e2e][robust]") {
  // Mode 0000 files the build cannot open: as root, only once setpriv has taken the capabilities that read
  // any file away from the process it starts. The build then checks them by a stat of the path.
  TempDir dir;
  test::write_file(dir / "good.txt", "Microsoft berinvestasi di OpenAI pada tahun 2019.\n");
  test::write_file(dir / "out.md", "an earlier timeline\n");
  test::write_file(dir / "locked.txt", "Microsoft berinvestasi di OpenAI pada tahun 2021.\n");
  test::write_file(dir / "big.txt", "");
  fs::resize_file(dir / "big.txt", 2 * 1024 * 1024);  // sparse: over a 1 MiB limit
  for (const char* name : {"out.md", "locked.txt", "big.txt"})
    fs::permissions(dir / name, fs::perms::none, fs::perm_options::replace);
  std::string d = dir.path().string();
  std::vector<std::string> args{MSTL_BINARY, "build", d, "-o", d + "/out.md", "-f", "md", "--max-file-size", "1", "-v"};
  test::RunResult r;
  if (geteuid() == 0) {
    // setpriv needs CAP_SETPCAP (bit 8) to narrow the bounding set; a container without it cannot run this case.
    std::string status = test::read_file("/proc/self/status");
    std::size_t at = status.find("CapEff:\t");
    REQUIRE(at != std::string::npos);
    if (!((std::stoull(status.substr(at + 8, 16), nullptr, 16) >> 8) & 1)) {
      WARN("no CAP_SETPCAP: root cannot be kept from reading a mode 0000 file here; case not run");
      return;
    }
    REQUIRE(fs::exists("/usr/bin/setpriv"));  // util-linux, essential in Debian
    // Out of the inheritable set too: where a container fills it, a program root starts would get them back.
    args.insert(args.begin(), {"--inh-caps", "-all", "--bounding-set", "-dac_override,-dac_read_search"});
    r = test::run_program("/usr/bin/setpriv", args);
  } else {
    r = test::run_program(args.front(), std::vector<std::string>(args.begin() + 1, args.end()));
  }
  CHECK(r.exit_code == 0);
  CHECK(r.err == d +
                     "/big.txt: warning: 2097152 bytes is more than the 1048576-byte limit for an article; skipped "
                     "(--max-file-size)\n" +
                     d + "/locked.txt: warning: cannot open file: Permission denied\n" +
                     "mstimeline: skipped out.md: it is the output file\n"
                     "mstimeline: good.txt: published 2019-01-01 (inferred)\n");
  fs::permissions(dir / "out.md", fs::perms::owner_read, fs::perm_options::add);
  std::string written = test::read_file(dir / "out.md");
  CHECK(written.find("2019") != std::string::npos);
  CHECK(written.find("2021") == std::string::npos);  // the locked article was not read
}

TEST_CASE("with --strict any warning is exit 2 and nothing is written", "[e2e][robust]") {
  TempDir dir;
  test::write_file(dir / "in/good.txt", "Microsoft berinvestasi di OpenAI pada tahun 2019.\n");
  auto out = dir / "timeline.json";
  auto clean = run_cli({"build", (dir / "in").string(), "--strict", "-o", out.string()});
  CHECK(clean.exit_code == 0);
  CHECK(fs::exists(out));
  fs::remove(out);
  test::write_file(dir / "in/image.txt", std::string("GIF89a\0\0", 8));
  auto strict = run_cli({"build", (dir / "in").string(), "--strict", "-o", out.string()});
  CHECK(strict.exit_code == 2);
  CHECK(strict.err == (dir / "in/image.txt").string() +
                          ": warning: binary file (a NUL byte at byte offset 6); skipped\n"
                          "mstimeline: error: --strict: 1 warning; nothing written\n");
  CHECK_FALSE(fs::exists(out));
  auto extract = run_cli({"extract", (dir / "in").string(), "--strict", "-o", (dir / "part.jsonl").string()});
  CHECK(extract.exit_code == 2);
  CHECK_FALSE(fs::exists(dir / "part.jsonl"));
  // extract writes its part as it goes: a file there before stays as it was, no temporary file is left,
  // and on stdout the part is held back until the warnings are known.
  test::write_file(dir / "part.jsonl", "old\n");
  extract = run_cli({"extract", (dir / "in").string(), "--strict", "-o", (dir / "part.jsonl").string()});
  CHECK(extract.exit_code == 2);
  CHECK(test::read_file(dir / "part.jsonl") == "old\n");
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir.path())) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"in", "part.jsonl"});
  extract = run_cli({"extract", (dir / "in").string(), "--strict"});
  CHECK(extract.exit_code == 2);
  CHECK(extract.out.empty());
  CHECK(extract.err.ends_with("mstimeline: error: --strict: 1 warning; nothing written\n"));
  {
    // A FIFO is written through, not replaced: held back too. (The reader is open first, without
    // blocking, so that a writer would not wait; a read after the run returns what was written.)
    const std::string fifo = (dir / "part.fifo").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE(reader >= 0);
    auto drain = [&] {
      std::string got;
      char buffer[4096];
      for (ssize_t n; (n = ::read(reader, buffer, sizeof buffer)) > 0;) got.append(buffer, static_cast<std::size_t>(n));
      return got;
    };
    extract = run_cli({"extract", (dir / "in").string(), "--strict", "-o", fifo});
    CHECK(extract.exit_code == 2);
    CHECK(drain().empty());
    extract = run_cli({"extract", (dir / "in").string(), "-o", fifo});  // not strict: written
    CHECK(extract.exit_code == 0);
    CHECK(drain().rfind("{\"type\":\"header\"", 0) == 0);
    ::close(reader);
    fs::remove(fifo);
  }
  auto lenient = run_cli({"build", (dir / "in").string(), "-o", out.string()});
  CHECK(lenient.exit_code == 0);
  CHECK(fs::exists(out));
}

TEST_CASE("folders named like files, 40 levels of nesting and non-UTF-8 names are walked safely", "[e2e][robust]") {
  TempDir dir;
  test::write_file(dir / "folder.txt/inner.txt", "Microsoft berinvestasi di OpenAI pada tahun 2019.\n");
  fs::path deep = dir.path();
  for (int i = 0; i < 40; ++i) deep /= "d";
  test::write_file(deep / "deep.txt", "Microsoft berinvestasi lagi di OpenAI pada tahun 2021.\n");
  test::write_file(dir / "bad\xFFname.txt", "Microsoft dan OpenAI meneken kerja sama pada tahun 2023.\n");
  auto r = run_cli({"build", dir.path().string()});
  CHECK(r.exit_code == 0);
  CHECK(r.err == (dir / "bad\\xFFname.txt").string() +
                     ": warning: file name is not valid UTF-8; its bytes are shown escaped (\\xHH) in the output\n");
  json doc = json::parse(r.out);  // valid JSON: the name is escaped
  std::vector<std::string> paths;
  for (const auto& s : doc["sources"]) paths.push_back(s["path"]);
  std::string deep_path;
  for (int i = 0; i < 40; ++i) deep_path += "d/";
  CHECK(paths == std::vector<std::string>{"bad\\xFFname.txt", deep_path + "deep.txt", "folder.txt/inner.txt"});
  CHECK(doc["events"].size() == 3);
}

TEST_CASE("a 10 MB line without a newline is read whole and its dated sentence cited", "[e2e][robust]") {
  TempDir dir;
  std::string filler;
  while (filler.size() < (5u << 20)) filler += "Kalimat pengisi tanpa tanggal apa pun di sini. ";
  std::string dated = "Microsoft berinvestasi di OpenAI pada tahun 2019. ";
  std::string line = filler + dated + filler;  // no newline at all
  test::write_file(dir / "long.txt", line);
  auto r = run_cli({"build", dir.path().string()});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  json doc = json::parse(r.out);
  REQUIRE(doc["events"].size() == 1);
  const json& c = doc["events"][0]["citations"][0];
  CHECK(c["start"] == filler.size());
  CHECK(c["quote"] == "Microsoft berinvestasi di OpenAI pada tahun 2019.");
}

TEST_CASE("a sentence with too many dates is a list: reviewed, never an entry per date", "[e2e][robust]") {
  TempDir dir;
  std::string list = "Microsoft dan OpenAI bekerja sama pada ";
  for (int i = 0; i < 400; ++i) list += std::to_string(1 + i % 28) + " Maret " + std::to_string(2000 + i % 24) + ", ";
  list += "dan seterusnya.\nMicrosoft berinvestasi di OpenAI pada tahun 2019.\n";
  test::write_file(dir / "list.txt", list);
  auto r = run_cli({"build", "--no-topic", dir.path().string()});
  CHECK(r.exit_code == 0);
  json doc = json::parse(r.out);
  REQUIRE(doc["events"].size() == 1);
  CHECK(doc["events"][0]["date"] == "2019");
  auto review = run_cli({"review", "--format", "json", dir.path().string()});
  CHECK(review.exit_code == 0);
  json items = json::parse(review.out);
  std::size_t lists = 0;
  for (const auto& item : items["review"]) {
    if (item["reason"] != "list") continue;
    ++lists;
    CHECK(item["detail"].get<std::string>().rfind("400 dates in ", 0) == 0);
  }
  CHECK(lists == 1);
}

TEST_CASE("a text's quotes hold at most four times its bytes, however its dates fall", "[e2e][robust]") {
  TempDir dir;
  // Sentences of 16 dates, each about 4 KB: every date would quote its
  // sentence, 16 times the text in all.
  std::string text;
  for (int s = 0; s < 40; ++s) {
    std::string sentence = "Microsoft dan OpenAI bekerja sama pada";
    for (int d = 0; d < 16; ++d) sentence += " " + std::to_string(1 + d) + " Maret " + std::to_string(1990 + s) + ",";
    sentence += std::string(4000 - sentence.size(), 'x') + ".\n";
    text += sentence;
  }
  test::write_file(dir / "many.txt", text);
  auto r = run_cli({"build", "--no-topic", dir.path().string()});
  CHECK(r.exit_code == 0);
  json doc = json::parse(r.out);
  std::size_t quoted = 0;
  for (const auto& e : doc["events"])
    for (const auto& c : e["citations"]) quoted += c["quote"].get<std::string>().size();
  CHECK(quoted > 0);
  CHECK(quoted <= 4 * text.size() + 16 * 16384);
  auto review = run_cli({"review", "--format", "json", dir.path().string()});
  json items = json::parse(review.out);
  std::size_t lists = 0;
  for (const auto& item : items["review"]) lists += item["reason"] == "list";
  // 40 sentences of 64,000 quoted bytes each against a budget of 4 * 160,040 + 262,144 bytes.
  CHECK(lists == 40 - (4 * text.size() + 16 * 16384) / (16 * 4001));
}

TEST_CASE("invalid option values name the option and exit 2 before any work", "[e2e][robust]") {
  auto since = run_cli({"build", "data/", "--since", "2023-13"});
  CHECK(since.exit_code == 2);
  CHECK(since.out.empty());
  CHECK(since.err ==
        "mstimeline: error: --since: \"2023-13\" is not a date (expected a TIMEX3 date such as 2023, "
        "2023-H2, 2023-Q4, 2023-11, 2023-W46 or 2023-11-17)\n");
  auto shard = run_cli({"extract", "data/", "--shard", "3/3"});
  CHECK(shard.exit_code == 2);
  CHECK(shard.err ==
        "mstimeline: error: --shard: \"3/3\" is not K/N with 0 <= K < N (shard 0/3, 1/3 and 2/3 cover all files)\n");
  auto jobs = run_cli({"build", "data/", "-j", "0"});
  CHECK(jobs.exit_code == 2);
  CHECK(jobs.err.rfind("mstimeline: error: --jobs: Value 0 not in range 1 to 1024\n", 0) == 0);
  auto size = run_cli({"build", "data/", "--max-file-size", "0"});
  CHECK(size.exit_code == 2);
  CHECK(size.err.rfind("mstimeline: error: --max-file-size: Value 0 not in range 1 to 1048576\n", 0) == 0);
}

TEST_CASE("a single article file is a one-article build", "[e2e][robust]") {
  auto r = run_cli({"build", "data/articles/000_40745a8f02a1e1be.txt"});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  json doc = json::parse(r.out);
  REQUIRE(doc["sources"].size() == 1);
  CHECK(doc["sources"][0]["id"] == "000_40745a8f02a1e1be");
  CHECK(doc["sources"][0]["path"] == "000_40745a8f02a1e1be.txt");
  CHECK_FALSE(doc["events"].empty());
  for (const auto& e : doc["events"])
    for (const auto& c : e["citations"]) CHECK(c["source"] == "000_40745a8f02a1e1be");
}

TEST_CASE("a truncated, binary or empty part is refused with its position, exit 2", "[e2e][robust]") {
  TempDir dir;
  auto part = dir / "part.jsonl";
  auto extract = run_cli({"extract", "data/", "-o", part.string()});
  REQUIRE(extract.exit_code == 0);
  std::string whole = test::read_file(part);
  std::size_t cut = whole.find('\n') + 1 + 200;  // inside the first document line
  test::write_file(dir / "cut.jsonl", whole.substr(0, cut));
  auto truncated = run_cli({"merge", (dir / "cut.jsonl").string()});
  CHECK(truncated.exit_code == 2);
  CHECK(truncated.out.empty());
  CHECK(truncated.err.rfind((dir / "cut.jsonl").string() + ":2:", 0) == 0);
  // The document line is long: only its end is shown, the caret under the last character read.
  std::string shown = truncated.err.substr(truncated.err.find('\n') + 1);
  CHECK(shown.rfind("  \xE2\x80\xA6", 0) == 0);
  CHECK(shown.size() < 300);

  test::write_file(dir / "bin.jsonl", std::string("\x89PNG\r\n\x1A\n\0\0", 10));
  auto binary = run_cli({"merge", (dir / "bin.jsonl").string()});
  CHECK(binary.exit_code == 2);
  CHECK(binary.err.rfind((dir / "bin.jsonl").string() + ":1:1: error: invalid JSON", 0) == 0);
  CHECK(binary.err.find('\0') == std::string::npos);

  test::write_file(dir / "empty.jsonl", "");
  auto empty = run_cli({"merge", part.string(), (dir / "empty.jsonl").string()});
  CHECK(empty.exit_code == 2);
  CHECK(empty.err == "mstimeline: error: " + (dir / "empty.jsonl").string() +
                         ": empty; a part written by mstimeline extract has at least its header line\n");
}

TEST_CASE("parts extracted with different catalogs or titles are not merged", "[e2e][robust]") {
  TempDir dir;
  auto with = dir / "with.jsonl", without = dir / "without.jsonl", titled = dir / "titled.jsonl";
  REQUIRE(run_cli({"extract", "data/", "-o", with.string()}).exit_code == 0);
  REQUIRE(run_cli({"extract", "data/", "--no-catalog", "-o", without.string()}).exit_code == 0);
  REQUIRE(run_cli({"extract", "data/", "--title", "Other", "-o", titled.string()}).exit_code == 0);
  auto catalogs = run_cli({"merge", with.string(), without.string()});
  CHECK(catalogs.exit_code == 2);
  CHECK(catalogs.err ==
        "mstimeline: error: the parts were extracted with different topic profiles or catalogs; "
        "extract them again alike\n");
  auto titles = run_cli({"merge", with.string(), titled.string()});
  CHECK(titles.exit_code == 2);
  CHECK(titles.err == "mstimeline: error: the parts have different titles; give one with --title\n");
}

TEST_CASE(
    "a boilerplate phrase opening a one-line article drops nothing: a warning that review shows and --strict fails on",
    "[e2e][robust][boilerplate]") {
  TempDir dir;
  const std::string line = "Baca juga: Microsoft berinvestasi di OpenAI pada 22 Juli 2019. " + [] {
    std::string s;
    for (int i = 0; i < 7; ++i) s += "Kerja sama kedua perusahaan terus berlanjut hingga kini. ";
    return s;
  }();
  test::write_file(dir / "in/a.txt", line + "\n");
  const std::string warning =
      (dir / "in/a.txt").string() +
      ":1:1: warning: boilerplate rule prefix \"baca juga:\" matches this line of 461 bytes, "
      "longer than the 400 bytes a boilerplate line may have; the line is kept as article text\n"
      "  Baca juga: Microsoft berinvestasi di OpenAI pada 22 Juli 201\xE2\x80\xA6\n"
      "  ^\n";
  auto build = run_cli({"build", (dir / "in").string()});
  CHECK(build.exit_code == 0);
  CHECK(build.err == warning);
  json doc = json::parse(build.out);
  REQUIRE(doc["events"].size() == 1);
  CHECK(doc["events"][0]["date"] == "2019-07-22");
  auto strict = run_cli({"build", (dir / "in").string(), "--strict"});
  CHECK(strict.exit_code == 2);
  CHECK(strict.err == warning + "mstimeline: error: --strict: 1 warning; nothing written\n");
  auto review = run_cli({"review", (dir / "in").string()});
  CHECK(review.exit_code == 0);
  CHECK(review.err == warning);
  // The same phrase on a short line of its own is boilerplate, dropped without a word.
  test::write_file(dir / "in/a.txt", "Baca juga: Harga minyak naik\n" + line.substr(11) + "\n");
  auto short_line = run_cli({"build", (dir / "in").string(), "--strict"});
  CHECK(short_line.exit_code == 0);
  CHECK(short_line.err.empty());
}

TEST_CASE("catalog check refuses a trigger made only of the lexicon's function words", "[e2e][robust][catalog]") {
  TempDir dir;
  test::write_file(dir / "cat.json",
                   "{\"events\": [{\"id\": \"common\", \"date\": \"2019-07-22\", \"kind\": \"investment\", "
                   "\"title\": {\"en\": \"Common\"}, \"actors\": [\"Microsoft\"],\n"
                   "  \"triggers\": {\"id\": [\"investasi\", \"dan  Pada\"], \"en\": [\"the investment\"]}}]}\n");
  auto check = run_cli({"catalog", "check", (dir / "cat.json").string()});
  CHECK(check.exit_code == 2);
  CHECK(check.out.empty());
  CHECK(check.err == (dir / "cat.json").string() +
                         ":2:36: error: trigger \"dan pada\" has only words of the id lexicon's function_words, which "
                         "are in nearly every sentence; give a phrase with a word of the event\n"
                         "    \"triggers\": {\"id\": [\"investasi\", \"dan  Pada\"], \"en\": [\"the investment\"]}}]}\n"
                         "                                     ^\n");
  // With a word of the event it is a trigger like any other.
  test::write_file(dir / "cat.json",
                   "{\"events\": [{\"id\": \"common\", \"date\": \"2019-07-22\", \"kind\": \"investment\", "
                   "\"title\": {\"en\": \"Common\"}, \"actors\": [\"Microsoft\"], "
                   "\"triggers\": {\"id\": [\"dan investasi\"], \"en\": [\"the investment\"]}}]}\n");
  auto fine = run_cli({"catalog", "check", (dir / "cat.json").string()});
  CHECK(fine.exit_code == 0);
  CHECK(fine.out == (dir / "cat.json").string() + ": ok, 1 events, 2 triggers\n");
}
