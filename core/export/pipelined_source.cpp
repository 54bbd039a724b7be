#include "export/pipelined_source.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace kt::monitoring::detail {

namespace {

constexpr std::size_t kBatch = 4096;  // measurements per hand-over
constexpr std::size_t kBatches = 3;   // one filling, one being read, one spare

struct Batch {
    std::vector<Measurement> rows = std::vector<Measurement>(kBatch);
    std::size_t size = 0;
};

// Batches go from the source to the reader (`full`) and back (`free`). Slots are reused, so
// their strings keep their capacity: a million rows cost no allocation each.
class HandOver {
  public:
    HandOver() {
        for (auto& b : m_batches)
            m_free.push_back(&b);
    }
    // Source side: an empty batch, or null once the reader stopped.
    Batch* take_free() {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_stopped || !m_free.empty(); });
        if (m_stopped) return nullptr;
        Batch* b = m_free.front();
        m_free.pop_front();
        b->size = 0;
        return b;
    }
    void give_full(Batch* b) { put(m_full, b); }
    // The source is done: no more full batches after the ones given.
    void finish() {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_changed.notify_all();
    }
    // Reader side: the next full batch, or null when the source finished.
    Batch* take_full() {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_finished || !m_full.empty(); });
        if (m_full.empty()) return nullptr;
        Batch* b = m_full.front();
        m_full.pop_front();
        return b;
    }
    void give_free(Batch* b) { put(m_free, b); }
    // The reader wants no more: the source stops at its next measurement.
    void stop() {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_changed.notify_all();
    }

  private:
    void put(std::deque<Batch*>& queue, Batch* b) {
        std::lock_guard lock(m_mutex);
        queue.push_back(b);
        m_changed.notify_all();
    }
    Batch m_batches[kBatches];
    std::deque<Batch*> m_free, m_full;
    bool m_finished = false, m_stopped = false;
    std::mutex m_mutex;
    std::condition_variable m_changed;
};

Status produce(const MeasurementSource& source, HandOver& hand) {
    Batch* batch = hand.take_free();
    if (!batch) return {};
    Status st = source([&](const Measurement& m) {
        if (batch->size == kBatch) {
            hand.give_full(batch);
            batch = hand.take_free();
            if (!batch) return false;
        }
        batch->rows[batch->size++] = m;
        return true;
    });
    if (batch && batch->size > 0) hand.give_full(batch);
    hand.finish();
    return st;
}

}  // namespace

Status read_pipelined(const MeasurementSource& source, const MeasurementSink& sink) {
    HandOver hand;
    Status produced;
    std::thread reader([&] { produced = produce(source, hand); });
    bool wanted = true;
    while (Batch* batch = hand.take_full()) {
        for (std::size_t i = 0; wanted && i < batch->size; ++i)
            wanted = sink(batch->rows[i]);
        hand.give_free(batch);
        if (!wanted) hand.stop();
    }
    reader.join();
    return produced;
}

}  // namespace kt::monitoring::detail
