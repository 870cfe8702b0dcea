// WordList: a sorted set of words held in one string.
//
// Every new-event mention carries the content words of its sentence, about
// five and mostly short, until the merge has weighed them (builder.cpp). As a
// vector of strings they took 32 bytes a word plus the vector's; here they
// are one buffer, each word followed by '\n', which holds an archive's worth
// of them in about a quarter of the memory (52 MB of vectors against 14 MB of
// buffers for the 100 MB benchmark archive).
//
//   WordList w(std::vector<std::string>{"openai", "10", "openai"});
//   for (std::string_view word : w) ...  // "10", then "openai"
//   w.size() == 2; w.strings() == {"10", "openai"}
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mstl {

class WordList {
 public:
  // A forward iterator over the words, in order.
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = std::string_view;

    iterator() = default;
    iterator(const char* at, const char* end) : m_at(at), m_end(end) {}
    std::string_view operator*() const { return {m_at, static_cast<std::size_t>(std::find(m_at, m_end, '\n') - m_at)}; }
    iterator& operator++() {
      m_at = std::find(m_at, m_end, '\n') + 1;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++*this;
      return old;
    }
    bool operator==(const iterator& other) const { return m_at == other.m_at; }

   private:
    const char* m_at = nullptr;
    const char* m_end = nullptr;
  };

  WordList() = default;

  // Words in any order, repeats allowed: kept sorted (by bytes), each once.
  // A word must be `acceptable`; else std::invalid_argument.
  template <class Range>
  explicit WordList(const Range& words) {
    std::vector<std::string_view> sorted(std::begin(words), std::end(words));
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    std::size_t bytes = 0;
    for (auto w : sorted) {
      if (!acceptable(w)) throw std::invalid_argument("a word list holds non-empty words without line breaks");
      bytes += w.size() + 1;
    }
    m_text.reserve(bytes);
    for (auto w : sorted) {
      m_text += w;
      m_text += '\n';
    }
  }

  // Whether a word can be held: non-empty, no line break.
  static bool acceptable(std::string_view word) { return !word.empty() && word.find('\n') == std::string_view::npos; }

  iterator begin() const { return {m_text.data(), m_text.data() + m_text.size()}; }
  iterator end() const { return {m_text.data() + m_text.size(), m_text.data() + m_text.size()}; }
  bool empty() const { return m_text.empty(); }
  std::size_t size() const { return static_cast<std::size_t>(std::count(m_text.begin(), m_text.end(), '\n')); }
  std::vector<std::string> strings() const { return {begin(), end()}; }
  // Frees the buffer.
  void clear() { std::string().swap(m_text); }

  bool operator==(const WordList&) const = default;

 private:
  std::string m_text;
};

}  // namespace mstl
