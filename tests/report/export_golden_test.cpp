// The export's outputs stay byte for byte what they were (tests/support/export_golden.hpp):
// the synthetic population straight into build_dataset, the tables and the report (with a
// fixed "Gemaakt op") into a new directory, every file's SHA-256 against the golden list.
#include <catch2/catch.hpp>

#include "export/dataset.hpp"
#include "export/writers.hpp"
#include "report/monitoring_report.hpp"
#include "support/export_golden.hpp"

namespace kt::test {
namespace {

TEST_CASE("the export's files are byte for byte the golden ones", "[export][golden]") {
    std::vector<monitoring::Measurement> all;
    REQUIRE(
        monitoring::for_each_synthetic(golden::population(), [&](const monitoring::Measurement& m) {
            all.push_back(m);
            return true;
        }).ok());
    monitoring::ExportOptions options;
    options.purpose = golden::kPurpose;
    options.secret = crypto::SecretBytes::from(golden::kSecret);
    auto data = monitoring::build_dataset(
        [&](const monitoring::MeasurementSink& sink) {
            for (const auto& m : all)
                if (!sink(m)) break;
            return Status{};
        },
        options);
    REQUIRE(data.ok());
    CHECK(data->report.generalised_wijk > 0);
    CHECK(data->report.suppressed > 0);
    TempDir dir;
    REQUIRE(monitoring::write_tables(data.value(), dir / "uit").ok());
    report::MonitoringReportOptions report_options;
    report_options.bundle_dir = i18n_dir();
    report_options.purpose = golden::kPurpose;
    report_options.now = golden::kReportTime;
    REQUIRE(report::write_monitoring_report(data.value(), dir / "uit", report_options).ok());
    const auto got = golden::hashes(dir / "uit");
    CHECK(got.size() == golden::expected().size());
    for (const auto& [name, sha] : golden::expected()) {
        INFO(name);
        CHECK(got.count(name) == 1);
        if (got.count(name)) CHECK(got.at(name) == sha);
    }
}

}  // namespace
}  // namespace kt::test
