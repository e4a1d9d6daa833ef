# swarm_expose(<target> <folder>...): the dependency rule by construction. Each library puts only
# its own folders of src/ on its public include path, so a file compiles an `#include "x/..."`
# only when its target links (directly or through PUBLIC dependencies) the library that owns x/.
# `#include <sqlite3.h>` or `#include "storage/..."` in core fails to compile instead of relying on
# review. The view is a folder of symbolic links in the build tree, one per exposed folder:
#   build/src/core/include-swarm_core/core -> src/core
# (the path keeps a /src/ component so clang-tidy's HeaderFilterRegex still matches headers).
function(swarm_expose target)
    set(view "${CMAKE_CURRENT_BINARY_DIR}/include-${target}")
    foreach(folder IN LISTS ARGN)
        set(source "${PROJECT_SOURCE_DIR}/src/${folder}")
        if(NOT IS_DIRECTORY "${source}")
            message(FATAL_ERROR "swarm_expose(${target}): src/${folder} is not a folder")
        endif()
        set(link "${view}/${folder}")
        get_filename_component(parent "${link}" DIRECTORY)
        file(MAKE_DIRECTORY "${parent}")
        if(IS_SYMLINK "${link}")
            file(READ_SYMLINK "${link}" current)
            if(NOT current STREQUAL source)
                file(REMOVE "${link}")
            endif()
        endif()
        if(NOT EXISTS "${link}")
            file(CREATE_LINK "${source}" "${link}" SYMBOLIC)
        endif()
    endforeach()
    target_include_directories(${target} PUBLIC "${view}")
endfunction()
