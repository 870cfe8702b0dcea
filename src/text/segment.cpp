#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>
#include <unicode/uvernum.h>
#include <unicode/uversion.h>

#include "mstimeline/error.hpp"
#include "mstimeline/text.hpp"

namespace mstl::text {
namespace {

// UText over a UTF-8 buffer, closed on scope exit.
class Utf8Text {
 public:
  explicit Utf8Text(std::string_view s) {
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&m_ut, s.data(), static_cast<int64_t>(s.size()), &status);  // no heap: m_ut is ours
    if (U_FAILURE(status)) throw Error("ICU cannot open text", ExitCode::internal);
  }
  ~Utf8Text() { utext_close(&m_ut); }
  Utf8Text(const Utf8Text&) = delete;
  Utf8Text& operator=(const Utf8Text&) = delete;
  UText* get() { return &m_ut; }

 private:
  UText m_ut = UTEXT_INITIALIZER;
};

enum class BreakKind { sentence, word };

// ASCII text folds by lower-casing ("Maret" is "maret"). Into `out`, reusing its storage.
void lower_ascii(std::string_view in, std::string& out) {
  out.resize(in.size());
  char* to = out.data();
  for (std::size_t i = 0; i < in.size(); ++i)
    to[i] = static_cast<char>(in[i] >= 'A' && in[i] <= 'Z' ? in[i] + 32 : in[i]);
}

// One iterator of each kind per thread: creating one costs far more than using it.
icu::BreakIterator& iterator_for(BreakKind kind) {
  thread_local std::unique_ptr<icu::BreakIterator> sentence, word;
  auto& slot = kind == BreakKind::sentence ? sentence : word;
  if (!slot) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale root = icu::Locale::getRoot();
    slot.reset(kind == BreakKind::sentence ? icu::BreakIterator::createSentenceInstance(root, status)
                                           : icu::BreakIterator::createWordInstance(root, status));
    if (U_FAILURE(status) || !slot) throw Error("ICU cannot create a break iterator", ExitCode::internal);
  }
  return *slot;
}

// ASCII white space, NO-BREAK SPACE (C2 A0) and the zero-width/BOM marks
// editors leave behind are trimmed from sentence ends.
std::size_t space_length_at(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (s.substr(i, 2) == "\xC2\xA0") return 2;
  if (s.substr(i, 3) == "\xE2\x80\x8B" || s.substr(i, 3) == "\xEF\xBB\xBF") return 3;
  return 0;
}

std::size_t space_length_before(std::string_view s, std::size_t end) {
  for (std::size_t len : {1u, 2u, 3u})
    if (end >= len && space_length_at(s, end - len) == len) return len;
  return 0;
}

Span trimmed(std::string_view s, Span span) {
  while (span.begin < span.end) {
    std::size_t n = space_length_at(s, span.begin);
    if (n == 0) break;
    span.begin += n;
  }
  while (span.end > span.begin) {
    std::size_t n = space_length_before(s, span.end);
    if (n == 0) break;
    span.end -= n;
  }
  return span;
}

template <class F>
void for_each_boundary(icu::BreakIterator& bi, std::string_view s, F&& f) {
  Utf8Text ut(s);
  UErrorCode status = U_ZERO_ERROR;
  bi.setText(ut.get(), status);
  if (U_FAILURE(status)) throw Error("ICU cannot segment text", ExitCode::internal);
  int32_t start = bi.first();
  for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next())
    f(static_cast<std::size_t>(start), static_cast<std::size_t>(end), bi.getRuleStatus());
  bi.setText(icu::UnicodeString());  // drop the pointer into `s`
}

template <class F>
void for_each_segment(std::string_view s, BreakKind kind, F&& f) {
  for_each_boundary(iterator_for(kind), s, std::forward<F>(f));
}

