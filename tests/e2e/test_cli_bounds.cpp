// Outputs, parts and readers at their bounds, end to end: written through
// descriptors, parts proven whole, every reader limited by what it reads,
// temporary files removed on signals, control characters never raw.
// docs/robustness.md lists every case with the test that proves it.
#include <catch2/catch.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mstimeline/sha256.hpp"
#include "support/support.hpp"

extern char** environ;

using namespace mstl;
using nlohmann::json;
using test::run_cli;
using test::run_program;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

// The shell, for what a test needs of it: appending redirections, /dev/full.
test::RunResult sh(const std::string& script, const fs::path& cwd = {}, const std::vector<std::string>& env = {}) {
  return run_program("/bin/sh", {"-c", script}, cwd.empty() ? test::source_dir() : cwd, env);
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

const std::string k_bin = MSTL_BINARY;

// A part's lines, its end line made again to match them: a part changed by hand as extract would write it.
std::string reseal(std::string part) {
  std::size_t end = part.rfind("{\"type\":\"end\"");
  REQUIRE(end != std::string::npos);
  part.resize(end);
  std::size_t documents = 0;
  for (std::size_t at = part.find("{\"type\":\"document\""); at != std::string::npos;
       at = part.find("{\"type\":\"document\"", at + 1))
    ++documents;
  return part +
         fmt::format(R"({{"type":"end","version":1,"documents":{},"sha256":"{}"}})", documents, sha256_hex(part)) +
         "\n";
}

}  // namespace

TEST_CASE("an -o of /dev/stdout, /dev/fd/1 or /proc/self/fd/1 writes through the descriptor, appending to a log",
          "[e2e][bounds]") {
  TempDir dir;
  std::string expected = run_cli({"build", "data/"}).out;
  REQUIRE(!expected.empty());
  for (const char* path : {"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"}) {
    INFO(path);
    fs::path log = dir / "log.txt";
    test::write_file(log, "before\n");
    auto r = sh(fmt::format("{} build data/ -o {} >> {}", quoted(k_bin), path, quoted(log.string())));
    CHECK(r.exit_code == 0);
    CHECK(test::read_file(log) == "before\n" + expected);  // appended, never replaced
    CHECK(fs::is_regular_file(log));
    CHECK(!fs::is_symlink(log));
  }
}

