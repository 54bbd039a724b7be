// Reading on two cores: the source (a store's scan, decrypting and decoding rows) runs on a
// second thread while the calling thread turns the measurements it already handed over into
// export rows.
#pragma once

#include "export/measurement.hpp"

namespace kt::monitoring::detail {

/// Streams `source` into `sink` like `source(sink)`, but runs the source on its own thread and
/// hands measurements over in batches; `sink` runs on the calling thread, in the source's
/// order. When `sink` returns false the source is stopped at its next measurement. Returns the
/// source's status.
Status read_pipelined(const MeasurementSource& source, const MeasurementSink& sink);

}  // namespace kt::monitoring::detail
