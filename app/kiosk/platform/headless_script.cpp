#include "platform/headless_script.hpp"

#include <SDL.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <vector>

#include "platform/frame_loop.hpp"
#ifdef KT_TEST_HOOKS
#include "store/fault_vfs.hpp"
#endif
#include "widgets/frame_record.hpp"
#include "widgets/keyboard.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::kiosk {

namespace {

// Splits a line into words; "double quoted" words may hold spaces (\" and \\ escape).
std::optional<std::vector<std::string>> split(const std::string& line) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        if (i >= line.size()) break;
        std::string w;
        if (line[i] == '"') {
            ++i;
            while (i < line.size() && line[i] != '"') {
                if (line[i] == '\\' && i + 1 < line.size()) ++i;
                w += line[i++];
            }
            if (i >= line.size()) return std::nullopt;  // unterminated quote
            ++i;
        } else {
            while (i < line.size() && line[i] != ' ' && line[i] != '\t')
                w += line[i++];
        }
        out.push_back(w);
    }
    return out;
}

// A key with optional modifiers: "Enter", "Ctrl+C", "Ctrl+Shift+Left".
struct KeyPress {
    int scancode = -1;
    bool ctrl = false, shift = false;
};

int scancode_for(const std::string& name);

KeyPress key_for(std::string name) {
    KeyPress k;
    for (;;) {
        if (name.rfind("Ctrl+", 0) == 0) {
            k.ctrl = true;
            name.erase(0, 5);
        } else if (name.rfind("Shift+", 0) == 0) {
            k.shift = true;
            name.erase(0, 6);
        } else {
            break;
        }
    }
    k.scancode = scancode_for(name);
    return k;
}

int scancode_for(const std::string& name) {
    static const std::map<std::string, int> keys = {
        {"A", SDL_SCANCODE_A},
        {"C", SDL_SCANCODE_C},
        {"V", SDL_SCANCODE_V},
        {"X", SDL_SCANCODE_X},
        {"Insert", SDL_SCANCODE_INSERT},
        {"Enter", SDL_SCANCODE_RETURN},
        {"Return", SDL_SCANCODE_RETURN},
        {"Tab", SDL_SCANCODE_TAB},
        {"Backspace", SDL_SCANCODE_BACKSPACE},
        {"Escape", SDL_SCANCODE_ESCAPE},
        {"Delete", SDL_SCANCODE_DELETE},
        {"Left", SDL_SCANCODE_LEFT},
        {"Right", SDL_SCANCODE_RIGHT},
        {"Up", SDL_SCANCODE_UP},
        {"Down", SDL_SCANCODE_DOWN},
        {"Home", SDL_SCANCODE_HOME},
        {"End", SDL_SCANCODE_END},
    };
    const auto it = keys.find(name);
    return it == keys.end() ? -1 : it->second;
}

const ui::Target* find_target(const std::string& label) {
    const auto& targets = ui::last_frame().targets;
    for (const auto& t : targets)
        if (t.label == label) return &t;
    for (const auto& t : targets)
        if (t.label.find(label) != std::string::npos) return &t;
    return nullptr;
}

// The first fully visible target smaller than `mm` in width or height, if any.
const ui::Target* small_target(float mm) {
    const float px = mm / 25.4f * ui::scale().dpi;
    for (const auto& t : ui::last_frame().targets) {
        if (t.clipped) continue;
        if (t.max.x - t.min.x + 0.5f < px || t.max.y - t.min.y + 0.5f < px) return &t;
    }
    return nullptr;
}

// SDL's clipboard: the desktop's (X11, Wayland) or, offscreen, SDL's own process-wide one.
bool system_clipboard_is(const std::string& text) {
    char* now = SDL_GetClipboardText();
    const bool same = now != nullptr && text == now;
    SDL_free(now);
    return same;
}

bool text_drawn(const std::string& text) {
    for (const auto& t : ui::last_frame().texts)
        if (t.find(text) != std::string::npos) return true;
    return false;
}

// Drawn whole where it can be read: not clipped by a scrolling list, not under the keyboard.
bool text_in_view(const std::string& text) {
    constexpr float kSlack = 1.0f;
    const float keyboard_top = ImGui::GetIO().DisplaySize.y - ui::keyboard_height();
    for (const auto& t : ui::last_frame().placed)
        if (t.text.find(text) != std::string::npos && t.min.x >= t.clip_min.x - kSlack &&
            t.min.y >= t.clip_min.y - kSlack && t.max.x <= t.clip_max.x + kSlack &&
            t.max.y <= t.clip_max.y + kSlack && t.max.y <= keyboard_top + kSlack)
            return true;
    return false;
}

