#include "mstimeline/renderer.hpp"

#include <array>

#include <fmt/format.h>

#include "render/renderers.hpp"

namespace mstl {
namespace {

struct Format {
  std::string_view name;
  std::unique_ptr<Renderer> (*make)(const RenderOptions&);
  bool needs_locale;
};

constexpr std::array k_formats = {
    Format{"json", render::make_json, false},
    Format{"jsonl", render::make_jsonl, false},
    Format{"md", render::make_markdown, true},
    Format{"html", render::make_html, true},
    Format{"timelinejs", render::make_timelinejs, true},
    Format{"csv", render::make_csv, false},
};

}  // namespace

std::unique_ptr<Renderer> Renderer::create(std::string_view name, const RenderOptions& options) {
  for (const auto& f : k_formats)
    if (f.name == name) return f.make(options);
  throw Error(fmt::format("unknown format \"{}\" (known: {})", name, fmt::join(names(), ", ")));
}

bool Renderer::needs_locale(std::string_view name) {
  for (const auto& f : k_formats)
    if (f.name == name) return f.needs_locale;
  return false;
}

std::vector<std::string> Renderer::names() {
  std::vector<std::string> out;
  for (const auto& f : k_formats) out.emplace_back(f.name);
  return out;
}

}  // namespace mstl
