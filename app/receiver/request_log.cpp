#include "request_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "util/canonical_json.hpp"
#include "util/files.hpp"

namespace kt::receiver {

RequestLog::~RequestLog() {
    if (m_file) std::fclose(m_file);
}

Status RequestLog::open(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return make_error(error_code_from_errno(errno), "cannot open " + path.string());
    m_file = ::fdopen(fd, "a");
    if (!m_file) {
        ::close(fd);
        return make_error(ErrorCode::io, "cannot open " + path.string());
    }
    return {};
}

void RequestLog::write(const LogLine& l) {
    const json::Value v =
        json::Object{{"time", l.time},     {"action", l.action}, {"object", l.object},
                     {"result", l.status}, {"error", l.error},   {"actor", l.actor}};
    auto text = json::canonical(v);
    if (!text || !m_file) return;
    std::lock_guard lock(m_mutex);
    std::fputs(text->c_str(), m_file);
    std::fputc('\n', m_file);
    std::fflush(m_file);
}

}  // namespace kt::receiver
