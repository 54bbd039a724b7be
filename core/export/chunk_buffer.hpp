// A buffer that hands its content to a ChunkSink about once a megabyte (internal).
#pragma once

#include <string>

#include "export/writers.hpp"

namespace kt::monitoring::detail {

class ChunkBuffer {
  public:
    explicit ChunkBuffer(const ChunkSink& sink) : m_sink(sink) { m_buf.reserve(kChunk + 4096); }
    std::string& text() { return m_buf; }
    /// Passes the buffer on once it is full; false after a failed write.
    bool maybe_flush() { return m_buf.size() < kChunk || flush(); }
    bool flush() {
        m_ok = m_ok && (m_buf.empty() || m_sink(m_buf));
        m_buf.clear();
        return m_ok;
    }

  private:
    static constexpr std::size_t kChunk = 1 << 20;
    const ChunkSink& m_sink;
    std::string m_buf;
    bool m_ok = true;
};

}  // namespace kt::monitoring::detail