// Closing punctuation at the end of a sentence, possibly inside closing quotes
// or brackets: ".", "!", "?", ":", ";", "…", then any of " ' ) ] ” ’.
bool ends_sentence(std::string_view s, const Span& sentence) {
  std::size_t e = sentence.end;
  while (e > sentence.begin) {
    unsigned char c = static_cast<unsigned char>(s[e - 1]);
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';') return true;
    if (e >= sentence.begin + 3 && s.substr(e - 3, 3) == "\xE2\x80\xA6") return true;  // …
    if (c == '"' || c == '\'' || c == ')' || c == ']') {
      --e;
    } else if (e >= sentence.begin + 3 &&
               (s.substr(e - 3, 3) == "\xE2\x80\x9D" || s.substr(e - 3, 3) == "\xE2\x80\x99")) {
      e -= 3;  // ” ’
    } else {
      return false;
    }
  }
  return false;
}

icu::UnicodeString unicode(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

bool starts_lowercase_or_digit(std::string_view s, std::size_t at) {
  UChar32 c = unicode(s.substr(at, 4)).char32At(0);
  return u_islower(c) || u_isdigit(c);
}

// One line break (CR LF or LF) and nothing else but spaces between two sentences.
bool single_line_break(std::string_view gap) {
  std::size_t breaks = 0;
  for (char c : gap) {
    if (c == '\n')
      ++breaks;
    else if (c != '\r' && c != ' ' && c != '\t')
      return false;
  }
  return breaks == 1;
}

// Joins sentences split at a hard wrap (see text.hpp).
std::vector<Span> join_hard_wraps(std::string_view s, const std::vector<Span>& in) {
  std::vector<Span> out;
  for (const Span& next : in) {
    if (!out.empty() && single_line_break(s.substr(out.back().end, next.begin - out.back().end)) &&
        !ends_sentence(s, out.back()) && starts_lowercase_or_digit(s, next.begin)) {
      out.back().end = next.end;
      continue;
    }
    out.push_back(next);
  }
  return out;
}

}  // namespace

bool letter_or_digit_before(std::string_view utf8, std::size_t at) {
  if (at == 0 || at > utf8.size()) return false;
  auto c = static_cast<unsigned char>(utf8[at - 1]);
  if (c < 0x80) return std::isalnum(c) != 0;
  // ICU's macros index with int32_t: look at the last four bytes only.
  std::size_t from = at > 4 ? at - 4 : 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data() + from);
  int32_t i = static_cast<int32_t>(at - from);
  UChar32 cp = 0;
  U8_PREV(bytes, 0, i, cp);
  return cp >= 0 && u_isalnum(cp);
}

bool letter_or_digit_at(std::string_view utf8, std::size_t at) {
  if (at >= utf8.size()) return false;
  auto c = static_cast<unsigned char>(utf8[at]);
  if (c < 0x80) return std::isalnum(c) != 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data() + at);
  int32_t i = 0;
  UChar32 cp = 0;
  U8_NEXT(bytes, i, static_cast<int32_t>(std::min<std::size_t>(utf8.size() - at, 4)), cp);
  return cp >= 0 && u_isalnum(cp);
}

struct SentenceSplitter::Impl {
  std::unique_ptr<icu::BreakIterator> iterator;  // the prototype; only cloned after construction
  std::uint64_t serial = 0;                      // names this splitter in the per-thread clone caches
  std::mutex clone_mutex;
};

namespace {

std::atomic<std::uint64_t> g_next_splitter{1};

}  // namespace