// expect-above: the touch target `upper` ends where `lower` begins or higher up.
std::string above(const std::string& upper, const std::string& lower) {
    const ui::Target* u = find_target(upper);
    const ui::Target* l = find_target(lower);
    if (!u || !l) return "no touch target";
    return u->max.y <= l->min.y + 1.0f ? "" : "not above";
}

// The expect-… commands, on the last frame: nullopt when `w` is none of them, else "" when
// it holds or why it does not.
std::optional<std::string> check_expectation(const std::vector<std::string>& w,
                                             const Window& window) {
    const std::string& cmd = w[0];
    if (cmd == "expect-text" && w.size() == 2) return text_drawn(w[1]) ? "" : "text not drawn";
    if (cmd == "expect-no-text" && w.size() == 2)
        return text_drawn(w[1]) ? "text drawn after all" : "";
    if (cmd == "expect-text-in-view" && w.size() == 2)
        return text_in_view(w[1]) ? "" : "text not wholly in view";
    if (cmd == "expect-above" && w.size() == 3) return above(w[1], w[2]);
    if (cmd == "expect-target" && w.size() == 2) {
        const ui::Target* t = find_target(w[1]);
        return t && !t->clipped ? "" : "no fully visible target";
    }
    if (cmd == "expect-targets-min-mm" && w.size() == 2) {
        const ui::Target* t = small_target(std::stof(w[1]));
        if (!t) return "";
        std::fprintf(stderr, "target %.0fx%.0f px: %s\n", t->max.x - t->min.x, t->max.y - t->min.y,
                     t->label.c_str());
        return "touch target too small";
    }
    if (cmd == "expect-no-overlap" && w.size() == 1) {
        const std::string found = ui::find_overlaps(ui::last_frame());
        std::fputs(found.c_str(), stderr);
        return found.empty() ? "" : "overlap";
    }
    if (cmd == "expect-title" && w.size() == 2)
        return window.title() == w[1] ? "" : "window title differs";
    if (cmd == "expect-system-clipboard" && w.size() == 2)
        return system_clipboard_is(w[1]) ? "" : "system clipboard changed";
    return std::nullopt;
}

class Runner {
  public:
    Runner(Window& w, KioskApp& a, OffsetClock& c) : m_window(w), m_app(a), m_clock(c) {}

    void frames(int n, InjectedInput in) {
        for (int i = 0; i < n; ++i) {
            run_frame(m_window, m_app, &in);
            in.chars.clear();
            in.scancode = -1;
        }
    }
    void idle(int n) { frames(n, InjectedInput{m_pointer, false, {}, -1}); }

    void tap(ImVec2 p) {
        m_pointer = p;
        frames(1, {p, false, {}, -1});  // hover first, as a finger arrives
        frames(1, {p, true, {}, -1});
        frames(1, {p, false, {}, -1});
        idle(2);  // commands applied; let the new state settle
    }

    // A placed drag: the finger moves, rests a moment, then lifts (no glide after).
    void drag(ImVec2 a, ImVec2 b) { move(a, b, 12, 8); }
    // A flick: the finger lifts while moving fast; the list glides until it rests.
    void fling(ImVec2 a, ImVec2 b) {
        move(a, b, 6, 0);
        for (int i = 0; i < 600 && ui::scroll_gliding(); ++i)
            idle(1);
    }

    void move(ImVec2 a, ImVec2 b, int steps, int rest) {
        frames(1, {a, false, {}, -1});
        for (int i = 0; i <= steps; ++i) {
            const float t = static_cast<float>(i) / steps;
            frames(1, {ImVec2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t), true, {}, -1});
        }
        frames(rest, {b, true, {}, -1});
        m_pointer = b;
        frames(1, {b, false, {}, -1});
        idle(2);
    }

    void type(const std::string& text) {
        frames(1, {m_pointer, false, text, -1});
        idle(1);
    }
    void key(const KeyPress& k) {
        frames(1, {m_pointer, false, {}, k.scancode, k.ctrl, k.shift});
        idle(2);
    }
    bool screenshot(const std::string& path) {
        bool ok = false;
        InjectedInput in{m_pointer, false, {}, -1};
        run_frame(m_window, m_app, &in, &path, &ok);
        return ok;
    }
    // A sync or enrollment runs on its own thread; a script waits for its outcome.
    void wait_sync() {
        m_app.session().wait_for_sync();
        idle(3);
    }

    void advance_clock(double seconds) {
        m_clock.advance(seconds);
        idle(3);  // a frame notices the deadline, the next ones show what followed
    }
    // Someone sets the device's date and time: the wall clock jumps, timers do not.
    void set_wall_clock(double seconds) {
        m_clock.jump_wall(seconds);
        idle(3);
    }

  private:
    Window& m_window;
    KioskApp& m_app;
    OffsetClock& m_clock;
    ImVec2 m_pointer{-FLT_MAX, -FLT_MAX};
};

