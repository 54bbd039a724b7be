#include "platform/frame_loop.hpp"

#include <SDL.h>

#include "widgets/frame_record.hpp"
#include "widgets/keyboard.hpp"
#include "widgets/touch.hpp"

namespace kt::kiosk {

namespace {

void inject(const InjectedInput& in) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = in.pointer;
    io.MouseDown[0] = in.down;
    io.DeltaTime = 1.0f / 60.0f;  // scripted frames are evenly spaced: repeatable runs
    if (!in.chars.empty()) io.AddInputCharactersUTF8(in.chars.c_str());
    for (bool& k : io.KeysDown)
        k = false;
    if (in.scancode >= 0 && in.scancode < IM_ARRAYSIZE(io.KeysDown))
        io.KeysDown[in.scancode] = true;
    io.KeyCtrl = in.ctrl;
    io.KeyShift = in.shift;
}

}  // namespace

bool run_frame(Window& window, KioskApp& app, const InjectedInput* input,
               const std::string* screenshot, bool* screenshot_ok) {
    window.begin_frame();
    if (input) inject(*input);
    ui::keyboard_before_new_frame(ui::keyboard_state());  // sees injected input too
    ImGui::NewFrame();
    app.draw();
    ui::draw_keyboard(ui::keyboard_state());
    ImGui::Render();
    window.render();
    if (screenshot) {
        const bool ok = window.save_png(*screenshot);
        if (screenshot_ok) *screenshot_ok = ok;
    }
    window.present();
    ui::end_frame_record();
    return app.apply();
}

void run_interactive(Window& window, KioskApp& app) {
    int frames_left = kSettleFrames;
    bool running = true;
    while (running) {
        SDL_Event e;
        if (frames_left <= 0) {
            // Sleep until an event, the idle lock or the next second of a passphrase delay:
            // 0 % CPU in between.
            const double due = app.seconds_until_redraw();
            const int timeout = due > 86400 ? -1 : static_cast<int>(due * 1000.0) + 50;
            if (SDL_WaitEventTimeout(&e, timeout) != 0) running = window.handle_event(e);
            frames_left = kSettleFrames;
        }
        while (running && SDL_PollEvent(&e)) {
            running = window.handle_event(e);
            frames_left = kSettleFrames;
        }
        if (!running) break;
        if (run_frame(window, app, nullptr) || ui::scroll_gliding()) frames_left = kSettleFrames;
        --frames_left;
    }
}

}  // namespace kt::kiosk
