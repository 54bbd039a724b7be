#include "platform/window.hpp"

#include <SDL.h>
#include <SDL_opengl.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>
#include <stb_image_write.h>

#include <charconv>
#include <string>
#include <vector>

#include "crypto/secure_heap.hpp"
#include "widgets/theme.hpp"

namespace kt::kiosk {

bool parse_window_size(const std::string& text, int& width, int& height) {
    const char* end = text.data() + text.size();
    int w = 0, h = 0;
    auto [x, e1] = std::from_chars(text.data(), end, w);
    if (e1 != std::errc() || x == end || *x != 'x') return false;
    auto [rest, e2] = std::from_chars(x + 1, end, h);
    if (e2 != std::errc() || rest != end || w <= 0 || h <= 0) return false;
    width = w;
    height = h;
    return true;
}

namespace {

// In-app clipboard: copied text never reaches the system clipboard (security-tests.md §4.4).
std::string g_clipboard;
const char* get_clipboard(void*) {
    return g_clipboard.c_str();
}
void set_clipboard(void*, const char* text) {
    g_clipboard = text ? text : "";
}

// ImGui keeps typed text and every label (client names) in its own heap blocks: zero them
// when freed (security-tests.md finding 6, T-17).
void* imgui_alloc(size_t size, void*) {
    return crypto::zeroing_malloc(size);
}
void imgui_free(void* block, void*) {
    crypto::zeroing_free(block);
}

float detect_dpi(float requested) {
    if (requested > 0) return requested;
    float ddpi = 0;
    // X servers commonly report a placeholder 96; treat anything implausible as unknown.
    if (SDL_GetDisplayDPI(0, &ddpi, nullptr, nullptr) == 0 && ddpi >= 110.0f && ddpi <= 400.0f)
        return ddpi;
    return 150.0f;
}

}  // namespace

std::unique_ptr<Window> Window::create(const WindowOptions& o, std::string& error) {
    if (o.headless) SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_APP_NAME, "Keukentafel");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        error = std::string("SDL: ") + SDL_GetError();
        return nullptr;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
    if (o.fullscreen)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    else if (!o.headless)
        flags |= SDL_WINDOW_RESIZABLE;
    std::unique_ptr<Window> w(new Window());
    // The title is constant: never a client's name (privacy).
    w->m_window = SDL_CreateWindow(kWindowTitle, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                   o.width, o.height, flags);
    if (w->m_window == nullptr) {
        error = std::string("SDL window: ") + SDL_GetError();
        return nullptr;
    }
    w->m_gl = SDL_GL_CreateContext(w->m_window);
    if (w->m_gl == nullptr) {
        error = std::string("OpenGL: ") + SDL_GetError();
        return nullptr;
    }
    SDL_GL_MakeCurrent(w->m_window, w->m_gl);
    SDL_GL_SetSwapInterval(o.headless ? 0 : 1);
    w->m_dpi = detect_dpi(o.dpi);

    IMGUI_CHECKVERSION();
    ImGui::SetAllocatorFunctions(imgui_alloc, imgui_free, nullptr);
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini: it could hold window titles
    io.LogFilename = nullptr;
    io.ConfigInputTextCursorBlink = false;  // a blinking caret would need frames forever
    io.ConfigFlags |= ImGuiConfigFlags_IsTouchScreen;
    ui::set_scale(w->m_dpi);
    if (!ui::load_fonts()) {
        error = "fonts missing: install fonts-noto-core (packaging/install-deps.sh)";
        return nullptr;
    }
    ui::apply_style();
    ImGui_ImplSDL2_InitForOpenGL(w->m_window, w->m_gl);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    io.GetClipboardTextFn = get_clipboard;
    io.SetClipboardTextFn = set_clipboard;
    return w;
}

Window::~Window() {
    if (ImGui::GetCurrentContext()) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (m_gl) SDL_GL_DeleteContext(m_gl);
    if (m_window) SDL_DestroyWindow(m_window);
    SDL_Quit();
}

void Window::begin_frame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
}

void Window::render() {
    const ImGuiIO& io = ImGui::GetIO();
    glViewport(0, 0, static_cast<int>(io.DisplaySize.x), static_cast<int>(io.DisplaySize.y));
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(ui::color::background);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

bool Window::save_png(const std::string& path) const {
    int w = 0, h = 0;
    SDL_GL_GetDrawableSize(m_window, &w, &h);
    std::vector<unsigned char> px(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    stbi_flip_vertically_on_write(1);
    return stbi_write_png(path.c_str(), w, h, 4, px.data(), w * 4) != 0;
}

std::string Window::title() const {
    const char* t = SDL_GetWindowTitle(m_window);
    return t ? t : "";
}

void Window::resize(int width, int height) {
    SDL_SetWindowSize(m_window, width, height);
}

void Window::present() {
    SDL_GL_SwapWindow(m_window);
}

bool Window::handle_event(const SDL_Event& e) {
    ImGui_ImplSDL2_ProcessEvent(&e);
    if (e.type == SDL_QUIT) return false;
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE) return false;
    return true;
}

}  // namespace kt::kiosk
