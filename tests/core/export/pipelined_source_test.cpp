// read_pipelined: the export reads on a second thread; what the sink sees must be what the
// source gave, in its order, and a sink that stops or a source that fails must be honoured.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <vector>

#include "export/pipelined_source.hpp"

using namespace kt;
using namespace kt::monitoring;
using monitoring::detail::read_pipelined;

namespace {

// A source of n measurements numbered by client_ref; counts what it handed out.
MeasurementSource numbered(int n, std::atomic<int>& given, Status end = {}) {
    return [n, &given, end](const MeasurementSink& sink) -> Status {
        Measurement m;
        for (int i = 0; i < n; ++i) {
            m.client_ref = "client-" + std::to_string(i);
            m.levels[0] = 1 + i % 5;
            m.unscored_reason[1] = i % 2 ? "not_discussed" : "";
            ++given;
            if (!sink(m)) return {};
        }
        return end;
    };
}

}  // namespace

TEST_CASE("every measurement arrives once, in the source's order, over many batches") {
    std::atomic<int> given = 0;
    std::vector<std::string> seen;
    bool same = true;
    const Status st = read_pipelined(numbered(10'001, given), [&](const Measurement& m) {
        const int i = int(seen.size());
        same = same && m.levels[0] == 1 + i % 5 &&
               m.unscored_reason[1] == (i % 2 ? "not_discussed" : "");
        seen.push_back(m.client_ref);
        return true;
    });
    REQUIRE(st);
    REQUIRE(seen.size() == 10'001);
    CHECK(seen.front() == "client-0");
    CHECK(seen[4096] == "client-4096");
    CHECK(seen.back() == "client-10000");
    CHECK(same);
}

TEST_CASE("a sink that stops stops the source soon after") {
    std::atomic<int> given = 0;
    int seen = 0;
    const Status st =
        read_pipelined(numbered(1'000'000, given), [&](const Measurement&) { return ++seen < 10; });
    CHECK(st);
    CHECK(seen == 10);
    CHECK(given < 20'000);  // at most the batches in flight, not the million
}

TEST_CASE("a source's error reaches the caller after what it gave") {
    std::atomic<int> given = 0;
    int seen = 0;
    const Status st =
        read_pipelined(numbered(5, given, make_error(ErrorCode::io, "disk read failed")),
                       [&](const Measurement&) { return ++seen > 0; });
    REQUIRE_FALSE(st);
    CHECK(st.error().code == ErrorCode::io);
    CHECK(seen == 5);
}

TEST_CASE("an empty source gives nothing and succeeds") {
    std::atomic<int> given = 0;
    int seen = 0;
    CHECK(read_pipelined(numbered(0, given), [&](const Measurement&) {
        ++seen;
        return true;
    }));
    CHECK(seen == 0);
}
