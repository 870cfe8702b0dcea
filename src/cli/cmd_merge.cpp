// `mstimeline merge PART...`: the reduce step. Builds the timeline from the
// parts `mstimeline extract` wrote, in any order, as `build` would.
#include <cstdio>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/options.hpp"
#include "mstimeline/output.hpp"
#include "mstimeline/record.hpp"

namespace mstl::cli {
namespace {

constexpr const char* k_examples = R"X(Examples:
  mstimeline merge part-*.jsonl                     JSON on stdout, as build would print
  mstimeline merge part-*.jsonl -f md -o docs/timeline.md --check
  cat part-* | mstimeline merge - -f html -o timeline.html
  mstimeline merge part-*.jsonl --top 10            the 10 events with the most sources, in date order
)X";

struct MergeArgs {
  std::vector<std::string> parts;
  std::string title;
  std::size_t jobs = 0;  // 0: one per core
  OutputArgs out;
};

// Keeps what merge_documents needs of the parts' headers, not all of them (10,000 parts each with the
// catalog): the first, the first whose topic or catalog differs (an error), and the first whose title does.
void keep_header(std::vector<PartHeader>& kept, PartHeader header) {
  if (kept.empty()) return kept.push_back(std::move(header));
  const PartHeader& first = kept.front();
  bool other_knowledge = header.topic != first.topic || header.catalog != first.catalog;
  bool other_title = header.title != first.title;
  for (std::size_t i = 1; i < kept.size(); ++i) {
    const PartHeader& k = kept[i];
    if (other_knowledge && (k.topic != first.topic || k.catalog != first.catalog)) return;
    if (!other_knowledge && other_title && k.title != first.title) return;
  }
  if (other_knowledge || other_title) kept.push_back(std::move(header));
}

int run_merge_command(const MergeArgs& args, const GlobalOptions& global) {
  auto timings = start_timings(global);
  Knowledge knowledge = load_knowledge(find_data_dir(global.data_dir));
  Output output = prepare_output(args.out, knowledge, args.jobs);
  if (timings) timings->mark("knowledge");
  // The output is opened (its temporary file made) before the parts are read: an -o that cannot be
  // written fails now, not after the merge.
  std::optional<OutputStream> out;
  if (!args.out.check) out.emplace(args.out.output);
  std::uint64_t bytes = 0;
  std::vector<PartHeader> headers;
  std::vector<DocumentRecord> documents;
  for (const auto& path : args.parts) {
    Part part = read_part(path, args.jobs);
    bytes += part.bytes;
    for (auto& h : part.headers) keep_header(headers, std::move(h));
    append_documents(documents, std::move(part.documents));
  }
  if (timings) timings->mark_rate("read and parse parts", fmt::format("{} parts", args.parts.size()), bytes);
  auto timeline = std::make_unique<Timeline>(merge_documents(std::move(documents), headers, knowledge, args.title,
                                                             args.out.locale, false, args.jobs, timings.get()));
  int code = emit(*timeline, output, args.out, global, out ? &*out : nullptr);
  if (timings) timings->mark("render and write");
  print_timings(timings.get());
  keep_until_exit(std::move(timeline));
  return code;
}

}  // namespace

void register_merge(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto args = std::make_shared<MergeArgs>();
  CLI::App* cmd = app.add_subcommand("merge", "Reduce step: the timeline of parts written by extract");
  cmd->footer(k_examples);
  cmd->add_option("parts", args->parts, "Parts written by mstimeline extract (- for stdin)")
      ->required()
      ->type_name("PART...");
  cmd->add_option("--title", args->title, "Timeline title [default: the parts', else \"Timeline\"]")->type_name("TEXT");
  cmd->add_option("-j,--jobs", args->jobs, "Worker threads [default: one per core]; the output is the same for any N")
      ->type_name("N")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1024}));
  add_output_options(cmd, args->out);
  cmd->callback([&action, &global, args] { action = [&global, args] { return run_merge_command(*args, global); }; });
}

}  // namespace mstl::cli
