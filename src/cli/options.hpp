// Options shared by several subcommands: what to read (build, extract,
// review), and what to write (build, merge).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "cli/term.hpp"
#include "mstimeline/filter.hpp"
#include "mstimeline/knowledge.hpp"
#include "mstimeline/output.hpp"
#include "mstimeline/pipeline.hpp"
#include "mstimeline/renderer.hpp"

namespace mstl::cli {

struct InputArgs {
  std::string input;
  std::string title;
  std::string manifest;
  std::string language;
  std::string topic;
  std::string catalog;
  bool no_topic = false;
  bool no_catalog = false;
  std::uintmax_t max_file_size_mib = k_default_max_file_size >> 20;
  std::size_t jobs = 0;
  bool strict = false;
};

// INPUT, --title, --manifest, --lang, --topic/--no-topic, --catalog/--no-catalog, --max-file-size, -j, --strict.
void add_input_options(CLI::App* cmd, InputArgs& args);

// The BuildOptions of those arguments, and a progress bar on stderr when it
// is a terminal and not --quiet (term.hpp); keep the Progress alive for the run.
BuildOptions build_options(const InputArgs& args, const Knowledge& knowledge);
// `output_on_terminal`: the output is written to a terminal as it is made (no bar then).
std::unique_ptr<Progress> attach_progress(BuildOptions& options, const GlobalOptions& global,
                                          bool output_on_terminal = false);

// The one input path of build and review, so that review sees the extraction build publishes: the run with a
// progress bar (attach_progress), then its warnings and notes (report, --strict) and, with -v, each source's
// publication date (report_publication). `options`: build_options(args, ...) and what the command adds.
std::unique_ptr<BuildResult> run_input(BuildOptions& options, const InputArgs& args, const Knowledge& knowledge,
                                       const GlobalOptions& global);

struct OutputArgs {
  std::string format = "json";
  std::string output;
  bool check = false;
  std::string locale = "en";
  std::string since;
  std::string until;
  std::vector<std::string> kinds;
  std::size_t min_sources = 0;
  std::size_t top = 0;  // 0: not given
  bool csv_safe = false;
  bool all_sources = false;
  std::size_t quotes = RenderOptions{}.quotes;
};

// Refuses "" with "an empty value; give <what>": an empty value is never taken as the option not given.
CLI::Validator non_empty(std::string what);

// -f, -o, --check, --locale, --since, --until, --kind, --min-sources, --top, --csv-safe.
void add_output_options(CLI::App* cmd, OutputArgs& args);

// A renderer and filter checked before any work: bad values fail fast.
struct Output {
  std::unique_ptr<Renderer> renderer;
  EventFilter filter;
};
// `jobs`: threads that format the output (0: one per core).
Output prepare_output(const OutputArgs& args, const Knowledge& knowledge, std::size_t jobs = 1);

// Filters, renders and writes (or checks) the timeline; returns the exit code. `opened`: the output,
// opened by the caller before the work so that an -o that cannot be written fails first; else opened here.
int emit(Timeline& timeline, const Output& output, const OutputArgs& args, const GlobalOptions& global,
         OutputStream* opened = nullptr);

// Warnings, and with --verbose notes, on stderr; with `strict`, any warning
// then throws (exit 2) before anything is written.
// With -v, each source's publication date and where it came from (manifest,
// dateline, path, inferred, catalog), one line each on stderr.
void report_publication(const Timeline& timeline, const GlobalOptions& global);

void report(const std::vector<Diagnostic>& warnings, const std::vector<std::string>& notes, const GlobalOptions& global,
            bool strict = false);

}  // namespace mstl::cli
