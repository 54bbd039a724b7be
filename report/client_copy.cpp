#include "report/client_copy.hpp"

#include "report/new_file.hpp"

namespace kt::report {

Status write_client_copy(const ClientCopy& copy, const std::filesystem::path& out,
                         std::int64_t now) {
    // Checked first as well as at the rename, so nothing is drawn for a refused path.
    if (path_taken(out)) return make_error(ErrorCode::already_exists, "target exists");
    auto pdf = render_pdf(copy, now);
    if (!pdf) return pdf.error();
    return write_new_file(out, pdf.value());
}

}  // namespace kt::report