SentenceSplitter::SentenceSplitter(const std::vector<std::string>& abbreviations) : m_impl(std::make_unique<Impl>()) {
  m_impl->serial = g_next_splitter++;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> base(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) throw Error("ICU cannot create a sentence iterator", ExitCode::internal);
  if (abbreviations.empty()) {
    m_impl->iterator = std::move(base);
    return;
  }
  std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
      icu::FilteredBreakIteratorBuilder::createEmptyInstance(status));
  for (const auto& a : abbreviations) {
    // As written, and in the other cases news text uses: "PT.", "Pt.", "pt.".
    icu::UnicodeString u = unicode(a);
    // The root locale, never the default one: under LANG=tr_TR the default would write "i" as "İ".
    const icu::Locale& root = icu::Locale::getRoot();
    icu::UnicodeString lower = u, upper = u, title = u;
    lower.toLower(root);
    upper.toUpper(root);
    title.toTitle(nullptr, root);
    for (const icu::UnicodeString* v : {&u, &lower, &upper, &title}) builder->suppressBreakAfter(*v, status);
  }
  m_impl->iterator.reset(builder->wrapIteratorWithFilter(base.release(), status));
  if (U_FAILURE(status) || !m_impl->iterator) throw Error("ICU cannot build the sentence filter", ExitCode::internal);
}

SentenceSplitter::~SentenceSplitter() = default;

std::vector<Span> SentenceSplitter::split(std::string_view utf8) const {
  // A serial is never reused, so a clone can never belong to another splitter
  // that happens to live at the same address.
  thread_local std::unordered_map<std::uint64_t, std::unique_ptr<icu::BreakIterator>> clones;
  auto& mine = clones[m_impl->serial];
  if (!mine) {
    std::lock_guard<std::mutex> lock(m_impl->clone_mutex);
    mine.reset(m_impl->iterator->clone());
    if (!mine) throw Error("ICU cannot clone a sentence iterator", ExitCode::internal);
  }
  std::vector<Span> out;
  for_each_boundary(*mine, utf8, [&](std::size_t b, std::size_t e, int32_t) {
    Span span = trimmed(utf8, {b, e});
    if (span.begin < span.end) out.push_back(span);
  });
  return join_hard_wraps(utf8, out);
}

std::vector<Span> sentences(std::string_view utf8) {
  thread_local SentenceSplitter plain;
  return plain.split(utf8);
}

std::vector<Token> tokenize(std::string_view utf8) {
  std::vector<Token> out;
  tokenize(utf8, out);
  return out;
}

namespace {

// UAX #29 word breaking restricted to ASCII, as ICU's root rules do it:
//   - letters, digits and "_" join (WB5, WB8-10, WB13a/b); ICU counts "@" a
//     letter ("x@y.com" is one word);
//   - "." and "'" join two letters or two digits, "," and ";" two digits
//     (WB6/7, WB11/12); ":" joins nothing (ICU's root rules drop it from
//     MidLetter);
//   - every other character is a segment of its own, white space runs aside.
// A segment's status is the last rule's: a letter at its end makes a word, a
// digit a number, and a final "_" takes the kind of the character before it
// ("a_" is a word, "1_" a number, "__" a word, "_" alone punctuation).
// These are ICU 72's rules (Debian 12's), checked against it by test_text;
// with another ICU, whose rules may differ, tokenize leaves it all to ICU.
constexpr bool k_ascii_rules = U_ICU_VERSION_MAJOR_NUM == 72;
enum class Ascii : std::uint8_t { other, space, letter, digit, under, mid_both, mid_num };

constexpr std::array<Ascii, 128> k_ascii_classes = [] {
  std::array<Ascii, 128> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = Ascii::letter;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = Ascii::letter;
  t['@'] = Ascii::letter;
  for (int c = '0'; c <= '9'; ++c) t[c] = Ascii::digit;
  t['_'] = Ascii::under;
  t['.'] = t['\''] = Ascii::mid_both;
  t[','] = t[';'] = Ascii::mid_num;
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) t[static_cast<unsigned char>(c)] = Ascii::space;
  return t;
}();

Ascii ascii_class(char c) { return k_ascii_classes[static_cast<unsigned char>(c)]; }

bool joins_word(Ascii a) { return a == Ascii::letter || a == Ascii::digit || a == Ascii::under; }

