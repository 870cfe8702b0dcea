#include "mstimeline/topic.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "mstimeline/text.hpp"

namespace mstl {
namespace {

using nlohmann::json;

void unknown_keys(const JsonDoc& doc, const json& object, const std::string& pointer,
                  std::initializer_list<std::string_view> known, std::vector<Diagnostic>& problems) {
  for (const auto& [key, value] : object.items()) {
    bool ok = false;
    for (auto k : known) ok = ok || k == key;
    if (!ok)
      problems.push_back(doc.error_at_key(json_pointer_append(pointer, key), fmt::format("unknown key \"{}\"", key)));
  }
}

void parse_side(const JsonDoc& doc, const json& v, const std::string& pointer, TopicSide& out,
                std::vector<Diagnostic>& problems) {
  if (!v.is_object())
    return problems.push_back(doc.error_at(pointer, "a side must be an object with \"name\" and \"aliases\""));
  unknown_keys(doc, v, pointer, {"name", "aliases", "comment"}, problems);
  auto name = v.find("name");
  if (name == v.end() || !name->is_string() || name->get<std::string>().empty())
    problems.push_back(doc.error_at(pointer, "a side needs a non-empty string \"name\""));
  else
    out.name = name->get<std::string>();
  auto aliases = v.find("aliases");
  std::string at = json_pointer_append(pointer, "aliases");
  if (aliases == v.end() || !aliases->is_array() || aliases->empty())
    return problems.push_back(
        doc.error_at(aliases == v.end() ? pointer : at, "a side needs a non-empty array \"aliases\""));
  for (std::size_t i = 0; i < aliases->size(); ++i) {
    const json& a = (*aliases)[i];
    if (!a.is_string() || text::fold_case(a.get<std::string>()).empty()) {
      problems.push_back(
          doc.error_at(json_pointer_append(at, std::to_string(i)), "an alias must be a non-empty string"));
      continue;
    }
    out.aliases.push_back(text::fold_case(a.get<std::string>()));
  }
}

}  // namespace

bool contains_word(std::string_view folded, std::string_view needle) {
  if (needle.empty()) return false;
  for (std::size_t at = folded.find(needle); at != std::string_view::npos; at = folded.find(needle, at + 1)) {
    bool left = !text::letter_or_digit_before(folded, at);
    bool right = !text::letter_or_digit_at(folded, at + needle.size());
    if (left && right) return true;
  }
  return false;
}

unsigned TopicProfile::sides_named(std::string_view folded) const {
  NeedleHits held;
  alias_words.find_in(folded, held);
  unsigned bits = 0;
  for (std::size_t i = 0; i < sides.size(); ++i) {
    const TopicSide& side = sides[i];
    for (std::size_t k = 0; k < side.aliases.size(); ++k) {
      bool indexed = k < side.alias_ids.size() && side.alias_ids[k] < alias_words.size();
      if (indexed && !held.has(side.alias_ids[k])) continue;  // not even as bytes
      if (contains_word(folded, side.aliases[k])) {
        bits |= 1u << i;
        break;
      }
    }
  }
  return bits;
}

int TopicProfile::side_of(std::string_view actor) const {
  std::string folded = text::fold_case(actor);
  for (std::size_t i = 0; i < sides.size(); ++i) {
    if (text::fold_case(sides[i].name) == folded) return static_cast<int>(i);
    for (const auto& a : sides[i].aliases)
      if (a == folded) return static_cast<int>(i);
  }
  return -1;
}

TopicProfile check_topic(const JsonDoc& doc, std::vector<Diagnostic>& problems) {
  const json& root = doc.json;
  TopicProfile out;
  std::vector<Diagnostic> found;
  if (!root.is_object()) {
    problems.push_back(doc.error_at("", "a topic profile must be a JSON object"));
    return out;
  }
  unknown_keys(doc, root, "", {"comment", "name", "sides", "context_sentences", "document_mentions", "narrative_days"},
               found);
  auto name = root.find("name");
  if (name == root.end() || !name->is_string() || name->get<std::string>().empty())
    found.push_back(doc.error_at(name == root.end() ? "" : "/name", "the profile needs a non-empty string \"name\""));
  else
    out.name = name->get<std::string>();
  auto sides = root.find("sides");
  if (sides == root.end() || !sides->is_array() || sides->empty()) {
    found.push_back(doc.error_at(sides == root.end() ? "" : "/sides", "the profile needs a non-empty array \"sides\""));
  } else if (sides->size() > 8) {
    found.push_back(doc.error_at("/sides", "a profile has at most 8 sides"));
  } else {
    for (std::size_t i = 0; i < sides->size(); ++i) {
      TopicSide side;
      parse_side(doc, (*sides)[i], "/sides/" + std::to_string(i), side, found);
      out.sides.push_back(std::move(side));
    }
  }
  std::vector<std::string> aliases;
  for (const auto& side : out.sides) aliases.insert(aliases.end(), side.aliases.begin(), side.aliases.end());
  out.alias_words = NeedleSet(aliases);
  for (const auto& alias : aliases)
    for (const auto& token : text::tokenize(alias))
      if (token.kind != text::TokenKind::punct) out.alias_tokens.insert(token.folded);
  for (auto& side : out.sides) side.alias_ids = out.alias_words.ids_of(side.aliases);
  // A count: an unsigned integer from `low` to `high`.
  auto count = [&](const char* key, std::size_t low, std::size_t high, std::size_t& value) {
    auto c = root.find(key);
    if (c == root.end()) return;
    if (!c->is_number_unsigned() || c->get<std::size_t>() < low || c->get<std::size_t>() > high)
      found.push_back(
          doc.error_at(std::string("/") + key, fmt::format("\"{}\" must be an integer from {} to {}", key, low, high)));
    else
      value = c->get<std::size_t>();
  };
  count("context_sentences", 0, 5, out.context_sentences);
  count("document_mentions", 1, 100, out.document_mentions);
  count("narrative_days", 0, 3660, out.narrative_days);
  sort_by_position(found);
  problems.insert(problems.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  return out;
}

Expected<TopicProfile> parse_topic(const JsonDoc& doc) {
  std::vector<Diagnostic> problems;
  TopicProfile out = check_topic(doc, problems);
  if (problems.empty()) return out;
  return problems.front();
}

}  // namespace mstl