int fail(int code, int line_no, const std::string& line, const char* why) {
    std::fprintf(stderr, "script line %d: %s: %s\n", line_no, why, line.c_str());
    return code;
}

}  // namespace

int run_script(Window& window, KioskApp& app, OffsetClock& clock, const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        std::fprintf(stderr, "keukentafel: cannot read script %s\n", path.c_str());
        return 2;
    }
    clock.freeze();  // time moves only with advance-clock: runs repeat on a busy machine
    Runner r(window, app, clock);
    r.idle(kSettleFrames);  // what the interactive loop shows once the first screen settled
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        auto words = split(line);
        if (!words) return fail(1, n, line, "unterminated quote");
        if (words->empty() || (*words)[0][0] == '#') continue;
        const auto& w = *words;
        const std::string& cmd = w[0];
        try {
            if (const auto why = check_expectation(w, window)) {
                if (!why->empty()) return fail(kExitScriptExpectation, n, line, why->c_str());
            } else if (cmd == "tap" && w.size() == 3) {
                r.tap(ImVec2(std::stof(w[1]), std::stof(w[2])));
            } else if (cmd == "tap-text" && w.size() == 2) {
                const ui::Target* t = find_target(w[1]);
                if (!t) return fail(kExitScriptExpectation, n, line, "no touch target");
                r.tap(t->centre());
            } else if (cmd == "drag" && w.size() == 5) {
                r.drag(ImVec2(std::stof(w[1]), std::stof(w[2])),
                       ImVec2(std::stof(w[3]), std::stof(w[4])));
            } else if (cmd == "drag-text" && w.size() == 4) {
                const ui::Target* t = find_target(w[1]);
                if (!t) return fail(kExitScriptExpectation, n, line, "no touch target");
                r.drag(t->centre(), ImVec2(std::stof(w[2]), std::stof(w[3])));
            } else if (cmd == "fling" && w.size() == 5) {
                r.fling(ImVec2(std::stof(w[1]), std::stof(w[2])),
                        ImVec2(std::stof(w[3]), std::stof(w[4])));
            } else if (cmd == "type" && w.size() == 2) {
                r.type(w[1]);
            } else if (cmd == "key" && w.size() == 2 && key_for(w[1]).scancode >= 0) {
                r.key(key_for(w[1]));
            } else if (cmd == "set-system-clipboard" && w.size() == 2) {
                SDL_SetClipboardText(w[1].c_str());
            } else if (cmd == "frames" && w.size() == 2) {
                r.idle(std::stoi(w[1]));
            } else if (cmd == "advance-clock" && w.size() == 2) {
                r.advance_clock(std::stod(w[1]));
            } else if (cmd == "wall-clock-jump" && w.size() == 2) {
                r.set_wall_clock(std::stod(w[1]));
#ifdef KT_TEST_HOOKS
            } else if (cmd == "fault" && w.size() == 2) {
                const auto plan = store::faults::parse_plan(w[1]);
                if (!plan) return fail(1, n, line, "malformed fault plan");
                store::faults::arm(*plan);
#endif
            } else if (cmd == "wait-sync" && w.size() == 1) {
                r.wait_sync();
            } else if (cmd == "screenshot" && w.size() == 2) {
                if (!r.screenshot(w[1])) return fail(2, n, line, "screenshot failed");
            } else if (cmd == "resize" && w.size() == 2) {
                int width = 0, height = 0;
                if (!parse_window_size(w[1], width, height) || width < 320 || height < 320)
                    return fail(1, n, line, "malformed size");
                window.resize(width, height);
                r.idle(3);
            } else if (cmd == "kill" && w.size() == 1) {
                std::raise(SIGKILL);  // a crash or power cut right now: tests durability
            } else {
                return fail(1, n, line, "unknown or malformed command");
            }
        } catch (const std::exception&) {
            return fail(1, n, line, "malformed number");
        }
    }
    return 0;
}

}  // namespace kt::kiosk
