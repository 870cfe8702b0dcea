// mstimeline: dated, source-cited timelines from folders of news articles.
// Everything lives in mstimeline_core; see docs/ARCHITECTURE.md.
#include "cli/app.hpp"

int main(int argc, char** argv) { return mstl::cli::run(argc, argv); }
