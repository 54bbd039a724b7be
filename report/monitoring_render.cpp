// Monitoring charts to SVG and PNG bytes: measured on a recording surface, then drawn onto
// surfaces of the measured size.
#include <cairo-svg.h>

#include <cmath>

#include "report/monitoring_content.hpp"

namespace kt::report {

namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// Cairo draws text as glyph outlines: the title and the caveat also go in as text.
std::string with_description(std::string svg, const ChartSpec& spec) {
    const auto open = svg.find("<svg");
    const auto end = open == std::string::npos ? open : svg.find('>', open);
    if (end == std::string::npos) return svg;
    svg.insert(end + 1, "\n<title>" + markup_escape(spec.title) + "</title>\n<desc>" +
                            markup_escape(spec.caveat) + "</desc>");
    return svg;
}

double measure_height(const ChartSpec& spec) {
    cairo_surface_t* s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr);
    cairo_t* cr = cairo_create(s);
    const double h = draw_chart(cr, spec, nullptr);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return std::ceil(h);
}

// Paints the page background and the chart; false when cairo reports an error.
bool paint(cairo_surface_t* surface, const ChartSpec& spec, std::vector<std::string>* drawn) {
    cairo_t* cr = cairo_create(surface);
    set_colour(cr, kWhite);
    cairo_paint(cr);
    draw_chart(cr, spec, drawn);
    const bool ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(cr);
    return ok;
}

}  // namespace

Result<RenderedChart> render_chart(const ChartSpec& spec) {
    RenderedChart out;
    const double height = measure_height(spec);
    cairo_surface_t* svg =
        cairo_svg_surface_create_for_stream(append, &out.svg, kChartWidth, height);
    bool ok = paint(svg, spec, &out.drawn);
    cairo_surface_finish(svg);
    ok = ok && cairo_surface_status(svg) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(svg);
    cairo_surface_t* png =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, int(kChartWidth), int(height));
    ok = ok && paint(png, spec, nullptr);
    ok = ok && cairo_surface_write_to_png_stream(png, append, &out.png) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(png);
    if (!ok) return make_error(ErrorCode::internal, "cairo could not draw a monitoring chart");
    out.svg = with_description(std::move(out.svg), spec);
    return out;
}

std::string markup_escape(const std::string& s) {
    std::string out;
    for (char ch : s) {
        switch (ch) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += ch;
        }
    }
    return out;
}

}  // namespace kt::report
