// Path dates: an article's publication date read from its file name or the
// folders above it, as archives write it, by patterns kept as data under
// <data dir>/path_dates/*.json (docs/input.md):
//
//   {
//     "years": {"min": 1900, "max": 2100},
//     "patterns": [
//       {"pattern": "{yyyy}{mm}{dd}-", "example": "20141128-080819926.txt"},
//       {"pattern": "{yyyy}/{mm}/{dd}/", "example": "2014/11/28/story.txt"},
//       {"pattern": "*_{yyyy}{mm}{dd}", "example": "news_20141128.txt"}
//     ]
//   }
//
// A pattern is text in which `{yyyy}` stands for four digits, the year,
// `{mm}` and `{dd}` for two, the month and the day (each exactly once), `*`
// for any run of characters but `/` (as few as will do; at most one between
// two `/`), and every other character for itself (ASCII letters in either
// case). A pattern matches from the start of a path component, and what
// follows the match does not matter. The digits of a field, or of fields
// side by side, never touch another digit of the path: `{yyyy}{mm}{dd}-`
// reads no date from `201411281-x.txt`. A match must name a real calendar
// day whose year lies in its file's "years"; any other match is no match.
//
// Patterns are tried in order (files in byte-wise name order, then as each
// lists them); each from the start of the file name, then from the start of
// each folder above it, outwards. The first match gives the date.
//
//   date_from_path("2014/11/28/20141127-0808.txt", knowledge.path_dates) -> "2014-11-27"
//   date_from_path("news_20140230.txt", knowledge.path_dates)            -> nullopt (no 30 February)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mstimeline/error.hpp"
#include "mstimeline/json_doc.hpp"

namespace mstl {

enum class PathDatePieceKind { literal, year, month, day, any };

struct PathDatePiece {
  PathDatePieceKind kind = PathDatePieceKind::literal;
  std::string literal;  // the characters of a literal piece
};

struct PathDatePattern {
  std::string text;  // as written in its file
  std::vector<PathDatePiece> pieces;
  int min_year = 0;  // the years its file accepts, inclusive
  int max_year = 0;
};

struct PathDates {
  std::vector<PathDatePattern> patterns;  // in the order they are tried
};

// Adds the patterns of one file to `out`; unknown keys, malformed patterns,
// impossible bounds and examples that give no date are errors at their position.
std::optional<Diagnostic> parse_path_dates(const JsonDoc& doc, PathDates& out);

// The publication date (YYYY-MM-DD) that `relative_path` (`/`-separated,
// relative to the input folder) names by the first pattern that matches, or
// nullopt.
std::optional<std::string> date_from_path(std::string_view relative_path, const PathDates& rules);

}  // namespace mstl
