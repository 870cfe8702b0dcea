// `mstimeline review DIR`: what a curator should look at to grow the catalog
// and the topic profile.
#include <cstdio>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "cli/options.hpp"
#include "mstimeline/decode.hpp"
#include "mstimeline/knowledge.hpp"
#include "mstimeline/output.hpp"
#include "mstimeline/pipeline.hpp"

namespace mstl::cli {
namespace {

struct ReviewArgs {
  std::string input;
  std::string format = "text";
  std::string topic;
  std::string catalog;
};

constexpr std::pair<const char*, const char*> k_sections[] = {
    {"undated", "On-topic sentences reporting an event, with no date and no catalog event"},
    {"conflict", "Text dates that contradict their catalog event"},
    {"weak-merge", "Mentions merged on weak evidence"},
    {"off-topic", "Dated sentences left out as off topic"},
    {"not-an-event", "Dated on-topic sentences with no verb or event word"},
    {"after-publication", "Dates after the source's publication date (plans, deadlines)"},
    {"future", "Plans: dates after a future cue (\"akan\", \"will\")"},
    {"limit", "Dates that bound something (\"hingga 2030\")"},
    {"condition", "Hypotheticals: dates after a condition cue (\"jika\", \"if\")"},
    {"statement", "Days something was said, in sentences another date dates (\"kata X, Selasa\")"},
    {"restatement", "The same instant told again in local time (\"(Rabu pagi WIB)\")"},
    {"comparison", "Points of comparison (\"terendah sejak Juli 2009\")"},
    {"reference", "Dates that name a thing or a period (\"pengiriman Januari\", \"selama November\")"},
    {"misprint", "Dates whose weekday is not theirs (\"Rabu (14/12/2014)\", a Sunday): not trusted"},
    {"current-period", "The period a source is written in (\"tahun ini\", \"2014\" in a 2014 article)"},
    {"list", "Lists, tables and text without sentence ends: too many dates or bytes for one sentence"},
};

std::string render_text(const Timeline& t) {
  std::string out;
  for (const auto& [reason, heading] : k_sections) {
    std::vector<const ReviewItem*> items;
    for (const auto& r : t.review)
      if (r.reason == reason) items.push_back(&r);
    out += fmt::format("== {} ({}: {})\n", heading, reason, items.size());
    for (const ReviewItem* r : items) {
      // Article text is shown with its control characters as pictures: an ESC never reaches the terminal.
      out += fmt::format("{}:{}-{}", r->citation.source, r->citation.start, r->citation.end);
      if (!r->citation.date_text.empty()) out += fmt::format(" [{}]", visible_controls(r->citation.date_text));
      out += fmt::format(" {}\n    {}\n", visible_controls(r->detail), visible_controls(r->citation.quote));
    }
    out += "\n";
  }
  return out;
}

std::string render_json(const Timeline& t) {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto& r : t.review)
    items.push_back({{"reason", r.reason},
                     {"detail", r.detail},
                     {"source", r.citation.source},
                     {"start", r.citation.start},
                     {"end", r.citation.end},
                     {"quote", r.citation.quote},
                     {"date_text", r.citation.date_text}});
  return nlohmann::ordered_json{{"review", std::move(items)}}.dump(2, ' ', false,
                                                                   nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

int run_review(const ReviewArgs& args, const GlobalOptions& global) {
  Knowledge knowledge = load_knowledge(find_data_dir(global.data_dir));
  BuildOptions options;
  options.input = args.input;
  options.keep_review = true;
  if (!args.topic.empty()) options.topic = args.topic;
  if (!args.catalog.empty()) options.catalog = args.catalog;
  BuildResult result = run_build(options, knowledge);
  print_warnings(result.warnings, global);
  write_output("-", args.format == "json" ? render_json(result.timeline) : render_text(result.timeline));
  return 0;
}

}  // namespace

void register_review(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto args = std::make_shared<ReviewArgs>();
  CLI::App* cmd = app.add_subcommand("review", "List what a curator should check: undated events, dropped "
                                                "mentions, conflicts, weak merges");
  cmd->add_option("input", args->input, "Folder of articles, or one article")->required()->type_name("DIR|FILE");
  cmd->add_option("-f,--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--topic", args->topic, "Topic profile [default: INPUT/topic.json when present]")
      ->check(non_empty("a FILE"))
      ->type_name("FILE");
  cmd->add_option("--catalog", args->catalog, "Event catalog [default: INPUT/catalog.json when present]")
      ->check(non_empty("a FILE"))
      ->type_name("FILE");
  cmd->footer("Example:\n  mstimeline review data/ | less\n");
  cmd->callback([&action, &global, args] { action = [&global, args] { return run_review(*args, global); }; });
}

}  // namespace mstl::cli
