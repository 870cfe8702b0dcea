#include "cli/options.hpp"

#include <cstdio>
#include <optional>

#include <fmt/format.h>

#include "cli/term.hpp"
#include "mstimeline/decode.hpp"
#include "mstimeline/output.hpp"

namespace mstl::cli {

CLI::Validator non_empty(std::string what) {
  // "" is a mistake (an unset variable in a script), never "not given": that is leaving the option out.
  return CLI::Validator(
      [what](std::string& s) { return s.empty() ? fmt::format("an empty value; give {}", what) : std::string(); }, "",
      "non-empty");
}

void add_input_options(CLI::App* cmd, InputArgs& args) {
  cmd->add_option("input", args.input, "Folder of articles (.txt, .md, searched recursively), or one article")
      ->required()
      ->type_name("DIR|FILE");
  cmd->add_option("--title", args.title, "Timeline title [default: the manifest's, else \"Timeline\"]")
      ->type_name("TEXT");
  cmd->add_option("--manifest", args.manifest, "Source manifest [default: INPUT/sources.json when present]")
      ->check(non_empty("a FILE"))
      ->type_name("FILE");
  cmd->add_option("--lang", args.language,
                  "Language of every article (a lexicon code such as id or en) "
                  "[default: identified per article]")
      ->check(non_empty("a lexicon code such as id or en"))
      ->type_name("CODE");
  auto* topic = cmd->add_option("--topic", args.topic, "Topic profile [default: INPUT/topic.json when present]")
                    ->check(non_empty("a FILE"))
                    ->type_name("FILE");
  cmd->add_flag("--no-topic", args.no_topic, "Use no topic profile: keep every dated sentence")->excludes(topic);
  auto* catalog = cmd->add_option("--catalog", args.catalog, "Event catalog [default: INPUT/catalog.json when present]")
                      ->check(non_empty("a FILE"))
                      ->type_name("FILE");
  cmd->add_flag("--no-catalog", args.no_catalog, "Use no event catalog")->excludes(catalog);
  cmd->add_option("--max-file-size", args.max_file_size_mib, "Skip, with a warning, article files larger than this")
      ->type_name("MiB")
      ->check(CLI::Range(std::uintmax_t{1}, std::uintmax_t{1} << 20))
      ->capture_default_str();
  cmd->add_option("-j,--jobs", args.jobs, "Worker threads [default: one per core]; the output is the same for any N")
      ->type_name("N")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1024}));
  cmd->add_flag("--strict", args.strict,
                "Fail (exit 2, nothing written) when any file is skipped or repaired, instead of warning");
}

std::unique_ptr<Progress> attach_progress(BuildOptions& options, const GlobalOptions& global, bool output_on_terminal) {
  bool show = show_progress(global.quiet, stderr_is_terminal(), output_on_terminal);
  auto progress = std::make_unique<Progress>(show, [](std::string_view s) {
    std::fwrite(s.data(), 1, s.size(), stderr);
    std::fflush(stderr);
  });
  options.on_progress = [p = progress.get()](std::size_t done, std::size_t total, std::uintmax_t bytes) {
    p->update(done, total, bytes);
  };
  return progress;
}

BuildOptions build_options(const InputArgs& args, const Knowledge& knowledge) {
  if (find_invalid_utf8(args.title) != std::string::npos) throw Error("--title: not valid UTF-8");
  if (!args.language.empty()) (void)knowledge.lexicon(args.language);  // a clear error before any work
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
  options.jobs = args.jobs;
  return options;
}

void add_output_options(CLI::App* cmd, OutputArgs& args) {
  cmd->add_option("-f,--format", args.format, "Output format (below)")
      ->check(CLI::IsMember(Renderer::names()))
      ->capture_default_str()
      ->type_name("FORMAT");
  cmd->add_option("-o,--output", args.output, "Write to FILE atomically instead of stdout")
      ->check(non_empty("a FILE, or - for standard output"))
      ->type_name("FILE");
  cmd->add_flag("--check", args.check,
                "Write nothing; compare the output with -o FILE: exit 0 when equal, 1 and a diff when not");
  cmd->add_flag("--csv-safe", args.csv_safe,
                "csv: write a cell that starts with = + - @, a tab or a CR with a ' before it, so that a spreadsheet "
                "cannot run it as a formula (the cell is then not the exact text)");
  cmd->add_flag("--all-sources", args.all_sources,
                "json: list every source read, not only those the timeline cites (documents_read counts them all)");
  cmd->add_option("--quotes", args.quotes,
                  "md, html: show the first N quotes under each event and count the rest (0: all); the other "
                  "formats hold them all")
      ->type_name("N")
      ->capture_default_str();
  cmd->add_option("--locale", args.locale,
                  "Language of catalog titles and, in md, html and timelinejs, of labels and written-out dates")
      ->type_name("CODE")
      ->capture_default_str();
  // An empty value is a mistake (an unset variable in a script), not "no bound".
  auto date = [](const std::string& s) {
    try {
      if (s.empty()) (void)parse_date_option("", s);
    } catch (const Error& e) {
      return std::string(e.what()).substr(2);
    }
    return std::string();
  };
  cmd->add_option("--since", args.since, "Only events that start on or after this date (any TIMEX3 precision)")
      ->type_name("DATE")
      ->check(date);
  cmd->add_option("--until", args.until, "Only events that end on or before the end of this date")
      ->type_name("DATE")
      ->check(date);
  cmd->add_option("--kind", args.kinds, "Only events of these kinds (comma-separated; \"new\": outside the catalog)")
      ->delimiter(',')
      ->transform([](std::string s) {
        s.erase(0, s.find_first_not_of(' '));
        s.erase(s.find_last_not_of(' ') + 1);
        return s;
      })
      ->check(CLI::IsMember(filter_kinds()))
      ->type_name("KIND");
  cmd->add_option("--min-sources", args.min_sources, "Only events reported by at least N independent sources")
      ->type_name("N")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30));
  // 0 would keep nothing; more likely a mistake than a wish for an empty timeline.
  auto at_least_one = [](const std::string& s) {
    bool zero = !s.empty() && s.find_first_not_of('0') == std::string::npos;
    return zero ? std::string("0 keeps no event; N must be 1 or more") : std::string();
  };
  cmd->add_option("--top", args.top,
                  "Of the events the other filters keep, only the N with the most independent sources (ties: "
                  "more citations, then earlier, then by id), in date order; undated sentences and sources are "
                  "left as they are")
      ->type_name("N")
      ->check(at_least_one)
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30));
}