TEST_CASE("a part ends with a line proving it whole, and merge refuses one cut short or changed", "[e2e][bounds]") {
  TempDir dir;
  auto extracted = run_cli({"extract", "data/"});
  REQUIRE(extracted.exit_code == 0);
  const std::string& part = extracted.out;
  std::size_t last = part.rfind('\n', part.size() - 2);
  std::string end = part.substr(last + 1);
  CHECK(end.starts_with(R"({"type":"end","version":1,"documents":5,"sha256":")"));
  CHECK(end == fmt::format(R"({{"type":"end","version":1,"documents":5,"sha256":"{}"}})",
                           sha256_hex(part.substr(0, last + 1))) +
                   "\n");
  test::write_file(dir / "whole.jsonl", part);
  auto whole = run_cli({"merge", (dir / "whole.jsonl").string()});
  CHECK(whole.exit_code == 0);
  CHECK(whole.out == run_cli({"build", "data/"}).out);

  // Killed at a line boundary: the end line is missing.
  std::string cut = part.substr(0, part.find('\n', part.find('\n') + 1) + 1);  // the header and one document
  test::write_file(dir / "cut.jsonl", cut);
  auto r = run_cli({"merge", (dir / "cut.jsonl").string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        (dir / "cut.jsonl").string() +
            ": error: incomplete: the run begun at line 1 has no end line (was its extract stopped, or the part cut "
            "short?); extract it again\n");
  CHECK(r.out.empty());

  // A cut part followed by a whole one (cat part-*): the cut run ends where the next header begins.
  test::write_file(dir / "both.jsonl", cut + part);
  r = run_cli({"merge", (dir / "both.jsonl").string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind(
            (dir / "both.jsonl").string() +
                ":3:1: error: a header line where the run begun at line 1 should have ended: that run is incomplete "
                "(no end line; was its extract stopped?)\n",
            0) == 0);

  // A document line lost, the end line kept.
  std::string second = part.substr(0, part.find('\n') + 1) + part.substr(part.find('\n', part.find('\n') + 1) + 1);
  test::write_file(dir / "lost.jsonl", second);
  r = run_cli({"merge", (dir / "lost.jsonl").string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind((dir / "lost.jsonl").string() +
                        ":6:1: error: incomplete: the end line counts 5 documents, the run begun at line 1 holds 4\n",
                    0) == 0);

  // One byte changed.
  std::string changed = part;
  changed[changed.find("\"quote\":\"") + 9] ^= 0x20;
  test::write_file(dir / "changed.jsonl", changed);
  r = run_cli({"merge", (dir / "changed.jsonl").string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind((dir / "changed.jsonl").string() +
                        ":7:1: error: the run begun at line 1 does not match its end line's sha256: changed or "
                        "damaged since extract wrote it\n",
                    0) == 0);
}

TEST_CASE("two file names that are not UTF-8 and differ only there keep distinct ids and paths", "[e2e][bounds]") {
  TempDir dir;
  test::write_file(dir / "a\xFF.txt", "Microsoft dan OpenAI meneken kerja sama pada tahun 2023.\n");
  test::write_file(dir / "a\xFE.txt", "Microsoft berinvestasi di OpenAI pada tahun 2019.\n");
  test::write_file(dir / "a\\xFF.txt", "Microsoft berinvestasi lagi di OpenAI pada tahun 2021.\n");
  auto r = run_cli({"build", dir.path().string(), "--no-topic", "--no-catalog"});
  CHECK(r.exit_code == 0);
  json doc = json::parse(r.out);
  std::vector<std::string> ids, paths;
  for (const auto& s : doc["sources"]) {
    ids.push_back(s["id"]);
    paths.push_back(s["path"]);
  }
  CHECK(ids == std::vector<std::string>{"a\\x5CxFF", "a\\xFE", "a\\xFF"});
  CHECK(paths == std::vector<std::string>{"a\\x5CxFF.txt", "a\\xFE.txt", "a\\xFF.txt"});
  auto again = run_cli({"build", dir.path().string(), "--no-topic", "--no-catalog"});
  CHECK(again.out == r.out);  // deterministic
}

TEST_CASE("the output is the same bytes under a Turkish locale as under C", "[e2e][bounds]") {
  auto c = run_cli({"build", "data/", "-f", "md"}, {}, {"LC_ALL=C", "LANG=C"});
  REQUIRE(c.exit_code == 0);
  for (const char* lang : {"tr_TR.UTF-8", "tr_TR", "az_AZ.UTF-8", "lt_LT.UTF-8"}) {
    INFO(lang);
    auto r = run_cli({"build", "data/", "-f", "md"}, {},
                     {std::string("LC_ALL=") + lang, std::string("LANG=") + lang, std::string("LC_MESSAGES=") + lang});
    CHECK(r.exit_code == 0);
    CHECK(r.out == c.out);
  }
  TempDir dir;
  // "Ir." and "Brigjen." are abbreviations of the Indonesian lexicon, also matched as "ir." and "BRIGJEN.":
  // with the default locale tr_TR they were made "ır." and "BRİGJEN.", and the sentence broke after them.
  test::write_file(dir / "a.txt",
                   "Jembatan itu diresmikan ir. Budi dan BRIGJEN. Andi pada 12 Januari 2023. Ia hadir.\n");
  auto plain = run_cli({"build", dir.path().string(), "--lang", "id", "--no-topic"}, {}, {"LC_ALL=C"});
  auto turkish = run_cli({"build", dir.path().string(), "--lang", "id", "--no-topic"}, {}, {"LC_ALL=tr_TR.UTF-8"});
  CHECK(plain.exit_code == 0);
  CHECK(json::parse(plain.out)["events"].at(0)["citations"].at(0)["quote"] ==
        "Jembatan itu diresmikan ir. Budi dan BRIGJEN. Andi pada 12 Januari 2023.");
  CHECK(turkish.out == plain.out);
}

TEST_CASE("merge refuses a mention linked to an event its catalog does not hold", "[e2e][bounds]") {
  TempDir dir;
  auto extracted = run_cli({"extract", "data/"});
  REQUIRE(extracted.exit_code == 0);
  std::string part = extracted.out;
  std::size_t at = part.find("\"catalog_id\":\"");
  REQUIRE(at != std::string::npos);
  at += 14;
  std::size_t end = part.find('"', at);
  std::string id = part.substr(at, end - at);
  REQUIRE(!id.empty());
  part.replace(at, end - at, "no-such-event");
  test::write_file(dir / "p.jsonl", reseal(part));
  auto r = run_cli({"merge", (dir / "p.jsonl").string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(": a mention is linked to catalog event \"no-such-event\", which the parts' catalog does not hold; "
                   "the part was changed after extract, or its header is another run's\n") != std::string::npos);
  CHECK(r.out.empty());
}

TEST_CASE("merge --title accepts parts whose titles differ", "[e2e][bounds]") {
  TempDir dir;
  auto p0 = run_cli({"extract", "data/", "--shard", "0/2", "--title", "A", "-o", (dir / "p0.jsonl").string()});
  auto p1 = run_cli({"extract", "data/", "--shard", "1/2", "--title", "B", "-o", (dir / "p1.jsonl").string()});
  REQUIRE(p0.exit_code == 0);
  REQUIRE(p1.exit_code == 0);
  auto refused = run_cli({"merge", (dir / "p0.jsonl").string(), (dir / "p1.jsonl").string()});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err == "mstimeline: error: the parts have different titles; give one with --title\n");
  auto merged = run_cli({"merge", (dir / "p0.jsonl").string(), (dir / "p1.jsonl").string(), "--title", "C"});
  CHECK(merged.exit_code == 0);
  CHECK(json::parse(merged.out)["title"] == "C");
  CHECK(merged.out == run_cli({"build", "data/", "--title", "C"}).out);
}

TEST_CASE("every reader stops at its limit: /dev/zero and /proc files are refused with exit 2", "[e2e][bounds]") {
  TempDir dir;
  auto topic = run_cli({"build", "data/", "--topic", "/dev/zero"});
  CHECK(topic.exit_code == 2);
  CHECK(topic.err.find("/dev/zero: error: more than the 268435456-byte limit for a data file") != std::string::npos);
  auto catalog = run_cli({"catalog", "check", "/dev/zero"});
  CHECK(catalog.exit_code == 2);
  CHECK(catalog.err.find("/dev/zero: error: more than the 268435456-byte limit for a data file") != std::string::npos);
  auto manifest = run_cli({"build", "data/", "--manifest", "/dev/zero"});
  CHECK(manifest.exit_code == 2);
  CHECK(manifest.err.find("/dev/zero: error: more than the 268435456-byte limit for a data file") != std::string::npos);
  auto dates = run_cli({"dates", "/dev/zero"});
  CHECK(dates.exit_code == 2);
  CHECK(dates.err == "/dev/zero: error: more than the 268435456-byte limit for the input of dates\n");
  auto check = run_cli({"build", "data/", "-o", "/dev/zero", "--check"});
  CHECK(check.exit_code == 1);
  CHECK(check.err ==
        "mstimeline: /dev/zero: out of date (longer than the output, so no diff is shown); run the same "
        "command without --check to update it\n");
  auto reuse = run_cli({"extract", "data/", "--reuse", "/dev/zero"});
  CHECK(reuse.exit_code == 2);
  CHECK(reuse.err == "/dev/zero: error: more than the 1073741824-byte limit for a part read whole\n");
  auto part = run_cli({"merge", "/dev/zero"});
  CHECK(part.exit_code == 2);
  CHECK(part.err.rfind("/dev/zero:1:1: error: a line longer than the 1073741824-byte limit for a line of a part\n",
                       0) == 0);
  // A /proc file says it holds 0 bytes: what is read is counted.
  fs::create_directory(dir / "in");
  test::write_file(dir / "in/a.txt", "Microsoft dan OpenAI meneken kerja sama pada tahun 2023.\n");
  fs::create_symlink("/proc/self/pagemap", dir / "in/pagemap.txt");
  auto pagemap = run_cli({"build", (dir / "in").string(), "--max-file-size", "1"});
  CHECK(pagemap.exit_code == 0);
  CHECK(pagemap.err == (dir / "in/pagemap.txt").string() +
                           ": warning: more than the 1048576-byte limit for an article; skipped (--max-file-size)\n");
}

TEST_CASE("SIGTERM, SIGINT and SIGHUP remove the temporary output file", "[e2e][bounds]") {
  for (int sig : {SIGTERM, SIGINT, SIGHUP}) {
    INFO(sig);
    TempDir dir;
    fs::path fifo = dir / "part.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string out = (dir / "out.json").string();
    // merge opens its output before it reads its parts, then waits on the FIFO, which no one writes.
    std::vector<std::string> args = {k_bin, "merge", fifo.string(), "-o", out};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    REQUIRE(::posix_spawn(&pid, k_bin.c_str(), nullptr, nullptr, argv.data(), environ) == 0);
    auto temporaries = [&] {
      std::size_t n = 0;
      for (const auto& e : fs::directory_iterator(dir.path()))
        n += e.path().filename().string().starts_with(".out.json.tmp.");
      return n;
    };
    for (int i = 0; i < 1000 && temporaries() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(temporaries() == 1);
    ::kill(pid, sig);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == sig);
    CHECK(temporaries() == 0);
    CHECK(!fs::exists(out));
  }
}

TEST_CASE("an ignore file that cannot be read is a warning, and an error under --strict", "[e2e][bounds]") {
  TempDir dir;
  test::write_file(dir / "a.txt", "Microsoft dan OpenAI meneken kerja sama pada tahun 2023.\n");
  fs::create_directory(dir / ".mstimelineignore");  // there, but not readable as a file
  auto r = run_cli({"build", dir.path().string()});
  CHECK(r.exit_code == 0);
  CHECK(r.err == (dir / ".mstimelineignore").string() +
                     ": warning: cannot read file: Is a directory; none of its patterns is applied\n");
  auto strict = run_cli({"build", dir.path().string(), "--strict"});
  CHECK(strict.exit_code == 2);
  CHECK(strict.out.empty());
}

TEST_CASE("an output name of 255 bytes is written", "[e2e][bounds]") {
  TempDir dir;
  for (std::size_t length : {244u, 250u, 255u}) {
    INFO(length);
    std::string name(length - 5, 'n');
    name += ".json";
    auto r = run_cli({"build", "data/", "-o", (dir / name).string()});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(fs::file_size(dir / name) > 0);
  }
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 3);  // no temporary left
}

TEST_CASE("control characters of articles and file names never reach the terminal or a document raw", "[e2e][bounds]") {
  TempDir dir;
  test::write_file(dir / "in/evil\x1B[2J.txt",
                   "Microsoft dan OpenAI meneken kerja \x1B]0;pwned\x07sama pada tahun 2023.\n"
                   "Rencana \x1B[31mitu dibahas tanpa tanggal.\n");
  std::string in = (dir / "in").string();
  for (const char* format : {"md", "html", "csv", "json", "jsonl", "timelinejs"}) {
    INFO(format);
    auto r = run_cli({"-v", "build", in, "--no-topic", "--no-catalog", "-f", format});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find('\x1B') == std::string::npos);
    CHECK(r.out.find('\x07') == std::string::npos);
    CHECK(r.err.find('\x1B') == std::string::npos);
    CHECK(r.err.find("evil\\x1B[2J.txt") != std::string::npos);
  }
  auto md = run_cli({"build", in, "--no-topic", "--no-catalog", "-f", "md"});
  CHECK(md.out.find("\xE2\x90\x9B\\]0;pwned\xE2\x90\x87sama") != std::string::npos);  // ␛ and ␇, their pictures
  auto review = run_cli({"review", in});
  CHECK(review.exit_code == 0);
  CHECK(review.out.find('\x1B') == std::string::npos);
  CHECK(review.out.find('\x07') == std::string::npos);
}

TEST_CASE("with --check, an -o that is a symbolic link never prints the content of its target", "[e2e][bounds]") {
  TempDir dir;
  test::write_file(dir / "secret.txt", "password=hunter2\n");
  fs::create_symlink(dir / "secret.txt", dir / "timeline.json");
  auto r = run_cli({"build", "data/", "-o", (dir / "timeline.json").string(), "--check"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "mstimeline: " + (dir / "timeline.json").string() +
                     ": out of date (a symbolic link, so no diff is shown); run the same command without --check to "
                     "update it\n");
  CHECK(r.err.find("hunter2") == std::string::npos);
  CHECK(test::read_file(dir / "secret.txt") == "password=hunter2\n");
}

TEST_CASE("a full stdout, empty option values and an unwritable -o are errors, found first", "[e2e][bounds]") {
  auto full = sh(quoted(k_bin) + " catalog check data/catalog.json > /dev/full");
  CHECK(full.exit_code == 2);
  CHECK(full.err == "mstimeline: error: <stdout>: cannot write: No space left on device\n");
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  for (const auto& c : std::vector<Case>{
           {{"extract", "data/", "--shard", ""}, "--shard: an empty value; give K/N"},
           {{"build", "data/", "--lang", ""}, "--lang: an empty value; give a lexicon code such as id or en"},
           {{"build", "data/", "-o", ""}, "--output: an empty value; give a FILE, or - for standard output"},
           {{"extract", "data/", "-o", ""}, "--output: an empty value; give a FILE, or - for standard output"},
           {{"build", "data/", "--topic", ""}, "--topic: an empty value; give a FILE"},
           {{"dates", ""}, "input: an empty value; give a FILE, or - for standard input"},
       }) {
    INFO(c.args[0] + " " + c.message);
    auto r = run_cli(c.args);
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("mstimeline: error: " + c.message + "\n", 0) == 0);
  }
  // The output is opened before the parts are read: with a FIFO no one writes, an unwritable -o still
  // fails at once instead of waiting.
  TempDir dir;
  fs::path fifo = dir / "part.fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto r = sh(fmt::format("timeout 60 {} merge {} -o {}", quoted(k_bin), quoted(fifo.string()),
                          quoted((dir / "no/such/dir/out.json").string())));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "mstimeline: error: " + (dir / "no/such/dir/out.json").string() +
                     ": cannot create a temporary file beside it: No such file or directory\n");
}