// Tokenizes s[begin, end), all ASCII, appending to out[n..].
void tokenize_ascii(std::string_view s, std::size_t begin, std::size_t end, std::vector<Token>& out, std::size_t& n) {
  auto emit = [&](std::size_t b, std::size_t e, TokenKind kind) {
    if (n == out.size()) out.emplace_back();
    Token& t = out[n++];
    t.begin = b;
    t.end = e;
    t.kind = kind;
    lower_ascii(s.substr(b, e - b), t.folded);
  };
  for (std::size_t i = begin; i < end;) {
    Ascii c = ascii_class(s[i]);
    if (c == Ascii::space) {
      ++i;
      continue;
    }
    if (!joins_word(c)) {
      emit(i, i + 1, TokenKind::punct);
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < end) {
      Ascii next = ascii_class(s[j]);
      if (joins_word(next)) {
        ++j;
        continue;
      }
      if (j + 1 < end && (next == Ascii::mid_both || next == Ascii::mid_num)) {
        Ascii before = ascii_class(s[j - 1]), after = ascii_class(s[j + 1]);
        bool letters = next == Ascii::mid_both && before == Ascii::letter && after == Ascii::letter;
        bool digits = before == Ascii::digit && after == Ascii::digit;
        if (letters || digits) {
          j += 2;
          continue;
        }
      }
      break;
    }
    Ascii last = ascii_class(s[j - 1]);
    if (last == Ascii::under) last = j - i >= 2 ? ascii_class(s[j - 2]) : Ascii::other;
    emit(i, j, last == Ascii::digit ? TokenKind::number : last == Ascii::other ? TokenKind::punct : TokenKind::word);
    i = j;
  }
}

// Tokenizes s[begin, end) with ICU, appending to out[n..].
void tokenize_icu(std::string_view s, std::size_t begin, std::size_t end, std::vector<Token>& out, std::size_t& n) {
  std::string_view part = s.substr(begin, end - begin);
  for_each_segment(part, BreakKind::word, [&](std::size_t b, std::size_t e, int32_t status) {
    TokenKind kind;
    if (status < UBRK_WORD_NONE_LIMIT) {
      if (trimmed(part, {b, e}).begin == e) return;  // white space only
      kind = TokenKind::punct;
    } else {
      kind = status < UBRK_WORD_NUMBER_LIMIT ? TokenKind::number : TokenKind::word;
    }
    if (n == out.size()) out.emplace_back();
    Token& t = out[n++];
    t.begin = begin + b;
    t.end = begin + e;
    t.kind = kind;
    fold_case(part.substr(b, e - b), t.folded);  // full-width "（" and "／" fold to "(" and "/"
  });
}

// Whether UAX #29 always has a word boundary at `at` that no rule looks
// across: right after a space or a line feed, before an ASCII character (so
// not an Extend or Format mark, which would join what comes before), and not
// inside a run of spaces (WB3d).
bool clean_cut(std::string_view s, std::size_t at) {
  if (at == 0 || at >= s.size()) return true;
  char before = s[at - 1], c = s[at];
  if (static_cast<unsigned char>(c) >= 0x80) return false;
  return before == '\n' || (before == ' ' && c != ' ');
}

}  // namespace

void tokenize(std::string_view utf8, std::vector<Token>& out) {
  // ASCII stretches are tokenized by tokenize_ascii, the rest by ICU; the
  // pieces meet at clean cuts, where both give what ICU gives on the whole.
  std::size_t n = 0;  // tokens written; out[n..] are spare storage
  if (!k_ascii_rules) {
    tokenize_icu(utf8, 0, utf8.size(), out, n);
    out.resize(n);
    return;
  }
  std::size_t at = 0;
  while (at < utf8.size()) {
    std::size_t wide = at;
    while (wide < utf8.size() && static_cast<unsigned char>(utf8[wide]) < 0x80) ++wide;
    if (wide == utf8.size()) {
      tokenize_ascii(utf8, at, wide, out, n);
      break;
    }
    std::size_t cut = wide;  // the ASCII part ends at the last clean cut before the wide character
    while (cut > at && !clean_cut(utf8, cut)) --cut;
    tokenize_ascii(utf8, at, cut, out, n);
    std::size_t resume = wide + 1;  // ICU takes the text up to the next clean cut
    while (resume < utf8.size() && !clean_cut(utf8, resume)) ++resume;
    tokenize_icu(utf8, cut, resume, out, n);
    at = resume;
  }
  out.resize(n);
}

