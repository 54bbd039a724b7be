# Layering check for one library: no source under DIR includes a header whose path starts
# with one of FORBID, and DIR/CMakeLists.txt links nothing matching LINK_FORBID. The table of
# what each library may use is in docs/architecture.md ("Layers").
# Usage: cmake -DDIR=<dir> -DFORBID=<regex> [-DLINK_FORBID=<regex>] [-DSKIP=<subdir regex>]
#              [-DEXPECT_LEAK=ON] -P check_layers.cmake
# FORBID is an alternation of include prefixes ("imgui|SDL|report/"); with EXPECT_LEAK=ON the
# result is inverted: the check must find a forbidden include (proves it can fail).
if(NOT IS_DIRECTORY "${DIR}")
  message(FATAL_ERROR "DIR '${DIR}' is not a directory")
endif()
if(NOT FORBID)
  message(FATAL_ERROR "FORBID is empty: nothing would be checked")
endif()
file(GLOB_RECURSE sources "${DIR}/*.cpp" "${DIR}/*.hpp" "${DIR}/*.h" "${DIR}/*.cc")
if(SKIP)
  list(FILTER sources EXCLUDE REGEX "^${DIR}/(${SKIP})/")
endif()
list(LENGTH sources count)
if(count EQUAL 0)
  message(FATAL_ERROR "no sources under ${DIR}: nothing was checked")
endif()

set(leaks "")
foreach(f IN LISTS sources)
  file(STRINGS "${f}" hits REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](${FORBID})")
  foreach(h IN LISTS hits)
    list(APPEND leaks "${f}: ${h}")
  endforeach()
endforeach()

if(LINK_FORBID AND EXISTS "${DIR}/CMakeLists.txt")
  file(STRINGS "${DIR}/CMakeLists.txt" lines)
  foreach(l IN LISTS lines)
    string(TOLOWER "${l}" lower)
    if(NOT lower MATCHES "^[ \t]*#" AND lower MATCHES "(${LINK_FORBID})")
      list(APPEND leaks "${DIR}/CMakeLists.txt: ${l}")
    endif()
  endforeach()
endif()

list(LENGTH leaks leak_count)
if(EXPECT_LEAK)
  if(leak_count EQUAL 0)
    message(FATAL_ERROR "expected the fixture's forbidden includes to be reported, found none")
  endif()
  message(STATUS "the check reports ${leak_count} forbidden include(s) in the fixture")
elseif(leak_count GREATER 0)
  string(REPLACE ";" "\n  " report "${leaks}")
  message(FATAL_ERROR "${DIR} uses what its layer may not (docs/architecture.md):\n  ${report}")
else()
  message(STATUS "${count} files in ${DIR}: every include within its layer")
endif()
