# root.txt = nl.txt with its top-level table renamed (see CMakeLists.txt).
file(READ ${IN} text)
string(REGEX REPLACE "\nnl {" "\nroot {" text "${text}")
file(WRITE ${OUT} "${text}")
