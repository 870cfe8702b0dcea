// `mstimeline catalog check [FILE]`: validates an event catalog.
#include <algorithm>
#include <cstdio>
#include <memory>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/app.hpp"
#include "cli/options.hpp"
#include "mstimeline/knowledge.hpp"
#include "mstimeline/pipeline.hpp"

namespace mstl::cli {
namespace {

// A trigger all of whose words are the lexicon's function_words ("dan",
// "pada", "the") is in nearly every sentence: its event would be linked
// everywhere, and a catalog of such events makes the build's work and output
// grow with the events times the archive. The words are the lexicon's, so a
// curator sees why; the error points at the first such trigger.
std::optional<Diagnostic> common_word_trigger(const JsonDoc& doc, const Catalog& catalog, const Knowledge& knowledge) {
  for (std::size_t i = 0; i < catalog.events.size(); ++i) {
    for (const auto& [lang, triggers] : catalog.events[i].triggers) {
      auto lexicon = knowledge.lexicons.find(lang);
      if (lexicon == knowledge.lexicons.end()) continue;  // no words known as common in that language
      const Lexicon& lex = lexicon->second;
      for (std::size_t k = 0; k < triggers.size(); ++k) {
        const std::vector<std::string>& words = triggers[k].words;
        bool common = std::all_of(words.begin(), words.end(), [&](const std::string& w) {
          return lex.function_words.contains(lex.vocabulary.find(w));
        });
        if (!common) continue;
        std::string pointer = json_pointer_append(fmt::format("/events/{}/triggers", i), lang) + "/" + std::to_string(k);
        return doc.error_at(pointer, fmt::format("trigger \"{}\" has only words of the {} lexicon's function_words, "
                                                 "which are in nearly every sentence; give a phrase with a word "
                                                 "of the event",
                                                 fmt::join(words, " "), lang));
      }
    }
  }
  return std::nullopt;
}

int run_catalog_check(const std::string& file, const GlobalOptions& global) {
  JsonDoc doc = read_json_file(file).take();
  Catalog catalog = parse_catalog(doc).take();  // throws with path:line:col on the first problem
  if (auto common = common_word_trigger(doc, catalog, load_knowledge(find_data_dir(global.data_dir))))
    throw Error(*common);
  if (!global.quiet) {
    std::size_t triggers = 0;
    for (const auto& e : catalog.events)
      for (const auto& [lang, list] : e.triggers) triggers += list.size();
    std::printf("%s: ok, %zu events, %zu triggers\n", file.c_str(), catalog.events.size(), triggers);
  }
  return 0;
}

}  // namespace

void register_catalog(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto file = std::make_shared<std::string>(std::string("data/") + k_catalog_file);
  CLI::App* cmd = app.add_subcommand("catalog", "Work with an event catalog");
  cmd->require_subcommand(1);
  cmd->footer("Example:\n  mstimeline catalog check data/catalog.json     exit 0 and a count, or 2 and each problem\n");
  CLI::App* check = cmd->add_subcommand("check", "Check a catalog: every problem as path:line:col, exit 2");
  check->add_option("file", *file, "The catalog")->check(non_empty("a FILE"))->type_name("FILE")->capture_default_str();
  check->footer("Example:\n  mstimeline catalog check data/catalog.json\n");
  check->callback([&action, &global, file] { action = [&global, file] { return run_catalog_check(*file, global); }; });
}

}  // namespace mstl::cli
