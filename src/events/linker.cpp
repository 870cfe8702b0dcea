// extract_document: one article to its event mentions (timeline.hpp,
// docs/events.md). In order: the article's content lines, its sentences and
// the sides each names, its publication date, then one pass of tagging and
// linking per anchor (a second pass when the publication date had to be
// inferred from the first).
#include <algorithm>
#include <bit>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "events/linker_rules.hpp"
#include "mstimeline/dateline.hpp"
#include "mstimeline/merge_rule.hpp"
#include "mstimeline/path_dates.hpp"
#include "mstimeline/tagger.hpp"
#include "mstimeline/text.hpp"
#include "mstimeline/timeline.hpp"

namespace mstl {
namespace {

namespace chr = std::chrono;
using namespace linker;  // the linker's limits and reaches (linker_rules.hpp)

std::string_view language_sample(std::string_view body) {
  if (body.size() <= k_language_sample) return body;
  std::size_t cut = body.find_first_of(" \n", k_language_sample);
  return body.substr(0, cut == std::string_view::npos ? body.size() : cut);
}

// Tags with the article's language; when that was only a fallback guess (no
// function word of any language), the other lexicons may add expressions
// where the first found none ("Microsoft invests billions, January 23, 2023.").
std::vector<Timex> tag_text(std::string_view body, const TagContext& context, const Knowledge& knowledge,
                            const std::string& language, bool sure, bool* used_document_date = nullptr) {
  std::vector<Timex> found = Tagger(knowledge.lexicon(language)).tag(body, context, used_document_date);
  if (sure) return found;
  for (const auto& [code, lexicon] : knowledge.lexicons) {
    if (code == language) continue;
    for (Timex& t : Tagger(lexicon).tag(body, context, used_document_date)) {
      bool overlaps =
          std::any_of(found.begin(), found.end(), [&](const Timex& f) { return t.begin < f.end && f.begin < t.end; });
      if (!overlaps) found.push_back(std::move(t));
    }
  }
  std::sort(found.begin(), found.end(), [](const Timex& a, const Timex& b) { return a.begin < b.begin; });
  return found;
}

// The calendar date of a DATE or TIME expression, when fully resolved.
std::optional<DateValue> date_of(const Timex& t) {
  if (t.type != TimexType::date && t.type != TimexType::time) return std::nullopt;
  std::string_view v = std::string_view(t.value).substr(0, t.value.find('T'));
  if (v.find('X') != std::string_view::npos) return std::nullopt;
  return parse_date_value(v);
}

// Days from the nearer end of one date's period to the other's (0 when they overlap).
long days_apart(const DateValue& a, const DateValue& b) {
  if (a.period.end <= b.period.start) return (b.period.start - a.period.end).count() + 1;
  if (b.period.end <= a.period.start) return (a.period.start - b.period.end).count() + 1;
  return 0;
}

// Code points in UTF-8 text.
std::size_t letters(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool compatible(const DateValue& a, const DateValue& b) { return merge_rule::dates_compatible(a.period, b.period); }

struct Sentence {
  text::Span span;
  std::size_t paragraph = 0;  // index of its content line
  std::string folded;         // case-folded, white space folded
  unsigned sides = 0;
};

// What a date in a sentence is (docs/events.md, "The role of each date"). Only
// an event date, or a statement date in a sentence with no event date, dates
// an event; every other role is a reason in review.
enum class DateRole {
  event,
  report,       // the date of a quoted source or of the dateline ("dikutip dari ..., Rabu (25/1/2023)")
  statement,    // the day something was said ("kata Sudirman, Selasa (2/12/2014)")
  restatement,  // the same instant again, in local time ("(Rabu pagi WIB)")
  comparison,   // a point of comparison ("terendah sejak Juli 2009")
  reference,    // a date naming a thing ("untuk pengiriman Januari")
  condition,    // a hypothetical ("jika ... pada 2015")
  plan,         // after a future cue ("akan ... pada 27 November")
  bound,        // after a limit cue ("hingga 2030")
  misprint,     // a weekday that is not the date's ("Rabu (14/12/2014)", a Sunday)
};

struct DatedExpression {
  Timex timex;
  DateValue date;
  DateRole role = DateRole::event;
};

// The review reason and detail of a date that dates no event.
std::optional<std::pair<ReviewReason, const char*>> dropped_reason(DateRole role) {
  switch (role) {
    case DateRole::event:
    case DateRole::report:
    case DateRole::statement:
      break;
    case DateRole::restatement:
      return {{ReviewReason::restatement, "the date before it again, in another time zone"}};
    case DateRole::comparison:
      return {{ReviewReason::comparison, "a point of comparison (a comparison cue before the date), not an event"}};
    case DateRole::reference:
      return {{ReviewReason::reference, "a date that names a thing (a contract month, a period), not an event"}};
    case DateRole::condition:
      return {{ReviewReason::condition, "a hypothetical: a condition cue before the date"}};
    case DateRole::plan:
      return {{ReviewReason::future, "a plan or a condition: a future cue before the date"}};
    case DateRole::bound:
      return {{ReviewReason::limit, "a deadline or bound, not when something happened"}};
    case DateRole::misprint:
      return {{ReviewReason::misprint, "the weekday written is not this date's: a misprint, not trusted"}};
  }
  return std::nullopt;
}

using CatalogMatch = std::pair<const CatalogEvent*, std::string>;  // an event and the trigger that found it

class DocumentLinker {
 public:
  DocumentLinker(const Article& article, const Knowledge& knowledge, const EventKnowledge& events)
      : m_article(article), m_knowledge(knowledge), m_events(events), m_body(article.text()) {}
  DocumentLinker(const Article& article, const Knowledge& knowledge, const EventKnowledge& events, bool* skipped)
      : DocumentLinker(article, knowledge, events) {
    m_skipped = skipped;
  }

  DocumentRecord run() {
    m_record.source = m_article.info;
    m_sure = !m_record.source.language.empty();
    if (!m_sure) {
      LanguageGuess guess = identify_language(text::tokenize(language_sample(m_body)), m_knowledge);
      m_record.source.language = guess.language;
      m_sure = guess.evidence > 0;
    }
    m_lexicon = &m_knowledge.lexicon(m_record.source.language);
    m_lines = content_lines(m_body, m_knowledge.boilerplate);
    // A document that cannot yield anything, dated without reading its
    // body: its source as the whole path would give it, and no more.
    bool beyond = !m_events.review && beyond_story(m_body, m_events);
    if (date_without_body() && beyond) {
      if (m_skipped) *m_skipped = true;
      return std::move(m_record);
    }
    find_sentences();
    link(published_date());
    SourceInfo& source = m_record.source;
    if (!source.published) {
      if (auto inferred = inferred_publication()) {
        source.published = day_value(*inferred);
        source.published_basis = "inferred";
        link(published_date());
      } else if (auto linked = latest_catalog_link()) {
        // A text with no date of its own: the latest catalog event it
        // reports, said as such, is all there is to anchor "bulan Juni".
        source.published = day_value(*linked);
        source.published_basis = "catalog";
        link(published_date());
      }
    }
    // Records of a whole archive are held until the merge: no spare capacity.
    m_record.mentions.shrink_to_fit();
    m_record.undated.shrink_to_fit();
    return std::move(m_record);
  }

 private:
  // The publication date from the manifest, the dateline or the path, in
  // that order; false when none gives it (it is then inferred from the text).
  bool date_without_body() {
    SourceInfo& source = m_record.source;
    std::optional<DateValue> from_dateline = dateline();  // found even when the manifest dates the article
    if (source.published) {
      source.published_basis = "manifest";
    } else if (auto d = from_dateline) {
      source.published = d->value;
      source.published_basis = "dateline";
    } else if (auto from_path = date_from_path(source.path, m_knowledge.path_dates)) {
      source.published = *from_path;
      source.published_basis = "path";
    }
    return source.published.has_value();
  }

  std::optional<DateValue> published_date() const {
    return m_record.source.published ? parse_date_value(*m_record.source.published) : std::nullopt;
  }

  void find_sentences() {
    const std::vector<text::Span>& lines = m_lines;
    const auto& splitter = m_knowledge.splitter(m_record.source.language);
    for (std::size_t p = 0; p < lines.size(); ++p) {
      std::string_view line = m_body.substr(lines[p].begin, lines[p].end - lines[p].begin);
      for (const text::Span& s : splitter.split(line)) {
        Sentence sentence;
        sentence.span = {lines[p].begin + s.begin, lines[p].begin + s.end};
        sentence.paragraph = p;
        sentence.folded = text::fold_spaces(text::fold_case(m_body.substr(sentence.span.begin, s.end - s.begin)));
        if (m_events.topic) sentence.sides = m_events.topic->sides_named(sentence.folded);
        m_sentences.push_back(std::move(sentence));
      }
    }
  }

  // The sides named by a sentence and its neighbours in the same paragraph;
  // in an article about the story, one sentence further and across
  // paragraphs (news sites put each sentence on a line of its own).
  unsigned sides_in_context(std::size_t i, bool wide = true) const {
    bool across = wide && m_about_story;
    unsigned bits = m_sentences[i].sides;
    std::size_t reach = m_events.topic ? m_events.topic->context_sentences + (across ? 1 : 0) : 0;
    auto near = [&](std::size_t k) { return across || m_sentences[k].paragraph == m_sentences[i].paragraph; };
    for (std::size_t d = 1; d <= reach; ++d) {
      if (i >= d && near(i - d)) bits |= m_sentences[i - d].sides;
      if (i + d < m_sentences.size() && near(i + d)) bits |= m_sentences[i + d].sides;
    }
    return bits;
  }

  bool on_topic(std::size_t i, bool wide = true) const {
    if (!m_events.topic) return true;
    unsigned all = m_events.topic->all_sides();
    return m_sentences[i].sides != 0 && sides_in_context(i, wide) == all;
  }

  // Whether the article is about the story: it names every side, and
  // document_mentions aliases in all (counted once per sentence).
  bool about_story() const {
    if (!m_events.topic) return false;
    unsigned named = 0;
    std::size_t mentions = 0;
    for (const Sentence& s : m_sentences) {
      named |= s.sides;
      mentions += std::popcount(s.sides);
    }
    return named == m_events.topic->all_sides() && mentions >= m_events.topic->document_mentions;
  }

  // A sentence of an article about the story that names no side, dated near
  // the publication date: the story's news told without its name.
  bool narrated(std::size_t i, const DateValue& date, const std::optional<DateValue>& published) const {
    if (!m_about_story || m_sentences[i].sides != 0 || !published) return false;
    unsigned context = sides_in_context(i);  // none, or all: a one-sided passage (a side's layoffs) stays out
    if (context != 0 && context != m_events.topic->all_sides()) return false;
    auto reach = chr::days(static_cast<int>(m_events.topic->narrative_days));
    return date.period.start + reach >= published->period.start && date.period.start <= published->period.start + reach;
  }

  // Whether an actor of a catalog event is named in the sentence or its
  // context: the sentences of its paragraph within reach, in text order, so
  // that the context is a piece of the folded text (beyond_story relies on it).
  bool names_actor(std::size_t i, const CatalogEvent& e) const {
    std::size_t reach = m_events.topic ? m_events.topic->context_sentences : 1;
    std::size_t first = i, last = i;
    while (first > 0 && i - first < reach && m_sentences[first - 1].paragraph == m_sentences[i].paragraph) --first;
    while (last + 1 < m_sentences.size() && last - i < reach &&
           m_sentences[last + 1].paragraph == m_sentences[i].paragraph)
      ++last;
    std::string context = m_sentences[first].folded;
    for (std::size_t k = first + 1; k <= last; ++k) context += " " + m_sentences[k].folded;
    for (const auto& actor : e.actors) {
      if (contains_word(context, text::fold_case(actor))) return true;
      if (m_events.topic) {
        int side = m_events.topic->side_of(actor);
        if (side >= 0 && (m_events.topic->sides_named(context) >> side) & 1) return true;
      }
    }
    return false;
  }

  // Whether sentence `i` reports an event: it holds a verb by its shape (a
  // verb prefix or suffix with verb_min_stem letters besides, not one of
  // non_event_verbs) or a stem of event_words, and the verb is not framed as
  // a hypothetical or a denial (hypothetical()).
  bool has_event_word(std::size_t i, bool by_shape = true) {
    const Sentence& s = m_sentences[i];
    const std::vector<std::string>& stems = m_lexicon->event_words;
    bool indexed = m_lexicon->event_word_set.size() == stems.size();  // a lexicon made by parse_lexicon
    if (indexed) m_lexicon->event_word_set.find_in(s.folded, m_stems);
    m_present.clear();
    // A repeated stem is found under the id of its first place, checked before it.
    for (std::size_t k = 0; k < stems.size(); ++k)
      if ((!indexed || m_stems.has(k)) && contains_stem(s.folded, stems[k])) {
        // A stem of several words ("kerja sama") is not one token: it counts as found.
        if (stems[k].find(' ') != std::string::npos) return true;
        m_present.push_back(&stems[k]);
      }
    bool shapes = by_shape && !(m_lexicon->verb_prefixes.empty() && m_lexicon->verb_suffixes.empty());
    if (m_present.empty() && !shapes) return false;
    const auto& [tokens, ids] = sentence_tokens(i);
    std::size_t stem = m_lexicon->verb_min_stem;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      const std::string& w = tokens[k].folded;
      if (tokens[k].kind != text::TokenKind::word) continue;
      bool verb = std::any_of(m_present.begin(), m_present.end(), [&](const std::string* e) {
        return e->size() >= 5 ? w.find(*e) != std::string::npos : w.compare(0, e->size(), *e) == 0;
      });
      if (!verb && shapes && letters(w) >= stem + 1 &&
          !(ids[k] >= 0 && (m_lexicon->non_event_verbs.match(ids, k) || m_lexicon->function_words.match(ids, k)))) {
        auto shaped = [&](const std::string& affix, bool prefix) {
          if (letters(w) < letters(affix) + stem) return false;
          return prefix ? w.compare(0, affix.size(), affix) == 0
                        : w.compare(w.size() - affix.size(), affix.size(), affix) == 0;
        };
        verb = std::any_of(m_lexicon->verb_prefixes.begin(), m_lexicon->verb_prefixes.end(),
                           [&](const std::string& p) { return shaped(p, true); }) ||
               std::any_of(m_lexicon->verb_suffixes.begin(), m_lexicon->verb_suffixes.end(),
                           [&](const std::string& x) { return shaped(x, false); });
      }
      if (verb && !hypothetical(tokens, ids, k)) return true;
    }
    return false;
  }

  // Whether the verb at token `k` is framed as a hypothetical or a denial: a
  // condition cue ("jika", "mungkin", "might") or a negation cue ("tidak",
  // "not") ends within k_frame_words words before it, in its clause.
  bool hypothetical(const std::vector<text::Token>& tokens, const std::vector<int>& ids, std::size_t k) const {
    std::size_t words = 0;
    for (std::size_t j = k; j-- > 0 && words < k_frame_words;) {
      if (tokens[j].kind == text::TokenKind::punct) return false;  // another clause
      ++words;
      for (const PhraseSet* set : {&m_lexicon->condition_cues, &m_lexicon->negation_cues})
        if (auto hit = set->match(ids, j); hit && j + hit->length <= k) return true;
    }
    return false;
  }

  // Sentence `i`'s tokens, with file-independent offsets into the body, and
  // their vocabulary ids; tokenized once.
  std::pair<std::vector<text::Token>, std::vector<int>>& sentence_tokens(std::size_t i) {
    if (m_sentence_ids.size() <= i) m_sentence_ids.resize(i + 1);
    auto& entry = m_sentence_ids[i];
    auto& [tokens, ids] = entry;
    if (tokens.empty()) {
      const text::Span& span = m_sentences[i].span;
      tokens = text::tokenize(m_body.substr(span.begin, span.end - span.begin));
      for (auto& t : tokens) {
        t.begin += span.begin;
        t.end += span.begin;
      }
      ids = m_lexicon->ids_of(tokens);
    }
    return entry;
  }

  // Whether a phrase of `set` occurs in [from, to) of sentence `i`, among the
  // sentence's whole words (tokenized once per sentence).
  // The fewest bytes between the end of a phrase of `set` in sentence `i`
  // and `to`, for a phrase that lies between `floor` and `to` and ends at
  // `from` or after; none when there is no such phrase. A cue reaches a date
  // by the gap between them, however long the cue ("terakhir disaksikan
  // pada akhir April 2009").
  std::optional<std::size_t> phrase_gap(const PhraseSet& set, std::size_t i, std::size_t floor, std::size_t from,
                                        std::size_t to) {
    if (from >= to || floor > from) return std::nullopt;
    const text::Span& sentence = m_sentences[i].span;
    if (!text::may_hold_token(m_body.substr(sentence.begin, sentence.end - sentence.begin), floor - sentence.begin,
                              to - sentence.begin, first_words(set)))
      return std::nullopt;  // most sentences: no need to tokenize them
    const auto& [tokens, ids] = sentence_tokens(i);
    m_window.clear();
    m_window_ends.clear();
    for (std::size_t k = 0; k < tokens.size(); ++k)
      if (tokens[k].begin >= floor && tokens[k].end <= to) {
        m_window.push_back(ids[k]);
        m_window_ends.push_back(tokens[k].end);
      }
    std::optional<std::size_t> gap;
    for (std::size_t k = 0; k < m_window.size(); ++k)
      if (auto hit = set.match(m_window, k)) {
        std::size_t end = m_window_ends[k + hit->length - 1];
        if (end >= from && (!gap || to - end < *gap)) gap = to - end;
      }
    return gap;
  }

  bool has_phrase(const PhraseSet& set, std::size_t i, std::size_t from, std::size_t to) {
    return phrase_gap(set, i, from, from, to).has_value();
  }

  // The words a phrase of `set` can start with, folded.
  const std::vector<std::string>& first_words(const PhraseSet& set) {
    for (const auto& [of, words] : m_first_words)
      if (of == &set) return words;
    std::vector<std::string> words;
    set.for_each_phrase(
        [&](const std::vector<int>& phrase) { words.push_back(m_lexicon->vocabulary.word(phrase.front())); });
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return m_first_words.emplace_back(&set, std::move(words)).second;
  }

  // The dateline: a day-precision date in the head before a dateline
  // separator ("Jakarta, Rabu (25/1/2023) - ", "Selasa, 23 Jul 2019 10:15 WIB - "),
  // or a short line that is mostly one. The first content line, or one of
  // the next k_dateline_lines - 1 after a title or a byline; there the head
  // must read as a dateline (marked_dateline_head), not be a sentence with " - ".
  std::optional<DateValue> dateline() {
    for (std::size_t l = 0; l < m_lines.size() && l < k_dateline_lines; ++l) {
      std::string_view line = m_body.substr(m_lines[l].begin, m_lines[l].end - m_lines[l].begin);
      std::size_t cut = dateline_separator(line);
      if (l > 0 && cut != std::string_view::npos && !marked_dateline_head(line.substr(0, cut)))
        cut = std::string_view::npos;
      bool separated = cut != std::string_view::npos;
      std::string_view head = separated                           ? line.substr(0, cut)
                              : line.size() <= k_dateline_max / 2 ? line
                                                                  : std::string_view();
      if (head.empty()) continue;
      for (const Timex& t : tag_text(head, {}, m_knowledge, m_record.source.language, m_sure)) {
        auto d = date_of(t);
        // A line of its own is a dateline only when the date is most of it.
        bool mostly_date = separated || (t.end - t.begin) * 10 >= head.size() * 6;
        if (d && d->precision == Precision::day && t.anchor.empty() && mostly_date) {
          m_dateline = {m_lines[l].begin, m_lines[l].begin + head.size()};
          return d;
        }
      }
    }
    return std::nullopt;
  }

  // The earliest publication date consistent with the latest past event the
  // text reports: its absolute event, statement and report dates (never a
  // plan, a bound, a condition or a catalog's date). Unknown when it has none.
  std::optional<chr::sys_days> latest_catalog_link() const {
    std::optional<chr::sys_days> latest;
    for (const auto& m : m_record.mentions)
      if (!m.catalog_id.empty() && (!latest || m.date.period.start > *latest)) latest = m.date.period.start;
    return latest;
  }

  std::optional<chr::sys_days> inferred_publication() const {
    std::optional<chr::sys_days> latest;
    for (const auto& [i, dated] : m_dated)
      for (const auto& d : dated) {
        bool told = d.role == DateRole::event || d.role == DateRole::statement || d.role == DateRole::report;
        if (told && d.timex.anchor.empty() && (!latest || d.date.period.start > *latest)) latest = d.date.period.start;
      }
    return latest;
  }

  // The dated expressions of each sentence, tagged against `dct`. Tagging
  // again with another date is skipped when no expression depended on it.
  void tag_sentences(const std::optional<DateValue>& dct) {
    if (m_tagged && !m_tags_use_dct) return;
    m_tagged = true;
    m_tags_use_dct = false;
    m_dated.clear();
    m_list_first.clear();
    TagContext context;
    context.document_date = dct;
    std::vector<Timex> found =
        tag_text(m_body, context, m_knowledge, m_record.source.language, m_sure, &m_tags_use_dct);
    std::vector<std::pair<std::size_t, DatedExpression>> in_sentence;  // (sentence, date), in text order
    std::size_t s = 0;
    for (const Timex& t : found) {
      while (s < m_sentences.size() && m_sentences[s].span.end <= t.begin) ++s;
      if (s == m_sentences.size()) break;
      const Sentence& sentence = m_sentences[s];
      if (t.begin < sentence.span.begin || t.end > sentence.span.end) continue;  // boilerplate, or across sentences
      auto date = date_of(t);
      if (!date) continue;
      in_sentence.push_back({s, DatedExpression{t, *date}});
    }
    // A list, a table or text without sentence ends: each of its dates would
    // cite the whole stretch, so its cost would grow with its square. Its
    // dates neither date the article nor report events.
    m_lists.clear();
    std::map<std::size_t, std::size_t> count;
    for (const auto& [i, d] : in_sentence) ++count[i];
    std::size_t quoted = 0;
    const std::size_t budget = k_quote_factor * m_body.size() + k_max_dates_per_sentence * k_max_sentence_bytes;
    for (const auto& [i, n] : count) {
      std::size_t bytes = m_sentences[i].span.end - m_sentences[i].span.begin;
      if (n > k_max_dates_per_sentence || bytes > k_max_sentence_bytes || quoted + n * bytes > budget)
        m_lists[i] = n;
      else
        quoted += n * bytes;
    }
    for (auto& [i, d] : in_sentence) {
      if (m_lists.contains(i)) {
        if (!m_list_first.contains(i)) m_list_first[i] = d.timex;
        continue;
      }
      std::vector<DatedExpression>& before = m_dated[i];
      d.role = role_of(i, d.timex, before.empty() ? nullptr : &before.back().timex);
      before.push_back(std::move(d));
    }
  }

  // Whether a written-out date names a weekday that is not its own.
  bool misprinted(const Timex& t) const {
    auto date = date_of(t);
    std::string_view text = m_body.substr(t.begin, t.end - t.begin);
    if (!date || date->precision != Precision::day || text.find_first_of("0123456789") == std::string_view::npos)
      return false;
    unsigned actual = chr::weekday(date->period.start).iso_encoding();
    for (const text::Token& token : text::tokenize(text))
      if (int named = m_lexicon->weekday_of(token.folded); named > 0) return static_cast<unsigned>(named) != actual;
    return false;
  }

  // The role of date `t` of sentence `i`, `previous` the date before it in the sentence.
  DateRole role_of(std::size_t i, const Timex& t, const Timex* previous) {
    std::size_t start = m_sentences[i].span.begin;
    // A cue before the date before this one belongs to that one.
    std::size_t floor = previous ? std::max(start, previous->end) : start;
    auto gap = [&](const PhraseSet& set, std::size_t reach) {
      return phrase_gap(set, i, floor, t.begin > floor + reach ? t.begin - reach : floor, t.begin);
    };
    if (t.begin >= m_dateline.begin && t.end <= m_dateline.end) return DateRole::report;
    if (misprinted(t)) return DateRole::misprint;
    if (previous && restates(i, *previous, t)) return DateRole::restatement;
    // The cue nearest the date governs it ("akan ... ," kata Sudirman, Selasa":
    // the day it was said); on a tie, the first of this list.
    std::optional<std::size_t> statement = gap(m_lexicon->statement_cues, k_report_reach);
    // "kata Sudirman, Selasa", but not "said on Monday that ... in July 2019".
    if (statement && gap(m_lexicon->reported_clause_cues, k_report_reach)) statement.reset();
    const std::pair<DateRole, std::optional<std::size_t>> cues[] = {
        {DateRole::plan, gap(m_lexicon->future_cues, k_future_reach)},
        {DateRole::report, gap(m_lexicon->report_cues, k_report_reach)},
        {DateRole::statement, statement},
        {DateRole::comparison, gap(m_lexicon->comparison_cues, k_comparison_reach)},
        {DateRole::reference, gap(m_lexicon->reference_cues, k_reference_reach)},
        {DateRole::condition, gap(m_lexicon->condition_cues, k_condition_reach)},
        {DateRole::bound, gap(m_lexicon->limit_cues, k_limit_reach)},
    };
    const std::pair<DateRole, std::optional<std::size_t>>* nearest = nullptr;
    for (const auto& c : cues)
      if (c.second && (!nearest || *c.second < *nearest->second)) nearest = &c;
    if (nearest) return nearest->first;
    return DateRole::event;
  }

  // Whether date `t` restates `previous` in another time zone: in
  // parentheses opened after it, with nothing between them but
  // restatement_cues ("waktu setempat"). (Not whether they are a day apart:
  // the first may be a misprint.)
  bool restates(std::size_t i, const Timex& previous, const Timex& t) {
    if (t.begin - previous.end > k_restatement_reach) return false;
    std::string_view gap = m_body.substr(previous.end, t.begin - previous.end);
    if (gap.find('(') == std::string_view::npos || gap.find(')') != std::string_view::npos) return false;
    const auto& [tokens, ids] = sentence_tokens(i);
    std::vector<int> words;
    for (std::size_t k = 0; k < tokens.size(); ++k)
      if (tokens[k].begin >= previous.end && tokens[k].end <= t.begin && tokens[k].kind != text::TokenKind::punct)
        words.push_back(ids[k]);
    if (words.empty()) return true;
    auto hit = m_lexicon->restatement_cues.match(words, 0);
    return hit && hit->length == words.size();
  }

  // Sentence `i` (from sentence `first` on, when given) dated by `t`.
  Citation cite(std::size_t i, const Timex* t, std::optional<std::size_t> first = std::nullopt) const {
    text::Span span{m_sentences[first.value_or(i)].span.begin, m_sentences[i].span.end};
    return Citation{m_article.info.id, m_article.file_offset(span.begin), m_article.file_offset(span.end),
                    std::string(m_body.substr(span.begin, span.end - span.begin)),
                    t ? std::string(m_body.substr(t->begin, t->end - t->begin)) : std::string()};
  }

  // The content words and numbers of a sentence outside its date
  // expressions: what two reports of one event share beyond the date.
  WordList salient_words(std::size_t first, std::size_t last, const std::vector<DatedExpression>& dated) const {
    std::size_t begin = m_sentences[first].span.begin;
    std::string raw(m_body.substr(begin, m_sentences[last].span.end - begin));
    for (const auto& d : dated)
      for (std::size_t k = d.timex.begin; k < d.timex.end; ++k) raw[k - begin] = ' ';
    std::vector<text::Token> tokens = text::tokenize(raw);
    std::vector<std::string_view> words;
    // The word that relates each date to its clause ("sejak Juni", "since
    // June") as a word of its own, "sejak~": reports of a state that began
    // then share it. A function word ("pada", "on") relates any date: left out.
    std::vector<std::string> relations;
    for (const auto& d : dated) {
      auto before = std::find_if(tokens.rbegin(), tokens.rend(),
                                 [&](const text::Token& t) { return begin + t.end <= d.timex.begin; });
      if (before != tokens.rend() && before->kind == text::TokenKind::word && WordList::acceptable(before->folded) &&
          !m_lexicon->function_words.contains(m_lexicon->vocabulary.find(before->folded)))
        relations.push_back(before->folded + "~");
    }
    for (const std::string& r : relations) words.push_back(r);
    for (const text::Token& t : tokens) {
      if (t.kind == text::TokenKind::punct || !WordList::acceptable(t.folded)) continue;
      bool number = t.kind == text::TokenKind::number;
      if (!number && (t.folded.size() < 4 || m_lexicon->function_words.contains(m_lexicon->vocabulary.find(t.folded))))
        continue;
      // A word of the topic's aliases is in every report of the story: no evidence of which event.
      if (m_events.topic && m_events.topic->alias_tokens.contains(t.folded)) continue;
      words.push_back(t.folded);
    }
    return WordList(words);
  }

  void link(const std::optional<DateValue>& published) {
    m_record.mentions.clear();
    m_record.conflicts.clear();
    m_record.undated.clear();
    m_record.dropped.clear();
    tag_sentences(published);
    m_about_story = about_story();
    m_undated_sentence.reset();
    for (std::size_t i = 0; i < m_sentences.size(); ++i) link_sentence(i, published);
  }

  void link_sentence(std::size_t i, const std::optional<DateValue>& published) {
    const Sentence& s = m_sentences[i];
    const std::vector<DatedExpression>& dated = m_dated[i];
    if (auto list = m_lists.find(i); list != m_lists.end()) {
      if (m_events.review)
        m_record.dropped.push_back(
            {ReviewReason::list,
             fmt::format("{} dates in {} bytes: a list, a table or text without sentence ends, not a report "
                         "(a sentence reports events with at most {} dates and {} bytes, and a text's "
                         "quotes hold at most {} times its bytes)",
                         list->second, s.span.end - s.span.begin, k_max_dates_per_sentence, k_max_sentence_bytes,
                         k_quote_factor),
             cite(i, &m_list_first.at(i))});
      return;
    }
    auto dates_event = [](const DatedExpression& d) {
      return d.role == DateRole::event || d.role == DateRole::statement;
    };
    std::vector<bool> used(dated.size(), false);
    bool linked = false;
    if (m_events.catalog) {
      const std::vector<CatalogMatch>& matches = catalog_matches(i);
      for (const auto& [e, trigger] : matches) {
        const DatedExpression* best = nullptr;
        std::size_t best_index = 0;
        for (std::size_t k = 0; k < dated.size(); ++k) {
          if (!dates_event(dated[k]) || !compatible(dated[k].date, e->date)) continue;
          if (!best || dated[k].date.precision > best->date.precision) {
            best = &dated[k];
            best_index = k;
          }
        }
        if (!best && e->requires_date) continue;
        // A sentence whose every event date is far from the event's tells of
        // another action on its subject (its cancellation a year on): no link.
        if (!best && only_far_event_dates(dated, *e)) continue;
        // An undated report of an event after the publication date cannot be
        // right (an inferred date is only the earliest it can be).
        if (!best && published && known_publication() && e->date.period.start > published->period.start) continue;
        Mention m;
        m.catalog_id = e->id;
        m.trigger = trigger;
        m.date = best && best->date.precision > e->date.precision ? best->date : e->date;
        m.citation = cite(i, best ? &best->timex : nullptr);
        m_record.mentions.push_back(std::move(m));
        if (best) used[best_index] = true;
        linked = true;
      }
      if (!linked) linked = link_by_evidence(i, dated, used);
      // Event dates of a linked sentence that no link explains and that
      // contradict the event it links to, when it links to one only.
      if (matches.size() == 1 && linked) {
        for (std::size_t k = 0; k < dated.size(); ++k) {
          if (used[k] || dated[k].role != DateRole::event) continue;
          const CatalogEvent* e = matches.front().first;
          if (compatible(dated[k].date, e->date)) continue;
          // Farther than k_conflict_days, the text tells of another action on
          // the same subject (a cancellation a year after the signing): a
          // new event, below. Nearer, the text contradicts the catalog.
          if (days_apart(dated[k].date, e->date) > k_conflict_days) continue;
          m_record.conflicts.push_back({e->id, dated[k].date.value, cite(i, &dated[k].timex)});
          if (m_events.review)
            m_record.dropped.push_back(
                {ReviewReason::conflict,
                 "catalog " + e->id + " is " + e->date.value + ", the text says " + dated[k].date.value,
                 cite(i, &dated[k].timex)});
          used[k] = true;
        }
      }
    }
    bool topical = linked || on_topic(i);
    // Looked at only for a sentence on topic, so only such a sentence is searched for event words.
    std::optional<bool> event_like;
    auto reports_event = [&] {
      if (!event_like) event_like = !m_events.topic || has_event_word(i);
      return *event_like;
    };
    // The day something was said dates an event only when nothing else in the sentence does.
    bool has_event_date = false;
    for (std::size_t k = 0; k < dated.size(); ++k) has_event_date |= !used[k] && dated[k].role == DateRole::event;
    bool any_new = false;
    for (std::size_t k = 0; k < dated.size(); ++k) {
      const DatedExpression& d = dated[k];
      if (used[k] || d.role == DateRole::report) continue;
      if (!topical && !narrated(i, d.date, published)) {
        if (m_events.review)
          m_record.dropped.push_back({ReviewReason::off_topic,
                                      "no side of the topic, or not all of them, in or around it", cite(i, &d.timex)});
        continue;
      }
      if (d.role == DateRole::statement && has_event_date) {
        if (m_events.review)
          m_record.dropped.push_back({ReviewReason::statement,
                                      "the day it was said; another date in the sentence dates its event",
                                      cite(i, &d.timex)});
        continue;
      }
      if (auto dropped = dropped_reason(d.role)) {
        if (m_events.review) m_record.dropped.push_back({dropped->first, dropped->second, cite(i, &d.timex)});
        continue;
      }
      if (!reports_event()) {
        if (m_events.review)
          m_record.dropped.push_back(
              {ReviewReason::not_an_event, "on topic, but no verb or event word", cite(i, &d.timex)});
        continue;
      }
      // (Not against an inferred date: that is the start of the text's latest date.)
      if (published && known_publication() && d.date.precision < Precision::day &&
          period_contains(d.date.period, published->period)) {
        if (m_events.review)
          m_record.dropped.push_back({ReviewReason::current_period,
                                      "the period the source is written in (\"this year\"), not "
                                      "when something happened",
                                      cite(i, &d.timex)});
        continue;
      }
      if (published && d.date.period.start > published->period.start) {
        if (m_events.review)
          m_record.dropped.push_back(
              {ReviewReason::after_publication, "a plan or a deadline: after " + published->value, cite(i, &d.timex)});
        continue;
      }
      Mention m;
      m.date = d.date;
      std::size_t first = told_before(i);
      m.citation = cite(i, &d.timex, first);
      m.salient = salient_words(first, i, dated);
      m_record.mentions.push_back(std::move(m));
      any_new = true;
    }
    if (any_new && told_before(i) != i) {
      m_record.undated.pop_back();  // sentence i - 1, now dated by this one
      m_undated_sentence.reset();
    }
    // Undated entries keep the narrow rules (the sentence's own paragraph, an
    // event word): with no date to place it, only an explicit report counts.
    bool undated =
        !linked && !any_new && m_events.topic && on_topic(i, false) &&
        std::none_of(dated.begin(), dated.end(), [](const DatedExpression& d) { return d.role != DateRole::report; });
    if (undated && has_event_word(i, false)) {
      m_record.undated.push_back(cite(i, nullptr));
      m_undated_sentence = i;
    }
  }

  // Whether a sentence's dates hold event dates, all more than
  // k_conflict_days from catalog event `e`'s.
  static bool only_far_event_dates(const std::vector<DatedExpression>& dated, const CatalogEvent& e) {
    bool any = false;
    for (const DatedExpression& d : dated) {
      if (d.role != DateRole::event) continue;
      if (days_apart(d.date, e.date) <= k_conflict_days) return false;
      any = true;
    }
    return any;
  }

  // With no trigger: the catalog event whose date an event date of sentence
  // `i` falls in (month precision or finer), one of whose actors it names,
  // and with k_evidence_words or more of whose content words it shares, the
  // first in catalog order. Its trigger reads "(date and words: ...)".
  bool link_by_evidence(std::size_t i, const std::vector<DatedExpression>& dated, std::vector<bool>& used) {
    for (std::size_t k = 0; k < dated.size(); ++k) {
      const DatedExpression& d = dated[k];
      if (used[k] || d.role != DateRole::event || d.date.precision < Precision::month) continue;
      for (const auto& e : m_events.catalog->events) {
        if (e.date.precision < Precision::month || !compatible(d.date, e.date) || !names_actor(i, e)) continue;
        std::vector<std::string> shared = shared_content_words(i, e);
        if (shared.size() < k_evidence_words) continue;
        Mention m;
        m.catalog_id = e.id;
        m.trigger = fmt::format("(date and words: {})", fmt::join(shared, ", "));
        m.date = d.date.precision > e.date.precision ? d.date : e.date;
        m.citation = cite(i, &d.timex);
        m_record.mentions.push_back(std::move(m));
        used[k] = true;
        return true;
      }
    }
    return false;
  }

  // The content words of catalog event `e` that sentence `i` holds, as words (not function words).
  std::vector<std::string> shared_content_words(std::size_t i, const CatalogEvent& e) {
    const auto& [tokens, ids] = sentence_tokens(i);
    std::set<std::string> held;
    for (std::size_t k = 0; k < tokens.size(); ++k)
      if (tokens[k].kind == text::TokenKind::word && !m_lexicon->function_words.match(ids, k))
        held.insert(tokens[k].folded);
    std::vector<std::string> shared;
    for (const auto& w : e.content_words)
      if (held.contains(w)) shared.push_back(w);
    return shared;
  }

  // Whether the publication date is known rather than inferred from the text or the catalog.
  bool known_publication() const {
    const std::string& basis = m_record.source.published_basis;
    return basis != "inferred" && basis != "catalog";
  }

  // The first sentence a mention of sentence `i` cites: `i - 1` when that
  // sentence reports an event with no date and `i`, in the same paragraph,
  // refers back to it ("PT A resmi mengakuisisi PT B. Kesepakatan itu
  // ditandatangani pada Senin (3/3/2025)."); else `i`.
  std::size_t told_before(std::size_t i) {
    if (i == 0 || m_undated_sentence != i - 1 || m_sentences[i - 1].paragraph != m_sentences[i].paragraph) return i;
    // As the subject it opens with ("Kesepakatan itu ...", "The agreement ..."),
    // not a date's own word ("hari ini").
    const auto& [tokens, ids] = sentence_tokens(i);
    std::size_t end =
        tokens.size() > k_back_reference_words ? tokens[k_back_reference_words].begin : m_sentences[i].span.end;
    for (const DatedExpression& d : m_dated[i])
      if (d.timex.begin < end) return i;
    return has_phrase(m_lexicon->back_references, i, m_sentences[i].span.begin, end) ? i - 1 : i;
  }

  // The catalog events sentence `i` reports, each with its heaviest trigger,
  // found once: the dates play no part, so the second linking pass reuses them.
  const std::vector<CatalogMatch>& catalog_matches(std::size_t i) {
    if (m_matches.size() != m_sentences.size()) m_matches.resize(m_sentences.size());
    std::optional<std::vector<CatalogMatch>>& matches = m_matches[i];
    if (matches) return *matches;
    matches.emplace();
    const Sentence& s = m_sentences[i];
    m_events.catalog->trigger_words.find_in(s.folded, m_words);
    for (const auto& e : m_events.catalog->events) {
      auto it = e.triggers.find(m_record.source.language);
      const std::vector<Trigger>* triggers = it != e.triggers.end() ? &it->second : nullptr;
      std::string trigger;
      if (triggers) trigger = best_trigger(*triggers, s.folded, m_words);
      if (trigger.empty())
        for (const auto& [lang, list] : e.triggers)
          if (trigger.empty()) trigger = best_trigger(list, s.folded, m_words);
      if (!trigger.empty() && names_actor(i, e) && !negated(i, trigger)) matches->emplace_back(&e, trigger);
    }
    return *matches;
  }

  // Whether every place where the trigger's first word starts a word of
  // sentence `i` follows a negation cue within k_negation_words words ("tidak
  // serta-merta pemerintah kembali menaikkan"): a clause that denies the event.
  bool negated(std::size_t i, const std::string& trigger) {
    if (m_lexicon->negation_cues.empty()) return false;
    std::string first = trigger.substr(0, trigger.find(' '));
    const auto& [tokens, ids] = sentence_tokens(i);
    // Words only: "serta-merta" is one word, not three tokens.
    std::vector<std::size_t> words;
    for (std::size_t k = 0; k < tokens.size(); ++k)
      if (tokens[k].kind != text::TokenKind::punct) words.push_back(k);
    bool found = false;
    for (std::size_t w = 0; w < words.size(); ++w) {
      const std::string& folded = tokens[words[w]].folded;
      // As a trigger word is found: a long one inside a word, a short one whole.
      if (first.size() >= 5 ? folded.find(first) == std::string::npos : folded != first) continue;
      found = true;
      bool denied = false;
      for (std::size_t back = 1; back <= k_negation_words && back <= w && !denied; ++back) {
        std::size_t k = words[w - back];
        denied = m_lexicon->negation_cues.match(ids, k).has_value();
        if (k > 0 && tokens[k - 1].kind == text::TokenKind::punct && tokens[k - 1].folded == "-") ++back;
      }
      if (!denied) return false;
    }
    return found;
  }

  static std::string best_trigger(const std::vector<Trigger>& triggers, std::string_view folded,
                                  const NeedleHits& words) {
    std::size_t weight = trigger_weight(triggers, folded, words);
    if (weight == 0) return {};
    for (const auto& t : triggers) {
      if (t.weight != weight || !trigger_matches(t, folded, words)) continue;
      std::string phrase;
      for (const auto& w : t.words) phrase += (phrase.empty() ? "" : " ") + w;
      return phrase;
    }
    return {};
  }

  const Article& m_article;
  const Knowledge& m_knowledge;
  const EventKnowledge& m_events;
  std::string_view m_body;
  const Lexicon* m_lexicon = nullptr;
  bool m_sure = false;
  std::vector<text::Span> m_lines;
  text::Span m_dateline{0, 0};  // the dateline's date dates the article, not an event
  std::vector<Sentence> m_sentences;
  std::map<std::size_t, std::vector<DatedExpression>> m_dated;  // by sentence index
  std::map<std::size_t, std::size_t> m_lists;  // sentence index -> its dates, for lists (see tag_sentences)
  std::map<std::size_t, Timex> m_list_first;   // sentence index -> the first date of a list
  std::vector<std::pair<std::vector<text::Token>, std::vector<int>>> m_sentence_ids;  // by sentence, when asked
  std::vector<int> m_window;
  std::vector<std::size_t> m_window_ends;                           // where each word of m_window ends
  std::vector<const std::string*> m_present;                        // the event_words a sentence holds
  std::vector<std::optional<std::vector<CatalogMatch>>> m_matches;  // by sentence, once asked (catalog_matches)
  NeedleHits m_words;                                               // the trigger words of the sentence at hand
  NeedleHits m_stems;                                               // its event words (has_event_word)
  std::vector<std::pair<const PhraseSet*, std::vector<std::string>>> m_first_words;  // see first_words
  bool m_about_story = false;                                                        // see about_story()
  std::optional<std::size_t> m_undated_sentence;  // the sentence of the last undated entry (told_before)
  bool* m_skipped = nullptr;                      // set when the body was not read (beyond_story)
  bool m_tagged = false;
  bool m_tags_use_dct = false;  // whether m_dated depends on the date it was tagged against
  DocumentRecord m_record;
};

}  // namespace

DocumentRecord extract_document(const Article& article, const Knowledge& knowledge, const EventKnowledge& events,
                                bool* skipped) {
  if (skipped) *skipped = false;
  return DocumentLinker(article, knowledge, events, skipped).run();
}

bool beyond_story(std::string_view text, const EventKnowledge& events) {
  if (!events.topic) return false;  // every dated sentence may be an event
  // Sentences are matched folded (fold_case, then fold_spaces), each a piece
  // of the text folded whole: a name they hold, the folded text holds.
  std::string folded = text::fold_spaces(text::fold_case(text));
  NeedleHits held;
  events.topic->alias_words.find_in(folded, held);
  const auto& sides = events.topic->sides;
  std::vector<bool> named(sides.size(), false);
  for (std::size_t i = 0; i < sides.size(); ++i)
    for (std::size_t k = 0; k < sides[i].aliases.size() && !named[i]; ++k)
      named[i] = k < sides[i].alias_ids.size() && sides[i].alias_ids[k] < events.topic->alias_words.size()
                     ? held.has(sides[i].alias_ids[k])
                     : folded.find(sides[i].aliases[k]) != std::string::npos;
  // All sides: on topic. Else only a catalog link could cite it, and every
  // link needs one of its event's actors in or around the sentence, by its
  // name or by an alias of its side (names_actor).
  if (std::find(named.begin(), named.end(), false) == named.end()) return false;
  if (events.catalog)
    for (const CatalogEvent& e : events.catalog->events)
      for (const std::string& actor : e.actors) {
        int side = events.topic->side_of(actor);
        if (folded.find(text::fold_case(actor)) != std::string::npos || (side >= 0 && named[side])) return false;
      }
  return true;
}

}  // namespace mstl
