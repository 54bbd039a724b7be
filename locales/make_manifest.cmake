# Writes OUT: one "<sha256>  <name>" line per compiled bundle (*.res) in DIR, the manifest
# i18n::Catalog checks every bundle against before ICU reads it.
file(GLOB bundles LIST_DIRECTORIES false ${DIR}/*.res)
list(SORT bundles)
set(lines "")
foreach(f IN LISTS bundles)
  file(SHA256 ${f} digest)
  get_filename_component(name ${f} NAME)
  string(APPEND lines "${digest}  ${name}\n")
endforeach()
file(WRITE ${OUT} "${lines}")
