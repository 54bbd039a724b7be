#include "widgets/keyboard.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <vector>

#include "i18n/catalog.hpp"
#include "widgets/frame_record.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::ui {

enum class KeyAction { text, space, backspace, shift, layer, done };

struct KeyboardKey {
    KeyAction action;
    const char* lower;  // text keys: what is typed, and the label
    const char* upper;  // the same with shift
    float units;        // width; a letter is 1
};

namespace {

using Row = std::span<const KeyboardKey>;

constexpr KeyboardKey key(const char* lower, const char* upper) {
    return {KeyAction::text, lower, upper, 1.0f};
}
constexpr KeyboardKey special(KeyAction a, float units) {
    return {a, nullptr, nullptr, units};
}

// Dutch keyboards are US QWERTY; the digits row shifts to the symbols of that layout.
constexpr KeyboardKey kDigits[] = {key("1", "!"), key("2", "@"), key("3", "#"), key("4", "$"),
                                   key("5", "%"), key("6", "^"), key("7", "&"), key("8", "*"),
                                   key("9", "("), key("0", ")")};
constexpr KeyboardKey kLetters1[] = {key("q", "Q"), key("w", "W"), key("e", "E"), key("r", "R"),
                                     key("t", "T"), key("y", "Y"), key("u", "U"), key("i", "I"),
                                     key("o", "O"), key("p", "P")};
constexpr KeyboardKey kLetters2[] = {key("a", "A"), key("s", "S"), key("d", "D"),
                                     key("f", "F"), key("g", "G"), key("h", "H"),
                                     key("j", "J"), key("k", "K"), key("l", "L")};
constexpr KeyboardKey kLetters3[] = {special(KeyAction::shift, 1.5f),
                                     key("z", "Z"),
                                     key("x", "X"),
                                     key("c", "C"),
                                     key("v", "V"),
                                     key("b", "B"),
                                     key("n", "N"),
                                     key("m", "M"),
                                     special(KeyAction::backspace, 1.5f)};
// The letters of the names at the table: Dutch and French vowels, Turkish, Polish.
// ı shifts to I and İ is its own key (the capital of i, which the letters layer has).
constexpr KeyboardKey kAccents1[] = {key("é", "É"), key("è", "È"), key("ë", "Ë"), key("ê", "Ê"),
                                     key("ï", "Ï"), key("ó", "Ó"), key("ö", "Ö"), key("ü", "Ü"),
                                     key("á", "Á"), key("à", "À")};
constexpr KeyboardKey kAccents2[] = {key("ç", "Ç"), key("ğ", "Ğ"), key("ş", "Ş"),
                                     key("ı", "I"), key("İ", "İ"), key("ä", "Ä"),
                                     key("ñ", "Ñ"), key("ú", "Ú"), key("í", "Í")};
constexpr KeyboardKey kAccents3[] = {special(KeyAction::shift, 1.0f),
                                     key("ł", "Ł"),
                                     key("ą", "Ą"),
                                     key("ę", "Ę"),
                                     key("ć", "Ć"),
                                     key("ń", "Ń"),
                                     key("ś", "Ś"),
                                     key("ź", "Ź"),
                                     key("ż", "Ż"),
                                     special(KeyAction::backspace, 1.0f)};
// Turkish: the letters Dutch lacks in a row of their own; i shifts to İ, ı to I.
constexpr KeyboardKey kTrExtra[] = {key("ç", "Ç"), key("ğ", "Ğ"), key("ı", "I"),
                                    key("ö", "Ö"), key("ş", "Ş"), key("ü", "Ü")};
constexpr KeyboardKey kTrLetters1[] = {key("q", "Q"), key("w", "W"), key("e", "E"), key("r", "R"),
                                       key("t", "T"), key("y", "Y"), key("u", "U"), key("i", "İ"),
                                       key("o", "O"), key("p", "P")};
// Polish: the nine letters with diacritics in a row of their own.
constexpr KeyboardKey kPlExtra[] = {key("ą", "Ą"), key("ć", "Ć"), key("ę", "Ę"),
                                    key("ł", "Ł"), key("ń", "Ń"), key("ó", "Ó"),
                                    key("ś", "Ś"), key("ź", "Ź"), key("ż", "Ż")};
// Arabic: the rows of the standard Arabic keyboard, narrower keys so a row of twelve fits;
// no case, so no shift. Hamza forms, the Arabic comma and question mark on the bottom row.
constexpr KeyboardKey ar(const char* letter, float units) {
    return {KeyAction::text, letter, letter, units};
}
constexpr KeyboardKey kAr1[] = {ar("ض", 0.8f), ar("ص", 0.8f), ar("ث", 0.8f), ar("ق", 0.8f),
                                ar("ف", 0.8f), ar("غ", 0.8f), ar("ع", 0.8f), ar("ه", 0.8f),
                                ar("خ", 0.8f), ar("ح", 0.8f), ar("ج", 0.8f), ar("د", 0.8f)};
constexpr KeyboardKey kAr2[] = {ar("ش", 0.88f), ar("س", 0.88f), ar("ي", 0.88f), ar("ب", 0.88f),
                                ar("ل", 0.88f), ar("ا", 0.88f), ar("ت", 0.88f), ar("ن", 0.88f),
                                ar("م", 0.88f), ar("ك", 0.88f), ar("ط", 0.88f)};
constexpr KeyboardKey kAr3[] = {ar("ئ", 0.8f),
                                ar("ء", 0.8f),
                                ar("ؤ", 0.8f),
                                ar("ر", 0.8f),
                                ar("ى", 0.8f),
                                ar("ة", 0.8f),
                                ar("و", 0.8f),
                                ar("ز", 0.8f),
                                ar("ظ", 0.8f),
                                ar("ذ", 0.8f),
                                special(KeyAction::backspace, 1.6f)};
constexpr KeyboardKey kArBottom[] = {special(KeyAction::layer, 1.5f),
                                     ar("أ", 1.0f),
                                     ar("إ", 1.0f),
                                     special(KeyAction::space, 2.0f),
                                     ar("آ", 1.0f),
                                     ar("،", 1.0f),
                                     ar("؟", 1.0f),
                                     special(KeyAction::done, 1.5f)};
constexpr KeyboardKey kBottom[] = {special(KeyAction::layer, 1.5f),
                                   key("'", "\""),
                                   special(KeyAction::space, 4.0f),
                                   key("-", "_"),
                                   key(".", ","),
                                   special(KeyAction::done, 1.5f)};

// For a digits-only field (a PIN): two rows of large digits, low enough that the PIN
// screens keep their fields and buttons above it on any screen.
constexpr KeyboardKey pad_key(const char* digit) {
    return {KeyAction::text, digit, digit, 1.6f};
}
constexpr KeyboardKey kPad1[] = {pad_key("1"), pad_key("2"), pad_key("3"),
                                 pad_key("4"), pad_key("5"), special(KeyAction::backspace, 2.0f)};
constexpr KeyboardKey kPad2[] = {pad_key("6"), pad_key("7"), pad_key("8"),
                                 pad_key("9"), pad_key("0"), special(KeyAction::done, 2.0f)};

constexpr int kMaxRows = 5;
constexpr float kRowUnits = 10.0f;  // every row is ten letters wide

struct Layout {
    std::array<Row, kMaxRows> rows;
    int count;
    std::array<float, kMaxRows> indent;
    float max_width;  // in dp
};

// The letters layer of each language; the accents layer (with the digits) is shared, so the
// digits stay one tap away where the letters take the digits row.
Layout layout_of(KeyboardLayer layer, bool numeric, const std::string& language) {
    if (numeric) return {{kPad1, kPad2}, 2, {}, 720.0f};
    if (layer == KeyboardLayer::accents)
        return {
            {kDigits, kAccents1, kAccents2, kAccents3, kBottom}, 5, {0, 0, 0.5f, 0, 0}, 1200.0f};
    if (language == "tr")
        return {{kTrExtra, kTrLetters1, kLetters2, kLetters3, kBottom},
                5,
                {2.0f, 0, 0.5f, 0, 0},
                1200.0f};
    if (language == "pl")
        return {{kPlExtra, kLetters1, kLetters2, kLetters3, kBottom},
                5,
                {0.5f, 0, 0.5f, 0, 0},
                1200.0f};
    if (language == "ar")
        return {{kDigits, kAr1, kAr2, kAr3, kArBottom}, 5, {0, 0, 0, 0, 0}, 1200.0f};
    return {{kDigits, kLetters1, kLetters2, kLetters3, kBottom}, 5, {0, 0, 0.5f, 0, 0}, 1200.0f};
}

constexpr ImU32 kPanel = color::im(assets::palette::keyboard_panel);
constexpr ImU32 kFunctionKey = color::im(assets::palette::keyboard_key);
constexpr ImU32 kAccentPressed = color::accent_pressed;

struct Geometry {
    float key_h, gap, pad, unit, left, top, height;
};

// Keys of 12 mm at least (VISUAL.md), 8 dp apart; on wide screens the rows stop at the
// layout's width and stay centred so the hands do not travel far.
Geometry geometry(const Layout& layout) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    Geometry g{};
    g.gap = dp(8);
    g.pad = dp(8);
    g.key_h = std::ceil(scale().min_target());
    const float width = std::min(display.x, dp(layout.max_width));
    g.left = (display.x - width) * 0.5f;
    g.unit = (width - 2 * g.pad - (kRowUnits - 1) * g.gap) / kRowUnits;
    g.height = float(layout.count) * g.key_h + float(layout.count - 1) * g.gap + 2 * g.pad;
    g.top = display.y - g.height;
    return g;
}

