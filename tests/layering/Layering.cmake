# Layering checks (docs/architecture.md). For each arrow that must not exist, a one-line file that
# includes a light header of the library above is compiled against the library below only: the
# test passes when the compiler reports that header as not found. The same file compiled against
# the library that owns the header must build (the control), so a typo cannot pass for a wall.
set(WALNESS_LAYERING_DIR ${CMAKE_CURRENT_BINARY_DIR}/layering)

# walness_layering_check(FROM library HEADER path OWNER library)
function(walness_layering_check)
  cmake_parse_arguments(CHECK "" "FROM;HEADER;OWNER" "" ${ARGN})
  string(MAKE_C_IDENTIFIER "${CHECK_FROM}_${CHECK_HEADER}" id)
  set(source ${WALNESS_LAYERING_DIR}/${id}.cpp)
  file(WRITE ${source} "#include \"${CHECK_HEADER}\"\n")
  foreach(kind wall control)
    if(kind STREQUAL "wall")
      set(library ${CHECK_FROM})
    else()
      set(library ${CHECK_OWNER})
    endif()
    add_library(layering_${kind}_${id} OBJECT EXCLUDE_FROM_ALL ${source})
    target_link_libraries(layering_${kind}_${id} PRIVATE ${library})
  endforeach()
  get_filename_component(name ${CHECK_HEADER} NAME)
  add_test(NAME Layering.${CHECK_FROM}_cannot_include_${name}
           COMMAND ${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR} --target layering_wall_${id})
  add_test(NAME Layering.${CHECK_OWNER}_can_include_${name}_unlike_${CHECK_FROM}
           COMMAND ${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR} --target layering_control_${id})
  # Only "not found" counts: any other failure of the wall's build fails the test.
  set_tests_properties(Layering.${CHECK_FROM}_cannot_include_${name} PROPERTIES
    PASS_REGULAR_EXPRESSION "${name}: No such file or directory"
    RESOURCE_LOCK walness_build_directory LABELS core)
  set_tests_properties(Layering.${CHECK_OWNER}_can_include_${name}_unlike_${CHECK_FROM} PROPERTIES
    RESOURCE_LOCK walness_build_directory LABELS core)
endfunction()

walness_layering_check(FROM walness_engine HEADER walness/training/distributed/DistributedSettings.h
                       OWNER walness_training)
walness_layering_check(FROM walness_engine HEADER walness/history/Pet.h OWNER walness_records)
walness_layering_check(FROM walness_engine HEADER walness/clinics/Clinic.h OWNER walness_clinics)
walness_layering_check(FROM walness_records HEADER walness/training/distributed/DistributedSettings.h
                       OWNER walness_training)
walness_layering_check(FROM walness_clinics HEADER walness/Species.h OWNER walness_engine)
walness_layering_check(FROM walness_base HEADER walness/Species.h OWNER walness_engine)
if(WALNESS_BUILD_UI)
  # The pages never see training; only the improvement dialog does.
  walness_layering_check(FROM walness_ui HEADER walness/training/distributed/DistributedSettings.h
                         OWNER walness_ui_improve)
  # Nothing in core sees the GUI.
  walness_layering_check(FROM walness_training HEADER ui/common/SafeText.h OWNER walness_ui)
endif()
