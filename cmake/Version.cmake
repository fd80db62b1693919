# WALNESS_VERSION_STRING: from the nearest release tag (`v1.2.3` -> `1.2.3`, plus `-N-gHASH` past it),
# otherwise the project version plus the commit, so `--version` always says exactly which build it is.
set(WALNESS_VERSION_STRING "${PROJECT_VERSION}")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS "${PROJECT_SOURCE_DIR}/.git")
  execute_process(
    COMMAND "${GIT_EXECUTABLE}" -c safe.directory=* describe --tags --match "v[0-9]*" --dirty
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    OUTPUT_VARIABLE _walness_describe
    OUTPUT_STRIP_TRAILING_WHITESPACE
    ERROR_QUIET
    RESULT_VARIABLE _walness_describe_result)
  if(_walness_describe_result EQUAL 0)
    string(REGEX REPLACE "^v" "" WALNESS_VERSION_STRING "${_walness_describe}")
  else()
    # No release tag yet.
    execute_process(
      COMMAND "${GIT_EXECUTABLE}" -c safe.directory=* rev-parse --short HEAD
      WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
      OUTPUT_VARIABLE _walness_commit
      OUTPUT_STRIP_TRAILING_WHITESPACE
      ERROR_QUIET
      RESULT_VARIABLE _walness_commit_result)
    if(_walness_commit_result EQUAL 0 AND _walness_commit)
      set(WALNESS_VERSION_STRING "${PROJECT_VERSION}+g${_walness_commit}")
    endif()
  endif()
endif()
message(STATUS "Walness version: ${WALNESS_VERSION_STRING}")

# Configure again when the checked-out commit changes, so the version never goes stale.
if(EXISTS "${PROJECT_SOURCE_DIR}/.git/HEAD")
  set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
    "${PROJECT_SOURCE_DIR}/.git/HEAD")
  file(READ "${PROJECT_SOURCE_DIR}/.git/HEAD" _walness_head)
  if(_walness_head MATCHES "^ref: ([^\n]+)")
    set(_walness_ref "${PROJECT_SOURCE_DIR}/.git/${CMAKE_MATCH_1}")
    if(EXISTS "${_walness_ref}")
      set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
        "${_walness_ref}")
    endif()
  endif()
endif()