// ImGui keeps the active InputText in g.ActiveId and g.InputTextState; this is the
// condition that sets io.WantTextInput, read in this frame instead of the next.
bool text_field_active() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    return g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID;
}

// A PIN field takes digits only: it gets the digits pad.
bool numeric_field(const KeyboardState& kb) {
    return kb.digits_field != 0 && kb.digits_field == ImGui::GetCurrentContext()->ActiveId;
}

bool should_show(const KeyboardState& kb) {
    const bool touch = (ImGui::GetIO().ConfigFlags & ImGuiConfigFlags_IsTouchScreen) != 0;
    return kb.enabled && touch && text_field_active();
}

bool over_keyboard(const KeyboardState& kb, ImVec2 p) {
    return kb.height > 0 && p.x >= kb.area_min.x && p.x < kb.area_max.x && p.y >= kb.area_min.y &&
           p.y < kb.area_max.y;
}

// The key under p; half of each gap belongs to its neighbours, so no tap falls between keys.
const KeyboardKey* key_at(const KeyboardState& kb, ImVec2 p) {
    const float half = dp(8) * 0.5f;
    for (const auto& k : kb.placed) {
        if (p.x >= k.min.x - half && p.x < k.max.x + half && p.y >= k.min.y - half &&
            p.y < k.max.y + half)
            return k.key;
    }
    return nullptr;
}

