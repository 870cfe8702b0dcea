// Factories of the renderers, one per file in this folder; the table in
// renderer.cpp maps format names to them.
#pragma once

#include <memory>

#include "mstimeline/renderer.hpp"

namespace mstl::render {

std::unique_ptr<Renderer> make_json(const RenderOptions& options);
std::unique_ptr<Renderer> make_jsonl(const RenderOptions& options);
std::unique_ptr<Renderer> make_markdown(const RenderOptions& options);
std::unique_ptr<Renderer> make_timelinejs(const RenderOptions& options);
std::unique_ptr<Renderer> make_html(const RenderOptions& options);
std::unique_ptr<Renderer> make_csv(const RenderOptions& options);

}  // namespace mstl::render
