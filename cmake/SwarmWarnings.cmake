# Warning flags for our own targets only (linked PRIVATE); third-party headers stay SYSTEM.
add_library(swarm_warnings INTERFACE)
target_compile_options(swarm_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast
    -Woverloaded-virtual -Wnon-virtual-dtor -Wimplicit-fallthrough -Wmissing-declarations
    -Wformat=2)
if(SWARM_WERROR)
    target_compile_options(swarm_warnings INTERFACE -Werror)
endif()
# In a unity batch every source file is an included file, so GCC warns that a coroutine frame or
# template instantiated with a type from a file's anonymous namespace "uses the anonymous
# namespace": true of any file-local type there, and harmless (the batch is one translation unit).
if(SWARM_UNITY_BUILD AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(swarm_warnings INTERFACE -Wno-subobject-linkage)
endif()
