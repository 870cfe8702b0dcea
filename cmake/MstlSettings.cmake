# INTERFACE targets that carry the project's compile settings. Our own targets
# link them PRIVATE; nothing here touches global flags.

add_library(mstl_settings INTERFACE)
target_compile_features(mstl_settings INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

if(MSTL_SANITIZE)
  target_compile_options(mstl_settings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                 -fno-sanitize-recover=undefined)
  target_link_options(mstl_settings INTERFACE -fsanitize=address,undefined)
endif()
if(MSTL_TSAN)
  target_compile_options(mstl_settings INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(mstl_settings INTERFACE -fsanitize=thread)
endif()
if(MSTL_FUZZ)
  target_compile_options(mstl_settings INTERFACE -fsanitize=fuzzer-no-link)
endif()

add_library(mstl_warnings INTERFACE)
target_compile_options(mstl_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                               -Wno-sign-conversion)
if(MSTL_WERROR)
  target_compile_options(mstl_warnings INTERFACE -Werror)
endif()
