#include "synth_receiver.hpp"

#include <sodium.h>

#include "model/zrm.hpp"

namespace kt::cli {

namespace {

// Rows per insert_bulk call: one transaction each (a commit per 50 000 rows keeps the fsyncs
// few and the memory of a batch at some tens of megabytes).
constexpr std::size_t kBatch = 50000;

std::string random_hex(std::size_t bytes) {
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                   raw.size());
    hex.pop_back();
    return hex;
}

// A device that exists for the foreign keys only: enrolled with a one-time code and revoked
// in the same breath (its public key is all zeros, which no device holds).
Result<std::string> synthetic_device(receiver::Store& store, std::int64_t now) {
    const std::string id = "synthetic-" + random_hex(8);
    const std::string code = random_hex(32);
    if (auto s = store.add_enrollment({id, "synthetic", code, now, now + 60}); !s) return s.error();
    auto dev = store.complete_enrollment(code, id, std::string(64, '0'), now);
    if (!dev) return dev.error();
    auto revoked = store.revoke_device(id, now);
    if (!revoked) return revoked.error();
    return id;
}

receiver::StructuredAssessment structured(const monitoring::Measurement& m) {
    receiver::StructuredAssessment a;
    a.client_ref = m.client_ref;
    a.kind = m.kind;
    a.sealed_at = m.sealed_at;
    a.age_years = m.age_years;
    a.wijk = m.wijk;
    a.team = m.team;
    a.household = m.household;
    for (std::size_t i = 0; i < monitoring::kDomainCount; ++i)
        a.domains.push_back({std::string(zrm::kDomains[i]), m.levels[i], m.unscored_reason[i],
                             m.client_agrees[i], m.goals[i]});
    a.network = {m.network_people, m.network_supportive, m.network_hindering,
                 m.network_overloaded_carers};
    a.locale_shown = "nl";
    return a;
}

receiver::BulkAssessment bulk_row(const monitoring::Measurement& m, const std::string& device,
                                  std::int64_t seq) {
    receiver::Submission s;
    s.assessment_uuid = m.assessment_uuid;
    s.version = m.version;
    s.device_id = device;
    s.device_seq = seq;
    s.payload_sha256 = std::string(64, '0');
    s.record_sha256 = std::string(64, '0');
    s.sealed_payload = kSyntheticPayload;
    s.receiver_time = m.sealed_at;
    return {std::move(s), structured(m)};
}

}  // namespace

Result<StoreSynthCounts> write_synthetic_store(receiver::Store& store,
                                               const monitoring::SynthOptions& options,
                                               std::int64_t now) {
    auto device = synthetic_device(store, now);
    if (!device) return device.error();
    StoreSynthCounts counts;
    std::string last_client;
    std::vector<receiver::BulkAssessment> batch;
    batch.reserve(kBatch);
    Status failed;
    auto flush = [&] {
        failed = store.insert_bulk(batch);
        batch.clear();
        return failed.ok();
    };
    auto s = monitoring::for_each_synthetic(options, [&](const monitoring::Measurement& m) {
        if (m.client_ref != last_client) ++counts.clients;
        last_client = m.client_ref;
        batch.push_back(bulk_row(m, device.value(), ++counts.assessments));
        return batch.size() < kBatch || flush();
    });
    if (!s) return s.error();
    if (failed && !batch.empty()) flush();
    if (!failed) return failed.error();
    auto audited = store.audit({now, "synthetic_population", device.value(),
                                std::to_string(counts.assessments), "keukentafel-cli"});
    if (!audited) return audited.error();
    return counts;
}

}  // namespace kt::cli
