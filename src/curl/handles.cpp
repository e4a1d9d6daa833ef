#include "curl/handles.hpp"

#include <mutex>
#include <string>

namespace swarm::curl {

void ensure_global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

EasyHandle make_easy() {
    ensure_global_init();
    return EasyHandle(curl_easy_init());
}

MultiHandle make_multi() {
    ensure_global_init();
    return MultiHandle(curl_multi_init());
}

void HeaderList::append(std::string_view line) {
    curl_slist* next = curl_slist_append(list_.get(), std::string(line).c_str());
    if (next != nullptr) {
        (void)list_.release();  // curl_slist_append returned the same head, now one longer
        list_.reset(next);
    }
}

}  // namespace swarm::curl
