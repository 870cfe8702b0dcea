#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

#include "mstimeline/parallel.hpp"

using namespace mstl;

TEST_CASE("parallel_for visits every index once, whatever the threads and blocks", "[parallel]") {
  for (std::size_t n : {0, 1, 63, 64, 65, 1000}) {
    for (std::size_t jobs : {1, 2, 7}) {
      std::vector<int> seen(n, 0);
      parallel_for(
          n, jobs, [&](std::size_t i, NoScratch&) { ++seen[i]; }, 16);
      INFO(n << " indices, " << jobs << " threads");
      CHECK(std::count(seen.begin(), seen.end(), 1) == static_cast<long>(n));
    }
  }
}

TEST_CASE("parallel_for uses up to the threads asked for, one scratch each, and one thread for one block",
          "[parallel]") {
  struct Scratch {
    std::thread::id owner = std::this_thread::get_id();
  };
  std::mutex mutex;
  std::set<std::thread::id> threads;
  bool own_scratch = true;
  parallel_for<Scratch>(
      4096, 3,
      [&](std::size_t, Scratch& s) {
        std::lock_guard<std::mutex> lock(mutex);
        threads.insert(std::this_thread::get_id());
        own_scratch = own_scratch && s.owner == std::this_thread::get_id();
      },
      1);
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
    std::atomic<bool> thrown{false};
    INFO(jobs << " threads");
    CHECK_THROWS_WITH(parallel_for(
                          100000, jobs,
                          [&](std::size_t i, NoScratch&) {
                            ++calls;
                            if (i == 700) {
                              thrown = true;
                              throw std::runtime_error("index 700");
                            }
                            // Once it has thrown, each call takes a millisecond: the other threads cannot
                            // run out of indices (some 50 s) before the failure is seen, however slowly the
                            // exception unwinds (under AddressSanitizer, the other thread ran all of them).
                            if (thrown) std::this_thread::sleep_for(std::chrono::milliseconds(1));
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

TEST_CASE("parallel_ordered uses every result once, in order, with at most a window of them waiting", "[parallel]") {
  for (std::size_t jobs : {1, 2, 3, 8})
    for (std::size_t window : {0, 1, 3})
      for (std::size_t n : {0, 1, 2, 7, 500}) {
        INFO(jobs << " threads, window " << window << ", " << n << " results");
        bool shared = jobs > 1 && window != 1 && n >= 500;  // room for two results: the threads share the work
        std::mutex mutex;
        std::condition_variable second_maker;
        std::set<std::thread::id> makers;
        std::atomic<std::size_t> waiting{0}, most_waiting{0};
        std::vector<std::size_t> used;
        std::size_t wrong = 0;
        parallel_ordered(
            n, jobs,
            [&](std::size_t i) {
              {
                std::unique_lock<std::mutex> lock(mutex);
                makers.insert(std::this_thread::get_id());
                second_maker.notify_all();
                // The first result waits for a second thread to start on another.
                if (i == 0 && shared)
                  second_maker.wait_for(lock, std::chrono::seconds(5), [&] { return makers.size() > 1; });
              }
              std::size_t now = ++waiting;
              for (std::size_t seen = most_waiting; now > seen && !most_waiting.compare_exchange_weak(seen, now);) {
              }
              if (i % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));  // out of turn
              return std::to_string(i);
            },
            [&](std::size_t i, std::string made) {
              --waiting;
              wrong += made != std::to_string(i);
              used.push_back(i);  // one call at a time: no lock
            },
            window);
        std::vector<std::size_t> expected(n);
        std::iota(expected.begin(), expected.end(), 0);
        CHECK(used == expected);
        CHECK(wrong == 0);
        std::size_t threads = std::max<std::size_t>(1, std::min(jobs, n));
        CHECK(makers.size() <= threads);
        std::size_t limit = threads == 1 ? 1 : window ? window : 2 * threads;
        CHECK(most_waiting <= limit);  // made and not yet used
        if (shared) CHECK(makers.size() > 1);
      }
}

TEST_CASE("parallel_ordered hands an exception from making or using to the caller", "[parallel]") {
  for (std::size_t jobs : {1, 2, 4}) {
    INFO(jobs << " threads");
    std::atomic<std::size_t> made{0};
    std::vector<std::size_t> used;
    CHECK_THROWS_WITH(parallel_ordered(
                          100000, jobs,
                          [&](std::size_t i) {
                            ++made;
                            if (i == 300) throw std::runtime_error("making 300");
                            return i;
                          },
                          [&](std::size_t, std::size_t i) { used.push_back(i); }),
                      "making 300");
    CHECK(made < 100000);
    CHECK(used.size() <= 300);  // nothing after the failed one is used
    for (std::size_t k = 0; k < used.size(); ++k) CHECK(used[k] == k);
    used.clear();
    made = 0;
    CHECK_THROWS_WITH(parallel_ordered(
                          100000, jobs,
                          [&](std::size_t i) {
                            ++made;
                            return i;
                          },
                          [&](std::size_t, std::size_t i) {
                            used.push_back(i);
                            if (i == 50) throw std::runtime_error("using 50");
                          }),
                      "using 50");
    CHECK(used.size() == 51);  // none used after the one that threw
    CHECK(made < 100000);
  }
}
