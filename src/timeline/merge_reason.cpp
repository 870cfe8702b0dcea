#include "mstimeline/merge_reason.hpp"

#include <charconv>

#include <fmt/format.h>

namespace mstl {

std::string trigger_reason(std::string_view source, std::size_t start, std::string_view catalog_id,
                           std::string_view trigger) {
  return fmt::format("{}@{}: catalog event {} (trigger \"{}\")", source, start, catalog_id, trigger);
}

std::string repeats_reason(std::string_view source, std::size_t start, std::string_view other,
                           std::size_t other_start) {
  return fmt::format("{}@{} repeats {}@{} word for word", source, start, other, other_start);
}

std::string same_day_reason(std::string_view source, std::size_t start, std::string_view other, std::size_t other_start,
                            std::string_view day) {
  return fmt::format("{}@{} and {}@{}: one source tells of day {} twice", source, start, other, other_start, day);
}

std::string words_reason(std::string_view source, std::size_t start, std::string_view other, std::size_t other_start,
                         std::string_view date, std::string_view other_date, std::string_view words, double score) {
  return fmt::format("{}@{} and {}@{}: dates {} and {} agree; shared words {} (score {:.2f})", source, start, other,
                     other_start, date, other_date, words, score);
}

namespace {

// "<source>@<digits>" split at its last '@'.
bool place(std::string_view s, std::string_view& source, std::size_t& start) {
  std::size_t at = s.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == s.size()) return false;
  auto [end, ec] = std::from_chars(s.data() + at + 1, s.data() + s.size(), start);
  if (ec != std::errc() || end != s.data() + s.size()) return false;
  source = s.substr(0, at);
  return true;
}

// `s` cut at the first `mark`: what is before it, and `rest` after it.
bool cut(std::string_view s, std::string_view mark, std::string_view& before, std::string_view& rest) {
  std::size_t at = s.find(mark);
  if (at == std::string_view::npos) return false;
  before = s.substr(0, at);
  rest = s.substr(at + mark.size());
  return true;
}

bool strip_suffix(std::string_view& s, std::string_view suffix) {
  if (!s.ends_with(suffix)) return false;
  s.remove_suffix(suffix.size());
  return true;
}

std::optional<MergeReason> read(std::string_view s) {
  MergeReason r;
  std::string_view head, rest, tail = s;
  if (cut(s, ": catalog event ", head, rest)) {
    r.kind = MergeReason::Kind::trigger;
    if (!place(head, r.source, r.start) || !strip_suffix(rest, "\")") ||
        !cut(rest, " (trigger \"", r.catalog_id, r.trigger))
      return std::nullopt;
    return r;
  }
  if (strip_suffix(tail, " word for word")) {
    r.kind = MergeReason::Kind::repeats;
    if (!cut(tail, " repeats ", head, rest) || !place(head, r.source, r.start) || !place(rest, r.other, r.other_start))
      return std::nullopt;
    return r;
  }
  std::string_view places;
  if (!cut(s, ": ", places, rest) || !cut(places, " and ", head, tail) || !place(head, r.source, r.start) ||
      !place(tail, r.other, r.other_start))
    return std::nullopt;
  if (rest.starts_with("one source tells of day ") && strip_suffix(rest, " twice")) {
    r.kind = MergeReason::Kind::same_day;
    r.date = rest.substr(std::string_view("one source tells of day ").size());
    return r;
  }
  std::string_view dates, shared;
  if (!rest.starts_with("dates ") || !cut(rest.substr(6), " agree; shared words ", dates, shared) ||
      !cut(dates, " and ", r.date, r.other_date) || !strip_suffix(shared, ")") ||
      !cut(shared, " (score ", r.words, r.score))
    return std::nullopt;
  r.kind = MergeReason::Kind::words;
  return r;
}

std::string written(const MergeReason& r) {
  switch (r.kind) {
    case MergeReason::Kind::trigger:
      return trigger_reason(r.source, r.start, r.catalog_id, r.trigger);
    case MergeReason::Kind::repeats:
      return repeats_reason(r.source, r.start, r.other, r.other_start);
    case MergeReason::Kind::same_day:
      return same_day_reason(r.source, r.start, r.other, r.other_start, r.date);
    case MergeReason::Kind::words:
      return fmt::format("{}@{} and {}@{}: dates {} and {} agree; shared words {} (score {})", r.source, r.start,
                         r.other, r.other_start, r.date, r.other_date, r.words, r.score);
  }
  return {};
}

}  // namespace

std::optional<MergeReason> parse_merge_reason(std::string_view reason) {
  auto r = read(reason);
  // Ids holding " and ", "@" or ": " could be read more than one way: only a
  // reading that writes the same string back is taken.
  if (!r || written(*r) != reason) return std::nullopt;
  return r;
}

}  // namespace mstl
