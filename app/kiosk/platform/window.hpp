// Window: SDL2 + OpenGL3 + Dear ImGui set up once; frames are begun and ended here.
// In headless mode SDL's offscreen driver renders without any display.
#pragma once

#include <memory>
#include <string>

struct SDL_Window;
union SDL_Event;

namespace kt::kiosk {

/// The window's title on every screen: the app's name, never a client's or worker's name or
/// anything else a screen shows (window lists, task switchers and screen readers read it).
inline constexpr const char* kWindowTitle = "Keukentafel";

/// "WxH" in decimal pixels, both positive, nothing else in the text (--size, the script's
/// resize). Leaves width and height alone when the text is not one.
bool parse_window_size(const std::string& text, int& width, int& height);

struct WindowOptions {
    bool headless = false;
    bool fullscreen = false;
    int width = 1280;
    int height = 800;
    float dpi = 0.0f;  // 0: ask SDL; when SDL has no real answer, 150 (a 10-inch tablet)
};

class Window {
  public:
    /// Creates the window, GL context and ImGui context. On failure returns null and a
    /// one-line reason in `error`.
    static std::unique_ptr<Window> create(const WindowOptions& options, std::string& error);
    ~Window();

    float dpi() const { return m_dpi; }
    /// Starts a frame in the backends (call before ImGui::NewFrame()).
    void begin_frame();
    /// Renders ImGui's draw data into the back buffer (after ImGui::Render()).
    void render();
    /// Writes the back buffer as PNG; call after render() and before present().
    bool save_png(const std::string& path) const;
    void present();
    /// The window's title as the system sees it (constant: never a client's name).
    std::string title() const;
    /// Resizes the window, as a rotated tablet does; the next frame lays out anew.
    void resize(int width, int height);
    /// Feeds one SDL event to ImGui; returns false when the app should quit.
    bool handle_event(const SDL_Event& e);

  private:
    Window() = default;
    SDL_Window* m_window = nullptr;
    void* m_gl = nullptr;
    float m_dpi = 150.0f;
};

}  // namespace kt::kiosk
