# Knowledge files (lexicons, boilerplate rules, path dates and page labels; the topic profile and the
# catalog belong to a collection and sit beside its articles) are copied into
# the build tree's share/mstimeline and installed to the same relative place,
# so the binary finds them next to itself in both.
# The articles are sample input, not knowledge: they are not installed.

# Every lexicon in data/lexicon/ (adding a language is adding a file there),
# every boilerplate rule file in data/boilerplate/, every path dates file in
# data/path_dates/, every labels file in data/labels/.
file(GLOB _lexicons RELATIVE ${PROJECT_SOURCE_DIR}/data CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/data/lexicon/*.json)
file(GLOB _boilerplate RELATIVE ${PROJECT_SOURCE_DIR}/data CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/data/boilerplate/*.json)
file(GLOB _path_dates RELATIVE ${PROJECT_SOURCE_DIR}/data CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/data/path_dates/*.json)
file(GLOB _labels RELATIVE ${PROJECT_SOURCE_DIR}/data CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/data/labels/*.json)
set(MSTL_KNOWLEDGE_FILES ${_lexicons} ${_boilerplate} ${_path_dates} ${_labels})

set(_stage ${CMAKE_BINARY_DIR}/${CMAKE_INSTALL_DATADIR}/mstimeline)
set(_staged)
foreach(f IN LISTS MSTL_KNOWLEDGE_FILES)
  add_custom_command(
    OUTPUT ${_stage}/${f}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${PROJECT_SOURCE_DIR}/data/${f} ${_stage}/${f}
    DEPENDS ${PROJECT_SOURCE_DIR}/data/${f}
    COMMENT "Staging knowledge file ${f}")
  list(APPEND _staged ${_stage}/${f})
  get_filename_component(_dir ${f} DIRECTORY)
  install(FILES ${PROJECT_SOURCE_DIR}/data/${f} DESTINATION ${CMAKE_INSTALL_DATADIR}/mstimeline/${_dir})
endforeach()

add_custom_target(mstl_knowledge ALL DEPENDS ${_staged})
