// `mstimeline review DIR`: what a curator should look at to grow the catalog
// and the topic profile.
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/options.hpp"
#include "mstimeline/knowledge.hpp"
#include "mstimeline/output.hpp"
#include "mstimeline/pipeline.hpp"
#include "mstimeline/review.hpp"

namespace mstl::cli {
namespace {

// The footer: the reasons come from their table (review.hpp), in the text format's order.
std::string examples() {
  std::string names;
  for (ReviewReason r : k_review_reasons)
    names += fmt::format("{}{}", names.empty() ? "" : ", ", review_reason_name(r));
  return fmt::format(R"X(Reasons (text: a section each, in this order, with its count; json: "reason"; docs/events.md):
  {}

Examples:
  mstimeline review data/ | less
  mstimeline review archive/ --manifest sources.json --no-catalog -f json
      its "events" are those that build archive/ --manifest sources.json --no-catalog publishes
)X",
                     names);
}

struct ReviewArgs {
  InputArgs in;
  std::string format = "text";
};

int run_review(const ReviewArgs& args, const GlobalOptions& global) {
  Knowledge knowledge = load_knowledge(find_data_dir(global.data_dir));
  BuildOptions options = build_options(args.in, knowledge);
  options.keep_review = true;
  auto result = run_input(options, args.in, knowledge, global);
  const Timeline& t = result->timeline;
  write_output("-", args.format == "json" ? render_review_json(t) : render_review_text(t));
  return 0;
}

}  // namespace

void register_review(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto args = std::make_shared<ReviewArgs>();
  CLI::App* cmd = app.add_subcommand("review",
                                     "List what a curator should check (undated events, dropped "
                                     "mentions, conflicts, weak merges) and the events kept, in the "
                                     "extraction build makes with the same input options");
  add_input_options(cmd, args->in);
  cmd->add_option("-f,--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->footer(examples());
  cmd->callback([&action, &global, args] { action = [&global, args] { return run_review(*args, global); }; });
}

}  // namespace mstl::cli