// A key press for one frame, through io.KeyMap so it works with any backend.
void press_key(KeyboardState& kb, ImGuiIO& io, ImGuiKey key) {
    const int sc = io.KeyMap[key];
    if (sc < 0 || sc >= IM_ARRAYSIZE(io.KeysDown)) return;
    io.KeysDown[sc] = true;
    kb.held_scancode = sc;
}

void activate(KeyboardState& kb, const KeyboardKey& k, ImGuiIO& io) {
    switch (k.action) {
        case KeyAction::text:
            io.AddInputCharactersUTF8(kb.shift ? k.upper : k.lower);
            kb.shift = false;
            break;
        case KeyAction::space:
            io.AddInputCharacter(' ');
            break;
        case KeyAction::backspace:
            press_key(kb, io, ImGuiKey_Backspace);
            break;
        case KeyAction::shift:
            kb.shift = !kb.shift;
            break;
        case KeyAction::layer:
            kb.layer = kb.layer == KeyboardLayer::letters ? KeyboardLayer::accents
                                                          : KeyboardLayer::letters;
            break;
        case KeyAction::done:
            // Enter ends a single-line field (and submits one with EnterReturnsTrue); in a
            // multi-line field it would add a line, so that one is just let go (ImGui has
            // already written its text to the caller's buffer).
            if (ImGui::GetCurrentContext()->InputTextState.Flags & ImGuiInputTextFlags_Multiline)
                ImGui::ClearActiveID();
            else
                press_key(kb, io, ImGuiKey_Enter);
            break;
    }
}