Output prepare_output(const OutputArgs& args, const Knowledge& knowledge, std::size_t jobs) {
  Output out;
  if (!args.since.empty()) out.filter.since = parse_date_option("--since", args.since);
  if (!args.until.empty()) out.filter.until = parse_date_option("--until", args.until);
  if (out.filter.since && out.filter.until && out.filter.until->period.end <= out.filter.since->period.start)
    throw Error(fmt::format("--until {} ends before --since {} starts: no event can match", args.until, args.since));
  out.filter.kinds = args.kinds;
  out.filter.min_sources = args.min_sources;
  out.filter.top = args.top;
  if (args.check && (args.output.empty() || args.output == "-"))
    throw Error("--check needs -o FILE, the file to compare the output with");
  // Every format checks the locale: json and csv use it for catalog titles,
  // and a typo should fail the same way whatever the format.
  if (args.csv_safe && args.format != "csv")
    throw Error(fmt::format("--csv-safe applies to -f csv, not -f {}", args.format));
  if (args.all_sources && args.format != "json")
    throw Error(fmt::format("--all-sources applies to -f json, not -f {}", args.format));
  RenderOptions render_options;
  render_options.jobs = jobs;
  render_options.csv_safe = args.csv_safe;
  render_options.quotes = args.quotes;
  render_options.all_sources = args.all_sources;
  if (Renderer::needs_locale(args.format)) {
    render_options.labels = &knowledge.label_set(args.locale);
    render_options.dates = &knowledge.lexicon(args.locale);
  } else if (!knowledge.lexicons.contains(args.locale)) {
    (void)knowledge.label_set(args.locale);  // throws: no locale "fr" (available: ...)
  }
  out.renderer = Renderer::create(args.format, render_options);
  return out;
}

void report_publication(const Timeline& timeline, const GlobalOptions& global) {
  if (!global.verbose || global.quiet) return;
  for (const auto& s : timeline.sources)
    std::fprintf(stderr, "mstimeline: %s: published %s (%s)\n", s.path.c_str(),
                 s.published ? s.published->c_str() : "unknown", s.published_basis.c_str());
}

int emit(Timeline& timeline, const Output& output, const OutputArgs& args, const GlobalOptions& global,
         OutputStream* opened) {
  apply_filter(timeline, output.filter);
  if (args.check) return write_or_check(args.output, output.renderer->render(timeline), args.check, global);
  std::optional<OutputStream> own;
  OutputStream& out = opened ? *opened : own.emplace(args.output);  // streamed: a large output is never held whole
  output.renderer->render_to(timeline, [&](std::string_view piece) { out.write(piece); });
  out.commit();
  return static_cast<int>(ExitCode::ok);
}

void report(const std::vector<Diagnostic>& warnings, const std::vector<std::string>& notes, const GlobalOptions& global,
            bool strict) {
  print_warnings(warnings, global);
  if (global.verbose && !global.quiet)
    for (const auto& n : notes) std::fprintf(stderr, "mstimeline: %s\n", n.c_str());
  if (strict && !warnings.empty())
    throw Error(
        fmt::format("--strict: {} warning{}; nothing written", warnings.size(), warnings.size() == 1 ? "" : "s"));
}

std::unique_ptr<BuildResult> run_input(BuildOptions& options, const InputArgs& args, const Knowledge& knowledge,
                                       const GlobalOptions& global) {
  auto progress = attach_progress(options, global);
  auto result = std::make_unique<BuildResult>(run_build(options, knowledge));
  progress->finish();
  report(result->warnings, result->notes, global, args.strict);
  report_publication(result->timeline, global);
  return result;
}

}  // namespace mstl::cli
