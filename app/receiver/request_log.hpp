// DIR/receiver.log: one JSON line per request with time, action, object, result and actor
// (BIO2 8.15). Never a payload, a name or free text: ids, keys, status codes and error codes.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>

#include "util/result.hpp"

namespace kt::receiver {

struct LogLine {
    std::int64_t time = 0;
    std::string action;  // enroll, checkin, submit, receipt, audit, request
    std::string object;  // a device id or an idempotency key, or ""
    int status = 0;
    std::string error;  // the error code of the reply, or ""
    std::string actor;  // the device id, or the client address before authentication
};

class RequestLog {
  public:
    RequestLog() = default;
    ~RequestLog();
    RequestLog(const RequestLog&) = delete;
    RequestLog& operator=(const RequestLog&) = delete;

    /// Opens `path` for appending (created 0600). Errors: io.
    Status open(const std::filesystem::path& path);
    /// Appends and flushes one line; thread-safe. A failed write is not fatal.
    void write(const LogLine& line);

  private:
    std::mutex m_mutex;
    std::FILE* m_file = nullptr;
};

}  // namespace kt::receiver
