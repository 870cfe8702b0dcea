// Unified diffs of two texts, line by line, for `--check`.
//
//   unified_diff(old_text, new_text, "docs/timeline.md", "docs/timeline.md (new)")
//
// returns "" when the texts are equal, else a diff in the format of
// `diff -u` (and `git diff`): `--- a` / `+++ b` headers, then hunks
// "@@ -l,s +l,s @@" with `context` unchanged lines around each change. A
// last line without a newline is marked "\ No newline at end of file".
// Lines are compared with Myers' O(ND) algorithm, so a small change in a
// large file costs little.
#pragma once

#include <string>
#include <string_view>

namespace mstl {

std::string unified_diff(std::string_view a, std::string_view b, std::string_view a_name, std::string_view b_name,
                         int context = 3);

}  // namespace mstl
