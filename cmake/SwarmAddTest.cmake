# swarm_add_test(NAME n SOURCES a.cpp ... LIBS lib... LABELS unit ...)
# Builds one GoogleTest executable and registers its cases with ctest under the given labels.
include(GoogleTest)
function(swarm_add_test)
    cmake_parse_arguments(T "" "NAME" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    set_target_properties(${T_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests")
    target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} swarm_test_support GTest::gmock_main
        swarm_warnings)
    gtest_discover_tests(${T_NAME}
        PROPERTIES LABELS "${T_LABELS}"
        ENVIRONMENT "SWARM_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
        DISCOVERY_TIMEOUT 60)
endfunction()
