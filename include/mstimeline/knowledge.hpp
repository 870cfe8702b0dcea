// The knowledge bundle: every data file the pipeline reads, loaded once.
//
// Knowledge lives under a data directory laid out like the repository's
// `data/` folder (minus the articles): `lexicon/<code>.json` for each
// language, `boilerplate/*.json`, `path_dates/*.json` (publication dates in
// file paths), and `labels/<code>.json` for each locale of the md and html
// pages. The binary finds it, in this order, at
//   1. --data-dir DIR,
//   2. the MSTIMELINE_DATA environment variable,
//   3. <directory of the executable>/../share/mstimeline, which is where both
//      the build tree and `cmake --install` put it.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mstimeline/boilerplate.hpp"
#include "mstimeline/labels.hpp"
#include "mstimeline/lexicon.hpp"
#include "mstimeline/path_dates.hpp"
#include "mstimeline/text.hpp"

namespace mstl {

struct Knowledge {
  std::filesystem::path data_dir;
  std::map<std::string, Lexicon> lexicons;  // by language code
  Boilerplate boilerplate;                  // <data dir>/boilerplate/*.json
  PathDates path_dates;                     // <data dir>/path_dates/*.json
  std::map<std::string, Labels> labels;     // <data dir>/labels/<code>.json, by code
  // SHA-256 of what extraction reads: the lexicon, boilerplate and path dates
  // files, each with its name, in order (labels only render). Parts carry it, so that
  // `extract --reuse` never reuses a document read with other rules.
  std::string extraction_fingerprint;

  // Throws mstl::Error naming the available languages when `language` has no lexicon.
  const Lexicon& lexicon(std::string_view language) const;
  // Throws mstl::Error naming the available locales when `code` has no labels
  // or no lexicon (a page needs both: its words and its written-out dates).
  const Labels& label_set(std::string_view code) const;
  // A sentence splitter with the language's abbreviations. A loaded
  // Knowledge is read-only and may be shared by any number of threads.
  const text::SentenceSplitter& splitter(std::string_view language) const;

  std::map<std::string, std::unique_ptr<text::SentenceSplitter>> splitters;  // by language code
};

// Loads and validates every knowledge file; the first invalid one is an Error
// whose message is its `path:line:col` diagnostic. With `problems` (a check
// of the curator's files), every problem of the boilerplate files is
// appended there instead, and the rules that have none are kept; the other
// files still throw at the first.
Knowledge load_knowledge(const std::filesystem::path& data_dir, std::vector<Diagnostic>* problems = nullptr);

// The data directory per the search order above, for an empty `flag`.
std::filesystem::path find_data_dir(const std::string& flag);

// Identifies an article's language by counting each lexicon's function words
// among its tokens: the language with the most wins; ties (and articles with
// none at all) go to the lexicon marked "fallback", else to the code that
// sorts first. Deterministic and cheap; good for whole articles, not for
// single short sentences.
struct LanguageGuess {
  std::string language;
  int evidence = 0;  // function words of that language seen; 0: a guess by fallback
};
LanguageGuess identify_language(const std::vector<text::Token>& tokens, const Knowledge& knowledge);

}  // namespace mstl
