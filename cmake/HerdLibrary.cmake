# herd_add_library(NAME <layer> SOURCES ... [DEPS <herd layers>] [LIBS <third-party>]
#                  [PUBLIC_LIBS <third-party needed by public headers>])
#
# Defines herd_<layer> with include/ public and src/ private, and stops the
# configure step when a dependency is not a strictly lower layer.
function(herd_check_layering name)
  list(FIND HERD_LAYERS ${name} own_index)
  if(own_index EQUAL -1)
    message(FATAL_ERROR "herd layer '${name}' is not in HERD_LAYERS")
  endif()
  foreach(dep IN LISTS ARGN)
    list(FIND HERD_LAYERS ${dep} dep_index)
    if(dep_index EQUAL -1 OR NOT dep_index LESS own_index)
      message(FATAL_ERROR "layering: herd_${name} may not depend on '${dep}' "
                          "(allowed: layers before '${name}' in ${HERD_LAYERS})")
    endif()
  endforeach()
endfunction()

function(herd_add_library)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS;LIBS;PUBLIC_LIBS" ${ARGN})
  herd_check_layering(${ARG_NAME} ${ARG_DEPS})
  add_library(herd_${ARG_NAME} STATIC ${ARG_SOURCES})
  target_include_directories(herd_${ARG_NAME}
    PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  foreach(dep IN LISTS ARG_DEPS)
    target_link_libraries(herd_${ARG_NAME} PUBLIC herd_${dep})
  endforeach()
  target_link_libraries(herd_${ARG_NAME} PRIVATE ${ARG_LIBS} PUBLIC ${ARG_PUBLIC_LIBS})
endfunction()

# herd_add_tests(NAME <layer> SOURCES ... [TARGET <binary>] [LIBS ...] [LABELS ...])
#
# One GoogleTest binary per layer (herd_<layer>_test, or TARGET); every test
# is labelled with the layer name and 'unit' unless LABELS says otherwise
# (integration tests: LABELS integration).
function(herd_add_tests)
  cmake_parse_arguments(ARG "" "NAME;TARGET" "SOURCES;LIBS;LABELS" ${ARGN})
  if(HERD_FUZZ)
    return()  # the clang fuzz tree builds libraries and fuzzers only
  endif()
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  set(target herd_${ARG_NAME}_test)
  if(ARG_TARGET)
    set(target ${ARG_TARGET})
  endif()
  add_executable(${target} ${ARG_SOURCES})
  target_include_directories(${target} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(${target} PRIVATE herd_${ARG_NAME} ${ARG_LIBS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${target} PRIVATE
    HERD_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    HERD_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
  gtest_discover_tests(${target}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    DISCOVERY_TIMEOUT 60)
  # gtest_discover_tests (CMake 3.25) flattens list-valued PROPERTIES, so the
  # labels are set by a file ctest includes after the discovered tests.
  set(label_file ${CMAKE_CURRENT_BINARY_DIR}/${target}_labels.cmake)
  file(WRITE ${label_file}
    "set_tests_properties(\${${target}_TESTS} PROPERTIES LABELS \"${ARG_NAME};${ARG_LABELS}\")\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${label_file})
endfunction()
