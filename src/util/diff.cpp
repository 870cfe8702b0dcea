#include "mstimeline/diff.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace mstl {
namespace {

struct Line {
  std::string_view text;  // without its '\n'
  bool newline = true;    // false for a last line with no '\n'
  bool operator==(const Line&) const = default;
};

std::vector<Line> split_lines(std::string_view s) {
  std::vector<Line> out;
  while (!s.empty()) {
    std::size_t nl = s.find('\n');
    if (nl == std::string_view::npos) {
      out.push_back({s, false});
      break;
    }
    out.push_back({s.substr(0, nl), true});
    s.remove_prefix(nl + 1);
  }
  return out;
}

enum class Op { keep, remove, add };

// Myers' greedy algorithm on a[a0, a1) and b[b0, b1): the shortest edit
// script, one Op per line. The trace keeps, for each d, only diagonals -d..d,
// so memory is O(D^2); past `k_max_trace` entries (texts with nothing in
// common, megabytes long) the script is "remove all, add all" instead.
constexpr std::size_t k_max_trace = std::size_t{1} << 25;

void middle_script(const std::vector<Line>& a, const std::vector<Line>& b, int a0, int a1, int b0, int b1,
                   std::vector<Op>& ops) {
  const int n = a1 - a0, m = b1 - b0, max = n + m;
  auto same = [&](int x, int y) { return a[static_cast<std::size_t>(a0 + x)] == b[static_cast<std::size_t>(b0 + y)]; };
  std::vector<int> v(2 * static_cast<std::size_t>(max) + 3, 0);
  const int offset = max + 1;
  std::vector<std::vector<int>> trace;  // trace[d][k + d]: v[k] before step d
  std::size_t stored = 0;
  int found = -1;
  for (int d = 0; d <= max && found < 0; ++d) {
    stored += 2 * static_cast<std::size_t>(d) + 1;
    if (stored > k_max_trace) break;
    trace.emplace_back(v.begin() + offset - d, v.begin() + offset + d + 1);
    for (int k = -d; k <= d; k += 2) {
      int x =
          (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      int y = x - k;
      while (x < n && y < m && same(x, y)) ++x, ++y;
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) {
    ops.insert(ops.end(), static_cast<std::size_t>(n), Op::remove);
    ops.insert(ops.end(), static_cast<std::size_t>(m), Op::add);
    return;
  }
  std::vector<Op> rev;
  int x = n, y = m;
  for (int d = found; d > 0; --d) {
    const std::vector<int>& pv = trace[static_cast<std::size_t>(d)];
    auto at = [&](int k) { return pv[static_cast<std::size_t>(k + d)]; };
    int k = x - y;
    int prev_k = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
    int prev_x = at(prev_k);
    int prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) rev.push_back(Op::keep), --x, --y;
    rev.push_back(x == prev_x ? Op::add : Op::remove);
    x = prev_x;
    y = prev_y;
  }
  while (x > 0 && y > 0) rev.push_back(Op::keep), --x, --y;
  ops.insert(ops.end(), rev.rbegin(), rev.rend());
}

std::vector<Op> edit_script(const std::vector<Line>& a, const std::vector<Line>& b) {
  int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  int prefix = 0;
  while (prefix < n && prefix < m && a[static_cast<std::size_t>(prefix)] == b[static_cast<std::size_t>(prefix)])
    ++prefix;
  int suffix = 0;
  while (suffix < n - prefix && suffix < m - prefix &&
         a[static_cast<std::size_t>(n - 1 - suffix)] == b[static_cast<std::size_t>(m - 1 - suffix)])
    ++suffix;
  std::vector<Op> ops(static_cast<std::size_t>(prefix), Op::keep);
  middle_script(a, b, prefix, n - suffix, prefix, m - suffix, ops);
  ops.insert(ops.end(), static_cast<std::size_t>(suffix), Op::keep);
  return ops;
}

void append_line(std::string& out, char mark, const Line& line) {
  out += mark;
  out += line.text;
  out += '\n';
  if (!line.newline) out += "\\ No newline at end of file\n";
}

// "l,s" of a hunk header; an empty range names the line before it.
std::string range(int first, int count) {
  if (count == 1) return std::to_string(first + 1);
  return fmt::format("{},{}", count == 0 ? first : first + 1, count);
}

}  // namespace

std::string unified_diff(std::string_view a_text, std::string_view b_text, std::string_view a_name,
                         std::string_view b_name, int context) {
  if (a_text == b_text) return {};
  std::vector<Line> a = split_lines(a_text), b = split_lines(b_text);
  std::vector<Op> ops = edit_script(a, b);
  // Positions in a and b before each op.
  std::vector<int> ai(ops.size() + 1), bi(ops.size() + 1);
  for (std::size_t i = 0; i < ops.size(); ++i) {
    ai[i + 1] = ai[i] + (ops[i] != Op::add);
    bi[i + 1] = bi[i] + (ops[i] != Op::remove);
  }
  std::string out = fmt::format("--- {}\n+++ {}\n", a_name, b_name);
  std::size_t i = 0;
  const std::size_t size = ops.size();
  while (i < size) {
    while (i < size && ops[i] == Op::keep) ++i;
    if (i == size) break;
    // A hunk: from `context` lines before this change to `context` lines after
    // the last change that is at most 2 * context unchanged lines further.
    std::size_t start = i >= static_cast<std::size_t>(context) ? i - static_cast<std::size_t>(context) : 0;
    std::size_t end = i;
    while (true) {
      while (end < size && ops[end] != Op::keep) ++end;
      std::size_t next = end;
      while (next < size && ops[next] == Op::keep) ++next;
      if (next < size && next - end <= 2 * static_cast<std::size_t>(context)) {
        end = next;
        continue;
      }
      end = std::min(size, end + static_cast<std::size_t>(context));
      break;
    }
    out += fmt::format("@@ -{} +{} @@\n", range(ai[start], ai[end] - ai[start]), range(bi[start], bi[end] - bi[start]));
    for (std::size_t j = start; j < end; ++j) {
      switch (ops[j]) {
        case Op::keep:
          append_line(out, ' ', a[static_cast<std::size_t>(ai[j])]);
          break;
        case Op::remove:
          append_line(out, '-', a[static_cast<std::size_t>(ai[j])]);
          break;
        case Op::add:
          append_line(out, '+', b[static_cast<std::size_t>(bi[j])]);
          break;
      }
    }
    i = end;
  }
  return out;
}

}  // namespace mstl