void tokenize_with_icu(std::string_view utf8, std::vector<Token>& out) {
  std::size_t n = 0;
  tokenize_icu(utf8, 0, utf8.size(), out, n);
  out.resize(n);
}

bool may_hold_token(std::string_view s, std::size_t from, std::size_t to, std::span<const std::string> words) {
  to = std::min(to, s.size());
  if (from >= to) return false;
  auto is_ascii = [](std::string_view t) {
    return std::all_of(t.begin(), t.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  };
  auto joins = [](char c) {  // ASCII letters, digits and "_" never have a word boundary between them
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  std::string_view stretch = s.substr(from, to - from);
  if (!is_ascii(stretch)) return true;
  thread_local std::string lowered;  // the stretch lower-cased: each word is then one plain search
  lower_ascii(stretch, lowered);
  for (const std::string& w : words) {
    if (w.empty() || !is_ascii(w) || std::any_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
      return true;
    for (std::size_t at = lowered.find(w); at != std::string::npos; at = lowered.find(w, at + 1)) {
      std::size_t begin = from + at, end = begin + w.size();
      if (joins(w.front()) && begin > 0 && joins(s[begin - 1])) continue;
      if (joins(w.back()) && end < s.size() && joins(s[end])) continue;
      return true;
    }
  }
  return false;
}

std::string fold_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

namespace {

// The bytes of fold_spaces(s), one at a time; -1 at the end.
class FoldedSpaces {
 public:
  explicit FoldedSpaces(std::string_view s) : m_s(s) {}
  int next() {
    while (m_at < m_s.size()) {
      char c = m_s[m_at];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        m_space = m_started;
        ++m_at;
        continue;
      }
      if (m_space) {
        m_space = false;
        return ' ';
      }
      m_started = true;
      ++m_at;
      return static_cast<unsigned char>(c);
    }
    return -1;
  }

 private:
  std::string_view m_s;
  std::size_t m_at = 0;
  bool m_started = false;
  bool m_space = false;
};

}  // namespace

bool same_folding_spaces(std::string_view a, std::string_view b) {
  FoldedSpaces x(a), y(b);
  for (;;) {
    int c = x.next();
    if (c != y.next()) return false;
    if (c < 0) return true;
  }
}

std::uint64_t hash_folding_spaces(std::string_view s) {
  FoldedSpaces x(s);
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a
  for (int c = x.next(); c >= 0; c = x.next()) h = (h ^ static_cast<std::uint64_t>(c)) * 0x100000001b3ull;
  return h;
}

std::string fold_case(std::string_view utf8) {
  std::string out;
  fold_case(utf8, out);
  return out;
}

void fold_case(std::string_view utf8, std::string& out) {
  bool ascii = true;
  for (unsigned char c : utf8) ascii = ascii && c < 0x80;
  out.clear();
  if (ascii) {
    lower_ascii(utf8, out);
    return;
  }
  // NFKC with case folding: "Ｍａｒｅｔ" and "２０２３" read as "maret" and "2023".
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  icu::UnicodeString in = unicode(utf8);
  if (U_SUCCESS(status)) {
    icu::UnicodeString folded = nfkc_cf->normalize(in, status);
    if (U_SUCCESS(status)) {
      folded.toUTF8String(out);
      return;
    }
  }
  in.foldCase().toUTF8String(out);
}

std::string icu_version() {
  UVersionInfo version;
  u_getVersion(version);
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(version, text);
  return text;
}

}  // namespace mstl::text