std::string label_of(const KeyboardState& kb, const KeyboardKey& k) {
    switch (k.action) {
        case KeyAction::text:
            return kb.shift ? k.upper : k.lower;
        case KeyAction::space:
            return kb.labels.space;
        case KeyAction::backspace:
            return kb.labels.backspace;
        case KeyAction::shift:
            return kb.labels.shift;
        case KeyAction::layer:
            return kb.layer == KeyboardLayer::letters ? kb.labels.accents : kb.labels.letters;
        case KeyAction::done:
            return kb.labels.done;
    }
    return {};
}

// A key with a point to the left and a cross: the usual sign for "erase".
void draw_backspace_icon(ImDrawList* dl, ImVec2 c, ImU32 col) {
    const float w = dp(36), h = dp(26), t = dp(2.5f);
    const float l = c.x - w * 0.5f, r = c.x + w * 0.5f, top = c.y - h * 0.5f, bot = c.y + h * 0.5f;
    const ImVec2 outline[5] = {ImVec2(l, c.y), ImVec2(l + h * 0.5f, top), ImVec2(r, top),
                               ImVec2(r, bot), ImVec2(l + h * 0.5f, bot)};
    dl->AddPolyline(outline, 5, col, ImDrawFlags_Closed, t);
    const ImVec2 x(c.x + h * 0.25f, c.y);
    const float a = dp(6);
    dl->AddLine(ImVec2(x.x - a, x.y - a), ImVec2(x.x + a, x.y + a), col, t);
    dl->AddLine(ImVec2(x.x - a, x.y + a), ImVec2(x.x + a, x.y - a), col, t);
}

// An upward arrow, filled while shift is on: the shape says which state it is in.
void draw_shift_icon(ImDrawList* dl, ImVec2 c, ImU32 col, bool on) {
    const float s = dp(28), t = dp(2.5f);
    const ImVec2 tip(c.x, c.y - s * 0.5f), lw(c.x - s * 0.5f, c.y), rw(c.x + s * 0.5f, c.y);
    const ImVec2 sl(c.x - s * 0.22f, c.y), sr(c.x + s * 0.22f, c.y);
    const ImVec2 bl(sl.x, c.y + s * 0.5f), br(sr.x, c.y + s * 0.5f);
    if (on) {
        dl->AddTriangleFilled(tip, rw, lw, col);
        dl->AddRectFilled(ImVec2(sl.x, sl.y - dp(2)), br, col);  // overlap: no seam
    }
    const ImVec2 outline[7] = {tip, rw, sr, br, bl, sl, lw};
    dl->AddPolyline(outline, 7, col, ImDrawFlags_Closed, t);
}

void draw_key(ImDrawList* dl, const KeyboardState& kb, const KeyboardKey& k, ImVec2 a, ImVec2 b,
              const std::string& label) {
    const bool held = kb.captured && kb.pressed == &k;
    const bool shift_on = k.action == KeyAction::shift && kb.shift;
    ImU32 bg = color::surface, fg = color::text, edge = color::border;
    ImFont* font = fonts().card;
    if (k.action != KeyAction::text && k.action != KeyAction::space) bg = kFunctionKey;
    if (k.action == KeyAction::layer) font = fonts().body_bold;
    if (k.action == KeyAction::space) fg = color::muted, font = fonts().small;
    if (k.action == KeyAction::done)
        bg = color::accent, fg = color::on_accent, edge = color::accent, font = fonts().body_bold;
    if (shift_on) bg = color::accent_soft, fg = color::accent, edge = color::accent;
    if (held) bg = k.action == KeyAction::done ? kAccentPressed : color::accent_soft;
    dl->AddRectFilled(a, b, bg, dp(8));
    dl->AddRect(a, b, edge, dp(8), 0, shift_on ? dp(2) : dp(1));
    const ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
    if (k.action == KeyAction::backspace) return draw_backspace_icon(dl, c, fg);
    if (k.action == KeyAction::shift) return draw_shift_icon(dl, c, fg, shift_on);
    const ImVec2 ts = text_size(font, label);
    draw_text(dl, font, ImVec2(std::round(c.x - ts.x * 0.5f), std::round(c.y - ts.y * 0.5f)), fg,
              label, 0.0f);
}

