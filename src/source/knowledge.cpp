#include "mstimeline/knowledge.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "mstimeline/sha256.hpp"
#include "mstimeline/text.hpp"

namespace mstl {
namespace fs = std::filesystem;

namespace {

// The *.json files of a folder, in byte-wise order; none when it is missing.
std::vector<fs::path> json_files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".json") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

const Lexicon& Knowledge::lexicon(std::string_view language) const {
  auto it = lexicons.find(std::string(language));
  if (it != lexicons.end()) return it->second;
  std::vector<std::string> codes;
  for (const auto& [code, lex] : lexicons) codes.push_back(code);
  throw Error(fmt::format("no lexicon for language \"{}\" (available: {})", language, fmt::join(codes, ", ")));
}

const Labels& Knowledge::label_set(std::string_view code) const {
  auto it = labels.find(std::string(code));
  if (it != labels.end() && lexicons.contains(it->first)) return it->second;
  std::vector<std::string> codes;
  for (const auto& [c, l] : labels)
    if (lexicons.contains(c)) codes.push_back(c);
  if (codes.empty())
    throw Error(
        fmt::format("no locale \"{}\": {} holds no labels/<code>.json with a lexicon beside it (docs/labels.md)", code,
                    data_dir.string()));
  throw Error(fmt::format("no locale \"{}\" (available: {})", code, fmt::join(codes, ", ")));
}

const text::SentenceSplitter& Knowledge::splitter(std::string_view language) const {
  (void)lexicon(language);  // the same error for an unknown language
  return *splitters.at(std::string(language));
}

Knowledge load_knowledge(const fs::path& data_dir, std::vector<Diagnostic>* problems) {
  Knowledge k;
  k.data_dir = data_dir;
  fs::path lexicon_dir = data_dir / "lexicon";
  std::error_code ec;
  if (!fs::is_directory(lexicon_dir, ec))
    throw Error(fmt::format("{}: no lexicon directory; is the data directory right? (--data-dir, MSTIMELINE_DATA)",
                            lexicon_dir.string()));
  std::string fallback;
  std::string read;  // every file extraction reads, named: the fingerprint's input
  auto remember = [&read](const char* folder, const fs::path& file, const JsonDoc& doc) {
    read += fmt::format("{}/{}\n{}\n", folder, file.filename().string(), doc.text.size());
    read += doc.text;
  };
  for (const auto& file : json_files(lexicon_dir)) {
    JsonDoc doc = read_json_file(file.string()).take();
    remember("lexicon", file, doc);
    Lexicon lexicon = parse_lexicon(doc, file.stem().string()).take();
    if (lexicon.fallback && !fallback.empty())
      throw Error(doc.error_at("/fallback", fmt::format("\"fallback\" is already set by {}.json", fallback)));
    if (lexicon.fallback) fallback = lexicon.language;
    k.splitters.emplace(lexicon.language, std::make_unique<text::SentenceSplitter>(lexicon.abbreviations));
    k.lexicons.emplace(lexicon.language, std::move(lexicon));
  }
  if (k.lexicons.empty()) throw Error(fmt::format("{}: no lexicon files (*.json)", lexicon_dir.string()));
  // Boilerplate rules are optional: without them nothing is boilerplate.
  for (const auto& file : json_files(data_dir / "boilerplate")) {
    JsonDoc doc = read_json_file(file.string()).take();
    remember("boilerplate", file, doc);
    if (problems) {
      check_boilerplate(doc, k.boilerplate, *problems);
    } else if (auto e = parse_boilerplate(doc, k.boilerplate)) {
      throw Error(*e);
    }
  }
  // So are path dates: without them no date comes from a file's path.
  for (const auto& file : json_files(data_dir / "path_dates")) {
    JsonDoc doc = read_json_file(file.string()).take();
    remember("path_dates", file, doc);
    if (auto e = parse_path_dates(doc, k.path_dates)) throw Error(*e);
  }
  k.extraction_fingerprint = sha256_hex(read);
  // Labels are optional too: without them only json, jsonl and csv render.
  for (const auto& file : json_files(data_dir / "labels")) {
    JsonDoc doc = read_json_file(file.string()).take();
    Labels labels = parse_labels(doc, file.stem().string()).take();
    k.labels.emplace(labels.language, std::move(labels));
  }
  return k;
}

fs::path find_data_dir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("MSTIMELINE_DATA"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw Error("cannot locate the executable to find the data directory; use --data-dir");
  return (exe.parent_path() / ".." / "share" / "mstimeline").lexically_normal();
}

LanguageGuess identify_language(const std::vector<text::Token>& tokens, const Knowledge& knowledge) {
  std::vector<const Lexicon*> lexicons;  // in code order
  for (const auto& [code, lex] : knowledge.lexicons) lexicons.push_back(&lex);
  std::vector<int> counts(lexicons.size(), 0);
  for (const auto& token : tokens) {
    if (token.kind != text::TokenKind::word) continue;
    for (std::size_t l = 0; l < lexicons.size(); ++l) {
      const Lexicon& lex = *lexicons[l];
      if (lex.vocabulary_filter.may_contain(token.folded) &&
          lex.function_words.contains(lex.vocabulary.find(token.folded)))
        ++counts[l];
    }
  }
  // Ties, including "no evidence at all", go to the fallback language.
  std::size_t best = 0;
  for (std::size_t l = 0; l < lexicons.size(); ++l)
    if (lexicons[l]->fallback) best = l;
  for (std::size_t l = 0; l < lexicons.size(); ++l)
    if (counts[l] > counts[best]) best = l;
  return {lexicons[best]->language, counts[best]};
}

}  // namespace mstl
