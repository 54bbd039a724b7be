// Result<T> and Error: expected failures are values, never exceptions across the core API.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace kt {

/// Every expected failure the core reports. The app maps a code to a message key
/// (error_message_key); `detail` is developer English and never holds personal data.
enum class ErrorCode {
    usage,             // the caller asked for something impossible (bad argument)
    wrong_passphrase,  // the key file's check value does not match the derived key
    not_a_vault,       // no key file, empty file, plain SQLite, foreign format
    damaged_vault,     // key is right but pages fail their HMAC or the schema is broken
    already_exists,    // create refused: a file is in the way
    not_found,         // a record or file that should exist does not
    io,                // read/write/sync failed
    disk_full,         // no space left
    read_only,         // the medium refuses writes
    invalid_state,     // the record does not allow this change (e.g. finished assessment)
    // The network (sync/transport): what a request to the receiver came to.
    offline,           // no route, refused connection, name not resolved, reset
    timeout,           // connect or total timeout
    tls_pin_mismatch,  // the server's key is not the pinned one
    tls_failed,        // certificate expired or not trusted, wrong host name, protocol refused
    bad_response,      // not HTTP, cut off, larger than the cap, or not the receiver's answer
    internal,          // a bug or an unexpected library answer (the last code)
};

struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string detail;
};

/// The dotted locales/ key of the user-facing message for an error code.
const char* error_message_key(ErrorCode code);

namespace detail {
/// Asking a success for its error, or a failure for its value, is a programming error: this
/// names it on stderr and aborts (in every build type), never undefined behaviour.
[[noreturn]] void misused_result(const char* what);
}  // namespace detail

template <typename T>
class [[nodiscard]] Result {
  public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    /// The value; only on a result that is ok().
    T& value() & {
        check_value();
        return *std::get_if<0>(&m_v);
    }
    const T& value() const& {
        check_value();
        return *std::get_if<0>(&m_v);
    }
    T&& value() && {
        check_value();
        return std::move(*std::get_if<0>(&m_v));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }

    /// The failure; only on a result that is not ok().
    const Error& error() const {
        if (ok()) detail::misused_result("error() of a success");
        return *std::get_if<1>(&m_v);
    }

  private:
    void check_value() const {
        if (!ok()) detail::misused_result("value() of a failure");
    }

    std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    /// The failure; only on a result that is not ok().
    const Error& error() const {
        if (!m_error) detail::misused_result("error() of a success");
        return *m_error;
    }

  private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

inline Error make_error(ErrorCode code, std::string detail) {
    return Error{code, std::move(detail)};
}

}  // namespace kt
