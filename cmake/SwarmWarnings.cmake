# Warning flags for our own targets only (linked PRIVATE); third-party headers stay SYSTEM.
add_library(swarm_warnings INTERFACE)
target_compile_options(swarm_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast
    -Woverloaded-virtual -Wnon-virtual-dtor -Wimplicit-fallthrough -Wmissing-declarations
    -Wformat=2)
if(SWARM_WERROR)
    target_compile_options(swarm_warnings INTERFACE -Werror)
endif()
