// The baseline: a bare ICU sentence and word segmentation pass over every
// article, through UText over the UTF-8 bytes, as cheaply as ICU allows.
//
//   icu_segment_bench CORPUS [sentence+word | sentence | word]
//
// The baseline of the targets is sentence+word (the default); the passes of
// one kind tell how the two split it (docs/performance.md).
#include <cstring>
#include <memory>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "bench_common.hpp"

namespace {

std::size_t count_boundaries(icu::BreakIterator& bi, UText* ut) {
  UErrorCode status = U_ZERO_ERROR;
  bi.setText(ut, status);
  std::size_t n = 0;
  for (int32_t b = bi.first(); b != icu::BreakIterator::DONE; b = bi.next()) ++n;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  const char* pass = argc == 3 ? argv[2] : "sentence+word";
  bool sentence_pass = std::strcmp(pass, "sentence+word") == 0 || std::strcmp(pass, "sentence") == 0;
  bool word_pass = std::strcmp(pass, "sentence+word") == 0 || std::strcmp(pass, "word") == 0;
  if ((argc != 2 && argc != 3) || (!sentence_pass && !word_pass)) {
    std::fprintf(stderr, "usage: icu_segment_bench CORPUS [sentence+word | sentence | word]\n");
    return 2;
  }
  std::string corpus = mstl::bench::read_corpus(argv[1]);
  auto docs = mstl::bench::articles(corpus);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> sentences(
      icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
  std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) return 3;
  std::string name = std::string("icu ") + pass + " segmentation";
  mstl::bench::run(name.c_str(), docs, [&](std::string_view d) {
    UErrorCode s = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, d.data(), static_cast<int64_t>(d.size()), &s);
    std::size_t n =
        (sentence_pass ? count_boundaries(*sentences, ut) : 0) + (word_pass ? count_boundaries(*words, ut) : 0);
    utext_close(ut);
    return n;
  });
  return 0;
}
