#include "report/pdf_text.hpp"

#include <string>

namespace kt::report {

void set_colour(cairo_t* cr, Rgb c, double alpha) {
    cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
}

namespace {

// Points on a PDF page are cairo's device units: pango must count 72 per inch (its default of
// 96 would make 13 pt come out as 17), and unhinted metrics keep the measured sizes exact.
void prepare_context(PangoContext* context, bool rtl) {
    pango_cairo_context_set_resolution(context, 72);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context, options);
    cairo_font_options_destroy(options);
    pango_context_set_base_dir(context, rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
}

PangoFontDescription* font(const TextStyle& style) {
    // Both families by name: "Noto Sans" alone makes fontconfig take DejaVu for Arabic.
    PangoFontDescription* desc = pango_font_description_from_string(assets::fonts::print_families);
    pango_font_description_set_size(desc, int(style.size * PANGO_SCALE));
    pango_font_description_set_weight(desc, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    return desc;
}

// With auto-direction on, pango swaps LEFT and RIGHT for each paragraph that starts with an
// Arabic letter, and a Latin line in an Arabic copy would go left. So the direction is the
// document's (auto-dir off) and the start of the line is named explicitly.
PangoAlignment alignment(const TextStyle& style, bool rtl) {
    if (style.centred) return PANGO_ALIGN_CENTER;
    return rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
}

}  // namespace

Layout make_layout(cairo_t* cr, std::string_view text, const TextStyle& style, double width,
                   bool rtl) {
    Layout layout(pango_cairo_create_layout(cr));
    prepare_context(pango_layout_get_context(layout.get()), rtl);
    pango_layout_context_changed(layout.get());
    pango_layout_set_auto_dir(layout.get(), FALSE);
    PangoFontDescription* desc = font(style);
    pango_layout_set_font_description(layout.get(), desc);
    pango_font_description_free(desc);
    if (width > 0) {
        pango_layout_set_width(layout.get(), int(width * PANGO_SCALE));
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(layout.get(), alignment(style, rtl));
    const std::string owned(text);
    pango_layout_set_text(layout.get(), owned.c_str(), int(owned.size()));
    return layout;
}

Extent measure(PangoLayout* layout) {
    PangoRectangle logical{};
    pango_layout_get_extents(layout, nullptr, &logical);
    return {double(logical.x) / PANGO_SCALE, double(logical.width) / PANGO_SCALE,
            double(logical.height) / PANGO_SCALE};
}

void draw_layout(cairo_t* cr, PangoLayout* layout, double x, double y, Rgb colour) {
    cairo_save(cr);
    set_colour(cr, colour);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
    cairo_restore(cr);
}

}  // namespace kt::report
