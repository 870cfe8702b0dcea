// `cmake --install` gives a binary that finds its knowledge files and works.
#include <catch2/catch.hpp>

#include "support/support.hpp"

using namespace mstl;

TEST_CASE("an installed mstimeline finds its data and builds the timeline", "[e2e][install]") {
  test::TempDir prefix;
  auto install = test::run_program(MSTL_CMAKE, {"--install", MSTL_BUILD_DIR, "--prefix", prefix.path().string()});
  INFO(install.out << install.err);
  REQUIRE(install.exit_code == 0);
  CHECK(std::filesystem::exists(prefix / "share/mstimeline/lexicon/id.json"));
  CHECK(std::filesystem::exists(prefix / "share/mstimeline/path_dates/common.json"));
  CHECK(std::filesystem::exists(prefix / "share/man/man1/mstimeline.1"));
  auto r = test::run_program((prefix / "bin/mstimeline").string(), {"build", "data/", "--format", "md"}, {},
                             {"MSTIMELINE_DATA="});
  CHECK(r.exit_code == 0);
  CHECK(r.out == test::read_file(test::source_dir() / "docs/timeline.md"));
}
