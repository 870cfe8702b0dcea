// The document lines of earlier parts, found by their "input" fingerprint
// (record.hpp), for `mstimeline extract --reuse`: a line whose fingerprint is
// a file's now is copied as it is, never parsed into a record and written again.
//
// Lines are found as extract writes them, by the bytes they start with, not by
// parsing them; a line is taken only when whole (one cut short, even with
// another part concatenated after it, is not). Only where each line is, is
// held: a line is read again from its part when it is copied (a part on stdin,
// a pipe or a FIFO is held whole), so memory grows with the number of
// documents (48 bytes each), not with the size of the parts. A line that
// cannot be read again, or is not the line indexed, is not found.
//
//   ReuseIndex index;
//   bool same_run = index.add("old.jsonl", extraction);  // false: none of its lines can match
//   index.seal();
//   std::string line;
//   if (index.find(input, line)) out += line;            // else extract the document
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mstimeline/output.hpp"

namespace mstl {

class ReuseIndex {
 public:
  // `piece`: the bytes read at a time from a part in a file.
  explicit ReuseIndex(std::size_t piece = std::size_t{8} << 20);

  // Indexes the part at `path` ("-": stdin), which must stay as it is until
  // the index goes: the first 64 parts in files stay open, and a further one
  // is opened again for each line, and found only while it is the same file
  // (a regular file of the same device, inode and size). Returns whether one of its headers has the fingerprint
  // `extraction`. Throws mstl::Error when it cannot be read, a header line is broken
  // (`path:line:col`), or it has no header line.
  bool add(const std::string& path, std::string_view extraction);
  // After the last add(): of two whole lines with one fingerprint, the first added stays.
  void seal();
  // Whether a part has a whole line of the document whose "input" is `input`;
  // if so, `line` is it, its '\n' included. A part that changed since add()
  // has none. Safe from several threads at once.
  bool find(std::string_view input, std::string& line) const;
  std::size_t size() const { return m_places.size(); }  // lines indexed

 private:
  using Key = std::array<unsigned char, 32>;  // a SHA-256
  struct Place {
    Key key;
    std::uint32_t part;
    std::uint32_t size;
    std::uint64_t offset;
  };
  struct Source {
    std::string path;               // a regular file (absolute): its lines are read again from it
    FileFacts facts;                // ... which must be this file when it is opened again
    std::optional<InputFile> file;  // ... open, for the first k_open_parts such parts
    std::string text;               // else (stdin, a pipe): the part, held
  };
  static constexpr std::size_t k_open_parts = 64;
  std::size_t m_open = 0;
  void scan(std::string_view lines, std::uint64_t base, const std::string& name, std::string_view extraction,
            std::size_t& line_no, bool& header, bool& same_run);

  std::size_t m_piece;
  std::deque<Source> m_sources;
  std::vector<Place> m_places;
};

}  // namespace mstl
