// The receiver's check of a submission payload (docs/receiver-api.md): the record is the one
// the device sealed, every signature in it holds with the enrolled device key, and the facts
// monitoring stores are read from it. Free text (notes, the client's words) is not extracted.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/zrm.hpp"
#include "sync/wire.hpp"

namespace kt::sync {

struct DomainFacts {
    std::string domain_id;
    std::optional<int> level;  // 1..5, or none with unscored_reason
    std::string unscored_reason;
    std::optional<bool> client_agrees;
    bool is_goal = false;
};

struct RecordFacts {
    std::string assessment_uuid;
    int version = 0;
    std::string client_ref, kind, locale_shown;
    std::int64_t sealed_at = 0;
    std::array<DomainFacts, zrm::kDomainCount> domains;
    int network_people = 0, network_supportive = 0, network_hindering = 0;
    int network_overloaded_carers = 0;
};

/// Checks, in this order: record_sha256 is the record's hash; seal_signature verifies with
/// `device_public_hex`; the record is canonical JSON of our schema whose device_public_key is
/// that key; content_sha256 is the hash of the canonical content; every signature entry
/// verifies; the 13 domains are ZRM-2017's in order. Errors: usage naming the first failure.
Result<RecordFacts> check_payload(const Payload& payload, std::string_view device_public_hex);

}  // namespace kt::sync
