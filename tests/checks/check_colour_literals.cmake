# One source for the look: no colour literal in code outside the header generated from
# assets/theme.json. Scans every C/C++ source, stylesheet and page template under ROOT's
# top-level folders except assets/ (the source of the colours), build trees, node_modules and
# check fixtures. A colour literal is "#RGB",
# "#RRGGBB" or "#RRGGBBAA"; a numeric first argument to rgb/hex/Rgb/IM_COL32/ImColor/ImVec4;
# ImGui's IM_COL32_WHITE/BLACK; a byte divided by 255; a number as cairo's source colour.
# Usage: cmake -DROOT=<dir> [-DEXPECT_LEAK=ON] -P check_colour_literals.cmake
# With EXPECT_LEAK=ON the result is inverted: the check must find a literal (proves it can fail).
if(NOT IS_DIRECTORY "${ROOT}")
  message(FATAL_ERROR "ROOT '${ROOT}' is not a directory")
endif()
file(GLOB children LIST_DIRECTORIES true "${ROOT}/*")
set(sources "")
foreach(child IN LISTS children)
  get_filename_component(name "${child}" NAME)
  if(NOT IS_DIRECTORY "${child}" OR name MATCHES "^(\\..*|build.*|assets|locales|docs|packaging|node_modules)$")
    continue()
  endif()
  file(GLOB_RECURSE found "${child}/*.cpp" "${child}/*.hpp" "${child}/*.h" "${child}/*.cc"
       "${child}/*.css" "${child}/*.mustache" "${child}/*.html")
  list(FILTER found EXCLUDE REGEX "/checks/fixtures/")
  list(APPEND sources ${found})
endforeach()
if(EXPECT_LEAK)
  file(GLOB_RECURSE sources "${ROOT}/*.cpp" "${ROOT}/*.hpp")
endif()
list(LENGTH sources count)
if(count EQUAL 0)
  message(FATAL_ERROR "no sources under ${ROOT}: nothing was checked")
endif()

set(hex "[0-9A-Fa-f]")
set(patterns
  "#${hex}${hex}${hex}(${hex}${hex}${hex}(${hex}${hex})?)?([^0-9A-Za-z_]|$)"
  "(^|[^A-Za-z_])(rgba?|hex|Rgb|IM_COL32|ImColor|ImVec4)[ \t]*[({][ \t]*(0x|[0-9.])"
  "IM_COL32_(WHITE|BLACK)"
  "0x${hex}${hex}[ \t]*/[ \t]*255"
  "cairo_set_source_rgba?[ \t]*\\([^,]+,[ \t]*[0-9.]")
list(JOIN patterns "|" any)

# Lines as list items, with their own semicolons kept out of the list's way.
set(leaks "")
set(code_lines 0)
foreach(f IN LISTS sources)
  file(READ "${f}" text)
  string(REPLACE ";" "<semicolon>" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  foreach(line IN LISTS lines)
    if(line MATCHES "^[ \t]*[^ \t/]")
      math(EXPR code_lines "${code_lines} + 1")
    endif()
    if(line MATCHES "${any}")
      string(STRIP "${line}" line)
      string(REPLACE "<semicolon>" "" line "${line}")
      list(APPEND leaks "${f}: ${line}")
    endif()
  endforeach()
endforeach()

list(LENGTH leaks leak_count)
if(EXPECT_LEAK)
  if(NOT leak_count EQUAL code_lines)
    message(FATAL_ERROR "expected all ${code_lines} fixture lines to be reported, found ${leak_count}")
  endif()
  message(STATUS "the check reports ${leak_count} colour literal(s) in the fixture, as it should")
elseif(leak_count GREATER 0)
  string(REPLACE ";" "\n  " report "${leaks}")
  message(FATAL_ERROR "colour literals outside assets/theme.json (add the colour there and "
                      "use kt::assets):\n  ${report}")
else()
  message(STATUS "${count} files: no colour literal outside assets/theme.json")
endif()
