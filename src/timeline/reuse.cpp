#include "mstimeline/reuse.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "mstimeline/error.hpp"
#include "mstimeline/record.hpp"

namespace mstl {
namespace {

constexpr std::size_t k_fingerprint_size = 64;  // hex digits of a SHA-256

// Whether a line that starts as a document line of extract is one whole: it
// ends the way extract ends a line, and no line of a part starts inside it
// (no key of a part's nested objects is "type", and a quote inside a string
// is escaped), which a line cut short then followed by another part has.
bool whole_document_line(std::string_view line) {
  return line.size() > k_document_line_start.size() + k_fingerprint_size &&
         line[k_document_line_start.size() + k_fingerprint_size] == '"' && line.ends_with("}\n") &&
         line.find(k_line_type, 1) == std::string_view::npos;
}

// A fingerprint's 64 lowercase hex digits as 32 bytes; nullopt when they are not.
template <class Key>
std::optional<Key> key_of(std::string_view hex) {
  if (hex.size() != 2 * Key().size()) return std::nullopt;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  Key key{};
  for (std::size_t i = 0; i < key.size(); ++i) {
    int hi = digit(hex[2 * i]), lo = digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    key[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  return key;
}

}  // namespace

ReuseIndex::ReuseIndex(std::size_t piece) : m_piece(std::max<std::size_t>(piece, 1)) {}

// The lines of `lines`, which start at byte `base` of the part; the last may lack its '\n' only at the part's end.
void ReuseIndex::scan(std::string_view lines, std::uint64_t base, const std::string& name, std::string_view extraction,
                      std::size_t& line_no, bool& header, bool& same_run) {
  const auto part = static_cast<std::uint32_t>(m_sources.size() - 1);
  while (!lines.empty()) {
    ++line_no;
    const std::uint64_t offset = base;
    std::string_view line = take_line(lines);
    base += line.size();
    if (line.starts_with(k_document_line_start)) {
      if (!whole_document_line(line) || line.size() > UINT32_MAX) continue;
      if (auto key = key_of<Key>(line.substr(k_document_line_start.size(), k_fingerprint_size)))
        m_places.push_back(Place{*key, part, static_cast<std::uint32_t>(line.size()), offset});
    } else if (line.starts_with(k_header_line_start)) {
      auto parsed = parse_part(name, line);
      if (!parsed) {
        Diagnostic d = parsed.error();
        d.line = line_no;
        throw Error(d);
      }
      header = true;
      same_run = same_run || parsed.value().headers.at(0).extraction == extraction;
    }
  }
}

bool ReuseIndex::add(const std::string& path, std::string_view extraction) {
  const std::string name = part_name(path);
  Source& source = m_sources.emplace_back();
  bool header = false, same_run = false;
  std::size_t line_no = 0;
  std::optional<InputFile> file;
  if (path != "-") file = InputFile::open(path).take();
  if (!file || !file->facts().regular) {
    // Standard input, a pipe, a FIFO: they cannot be read again, so they are held.
    source.text = file ? file->read_all(k_max_part_line, "a part read whole").take() : read_part_text(path);
    scan(source.text, 0, name, extraction, line_no, header, same_run);
  } else {
    // Read in pieces; a line not yet whole waits for the next piece.
    source.path = std::filesystem::absolute(path).string();
    source.facts = file->facts();
    std::string buffer;
    std::uint64_t base = 0;  // where the buffer starts in the part
    for (bool end = false; !end;) {
      const std::size_t have = buffer.size();
      buffer.resize(have + m_piece);
      const std::size_t got = file->read_at(base + have, buffer.data() + have, m_piece).take();
      buffer.resize(have + got);
      end = got == 0;
      // What was left from the pieces before has no line break: only the new bytes are searched.
      const std::size_t newline = std::string_view(buffer).substr(have).rfind('\n');
      const std::size_t whole = end ? buffer.size() : newline == std::string::npos ? 0 : have + newline + 1;
      scan(std::string_view(buffer).substr(0, whole), base, name, extraction, line_no, header, same_run);
      buffer.erase(0, whole);
      base += whole;
    }
    // The first parts stay open; beyond them a part is opened again for each line copied, so that
    // a thousand parts do not hold a thousand descriptors.
    if (m_open < k_open_parts) {
      source.file = std::move(file);
      ++m_open;
    }
  }
  if (!header) throw Error(fmt::format("{}: no header line; is it a part written by mstimeline extract?", name));
  return same_run;
}

void ReuseIndex::seal() {
  std::stable_sort(m_places.begin(), m_places.end(), [](const Place& a, const Place& b) { return a.key < b.key; });
  m_places.erase(
      std::unique(m_places.begin(), m_places.end(), [](const Place& a, const Place& b) { return a.key == b.key; }),
      m_places.end());
  m_places.shrink_to_fit();
}

bool ReuseIndex::find(std::string_view input, std::string& line) const {
  auto key = key_of<Key>(input);
  if (!key) return false;
  auto it =
      std::lower_bound(m_places.begin(), m_places.end(), *key, [](const Place& p, const Key& k) { return p.key < k; });
  if (it == m_places.end() || it->key != *key) return false;
  const Source& source = m_sources[it->part];
  if (source.path.empty()) {
    line.assign(source.text, it->offset, it->size);
  } else {
    std::optional<InputFile> reopened;
    if (!source.file) {
      // The same file, or none: looked at before it is opened, so that a FIFO put in its place is never
      // opened (a new file may have the old one's inode number: it must be regular and of the same size too).
      auto same = [&](const FileFacts& now) {
        return now.regular && now.same_file(source.facts) && now.size == source.facts.size;
      };
      auto now = file_facts(source.path);
      if (!now || !same(*now)) return false;
      auto opened = InputFile::open(source.path);
      if (!opened || !same(opened.value().facts())) return false;
      reopened = std::move(opened.value());
    }
    line.resize(it->size);
    auto got = (source.file ? *source.file : *reopened).read_at(it->offset, line.data(), line.size());
    if (!got) return false;
    line.resize(got.value());
  }
  // The line indexed, unless the part changed or cannot be read since: then the document is extracted again.
  return line.size() == it->size && whole_document_line(line) &&
         std::string_view(line).substr(k_document_line_start.size(), k_fingerprint_size) == input;
}

}  // namespace mstl
