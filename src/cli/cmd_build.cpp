// `mstimeline build DIR|FILE`: the whole pipeline, rendered in one format.
#include <cstdint>
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/term.hpp"
#include "mstimeline/decode.hpp"
#include "mstimeline/filter.hpp"
#include "mstimeline/knowledge.hpp"
#include "mstimeline/pipeline.hpp"
#include "mstimeline/renderer.hpp"

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
  mstimeline build article.txt --lang en          one article, forced language
)X";

struct BuildArgs {
  std::string input;
  std::string format = "json";
  std::string output;
  bool check = false;
  std::string title;
  std::string manifest;
  std::string language;
  std::string locale = "en";
  std::string topic;
  std::string catalog;
  bool no_topic = false;
  bool no_catalog = false;
  std::uintmax_t max_file_size_mib = k_default_max_file_size >> 20;
  std::string since;
  std::string until;
  std::vector<std::string> kinds;
  std::size_t min_sources = 0;
};

EventFilter filter_of(const BuildArgs& args) {
  EventFilter f;
  if (!args.since.empty()) f.since = parse_date_option("--since", args.since);
  if (!args.until.empty()) f.until = parse_date_option("--until", args.until);
  if (f.since && f.until && f.until->period.end <= f.since->period.start)
    throw Error(fmt::format("--until {} ends before --since {} starts: no event can match", args.until, args.since));
  f.kinds = args.kinds;
  f.min_sources = args.min_sources;
  return f;
}

int run_build_command(const BuildArgs& args, const GlobalOptions& global) {
  if (find_invalid_utf8(args.title) != std::string::npos) throw Error("--title: not valid UTF-8");
  EventFilter filter = filter_of(args);  // bad values fail before any work
  Knowledge knowledge = load_knowledge(find_data_dir(global.data_dir));
  if (!args.language.empty()) (void)knowledge.lexicon(args.language);
  RenderOptions render_options;
  if (Renderer::needs_locale(args.format)) {
    render_options.labels = &knowledge.label_set(args.locale);
    render_options.dates = &knowledge.lexicon(args.locale);
  }
  auto renderer = Renderer::create(args.format, render_options);

  BuildOptions options;
  options.input = args.input;
  if (!args.manifest.empty()) options.manifest = args.manifest;
  options.title = args.title;
  options.language = args.language;
  options.max_file_size = args.max_file_size_mib << 20;
  if (!args.topic.empty()) options.topic = args.topic;
  if (!args.catalog.empty()) options.catalog = args.catalog;
  options.no_topic = args.no_topic;
  options.no_catalog = args.no_catalog;
  options.title_language = args.locale;
  if (!args.output.empty() && args.output != "-") options.exclude = args.output;
  Progress progress(!global.quiet && stderr_is_terminal(), [](std::string_view s) {
    std::fwrite(s.data(), 1, s.size(), stderr);
    std::fflush(stderr);
  });
  options.on_progress = [&progress](std::size_t done, std::size_t total, std::uintmax_t bytes) {
    progress.update(done, total, bytes);
  };
  BuildResult result = run_build(options, knowledge);
  progress.finish();
  print_warnings(result.warnings, global);
  if (global.verbose && !global.quiet)
    for (const auto& n : result.notes) std::fprintf(stderr, "mstimeline: %s\n", n.c_str());
  apply_filter(result.timeline, filter);
  return write_or_check(args.output, renderer->render(result.timeline), args.check, global);
}

}  // namespace

void register_build(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto args = std::make_shared<BuildArgs>();
  CLI::App* cmd = app.add_subcommand("build", "Build the timeline of a folder of articles (or of one article)");
  cmd->footer(k_examples);
  cmd->add_option("input", args->input, "Folder of articles (.txt, .md, searched recursively), or one article")
      ->required()
      ->type_name("DIR|FILE");
  cmd->add_option("-f,--format", args->format, "Output format (below)")
      ->check(CLI::IsMember(Renderer::names()))
      ->capture_default_str()
      ->type_name("FORMAT");
  cmd->add_option("-o,--output", args->output, "Write to FILE atomically instead of stdout")->type_name("FILE");
  cmd->add_flag("--check", args->check,
                "Write nothing; compare the output with -o FILE: exit 0 when equal, 1 and a diff when not");
  cmd->add_option("--title", args->title, "Timeline title [default: the manifest's, else \"Timeline\"]")
      ->type_name("TEXT");
  cmd->add_option("--manifest", args->manifest, "Source manifest [default: INPUT/sources.json when present]")
      ->type_name("FILE");
  cmd->add_option("--lang", args->language, "Language of every article (a lexicon code such as id or en) "
                                            "[default: identified per article]")
      ->type_name("CODE");
  cmd->add_option("--locale", args->locale,
                  "Language of catalog titles and, in md, html and timelinejs, of labels and written-out dates")
      ->type_name("CODE")
      ->capture_default_str();
  cmd->add_option("--since", args->since, "Only events that start on or after this date (any TIMEX3 precision)")
      ->type_name("DATE");
  cmd->add_option("--until", args->until, "Only events that end on or before the end of this date")
      ->type_name("DATE");
  cmd->add_option("--kind", args->kinds, "Only events of these kinds (comma-separated; \"new\": outside the catalog)")
      ->delimiter(',')
      ->check(CLI::IsMember(filter_kinds()))
      ->type_name("KIND");
  cmd->add_option("--min-sources", args->min_sources, "Only events reported by at least N independent sources")
      ->type_name("N")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30));
  auto* topic = cmd->add_option("--topic", args->topic, "Topic profile [default: INPUT/topic.json when present]")
                    ->type_name("FILE");
  cmd->add_flag("--no-topic", args->no_topic, "Use no topic profile: keep every dated sentence")->excludes(topic);
  auto* catalog = cmd->add_option("--catalog", args->catalog, "Event catalog [default: INPUT/catalog.json when present]")
                      ->type_name("FILE");
  cmd->add_flag("--no-catalog", args->no_catalog, "Use no event catalog")->excludes(catalog);
  cmd->add_option("--max-file-size", args->max_file_size_mib, "Skip, with a warning, article files larger than this")
      ->type_name("MiB")
      ->check(CLI::Range(std::uintmax_t{1}, std::uintmax_t{1} << 20))
      ->capture_default_str();
  cmd->callback([&action, &global, args] { action = [&global, args] { return run_build_command(*args, global); }; });
}

}  // namespace mstl::cli
