// The value type of a function that returns either T or core::Result<T>: what row mappers and
// decoders of both storage backends yield (sqlite::Connection::query_*, the PostgreSQL decoders).
#pragma once

#include "core/result.hpp"

#include <type_traits>

namespace swarm::core {

template <class T>
struct ResultValue {
    using type = T;
};

template <class T>
struct ResultValue<Result<T>> {
    using type = T;
};

/// T for `fn(args...)` returning T or Result<T> (references and const stripped).
template <class Fn, class... Args>
using InvokeResultValue =
    typename ResultValue<std::remove_cvref_t<std::invoke_result_t<Fn&, Args...>>>::type;

}  // namespace swarm::core
