// `mstimeline extract DIR|FILE`: the map step. Per-document records as JSON
// Lines (record.hpp), for `mstimeline merge` to build the timeline from.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/options.hpp"
#include "mstimeline/output.hpp"

namespace mstl::cli {
namespace {

constexpr const char* k_examples = R"X(Examples:
  mstimeline extract data/ -o data.part.jsonl
  mstimeline merge data.part.jsonl -f md             the same as: mstimeline build data/ -f md
  seq 0 6 | xargs -P 7 -I{} mstimeline extract archive/ --shard {}/7 -j 1 -o part-{}.jsonl
  mstimeline merge part-*.jsonl -o timeline.json     the same bytes as: mstimeline build archive/
  mstimeline extract archive/ --reuse archive.jsonl -o archive.jsonl   only new and changed files are extracted again
See docs/scaling.md for Hadoop Streaming and Spark.
)X";

struct ExtractArgs {
  InputArgs in;
  std::string output;
  std::string shard;
  std::vector<std::string> reuse;
};

void parse_shard(const std::string& text, BuildOptions& options) {
  std::size_t slash = text.find('/');
  std::size_t k = 0, n = 0;
  bool ok = slash != std::string::npos && slash > 0 && slash + 1 < text.size();
  for (std::size_t i = 0; ok && i < text.size(); ++i)
    if (i != slash) ok = text[i] >= '0' && text[i] <= '9';
  if (ok) {
    try {
      k = std::stoul(text.substr(0, slash));
      n = std::stoul(text.substr(slash + 1));
    } catch (const std::exception&) {
      ok = false;
    }
  }
  if (!ok || n == 0 || k >= n)
    throw Error(
        fmt::format("--shard: \"{}\" is not K/N with 0 <= K < N (shard 0/3, 1/3 and 2/3 cover all files)", text));
  options.shard_index = k;
  options.shard_count = n;
}

int run_extract_command(const ExtractArgs& args, const GlobalOptions& global) {
  auto timings = start_timings(global);
  Knowledge knowledge = load_knowledge(find_data_dir(global.data_dir));
  BuildOptions options = build_options(args.in, knowledge);
  options.timings = timings.get();
  if (timings) timings->mark("knowledge");
  if (!args.shard.empty()) parse_shard(args.shard, options);
  options.reuse.assign(args.reuse.begin(), args.reuse.end());
  if (!args.output.empty() && args.output != "-") options.exclude = args.output;
  const bool to_stdout = args.output.empty() || args.output == "-";
  auto progress = attach_progress(options, global, to_stdout ? stdout_is_terminal() : path_is_terminal(args.output));
  // The part is written as it is made, never whole in memory; a file is opened
  // once the input has been walked, so its temporary file is not walked. With
  // --strict, nothing may be written when there are warnings: a regular file
  // is replaced only at the end, but stdout, a FIFO or a terminal is written
  // through, so the part is held until the warnings are known.
  const auto existing = to_stdout ? std::nullopt : file_facts(args.output);
  const bool hold = args.in.strict && (to_stdout || (existing && !existing->regular && !existing->directory));
  std::optional<OutputStream> out;
  std::string held;
  auto write = [&](std::string_view chunk) {
    if (hold) {
      held += chunk;
      return;
    }
    if (!out) out.emplace(args.output);
    out->write(chunk);
  };
  Extraction x = write_part(options, knowledge, write);
  if (timings) timings->mark("extract: finish");
  progress->finish();
  report(x.warnings, x.notes, global, args.in.strict);  // --strict: throws; a file is left as it was
  if (timings) timings->mark("print warnings");
  if (hold)
    write_output(args.output, held);
  else
    out->commit();
  if (timings) timings->mark("commit");
  print_timings(timings.get());
  return 0;
}

}  // namespace

void register_extract(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* cmd = app.add_subcommand("extract", "Map step: per-document records of a folder (or a shard of it)");
  cmd->footer(k_examples);
  add_input_options(cmd, args->in);
  cmd->add_option("-o,--output", args->output, "Write the part to FILE atomically instead of stdout")
      ->check(non_empty("a FILE, or - for standard output"))
      ->type_name("FILE");
  cmd->add_option("--shard", args->shard, "Only the files whose index in path order is K modulo N")
      ->check(non_empty("K/N"))
      ->type_name("K/N");
  cmd->add_option("--reuse", args->reuse,
                  "Copy each document whose file, metadata, code and settings are unchanged from these earlier "
                  "parts (- for stdin) instead of extracting it again; the output is the same. Takes every value "
                  "up to the next option: give the input first")
      ->check(non_empty("a PART, or - for standard input"))
      ->type_name("PART");
  cmd->callback([&action, &global, args] { action = [&global, args] { return run_extract_command(*args, global); }; });
}

}  // namespace mstl::cli
