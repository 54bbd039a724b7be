// The receiver's store as a monitoring source for core/export: `keukentafel-cli export` and the
// console's export jobs read it the same way.
#pragma once

#include "export/measurement.hpp"
#include "store.hpp"

namespace kt::receiver {

/// The measurement of one scanned row, written into `m` (its strings' buffers reused).
void fill_measurement(const ScannedAssessment& a, monitoring::Measurement& m);

/// Streams the store's assessments in one scan (`store` must outlive the source).
monitoring::MeasurementSource store_source(Store& store);

}  // namespace kt::receiver
