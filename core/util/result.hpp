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
    internal,          // a bug or an unexpected library answer
};

struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string detail;
};

/// The dotted locales/ key of the user-facing message for an error code.
const char* error_message_key(ErrorCode code);

template <typename T>
class [[nodiscard]] Result {
  public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }

    const Error& error() const { return std::get<1>(m_v); }

  private:
    std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

  private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

inline Error make_error(ErrorCode code, std::string detail) {
    return Error{code, std::move(detail)};
}

}  // namespace kt