// The screen's targets under the keyboard cannot be tapped: cut them off at its top edge,
// as record_target() clips to a window, so headless scripts only find what a finger can.
void cover_targets(float top) {
    auto& targets = current_frame().targets;
    std::erase_if(targets, [&](const Target& t) { return t.min.y >= top; });
    for (Target& t : targets) {
        if (t.max.y <= top) continue;
        t.max.y = top;
        t.clipped = true;
    }
}

}  // namespace

KeyboardLabels keyboard_labels(const i18n::Catalog& cat) {
    return {cat.tr("keyboard.done"),  cat.tr("keyboard.space"),   cat.tr("keyboard.backspace"),
            cat.tr("keyboard.shift"), cat.tr("keyboard.accents"), cat.tr("keyboard.letters")};
}

KeyboardState& keyboard_state() {
    static KeyboardState state;
    return state;
}

void keyboard_digits_only() {
    if (ImGui::IsItemActive()) keyboard_state().digits_field = ImGui::GetItemID();
}

float keyboard_height() {
    return keyboard_state().height;
}

void keyboard_before_new_frame(KeyboardState& kb) {
    ImGuiIO& io = ImGui::GetIO();
    if (kb.held_scancode >= 0) io.KeysDown[kb.held_scancode] = false;  // pressed for one frame
    kb.held_scancode = -1;
    const ImVec2 p = io.MousePos;
    const bool down = io.MouseDown[0];
    const bool fresh_press = down && !kb.was_down;
    kb.was_down = down;
    if (!kb.captured) {
        if (!over_keyboard(kb, p)) return;
        // A drag that began on the screen stays ImGui's, even across the keyboard.
        if (down && !fresh_press) return;
        if (fresh_press) {
            kb.captured = true;
            kb.pressed = key_at(kb, p);
        }
    } else if (down) {
        if (kb.pressed != nullptr && key_at(kb, p) != kb.pressed) kb.pressed = nullptr;
    } else {
        // Activate on release, and only when the finger is still on the key it pressed.
        if (kb.pressed != nullptr && key_at(kb, p) == kb.pressed) activate(kb, *kb.pressed, io);
        kb.captured = false;
        kb.pressed = nullptr;
    }
    // ImGui sees no pointer at all: no hover, no click outside the active field.
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseDown[0] = false;
}

float draw_keyboard(KeyboardState& kb) {
    kb.placed.clear();
    // A press on the screen ends the field at once (ImGui 1.86), but the keyboard stays up
    // until the finger lifts: the layout must not move under a finger, or the tap misses.
    const bool finger_down = ImGui::GetIO().MouseDown[0] || kb.captured;
    if (!should_show(kb) && !(kb.height > 0 && finger_down)) {
        kb.height = 0.0f;
        kb.layer = KeyboardLayer::letters;  // the next field starts with plain letters
        kb.shift = false;
        return 0.0f;
    }
    if (text_field_active()) kb.numeric = numeric_field(kb);
    const Layout layout = layout_of(kb.layer, kb.numeric, kb.language);
    const Geometry g = geometry(layout);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    kb.area_min = ImVec2(0, g.top);
    kb.area_max = display;
    kb.height = g.height;
    cover_targets(kb.area_min.y);
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->AddRectFilled(kb.area_min, kb.area_max, kPanel);
    dl->AddLine(kb.area_min, ImVec2(display.x, g.top), color::border, dp(1));
    float y = g.top + g.pad;
    for (int r = 0; r < layout.count; ++r) {
        float x = g.left + g.pad + layout.indent[std::size_t(r)] * (g.unit + g.gap);
        for (const KeyboardKey& k : layout.rows[std::size_t(r)]) {
            const float w = k.units * g.unit + (k.units - 1.0f) * g.gap;
            const ImVec2 a(x, y), b(x + w, y + g.key_h);
            const std::string label = label_of(kb, k);
            draw_key(dl, kb, k, a, b, label);
            kb.placed.push_back({&k, a, b});
            // Not record_target(): that clips to the current window, and the keyboard is
            // drawn above every window on the foreground list.
            current_frame().targets.push_back({label, a, b, false});
            x += w + g.gap;
        }
        y += g.key_h + g.gap;
    }
    return g.height;
}

}  // namespace kt::ui
