// `mstimeline dates [--dct DATE] [--lang CODE|auto] [FILE|-]`: every temporal
// expression of one text as JSON Lines, in text order. For inspecting what the
// tagger sees, piping into other tools, and measuring accuracy.
#include <cstdio>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "cli/options.hpp"
#include "mstimeline/decode.hpp"
#include "mstimeline/knowledge.hpp"
#include "mstimeline/output.hpp"
#include "mstimeline/tagger.hpp"

namespace mstl::cli {
namespace {

constexpr const char* k_examples = R"TXT(Output: one JSON object per expression, in text order:
  {"text": "Rabu (25/1/2023)", "start": 451, "end": 467, "type": "DATE", "value": "2023-01-25", "anchor": null}
  start and end are byte offsets into the input; "mod" appears when set (START, MID, END, APPROX);
  "anchor" is the date a relative expression was resolved against.

Examples:
  mstimeline dates data/articles/000_40745a8f02a1e1be.txt
  echo 'Rapat digelar kemarin pagi.' | mstimeline dates --dct 2023-11-17
  mstimeline dates --lang en --dct 2023-01-25 article.txt | jq -r .value
)TXT";

struct DatesArgs {
  std::string input = "-";
  std::string dct;
  std::string language = "auto";
};

std::string read_input(const std::string& path) {
  InputFile file = (path == "-" ? InputFile::standard_input("<stdin>") : InputFile::open(path)).take();
  return file.read_all(k_max_data_file, "the input of dates").take();
}

// `start` and `end` are file offsets; `text` is the text between them, decoded.
std::string jsonl(std::string_view body, const Decoded& decoded, const Timex& t) {
  nlohmann::ordered_json j{{"text", body.substr(t.begin, t.end - t.begin)},
                           {"start", decoded.file_offset(t.begin)},
                           {"end", decoded.file_offset(t.end)},
                           {"type", std::string(to_string(t.type))},
                           {"value", t.value}};
  if (!t.mod.empty()) j["mod"] = t.mod;
  j["anchor"] = t.anchor.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(t.anchor);
  return j.dump() + "\n";
}

int run_dates_command(const DatesArgs& args, const GlobalOptions& global) {
  Knowledge knowledge = load_knowledge(find_data_dir(global.data_dir));
  TagContext context;
  if (!args.dct.empty()) {
    context.document_date = parse_date_value(args.dct);
    if (!context.document_date || context.document_date->precision != Precision::day)
      throw Error(fmt::format("--dct: \"{}\" is not a calendar date YYYY-MM-DD", args.dct));
  }
  std::string bytes = read_input(args.input);
  std::string name = args.input == "-" ? "<stdin>" : args.input;
  Decoded decoded = decode_article(name, bytes).take();
  print_warnings(decoded.warnings, global);
  std::string_view body = decoded.view(bytes);
  std::string language = args.language;
  if (language == "auto") language = identify_language(text::tokenize(body.substr(0, 8192)), knowledge).language;
  Tagger tagger(knowledge.lexicon(language));
  std::string out;
  for (Timex t : tagger.tag(body, context)) {
    out += jsonl(body, decoded, t);
  }
  write_output("-", out);
  return 0;
}

}  // namespace

void register_dates(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto args = std::make_shared<DatesArgs>();
  CLI::App* cmd = app.add_subcommand("dates", "List the temporal expressions of one text as JSON Lines");
  cmd->footer(k_examples);
  cmd->add_option("input", args->input, "Text file, or - for standard input")
      ->check(non_empty("a FILE, or - for standard input"))
      ->type_name("FILE|-")
      ->capture_default_str();
  cmd->add_option("--dct", args->dct, "Document date anchoring relative expressions [default: none]")
      ->type_name("YYYY-MM-DD");
  cmd->add_option("--lang", args->language, "Language: a lexicon code (id, en) or auto")
      ->check(non_empty("a lexicon code (id, en) or auto"))
      ->type_name("CODE")
      ->capture_default_str();
  cmd->callback([&action, &global, args] { action = [&global, args] { return run_dates_command(*args, global); }; });
}

}  // namespace mstl::cli
