// Renderers: a Timeline to bytes, one small class per format, chosen by name.
//
//   auto r = Renderer::create("md", {&knowledge.lexicon("en"), &knowledge.label_set("en")});
//   std::string out = r->render(timeline);
//
// Output is a pure function of the Timeline and the options: no clock, no
// locale, no environment, so it is byte-stable. Adding a format is adding one
// file under src/render/ and one line in renderer.cpp's table.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mstimeline/labels.hpp"
#include "mstimeline/lexicon.hpp"
#include "mstimeline/timeline.hpp"

namespace mstl {

// The locale of a page: how it writes dates out ("January 25, 2023") and its
// words ("Sources"). md, html and timelinejs need both; json, jsonl and csv
// are locale-free.
struct RenderOptions {
  const Lexicon* dates = nullptr;
  const Labels* labels = nullptr;
  std::size_t jobs = 1;   // threads formatting items (json); the bytes are the same for any number
  bool csv_safe = false;  // csv: a cell starting = + - @ tab or CR gets a ' before it (csv_renderer.cpp)
  // md, html: the quotes shown under each event, the first this many (0: all), then how many more there
  // are; the data formats (json, jsonl, csv, timelinejs) always hold them all.
  std::size_t quotes = 10;
  bool all_sources = false;  // json: every source read, not only those cited
};

class Renderer {
 public:
  virtual ~Renderer() = default;
  virtual std::string render(const Timeline& timeline) const = 0;
  // The same bytes, handed to `sink` in pieces; formats that can write an
  // event at a time override it so that a large output is never held whole.
  virtual void render_to(const Timeline& timeline, const std::function<void(std::string_view)>& sink) const {
    sink(render(timeline));
  }

  // Throws mstl::Error listing the known names when `name` is not one.
  static std::unique_ptr<Renderer> create(std::string_view name, const RenderOptions& options);
  static std::vector<std::string> names();
  // Whether the format writes dates and words out, so needs a locale.
  static bool needs_locale(std::string_view name);
};

}  // namespace mstl
