// Charset detection and single-byte tables, through ICU (ucsdet, ucnv).
#include <memory>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include "mstimeline/text.hpp"

namespace mstl::text {

std::vector<std::string> detect_charsets(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status), &ucsdet_close);
  if (U_FAILURE(status)) return {};
  // The detector reads at most this much; more only costs time.
  std::string_view sample = bytes.substr(0, 1 << 16);
  ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
  std::vector<std::string> names;
  for (int32_t i = 0; U_SUCCESS(status) && i < count; ++i) {
    const char* name = ucsdet_getName(matches[i], &status);
    if (U_SUCCESS(status) && name) names.emplace_back(name);
  }
  return names;
}

std::vector<char32_t> single_byte_table(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(name.c_str(), &status), &ucnv_close);
  if (U_FAILURE(status) || ucnv_getMaxCharSize(conv.get()) != 1 || ucnv_getMinCharSize(conv.get()) != 1) return {};
  // Unassigned bytes become U+FFFD, not the converter's own substitute.
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_SUBSTITUTE, nullptr, nullptr, nullptr, &status);
  std::vector<char32_t> table(256, U'\uFFFD');
  for (int b = 0; b < 256; ++b) {
    char in = static_cast<char>(b);
    UChar out[4];
    status = U_ZERO_ERROR;
    ucnv_reset(conv.get());
    int32_t n = ucnv_toUChars(conv.get(), out, 4, &in, 1, &status);
    if (U_SUCCESS(status) && n == 1 && !(out[0] == 0x1A && b != 0x1A)) table[b] = out[0];
  }
  return table;
}

}  // namespace mstl::text
