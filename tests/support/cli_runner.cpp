#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/support.hpp"

extern char** environ;

namespace mstl::test {

fs::path source_dir() { return MSTL_SOURCE_DIR; }
fs::path repo_data_dir() { return source_dir() / "data"; }

const Knowledge& knowledge() {
  static const Knowledge k = load_knowledge(repo_data_dir());
  return k;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& path, std::string_view bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  m_path = fs::temp_directory_path() / ("mstl-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(m_path);
  fs::create_directories(m_path);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::permissions(m_path, fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(m_path, ec);
}

RunResult run_cli(const std::vector<std::string>& args, const fs::path& cwd, const std::vector<std::string>& env) {
  return run_program(MSTL_BINARY, args, cwd, env);
}

RunResult run_program(const std::string& program, const std::vector<std::string>& args, const fs::path& cwd,
                      const std::vector<std::string>& env) {
  TempDir io;
  fs::path out = io / "stdout", err = io / "stderr";
  std::vector<std::string> argv_s{program};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  // The inherited environment, less the variables `env` names: "NAME=VALUE" replaces NAME, "NAME" removes it.
  auto name_of = [](std::string_view e) { return e.substr(0, e.find('=')); };
  std::vector<std::string> env_s;
  for (char** e = environ; *e; ++e) {
    bool named = false;
    for (const auto& x : env) named = named || name_of(x) == name_of(*e);
    if (!named) env_s.emplace_back(*e);
  }
  for (const auto& x : env)
    if (x.find('=') != std::string::npos) env_s.push_back(x);
  std::vector<char*> envp;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  fs::path dir = cwd.empty() ? source_dir() : cwd;
  posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  RunResult r;
  if (rc != 0) return r;
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

}  // namespace mstl::test
