// The linker's rules at their boundaries (src/events/linker_rules.hpp): each
// reach, the list bounds and the dateline's lines, one byte or one item on
// either side. Inputs are built from the constants, so a changed number moves
// its test with it; a changed rule fails it.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "events/linker_rules.hpp"
#include "mstimeline/review.hpp"
#include "mstimeline/sha256.hpp"
#include "mstimeline/timeline.hpp"
#include "support/support.hpp"

using namespace mstl;

namespace {

// An Indonesian article published on 10 January 2024 (manifest), or with no date.
Article article(const std::string& text, std::optional<std::string> published = "2024-01-10") {
  Article a;
  a.info.id = "a";
  a.info.path = "a.txt";
  a.info.sha256 = sha256_hex(text);
  a.info.language = "id";
  a.info.published = std::move(published);
  a.bytes = text;
  return a;
}

// How the linker takes the date written `date_text`: "event" for a mention's
// date, else the name of the reason it left it out for ("" when neither).
std::string taken(const DocumentRecord& r, std::string_view date_text) {
  for (const auto& m : r.mentions)
    if (m.citation.date_text == date_text) return "event";
  for (const auto& d : r.dropped)
    if (d.citation.date_text == date_text) return std::string(review_reason_name(d.reason));
  return "";
}

std::string taken(const std::string& text, std::string_view date_text) {
  return taken(extract_document(article(text), test::knowledge()), date_text);
}

// `cue`, then filler so that exactly `gap` bytes lie between its end and "pada" + the date.
std::string cue_then_date(std::string_view opening, std::string_view cue, std::size_t gap, std::string_view date) {
  std::string pad(gap, ' ');
  if (gap >= 3) pad = " " + std::string(gap - 2, 'x') + " ";  // one word of filler between spaces
  return fmt::format("{} {}{}{}, perusahaan itu meluncurkan produk baru.\n", opening, cue, pad, date);
}

}  // namespace

TEST_CASE("a cue governs a date within its reach, not one a byte farther", "[linker]") {
  struct Case {
    const char* cue;
    std::size_t reach;
    const char* reason;
  };
  const Case cases[] = {
      {"akan", linker::k_future_reach, "future"},
      {"jika", linker::k_condition_reach, "condition"},
      {"terendah", linker::k_comparison_reach, "comparison"},
      {"pengiriman", linker::k_reference_reach, "reference"},
      {"hingga", linker::k_limit_reach, "limit"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.cue, c.reach);
    CHECK(taken(cue_then_date("Harga", c.cue, c.reach, "5 Januari 2024"), "5 Januari 2024") == c.reason);
    CHECK(taken(cue_then_date("Harga", c.cue, c.reach + 1, "5 Januari 2024"), "5 Januari 2024") == "event");
  }
}

TEST_CASE("a sentence of at most the list bounds reports events, one date or byte more is a list", "[linker]") {
  auto dates = [](std::size_t n) {
    std::string s = "Perusahaan itu meluncurkan produk pada";
    for (std::size_t d = 1; d <= n; ++d) s += fmt::format(" {} Januari 2024,", d);
    return s + " dan seterusnya.\n";
  };
  CHECK(taken(dates(linker::k_max_dates_per_sentence), "1 Januari 2024") == "event");
  CHECK(taken(dates(linker::k_max_dates_per_sentence + 1), "1 Januari 2024") == "list");
  auto long_sentence = [](std::size_t bytes) {
    std::string head = "Perusahaan itu meluncurkan produk pada 5 Januari 2024 ";
    std::string tail = ".\n";
    std::string filler;
    while (head.size() + filler.size() + tail.size() - 1 < bytes) filler += "kata ";
    filler.resize(bytes - head.size() - (tail.size() - 1));
    return head + filler + tail;
  };
  CHECK(long_sentence(linker::k_max_sentence_bytes).size() == linker::k_max_sentence_bytes + 1);
  CHECK(taken(long_sentence(linker::k_max_sentence_bytes), "5 Januari 2024") == "event");
  CHECK(taken(long_sentence(linker::k_max_sentence_bytes + 1), "5 Januari 2024") == "list");
}

TEST_CASE("a dateline is read in the first content lines, after a title, and no farther", "[linker]") {
  auto with_lines_before = [](std::size_t n) {
    std::string text;
    for (std::size_t k = 0; k < n; ++k) text += fmt::format("Judul nomor {} tanpa tanggal\n", k + 1);
    return text + "Jakarta, Rabu (24/1/2024) - Perusahaan itu kemarin meluncurkan produk baru.\n";
  };
  for (std::size_t before = 0; before < linker::k_dateline_lines; ++before) {
    CAPTURE(before);
    DocumentRecord r = extract_document(article(with_lines_before(before), std::nullopt), test::knowledge());
    CHECK(r.source.published == "2024-01-24");
    CHECK(r.source.published_basis == "dateline");
    CHECK(taken(r, "kemarin") == "event");
    CHECK(taken(r, "Rabu (24/1/2024)") == "");  // the dateline's date dates the article only
  }
  DocumentRecord r =
      extract_document(article(with_lines_before(linker::k_dateline_lines), std::nullopt), test::knowledge());
  CHECK(r.source.published_basis == "inferred");
  CHECK(taken(r, "Rabu (24/1/2024)") == "event");
  // After a title, a sentence that holds " - " is no dateline: its head does
  // not read as one (marked_dateline_head), and its date is an event.
  DocumentRecord sentence = extract_document(
      article(
          "Judul tanpa tanggal\nPerusahaan itu meluncurkan produk baru pada 5 Januari 2024 - peluncuran terbesar.\n",
          std::nullopt),
      test::knowledge());
  CHECK(sentence.source.published_basis == "inferred");
  CHECK(taken(sentence, "5 Januari 2024") == "event");
}
