// RAII owners of libcurl's easy, multi and header-list handles, and the process-wide
// curl_global_init every handle is created after. Used by transfer.cpp; callers never see them.
#pragma once

#include <memory>
#include <string_view>

#include <curl/curl.h>

namespace swarm::curl {

/// Runs curl_global_init once per process, whichever thread asks first; later calls wait for
/// it. The only call site of curl_global_init in the tree.
void ensure_global_init();

struct EasyDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};

struct MultiDeleter {
    void operator()(CURLM* handle) const { curl_multi_cleanup(handle); }
};

struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;

/// A new easy handle after the global init; null when libcurl cannot make one.
EasyHandle make_easy();
MultiHandle make_multi();

/// A curl_slist of request header lines ("Name: value"), freed with the object.
class HeaderList {
public:
    /// Appends one line; a failed allocation keeps the list as it was.
    void append(std::string_view line);

    curl_slist* get() const { return list_.get(); }

private:
    std::unique_ptr<curl_slist, SlistDeleter> list_;
};

}  // namespace swarm::curl
