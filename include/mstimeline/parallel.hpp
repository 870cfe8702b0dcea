// Work on every core with output that does not depend on it: `parallel_for`
// hands out blocks of indices in turn and each index's result goes to its own
// place, so the result is the same for any number of threads.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

namespace mstl {

// `jobs`, or one per core when it is 0.
inline std::size_t jobs_or_cores(std::size_t jobs) {
  return jobs ? jobs : std::max(1u, std::thread::hardware_concurrency());
}

struct NoScratch {};

// Calls f(i, scratch) for every i in [0, n), on at most `jobs` threads (the
// caller's among them), each with its own default-constructed Scratch, in
// blocks of `block` indices. f must not depend on which thread runs it. When
// f throws, no further block is started and the first exception is rethrown
// in the caller once every thread has stopped.
template <class Scratch = NoScratch, class F>
void parallel_for(std::size_t n, std::size_t jobs, F f, std::size_t block = 64) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr failure;  // written once, by the thread that set `failed`
  auto work = [&] {
    try {
      Scratch scratch;
      for (std::size_t b = next++; b * block < n && !failed; b = next++)
        for (std::size_t i = b * block; i < std::min(n, (b + 1) * block); ++i) f(i, scratch);
    } catch (...) {
      if (!failed.exchange(true)) failure = std::current_exception();
    }
  };
  jobs = std::max<std::size_t>(1, std::min(jobs, (n + block - 1) / block));
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 1; t < jobs; ++t) workers.emplace_back(work);
    work();
  }  // joined
  if (failure) std::rethrow_exception(failure);
}

// Sorts [first, last) by `less` on up to `jobs` threads: stretches sorted
// side by side, then merged. `less` must order every two distinct elements
// (a strict total order); the result is then that of std::sort, whatever
// the number of threads.
template <class It, class Less>
void parallel_sort(It first, It last, Less less, std::size_t jobs) {
  constexpr std::size_t k_min_stretch = 1 << 14;  // below this a thread costs more than it saves
  auto n = static_cast<std::size_t>(last - first);
  std::size_t parts = std::max<std::size_t>(1, std::min(jobs, n / k_min_stretch));
  if (parts == 1) {
    std::sort(first, last, less);
    return;
  }
  auto at = [&](std::size_t p) { return first + static_cast<std::ptrdiff_t>(n / parts * p); };
  auto end_of = [&](std::size_t p) { return p + 1 == parts ? last : at(p + 1); };
  parallel_for(
      parts, jobs, [&](std::size_t p, NoScratch&) { std::sort(at(p), end_of(p), less); }, 1);
  for (std::size_t p = 1; p < parts; ++p) std::inplace_merge(first, at(p), end_of(p), less);
}

// Calls make(i) for every i in [0, n) on up to `jobs` threads (the caller's
// among them) and use(i, result) for each in order of i, one call at a time,
// while the next results are being made: a pipeline whose output is the same
// for any number of threads. use() runs on whichever thread is free to take
// the next result, so it must not care which one. At most `window` results
// (2 per thread when 0) are made and not yet used, which bounds the memory
// they hold; moving a result must not throw. When make or use throws, nothing
// further is started and the first exception is rethrown in the caller once
// every thread has stopped.
template <class Make, class Use>
void parallel_ordered(std::size_t n, std::size_t jobs, Make make, Use use, std::size_t window = 0) {
  using Result = std::invoke_result_t<Make&, std::size_t>;
  jobs = std::max<std::size_t>(1, std::min(jobs, n));
  if (jobs == 1) {
    for (std::size_t i = 0; i < n; ++i) use(i, make(i));
    return;
  }
  if (window == 0) window = 2 * jobs;
  window = std::min(window, n);  // never more places than results
  std::mutex mutex;
  std::condition_variable room;                      // a result was used: the window moved
  std::vector<std::optional<Result>> ready(window);  // result i waits at i % window
  std::size_t next_make = 0, next_use = 0;
  bool in_use = false;  // some thread is using results
  bool failed = false;
  std::exception_ptr failure;
  auto fail = [&] {  // with the lock held
    if (!failed) failure = std::current_exception();
    failed = true;
    room.notify_all();
  };
  auto work = [&] {
    std::unique_lock<std::mutex> lock(mutex);
    for (;;) {
      room.wait(lock, [&] { return failed || next_make >= n || next_make < next_use + window; });
      if (failed || next_make >= n) return;
      std::size_t i = next_make++;
      lock.unlock();
      std::optional<Result> made;
      try {
        made.emplace(make(i));
      } catch (...) {
        lock.lock();
        fail();
        return;
      }
      lock.lock();
      ready[i % window] = std::move(made);
      if (in_use) continue;  // that thread takes this result when its turn comes
      in_use = true;
      while (!failed && next_use < n && ready[next_use % window]) {
        std::size_t u = next_use;
        Result r = std::move(*ready[u % window]);
        ready[u % window].reset();
        lock.unlock();
        try {
          use(u, std::move(r));
        } catch (...) {
          lock.lock();
          in_use = false;
          fail();
          return;
        }
        lock.lock();
        ++next_use;
        room.notify_all();
      }
      in_use = false;
    }
  };
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 1; t < jobs; ++t) workers.emplace_back(work);
    work();
  }  // joined
  if (failure) std::rethrow_exception(failure);
}

}  // namespace mstl
