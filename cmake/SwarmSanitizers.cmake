# SWARM_SANITIZE=address,undefined turns sanitizers on for everything we build.
if(SWARM_SANITIZE)
    add_compile_options(-fsanitize=${SWARM_SANITIZE} -fno-omit-frame-pointer)
    add_link_options(-fsanitize=${SWARM_SANITIZE})
endif()
