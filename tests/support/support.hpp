// Test fixtures shared by the unit and end-to-end tests.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "mstimeline/knowledge.hpp"

namespace mstl::test {

namespace fs = std::filesystem;

// The repository's root and its data/ folder.
fs::path source_dir();
fs::path repo_data_dir();

// The repository's knowledge files, loaded once.
const Knowledge& knowledge();

std::string read_file(const fs::path& path);
void write_file(const fs::path& path, std::string_view bytes);

// A fresh directory under the system temp dir, removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return m_path; }
  fs::path operator/(const std::string& rel) const { return m_path / rel; }

 private:
  fs::path m_path;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the built mstimeline binary with `args` (no shell involved in the
// arguments), in `cwd` (default: the repository root), in this process's
// environment changed by `env`: "TZ=Asia/Jakarta" sets TZ (replacing an
// inherited TZ), "TZ" alone removes it.
RunResult run_cli(const std::vector<std::string>& args, const fs::path& cwd = {},
                  const std::vector<std::string>& env = {});

// The same for any program, by path.
RunResult run_program(const std::string& program, const std::vector<std::string>& args, const fs::path& cwd = {},
                      const std::vector<std::string>& env = {});

}  // namespace mstl::test
