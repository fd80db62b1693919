# WALNESS_VERSION_STRING: `git describe` when the source is a git checkout with tags, otherwise the
# project version, so `--version` always says exactly which build it is.
set(WALNESS_VERSION_STRING "${PROJECT_VERSION}")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS "${PROJECT_SOURCE_DIR}/.git")
  execute_process(
    COMMAND "${GIT_EXECUTABLE}" -c safe.directory=* describe --tags --dirty --always
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    OUTPUT_VARIABLE _walness_describe
    OUTPUT_STRIP_TRAILING_WHITESPACE
    ERROR_QUIET
    RESULT_VARIABLE _walness_describe_result)
  if(_walness_describe_result EQUAL 0 AND _walness_describe)
    if(_walness_describe MATCHES "^v?[0-9]")
      string(REGEX REPLACE "^v" "" WALNESS_VERSION_STRING "${_walness_describe}")
    else()
      # No release tag yet: the project version plus the commit.
      set(WALNESS_VERSION_STRING "${PROJECT_VERSION}+g${_walness_describe}")
    endif()
  endif()
endif()
message(STATUS "Walness version: ${WALNESS_VERSION_STRING}")
