#include <catch2/catch.hpp>

#include <stdexcept>

#include "mstimeline/pipeline.hpp"

using namespace mstl;

TEST_CASE("a file whose extraction throws becomes a warning naming it, the run goes on", "[pipeline][robust]") {
  auto as_warning = [](auto exception) {
    return extraction_failure("in/a.txt", std::make_exception_ptr(exception)).to_string("warning");
  };
  CHECK(as_warning(Error("cannot decode")) == "in/a.txt: warning: cannot decode; skipped");
  CHECK(as_warning(std::runtime_error("vector::_M_range_check")) ==
        "in/a.txt: warning: internal error (vector::_M_range_check); please report it with this file; skipped");
  CHECK(as_warning(42) == "in/a.txt: warning: internal error; please report it with this file; skipped");
}
