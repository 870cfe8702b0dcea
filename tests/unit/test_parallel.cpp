#include <catch2/catch.hpp>

#include <algorithm>
#include <mutex>
#include <random>
#include <stdexcept>
#include <set>
#include <thread>

#include "mstimeline/parallel.hpp"

using namespace mstl;

TEST_CASE("parallel_for visits every index once, whatever the threads and blocks", "[parallel]") {
  for (std::size_t n : {0, 1, 63, 64, 65, 1000}) {
    for (std::size_t jobs : {1, 2, 7}) {
      std::vector<int> seen(n, 0);
      parallel_for(n, jobs, [&](std::size_t i, NoScratch&) { ++seen[i]; }, 16);
      INFO(n << " indices, " << jobs << " threads");
      CHECK(std::count(seen.begin(), seen.end(), 1) == static_cast<long>(n));
    }
  }
}

TEST_CASE("parallel_for uses up to the threads asked for, one scratch each, and one thread for one block", "[parallel]") {
  struct Scratch {
    std::thread::id owner = std::this_thread::get_id();
  };
  std::mutex mutex;
  std::set<std::thread::id> threads;
  bool own_scratch = true;
  parallel_for<Scratch>(4096, 3, [&](std::size_t, Scratch& s) {
    std::lock_guard<std::mutex> lock(mutex);
    threads.insert(std::this_thread::get_id());
    own_scratch = own_scratch && s.owner == std::this_thread::get_id();
  }, 1);
  CHECK(threads.size() <= 3);
  CHECK(own_scratch);

  threads.clear();
  parallel_for(10, 8, [&](std::size_t, NoScratch&) {
    std::lock_guard<std::mutex> lock(mutex);
    threads.insert(std::this_thread::get_id());
  });  // 10 indices: one block of 64
  CHECK(threads == std::set<std::thread::id>{std::this_thread::get_id()});
}

TEST_CASE("parallel_for hands an exception of any thread to the caller, after every thread stopped", "[parallel]") {
  for (std::size_t jobs : {1, 2, 4}) {
    std::atomic<std::size_t> calls{0};
    INFO(jobs << " threads");
    CHECK_THROWS_WITH(parallel_for(
                          100000, jobs,
                          [&](std::size_t i, NoScratch&) {
                            ++calls;
                            if (i == 700) throw std::runtime_error("index 700");
                          },
                          1),
                      "index 700");
    CHECK(calls < 100000);  // no block started after the failure was seen
  }
}

TEST_CASE("jobs_or_cores: 0 means one per core", "[parallel]") {
  CHECK(jobs_or_cores(3) == 3);
  CHECK(jobs_or_cores(0) >= 1);
}

TEST_CASE("parallel_sort gives std::sort's order on any number of threads", "[parallel]") {
  std::mt19937 random(11);
  for (std::size_t n : {0, 1, 1000, 16384 * 2 + 5, 16384 * 5 + 123}) {
    std::vector<std::pair<int, int>> items;  // few distinct firsts: long runs of ties broken by the second
    for (std::size_t i = 0; i < n; ++i) items.push_back({static_cast<int>(random() % 50), static_cast<int>(i)});
    std::shuffle(items.begin(), items.end(), random);
    std::vector<std::pair<int, int>> expected = items;
    std::sort(expected.begin(), expected.end());
    for (std::size_t jobs : {1, 2, 3, 8}) {
      std::vector<std::pair<int, int>> sorted = items;
      parallel_sort(sorted.begin(), sorted.end(), std::less<>(), jobs);
      INFO(n << " items, " << jobs << " threads");
      CHECK(sorted == expected);
    }
  }
}
