// The client's copy laid out on A4 pages: header, chart, one block per domain (never split
// over two pages), goals, network, signatures, seal. Rendered twice: once to count the pages,
// then for real with "page n of count" in every footer.
#include <cairo-pdf.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <vector>

#include "report/client_copy.hpp"
#include "report/pdf_text.hpp"
#include "report/pictogram.hpp"
#include "report/radar_draw.hpp"

namespace kt::report {

namespace {

constexpr TextStyle kName{assets::type::print_pt::name, true};
constexpr TextStyle kStrong{assets::type::print_pt::body, true};
constexpr TextStyle kAppName{assets::type::print_pt::body, true, kAccent};
constexpr double kChartMinHeight = 280;
constexpr double kChartMaxHeight = 340;
constexpr double kPadHeight = 105;  // the kiosk's pad is about 2.2 times as wide as high

// One paragraph measured before it is drawn, so a block can move to the next page whole.
struct Para {
    Layout layout;
    Extent size;
    double x = 0;  // from the content's start edge
    double space_after = 0;
    Rgb colour = kInk;
};

class Writer {
  public:
    Writer(cairo_t* cr, const ClientCopy& copy, int page_count)
        : m_cr(cr), m_copy(copy), m_count(page_count) {}

    int page() const { return m_page; }
    bool rtl() const { return m_copy.rtl; }
    cairo_t* cr() { return m_cr; }
    double y = Page::kMargin;

    // A paragraph at the content's start edge, `indent` points in, wrapped at the rest.
    Para para(std::string_view text, const TextStyle& style, double space_after,
              double indent = 0) {
        Para p{make_layout(m_cr, text, style, Page::content_width() - indent, rtl()),
               {},
               indent,
               space_after,
               style.colour};
        p.size = measure(p.layout.get());
        return p;
    }
    static double height(const std::vector<Para>& block) {
        double h = 0;
        for (const auto& p : block)
            h += p.size.h + p.space_after;
        return h;
    }
    // Starts a new page when `h` points do not fit below the cursor.
    void need(double h) {
        if (y + h <= Page::bottom() || y <= Page::kMargin) return;
        finish_page();
        cairo_show_page(m_cr);
        ++m_page;
        y = Page::kMargin;
    }
    // x of a box `w` wide whose start edge is `from_start` points from the content's start.
    double x_of(double from_start, double w) const {
        return rtl() ? Page::kWidth - Page::kMargin - from_start - w : Page::kMargin + from_start;
    }
    void draw(const Para& p) {
        const double w = Page::content_width() - p.x;
        draw_layout(m_cr, p.layout.get(), x_of(p.x, w), y, p.colour);
        y += p.size.h + p.space_after;
    }
    void block(const std::vector<Para>& paras) {
        need(height(paras));
        for (const auto& p : paras)
            draw(p);
    }
    void rule(double space_after) {
        set_colour(m_cr, kRule);
        cairo_set_line_width(m_cr, 1);
        cairo_move_to(m_cr, Page::kMargin, y);
        cairo_line_to(m_cr, Page::kWidth - Page::kMargin, y);
        cairo_stroke(m_cr);
        y += space_after;
    }
    // The footer: when the copy was made at the start edge, "page n of count" at the end.
    void finish_page() {
        const double fy = Page::kHeight - Page::kMargin - 14;
        Layout made = make_layout(m_cr, m_copy.made_on, kSmall, 0, rtl());
        draw_layout(m_cr, made.get(), x_of(0, measure(made.get()).w), fy, kSmall.colour);
        if (m_count == 0) return;
        Layout label = make_layout(m_cr, m_copy.page_label(m_page, m_count), kSmall, 0, rtl());
        const double w = measure(label.get()).w;
        draw_layout(m_cr, label.get(), x_of(Page::content_width() - w, w), fy, kSmall.colour);
    }

