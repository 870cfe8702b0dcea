#include <catch2/catch.hpp>

#include "mstimeline/error.hpp"
#include "mstimeline/output.hpp"
#include "support/support.hpp"

using namespace mstl;
using test::TempDir;

TEST_CASE("output files are replaced whole, with no temporary left behind", "[output]") {
  TempDir dir;
  auto target = dir / "out.json";
  test::write_file(target, "old contents");
  write_output(target.string(), "new\n");
  CHECK(test::read_file(target) == "new\n");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("an output path that cannot be written is an error naming it", "[output]") {
  TempDir dir;
  auto target = (dir / "missing" / "out.json").string();
  CHECK_THROWS_WITH(write_output(target, "x"), target + ": cannot create a temporary file beside it: No such file or "
                                                        "directory");
}
