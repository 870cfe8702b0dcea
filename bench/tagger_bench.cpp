// The temporal tagger alone, its tokenization included, over every article.
//
//   tagger_bench CORPUS DATA_DIR [LANG]
#include "bench_common.hpp"
#include "mstimeline/knowledge.hpp"
#include "mstimeline/tagger.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: tagger_bench CORPUS DATA_DIR [LANG]\n");
    return 2;
  }
  std::string corpus = mstl::bench::read_corpus(argv[1]);
  auto docs = mstl::bench::articles(corpus);
  mstl::Knowledge knowledge = mstl::load_knowledge(argv[2]);
  mstl::Tagger tagger(knowledge.lexicon(argc > 3 ? argv[3] : "id"));
  mstl::TagContext context;
  context.document_date = mstl::parse_date_value("2024-06-30");
  mstl::bench::run("temporal tagger", docs, [&](std::string_view d) { return tagger.tag(d, context).size(); });
  return 0;
}