  private:
    cairo_t* m_cr;
    const ClientCopy& m_copy;
    int m_count;
    int m_page = 1;
};

void header(Writer& w, const ClientCopy& c) {
    std::vector<Para> ps;
    ps.push_back(w.para(c.app_name, kAppName, 4));
    ps.push_back(w.para(c.title, kTitle, 10));
    ps.push_back(w.para(c.client_name, kHeading, 2));
    ps.push_back(w.para(c.date_line, kBody, c.worker_line.empty() ? 10 : 2));
    if (!c.worker_line.empty()) ps.push_back(w.para(c.worker_line, kBody, 10));
    ps.push_back(w.para(c.intro, kBody, 16));
    w.block(ps);
    w.rule(14);
}

// A legend entry: a short line in the series' style, then its words.
void legend(Writer& w, const std::string& text, bool current) {
    Para p = w.para(text, kBody, 4, 34);
    w.need(p.size.h + p.space_after);
    cairo_t* cr = w.cr();
    const double x = w.x_of(0, 26), mid = w.y + p.size.h / 2;
    cairo_save(cr);
    set_colour(cr, current ? kAccent : kMuted);
    cairo_set_line_width(cr, current ? 2.2 : 1.6);
    if (!current) set_previous_dash(cr);
    cairo_move_to(cr, x, mid);
    cairo_line_to(cr, x + 26, mid);
    cairo_stroke(cr);
    cairo_restore(cr);
    w.draw(p);
}

void chart(Writer& w, const ClientCopy& c) {
    std::vector<Para> ps;
    ps.push_back(w.para(c.chart_title, kHeading, 4));
    ps.push_back(w.para(c.chart_hint, kBody, 8));
    // The chart takes the room left on the page, within limits, and its legend stays with it.
    const double legend_h = 10 + 2 * w.para(c.legend_now, kBody, 4).size.h;
    const double room = Page::bottom() - w.y - Writer::height(ps) - legend_h;
    const double height = std::clamp(room, kChartMinHeight, kChartMaxHeight);
    w.need(Writer::height(ps) + height + legend_h);
    w.block(ps);
    draw_radar(w.cr(), c, Page::kMargin, w.y, Page::content_width(), height);
    w.y += height + 10;
    legend(w, c.legend_now, true);
    if (c.previous) legend(w, c.legend_previous, false);
    if (!c.unscored_line.empty()) {
        Para p = w.para(c.unscored_line, kBody, 4);
        w.need(p.size.h);
        w.draw(p);
    }
    w.y += 12;
}

// A domain: its name, the worker's level in plain words, the client's own view; a bar in the
// level's colour runs beside it at the start edge (the digit is in the words as well).
void domain(Writer& w, const ClientCopy& c, const CopyDomain& d, std::size_t index) {
    constexpr double kIcon = 34;  // 12 mm on paper, as on the tablet
    constexpr double kIndent = 16 + kIcon + 10;
    std::vector<Para> ps;
    ps.push_back(w.para(d.name, kName, 4, kIndent));
    ps.push_back(w.para(c.worker_chose, kSmall, 1, kIndent));
    ps.push_back(w.para(d.level_line, kStrong, 2, kIndent));
    if (!d.level_text.empty()) ps.push_back(w.para(d.level_text, kBody, 6, kIndent));
    ps.push_back(w.para(c.own_view_title, kSmall, 1, kIndent));
    ps.push_back(w.para(d.view, kStrong, 2, kIndent));
    if (!d.own_level.empty()) ps.push_back(w.para(d.own_level, kBody, 2, kIndent));
    if (!d.own_words.empty()) ps.push_back(w.para(d.own_words, kBody, 2, kIndent));
    const double h = Writer::height(ps);
    w.need(h + 14);
    if (d.level > 0) {
        set_colour(w.cr(), rgb(assets::level_fill[std::size_t(d.level - 1)]));
        cairo_rectangle(w.cr(), w.x_of(0, 5), w.y + 2, 5, h - 4);
        cairo_fill(w.cr());
    }
    draw_pictogram(w.cr(), index, w.x_of(16, kIcon), w.y, kIcon, Ink{kInk.r, kInk.g, kInk.b});
    w.block(ps);
    w.y += 14;
}

void domains(Writer& w, const ClientCopy& c) {
    w.need(200);
    w.draw(w.para(c.domains_title, kHeading, 12));
    for (std::size_t i = 0; i < c.domains.size(); ++i)
        domain(w, c, c.domains[i], i);
}

void goals_and_network(Writer& w, const ClientCopy& c) {
    w.rule(14);
    // Each goal beside its domain's pictogram.
    constexpr double kIcon = 22;
    std::vector<Para> goals;
    goals.push_back(w.para(c.goals_title, kHeading, 6));
    for (const auto& g : c.goals)
        goals.push_back(w.para(g, kBody, 8, kIcon + 10));
    if (c.goals.empty()) goals.push_back(w.para(c.no_goals, kBody, 3));
    goals.push_back(w.para(c.own_view_title, kSmall, 1));
    goals.push_back(w.para(c.goals_view, kStrong, 16));
    w.need(Writer::height(goals));
    for (std::size_t i = 0; i < goals.size(); ++i) {
        if (i >= 1 && i <= c.goals.size() && i - 1 < c.goal_domains.size())
            draw_pictogram(w.cr(), std::size_t(c.goal_domains[i - 1]), w.x_of(0, kIcon), w.y - 2,
                           kIcon, Ink{kInk.r, kInk.g, kInk.b});
        w.draw(goals[i]);
    }
    std::vector<Para> net;
    net.push_back(w.para(c.network_title, kHeading, 6));
    net.push_back(w.para(c.network_line, kBody, 6));
    net.push_back(w.para(c.own_view_title, kSmall, 1));
    net.push_back(w.para(c.network_view, kStrong, 16));
    w.block(net);
}

void strokes(cairo_t* cr, const CopySignature& s, double x, double y, double w, double h) {
    cairo_save(cr);
    set_colour(cr, kInk);
    cairo_set_line_width(cr, 1.6);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (const auto& stroke : s.strokes) {
        cairo_new_path(cr);
        for (const auto& p : stroke.points)
            cairo_line_to(cr, x + p.x * w, y + p.y * h);
        if (stroke.points.size() == 1) cairo_rel_line_to(cr, 0.1, 0);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

// One signature: title, the pad's frame (at `pad_y` below the cursor, the same for both) with
// the strokes (not mirrored in Arabic: they are drawings), and the note under it.
double signature(Writer& w, const CopySignature& s, double from_start, double width, double pad_y) {
    cairo_t* cr = w.cr();
    const double x = w.x_of(from_start, width);
    Layout title = make_layout(cr, s.title, kStrong, width, w.rtl());
    draw_layout(cr, title.get(), x, w.y, kInk);
    const double py = w.y + pad_y;
    set_colour(cr, kRule);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, x, py, width, kPadHeight);
    cairo_stroke(cr);
    strokes(cr, s, x, py, width, kPadHeight);
    Layout note = make_layout(cr, s.note, kBody, width, w.rtl());
    draw_layout(cr, note.get(), x, py + kPadHeight + 6, kInk);
    return pad_y + kPadHeight + 6 + measure(note.get()).h;
}

void signatures_and_seal(Writer& w, const ClientCopy& c) {
    constexpr double kGap = 24;
    const double width = (Page::content_width() - kGap) / 2;
    Para title = w.para(c.signatures_title, kHeading, 8);
    w.need(title.size.h + 8 + 200);
    w.draw(title);
    double pad_y = 0;
    for (const auto* s : {&c.client, &c.worker})
        pad_y = std::max(pad_y,
                         measure(make_layout(w.cr(), s->title, kStrong, width, w.rtl()).get()).h);
    pad_y += 6;
    const double a = signature(w, c.client, 0, width, pad_y);
    const double b = signature(w, c.worker, width + kGap, width, pad_y);
    w.y += std::max(a, b) + 20;
    std::vector<Para> seal;
    seal.push_back(w.para(c.seal_line, kStrong, 4));
    seal.push_back(w.para(c.seal_hint, kBody, 0));
    w.block(seal);
}

// Draws every page; returns how many there were.
int render(cairo_t* cr, const ClientCopy& c, int page_count) {
    Writer w(cr, c, page_count);
    header(w, c);
    chart(w, c);
    domains(w, c);
    goals_and_network(w, c);
    signatures_and_seal(w, c);
    w.finish_page();
    cairo_show_page(cr);
    return w.page();
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// The ISO 8601 form cairo's PDF metadata wants, so the file says when it was made (not when
// the bytes happened to be written) and the same input gives the same document.
std::string iso_date(std::int64_t t) {
    char buf[32];
    const std::time_t tt = std::time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// Renders into memory; the page count of this pass.
Result<int> render_to(std::string& out, const ClientCopy& c, int page_count, std::int64_t now) {
    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(append, &out, Page::kWidth, Page::kHeight);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, c.pdf_title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, c.app_name.c_str());
    const std::string date = iso_date(now);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
    cairo_t* cr = cairo_create(surface);
    const int pages = render(cr, c, page_count);
    const cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t sst = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (st != CAIRO_STATUS_SUCCESS || sst != CAIRO_STATUS_SUCCESS)
        return make_error(
            ErrorCode::internal,
            std::string("cairo: ") + cairo_status_to_string(st != CAIRO_STATUS_SUCCESS ? st : sst));
    return pages;
}

}  // namespace

Result<std::string> render_pdf(const ClientCopy& copy, std::int64_t now) {
    std::string counting;
    auto pages = render_to(counting, copy, 0, now);
    if (!pages) return pages.error();
    std::string out;
    auto again = render_to(out, copy, pages.value(), now);
    if (!again) return again.error();
    if (again.value() != pages.value())
        return make_error(ErrorCode::internal, "page count changed between passes");
    return out;
}

}  // namespace kt::report
