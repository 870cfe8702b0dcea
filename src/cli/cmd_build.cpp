// `mstimeline build DIR|FILE`: the whole pipeline, rendered in one format.
#include <cstdio>
#include <memory>

#include "cli/app.hpp"
#include "cli/options.hpp"
#include "mstimeline/output.hpp"

namespace mstl::cli {
namespace {

constexpr const char* k_examples = R"X(Formats:
  json        the timeline, sources and undated sentences (docs/timeline.schema.json)
  jsonl       one event per line, each with the sources it cites
  md          Markdown: a Mermaid chart, events by year, quotes by source (--locale)
  html        one self-contained page, no script, printable (--locale)
  timelinejs  TimelineJS3 JSON (--locale)
  csv         one row per citation (RFC 4180)

Examples:
  mstimeline build data/                          JSON on stdout
  mstimeline build data/ | jq -r '.events[] | "\(.date)  \(.title)"'
  mstimeline build data/ -f md -o docs/timeline.md
  mstimeline build data/ -f md -o docs/timeline.md --check     exit 1 and a diff when out of date
  mstimeline build data/ -f html --locale id -o timeline.html
  mstimeline build data/ --since 2023-11 --until 2024 --kind personnel,leadership
  mstimeline build archive/ -f md --top 20        the 20 events with the most sources, in date order
  mstimeline build article.txt --lang en          one article, forced language
  mstimeline build archive/ -j 8                  eight worker threads; the same output for any -j
)X";

struct BuildArgs {
  InputArgs in;
  OutputArgs out;
};

int run_build_command(const BuildArgs& args, const GlobalOptions& global) {
  auto timings = start_timings(global);
  Knowledge knowledge = load_knowledge(find_data_dir(global.data_dir));
  Output output = prepare_output(args.out, knowledge, args.in.jobs);  // bad values fail before any work
  BuildOptions options = build_options(args.in, knowledge);
  options.timings = timings.get();
  if (timings) timings->mark("knowledge");
  options.title_language = args.out.locale;
  if (!args.out.output.empty() && args.out.output != "-") options.exclude = args.out.output;
  // An -o that cannot be written fails now, not after the whole build: a file is tried (its temporary file
  // made and removed at once, so the walk never sees it); a FIFO or a device is opened only to write.
  const std::string& path = args.out.output;
  if (!args.out.check && !path.empty() && path != "-") {
    const auto facts = file_facts(path);
    if (!facts || facts->regular) OutputStream{path};
  }
  auto result = run_input(options, args.in, knowledge, global);
  if (timings) timings->mark("print warnings");
  int code = emit(result->timeline, output, args.out, global);
  if (timings) timings->mark("render and write");
  print_timings(timings.get());
  keep_until_exit(std::move(result));
  return code;
}

}  // namespace

void register_build(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto args = std::make_shared<BuildArgs>();
  CLI::App* cmd = app.add_subcommand("build", "Build the timeline of a folder of articles (or of one article)");
  cmd->footer(k_examples);
  add_input_options(cmd, args->in);
  add_output_options(cmd, args->out);
  cmd->callback([&action, &global, args] { action = [&global, args] { return run_build_command(*args, global); }; });
}

}  // namespace mstl::cli
