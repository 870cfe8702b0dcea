#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "mstimeline/sha256.hpp"
#include "mstimeline/tagger.hpp"
#include "mstimeline/text.hpp"
#include "mstimeline/timeline.hpp"

namespace mstl {
namespace {

// The sentence containing byte offset `at`, or nullptr.
const text::Span* sentence_at(const std::vector<text::Span>& sentences, std::size_t at) {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), at,
                             [](std::size_t offset, const text::Span& s) { return offset < s.begin; });
  if (it == sentences.begin()) return nullptr;
  --it;
  return at < it->end ? &*it : nullptr;
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

// Mentions of one event share their date and their sentence's words; the key
// is what makes them one, and its hash is the event's id.
std::string merge_key(const Mention& m) { return m.date.value + "\n" + fold_spaces(m.citation.quote); }

bool citation_before(const Citation& a, const Citation& b) {
  return std::tie(a.source, a.start, a.end) < std::tie(b.source, b.start, b.end);
}

}  // namespace

std::string title_from_sentence(std::string_view sentence, std::size_t max_bytes) {
  std::string folded = fold_spaces(sentence);
  if (folded.size() <= max_bytes) return folded;
  std::size_t cut = folded.rfind(' ', max_bytes);
  if (cut == std::string::npos || cut == 0) cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(folded[cut]) & 0xC0) == 0x80) --cut;  // whole code points only
  std::string out = folded.substr(0, cut);
  while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':')) out.pop_back();
  return out + "\xE2\x80\xA6";  // …
}

namespace {

// Language identification looks at the start of an article: enough words to
// decide, a bounded cost for long files.
constexpr std::size_t k_language_sample = 8192;

std::string_view language_sample(std::string_view body) {
  if (body.size() <= k_language_sample) return body;
  std::size_t cut = body.find_first_of(" \n", k_language_sample);
  return body.substr(0, cut == std::string_view::npos ? body.size() : cut);
}

// The sentences that hold [begin, end), as one span: a date expression that
// crosses a sentence break (an abbreviation, a hard line wrap) is quoted whole.
std::optional<text::Span> quote_span(const std::vector<text::Span>& sentences, std::size_t begin, std::size_t end) {
  const text::Span* first = sentence_at(sentences, begin);
  const text::Span* last = sentence_at(sentences, end - 1);
  if (!first || !last) return std::nullopt;
  return text::Span{first->begin, last->end};
}

// Tags with the article's language; when that was only a fallback guess (no
// function word of any language), the other lexicons may add expressions
// where the first found none ("Microsoft invests billions, January 23, 2023.").
std::vector<Timex> tag_article(std::string_view body, const TagContext& context, const Knowledge& knowledge,
                               const std::string& language, bool sure) {
  std::vector<Timex> found = Tagger(knowledge.lexicon(language)).tag(body, context);
  if (sure) return found;
  for (const auto& [code, lexicon] : knowledge.lexicons) {
    if (code == language) continue;
    for (Timex& t : Tagger(lexicon).tag(body, context)) {
      bool overlaps = std::any_of(found.begin(), found.end(),
                                  [&](const Timex& f) { return t.begin < f.end && f.begin < t.end; });
      if (!overlaps) found.push_back(std::move(t));
    }
  }
  std::sort(found.begin(), found.end(), [](const Timex& a, const Timex& b) { return a.begin < b.begin; });
  return found;
}

}  // namespace

DocumentRecord extract_document(const Article& article, const Knowledge& knowledge) {
  DocumentRecord record;
  record.source = article.info;
  std::string_view body = article.text();
  bool sure = !record.source.language.empty();
  if (!sure) {
    LanguageGuess guess = identify_language(text::tokenize(language_sample(body)), knowledge);
    record.source.language = guess.language;
    sure = guess.evidence > 0;
  }

  TagContext context;
  if (record.source.published) context.document_date = parse_date_value(*record.source.published);
  std::vector<text::Span> sentences = knowledge.splitter(record.source.language).split(body);

  std::set<std::string> seen;  // a sentence repeated within the article is cited once
  for (const Timex& t : tag_article(body, context, knowledge, record.source.language, sure)) {
    if (t.type != TimexType::date && t.type != TimexType::time) continue;
    auto date = parse_date_value(std::string_view(t.value).substr(0, t.value.find('T')));
    auto span = quote_span(sentences, t.begin, t.end);
    if (!date || !span) continue;
    Mention m;
    m.date = *date;
    std::string_view quote = body.substr(span->begin, span->end - span->begin);
    m.citation = Citation{article.info.id, article.text_begin + span->begin, article.text_begin + span->end,
                          std::string(quote), std::string(body.substr(t.begin, t.end - t.begin))};
    if (seen.insert(merge_key(m)).second) record.mentions.push_back(std::move(m));
  }
  return record;
}

Timeline build_timeline(std::string title, std::vector<DocumentRecord> records) {
  Timeline timeline;
  timeline.title = std::move(title);
  std::map<std::string, Event> by_key;
  for (auto& record : records) {
    for (auto& m : record.mentions) {
      std::string key = merge_key(m);
      Event& e = by_key[key];
      if (e.id.empty()) {
        e.id = "ev-" + sha256_hex(key).substr(0, 12);
        e.date = m.date;
      }
      e.citations.push_back(std::move(m.citation));
    }
    timeline.sources.push_back(std::move(record.source));
  }
  for (auto& [key, e] : by_key) {
    std::sort(e.citations.begin(), e.citations.end(), citation_before);
    e.title = title_from_sentence(e.citations.front().quote);
    timeline.events.push_back(std::move(e));
  }
  std::sort(timeline.events.begin(), timeline.events.end(), [](const Event& a, const Event& b) {
    if (date_value_before(a.date, b.date)) return true;
    if (date_value_before(b.date, a.date)) return false;
    return a.id < b.id;
  });
  std::sort(timeline.sources.begin(), timeline.sources.end(),
            [](const SourceInfo& a, const SourceInfo& b) { return a.id < b.id; });
  return timeline;
}

}  // namespace mstl
