// CTest registers each Catch case by name (catch_discover_tests): a ';' splits
// a name in two and a leading '-' reads as an option, and either way the case
// would not run as itself.
#include <catch2/catch.hpp>

TEST_CASE("every test case name can be registered with CTest", "[meta]") {
  const auto& tests = Catch::getRegistryHub().getTestCaseRegistry().getAllTests();
  CHECK(tests.size() > 50);
  for (const auto& t : tests) {
    INFO(t.name);
    CHECK(t.name.find(';') == std::string::npos);
    CHECK(t.name.front() != '-');
  }
}
